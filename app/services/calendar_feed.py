"""Personal calendar feeds (ICS) of deadlines, behind revocable secret tokens.

Only a token's SHA-256 is stored; the token itself is shown once, when created. A feed
names the case reference and the rule, never a person, because calendars are often
synchronised to third-party services.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import CalendarToken, Case, CaseDeadline, User
from app.procedure.law import RULES_BY_ID
from app.services.access import case_visible


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(session: Session, user: User) -> str:
    token = secrets.token_urlsafe(32)
    session.add(CalendarToken(user_id=user.id, token_hash=_digest(token)))
    session.flush()
    return token


def revoke_token(session: Session, user: User, token_id: int) -> bool:
    token = session.get(CalendarToken, token_id)
    if token is None or token.user_id != user.id or token.revoked_at is not None:
        return False
    token.revoked_at = datetime.now(UTC)
    session.flush()
    return True


def user_for_token(session: Session, token: str) -> User | None:
    if not token or len(token) > 100:
        return None
    row = session.scalar(select(CalendarToken).where(CalendarToken.token_hash == _digest(token),
                                                     CalendarToken.revoked_at.is_(None)))
    return row.user if row is not None and row.user.active else None


def feed(session: Session, user: User, now: datetime) -> bytes:
    """Open deadlines of the open cases the user may see (app.services.access)."""
    query = (select(CaseDeadline, Case.reference).join(CaseDeadline.case)
             .where(CaseDeadline.outcome.is_(None), CaseDeadline.due.is_not(None), Case.closed_at.is_(None),
                    CaseDeadline.due >= now - timedelta(days=30))
             .order_by(CaseDeadline.due))
    query = query.where(case_visible(user))
    calendar = Calendar()
    calendar.add("prodid", "-//Qorgau//deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Qorgau deadlines")
    for deadline, reference in session.execute(query):
        event = Event()
        title = RULES_BY_ID[deadline.rule].title
        event.add("uid", f"deadline-{deadline.case_id}-{deadline.rule}-{deadline.from_event_id}@qorgau")
        event.add("summary", f"{reference}: {title}")
        if (deadline.due.hour, deadline.due.minute) == (23, 59):
            event.add("dtstart", deadline.due.date())  # a day term: due all that day
        else:
            event.add("dtstart", deadline.due)  # an hour term: due at that minute (Almaty time)
        event.add("dtstamp", datetime.now(UTC))
        event.add("description", f"{title} ({deadline.rule}), {reference}")
        calendar.add_component(event)
    return calendar.to_ical()
