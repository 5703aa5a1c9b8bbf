"""After the filing, in the browser: a communication to the Committee against Torture walked from
submission through registration, the State's observations, the committee's letter, the comments,
the Views and the State's follow-up reply. At each step the case's UN panel shows the stage and the
term due next with its exact date; a removal after interim measures were requested raises the
critical flag; /un lists the communication with the remedies not shown as implemented.

The dates are fixed and past, so each term is shown with its date and "passed, nothing recorded"
until the step that ends it is recorded. Keeps docs/screenshots/un-panel.png current.
"""

from __future__ import annotations

import re

import pytest

REFERENCE = "KZ-2024-0777"
TITLE = "Removed to Uzbekistan despite interim measures"
SOURCE = "committee's letter"


def record(page, base: str, label: str, when: str, *, fields: dict[str, str] | None = None,
           selects: dict[str, str] | None = None, checks: tuple[str, ...] = ()) -> None:
    from playwright.sync_api import expect

    page.goto(f"{base}/cases/{REFERENCE}")
    page.get_by_role("link", name="Record an event").click()
    page.get_by_role("link", name=label, exact=True).click()
    page.get_by_label("When", exact=True).fill(when)
    page.get_by_label("Source", exact=True).fill(SOURCE)
    for name, value in (fields or {}).items():
        page.get_by_label(name, exact=True).fill(value)
    for name, option in (selects or {}).items():
        page.get_by_label(name, exact=True).select_option(label=option)
    for name in checks:
        page.get_by_label(name, exact=True).check()
    page.get_by_role("button", name="Record").click()
    expect(page.get_by_role("status")).to_contain_text(f"{label} of {when} recorded")


def submitted_with_approval(database_url: str, when: str) -> None:
    """The submission itself needs a supervisor's approval (walked in the supervisor's day); here it
    is recorded as the approved path records it, straight through the service."""
    from sqlalchemy import select

    from app import create_app
    from app.extensions import db
    from app.models import Case, User
    from app.services.timeline import record_event

    app = create_app("test", SQLALCHEMY_DATABASE_URI=database_url)
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == REFERENCE))
        lawyer = db.session.scalar(select(User).where(User.email.like("lawyer@%")))
        record_event(db.session, case, {"type": "un_communication_submitted", "at": when, "source": "lawyer's file",
                                        "fields": {"committee": "CAT"}}, user=lawyer)
        db.session.commit()
        db.session.remove()


def expect_panel(page, base: str, stage: str, due: str | None) -> None:
    from playwright.sync_api import expect

    page.goto(f"{base}/cases/{REFERENCE}")
    panel = page.locator("#un")
    expect(panel.locator("li[aria-current=step]")).to_have_text(stage)
    if due is None:
        expect(panel.locator(".un-next")).to_contain_text("No term of this communication is running on the record.")
    else:
        expect(panel.locator(".un-next")).to_contain_text(due)


@pytest.mark.browser
@pytest.mark.no_db_isolation
def test_a_communication_from_submission_to_follow_up(live_server, page, login, screenshot):
    from playwright.sync_api import expect

    base = live_server.url
    login(page, "lawyer")
    page.get_by_role("link", name="New case").click()
    page.get_by_label("Reference").fill(REFERENCE)
    page.get_by_label("Title").fill(TITLE)
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(f"{base}/cases/{REFERENCE}")
    expect(page.locator("#un")).to_have_count(0)  # no UN step yet: no panel

    record(page, base, "Consent given", "2024-01-20", selects={
        "For what *": "File a communication with a committee", "Given by *": "The victim",
        "Which committee (to file a communication)": "Committee against Torture"})
    submitted_with_approval(live_server.database_url, "2024-02-05")
    expect_panel(page, base, "Submitted", None)
    record(page, base, "UN interim measures requested", "2024-02-06")
    # six months from Wed 10 Apr 2024, in the treaty's words, not moved: Thu 10 Oct 2024
    record(page, base, "UN case registered and transmitted to the State", "2024-04-10",
           fields={"Case number": "1234/2024"}, selects={"Committee *": "Committee against Torture"})
    expect_panel(page, base, "Registered", "State party's observations on the communication — Thu 10 Oct 2024")
    expect(page.locator("#un h3")).to_have_text("Committee against Torture · No. 1234/2024")

    # removed while the request stood: the critical flag, and the panel says it was breached
    record(page, base, "Deported / extradited", "2024-05-02")
    page.goto(f"{base}/cases/{REFERENCE}")
    expect(page.locator("#flags li.severity-critical").filter(has_text="Interim measures breached")).to_be_visible()
    expect(page.locator("#un")).to_contain_text("Breached:")

    record(page, base, "State party's observations received", "2024-10-01")
    expect_panel(page, base, "State observations", None)
    record(page, base, "Letter to or from the UN committee", "2024-10-03",
           fields={"Subject": "Observations for comments", "Reply due by": "2024-12-02"},
           selects={"Direction *": "From the committee"})
    expect_panel(page, base, "State observations", "Reply to the committee's letter — Mon 02 Dec 2024")
    record(page, base, "Comments on the State's observations submitted", "2024-11-28")
    expect_panel(page, base, "Comments", None)

    # 90 days from Mon 12 May 2025 end on Sun 10 Aug 2025: Mon 11 Aug 2025
    record(page, base, "UN Views adopted", "2025-05-12", selects={"Kind of decision": "Views or decision on the merits",
                                                                   "Violation found": "yes"},
           checks=("An impartial and effective investigation", "Fair and adequate compensation"))
    expect_panel(page, base, "Decided", "State follow-up to CAT Views — Mon 11 Aug 2025")
    expect(page.locator("#un .un-next")).to_contain_text("passed, nothing recorded")
    rows = page.locator("#un table.remedies tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("no status recorded")

    record(page, base, "State follow-up reply", "2025-08-20", fields={"What the State reports": "Reinvestigation"})
    expect_panel(page, base, "Follow-up", None)
    page.evaluate("document.getElementById('un').scrollIntoView()")
    screenshot(page, "un-panel.png", full_page=False)

    page.goto(f"{base}/un?attention=breached")
    row = page.locator("table.un-overview tbody tr").filter(has_text=REFERENCE)
    expect(row).to_contain_text("Interim measures breached")
    expect(row).to_contain_text("Fair and adequate compensation")
    expect(page).to_have_url(re.compile(r"/un\?attention=breached$"))
