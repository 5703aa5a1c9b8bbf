"""What a flag rests on, in the app: shown on the case page, the dashboard, the reminders and the CSV in
words; an absence confirmed in one step and undone by retracting; events moved among overlapping dates."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import select

from app.models import CaseFlag, Event, EventRevision
from app.models.audit import AuditEntry
from app.services.timeline import record_event
from tests.integration.conftest import PASSWORD, row_counts

UNREGISTERED = "unregistered-complaint"


@pytest.fixture
def complained(session, case, lawyer):
    """A complaint of 1 March 2024, 10:00, nothing recorded since: an absence flag after 24 hours."""
    record_event(session, case, {"type": "complaint_filed", "at": "2024-03-01T10:00", "source": "Complaint",
                                 "fields": {"to_body": "prosecutor"}}, user=lawyer)
    session.commit()
    return case


def flag_of(session, case, rule: str) -> CaseFlag:
    return session.scalars(select(CaseFlag).where(CaseFlag.case_id == case.id, CaseFlag.rule == rule)).one()


def flag_item(page: str, rule: str) -> str:
    """The case page's list item of a flag."""
    start = page.index(f"({rule})")
    return page[page.rindex("<li", 0, start):page.index("</li>", start)]


def test_the_case_page_says_an_absence_is_nothing_recorded(logged_in, session, complained):
    item = flag_item(logged_in.get(f"/cases/{complained.reference}").get_data(as_text=True), UNREGISTERED)
    assert "nothing recorded" in item and "recorded breach" not in item
    assert "No registration of the complaint of 2024-03-01T10:00 in the URPTI is recorded by" in item
    assert "I checked: it was not done" in item
    assert "absence" not in item.split(">", 1)[1].replace("finding-absence", "")  # no code shown as text


@pytest.mark.parametrize(("language", "absence", "record"), [
    ("ru", "в деле ничего не записано", "нарушение по материалам дела"),
    ("kk", "істе ештеңе жазылмаған", "іс материалдарындағы бұзушылық"),
])
def test_the_basis_is_said_in_russian_and_kazakh(logged_in, session, complained, lawyer, language, absence, record):
    lawyer.language = language
    session.commit()
    page = logged_in.get(f"/cases/{complained.reference}").get_data(as_text=True)
    assert absence in flag_item(page, UNREGISTERED)
    flag = flag_of(session, complained, UNREGISTERED)
    logged_in.post(f"/cases/{complained.reference}/events/not-done/{flag.id}", data={"note": ""})
    page = logged_in.get(f"/cases/{complained.reference}").get_data(as_text=True)
    assert record in flag_item(page, UNREGISTERED)


def test_confirming_an_absence_records_a_step_not_done_from_the_lawyers_file(logged_in, session, complained, lawyer):
    flag = flag_of(session, complained, UNREGISTERED)
    assert (flag.basis, flag.step) == ("absence", "registered_urpti")
    response = logged_in.post(f"/cases/{complained.reference}/events/not-done/{flag.id}",
                              data={"note": "the prosecutor's office confirmed by phone on 5 March"})
    assert response.status_code == 302
    not_done = session.scalars(select(Event).where(Event.case_id == complained.id, Event.type == "not_done")).one()
    complaint = session.scalars(select(Event).where(Event.case_id == complained.id,
                                                    Event.type == "complaint_filed")).one()
    assert not_done.source == "lawyer's file"
    assert not_done.fields == {"step": "registered_urpti", "refers_to": complaint.uid}
    assert lawyer.full_name in not_done.notes and "confirmed by phone on 5 March" in not_done.notes
    assert not_done.created_by_id == lawyer.id
    confirmed = flag_of(session, complained, UNREGISTERED)
    assert confirmed.basis == "record"
    assert confirmed.explanation == ("The complaint of 2024-03-01T10:00 was not entered in the URPTI within the "
                                     "registration term.")
    assert session.scalars(select(AuditEntry).where(AuditEntry.object_type == "Event",
                                                    AuditEntry.object_id == str(not_done.id))).first() is not None


def test_a_flag_on_record_cannot_be_confirmed_again(logged_in, session, complained):
    flag = flag_of(session, complained, UNREGISTERED)
    logged_in.post(f"/cases/{complained.reference}/events/not-done/{flag.id}", data={})
    before = row_counts(session)
    confirmed = flag_of(session, complained, UNREGISTERED)
    response = logged_in.post(f"/cases/{complained.reference}/events/not-done/{confirmed.id}", data={},
                              follow_redirects=True)
    assert "this red flag does not rest on a missing step that can be confirmed" in response.get_data(as_text=True)
    assert row_counts(session) == before


def test_undoing_a_confirmation_is_retracting_it_with_a_reason(logged_in, session, complained, lawyer):
    flag = flag_of(session, complained, UNREGISTERED)
    logged_in.post(f"/cases/{complained.reference}/events/not-done/{flag.id}", data={})
    not_done = session.scalars(select(Event).where(Event.type == "not_done")).one()
    before = row_counts(session)
    refused = logged_in.post(f"/cases/{complained.reference}/events/{not_done.id}/retract",
                             data={"reason": "", "version": str(not_done.version)})
    assert refused.status_code == 422 and "say why the event is retracted" in refused.get_data(as_text=True)
    assert row_counts(session) == before
    response = logged_in.post(f"/cases/{complained.reference}/events/{not_done.id}/retract",
                              data={"reason": "confirmed on the wrong case", "version": str(not_done.version)})
    assert response.status_code == 302
    session.refresh(not_done)
    assert not_done.retracted_at is not None
    [revision] = session.scalars(select(EventRevision).where(EventRevision.event_id == not_done.id)).all()
    assert revision.reason == "Retracted: confirmed on the wrong case" and revision.changed_by_id == lawyer.id
    assert flag_of(session, complained, UNREGISTERED).basis == "absence"
    page = logged_in.get(f"/cases/{complained.reference}").get_data(as_text=True)
    assert f'id="event-{not_done.id}"' not in page  # left the timeline
    history = logged_in.get(f"/cases/{complained.reference}/events/{not_done.id}/history").get_data(as_text=True)
    assert "confirmed on the wrong case" in history


def test_events_move_only_among_overlapping_dates(logged_in, session, case, lawyer):
    month = record_event(session, case, {"type": "incident", "at": "2021-01", "source": "s"}, user=lawyer)
    day = record_event(session, case, {"type": "transfer", "at": "2021-01-09", "source": "s"}, user=lawyer)
    later = record_event(session, case, {"type": "transfer", "at": "2021-02-03", "source": "s"}, user=lawyer)
    session.commit()
    assert [e.id for e in case.timeline] == [month.id, day.id, later.id]
    page = logged_in.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert page.count('name="to" value="down"') == 1 and page.count('name="to" value="up"') == 1
    logged_in.post(f"/cases/{case.reference}/events/{month.id}/move", data={"to": "down"})
    session.expire_all()
    assert [e.id for e in case.timeline] == [day.id, month.id, later.id]
    refused = logged_in.post(f"/cases/{case.reference}/events/{month.id}/move", data={"to": "down"},
                             follow_redirects=True)
    assert "the dates or a reference decide its place" in refused.get_data(as_text=True)
    session.expire_all()
    assert [e.id for e in case.timeline] == [day.id, month.id, later.id]


def test_the_dashboard_says_what_each_flag_rests_on(client, session, complained, make_user):
    supervisor = make_user("supervisor")
    client.post("/login", data={"email": supervisor.email, "password": PASSWORD})
    page = client.get("/dashboard").get_data(as_text=True)
    flags = page.split('id="flags"')[1].split("</section>")[0]
    assert complained.reference in flags and "nothing recorded" in flags
    assert "Terms passed with nothing recorded" in page


def test_the_dashboard_csv_has_a_finding_column_in_words(logged_in, session, complained, lawyer):
    response = logged_in.get("/dashboard.csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    flag_rows = [r for r in rows if r["section"] == "flag" and r["rule"] == UNREGISTERED]
    assert flag_rows and {r["finding"] for r in flag_rows} == {"nothing recorded"}
