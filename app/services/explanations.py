"""How each of a case's due dates was computed, in words (for the case page's deadlines)."""

from __future__ import annotations

from sqlalchemy.orm import object_session

from app.models import Case
from app.procedure.engine import derive
from app.procedure.explain import Explanation, explain
from app.services.procedure import case_file_of, engine_calendar, engine_settings


def deadline_explanations(case: Case) -> dict[tuple[str, int], Explanation]:
    """The explanation of every deadline of ``case``, keyed as its stored rows are:
    (rule id, id of the event the term runs from).

    The case is derived again with the settings and calendar its stored deadlines were
    derived with, so each explanation ends on the stored due moment."""
    session = object_session(case)
    settings, calendar = engine_settings(session), engine_calendar(session)
    evaluation = derive(case_file_of(case), settings=settings, calendar=calendar)
    events = {event.id: event for event in case.events}
    explanations: dict[tuple[str, int], Explanation] = {}
    for deadline in evaluation.deadlines:
        event = events.get(deadline.from_event)
        if event is None:
            continue
        explanations[(deadline.rule, event.id)] = explain(
            deadline, start=event.when, start_label=event.event_type.label, settings=settings, calendar=calendar)
    return explanations
