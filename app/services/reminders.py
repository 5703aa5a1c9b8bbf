"""The daily digest: each user's deadlines due within 1, 3 and 7 working days, new critical
flags and approvals waiting, shown in the app and e-mailed once.

Every reminder has a key; a delivery takes the keys it carries (unique per user), so a key
is e-mailed once whatever the number of runs, and a failed delivery is retried as it was.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from flask_babel import force_locale, gettext, ngettext
from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import Session

from app.i18n import DEFAULT_LANGUAGE
from app.models import (
    Approval,
    ApprovalStatus,
    Case,
    CaseAssignment,
    CaseDeadline,
    CaseFlag,
    ReminderDelivery,
    ReminderItem,
    Role,
    User,
)
from app.models.types import utcnow
from app.procedure.calendar import WorkingCalendar, working_days_between
from app.procedure.law import RULES_BY_ID
from app.procedure.results import Basis
from app.services.approvals import KIND_LABELS
from app.services.assignments import nobody_assigned
from app.services.mailer import SmtpMailer
from app.wording import due_text, said

THRESHOLDS = (1, 3, 7)  # working days before the due date
RECENT_DECISIONS = timedelta(days=14)


@dataclass(frozen=True)
class Reminder:
    key: str
    kind: str  # deadline / flag / approval
    reference: str
    text: str
    path: str  # where in the app, e.g. /cases/KZ-2021-0001#deadlines


def _scope(user: User):
    """The cases a user is reminded of: their own; a supervisor's also the cases they
    supervise and the open cases nobody works on (so that no deadline reaches no one)."""
    own = exists().where(CaseAssignment.case_id == Case.id, CaseAssignment.user_id == user.id)
    if user.role != Role.SUPERVISOR:
        return and_(own, Case.closed_at.is_(None))
    return and_(or_(own, Case.supervisor_id == user.id, nobody_assigned()), Case.closed_at.is_(None))


def _deadline_reminders(session: Session, user: User, today: date, calendar: WorkingCalendar) -> list[Reminder]:
    horizon = today + timedelta(days=31)  # 7 working days never span more than this
    rows = session.execute(
        select(CaseDeadline, Case.reference).join(Case, Case.id == CaseDeadline.case_id)
        .where(_scope(user), CaseDeadline.outcome.is_(None), CaseDeadline.due.is_not(None),
               CaseDeadline.due >= datetime.combine(today, datetime.min.time()),
               CaseDeadline.due < datetime.combine(horizon, datetime.min.time()))
        .order_by(CaseDeadline.due, Case.reference))
    reminders = []
    for deadline, reference in rows:
        left = working_days_between(today, deadline.due.date(), calendar)
        threshold = next((t for t in THRESHOLDS if left <= t), None)
        if threshold is None:
            continue
        rule = RULES_BY_ID[deadline.rule]
        values = {"rule": gettext(rule.title), "due": due_text(deadline.due, in_hours=deadline.in_hours),
                  "basis": gettext(rule.basis)}
        text = (gettext("%(rule)s due today: %(due)s (%(basis)s)", **values) if left == 0 else
                ngettext("%(rule)s due in %(num)d working day: %(due)s (%(basis)s)",
                         "%(rule)s due in %(num)d working days: %(due)s (%(basis)s)", left, **values))
        reminders.append(Reminder(
            f"deadline:{deadline.case_id}:{deadline.rule}:{deadline.from_event_id}:{deadline.due:%Y%m%d%H%M}:{threshold}",
            "deadline", reference, text, f"/cases/{reference}#deadlines"))
    return reminders


def _flag_reminders(session: Session, user: User, now: datetime) -> list[Reminder]:
    rows = session.execute(
        select(CaseFlag, Case.reference).join(Case, Case.id == CaseFlag.case_id)
        .where(_scope(user), CaseFlag.severity == "critical",
               or_(CaseFlag.active_from.is_(None), CaseFlag.active_from <= now),
               or_(CaseFlag.active_until.is_(None), CaseFlag.active_until > now))
        .order_by(Case.reference, CaseFlag.rule))
    return [Reminder(f"flag:{flag.case_id}:{flag.key}", "flag", reference,
                     (_flag_heading(flag) + " " + said(flag.phrase("action") if flag.action else None)).strip(),
                     f"/cases/{reference}#flags") for flag, reference in rows]


def _flag_heading(flag: CaseFlag) -> str:
    """'Critical flag (nothing recorded): Complaint not registered.': what it rests on, first."""
    rule = gettext(RULES_BY_ID[flag.rule].title)
    if flag.basis == Basis.ABSENCE:
        return gettext("Critical flag (nothing recorded): %(rule)s.", rule=rule)
    return gettext("Critical flag (recorded breach): %(rule)s.", rule=rule)


def _approval_reminders(session: Session, user: User) -> list[Reminder]:
    query = select(Approval, Case.reference).join(Case, Case.id == Approval.case_id)
    if user.role == Role.SUPERVISOR:
        query = query.where(Approval.status == ApprovalStatus.REQUESTED, Approval.requested_by_id != user.id)
    else:
        query = query.where(Approval.requested_by_id == user.id, Approval.decided_by_id != user.id,
                            Approval.status.in_([ApprovalStatus.APPROVED, ApprovalStatus.REJECTED]),
                            Approval.decided_at >= utcnow() - RECENT_DECISIONS)
    reminders = []
    for approval, reference in session.execute(query.order_by(Approval.requested_at, Approval.id)):
        label = gettext(str(KIND_LABELS[approval.kind]))
        if approval.status is ApprovalStatus.REQUESTED:
            text = gettext("Waiting for your decision: %(kind)s", kind=label)
        elif approval.status is ApprovalStatus.APPROVED:
            text = gettext("Your request was approved: %(kind)s", kind=label)
        else:
            text = gettext("Your request was rejected: %(kind)s", kind=label)
        text += f" ({approval.comment})" if approval.comment else ""
        reminders.append(Reminder(f"approval:{approval.id}:{approval.status.value}", "approval", reference, text,
                                  f"/cases/{reference}#approval-{approval.id}"))
    return reminders


def reminders_for(session: Session, user: User, now: datetime, calendar: WorkingCalendar) -> list[Reminder]:
    """What ``user`` should know today (``now`` is Almaty wall-clock time)."""
    return (_deadline_reminders(session, user, now.date(), calendar) + _flag_reminders(session, user, now)
            + _approval_reminders(session, user))


def sent_keys(session: Session, user: User) -> set[str]:
    return set(session.scalars(select(ReminderItem.key).where(ReminderItem.user_id == user.id)))


def digest_text(user: User, reminders: Iterable[Reminder], public_url: str, today: date) -> tuple[str, str]:
    """Subject and body: case references and rules only, no names of victims or witnesses,
    since e-mail leaves the coalition's server."""
    reminders = list(reminders)
    subject = ngettext("Qorgau: %(num)d reminder for %(day)s", "Qorgau: %(num)d reminders for %(day)s",
                       len(reminders), day=f"{today:%d.%m.%Y}")
    lines = [gettext("Dear %(name)s,", name=user.full_name), "",
             gettext("What needs your attention on %(day)s:", day=f"{today:%d.%m.%Y}"), ""]
    for heading, kind in ((gettext("Deadlines"), "deadline"), (gettext("Critical red flags"), "flag"),
                          (gettext("Approvals"), "approval")):
        items = [r for r in reminders if r.kind == kind]
        if items:
            lines += [heading + ":"] + [f"- {r.reference}: {r.text}\n  {public_url.rstrip('/')}{r.path}"
                                        for r in items] + [""]
    lines += [gettext("The same list is on the Reminders page of Qorgau."), ""]
    return subject, "\n".join(lines)


@dataclass
class SendReport:
    sent: list[int] = field(default_factory=list)
    failed: list[tuple[int, str]] = field(default_factory=list)
    given_up: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed and not self.given_up


def prepare_digests(session: Session, now: datetime, calendar: WorkingCalendar, public_url: str) -> list[int]:
    """Create a pending delivery for every active user with something not yet sent."""
    created = []
    for user in session.scalars(select(User).where(User.active).order_by(User.id)):
        taken = sent_keys(session, user)
        with force_locale(user.language or DEFAULT_LANGUAGE):  # each digest in its reader's language
            fresh = [r for r in reminders_for(session, user, now, calendar) if r.key not in taken]
            if not fresh:
                continue
            subject, body = digest_text(user, fresh, public_url, now.date())
        delivery = ReminderDelivery(user_id=user.id, digest_date=now.date(), subject=subject, body=body,
                                    items=[{"key": r.key, "kind": r.kind, "reference": r.reference, "text": r.text}
                                           for r in fresh])
        session.add(delivery)
        session.flush()
        session.add_all(ReminderItem(user_id=user.id, key=r.key, delivery_id=delivery.id) for r in fresh)
        session.flush()
        created.append(delivery.id)
    return created


def deliver(session: Session, mailer: SmtpMailer, max_attempts: int) -> SendReport:
    """Send every pending or failed delivery that has attempts left; commit after each, so a
    crash midway never sends a message twice nor forgets one."""
    report = SendReport()
    due = list(session.scalars(select(ReminderDelivery).where(ReminderDelivery.status.in_(("pending", "failed")))
                               .order_by(ReminderDelivery.id)))
    for delivery in due:
        if delivery.attempts >= max_attempts:
            report.given_up.append(delivery.id)
            continue
        delivery.attempts += 1
        try:
            mailer.send(delivery.user.email, delivery.subject, delivery.body)
        except Exception as exc:  # noqa: BLE001 - any failure of the network or server is reported, not raised
            delivery.status, delivery.last_error = "failed", f"{type(exc).__name__}: {exc}"[:2000]
            report.failed.append((delivery.id, delivery.last_error))
        else:
            delivery.status, delivery.sent_at, delivery.last_error = "sent", utcnow(), ""
            report.sent.append(delivery.id)
        session.commit()
    return report


def recent_deliveries(session: Session, user: User | None, limit: int = 20) -> list[ReminderDelivery]:
    """A user's last deliveries; with None, every delivery that is not sent (for admins)."""
    query = select(ReminderDelivery).order_by(ReminderDelivery.id.desc()).limit(limit)
    if user is not None:
        query = query.where(ReminderDelivery.user_id == user.id)
    else:
        query = query.where(ReminderDelivery.status != "sent")
    return list(session.scalars(query))
