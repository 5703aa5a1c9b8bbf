"""Changing the calendar or a configurable term recomputes the dates it moves, and says so on the case."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from app.models import CaseDeadline, DeadlineChange
from app.services.lawsettings import remove_calendar_day, set_calendar_day, set_rule_value
from app.services.timeline import record_event
from tests.integration.conftest import PASSWORD

APPEAL = "appeal-to-investigating-judge-15d"
REGISTRATION = "registration-24h"


def served_on_friday(session, case, lawyer):
    """Terminated Wed 5 Jun 2024, served Fri 7 Jun: 15 days → Sat 22 Jun → due Mon 24 Jun 2024."""
    terminated = record_event(session, case, {"type": "investigation_terminated", "at": "2024-06-05", "source": "s",
                                              "fields": {"ground": "cpc_35_1_unstated"}}, user=lawyer)
    record_event(session, case, {"type": "decision_served", "at": "2024-06-07", "source": "s",
                                 "fields": {"decision": terminated.uid}}, user=lawyer)
    session.commit()


def due(session, case, rule: str) -> datetime:
    session.expire_all()
    return session.scalar(select(CaseDeadline.due).where(CaseDeadline.case_id == case.id, CaseDeadline.rule == rule))


def test_a_day_off_decreed_later_moves_the_due_date_and_the_case_shows_why(app, client, session, case, lawyer,
                                                                           make_user):
    served_on_friday(session, case, lawyer)
    admin = make_user("admin")
    assert due(session, case, APPEAL) == datetime(2024, 6, 24, 23, 59)
    report = set_calendar_day(session, datetime(2024, 6, 24).date(), working=False, name="Decree No. 1 (test)",
                              user=admin)
    session.commit()
    assert report.cases == 1
    assert due(session, case, APPEAL) == datetime(2024, 6, 25, 23, 59)
    change = session.scalar(select(DeadlineChange).where(DeadlineChange.rule == APPEAL))
    assert (change.old_due, change.new_due) == (datetime(2024, 6, 24, 23, 59), datetime(2024, 6, 25, 23, 59))
    assert "declared 24.06.2024 a day off (Decree No. 1 (test))" in change.reason
    client.post("/login", data={"email": lawyer.email, "password": PASSWORD})
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert "Due dates that moved" in page and "Mon 24 Jun 2024 → <strong>Tue 25 Jun 2024</strong>" in page
    assert "Mon 24 Jun (Decree No. 1 (test))" in page, "the explanation names the decreed day"
    remove_calendar_day(session, datetime(2024, 6, 24).date(), admin)
    session.commit()
    assert due(session, case, APPEAL) == datetime(2024, 6, 24, 23, 59)


def test_a_saturday_made_a_working_day_ends_the_term_on_it(session, case, lawyer, make_user):
    served_on_friday(session, case, lawyer)
    set_calendar_day(session, datetime(2024, 6, 22).date(), working=True, name="Working Saturday (test)",
                     user=make_user("admin"))
    assert due(session, case, APPEAL) == datetime(2024, 6, 22, 23, 59)


def test_a_day_far_from_any_due_date_recomputes_no_case(session, case, lawyer, make_user):
    served_on_friday(session, case, lawyer)
    report = set_calendar_day(session, datetime(2025, 3, 3).date(), working=False, name="Far away",
                              user=make_user("admin"))
    assert report.cases == 0 and session.scalar(select(DeadlineChange)) is None


def test_a_configured_term_moves_open_registration_deadlines(session, case, lawyer, make_user):
    record_event(session, case, {"type": "complaint_filed", "at": "2024-06-03T10:00", "source": "s",
                                 "fields": {"to_body": "prosecutor"}}, user=lawyer)
    session.commit()
    assert due(session, case, REGISTRATION) == datetime(2024, 6, 4, 10, 0)
    admin = make_user("admin")
    report = set_rule_value(session, "registration", 48, admin)
    assert report.cases == 1
    assert due(session, case, REGISTRATION) == datetime(2024, 6, 5, 10, 0)
    change = session.scalar(select(DeadlineChange))
    assert change.reason == f"{admin.full_name} changed the term 'registration' from the law's value to 48 hours"
    set_rule_value(session, "registration", None, admin)
    assert due(session, case, REGISTRATION) == datetime(2024, 6, 4, 10, 0)


def test_the_terms_page_refuses_bad_values_and_keeps_the_law(client, session, make_user):
    from app.models import CalendarAdjustment, RuleSetting

    admin = make_user("admin")
    client.post("/login", data={"email": admin.email, "password": PASSWORD})
    for data in ({"term": "registration", "amount": "0"}, {"term": "registration", "amount": "soon"},
                 {"term": "forwarding", "amount": "5"}):
        assert client.post("/admin/law/terms", data=data).status_code == 422, data
    for data in ({"day": "", "working": "off", "name": "x"}, {"day": "2024-02-30", "working": "off", "name": "x"},
                 {"day": "2024-06-24", "working": "off", "name": ""}):
        assert client.post("/admin/law/calendar", data=data).status_code == 422, data
    assert session.scalar(select(RuleSetting)) is None and session.scalar(select(CalendarAdjustment)) is None
    assert client.post("/admin/law/terms", data={"term": "registration", "amount": "48"}).status_code == 302
    page = client.get("/admin/law").get_data(as_text=True)
    assert "48 hours" in page and "Independence Day" in page
