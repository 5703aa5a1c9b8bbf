"""The dashboard's "due soon" list is the same whatever plan the database picks: deadlines falling
due at the same moment come in id order, so a limit cuts the list at the same row."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import delete

from app.models import CaseDeadline
from app.services import dashboard
from app.services.cases import create_case
from app.services.dashboard import DashboardFilter, deadlines_due_soon
from app.services.timeline import local_now, record_event


@pytest.fixture
def tied(session, lawyer):
    """Four open deadlines: one due first, then three due at the same earliest moment whose
    latest moments run the other way than their ids (the index's order is not the list's)."""
    now = local_now().replace(second=0, microsecond=0)
    due = now + timedelta(days=2)
    windows = [(due - timedelta(hours=5), due), (due, due + timedelta(days=3)),
               (due, due + timedelta(days=2)), (due, due + timedelta(days=1))]
    made = []
    for number, (earliest, latest) in enumerate(windows, start=1):
        case = create_case(session, reference=f"KZ-2026-{number:04d}", created_by=lawyer,
                           data={"title": f"Case {number}", "region": "almaty_city"})
        event = record_event(session, case, {"type": "complaint_filed", "at": (now - timedelta(days=1)).strftime(
            "%Y-%m-%d"), "source": "s", "fields": {"to_body": "prosecutor"}}, user=lawyer)
        session.execute(delete(CaseDeadline).where(CaseDeadline.case_id == case.id))
        deadline = CaseDeadline(case_id=case.id, rule="registration-24h", from_event_id=event.id,
                                due=latest, earliest_due=earliest, latest_due=latest)
        session.add(deadline)
        session.flush()
        made.append(deadline.id)
    session.commit()
    return now, made


def test_ties_come_in_id_order(session, make_user, tied):
    now, ids = tied
    filters = DashboardFilter(user=make_user("supervisor"))
    assert [d.id for d in deadlines_due_soon(session, filters, now)] == ids


def test_a_limit_cuts_the_ties_at_the_lowest_ids(session, make_user, tied, monkeypatch):
    now, ids = tied
    monkeypatch.setattr(dashboard, "LIMIT", 3)
    filters = DashboardFilter(user=make_user("supervisor"))
    assert [d.id for d in deadlines_due_soon(session, filters, now)] == ids[:3]
