"""Decisions that need a supervisor: closing a case, withdrawing a complaint, sending a UN
communication. A lawyer requests, a supervisor other than the requester approves or rejects
with a comment, and an approval is carried out once."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from app.i18n import N_
from app.models import Approval, ApprovalKind, ApprovalStatus, Case, Event, Role, User
from app.models.types import utcnow
from app.procedure.consent import consent_to_file
from app.services.errors import Invalid, ServiceError
from app.services.procedure import case_file_of

# The labels below are marked for the catalogs, not translated here: the pages and each
# reminder translate them where they are shown (``| tr``, gettext).
KIND_LABELS = {
    ApprovalKind.CLOSE_CASE: N_("Close the case"),
    ApprovalKind.WITHDRAW_COMPLAINT: N_("Withdraw the complaint"),
    ApprovalKind.SEND_COMMUNICATION: N_("Send the UN communication"),
}
# A request's status as the pages say it (the stored values are English codes).
STATUS_LABELS = {
    ApprovalStatus.REQUESTED: N_("requested"),
    ApprovalStatus.APPROVED: N_("approved"),
    ApprovalStatus.REJECTED: N_("rejected"),
    ApprovalStatus.CANCELLED: N_("cancelled"),
}
# The event types that carry an approved decision out.
KIND_OF_EVENT = {"complaint_withdrawn": ApprovalKind.WITHDRAW_COMPLAINT,
                 "un_communication_submitted": ApprovalKind.SEND_COMMUNICATION}
MAX_TEXT = 2000


class NeedsApproval(ServiceError):
    """The action waits for a supervisor's approval."""


def is_approver(user: User) -> bool:
    return user.role == Role.SUPERVISOR


def _text(value: str, field: str, required: str | None) -> str:
    value = (value or "").strip()
    if required and not value:
        raise Invalid({field: required})
    if len(value) > MAX_TEXT:
        raise Invalid({field: _("At most %(num)s characters", num=f"{MAX_TEXT:,}")})
    return value


def request_approval(session: Session, case: Case, kind: str, reason: str, user: User) -> Approval:
    try:
        kind = ApprovalKind(kind)
    except ValueError:
        raise Invalid({"kind": _("Choose one of: %(choices)s",
                                 choices=", ".join(_(label) for label in KIND_LABELS.values()))}) from None
    reason = _text(reason, "reason", _("Say why, for the supervisor who decides"))
    if kind is ApprovalKind.CLOSE_CASE and case.closed_at is not None:
        raise Invalid({"kind": _("The case is already closed")})
    if open_approval(session, case, kind) is not None:
        raise Invalid({"kind": _("'%(decision)s' is already waiting for a decision or approved",
                                 decision=_(KIND_LABELS[kind]))})
    approval = Approval(case_id=case.id, kind=kind, reason=reason, requested_by_id=user.id)
    session.add(approval)
    session.flush()
    return approval


def decide(session: Session, approval: Approval, *, approve: bool, comment: str, user: User) -> Approval:
    """Approve or reject; a closure approved closes the case at once."""
    if not is_approver(user):
        raise NeedsApproval(_("Only a supervisor decides on an approval"))
    if approval.status is not ApprovalStatus.REQUESTED:
        raise Invalid({"status": _("This request was already %(status)s", status=_(STATUS_LABELS[approval.status]))})
    if approval.requested_by_id == user.id:
        raise Invalid({"status": _("A request is decided by a supervisor other than the one who made it")})
    if approve and approval.kind is ApprovalKind.SEND_COMMUNICATION:
        consent_stands(approval.case, None)
    approval.comment = _text(comment, "comment", None if approve else _("Say why the request is rejected"))
    approval.status = ApprovalStatus.APPROVED if approve else ApprovalStatus.REJECTED
    approval.decided_by_id, approval.decided_at = user.id, utcnow()
    if approve and approval.kind is ApprovalKind.CLOSE_CASE:
        approval.case.closed_at = approval.decided_at
    session.flush()
    return approval


def cancel(session: Session, approval: Approval, user: User) -> None:
    if approval.requested_by_id != user.id or approval.status is not ApprovalStatus.REQUESTED:
        raise Invalid({"status": _("Only the requester cancels a request still waiting for a decision")})
    approval.status = ApprovalStatus.CANCELLED
    session.flush()


def open_approval(session: Session, case: Case, kind: ApprovalKind) -> Approval | None:
    """A request of this kind waiting for a decision, or approved and not yet carried out."""
    return session.scalar(select(Approval).where(
        Approval.case_id == case.id, Approval.kind == kind, Approval.used_by_event_id.is_(None),
        Approval.status.in_([ApprovalStatus.REQUESTED, ApprovalStatus.APPROVED]))
        .order_by(Approval.id.desc()).limit(1))


def consent_stands(case: Case, committee: str | None) -> None:
    """A communication is sent only with the consent of who may give it (``consent-missing``): for
    ``committee``, or for either committee when the approval does not say which. Raises Invalid."""
    facts = case_file_of(case)
    committees = (committee,) if committee else ("CAT", "HRC")
    states = [consent_to_file(facts, c) for c in committees]
    if any(state.in_force for state in states):
        return
    if any(state.withdrawn is not None for state in states):
        raise Invalid({"status": _("The consent to the communication was withdrawn: nothing may be sent.")})
    raise Invalid({"status": _("No consent to the communication is recorded (event 'Consent given', with the signed "
                               "document): it cannot be approved or sent without it.")})


def authorise_event(session: Session, case: Case, event_type: str, user: User,
                    fields: dict | None = None) -> Approval | None:
    """The approval an event of ``event_type`` carries out, or NeedsApproval. A supervisor's own
    act is its approval, recorded as such; other events need none (None). A communication also needs
    the consent of who may give it."""
    kind = KIND_OF_EVENT.get(event_type)
    if kind is None:
        return None
    if kind is ApprovalKind.SEND_COMMUNICATION:
        try:
            consent_stands(case, (fields or {}).get("committee"))
        except Invalid as exc:
            raise NeedsApproval(exc.errors["status"]) from None
    approval = open_approval(session, case, kind)
    if approval is not None and approval.status is ApprovalStatus.APPROVED:
        return approval
    if is_approver(user) and approval is not None and approval.requested_by_id != user.id:
        return decide(session, approval, approve=True, comment="Approved by recording the event", user=user)
    if is_approver(user):
        now = utcnow()
        approval = Approval(case_id=case.id, kind=kind, reason="Recorded by a supervisor", requested_by_id=user.id,
                            status=ApprovalStatus.APPROVED, decided_by_id=user.id, decided_at=now,
                            comment="A supervisor's own act")
        session.add(approval)
        session.flush()
        return approval
    if approval is not None:
        raise NeedsApproval(_("'%(decision)s' needs a supervisor's approval first (requested, waiting for a "
                              "decision): request it on the case page.", decision=_(KIND_LABELS[kind])))
    raise NeedsApproval(_("'%(decision)s' needs a supervisor's approval first: request it on the case page.",
                          decision=_(KIND_LABELS[kind])))


def approval_notice(session: Session, case: Case, event_type: str, user: User) -> str | None:
    """What the event form says up front about the approval its event needs."""
    kind = KIND_OF_EVENT.get(event_type)
    if kind is None:
        return None
    approval = open_approval(session, case, kind)
    if approval is not None and approval.status is ApprovalStatus.APPROVED:
        if approval.decided_by is None:
            return _("Approved by a supervisor: recording this event carries the approval out.")
        return _("Approved by %(name)s: recording this event carries the approval out.",
                 name=approval.decided_by.full_name)
    if is_approver(user):
        return _("As a supervisor, recording this event is your approval; it is kept in the case's approvals.")
    if approval is not None:
        return _("'%(decision)s' is waiting for a supervisor's decision; it can be recorded once approved.",
                 decision=_(KIND_LABELS[kind]))
    return _("'%(decision)s' needs a supervisor's approval first: request it on the case page.",
             decision=_(KIND_LABELS[kind]))


def mark_used(session: Session, approval: Approval | None, event: Event) -> None:
    if approval is not None:
        approval.used_by_event_id = event.id
        session.flush()


def reopen_case(session: Session, case: Case, user: User) -> None:
    if not is_approver(user):
        raise NeedsApproval(_("Only a supervisor reopens a case"))
    case.closed_at = None
    session.flush()


def case_approvals(session: Session, case_id: int) -> list[Approval]:
    return list(session.scalars(select(Approval).where(Approval.case_id == case_id).options(
        joinedload(Approval.requested_by), joinedload(Approval.decided_by))
        .order_by(Approval.requested_at.desc(), Approval.id.desc())))


def waiting_approvals(session: Session, case_filter=None, limit: int = 100) -> list[Approval]:
    query = (select(Approval).where(Approval.status == ApprovalStatus.REQUESTED)
             .options(selectinload(Approval.case), selectinload(Approval.requested_by))
             .order_by(Approval.requested_at, Approval.id).limit(limit))
    if case_filter is not None:
        query = query.join(Case, Case.id == Approval.case_id).where(case_filter)
    return list(session.scalars(query))
