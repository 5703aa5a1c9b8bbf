"""The UN case file (app.procedure.un_file, app.procedure.redress_summary): a communication's stage,
number, letters, interim measures and remedies, and the term due at each step, with exact dates."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.procedure.casefile import CaseFile, Fact
from app.procedure.engine import derive
from app.procedure.redress_summary import mci, redress_of
from app.procedure.results import Status
from app.procedure.un_file import Stage, communications
from app.procedure.when import When


def fact(ref: str, type_: str, when: str, **fields: Any) -> Fact:
    return Fact(ref, type_, When.parse(when), None, fields)


def case(*facts: Fact) -> CaseFile:
    return CaseFile.build(facts)


SUBMITTED = fact("s", "un_communication_submitted", "2024-02-05", committee="CAT")
REGISTERED = fact("r", "un_case_registered", "2024-04-10", committee="CAT", case_number="1234/2024")
OBSERVATIONS = fact("o", "state_observations_received", "2024-10-01")
LETTER = fact("l", "un_correspondence", "2024-10-03", direction="from_committee", deadline="2024-12-02",
              subject="State party's observations for comments")
COMMENTS = fact("c", "author_comments_submitted", "2024-11-28")
VIEWS = fact("v", "un_views_adopted", "2025-05-12", kind="views", violation_found=True, articles="1, 2(1), 12, 13, 14",
             remedies_requested=["investigation", "compensation", "publication"])
REPLY = fact("f", "state_follow_up_reply", "2025-08-20", what="A reinvestigation was opened")
ASSESSED = fact("a", "follow_up_assessment", "2026-03-01", grade="B", dialogue="ongoing", report_symbol="CAT/C/79/3")
STEPS = [SUBMITTED, REGISTERED, OBSERVATIONS, LETTER, COMMENTS, VIEWS, REPLY, ASSESSED]


def open_due(c: CaseFile, at: str) -> list[tuple[str, str]]:
    """The UN terms open at a moment, with their last day."""
    moment = datetime.fromisoformat(at)
    return sorted((d.rule, d.latest_due.date().isoformat()) for d in derive(c).deadlines
                  if d.rule in ("un-state-observations-6m", "un-letter-deadline", "follow-up-cat")
                  and d.status(moment) is Status.RUNNING)


def test_each_step_moves_the_stage_and_the_term_due_next():
    expected = [
        (Stage.SUBMITTED, []),
        # 6 months from Wed 10 Apr 2024, not moved: Thu 10 Oct 2024
        (Stage.REGISTERED, [("un-state-observations-6m", "2024-10-10")]),
        (Stage.OBSERVATIONS, []),
        # the letter's own date, Mon 2 Dec 2024
        (Stage.OBSERVATIONS, [("un-letter-deadline", "2024-12-02")]),
        (Stage.COMMENTS, []),
        # 90 days from Mon 12 May 2025 end on Sun 10 Aug 2025 → Mon 11 Aug 2025
        (Stage.DECIDED, [("follow-up-cat", "2025-08-11")]),
        (Stage.FOLLOW_UP, []),
        (Stage.FOLLOW_UP, []),
    ]
    for n, (stage, due) in enumerate(expected, start=1):
        c = case(*STEPS[:n])
        [communication] = communications(c)
        assert communication.stage is stage, STEPS[n - 1].type
        assert open_due(c, STEPS[n - 1].when.start.isoformat()) == due, STEPS[n - 1].type


def test_the_number_is_the_committees_once_registered():
    assert communications(case(fact("s", "un_communication_submitted", "2024-02-05", committee="HRC",
                                    number="our ref 7")))[0].number == "our ref 7"
    assert communications(case(SUBMITTED, REGISTERED))[0].number == "1234/2024"


def test_a_closed_dialogue_closes_the_file_and_a_decision_without_violation_closes_it_at_once():
    closed = fact("a2", "follow_up_assessment", "2026-09-01", grade="A", dialogue="closed_satisfactory")
    assert communications(case(*STEPS, closed))[0].stage is Stage.CLOSED
    no_violation = fact("v", "un_views_adopted", "2025-05-12", kind="views", violation_found=False)
    assert communications(case(SUBMITTED, no_violation))[0].stage is Stage.CLOSED
    inadmissible = fact("v", "un_views_adopted", "2025-05-12", kind="inadmissible")
    assert communications(case(SUBMITTED, inadmissible))[0].stage is Stage.CLOSED
    unknown_finding = fact("v", "un_views_adopted", "2025-05-12")
    assert communications(case(SUBMITTED, unknown_finding))[0].stage is Stage.DECIDED


def test_remedies_checklist_says_not_recorded_rather_than_not_implemented():
    paid = fact("p", "compensation_paid", "2025-12-01", amount_kzt=2_000_000, source="state")
    investigation = fact("i", "implementation", "2025-09-01", remedy="investigation", status="partly",
                         what="Reinvestigation opened, no one charged")
    before_views = fact("old", "compensation_paid", "2023-01-01", amount_kzt=100_000, source="vcf")
    [communication] = communications(case(before_views, *STEPS, investigation, paid))
    rows = {r.code: r for r in communication.remedies}
    assert list(rows) == ["investigation", "compensation", "publication"]
    assert (rows["investigation"].status, [e.ref for e in rows["investigation"].evidence]) == ("partly", ["i"])
    # the payment after the Views is the compensation's evidence; its status is not recorded, not guessed
    assert (rows["compensation"].status, [e.ref for e in rows["compensation"].evidence]) == (None, ["p"])
    assert (rows["publication"].status, rows["publication"].evidence) == (None, ())
    assert [r.code for r in communication.remedies_pending] == ["investigation", "compensation", "publication"]
    assert communication.latest_grade == "B"


def test_a_remedy_not_requested_but_implemented_is_listed_as_not_requested():
    submitted = fact("s", "un_communication_submitted", "2012", committee="CAT", number="497/2012")
    views = fact("v", "un_views_adopted", "2014-05", kind="views", violation_found=True)
    award = fact("aw", "compensation_awarded", "2015", amount_kzt=100_000, source="court")
    [communication] = communications(case(submitted, views, award))
    [row] = communication.remedies
    assert (row.code, row.requested, row.status, [e.ref for e in row.evidence]) == ("compensation", False, None, ["aw"])
    assert communication.remedies_pending == ()


def test_interim_measures_breach_and_a_removal_after_a_request():
    request = fact("im", "un_interim_measures_requested", "2024-02-06")
    removal = fact("d", "deported", "2024-02-20")
    [communication] = communications(case(SUBMITTED, request, removal))
    assert [e.ref for e in communication.interim.breaches] == ["d"]
    [quiet] = communications(case(SUBMITTED, request))
    assert quiet.interim.any and quiet.interim.breaches == ()
    earlier_removal = fact("d0", "deported", "2023-12-01")
    [before] = communications(case(earlier_removal, SUBMITTED, request))
    assert before.interim.breaches == ()


def test_two_communications_keep_their_own_events():
    hrc = fact("s2", "un_communication_submitted", "2025-01-15", committee="HRC")
    hrc_registered = fact("r2", "un_case_registered", "2025-03-01", committee="HRC", case_number="4567/2025")
    cat_letter = fact("l2", "un_correspondence", "2024-06-01", direction="from_committee")
    cat, second = communications(case(SUBMITTED, REGISTERED, cat_letter, hrc, hrc_registered))
    assert (cat.committee, cat.number, sorted(cat.refs)) == ("CAT", "1234/2024", ["l2", "r", "s"])
    assert (second.committee, second.number, sorted(second.refs)) == ("HRC", "4567/2025", ["r2", "s2"])


def test_a_registration_with_no_submission_recorded_opens_its_own_file():
    [communication] = communications(case(REGISTERED))
    assert (communication.committee, communication.stage) == ("CAT", Stage.REGISTERED)
    assert communications(case(fact("x", "deported", "2024-01-01"))) == []


def test_redress_adds_only_the_amounts_the_record_states():
    award = fact("aw", "compensation_awarded", "2024-03-01", amount_kzt=2_000_000, source="court")
    unstated = fact("aw2", "compensation_awarded", "2024-05-01", source="vcf")
    paid = fact("p", "compensation_paid", "2024-06-01", amount_kzt=1_000_000, source="court")
    redress = redress_of(case(award, unstated, paid))
    assert (redress.awarded.tenge, redress.awarded.unstated) == (2_000_000, 1)
    assert (redress.paid.tenge, redress.paid.unstated) == (1_000_000, 0)
    assert [p.ref for p in redress.paid_after(award)] == ["p"]
    assert redress.paid_after(unstated) == ()  # paid by the court, not the Fund
    # 1,000,000 tenge at the 2024 MCI of 3,692 tenge
    assert round(mci(paid), 1) == 270.9
    assert mci(fact("x", "compensation_paid", "2019", amount_kzt=1)) is None
