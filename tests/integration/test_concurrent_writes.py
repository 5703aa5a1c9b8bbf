"""Two people writing to one case at once (two sessions, two connections on PostgreSQL)."""

import pytest
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.extensions import db
from app.models import Case, Event
from app.services.cases import create_case, update_case
from app.services.errors import Conflict
from app.services.timeline import record_event

pytestmark = pytest.mark.no_db_isolation


@pytest.fixture
def shared_case(app):
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("needs two real connections: the SQLite test database is one in-memory connection")
        with Session(db.engine) as setup:
            case = create_case(setup, reference="KZ-2026-RACE", data={"title": "Race"}, created_by=None)
            setup.commit()
            case_id = case.id
        yield case_id
        with Session(db.engine) as cleanup:
            cleanup.execute(delete(Case).where(Case.id == case_id))
            cleanup.commit()


def test_two_lawyers_record_events_on_one_case_at_once(app, shared_case):
    with app.app_context(), Session(db.engine) as first, Session(db.engine) as second:
        case_a = first.get(Case, shared_case)
        case_b = second.get(Case, shared_case)
        _ = case_a.events, case_b.events
        record_event(first, case_a, {"type": "un_communication_submitted", "at": "2024-01-10", "source": "s",
                                     "fields": {"committee": "HRC"}}, user=None)
        first.commit()
        record_event(second, case_b, {"type": "asylum_applied", "at": "2024-01-11", "source": "s"}, user=None)
        second.commit()
        types = set(first.scalars(select(Event.type).where(Event.case_id == shared_case)))
        assert types == {"un_communication_submitted", "asylum_applied"}


def test_two_edits_of_one_case_conflict_instead_of_overwriting(app, shared_case):
    with app.app_context(), Session(db.engine) as first, Session(db.engine) as second:
        case_a = first.get(Case, shared_case)
        case_b = second.get(Case, shared_case)
        seen = case_b.version
        update_case(first, case_a, data={"title": "First"}, expected_version=case_a.version)
        first.commit()
        second.refresh(case_b)
        with pytest.raises(Conflict):
            update_case(second, case_b, data={"title": "Second"}, expected_version=seen)
        second.rollback()
        assert second.scalar(select(Case.title).where(Case.id == shared_case)) == "First"
