"""A supervisor's day, in the browser.

A lawyer has asked to close a seeded case, and a complaint came in on the hotline two hours
ago. The supervisor logs in, opens that complaint as a case nobody works on yet, reads the
dashboard (filtered by region and flag severity), approves the closure on the case page,
creates a calendar link and reads its ICS feed, and opens the reminders, the hand-over page
and the statistics.

Two-factor authentication is required of supervisors (``Config.REQUIRE_2FA_ROLES``) but
switched off in ``TestConfig``, so the password is enough here.

Keeps docs/screenshots/dashboard.jpg, reminders.png, handover.png and statistics.png current.
"""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SEED_DIR = REPO / "seed"
TO_CLOSE = "KZ-2021-SERZHAN"  # Almaty (city), assigned to the demo lawyer by the seed
STILL_OPEN = "KZ-2021-SHARIPOV"  # the same kettling incident, raising the same critical flag
NEW = "KZ-2026-0420"
NEW_TITLE = "Hotline: beaten on arrest in Pavlodar"


def seed_cases() -> list[dict]:
    return [case for path in sorted(SEED_DIR.glob("*.json"))
            for case in json.loads(path.read_text(encoding="utf-8")).get("cases", [])]


def references(locator) -> set[str]:
    """The case references a dashboard section links to."""
    return {text.strip() for text in locator.get_by_role("link", name=re.compile(r"^KZ-")).all_inner_texts()}


def lawyer_requests_closure(page, base: str) -> None:
    """What happened before the supervisor's day: the lawyer asked to close a case."""
    from playwright.sync_api import expect

    page.goto(f"{base}/cases/{TO_CLOSE}#approvals")
    approvals = page.locator("#approvals")
    approvals.get_by_label("Decision").select_option(label="Close the case")
    approvals.get_by_label("Why").fill("The complainant withdrew from the coalition's help.")
    approvals.get_by_role("button", name="Request").click()
    expect(page.get_by_role("status")).to_have_text("Requested: Close the case. A supervisor will decide.")


@pytest.mark.browser
@pytest.mark.no_db_isolation
def test_a_supervisors_day(live_server, new_page, login, screenshot):
    from playwright.sync_api import expect

    from app.procedure.when import almaty_now
    from config import Config, TestConfig

    base = live_server.url
    lawyer = new_page()
    login(lawyer, "lawyer")
    lawyer_requests_closure(lawyer, base)

    # Logging in: production asks supervisors for a one-time code; the test configuration does not.
    assert "supervisor" in Config.REQUIRE_2FA_ROLES and not TestConfig.REQUIRE_2FA_ROLES
    page = new_page()
    login(page, "supervisor")
    expect(page).to_have_url(base + "/")
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Approvals")).to_be_visible()

    # The hotline complaint, as a case of its own: a supervisor's case is nobody's yet.
    filed = (almaty_now() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    page.get_by_role("link", name="New case").click()
    page.get_by_label("Reference").fill(NEW)
    page.get_by_label("Title").fill(NEW_TITLE)
    page.get_by_label("Region").select_option(label="Pavlodar Region")
    page.get_by_label("Where the ill-treatment happened").select_option(label="Police station")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("dl.facts")).to_contain_text("none assigned")
    page.get_by_role("link", name="Record an event").click()
    page.get_by_role("link", name="Complaint filed", exact=True).click()
    page.get_by_label("When", exact=True).fill(filed)
    page.get_by_label("Filed with *").select_option(label="Police (Ministry of Internal Affairs)")
    page.get_by_label("Source", exact=True).fill("hotline call")
    page.get_by_role("button", name="Record").click()
    row = page.locator("#deadlines tbody tr").filter(has_text="registration-24h")
    expect(row.locator("td").nth(3)).to_contain_text("running")

    # The dashboard, unfiltered: critical flags, the approval waiting, the case nobody works on.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    waiting = page.locator("section#approvals")
    expect(waiting.get_by_role("heading")).to_have_text("Approvals waiting for a supervisor (1)")
    expect(waiting.locator("li")).to_have_text(f"{TO_CLOSE}: Close the case, requested by Demo Lawyer")
    nobody = page.locator("section#unassigned")
    expect(nobody.get_by_role("heading")).to_have_text("Open cases nobody works on (1)")
    expect(nobody.locator("tbody td")).to_have_text([NEW, NEW_TITLE, "Assign a lawyer"])
    expect(nobody.get_by_role("link", name="Assign a lawyer")).to_have_attribute(
        "href", re.compile(rf"/admin/assignments\?case={NEW}$"))
    soon = page.locator("section#soon")
    expect(soon.locator("tbody tr").filter(has_text=NEW)).to_contain_text("Registration in the URPTI")
    critical = page.locator("section#flags")
    expect(critical.get_by_role("heading")).to_have_text(re.compile(r"^Critical flags \(\d+\)$"))
    all_critical = references(critical)
    assert TO_CLOSE in all_critical and STILL_OPEN in all_critical
    screenshot(page, "dashboard.jpg")

    # Filtered: the region's cases only, and high flags instead of critical ones.
    almaty = {case["reference"] for case in seed_cases() if case.get("region") == "almaty_city"}
    page.get_by_label("Region").select_option(label="Almaty (city)")
    page.get_by_label("Flag severity").select_option("high")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"[?&]region=almaty_city\b.*[?&]severity=high\b"))
    expect(page.get_by_label("Region")).to_have_value("almaty_city")
    high = page.locator("section#flags")
    expect(high.get_by_role("heading")).to_have_text(re.compile(r"^High flags \(\d+\)$"))
    expect(high.locator("tbody tr").first).to_be_visible()
    shown = references(high) | references(page.locator("section#overdue"))
    assert shown and shown <= almaty, f"cases outside Almaty (city) listed: {shown - almaty}"
    expect(page.locator("section#unassigned").get_by_role("heading")).to_have_text(
        "Open cases nobody works on (0)")  # the new case is in Pavlodar
    page.get_by_label("Region").select_option(label="Pavlodar Region")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("section#unassigned tbody tr")).to_have_count(1)
    expect(page.locator("section#overdue")).to_contain_text("No term has passed without its step on record.")
    assert references(page.locator("section#soon")) == {NEW}

    # The closure, approved on the case page.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard").click()
    page.locator("section#approvals").get_by_role("link", name=TO_CLOSE).click()
    expect(page).to_have_url(re.compile(rf"/cases/{TO_CLOSE}#approval-\d+$"))
    request = page.locator("#approvals tbody tr")
    expect(request).to_contain_text("The complainant withdrew from the coalition's help.")
    request.get_by_label("Approve").check()
    request.get_by_label("Comment (required to reject)").fill("Agreed; keep the file for the UN follow-up.")
    request.get_by_role("button", name="Decide").click()
    expect(page.get_by_role("status")).to_have_text("Close the case: approved.")
    expect(page.locator("#closed-banner")).to_contain_text("The coalition closed this case on")
    # (The button is not inside the banner: the browser ends the banner's <p> where the <form> begins.)
    expect(page.get_by_role("button", name="Reopen it")).to_be_visible()
    expect(request.locator("td").nth(2)).to_have_text("approved")
    expect(request.locator("td").nth(3)).to_contain_text("Demo Supervisor")
    expect(request.locator("td").nth(3)).to_contain_text("keep the file for the UN follow-up")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Approvals").click()
    expect(page.get_by_text("No request is waiting.")).to_be_visible()

    # A calendar link, and the feed a calendar program reads from it (no login needed).
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Calendar").click()
    expect(page.get_by_text("No link yet.")).to_be_visible()
    page.get_by_role("button", name="Create a calendar link").click()
    expect(page.get_by_role("status")).to_contain_text("copy it now, it is not shown again")
    feed_url = page.locator("code.secret").inner_text().strip()
    assert re.fullmatch(rf"{re.escape(base)}/calendar/feed/[\w-]{{20,}}\.ics", feed_url), feed_url
    expect(page.locator("table.list tbody tr")).to_have_count(1)
    expect(page.locator("table.list tbody tr")).to_contain_text("active")
    response = page.context.request.get(feed_url)
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/calendar")
    ics = response.text().replace("\r\n ", "")  # unfold long lines (RFC 5545)
    assert ics.startswith("BEGIN:VCALENDAR") and ics.rstrip().endswith("END:VCALENDAR")
    assert ics.count("BEGIN:VEVENT") == ics.count("END:VEVENT") >= 1
    assert f"SUMMARY:{NEW}: Registration in the URPTI" in ics
    assert "Sadvakasov" not in ics and "Serzhan" not in ics.replace(TO_CLOSE, ""), "a feed names no person"
    assert page.context.request.get(feed_url.replace(".ics", "x.ics")).status == 404

    # Reminders: the new case's registration, critical flags of open cases only, nothing to approve.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Reminders").click()
    deadlines = page.locator("#reminders-deadline li").filter(has_text=NEW)
    expect(deadlines).to_contain_text("Registration in the URPTI due")
    flags = page.locator("#reminders-flag")
    expect(flags.get_by_role("link", name=STILL_OPEN).first).to_be_visible()
    expect(flags.get_by_role("link", name=TO_CLOSE)).to_have_count(0)  # closed today
    expect(page.locator("#reminders-approval")).to_contain_text("Nothing today.")
    screenshot(page, "reminders.png")

    # The hand-over page: the demo lawyer's open cases, and the case still waiting for a lawyer.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Hand-over").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hand a lawyer's cases over")
    workload = page.locator("#workload tbody tr").filter(has_text="Demo Lawyer")
    expect(workload.locator("td")).to_have_text(["Demo Lawyer", str(len(seed_cases()) - 1), "active"])
    expect(page.locator("section#unassigned li")).to_have_text([NEW])
    screenshot(page, "handover.png")

    # Statistics by HURIDOCS term, over every case a supervisor may see (the closed one too).
    page.goto(base + "/statistics/vocabularies")
    expect(page.get_by_role("heading", level=1)).to_have_text("Statistics by vocabulary")
    expect(page.locator("main")).to_contain_text(f"over the {len(seed_cases()) + 1} cases you may see")
    at_police_stations = sum(case.get("place_type") == "police_station" for case in seed_cases()) + 1
    station = page.locator("section#place tbody tr").filter(has_text="Police station or post")
    expect(station.locator("td.count")).to_have_text([str(at_police_stations)] * 2)  # the new case counts
    screenshot(page, "statistics.png")
