"""Helpers for tests that go through the application: users, logins, seeded cases."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event, func, select

from app.models import Case, CaseParty, Event, EventRevision, Person, User
from app.services.cases import create_case
from app.services.users import create_user

PASSWORD = "correct horse battery staple"


@pytest.fixture
def make_user(session):
    def make(role: str = "lawyer", email: str | None = None) -> User:
        count = session.scalar(select(func.count(User.id)))
        user = create_user(session, email=email or f"{role}{count}@example.org",
                           full_name=f"{role.title()} {count}", role=role, password=PASSWORD)
        session.commit()  # as an earlier request would have: a request's rollback keeps it
        return user
    return make


@pytest.fixture
def lawyer(make_user):
    return make_user("lawyer")


@pytest.fixture
def logged_in(client, lawyer):
    """A test client with a logged-in lawyer."""
    response = client.post("/login", data={"email": lawyer.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


@pytest.fixture
def case(session, lawyer):
    case = create_case(session, reference="KZ-2021-0001", created_by=lawyer,
                       data={"title": "Complaint of beating in custody", "region": "almaty_city"})
    session.commit()
    return case


def row_counts(session) -> dict[str, int]:
    """How many rows each table of the timeline has: to prove that nothing was written."""
    return {model.__tablename__: session.scalar(select(func.count()).select_from(model))
            for model in (Case, CaseParty, Event, EventRevision, Person, User)}


TRANSACTION_CONTROL = re.compile(r"^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b", re.IGNORECASE)


@contextmanager
def recorded_statements(app) -> Iterator[list[str]]:
    """The SQL statements sent while the block runs, transaction control left out."""
    from app.extensions import db

    with app.app_context():
        engine = db.engine
    statements: list[str] = []

    def before(_conn, _cursor, statement, *_args):
        if not TRANSACTION_CONTROL.match(statement):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", before)
