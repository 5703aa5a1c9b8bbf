"""The coalition's statistics page and its CSV: exact counts on a small world of known cases,
counted only over the cases each user may see, filtered by year and region."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
from sqlalchemy import delete, select

from app.models import Case, CaseFlag, User
from app.services.assignments import assign_lawyer
from app.services.cases import create_case
from app.services.timeline import local_now, record_event
from tests.integration.conftest import PASSWORD, recorded_statements

SOURCE = "lawyer's file"


def login_as(client, user):
    client.post("/logout")
    assert client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 302
    return client


def _case(session, owner, reference, events=(), **data):
    case = create_case(session, reference=reference, created_by=owner, data={"title": reference, **data})
    for kind, at, fields in events:
        record_event(session, case, {"type": kind, "at": at, "source": SOURCE, "fields": fields}, user=None)
    return case


@pytest.fixture
def world(session, make_user):
    """Six cases. Lawyer A works on 1, 2, 3 and 5; lawyer B on 4 and 2; the admin on 1 only; case 6
    was opened by the supervisor and nobody is assigned to it.

    case  region       agency        victim            year  stages               outcome events
    1     almaty_city  police        woman             2019  closed               filed, registered, terminated
                                                                                  (no corpus delicti)
    2     almaty_city  nsc           woman, minor      2020  closed               filed, registered, sent to court,
                                                                                  convicted
    3     shymkent     police        disability        2021  closed, appeal       filed, refused (the incident
                                                                                  comes after a reprisal)
    4     shymkent     -             foreign national  2021  closed               filed, registered, terminated
                                                                                  twice (lack of evidence, no event)
    5     -            police        -                 -     intake (file closed) none
    6     astana       penitentiary  in custody now    2022  international        UN communication
    """
    a, b, supervisor, admin = (make_user(role) for role in ("lawyer", "lawyer", "supervisor", "admin"))
    one = _case(session, a, "KZ-2019-0001", region="almaty_city", perpetrator_agency="police",
                victim_flags=["woman"], events=[
                    ("incident", "2019-03-01", {}),
                    ("complaint_filed", "2019-03-02", {"to_body": "prosecutor"}),
                    ("registered_urpti", "2019-03-05", {}),
                    ("investigation_terminated", "2019-06-01", {"ground": "no_corpus_delicti"})])
    two = _case(session, a, "KZ-2020-0002", region="almaty_city", perpetrator_agency="nsc",
                victim_flags=["woman", "minor"], events=[
                    ("complaint_filed", "2020-05-01", {"to_body": "prosecutor"}),
                    ("registered_urpti", "2020-05-02", {}),
                    ("indictment_sent_to_court", "2020-09-01", {}),
                    ("verdict", "2021-01-10", {"outcome": "convicted"})])
    _case(session, a, "KZ-2021-0003", region="shymkent", perpetrator_agency="police",
          victim_flags=["disability"], events=[
              ("reprisal", "2020-12-30", {"kind": "threat"}),
              ("incident", "2021-02-01", {}),
              ("complaint_filed", "2021-02-03", {"to_body": "police"}),
              ("registration_refused", "2021-02-10", {}),
              ("appeal_filed", "2021-02-15", {"to_body": "prosecutor"})])
    _case(session, b, "KZ-2021-0004", region="shymkent", victim_flags=["foreign_national"], events=[
        ("incident", "2021-04-01", {}),
        ("complaint_filed", "2021-04-02", {"to_body": "prosecutor"}),
        ("registered_urpti", "2021-04-03", {}),
        ("investigation_terminated", "2021-07-01", {"ground": "cpc_35_1_unstated"}),
        ("appeal_filed", "2021-07-05", {"to_body": "investigating_judge"}),
        ("appeal_decided", "2021-07-20", {"outcome": "granted"}),
        ("investigation_terminated", "2021-09-01", {"ground": "no_event"})])
    five = _case(session, a, "KZ-2022-0005", perpetrator_agency="police")
    five.closed_at = local_now()
    _case(session, supervisor, "KZ-2022-0006", region="astana", perpetrator_agency="penitentiary",
          victim_flags=["in_custody_now"], events=[
              ("un_communication_submitted", "2022-05-01", {"committee": "CAT"})])
    assign_lawyer(session, two, b)
    assign_lawyer(session, one, admin)
    session.commit()
    return {"a": a, "b": b, "supervisor": supervisor, "admin": admin}


@pytest.fixture
def known_flags(session, world):
    """The derived flags replaced by known ones: active, expired, not yet active."""
    ids = {reference[-1]: case_id for reference, case_id in session.execute(select(Case.reference, Case.id))}
    now = local_now()
    session.execute(delete(CaseFlag))

    def flag(case, rule, severity, key, *, since=None, until=None):
        session.add(CaseFlag(case_id=ids[case], rule=rule, severity=severity, key=key, explanation="x",
                             active_from=since, active_until=until))

    flag("1", "reprisal", "critical", "r1")
    flag("1", "interrogation-without-lawyer", "high", "i1")
    flag("1", "interrogation-without-lawyer", "high", "i2")  # twice in one case: one case
    flag("3", "reprisal", "critical", "r3", since=now - timedelta(days=2))
    flag("4", "appeal-deadline", "high", "a4", until=now + timedelta(days=2))
    flag("4", "appeal-deadline", "critical", "a4c", until=now - timedelta(days=1))  # over
    flag("6", "stalled-case", "info", "s6", since=now + timedelta(days=1))  # not yet
    flag("2", "hrc-window-closing", "high", "h2")
    session.commit()


def _table(page: str, key: str) -> dict[str, int]:
    """The data table of one section: code -> count."""
    body = page.split(f'<section id="stat-{key}">', 1)[1].split("</section>", 1)[0]
    return {code: int(count) for code, count in re.findall(
        r'<tr data-code="([^"]*)"[^>]*>.*?<td class="count">(\d+)</td>', body, re.S)}


def _chart(page: str, key: str) -> str:
    body = page.split(f'<section id="stat-{key}">', 1)[1].split("</section>", 1)[0]
    return body.split("<svg", 1)[1].split("</svg>", 1)[0]


def _csv(client, query: str = "") -> dict[str, dict[str, int]]:
    response = client.get(f"/statistics.csv{query}")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["section", "code", "label", "count"]
    sections: dict[str, dict[str, int]] = {}
    for section, code, _label, count in rows[1:]:
        assert code not in sections.setdefault(section, {}), (section, code)
        sections[section][code] = int(count)
    return sections


def _page(client, query: str = "") -> str:
    response = client.get(f"/statistics{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


SECTIONS = ("year", "region", "victim", "agency", "stage", "outcome", "severity", "flag")
NO_STAGE = dict.fromkeys(("registration", "investigation", "trial", "follow-up", "asylum"), 0)
NO_VICTIM = dict.fromkeys(("minor", "woman", "disability", "foreign_national", "in_custody_now"), 0)
NO_OUTCOME = {
    "complaint_filed": 0, "registered_urpti": 0, "forwarded_without_registration": 0, "registration_refused": 0,
    "written_off": 0, "investigation_opened": 0,
    "investigation_suspended": 0, "investigation_suspended.perpetrator_unknown": 0,
    "investigation_suspended.expert_opinion_pending": 0, "investigation_suspended.other": 0,
    "investigation_terminated": 0, "investigation_terminated.no_event": 0,
    "investigation_terminated.no_corpus_delicti": 0, "investigation_terminated.cpc_35_1_unstated": 0,
    "investigation_terminated.plea_bargain": 0, "investigation_terminated.amnesty": 0,
    "investigation_terminated.other": 0,
    "plea_bargain": 0, "indictment_sent_to_court": 0,
    "verdict": 0, "verdict.convicted": 0, "verdict.acquitted": 0, "verdict.case_dismissed": 0, "verdict.other": 0,
    "un_communication_submitted": 0, "un_views_adopted": 0,
}
NO_SEVERITY = {"any": 0, "critical": 0, "high": 0, "medium": 0, "info": 0}

SUPERVISOR = {
    "cases": {"all": 6, "open": 5, "closed": 1},
    "year": {"2019": 1, "2020": 1, "2021": 2, "2022": 1, "": 1},
    "region": {"almaty_city": 2, "shymkent": 2, "astana": 1, "": 1},
    "victim": {**NO_VICTIM, "woman": 2, "minor": 1, "disability": 1, "foreign_national": 1, "in_custody_now": 1},
    "agency": {"police": 3, "nsc": 1, "penitentiary": 1, "": 1},
    "stage": {**NO_STAGE, "intake": 1, "closed": 4, "appeal": 1, "international": 1},
    "outcome": {**NO_OUTCOME, "complaint_filed": 4, "registered_urpti": 3, "registration_refused": 1,
                "investigation_terminated": 2, "investigation_terminated.no_event": 1,
                "investigation_terminated.no_corpus_delicti": 1, "investigation_terminated.cpc_35_1_unstated": 1,
                "indictment_sent_to_court": 1, "verdict": 1, "verdict.convicted": 1,
                "un_communication_submitted": 1},
    "severity": {**NO_SEVERITY, "any": 4, "critical": 2, "high": 3},
    "flag": {"reprisal:critical": 2, "interrogation-without-lawyer:high": 1, "appeal-deadline:high": 1,
             "hrc-window-closing:high": 1},
}
LAWYER_A = {
    "cases": {"all": 4, "open": 3, "closed": 1},
    "year": {"2019": 1, "2020": 1, "2021": 1, "": 1},
    "region": {"almaty_city": 2, "shymkent": 1, "": 1},
    "victim": {**NO_VICTIM, "woman": 2, "minor": 1, "disability": 1},
    "agency": {"police": 3, "nsc": 1},
    "stage": {**NO_STAGE, "intake": 1, "closed": 3, "appeal": 1, "international": 0},
    "outcome": {**NO_OUTCOME, "complaint_filed": 3, "registered_urpti": 2, "registration_refused": 1,
                "investigation_terminated": 1, "investigation_terminated.no_corpus_delicti": 1,
                "indictment_sent_to_court": 1, "verdict": 1, "verdict.convicted": 1},
    "severity": {**NO_SEVERITY, "any": 3, "critical": 2, "high": 2},
    "flag": {"reprisal:critical": 2, "interrogation-without-lawyer:high": 1, "hrc-window-closing:high": 1},
}
LAWYER_B = {
    "cases": {"all": 2, "open": 2, "closed": 0},
    "year": {"2020": 1, "2021": 1},
    "region": {"almaty_city": 1, "shymkent": 1},
    "victim": {**NO_VICTIM, "woman": 1, "minor": 1, "foreign_national": 1},
    "agency": {"nsc": 1, "": 1},
    "stage": {**NO_STAGE, "intake": 0, "closed": 2, "appeal": 0, "international": 0},
    "outcome": {**NO_OUTCOME, "complaint_filed": 2, "registered_urpti": 2, "investigation_terminated": 1,
                "investigation_terminated.no_event": 1, "investigation_terminated.cpc_35_1_unstated": 1,
                "indictment_sent_to_court": 1, "verdict": 1, "verdict.convicted": 1},
    "severity": {**NO_SEVERITY, "any": 2, "high": 2},
    "flag": {"appeal-deadline:high": 1, "hrc-window-closing:high": 1},
}
ADMIN = {  # an admin sees the content of the cases assigned to them only: case 1
    "cases": {"all": 1, "open": 1, "closed": 0},
    "year": {"2019": 1},
    "region": {"almaty_city": 1},
    "victim": {**NO_VICTIM, "woman": 1},
    "agency": {"police": 1},
    "stage": {**NO_STAGE, "intake": 0, "closed": 1, "appeal": 0, "international": 0},
    "outcome": {**NO_OUTCOME, "complaint_filed": 1, "registered_urpti": 1, "investigation_terminated": 1,
                "investigation_terminated.no_corpus_delicti": 1},
    "severity": {**NO_SEVERITY, "any": 1, "critical": 1, "high": 1},
    "flag": {"reprisal:critical": 1, "interrogation-without-lawyer:high": 1},
}


@pytest.mark.parametrize(("who", "expected"), [
    ("supervisor", SUPERVISOR), ("a", LAWYER_A), ("b", LAWYER_B), ("admin", ADMIN)])
def test_each_user_counts_the_cases_they_may_see(client, world, known_flags, who, expected):
    login_as(client, world[who])
    page = _page(client)
    cases = expected["cases"]["all"]
    assert f"Counted over the <strong>{cases}</strong> case{'' if cases == 1 else 's'} you may see" in page
    for key in SECTIONS:
        assert _table(page, key) == expected[key], key
    assert _csv(client) == expected  # the CSV holds the page's numbers, and only them


def test_the_charts_carry_the_labels_and_numbers_of_their_tables(client, world, known_flags):
    login_as(client, world["supervisor"])
    page = _page(client)
    region = _chart(page, "region")
    assert 'role="img"' in region and 'aria-labelledby="chart-region-title chart-region-desc"' in region
    assert '<title id="chart-region-title">Cases by region (6 cases counted)</title>' in region
    for label, count in (("Almaty (city)", 2), ("Shymkent", 2), ("Astana", 1), ("Not recorded", 1)):
        assert f">{label}</text>" in region and f"<title>{label}: {count}</title>" in region
        assert f"{label}: {count}" in region.split("</desc>")[0]  # the description says every value
    assert region.count('class="bar"') == 4
    outcome = _chart(page, "outcome")
    lack = "– CPC 35(1), paragraph not stated (quote the decision&#39;s words in the notes)"
    assert f">{lack}</text>" not in outcome and ">– CPC 35(1), paragraph not stated (…</text>" in outcome
    assert f"<title>{lack}: 1</title>" in outcome  # shortened beside the bar, whole in the tooltip
    assert re.search(r'>– Convicted</text><rect class="bar"[^>]*/><text class="value"[^>]*>1</text>', outcome)
    assert re.search(r'>– Acquitted</text><text class="value"[^>]*>0</text>', outcome)  # zero: no bar
    assert "<script" not in page


def test_filters_by_year_and_region(client, world, known_flags):
    login_as(client, world["supervisor"])
    page = _page(client, "?year_from=2021&year_to=2021")
    assert "Counted over the <strong>2</strong> cases you may see of the years 2021–2021" in page
    assert _table(page, "year") == {"2021": 2}
    assert _table(page, "region") == {"shymkent": 2}
    assert _table(page, "flag") == {"reprisal:critical": 1, "appeal-deadline:high": 1}
    assert _table(page, "outcome")["investigation_terminated"] == 1
    assert _csv(client, "?year_from=2021&year_to=2021")["year"] == {"2021": 2}

    page = _page(client, "?year_from=2020")  # no upper limit; case 5, without events, has no year
    assert _table(page, "year") == {"2020": 1, "2021": 2, "2022": 1}

    page = _page(client, "?year_to=2020&region=almaty_city")
    assert "in Almaty (city)" in page
    assert _table(page, "year") == {"2019": 1, "2020": 1}
    assert _table(page, "victim")["woman"] == 2 and _table(page, "victim")["minor"] == 1

    page = _page(client, "?region=shymkent")
    assert _table(page, "stage")["appeal"] == 1 and _table(page, "stage")["closed"] == 2
    assert 'href="/statistics.csv?region=shymkent"' in page

    login_as(client, world["a"])  # a filter never widens what a user may see
    assert _table(_page(client, "?region=astana"), "region") == {}
    assert "Nothing to count in the cases you may see." in _page(client, "?region=astana")


def test_a_gap_year_is_shown_with_no_case(client, session, world):
    _case(session, world["supervisor"], "KZ-2025-0007", events=[("incident", "2025-01-01", {})])
    session.commit()
    login_as(client, world["supervisor"])
    assert _table(_page(client), "year") == {"2019": 1, "2020": 1, "2021": 2, "2022": 1, "2023": 0, "2024": 0,
                                              "2025": 1, "": 1}


@pytest.mark.parametrize(("query", "said"), [
    ("?year_from=abc", "“abc” is not a year between 1900 and 2200: the years are counted without a lower limit."),
    ("?year_to=99999", "“99999” is not a year"),
    ("?year_from=%C2%B2%C2%B2%C2%B2%C2%B2", "is not a year"),  # superscript digits are not a year
    ("?year_from=-2021", "is not a year"),
    ("?year_to=1899", "is not a year"),
    ("?year_from=" + "9" * 5000, "is not a year"),
    ("?region=mars", "“mars” is not a region: every region is counted."),
    ("?region=%3Cscript%3Ealert(1)%3C/script%3E", "is not a region"),
    ("?region=%00", "is not a region"),
])
def test_bad_filter_values_are_ignored_and_said(client, world, known_flags, query, said):
    login_as(client, world["supervisor"])
    page = _page(client, query)
    assert said in page
    assert "<script>alert" not in page
    assert _table(page, "region") == SUPERVISOR["region"]  # everything counted, as without the filter
    assert _csv(client, query) == SUPERVISOR


def test_years_the_wrong_way_round_are_swapped_and_said(client, world):
    login_as(client, world["supervisor"])
    page = _page(client, "?year_from=2022&year_to=2020")
    assert "The years were the wrong way round: counted from 2020 to 2022." in page
    assert _table(page, "year") == {"2020": 1, "2021": 2, "2022": 1}
    assert _csv(client, "?year_from=2022&year_to=2020")["cases"]["all"] == 4


def test_the_csv_is_named_after_its_filters_and_guards_against_formulas(client, world):
    login_as(client, world["supervisor"])
    response = client.get("/statistics.csv?year_from=2019&region=shymkent&year_to=")
    assert response.headers["Content-Disposition"] == \
        "attachment; filename=qorgau-statistics-year-from-2019-region-shymkent.csv"
    text = response.get_data(as_text=True)
    assert "\n=" not in text and ",=" not in text and ",+" not in text and ",@" not in text


def test_derived_flags_are_counted_as_the_engine_raises_them(client, world):
    """Without replacing anything: case 3's reprisal raises the critical 'reprisal' flag."""
    login_as(client, world["supervisor"])
    flags = _table(_page(client), "flag")
    assert flags["reprisal:critical"] == 1


def test_an_empty_record_shows_zeros_and_no_error(client, lawyer):
    login_as(client, lawyer)
    page = _page(client)
    assert "Counted over the <strong>0</strong> cases you may see" in page
    assert _table(page, "stage") == {**NO_STAGE, "intake": 0, "closed": 0, "appeal": 0, "international": 0}
    assert _table(page, "region") == {} and _table(page, "flag") == {}
    assert _csv(client)["cases"] == {"all": 0, "open": 0, "closed": 0}


def test_the_statistics_link_to_the_vocabulary_counts_which_still_work(client, world):
    login_as(client, world["supervisor"])
    assert 'href="/statistics/vocabularies"' in _page(client)
    assert client.get("/statistics/vocabularies").status_code == 200
    assert client.get("/statistics/vocabularies?format=csv").mimetype == "text/csv"


# --------------------------------------------------------------------------- queries

STATEMENTS = 4  # the logged-in user, then the three grouped queries of app.services.statistics


def test_the_page_sends_as_many_statements_for_six_cases_as_for_sixteen(app, client, session, world):
    login_as(client, world["supervisor"])
    lawyer_id = world["a"].id
    counts = []
    for more in (0, 10):
        for index in range(more):
            _case(session, session.get(User, lawyer_id), f"KZ-2023-{index + 10:04d}", region="abai",
                  perpetrator_agency="police", victim_flags=["minor"],
                  events=[("incident", f"2023-01-{index + 1:02d}", {}),
                          ("reprisal", f"2023-02-{index + 1:02d}", {"kind": "threat"})])
        session.commit()
        for path in ("/statistics?year_from=2019&region=abai", "/statistics", "/statistics.csv"):
            client.get(path)
            session.expunge_all()
            with recorded_statements(app) as seen:
                assert client.get(path).status_code == 200
            counts.append((path, len(seen)))
    assert counts[:3] == [(path, n) for path, n in counts[3:]]
    assert max(n for _, n in counts) <= STATEMENTS, counts
