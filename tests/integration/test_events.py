"""Recording and correcting events through their forms."""

import pytest
from sqlalchemy import select

from app.models import Event
from app.procedure.vocabulary import EVENT_TYPES, Kind
from app.services.approvals import KIND_OF_EVENT, decide, request_approval
from app.services.timeline import record_event
from tests.integration.conftest import row_counts

SOURCE = "lawyer's file"


def valid_form(event_type, **overrides):
    data = {"at": "2021-01-18", "source": SOURCE, "body": ""}
    for spec in event_type.fields:
        if spec.required:
            data[f"f_{spec.name}"] = spec.choices[0].code if spec.choices else \
                {Kind.WHEN: "2021-02-01", Kind.TEXT: "x"}.get(spec.kind, "x")
    data.update(overrides)
    return data


def post_event(client, case, type_name, data):
    return client.post(f"/cases/{case.reference}/events/new?type={type_name}", data=data)


def test_the_type_chooser_lists_every_type(logged_in, case):
    page = logged_in.get(f"/cases/{case.reference}/events/new").get_data(as_text=True)
    for event_type in EVENT_TYPES:
        assert f"type={event_type.name}\"" in page


def approved(session, case, event_type: str, lawyer, make_user) -> None:
    """An event that carries a supervisor's decision out gets its approval first (a communication, the
    victim's consent before that)."""
    if event_type == "un_communication_submitted":
        record_event(session, case, {"type": "consent_given", "at": "2021-01-01", "source": "Signed consent",
                                     "fields": {"scope": "file", "by": "victim"}}, user=lawyer)
    if event_type in KIND_OF_EVENT:
        approval = request_approval(session, case, KIND_OF_EVENT[event_type], "r", lawyer)
        decide(session, approval, approve=True, comment="", user=make_user("supervisor"))
        session.commit()


@pytest.mark.parametrize("event_type", EVENT_TYPES, ids=lambda t: t.name)
def test_each_form_shows_exactly_its_fields_and_records_a_valid_event(logged_in, session, case, event_type, lawyer,
                                                                      make_user):
    page = logged_in.get(f"/cases/{case.reference}/events/new?type={event_type.name}").get_data(as_text=True)
    shown = {name for name in _field_names(page) if name.startswith("f_")}
    assert shown == {f"f_{spec.name}" for spec in event_type.fields}
    approved(session, case, event_type.name, lawyer, make_user)
    response = post_event(logged_in, case, event_type.name, valid_form(event_type))
    assert response.status_code == 302, response.get_data(as_text=True)
    event = session.scalar(select(Event).where(Event.case_id == case.id, Event.type == event_type.name))
    assert event is not None
    assert event.source == SOURCE


def _field_names(html: str) -> set[str]:
    import re

    return set(re.findall(r'name="([a-z_]+)"', html))


@pytest.mark.parametrize("event_type", EVENT_TYPES, ids=lambda t: t.name)
@pytest.mark.parametrize(("change", "field", "message"), [
    ({"at": ""}, "at", "is required"),
    ({"at": "2021-02-30"}, "at", "is not a real date"),
    ({"at": "18.01.2021"}, "at", "is not a date"),
    ({"at": "2099-01-01"}, "at", "is in the future"),
    ({"source": ""}, "source", "is required"),
    ({"source": "x" * 100_000}, "source", "the limit is 2,000"),
    ({"notes": "y" * 100_000}, "notes", "the limit is 20,000"),
], ids=["no-date", "impossible-date", "wrong-format", "future", "no-source", "100kB-source", "100kB-notes"])
def test_each_form_rejects_bad_input_and_writes_nothing(logged_in, session, case, event_type, change, field,
                                                        message):
    before = row_counts(session)
    response = post_event(logged_in, case, event_type.name, valid_form(event_type, **change))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in page
    assert "Nothing was saved" in page
    assert row_counts(session) == before


@pytest.mark.parametrize("event_type", [t for t in EVENT_TYPES if any(f.required for f in t.fields)],
                         ids=lambda t: t.name)
def test_missing_required_type_fields_are_named(logged_in, session, case, event_type):
    before = row_counts(session)
    data = {k: v for k, v in valid_form(event_type).items() if not k.startswith("f_")}
    response = post_event(logged_in, case, event_type.name, data)
    assert response.status_code == 422
    assert response.get_data(as_text=True).count("is required") == sum(f.required for f in event_type.fields)
    assert row_counts(session) == before


def test_incident_ending_before_it_starts_is_refused(logged_in, session, case):
    before = row_counts(session)
    incident = next(t for t in EVENT_TYPES if t.name == "incident")
    response = post_event(logged_in, case, "incident", valid_form(
        incident, f_from="2021-01-10T18:00", f_to="2021-01-10T09:00"))
    assert response.status_code == 422
    assert "ends before &#39;from&#39; begins" in response.get_data(as_text=True)
    assert row_counts(session) == before


def test_unknown_type_is_404(logged_in, case):
    assert logged_in.get(f"/cases/{case.reference}/events/new?type=nonsense").status_code == 404


def test_an_appeal_points_at_the_decision_it_contests(logged_in, session, case):
    post_event(logged_in, case, "investigation_terminated",
               {"at": "2021-04-30", "source": SOURCE, "f_ground": "cpc_35_1_unstated"})
    decision = session.scalar(select(Event).where(Event.type == "investigation_terminated"))
    response = post_event(logged_in, case, "appeal_filed", {
        "at": "2021-05-05", "source": SOURCE, "f_against": decision.uid, "f_to_body": "investigating_judge"})
    assert response.status_code == 302
    appeal = session.scalar(select(Event).where(Event.type == "appeal_filed"))
    assert appeal.fields == {"against": decision.uid, "to_body": "investigating_judge"}
    assert case.stage_list == ["closed", "appeal"]
    page = logged_in.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert f'href="#event-{decision.id}"' in page


def test_an_appeal_cannot_point_at_another_cases_event(logged_in, session, case, lawyer):
    from app.services.cases import create_case
    from app.services.timeline import record_event

    other = create_case(session, reference="KZ-2021-0002", data={"title": "Other"}, created_by=lawyer)
    foreign = record_event(session, other, {"type": "investigation_terminated", "at": "2021-04-30",
                                            "source": SOURCE, "fields": {"ground": "no_event"}}, user=lawyer)
    session.commit()
    before = row_counts(session)
    response = post_event(logged_in, case, "appeal_filed", {
        "at": "2021-05-05", "source": SOURCE, "f_against": foreign.uid, "f_to_body": "prosecutor"})
    assert response.status_code == 422
    assert "must be another event of this case" in response.get_data(as_text=True)
    assert row_counts(session) == before


def test_a_correction_keeps_the_earlier_version_and_the_reason(logged_in, session, case, lawyer):
    post_event(logged_in, case, "complaint_filed",
               {"at": "2021-01-18", "source": SOURCE, "f_to_body": "aca", "f_by": "victim"})
    event = session.scalar(select(Event).where(Event.type == "complaint_filed"))
    url = f"/cases/{case.reference}/events/{event.id}/edit"
    form = {"at": "2021-01-19", "source": SOURCE, "f_to_body": "aca", "f_by": "lawyer",
            "version": str(event.version)}
    refused = logged_in.post(url, data=form)
    assert refused.status_code == 422
    assert "say why the event is corrected" in refused.get_data(as_text=True)
    assert event.when.isoformat() == "2021-01-18"
    response = logged_in.post(url, data={**form, "reason": "the stamp on the complaint says 19 January"})
    assert response.status_code == 302
    session.refresh(event)
    assert event.when.isoformat() == "2021-01-19"
    assert len(event.revisions) == 1
    revision = event.revisions[0]
    assert revision.snapshot["at"] == "2021-01-18"
    assert revision.snapshot["fields"] == {"to_body": "aca", "by": "victim"}
    assert revision.reason == "the stamp on the complaint says 19 January"
    assert revision.changed_by_id == lawyer.id
    history = logged_in.get(f"/cases/{case.reference}/events/{event.id}/history").get_data(as_text=True)
    assert "the stamp on the complaint says 19 January" in history


def test_a_stale_correction_is_a_conflict_not_an_overwrite(logged_in, session, case):
    post_event(logged_in, case, "release", {"at": "2021-01-18", "source": SOURCE})
    event = session.scalar(select(Event).where(Event.type == "release"))
    url = f"/cases/{case.reference}/events/{event.id}/edit"
    stale = str(event.version)
    first = logged_in.post(url, data={"at": "2021-01-19", "source": SOURCE, "version": stale, "reason": "a"})
    assert first.status_code == 302
    second = logged_in.post(url, data={"at": "2021-01-20", "source": SOURCE, "version": stale, "reason": "b"})
    assert second.status_code == 422
    assert "Someone else changed this record" in second.get_data(as_text=True)
    session.refresh(event)
    assert event.when.isoformat() == "2021-01-19"


@pytest.fixture
def group(session, lawyer):
    from app.services.cases import create_case

    cases = [create_case(session, reference=f"KZ-2021-K{i}", created_by=lawyer,
                         data={"title": f"Kettled {i}", "incident": "kettling-2021-01-10"}) for i in range(3)]
    session.commit()
    return cases


def test_one_event_is_recorded_in_linked_cases_at_once(logged_in, session, group):
    first, second, third = group
    page = logged_in.get(f"/cases/{first.reference}/events/new?type=forwarded_without_registration")
    assert second.reference in page.get_data(as_text=True)
    response = post_event(logged_in, first, "forwarded_without_registration", {
        "at": "2021-01-19", "source": SOURCE, "f_to_body": "dis", "f_implicated": "yes",
        "also_cases": [second.reference]})
    assert response.status_code == 302
    recorded = {e.case.reference: e for e in session.scalars(select(Event))}
    assert set(recorded) == {first.reference, second.reference}
    assert recorded[second.reference].fields == {"to_body": "dis", "implicated": True}
    assert recorded[first.reference].uid != recorded[second.reference].uid


def test_an_event_pointing_at_another_cannot_be_copied_to_linked_cases(logged_in, session, group, lawyer):
    from app.services.timeline import record_event

    first, second, _ = group
    decision = record_event(session, first, {"type": "investigation_terminated", "at": "2021-04-30",
                                             "source": SOURCE, "fields": {"ground": "no_event"}}, user=lawyer)
    session.commit()
    before = row_counts(session)
    response = post_event(logged_in, first, "appeal_filed", {
        "at": "2021-05-05", "source": SOURCE, "f_against": decision.uid, "f_to_body": "prosecutor",
        "also_cases": [second.reference]})
    assert response.status_code == 422
    assert "can only be recorded in one case at a time" in response.get_data(as_text=True)
    assert row_counts(session) == before


def test_a_case_without_incident_offers_no_linked_cases(logged_in, case):
    page = logged_in.get(f"/cases/{case.reference}/events/new?type=release").get_data(as_text=True)
    assert "linked cases too" not in page
