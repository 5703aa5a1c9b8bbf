"""Forms work from the keyboard alone, and every field has a label.

A lawyer logs in and records a complaint in a seeded case using only Tab, typing and Enter:
no click, no fill. The fields are reached in reading order, a select is chosen by typing
the first letters of its option, a forgotten required field comes back with its error tied
to it, and Enter in a text field submits. The main forms are checked for fields without a
label (<label>, aria-label or aria-labelledby), which a screen reader would announce as
just "edit text".
"""

from __future__ import annotations

import re

import pytest

CASE = "KZ-2021-KAZANTSEV"

# What a field is called for a screen reader: its label's text, else its aria-label.
ACCESSIBLE_NAME_JS = """() => { const e = document.activeElement;
  const label = e.labels && e.labels.length ? e.labels[0].textContent : (e.getAttribute('aria-label') || e.textContent);
  return e.tagName.toLowerCase() + ':' + label.replace(/\\s+/g, ' ').trim(); }"""


def focused(page) -> str:
    return page.evaluate(ACCESSIBLE_NAME_JS)


def tab_to(page, target: str, limit: int = 20) -> list[str]:
    """Press Tab until ``target`` (as ``focused`` names it) has the focus; the fields passed."""
    passed = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        passed.append(focused(page))
        if passed[-1] == target:
            return passed
    pytest.fail(f"{target} is not reached with Tab; focus went through {passed}")


@pytest.mark.browser
@pytest.mark.no_db_isolation
def test_logging_in_and_recording_an_event_with_the_keyboard_only(live_server, page, unlabelled_fields):
    from playwright.sync_api import expect

    from app.procedure.when import almaty_now

    base = live_server.url
    email, password = live_server.logins["lawyer"]
    keyboard = page.keyboard
    today = almaty_now().date().isoformat()

    page.goto(base + "/login")
    assert unlabelled_fields(page) == []
    tab_to(page, "input:E-mail")
    keyboard.type(email)
    keyboard.press("Tab")
    assert focused(page) == "input:Password"
    keyboard.type(password)
    keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="Welcome")).to_be_visible()

    page.goto(f"{base}/cases/{CASE}/events/new?type=complaint_filed")
    expect(page.get_by_role("heading", level=1)).to_have_text("Record: Complaint filed")
    assert unlabelled_fields(page) == []
    tab_to(page, "input:When")
    keyboard.type(today)
    # The rest of the form in reading order, each field one Tab after the one before.
    order = []
    for _ in range(11):
        keyboard.press("Tab")
        order.append(focused(page))
    assert order == ["select:Who acted", "select:Filed with *", "select:Filed by",
                     "select:The complaint alleges injuries", "select:Type of intervention (HURIDOCS)",
                     "input:Document number",
                     "input:Document title", "input:Source", "textarea:Notes",
                     "summary:For a communication: this event in counsel's words", "button:Record"]

    # Enter on the button with "Filed with" (required) left empty: nothing saved, the error tied to it.
    keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_have_text("Nothing was saved: please correct the fields marked below.")
    filed_with = page.get_by_label("Filed with *")
    expect(filed_with).to_have_attribute("aria-invalid", "true")
    expect(filed_with).to_have_accessible_description(re.compile(r"\S"))
    expect(page.get_by_label("When")).to_have_value(today)  # what was typed is kept

    tab_to(page, "select:Filed with *")
    keyboard.type("Pros")  # type-ahead: the first option that begins so
    expect(filed_with).to_have_value("prosecutor")
    keyboard.press("Tab")
    keyboard.type("L")
    expect(page.get_by_label("Filed by")).to_have_value("lawyer")
    tab_to(page, "input:Source")
    keyboard.type("lawyer's file")
    keyboard.press("Enter")  # Enter in a text field submits the form

    expect(page.get_by_role("status")).to_have_text(f"Complaint filed of {today} recorded.")
    expect(page).to_have_url(re.compile(rf"/cases/{CASE}#event-\d+$"))
    event = page.locator("li.event:target")
    expect(event.locator(".when")).to_have_text(today)
    expect(event).to_contain_text("Filed with: Prosecutor's office")
    expect(event).to_contain_text("Filed by: Lawyer")
    expect(event.locator(".source")).to_have_text("Source: lawyer's file")


@pytest.mark.browser
@pytest.mark.no_db_isolation
def test_every_field_of_the_main_forms_has_a_label(live_server, page, login, unlabelled_fields):
    base = live_server.url
    login(page, "lawyer")
    for path in ("/", "/cases/new", f"/cases/{CASE}", f"/cases/{CASE}/people/new",
                 f"/cases/{CASE}/events/new?type=investigation_terminated",
                 f"/cases/{CASE}/events/new?type=decision_served", f"/cases/{CASE}/drafts/new",
                 "/dashboard", "/people/"):
        response = page.goto(base + path)
        assert response is not None and response.status == 200, path
        assert unlabelled_fields(page) == [], f"fields without a label on {path}"
