"""A stored case's deadlines explain their due dates, keyed as their stored rows are."""

from __future__ import annotations

from datetime import datetime

from flask import render_template
from sqlalchemy import select

from app.models import CaseDeadline
from app.procedure.explain import Kind
from app.services.explanations import deadline_explanations
from app.services.timeline import record_event

APPEAL = "appeal-to-investigating-judge-15d"


def terminate(session, case, lawyer):
    event = record_event(session, case, {"type": "investigation_terminated", "at": "2024-06-05", "source": "s",
                                         "fields": {"ground": "cpc_35_1_unstated"}}, user=lawyer)
    session.commit()
    return event


def test_a_decision_served_on_a_friday_explains_the_appeal_term(app, session, case, lawyer):
    terminated = terminate(session, case, lawyer)
    served = record_event(session, case, {"type": "decision_served", "at": "2024-06-07", "source": "s",
                                          "fields": {"decision": terminated.uid}}, user=lawyer)
    session.commit()
    with app.app_context():
        explanations = deadline_explanations(case)
    explanation = explanations[(APPEAL, served.id)]
    assert explanation.text == (
        "Decision served Fri 7 Jun 2024; 15 days, the starting day not counted → Sat 22 Jun 2024; "
        "Sat 22 Jun (Saturday) and Sun 23 Jun (Sunday) are not working days → due Mon 24 Jun 2024, 24:00; "
        "CPC 106(5); time counted under CPC art. 48.")
    stored = session.scalar(select(CaseDeadline).where(CaseDeadline.case_id == case.id, CaseDeadline.rule == APPEAL))
    assert stored.from_event_id == served.id and stored.due == explanation.due == datetime(2024, 6, 24, 23, 59)


def test_every_stored_deadline_has_its_explanation(app, session, case, lawyer):
    terminate(session, case, lawyer)
    with app.app_context():
        explanations = deadline_explanations(case)
    stored = session.scalars(select(CaseDeadline).where(CaseDeadline.case_id == case.id)).all()
    assert {(d.rule, d.from_event_id) for d in stored} == set(explanations) and stored
    for row in stored:
        explanation = explanations[(row.rule, row.from_event_id)]
        assert (explanation.earliest_due, explanation.latest_due) == (row.earliest_due, row.latest_due)


def test_a_decision_never_served_explains_why_no_date_can_be_computed(app, session, case, lawyer):
    terminated = terminate(session, case, lawyer)
    with app.app_context():
        explanation = deadline_explanations(case)[(APPEAL, terminated.id)]
    assert explanation.kind is Kind.UNKNOWN
    assert explanation.text == (
        "Investigation terminated Wed 5 Jun 2024; 15 days, but the due date cannot be computed: "
        "the decision was never served, so the 15 days cannot be counted; CPC 106(5).")


def test_the_partial_lists_the_steps(app, session, case, lawyer):
    terminated = terminate(session, case, lawyer)
    served = record_event(session, case, {"type": "decision_served", "at": "2024-06-07", "source": "s",
                                          "fields": {"decision": terminated.uid}}, user=lawyer)
    session.commit()
    with app.test_request_context():
        explanation = deadline_explanations(case)[(APPEAL, served.id)]
        html = render_template("cases/_deadline_explanation.html", explanation=explanation)
        empty = render_template("cases/_deadline_explanation.html", explanation=None)
    assert "<summary>How this date was computed</summary>" in html
    assert html.count("<li>") == 4
    assert "<li>Sat 22 Jun (Saturday) and Sun 23 Jun (Sunday) are not working days → due Mon 24 Jun 2024, " \
           "24:00</li>" in html
    assert empty.strip() == ""


def test_each_stored_deadline_keeps_its_explanation_as_computed(app, session, case, lawyer):
    terminated = terminate(session, case, lawyer)
    record_event(session, case, {"type": "decision_served", "at": "2024-06-07", "source": "s",
                                 "fields": {"decision": terminated.uid}}, user=lawyer)
    session.commit()
    explanations = deadline_explanations(case)
    stored = session.scalars(select(CaseDeadline).where(CaseDeadline.case_id == case.id)).all()
    assert len(stored) >= 2
    for row in stored:
        told = explanations[(row.rule, row.from_event_id)]
        assert row.explanation == {"kind": told.kind.value, "steps": [step.to_json() for step in told.steps],
                                   "text": told.text}
