"""The one order of a timeline (DOMAIN.md §8) and the engine's reading of it: dates decide where
they can, references where dates overlap, the lawyer's order otherwise; a death ends custody
clocks; a quashed termination restarts the investigation's term.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.interchange.evaluation import _deadline_json
from app.procedure.casefile import CaseFile, Fact
from app.procedure.chronology import chronological, movable_neighbour, overlap
from app.procedure.engine import derive
from app.procedure.results import Status
from app.procedure.when import When


def fact(ref: str, type_: str, when: str, **fields: Any) -> Fact:
    return Fact(ref, type_, When.parse(when), None, fields)


def order(*facts: Fact) -> list[str]:
    return [f.ref for f in CaseFile.build(list(facts)).events]


def deadlines(c: CaseFile, rule: str) -> list:
    return [d for d in derive(c).deadlines if d.rule == rule]


# --- order ------------------------------------------------------------------------------------------
def test_precise_dates_decide_whatever_the_lawyers_order():
    later, earlier = fact("b", "release", "2024-03-02T10:00"), fact("a", "apprehension", "2024-03-01T10:00")
    assert order(later, earlier) == ["a", "b"]


def test_a_month_dated_event_keeps_the_lawyers_place_among_the_days_of_that_month():
    """Kazantsev: an emergency clinic visit known only as "January 2021", recorded after the arrival at the
    temporary detention facility and before the hospitalisation of 9 January."""
    facts = [fact("arrival", "transfer", "2021-01-08T22:30"),
             fact("clinic", "medical_exam", "2021-01", kind="emergency"),
             fact("hospital", "transfer", "2021-01-09"), fact("later", "transfer", "2021-02-03")]
    assert order(*facts) == ["arrival", "clinic", "hospital", "later"]


def test_a_coarse_date_never_jumps_over_an_event_that_certainly_comes_before_it():
    facts = [fact("coarse", "complaint_filed", "2021-04", to_body="police"), fact("march", "incident", "2021-03-30")]
    assert order(*facts) == ["march", "coarse"]


def test_an_event_moved_by_its_date_leaves_the_rest_in_the_lawyers_order():
    facts = [fact("apprehended", "apprehension", "2022-01-13T11:00"), fact("questioned", "interrogation", "2022-01-13"),
             fact("ill-treated", "incident", "2022-01"),
             fact("complained", "complaint_filed", "2022-01-13T09:30", to_body="prosecutor")]
    assert order(*facts) == ["complained", "apprehended", "questioned", "ill-treated"]


def test_two_events_of_the_same_minute_keep_the_records_order():
    a = fact("first", "apprehension", "2024-03-01T10:00")
    b = fact("second", "incident", "2024-03-01T10:00")
    assert order(a, b) == ["first", "second"]
    assert order(b, a) == ["second", "first"]


def test_a_reference_wins_where_dates_overlap():
    """An appeal of "2021" against a decision of 30 April 2021, recorded before it, comes after it."""
    facts = [fact("appeal", "appeal_filed", "2021", to_body="general_prosecutor", against="decision"),
             fact("decision", "investigation_terminated", "2021-04-30", ground="cpc_35_1_unstated")]
    assert order(*facts) == ["decision", "appeal"]


def test_a_service_comes_after_the_decision_it_served_on_the_same_day():
    facts = [fact("served", "decision_served", "2024-06-07", decision="decision"),
             fact("decision", "investigation_terminated", "2024-06-07", ground="no_event")]
    assert order(*facts) == ["decision", "served"]


def test_a_reference_against_the_dates_does_not_reorder_them():
    """A decision dated after the appeal that names it: the dates are what the record says."""
    facts = [fact("appeal", "appeal_filed", "2021-03-01", to_body="prosecutor", against="decision"),
             fact("decision", "investigation_terminated", "2021-04-30", ground="no_event")]
    assert order(*facts) == ["appeal", "decision"]


def test_references_that_loop_fall_back_to_the_lawyers_order():
    facts = [fact("a", "appeal_filed", "2021", to_body="prosecutor", against="b"),
             fact("b", "appeal_filed", "2021", to_body="prosecutor", against="a")]
    assert order(*facts) == ["a", "b"]


def test_overlap_and_the_neighbour_a_lawyer_may_swap_with():
    events = [fact("a", "incident", "2021-01"), fact("b", "transfer", "2021-01-09"),
              fact("c", "transfer", "2021-02-03")]
    assert overlap(events[0].when, events[1].when) and not overlap(events[1].when, events[2].when)
    assert movable_neighbour(events, 0, 1, when=_when) == 1
    assert movable_neighbour(events, 1, 1, when=_when) is None  # 9 January is certainly before 3 February
    assert movable_neighbour(events, 0, -1, when=_when) is None


def _when(event: Fact) -> When:
    return event.when


def test_chronological_works_on_anything_with_a_date_a_key_and_references():
    items = [("x", "2024-05", []), ("y", "2024-05-02", ["x"]), ("z", "2024-04-30", [])]
    ordered = chronological(items, when=lambda i: When.parse(i[1]), key=lambda i: i[0], refs=lambda i: i[2])
    assert [i[0] for i in ordered] == ["z", "x", "y"]


# --- death ends custody clocks -------------------------------------------------------------------------
def test_a_death_in_custody_ends_every_custody_clock_of_the_apprehension():
    c = CaseFile.build([fact("a", "apprehension", "2022-01-06T14:00"),
                        fact("d", "death_in_custody", "2022-01-07T01:00", declared_cause="heart disease")])
    for rule in ("delivery-3h", "custody-48h", "relatives-12h"):
        [deadline] = deadlines(c, rule)
        if rule == "delivery-3h":  # the 3 hours had passed before the death: nothing recorded of them
            assert deadline.outcome is None
            assert deadline.status(datetime(2022, 2, 1)) is Status.NOT_RECORDED
        else:
            assert (deadline.outcome, deadline.end_event) == (Status.ENDED_BY_DEATH, "d")


def test_a_death_known_only_to_the_month_ends_the_custody_clock_it_may_have_ended():
    c = CaseFile.build([fact("a", "apprehension", "2022-01-06T14:00"),
                        fact("d", "death_in_custody", "2022-01")])
    [deadline] = deadlines(c, "custody-48h")
    assert deadline.outcome is Status.ENDED_BY_DEATH


# --- a quashed termination --------------------------------------------------------------------------------
def quashed_case(resumed_on: str) -> CaseFile:
    return CaseFile.build([
        fact("reg", "registered_urpti", "2024-01-08", qualification="CC 146(2)"),
        fact("opened", "investigation_opened", "2024-01-08", form="full_investigation"),
        fact("t", "investigation_terminated", "2024-03-01", ground="no_corpus_delicti"),
        fact("s", "decision_served", "2024-03-04", decision="t"),
        fact("q", "investigation_resumed", resumed_on, against="t", by_body="prosecutor"),
    ])


def test_a_resumption_restarts_the_investigation_term_from_its_own_date():
    # resumed Mon 11 March 2024: one month (the term to verify) ends on Thu 11 April
    terms = {d.from_event: d for d in deadlines(quashed_case("2024-03-11"), "investigation-term")}
    assert terms["reg"].end_event == "t"
    assert terms["q"].due.due == datetime(2024, 4, 11, 23, 59)
    assert terms["q"].outcome is None


def test_a_termination_quashed_within_its_complaint_term_needs_no_complaint():
    [judge] = deadlines(quashed_case("2024-03-11"), "appeal-to-investigating-judge-15d")
    assert (judge.outcome, judge.end_event) == (Status.MET, "q")
    assert "quashed" in judge.note


def test_a_termination_quashed_after_its_complaint_term_leaves_the_term_as_the_record_has_it():
    [judge] = deadlines(quashed_case("2024-05-02"), "appeal-to-investigating-judge-15d")
    assert judge.outcome is None  # 15 days from 4 March ended on Tue 19 March with nothing recorded


# --- evidence preservation and the forensic examination ----------------------------------------------------
def test_evidence_preservation_runs_once_for_an_apprehension_and_the_ill_treatment_that_followed():
    c = CaseFile.build([fact("a", "apprehension", "2024-11-02T18:00"), fact("i", "incident", "2024-11-02T19:00"),
                        fact("later", "incident", "2025-02-10")])
    assert [d.from_event for d in deadlines(c, "evidence-preservation-30d")] == ["a", "later"]


def test_the_forensic_examination_term_runs_from_the_first_sign_of_injuries():
    c = CaseFile.build([fact("m", "medical_exam", "2024-03-01T10:00", kind="emergency", injuries=True),
                        fact("c", "complaint_filed", "2024-03-05", to_body="prosecutor", injuries_alleged=True)])
    [deadline] = deadlines(c, "forensic-exam-3d")
    assert deadline.from_event == "m"
    assert deadline.due.due == datetime(2024, 3, 4, 23, 59)


# --- the evaluate command's contract --------------------------------------------------------------------------
def test_an_hour_term_due_at_23_59_is_printed_as_an_hour_term():
    c = CaseFile.build([fact("a", "apprehension", "2024-06-03T23:59")])
    [deadline] = deadlines(c, "custody-48h")
    assert _deadline_json(deadline, datetime(2024, 6, 4))["due"] == "2024-06-05T23:59"


def test_a_day_term_is_printed_as_its_day():
    # a year from 22 March 2024 ends on Sat 22 March 2025, in Nauryz and its days observed (to 25 March)
    c = CaseFile.build([fact("t", "investigation_terminated", "2024-03-22", ground="no_event")])
    deadline = next(d for d in derive(c).deadlines if d.rule == "termination-complaint-1y")
    assert _deadline_json(deadline, datetime(2024, 4, 1))["due"] == "2025-03-26"


def test_a_missed_term_from_an_imprecise_start_is_printed_with_the_latest_moment_it_ended():
    c = CaseFile.build([fact("c", "complaint_filed", "2021-01", to_body="police"),
                        fact("nd", "not_done", "2021-03-01", step="registered_urpti", refers_to="c")])
    [deadline] = deadlines(c, "registration-24h")
    printed = _deadline_json(deadline, datetime(2026, 1, 1))
    assert printed["status"] == "missed"
    assert printed["due"] == "2021-02-01T23:59"
    assert printed["due_between"] == ["2021-01-02T00:00", "2021-02-01T23:59"]
