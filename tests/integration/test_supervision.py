"""Assignments with history, hand-overs, approvals and the dashboard items supervisors rely on."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.models import Approval, ApprovalStatus, AssignmentChange, AuditEntry, Case, CaseAssignment, Event, Handover
from app.services.approvals import decide, request_approval
from app.services.assignments import assign_lawyer
from app.services.cases import create_case
from app.services.errors import Invalid
from app.services.timeline import record_event
from tests.integration.conftest import PASSWORD, row_counts


def login(client, user):
    client.post("/logout")
    assert client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 302
    return client


def lawyers_of(session, case_id: int) -> set[int]:
    session.expire_all()
    return set(session.scalars(select(CaseAssignment.user_id).where(CaseAssignment.case_id == case_id)))


def new_case(session, reference: str, lawyer, **data) -> Case:
    case = create_case(session, reference=reference, created_by=lawyer, data={"title": f"Case {reference}", **data})
    session.commit()
    return case


# --------------------------------------------------------------------------- assignments

def test_assigning_and_removing_a_lawyer_is_kept_in_the_case_history(client, session, case, lawyer, make_user):
    supervisor, colleague = make_user("supervisor"), make_user("lawyer")
    login(client, supervisor)
    assert client.post(f"/admin/assignments/{case.reference}", data={"user_id": colleague.id}).status_code == 302
    assert client.post(f"/admin/assignments/{case.reference}/{lawyer.id}/remove").status_code == 302
    assert lawyers_of(session, case.id) == {colleague.id}
    history = session.execute(select(AssignmentChange.lawyer_id, AssignmentChange.action, AssignmentChange.by_id)
                              .where(AssignmentChange.case_id == case.id).order_by(AssignmentChange.id)).all()
    assert history == [(lawyer.id, "assigned", lawyer.id), (colleague.id, "assigned", supervisor.id),
                       (lawyer.id, "removed", supervisor.id)]
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert f"{colleague.full_name} assigned" in page and f"{lawyer.full_name} removed" in page


def test_a_leave_hands_every_open_case_over_and_leaves_closed_ones(client, session, lawyer, make_user):
    supervisor, successor = make_user("supervisor"), make_user("lawyer")
    first, second = new_case(session, "KZ-2024-0001", lawyer), new_case(session, "KZ-2024-0002", lawyer)
    closed = new_case(session, "KZ-2024-0003", lawyer)
    closed.closed_at = closed.created_at
    session.commit()
    login(client, supervisor)
    response = client.post("/admin/handover", data={"from_user": lawyer.id, "to_user": successor.id,
                                                   "reason": "leave", "until": "2024-09-01", "note": "maternity"})
    assert response.status_code == 302
    assert lawyers_of(session, first.id) == lawyers_of(session, second.id) == {successor.id}
    assert lawyers_of(session, closed.id) == {lawyer.id}
    handover = session.scalar(select(Handover))
    assert (handover.cases_moved, handover.until, handover.by_id) == (2, date(2024, 9, 1), supervisor.id)
    moves = session.scalars(select(AssignmentChange).where(AssignmentChange.handover_id == handover.id)).all()
    assert sorted((m.case_id, m.action) for m in moves) == sorted(
        [(first.id, "removed"), (first.id, "assigned"), (second.id, "removed"), (second.id, "assigned")])
    assert session.get(type(lawyer), lawyer.id).active  # a leave keeps the account
    page = client.get(f"/cases/{first.reference}").get_data(as_text=True)
    assert "hand-over: leave until 2024-09-01" in page


def test_a_departure_deactivates_the_account_once_its_cases_have_a_successor(client, session, case, lawyer,
                                                                             make_user):
    admin, successor = make_user("admin"), make_user("lawyer")
    login(client, admin)
    client.post(f"/admin/users/{lawyer.id}/deactivate")
    session.expire_all()
    assert session.get(type(lawyer), lawyer.id).active, "an account with open cases is not closed"
    assert "hand them over first" in client.get("/admin/users").get_data(as_text=True)
    response = client.post("/admin/handover", data={"from_user": lawyer.id, "to_user": successor.id,
                                                   "reason": "departure"})
    assert response.status_code == 302
    session.expire_all()
    assert not session.get(type(lawyer), lawyer.id).active
    assert lawyers_of(session, case.id) == {successor.id}


def test_a_handover_with_bad_input_says_why_and_moves_nothing(client, session, case, lawyer, make_user):
    supervisor = make_user("supervisor")
    login(client, supervisor)
    before = session.scalar(select(AssignmentChange.id).order_by(AssignmentChange.id.desc()).limit(1))
    for data, message in (
            ({"from_user": lawyer.id, "to_user": lawyer.id, "reason": "leave"}, "someone other than"),
            ({"from_user": lawyer.id, "to_user": supervisor.id, "reason": "leave"}, "Not a valid choice"),
            ({"from_user": lawyer.id, "to_user": "", "reason": "leave"}, "Choose the colleague"),
            ({"from_user": lawyer.id, "to_user": make_user("lawyer").id, "reason": "workload",
              "until": "2024-09-01"}, "Only a leave has an end date")):
        response = client.post("/admin/handover", data=data)
        assert response.status_code == 422, data
        assert message in response.get_data(as_text=True)
    assert lawyers_of(session, case.id) == {lawyer.id}
    assert session.scalar(select(AssignmentChange.id).order_by(AssignmentChange.id.desc()).limit(1)) == before
    assert session.scalar(select(Handover)) is None


def test_unassigned_open_cases_are_a_dashboard_item_for_supervisors(client, session, case, lawyer, make_user):
    supervisor = make_user("supervisor")
    orphan = create_case(session, reference="KZ-2024-0009", created_by=supervisor, data={"title": "Nobody's"})
    session.commit()
    login(client, supervisor)
    page = client.get("/dashboard").get_data(as_text=True)
    assert "Open cases nobody works on (1)" in page and orphan.reference in page
    assign_lawyer(session, orphan, lawyer, by=supervisor)
    session.commit()
    assert "Open cases nobody works on (0)" in client.get("/dashboard").get_data(as_text=True)
    login(client, lawyer)
    assert "nobody works on" not in client.get("/dashboard").get_data(as_text=True)


# --------------------------------------------------------------------------- approvals

def test_closing_a_case_is_requested_approved_and_audited(client, session, case, lawyer, make_user):
    supervisor = make_user("supervisor")
    login(client, lawyer)
    response = client.post(f"/cases/{case.reference}/approvals", data={"kind": "close_case",
                                                                       "reason": "The victim asked us to stop"})
    assert response.status_code == 302
    approval = session.scalar(select(Approval))
    assert (approval.status, approval.requested_by_id) == (ApprovalStatus.REQUESTED, lawyer.id)
    assert client.post(f"/cases/{case.reference}/approvals/{approval.id}/decide",
                       data={f"approval-{approval.id}-decision": "approve"}).status_code == 403
    login(client, supervisor)
    assert "Close the case" in client.get("/approvals").get_data(as_text=True)
    response = client.post(f"/cases/{case.reference}/approvals/{approval.id}/decide",
                           data={f"approval-{approval.id}-decision": "approve",
                                 f"approval-{approval.id}-comment": "Agreed"})
    assert response.status_code == 302
    session.expire_all()
    assert approval.status is ApprovalStatus.APPROVED and approval.decided_by_id == supervisor.id
    assert session.get(Case, case.id).closed_at == approval.decided_at
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert "The coalition closed this case" in page and "Agreed" in page
    trail = session.execute(select(AuditEntry.action, AuditEntry.user_id).where(
        AuditEntry.object_type == "Approval", AuditEntry.case_id == case.id).order_by(AuditEntry.id)).all()
    assert trail == [("create", lawyer.id), ("update", supervisor.id)]
    assert client.post(f"/cases/{case.reference}/reopen").status_code == 302
    session.expire_all()
    assert session.get(Case, case.id).closed_at is None


def test_a_rejection_needs_a_comment_and_a_request_its_reason(client, session, case, lawyer, make_user):
    supervisor = make_user("supervisor")
    login(client, lawyer)
    response = client.post(f"/cases/{case.reference}/approvals", data={"kind": "close_case", "reason": " "})
    assert response.status_code == 422 and "Say why" in response.get_data(as_text=True)
    assert session.scalar(select(Approval)) is None
    approval = request_approval(session, case, "close_case", "done", lawyer)
    session.commit()
    login(client, supervisor)
    prefix = f"approval-{approval.id}"
    response = client.post(f"/cases/{case.reference}/approvals/{approval.id}/decide",
                           data={f"{prefix}-decision": "reject", f"{prefix}-comment": ""})
    assert response.status_code == 422 and "Say why the request is rejected" in response.get_data(as_text=True)
    session.expire_all()
    assert approval.status is ApprovalStatus.REQUESTED
    client.post(f"/cases/{case.reference}/approvals/{approval.id}/decide",
                data={f"{prefix}-decision": "reject", f"{prefix}-comment": "The appeal window is still open"})
    session.expire_all()
    assert approval.status is ApprovalStatus.REJECTED and session.get(Case, case.id).closed_at is None


def test_a_supervisor_does_not_approve_their_own_request(session, case, make_user):
    from app.services.approvals import decide
    from app.services.errors import Invalid

    supervisor = make_user("supervisor")
    assign_lawyer(session, case, supervisor)
    approval = request_approval(session, case, "close_case", "done", supervisor)
    try:
        decide(session, approval, approve=True, comment="", user=supervisor)
    except Invalid as exc:
        assert "other than the one who made it" in exc.errors["status"]
    else:
        raise AssertionError("a supervisor approved their own request")


WITHDRAWAL = {"at": "2024-03-01", "source": "victim's letter", "f_by": "victim", "f_under_pressure": "yes"}


def test_withdrawing_a_complaint_waits_for_approval_and_uses_it_once(client, session, case, lawyer, make_user):
    supervisor = make_user("supervisor")
    login(client, lawyer)
    url = f"/cases/{case.reference}/events/new?type=complaint_withdrawn"
    assert "needs a supervisor&#39;s approval first" in client.get(url).get_data(as_text=True)
    before = row_counts(session)
    response = client.post(url, data=WITHDRAWAL)
    assert response.status_code == 422 and "needs a supervisor&#39;s approval first" in response.get_data(as_text=True)
    assert row_counts(session) == before
    approval = request_approval(session, case, "withdraw_complaint", "Threats by the officers' relatives", lawyer)
    session.commit()
    assert "waiting for a supervisor&#39;s decision" in client.get(url).get_data(as_text=True)
    assert client.post(url, data=WITHDRAWAL).status_code == 422
    login(client, supervisor)
    client.post(f"/cases/{case.reference}/approvals/{approval.id}/decide",
                data={f"approval-{approval.id}-decision": "approve"})
    login(client, lawyer)
    assert client.post(url, data=WITHDRAWAL).status_code == 302
    session.expire_all()
    event = session.scalar(select(Event).where(Event.case_id == case.id, Event.type == "complaint_withdrawn"))
    assert approval.used_by_event_id == event.id and event.fields["under_pressure"] is True
    assert client.post(url, data=WITHDRAWAL).status_code == 422, "an approval is carried out once"


def consented(session, case, lawyer, **fields) -> None:
    record_event(session, case, {"type": "consent_given", "at": "2024-02-01", "source": "Signed consent",
                                 "fields": {"scope": "file", "by": "victim", **fields}}, user=lawyer)
    session.commit()


def test_a_supervisors_own_submission_is_its_approval(client, session, case, lawyer, make_user):
    supervisor = make_user("supervisor")
    consented(session, case, lawyer, committee="CAT")
    login(client, supervisor)
    response = client.post(f"/cases/{case.reference}/events/new?type=un_communication_submitted",
                           data={"at": "2024-03-01", "source": "s", "f_committee": "CAT"})
    assert response.status_code == 302
    approval = session.scalar(select(Approval))
    event = session.scalar(select(Event).where(Event.type == "un_communication_submitted"))
    assert (approval.kind.value, approval.status, approval.decided_by_id, approval.used_by_event_id) == (
        "send_communication", ApprovalStatus.APPROVED, supervisor.id, event.id)


def test_recording_the_event_approves_a_lawyers_waiting_request(client, session, case, lawyer, make_user):
    supervisor = make_user("supervisor")
    consented(session, case, lawyer)
    approval = request_approval(session, case, "send_communication", "Ready to file with CAT", lawyer)
    session.commit()
    login(client, supervisor)
    client.post(f"/cases/{case.reference}/events/new?type=un_communication_submitted",
                data={"at": "2024-03-01", "source": "s", "f_committee": "CAT"})
    session.expire_all()
    assert approval.status is ApprovalStatus.APPROVED and approval.decided_by_id == supervisor.id
    assert approval.used_by_event_id is not None
    assert session.scalar(select(Approval).where(Approval.id != approval.id)) is None


def test_a_communication_is_neither_approved_nor_recorded_without_consent(client, session, case, lawyer, make_user):
    supervisor = make_user("supervisor")
    approval = request_approval(session, case, "send_communication", "Ready to file with CAT", lawyer)
    session.commit()
    with pytest.raises(Invalid, match="No consent to the communication is recorded"):
        decide(session, approval, approve=True, comment="", user=supervisor)
    session.rollback()
    login(client, supervisor)
    refused = client.post(f"/cases/{case.reference}/events/new?type=un_communication_submitted",
                          data={"at": "2024-03-01", "source": "s", "f_committee": "CAT"})
    assert refused.status_code == 422
    assert "No consent to the communication is recorded" in refused.get_data(as_text=True)
    assert session.scalar(select(Event).where(Event.type == "un_communication_submitted")) is None


def test_a_consent_for_another_committee_or_withdrawn_does_not_let_a_communication_go(client, session, case, lawyer,
                                                                                   make_user):
    supervisor = make_user("supervisor")
    consented(session, case, lawyer, committee="HRC")
    login(client, supervisor)
    refused = client.post(f"/cases/{case.reference}/events/new?type=un_communication_submitted",
                          data={"at": "2024-03-01", "source": "s", "f_committee": "CAT"})
    assert refused.status_code == 422
    record_event(session, case, {"type": "consent_withdrawn", "at": "2024-02-20", "source": "Letter",
                                 "fields": {"scope": "file", "by": "victim", "committee": "HRC"}}, user=lawyer)
    session.commit()
    refused = client.post(f"/cases/{case.reference}/events/new?type=un_communication_submitted",
                          data={"at": "2024-03-01", "source": "s", "f_committee": "HRC"})
    assert refused.status_code == 422 and "was withdrawn" in refused.get_data(as_text=True)


def test_a_case_event_still_records_without_approval_when_none_is_needed(session, case, lawyer):
    event = record_event(session, case, {"type": "complaint_filed", "at": "2024-03-01", "source": "s",
                                         "fields": {"to_body": "prosecutor"}}, user=lawyer)
    assert event.id and session.scalar(select(Approval)) is None
