"""A lawyer's day, in the browser: a new complaint of ill-treatment from intake to a request
to close the case.

The lawyer logs in, opens a case, adds the victim (with the Cyrillic spelling of the name),
records the complaint, its termination "for lack of evidence" and the service of that decision on
a Friday; reads the red flags and the appeal deadline with its arithmetic (the weekend skipped);
records the victim's consent, uploads the termination decision and links it to its event;
generates a draft to the Committee against Torture and downloads it as DOCX, then a Russian one;
downloads the case's dossier, which asks for the password again; and asks a supervisor's approval
to close the case.

Dates are recent, so that the deadline is still running: the decision is served on the last
Friday whose 15-day term ends on a Saturday, and is due on the Monday after (or later, when a
holiday follows the weekend).

Keeps docs/screenshots/event-form.png and draft-preview.jpg current.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import time
import zipfile
from datetime import date, timedelta

import pytest

REFERENCE = "KZ-2026-0417"
TITLE = "Beaten during questioning at a Pavlodar police station"
VICTIM = "Timur Sadvakasov"
VICTIM_RU = "Тимур Садвакасов"
DECISION = "Decision of the Ekibastuz police to terminate the investigation"
SOURCE = "lawyer's file"
REAUTH_SECONDS = 2


@pytest.fixture
def live_server_config() -> dict:
    # The dossier asks for the password again when the last check is older than this: here
    # two seconds, so that the test meets the re-authentication page without waiting ten minutes.
    return {"REAUTH_MINUTES": REAUTH_SECONDS / 60}


def day_text(day: date) -> str:
    """'Fri 20 Nov 2026', as the case page writes a day."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def short_day(day: date) -> str:
    """'Sat 5 Dec', as the arithmetic names a day it skips."""
    return f"{day:%a} {day.day} {day:%b}"


def served_on_a_friday(today: date) -> tuple[date, date, bool]:
    """A recent Friday whose 15-day appeal term (CPC 106(5)) ends on a Saturday off followed
    by a Sunday off, and is still running today; with the due day and whether the weekend is
    a plain one (no holiday on it, a working Monday after), as it nearly always is. A working
    Friday and a plain weekend are preferred, then the latest Friday."""
    from app.procedure.calendar import kazakh_calendar

    calendar = kazakh_calendar()
    candidates = []
    for friday in (today - timedelta(days=n) for n in range(1, 22)):
        saturday, sunday = friday + timedelta(days=15), friday + timedelta(days=16)
        if friday.weekday() != 4 or calendar.is_working_day(saturday) or calendar.is_working_day(sunday):
            continue
        due = next(sunday + timedelta(days=n) for n in range(1, 30)
                   if calendar.is_working_day(sunday + timedelta(days=n)))
        plain = due == sunday + timedelta(days=1) and not (calendar.holiday_name(saturday)
                                                           or calendar.holiday_name(sunday))
        if due >= today:
            candidates.append((not plain, not calendar.is_working_day(friday), -friday.toordinal(),
                               friday, due, plain))
    if not candidates:
        pytest.fail(f"no Friday of the three weeks before {today} has a 15-day term ending on a weekend")
    *_, friday, due, plain = min(candidates)
    return friday, due, plain


def record_event(page, base: str, label: str, fields: dict[str, str], selects: dict[str, str]) -> None:
    """Choose the event type on the case's "Record an event" page and fill in its form."""
    from playwright.sync_api import expect

    page.goto(f"{base}/cases/{REFERENCE}")
    page.get_by_role("link", name="Record an event").click()
    page.get_by_role("link", name=label, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Record: {label}")
    for name, value in fields.items():
        page.get_by_label(name, exact=True).fill(value)
    for name, option in selects.items():
        page.get_by_label(name, exact=True).select_option(label=option)
    page.get_by_role("button", name="Record").click()
    expect(page).to_have_url(re.compile(rf"/cases/{REFERENCE}#event-\d+$"))
    expect(page.get_by_role("status")).to_contain_text(f"{label} of {fields['When']} recorded")


@pytest.mark.browser
@pytest.mark.no_db_isolation
def test_a_lawyers_day_from_complaint_to_closure_request(live_server, page, screenshot):
    from playwright.sync_api import expect

    from app.procedure.when import almaty_now

    base = live_server.url
    email, password = live_server.logins["lawyer"]
    served, due, plain_weekend = served_on_a_friday(almaty_now().date())
    terminated = served - timedelta(days=9)  # a Wednesday: the decision reached the victim late
    filed = served - timedelta(days=60)

    # Logging in through the form.
    page.goto(base + "/")
    expect(page).to_have_url(re.compile(r"/login\b"))
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("status").filter(has_text="Welcome, Demo Lawyer.")).to_be_visible()
    logged_in_at = time.monotonic()

    # A new case.
    page.get_by_role("link", name="New case").click()
    expect(page.get_by_role("heading", name="New case")).to_be_visible()
    page.get_by_label("Reference").fill(REFERENCE.lower())  # the app writes references in capitals
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Region").select_option(label="Pavlodar Region")
    page.get_by_label("City or district").fill("Ekibastuz")
    page.get_by_label("Where the ill-treatment happened").select_option(label="Police station")
    page.get_by_label("Alleged perpetrators' agency").select_option(label="Police (Ministry of Internal Affairs)")
    page.get_by_label("Summary", exact=True).fill("Beaten with a bottle of water to make him confess to a theft.")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(f"{base}/cases/{REFERENCE}")
    expect(page.get_by_role("status")).to_contain_text(f"Case {REFERENCE} created")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{REFERENCE} · {TITLE}")
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text("Pavlodar Region, Ekibastuz")
    expect(facts).to_contain_text("Demo Lawyer")  # who opens a case works on it
    expect(page.locator("ol.timeline")).to_have_count(0)

    # The victim.
    page.get_by_role("link", name="Add a person").click()
    page.get_by_label("Role in this case").select_option(label="Victim")
    page.get_by_label("Name", exact=True).fill(VICTIM)
    page.get_by_label("Other spellings, one per line").fill(VICTIM_RU)
    page.get_by_label("Notes on this role").fill("met in the IVS on the day after")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(f"{VICTIM} added to {REFERENCE}")
    expect(page.locator("ul.parties li")).to_have_text(re.compile(rf"Victim\s+{VICTIM}"))

    # The complaint, then its termination "for lack of evidence".
    record_event(page, base, "Complaint filed", {"When": filed.isoformat(), "Source": SOURCE},
                 {"Filed with *": "Prosecutor's office", "Filed by": "Lawyer"})
    record_event(page, base, "Investigation terminated",
                 {"When": terminated.isoformat(), "Source": SOURCE, "Document number": "2026-417/7"},
                 {"Who acted": "Police (Ministry of Internal Affairs)",
                  "Ground *": "CPC 35(1), paragraph not stated (quote the decision's words in the notes)"})
    flags = page.locator("#flags li.flag")
    # Nine days without service: the appeal clock cannot be checked.
    expect(flags.filter(has_text="Decision not served")).to_contain_text("critical")
    expect(flags.filter(has_text="Terminated for lack of evidence")).to_contain_text("high")

    # The decision is served on a Friday; the event form is kept as a screenshot.
    page.get_by_role("link", name="Record an event").click()
    page.get_by_role("link", name="Decision served", exact=True).click()
    page.get_by_label("When", exact=True).fill(served.isoformat())
    page.get_by_label("Which decision").select_option(label=f"{terminated.isoformat()} · Investigation terminated")
    page.get_by_label("Served to").fill(VICTIM)
    page.get_by_label("Source", exact=True).fill(SOURCE)
    screenshot(page, "event-form.png")
    page.get_by_role("button", name="Record").click()
    expect(page.get_by_role("status")).to_contain_text(f"Decision served of {served.isoformat()} recorded")

    # The case page: the timeline in date order, the red flags, the deadline and its arithmetic.
    events = page.locator("ol.timeline > li.event")
    expect(events.locator(".when")).to_have_text([filed.isoformat(), terminated.isoformat(), served.isoformat()])
    expect(events.nth(2)).to_contain_text(f"Which decision: {terminated.isoformat()} · Investigation terminated")
    expect(flags.filter(has_text="Decision not served")).to_have_count(0)  # served now, if late
    lack = flags.filter(has_text="Terminated for lack of evidence")
    expect(lack.locator(".severity")).to_have_text("high")
    expect(lack).to_contain_text(f"Terminated ({terminated.isoformat()}) on the ground of")
    expect(lack.locator(".action")).to_contain_text(
        "Complain to the investigating judge (CPC 106) within 15 days of service.")
    expect(lack.locator(".action")).to_contain_text(f"— by {due:%a %d %b %Y}")

    row = page.locator("#deadlines tbody tr").filter(has_text="appeal-to-investigating-judge-15d")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(f"{served.isoformat()} · Decision served")
    expect(row.locator("td").nth(3)).to_contain_text("running")
    explanation = row.locator("details.deadline-explanation")
    expect(explanation.locator("ol")).to_be_hidden()
    explanation.get_by_text("How this date was computed").click()
    steps = explanation.locator("ol > li")
    expect(steps.first).to_have_text(f"Decision served {day_text(served)}")
    expect(steps.nth(1)).to_have_text(
        f"15 days, the starting day not counted → {day_text(served + timedelta(days=15))}")
    saturday, sunday = served + timedelta(days=15), served + timedelta(days=16)
    if plain_weekend:
        expect(steps.nth(2)).to_have_text(f"{short_day(saturday)} (Saturday) and {short_day(sunday)} (Sunday) "
                                          f"are not working days → due {day_text(due)}, 24:00")
    else:  # a holiday on or after the weekend: named instead of the weekday, or skipped too
        for day in (saturday, sunday):
            expect(steps.nth(2)).to_contain_text(f"{short_day(day)} (")
        expect(steps.nth(2)).to_contain_text(f"are not working days → due {day_text(due)}")
    expect(explanation).to_contain_text("CPC 106(5)")

    # The victim's consent to a communication to the CAT, and the termination decision linked to its event.
    record_event(page, base, "Consent given", {"When": served.isoformat(), "Source": SOURCE,
                                               "Name of who signed": VICTIM},
                 {"For what *": "File a communication with a committee",
                  "Which committee (to file a communication)": "Committee against Torture",
                  "Given by *": "The victim"})
    expect(page.get_by_role("status")).to_contain_text("Consent given")
    files = page.locator("#files")
    files.get_by_label("File (PDF, PNG, JPEG, DOCX; up to 20 MB)").set_input_files(
        {"name": "termination.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n% the decision\n"})
    files.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("status")).to_contain_text("termination.pdf")
    page.locator("#files").get_by_role("link", name="Details").first.click()
    page.get_by_label("Description").fill(DECISION)
    page.get_by_label("The event it documents").select_option(
        label=f"{terminated.isoformat()} · Investigation terminated")
    page.get_by_label("Language of the document").select_option(label="Russian")
    page.get_by_label("Translation").select_option(label="Translation still needed")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("termination.pdf: details saved.")
    termination = page.locator("ol.timeline > li.event").nth(1)
    expect(termination).to_contain_text(f"Documents: {DECISION}")

    # A draft to the Committee against Torture, previewed, then downloaded as DOCX.
    page.get_by_role("link", name="UN communication").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"UN communication for {REFERENCE}")
    expect(page.get_by_role("link", name="Committee against Torture")).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("region", name="Admissibility check")).to_be_visible()
    # Provisions are suggested from the red flags: the investigation (art. 12) at least.
    expect(page.get_by_label("art. 12 — prompt and impartial investigation")).to_be_checked()
    page.get_by_label("Language of the draft").select_option(label="English")
    page.get_by_role("button", name="Generate the draft").click()
    expect(page.get_by_role("status")).to_contain_text("Draft generated from the case file")
    expect(page.get_by_role("heading", level=1)).to_have_text("Draft to the Committee against Torture")
    draft = page.locator("article.draft")
    expect(draft).to_contain_text(f"Complainant: {VICTIM}")
    expect(draft).to_contain_text(f"Annex 1. {DECISION} (")
    expect(draft).to_contain_text("original in Russian; translation needed")
    expect(draft.locator("ol.footnotes > li").filter(has_text=DECISION).first).to_contain_text(
        f"Annex 1: {DECISION}; Counsel's file")  # the document first, then the source
    expect(draft.locator("mark.question").first).to_be_visible()  # what counsel must still answer
    screenshot(page, "draft-preview.jpg")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download DOCX").click()
    download = download_info.value
    assert download.suggested_filename == f"{REFERENCE}-CAT-en-v1.docx"
    docx = download.path().read_bytes()
    assert docx[:2] == b"PK", "a DOCX is a ZIP package"
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        assert "word/document.xml" in package.namelist()
        document = package.read("word/document.xml").decode("utf-8")
    assert VICTIM in document
    assert "Committee against Torture" in document

    # The same communication in Russian: names in Cyrillic, headings and annexes in Russian.
    page.get_by_role("link", name=REFERENCE).click()
    page.get_by_role("link", name="UN communication").click()
    page.get_by_label("Language of the draft").select_option(label="Русский")
    page.get_by_role("button", name="Generate the draft").click()
    expect(page.get_by_role("status")).to_contain_text("Draft generated from the case file")
    russian = page.locator("article.draft")
    expect(russian.locator("h3").first).to_have_text("I. Информация о заявителе")
    expect(russian).to_contain_text(f"Заявитель: {VICTIM_RU}")
    expect(russian).to_contain_text("Комитету против пыток")
    expect(russian).to_contain_text("Приложение 1. [название на русском языке: " + DECISION + "]")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download DOCX").click()
    assert download_info.value.suggested_filename == f"{REFERENCE}-CAT-ru-v1.docx"

    # The dossier: a sensitive export; the password check of the login is too old by now.
    page.get_by_role("link", name=REFERENCE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{REFERENCE} · {TITLE}")
    page.wait_for_timeout(max(0.0, REAUTH_SECONDS + 0.2 - (time.monotonic() - logged_in_at)) * 1000)
    page.get_by_role("link", name="Dossier (ZIP)").click()
    expect(page).to_have_url(re.compile(r"/reauth\?next="))
    expect(page.get_by_role("heading", name="Confirm it is you")).to_be_visible()
    page.get_by_label("Your password, to confirm it is you").fill("not the password at all")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("alert")).to_have_text("That is not your password.")
    page.get_by_label("Your password, to confirm it is you").fill(password)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Confirm").click()
    download = download_info.value
    assert re.fullmatch(rf"{REFERENCE}-dossier-\d{{8}}\.zip", download.suggested_filename)
    with zipfile.ZipFile(io.BytesIO(download.path().read_bytes())) as dossier:
        names = set(dossier.namelist())
        assert {"case.json", "summary.html", "README.txt", "SHA256SUMS"} <= names
        for line in dossier.read("SHA256SUMS").decode().splitlines():
            digest, name = line.split("  ", 1)
            assert hashlib.sha256(dossier.read(name)).hexdigest() == digest, f"{name} does not match its sum"
        exported = json.loads(dossier.read("case.json"))
        summary = dossier.read("summary.html").decode("utf-8")
    (case,) = exported["cases"]
    assert case["reference"] == REFERENCE
    assert [(e["type"], e["at"]) for e in case["events"]] == [
        ("complaint_filed", filed.isoformat()), ("investigation_terminated", terminated.isoformat()),
        ("decision_served", served.isoformat()), ("consent_given", served.isoformat())]
    assert VICTIM in json.dumps(case, ensure_ascii=False)
    assert day_text(due) in summary, "the summary carries each due date's arithmetic"

    # Closing the case needs a supervisor: the lawyer asks for it.
    page.goto(f"{base}/cases/{REFERENCE}")
    approvals = page.locator("#approvals")
    expect(approvals).to_contain_text("No approval requested yet.")
    approvals.get_by_label("Decision").select_option(label="Close the case")
    approvals.get_by_role("button", name="Request").click()  # without a reason first
    expect(approvals.get_by_role("alert")).to_be_visible()
    expect(approvals.locator(".error")).to_have_text("Say why, for the supervisor who decides")
    approvals.get_by_label("Decision").select_option(label="Close the case")
    approvals.get_by_label("Why").fill("The victim left Kazakhstan and asks us to stop; the appeal is not filed.")
    approvals.get_by_role("button", name="Request").click()
    expect(page).to_have_url(re.compile(rf"/cases/{REFERENCE}#approvals$"))
    expect(page.get_by_role("status")).to_have_text("Requested: Close the case. A supervisor will decide.")
    request = page.locator("#approvals tbody tr")
    expect(request).to_have_count(1)
    expect(request).to_contain_text("Close the case")
    expect(request).to_contain_text("Demo Lawyer")
    expect(request.locator("td").nth(2)).to_have_text("requested")
    expect(request.get_by_role("button", name="Cancel the request")).to_be_visible()
    expect(page.locator("#closed-banner")).to_have_count(0)  # nothing closed before a supervisor decides
