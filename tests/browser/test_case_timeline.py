"""A lawyer logs in, finds a seeded case by searching, reads its timeline and logs out.

Also keeps docs/screenshots/case-timeline.png current.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SEED_DIR = REPO / "seed"
CASE_REFERENCE = "KZ-2021-KAZANTSEV"
SEARCH_TEXT = "Kazantsev"
SCREENSHOT = REPO / "docs" / "screenshots" / "case-timeline.png"
WHEN_PATTERN = re.compile(r"\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2})?)?)?")


def seed_case(reference: str) -> dict:
    """The case as the seed files describe it, from whichever seed/*.json holds it."""
    for path in sorted(SEED_DIR.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")).get("cases", []):
            if case.get("reference") == reference:
                return case
    pytest.fail(f"no seed/*.json file holds the case {reference}")


def out_of_order(whens: list[str]) -> list[tuple[str, str]]:
    """Pairs shown in an order their dates rule out: a later event whose every moment comes before an
    earlier one's first moment (DOMAIN.md §8: dates decide where they can; overlapping dates keep the
    lawyer's order)."""
    from app.procedure.when import When

    for text in whens:
        assert WHEN_PATTERN.fullmatch(text), f"{text!r} is not an ISO-like date"
    dates = [When.parse(text) for text in whens]
    return [(whens[i], whens[j]) for i in range(len(dates)) for j in range(i + 1, len(dates))
            if dates[j].latest() < dates[i].start]


@pytest.mark.browser
@pytest.mark.no_db_isolation
def test_lawyer_finds_a_case_and_reads_its_timeline(live_server, page):
    from playwright.sync_api import expect

    expected = seed_case(CASE_REFERENCE)
    email, password = live_server.logins["lawyer"]
    base = live_server.url

    # Every page needs a login: the root sends us to the login form.
    page.goto(base + "/")
    expect(page).to_have_url(re.compile(r"/login\b"))
    expect(page.get_by_role("heading", name="Log in to Qorgau")).to_be_visible()
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()

    expect(page.get_by_role("heading", name="Cases", exact=True)).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Welcome")).to_be_visible()
    # CSRF protection is really on: a form post without the token is refused.
    assert page.request.post(base + "/logout").status == 400

    page.get_by_role("searchbox", name="Search").fill(SEARCH_TEXT)
    page.get_by_role("searchbox", name="Search").press("Enter")
    expect(page).to_have_url(re.compile(rf"[?&]q={SEARCH_TEXT}\b"))
    page.get_by_role("link", name=CASE_REFERENCE, exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(CASE_REFERENCE)
    events = page.locator("ol.timeline > li.event")
    expect(events).to_have_count(len(expected["events"]))

    whens = [text.strip() for text in events.locator(".when").all_inner_texts()]
    assert len(whens) == len(expected["events"])
    assert sorted(whens) == sorted(e["at"] for e in expected["events"]), "dates lost or changed"
    assert out_of_order(whens) == [], f"the timeline contradicts its dates: {whens}"
    # the seed file lists the events in the lawyer's order, which the page keeps where dates overlap
    assert whens == [e["at"] for e in expected["events"]]

    sources = events.locator(".source")
    expect(sources).to_have_count(len(expected["events"]))
    for text in sources.all_inner_texts():
        assert re.fullmatch(r"Source:\s*\S.*", text.strip(), re.DOTALL), f"no source shown: {text!r}"

    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True, animations="disabled")

    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/login\b"))
    expect(page.get_by_role("heading", name="Log in to Qorgau")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="You are logged out.")).to_be_visible()
    # The session is really gone: the case page sends us back to the login form.
    page.goto(f"{base}/cases/{CASE_REFERENCE}")
    expect(page).to_have_url(re.compile(r"/login\b"))
