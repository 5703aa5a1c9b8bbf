"""The interface language: chosen per user, kept across sessions, and nothing English left on
the pages a lawyer uses in a day when the language is Russian."""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser

import pytest
from babel.messages.pofile import read_po

from app.i18n import CATALOGS
from app.models import User
from app.services.timeline import record_event
from tests.integration.conftest import PASSWORD


def html_language(response) -> str:
    return re.search(r'<html lang="([a-z]+)"', response.get_data(as_text=True)).group(1)


def test_a_visitor_chooses_the_language_before_logging_in(client):
    response = client.post("/language", data={"language": "ru", "next": "/login"})
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    page = client.get("/login")
    assert html_language(page) == "ru"
    assert "Войти" in page.get_data(as_text=True)


def test_the_browser_language_is_the_default(client):
    assert html_language(client.get("/login", headers={"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5"})) == "ru"
    assert html_language(client.get("/login", headers={"Accept-Language": "kk"})) == "kk"
    assert html_language(client.get("/login", headers={"Accept-Language": "de"})) == "en"


def test_a_user_s_choice_is_kept_with_the_user(app, client, session, lawyer):
    client.post("/login", data={"email": lawyer.email, "password": PASSWORD})
    response = client.post("/language", data={"language": "kk", "next": "/cases"}, follow_redirects=True)
    assert html_language(response) == "kk"
    session.expire_all()
    assert session.get(User, lawyer.id).language == "kk"
    with app.test_client() as other:  # another browser, which prefers English
        other.post("/login", data={"email": lawyer.email, "password": PASSWORD})
        assert html_language(other.get("/cases", headers={"Accept-Language": "en"})) == "kk"


def test_an_unknown_language_is_refused_and_nothing_changes(client, session, lawyer):
    client.post("/login", data={"email": lawyer.email, "password": PASSWORD})
    response = client.post("/language", data={"language": "xx", "next": "/cases"}, follow_redirects=True)
    assert "Choose one of the languages offered." in response.get_data(as_text=True)
    session.expire_all()
    assert session.get(User, lawyer.id).language is None
    assert html_language(response) == "en"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"])
def test_the_switch_only_returns_to_this_site(client, target):
    response = client.post("/language", data={"language": "ru", "next": target})
    assert response.headers["Location"] == "/"


class _Text(HTMLParser):
    """The text a reader sees, and the labels of controls (placeholders, titles, buttons)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in ("placeholder", "title", "aria-label", "alt") and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts))


@cache
def english_texts(language: str = "ru") -> list[str]:
    """The interface's English texts of two words or more, without placeholders."""
    with (CATALOGS / language / "LC_MESSAGES" / "messages.po").open("rb") as source:
        catalog = read_po(source)
    # Texts that read the same in Russian (codes, "DOMAIN.md §5") are not English left over.
    ids = [m.id for m in catalog if isinstance(m.id, str) and m.id and "%" not in m.id and m.string != m.id]
    return sorted({i for i in ids if len(i.split()) >= 2 and re.search("[a-z]", i)}, key=len, reverse=True)


def assert_no_english(client, path: str, language: str = "ru") -> None:
    """The page answers, and none of the interface's English texts is left on it."""
    response = client.get(path)
    assert response.status_code == 200, path
    text = visible_text(response.get_data(as_text=True))
    left = [english for english in english_texts(language)
            if re.search(rf"(?<![\w-]){re.escape(english)}(?![\w-])", text)]
    assert not left, f"{path}: English interface text on a page in {language}: {left[:10]}"


@pytest.fixture
def busy_case(session, case, lawyer):
    """A case with a complaint, and a termination served on Friday 7 June 2024: the appeal term's
    last day is a Saturday and moves over the weekend."""
    record_event(session, case, {"type": "complaint_filed", "at": "2024-06-03T10:00", "source": "Complaint, p. 1",
                                 "fields": {"to_body": "prosecutor"}},
                 user=lawyer)
    terminated = record_event(session, case, {"type": "investigation_terminated", "at": "2024-06-05",
                                              "source": "Decision", "fields": {"ground": "cpc_35_1_unstated"}},
                              user=lawyer)
    record_event(session, case, {"type": "decision_served", "at": "2024-06-07", "source": "Receipt",
                                 "fields": {"decision": terminated.uid}}, user=lawyer)
    session.commit()
    return case


PAGES = ["/", "/cases/KZ-2021-0001", "/cases/new", "/cases/KZ-2021-0001/edit", "/cases/KZ-2021-0001/people/new",
         "/people/", "/dashboard", "/rules", "/calendar/", "/reminders", "/statistics", "/statistics/vocabularies",
         "/cases/KZ-2021-0001/events/new", "/cases/KZ-2021-0001/events/new?type=decision_served",
         "/cases/KZ-2021-0001/drafts/new", "/import", "/account/two-factor"]
# What supervisors and admins see besides.
OTHER_PAGES = {"supervisor": ["/approvals", "/audit/users", "/audit/cases/KZ-2021-0001", "/admin/assignments",
                              "/admin/handover"],
               "admin": ["/admin/users", "/admin/users/new", "/admin/law", "/admin/vocabularies", "/admin/procedures"]}


@pytest.mark.parametrize("language", ["ru", "kk"])
@pytest.mark.parametrize("path", PAGES)
def test_a_lawyer_reads_no_english_interface_text(client, session, lawyer, busy_case, path, language):
    lawyer.language = language
    session.commit()
    client.post("/login", data={"email": lawyer.email, "password": PASSWORD})
    assert_no_english(client, path, language)


@pytest.mark.parametrize(("role", "path"), [(role, path) for role, paths in OTHER_PAGES.items() for path in paths])
def test_supervisors_and_admins_read_no_english_interface_text(client, session, make_user, busy_case, role, path):
    user = make_user(role)
    user.language = "ru"
    session.commit()
    client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert_no_english(client, path)


def test_a_due_date_explains_itself_in_russian(client, session, lawyer, busy_case):
    lawyer.language = "ru"
    session.commit()
    client.post("/login", data={"email": lawyer.email, "password": PASSWORD})
    text = visible_text(client.get("/cases/KZ-2021-0001").get_data(as_text=True))
    assert "15 дней" in text  # the appeal term, in the plural a number takes
    assert "22 июн. (суббота)" in text and "вс 23 июн. (воскресенье)" in text
    assert "пн 24 июн. 2024, 24:00" in text
    assert "УПК" in text and "CPC" not in text
