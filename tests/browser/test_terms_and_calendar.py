"""An admin declares a day off that the calendar package does not know yet, and a running
deadline that ended on it moves to the next working day, with the reason on its case.

The seeded Taldykorgan case has a Human Rights Committee deadline (5 years from the
verdict) still running. The admin, who may not read that case, declares its due day off on
/admin/law; the lawyer then sees the new due date, the day skipped by its name in the
arithmetic, and the move in "Due dates that moved".

Keeps docs/screenshots/terms-calendar.png current.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest

CASE = "KZ-2022-TALDYKORGAN"
RULE = "hrc-5y"
DECREE = "Day off by Government Decree No. 1234 (transfer)"


def due_day(row) -> date:
    """The due day a deadline row shows, e.g. 'Thu 10 Feb 2028'."""
    text = row.locator("td").nth(2).inner_text()
    found = re.match(r"\w{3} \d{2} \w{3} \d{4}", text.strip())
    assert found, f"no due day in {text!r}"
    return datetime.strptime(found.group(), "%a %d %b %Y").date()


def day_text(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


@pytest.mark.browser
@pytest.mark.no_db_isolation
def test_a_day_off_declared_by_an_admin_moves_a_running_deadline(live_server, new_page, login, screenshot):
    from playwright.sync_api import expect

    from app.procedure.calendar import kazakh_calendar

    base = live_server.url
    lawyer = new_page()
    login(lawyer, "lawyer")
    lawyer.goto(f"{base}/cases/{CASE}")
    row = lawyer.locator("#deadlines tbody tr").filter(has_text=RULE)
    expect(row.locator("td").nth(3)).to_contain_text("running")
    before = due_day(row)
    calendar = kazakh_calendar()
    assert calendar.is_working_day(before), "the seeded deadline should end on a working day"
    after = next(before + timedelta(days=n) for n in range(1, 15)
                 if calendar.is_working_day(before + timedelta(days=n)))
    expect(lawyer.locator("#deadline-changes")).to_have_count(0)

    admin = new_page()
    login(admin, "admin")
    assert admin.goto(f"{base}/cases/{CASE}").status == 404  # need-to-know: not assigned
    admin.get_by_role("navigation", name="Main").get_by_role("link", name="Terms & calendar").click()
    expect(admin.get_by_role("heading", level=1)).to_have_text("Terms and calendar")
    hrc = admin.locator("#terms tbody tr").filter(has=admin.get_by_role("cell", name="hrc", exact=True))
    expect(hrc.locator("td").nth(1)).to_have_text("5 years")
    expect(admin.locator("#calendar")).to_contain_text("None: the calendar is the holidays package's own.")
    days = admin.locator("section#calendar")
    days.get_by_label("Day", exact=True).fill(before.isoformat())
    days.get_by_label("The day is").select_option(label="a day off")
    days.get_by_label("Why (decree, holiday)").fill(DECREE)
    days.get_by_role("button", name="Save the day").click()
    expect(admin.get_by_role("status")).to_contain_text(re.compile(r"Recomputed [1-9]\d* case\(s\)"))
    expect(days.locator("tbody tr")).to_have_count(1)
    expect(days.locator("tbody td").nth(0)).to_have_text(f"{before:%a %d %b %Y}")
    expect(days.locator("tbody td").nth(1)).to_have_text("a day off")
    expect(days.locator("tbody td").nth(2)).to_have_text(DECREE)
    screenshot(admin, "terms-calendar.png")

    lawyer.reload()
    assert due_day(row) == after
    expect(row.locator("td").nth(3)).to_contain_text("running")
    row.get_by_text("How this date was computed").click()
    expect(row.locator("details ol")).to_contain_text(
        f"{before:%a} {before.day} {before:%b} ({DECREE}) is not a working day → due {day_text(after)}")
    moved = lawyer.locator("#deadline-changes li")
    expect(moved).to_have_count(1)
    expect(moved).to_contain_text(f"Human Rights Committee communication — {before:%a %d %b %Y} → {after:%a %d %b %Y}")
    expect(moved).to_contain_text(DECREE)
