"""Timelines that follow the procedure of DOMAIN.md, with the outcomes the sources report.

One ``Story`` per case: the custody episode (when the ill-treatment happened in custody),
the complaint and what became of it, the investigation, its closure, the appeals, and for
a few cases a trial, the asylum track or a UN communication. A story is written as if it
ran to its end; everything dated after the generator's cut-off is then dropped, so the
recent cases stop half-way, with terms running, as live cases do.

The mix of outcomes, from ../shared/sources:
- most complaints are never investigated: forwarded without registration to the police's
  internal security (CPC 181(5)), refused or written off (Index on Torture, "Failure to
  immediately register reports of torture"; NGO submission, Ayniyazov and the kettling
  complaints) — about 30% here;
- of the registered ones, "more than 90 per cent ... were closed for lack of confirmation"
  (State replies to the CAT list of issues, para. 191; para. 195: 232 of 236 closed
  investigations closed because no crime had been committed) — about 80% of the
  investigations here end in a termination, most under CPC 35(1)(1)/(2);
- "only 2% of the complaints of torture ... have been prosecuted" (NGO submission, quoting
  CAT and the First Deputy Prosecutor General; 53 cases sent to court out of some 3,880
  recorded in 2018-2022, State replies para. 191): about 2.5% of the cases here reach a
  court, most of those end in a conviction;
- the Coalition appeals terminations to investigating judges (Index on Torture), almost
  always in vain (NGO submission, kettling complaints), and takes a few cases to the UN
  Committee against Torture or the Human Rights Committee.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from bench import data

IMPLICATED = {"police": "dis", "dis": "dis", "penitentiary": "dis", "national_guard": "police", "nsc": "nsc",
              "military": "military", "aca": "aca"}
APPREHENDING = {"police": "police", "dis": "police", "penitentiary": "penitentiary", "national_guard": "national_guard",
                "nsc": "nsc", "military": "military", "aca": "aca"}
QUALIFICATIONS = (("CC 146(2)", 45), ("CC 146(1)", 30), ("CC 362(4)", 12), ("CC 146(3)", 8), ("CC 146(4)", 5))
GROUNDS = (("no_corpus_delicti", 40), ("no_event", 35), ("cpc_35_1_unstated", 20), ("amnesty", 2), ("other", 3))
DECISION_TITLES = {
    "investigation_terminated": ("Decision to terminate the pre-trial investigation",
                                 "Постановление о прекращении досудебного расследования"),
    "registration_refused": ("Refusal to register the report", "Отказ в регистрации сообщения"),
    "written_off": ("Letter writing off the complaint", "Письмо о списании жалобы"),
    "investigation_suspended": ("Decision to suspend the investigation", "Постановление о приостановлении"),
    "appeal_decided": ("Ruling on the complaint", "Постановление по жалобе"),
    "verdict": ("Judgment", "Приговор"),
}
DECIDED_BY = {"prosecutor": "prosecutor", "investigating_judge": "investigating_judge",
              "regional_court": "appellate_court", "appellate_court": "appellate_court",
              "general_prosecutor": "general_prosecutor"}


def weighted(rng: random.Random, pairs) -> Any:
    values = [v for v, _ in pairs]
    weights = [w for _, w in pairs]
    return rng.choices(values, weights)[0]


@dataclass
class Facts:
    """What a story needs to know about its case."""

    agency: str
    place_type: str
    place: str
    minor: bool
    foreign: bool
    incident_at: datetime  # Almaty wall-clock time of the ill-treatment (or the apprehension)
    in_custody: bool
    death: bool = False
    asylum: bool = False


@dataclass
class Planned:
    """An event as a lawyer would type it (before validation); ``moment`` orders and cuts."""

    uid: str
    moment: datetime
    raw: dict[str, Any]


@dataclass
class Story:
    rng: random.Random
    facts: Facts
    new_uid: Any  # () -> str, deterministic
    events: list[Planned] = field(default_factory=list)

    # --- writing events --------------------------------------------------------------
    def add(self, type_: str, moment: datetime, *, body: str | None = None, precision: str = "day",
            fields: dict[str, Any] | None = None, document: tuple[str, str] | None = None) -> Planned:
        rng = self.rng
        raw: dict[str, Any] = {"type": type_, "at": _at_text(moment, precision), "body": body,
                               "source": self._source(type_, body), "fields": fields or {}}
        if document:
            raw["document_number"], raw["document_title"] = document
        if rng.random() < 0.25:
            raw["notes"] = rng.choice(data.NOTES)
        planned = Planned(self.new_uid(), moment, raw)
        self.events.append(planned)
        return planned

    def _source(self, type_: str, body: str | None) -> str:
        rng = self.rng
        template = rng.choice(data.EVENT_SOURCES.get(type_) or data.SOURCES)
        return template.format(n=rng.randint(10, 99999), body=(body or "authority").replace("_", " "),
                               k=rng.randint(1, 9))

    def precision_for(self, moment: datetime, cutoff: datetime) -> str:
        """Old records are often known only to the month or the year."""
        if cutoff - moment > timedelta(days=3 * 365):
            draw = self.rng.random()
            if draw < 0.01:
                return "year"
            if draw < 0.07:
                return "month"
        return "day"

    def document(self, type_: str) -> tuple[str, str]:
        english, russian = DECISION_TITLES[type_]
        return f"№ {self.rng.randint(1, 9999)}-{self.rng.randint(10, 99)}", self.rng.choice((english, russian))

    def later(self, moment: datetime, low_hours: float, high_hours: float) -> datetime:
        return moment + timedelta(minutes=self.rng.uniform(low_hours * 60, high_hours * 60))

    def days_later(self, moment: datetime, low: float, high: float) -> datetime:
        return (moment + timedelta(days=self.rng.uniform(low, high))).replace(second=0, microsecond=0)


def _at_text(moment: datetime, precision: str) -> str:
    return {"minute": moment.strftime("%Y-%m-%dT%H:%M"), "day": moment.strftime("%Y-%m-%d"),
            "month": moment.strftime("%Y-%m"), "year": moment.strftime("%Y")}[precision]


# --- the custody episode ------------------------------------------------------------
def custody(story: Story) -> datetime:
    """Apprehension, protocol, exams, notifications, interrogation, authorisation or release.
    Returns the end of the ill-treatment."""
    rng, facts = story.rng, story.facts
    t0 = facts.incident_at
    body = APPREHENDING.get(facts.agency, "police")
    story.add("apprehension", t0, body=body, precision="minute",
              fields={"place": facts.place, "place_type": facts.place_type})
    if rng.random() < 0.85:
        _detention_record(story, t0, body)
    if rng.random() < 0.5:
        story.add("relatives_notified", story.later(t0, 1, 30), body=body, precision="minute")
    interrogation = story.later(t0, 0.5, 6)
    if rng.random() < 0.55:
        story.add("interrogation", interrogation, body=body, precision="minute", fields=_interrogation(rng, facts))
    ill_treatment_end = story.later(interrogation, 0.5, 4)
    story.add("incident", interrogation, precision="minute", fields={
        "from": interrogation.strftime("%Y-%m-%dT%H:%M"), "to": ill_treatment_end.strftime("%Y-%m-%dT%H:%M"),
        "place": facts.place, "description": rng.choice(data.SUMMARY_SENTENCES)})
    if facts.death:
        story.add("death_in_custody", story.later(ill_treatment_end, 2, 60), body=body, precision="minute",
                  fields={"declared_cause": rng.choice(data.DECLARED_CAUSES)})
        return ill_treatment_end
    _medical(story, ill_treatment_end)
    if rng.random() < 0.25:
        story.add("lawyer_access", story.later(t0, 3, 48), body=body, precision="minute")
    draw = rng.random()
    if draw < 0.45:
        story.add("court_authorization", story.later(t0, 20, 60), body="investigating_judge", precision="minute")
    elif draw < 0.85:
        story.add("release", story.later(t0, 3, 55), body=body, precision="minute")
    return ill_treatment_end


def _detention_record(story: Story, t0: datetime, body: str) -> None:
    rng = story.rng
    recorded = story.later(t0, 0.3, 2.9) if rng.random() < 0.7 else story.later(t0, 4, 20)
    fields = {}
    draw = rng.random()
    if draw < 0.6:
        fields["recorded_time"] = t0.strftime("%Y-%m-%dT%H:%M")
    elif draw < 0.85:
        fields["recorded_time"] = recorded.strftime("%Y-%m-%dT%H:%M")  # the protocol moves the clock
    story.add("detention_recorded", recorded, body=body, precision="minute", fields=fields)
    if rng.random() < 0.2:
        story.add("prosecutor_notified", story.later(recorded, 1, 20), body=body, precision="minute")


def _interrogation(rng: random.Random, facts: Facts) -> dict[str, Any]:
    fields = {"with_lawyer": rng.random() < 0.45, "video_recorded": rng.random() < 0.3}
    if facts.minor:
        fields["with_legal_representative"] = rng.random() < 0.4
    return fields


def _medical(story: Story, after: datetime) -> None:
    rng = story.rng
    if rng.random() >= 0.6:
        return
    injuries = rng.random() < 0.55
    exam = story.later(after, 0.5, 30)
    story.add("medical_exam", exam, body="medical", precision="minute", fields={
        "kind": rng.choice(("admission", "admission", "emergency", "independent")), "istanbul_protocol": False,
        "injuries": injuries, "findings": "bruises on the back and wrists" if injuries else "no visible injuries"})
    if injuries and rng.random() < 0.3:
        story.add("injury_reported_to_prosecutor", story.later(exam, 1, 40), body="medical", precision="minute")


def free_incident(story: Story) -> datetime:
    """Ill-treatment outside a custody record (a street, a sports hall): one incident event."""
    rng, facts = story.rng, story.facts
    start = facts.incident_at
    end = story.later(start, 0.5, 5)
    story.add("incident", start, body=APPREHENDING.get(facts.agency), fields={
        "from": start.strftime("%Y-%m-%d"), "place": facts.place, "description": rng.choice(data.SUMMARY_SENTENCES)})
    return end


# --- the complaint and its fate ---------------------------------------------------------
def complaint(story: Story, after: datetime, cutoff: datetime) -> None:
    rng = story.rng
    delay = rng.choices(((0.2, 3), (4, 30), (31, 365)), (50, 30, 20))[0]
    filed_at = story.days_later(after, *delay)
    to_body = weighted(rng, data.COMPLAINT_BODIES)
    filed = story.add("complaint_filed", filed_at, body=rng.choice(("lawyer", "victim")),
                      precision=story.precision_for(filed_at, cutoff),
                      fields={"to_body": to_body, "by": rng.choice(("victim", "lawyer", "lawyer", "relative", "npm"))})
    if story.facts.asylum:
        asylum(story, filed_at)
    draw = rng.random()
    if draw < 0.02:
        return  # no answer at all: an unregistered complaint
    if draw < 0.32:
        not_registered(story, filed, to_body, cutoff)
    else:
        registered(story, filed_at, to_body, cutoff)


def not_registered(story: Story, filed: Planned, to_body: str, cutoff: datetime) -> None:
    rng, facts = story.rng, story.facts
    kind = weighted(rng, (("forwarded_without_registration", 50), ("registration_refused", 30), ("written_off", 20)))
    moment = story.days_later(filed.moment, 0.5, 12)
    if kind == "forwarded_without_registration":
        target = IMPLICATED.get(facts.agency, "police") if rng.random() < 0.7 else "police"
        decision = story.add(kind, moment, body=to_body, precision=story.precision_for(moment, cutoff),
                             fields={"to_body": target, "implicated": target == IMPLICATED.get(facts.agency)})
        moment = story.days_later(moment, 10, 60)
        decision = story.add("written_off", moment, body=target, document=story.document("written_off"),
                             precision=story.precision_for(moment, cutoff))
    else:
        decision = story.add(kind, moment, body="prosecutor" if to_body in ("ombudsman", "npm") else to_body,
                             document=story.document(kind), precision=story.precision_for(moment, cutoff))
    served = serve(story, decision, cutoff, chance=0.45)
    if rng.random() < 0.45:
        outcome, decided = appeal(story, decision, served or decision, "prosecutor", cutoff)
        if outcome == "granted":
            registered(story, decided.moment, "prosecutor", cutoff, depth=1)
        elif outcome == "rejected" and rng.random() < 0.4:
            appeal(story, decided, decided, "investigating_judge", cutoff)


def serve(story: Story, decision: Planned, cutoff: datetime, *, chance: float) -> Planned | None:
    if story.rng.random() >= chance:
        return None
    moment = story.days_later(decision.moment, 0.5, 40)
    return story.add("decision_served", moment, body=decision.raw["body"],
                     precision=story.precision_for(moment, cutoff),
                     fields={"decision": decision.uid, "served_to": story.rng.choice(("victim", "lawyer"))})


def appeal(story: Story, decision: Planned, start: Planned, forum: str, cutoff: datetime,
           ) -> tuple[str | None, Planned]:
    """An appeal against ``decision``, filed some days after ``start``; maybe decided."""
    rng = story.rng
    filed_at = story.days_later(start.moment, 1, 25)
    filed = story.add("appeal_filed", filed_at, body="lawyer", precision=story.precision_for(filed_at, cutoff),
                      fields={"against": decision.uid, "to_body": forum})
    if rng.random() >= 0.88:
        return None, filed  # undecided, or the answer never came
    outcome = weighted(rng, (("rejected", 85), ("granted", 10), ("partly", 5)))
    decided_at = story.days_later(filed_at, 2, 30)
    decided = story.add("appeal_decided", decided_at, body=DECIDED_BY[forum], document=story.document("appeal_decided"),
                        precision=story.precision_for(decided_at, cutoff), fields={"outcome": outcome})
    return outcome, decided


def registered(story: Story, after: datetime, to_body: str, cutoff: datetime, depth: int = 0) -> None:
    rng = story.rng
    registered_at = story.later(after, 2, 20) if rng.random() < 0.6 else story.days_later(after, 1, 8)
    qualification = weighted(rng, QUALIFICATIONS)
    body = to_body if to_body in ("prosecutor", "aca", "special_prosecutor", "police") else "prosecutor"
    story.add("registered_urpti", registered_at, body=body, precision=story.precision_for(registered_at, cutoff),
              fields={"number": f"{rng.randint(10**14, 10**15 - 1)}", "qualification": qualification})
    investigating = _investigating_body(story, qualification)
    opened_at = story.days_later(registered_at, 0, 3)
    form = "inquiry" if qualification == "CC 146(1)" else weighted(
        rng, (("full_investigation", 75), ("protocol_form", 10), ("accelerated", 5), ("inquiry", 10)))
    story.add("investigation_opened", opened_at, body=investigating, precision=story.precision_for(opened_at, cutoff),
              fields={"form": form, "investigating_body": investigating})
    moment = investigation_steps(story, opened_at, investigating, cutoff)
    close(story, moment, investigating, qualification, cutoff, depth)


def _investigating_body(story: Story, qualification: str) -> str:
    rng, facts = story.rng, story.facts
    if qualification == "CC 146(1)":
        return IMPLICATED.get(facts.agency, "police") if rng.random() < 0.7 else "police"
    return weighted(rng, (("special_prosecutor", 35), ("prosecutor", 30), ("aca", 20),
                          (IMPLICATED.get(facts.agency, "police"), 15)))


def investigation_steps(story: Story, opened_at: datetime, body: str, cutoff: datetime) -> datetime:
    """Forensic exams, victim status, reprisals, extensions; returns the last moment."""
    rng = story.rng
    moment = opened_at
    if rng.random() < 0.7:
        moment = story.days_later(opened_at, 0.5, 10)
        story.add("forensic_exam_ordered", moment, body=body, precision=story.precision_for(moment, cutoff),
                  fields={"kind": "forensic_fme"})
        if rng.random() < 0.75:
            moment = story.days_later(moment, 5, 40)
            story.add("forensic_exam_result", moment, body="medical", precision=story.precision_for(moment, cutoff),
                      fields={"kind": "forensic_fme", "finding": weighted(
                          rng, (("consistent", 35), ("not_consistent", 35), ("inconclusive", 30)))})
    if rng.random() < 0.1:
        story.add("forensic_exam_ordered", story.days_later(opened_at, 5, 60), body=body,
                  fields={"kind": "forensic_fppe"})
    if rng.random() < 0.35:
        story.add("victim_status_recognized", story.days_later(opened_at, 1, 30), body=body)
    extras(story, opened_at, body)
    if rng.random() < 0.25:
        moment = story.days_later(opened_at, 50, 85)
        until = story.days_later(moment, 30, 120)
        story.add("investigation_extended", moment, body="prosecutor", fields={"until": until.strftime("%Y-%m-%d")})
    return moment


def extras(story: Story, start: datetime, body: str) -> None:
    """The rarer events: a changed qualification, reprisals, lost video."""
    rng = story.rng
    if rng.random() < 0.05:
        story.add("qualification_changed", story.days_later(start, 10, 60), body=body,
                  fields={"from": "CC 146(2)", "to": rng.choice(("CC 146(1)", "CC 362(4)"))})
    if rng.random() < 0.04:
        threat = story.days_later(start, 3, 60)
        story.add("reprisal", threat, body=APPREHENDING.get(story.facts.agency, "police"),
                  fields={"kind": weighted(rng, (("threat", 40), ("pressure_to_withdraw", 40), ("transfer", 12),
                                                 ("violence", 8)))})
        if rng.random() < 0.5:
            asked = story.days_later(threat, 1, 10)
            story.add("safety_measure_requested", asked, body="lawyer")
            if rng.random() < 0.4:
                story.add("safety_measure_granted", story.days_later(asked, 2, 20), body=body)
    if rng.random() < 0.03:
        story.add("video_evidence_lost", story.days_later(start, 5, 90), body=body)


def close(story: Story, after: datetime, body: str, qualification: str, cutoff: datetime, depth: int) -> None:
    rng = story.rng
    draw = rng.random()
    if draw < 0.80:
        terminated(story, after, body, cutoff, depth)
    elif draw < 0.88:
        moment = story.days_later(after, 30, 200)
        story.add("investigation_suspended", moment, body=body, document=story.document("investigation_suspended"),
                  precision=story.precision_for(moment, cutoff), fields={"ground": "perpetrator_unknown"})
    elif draw < 0.905:
        trial(story, after, cutoff)
    elif draw < 0.91 and "146" in qualification:
        story.add("plea_bargain", story.days_later(after, 30, 150), body="prosecutor")
    # else: the investigation is still open


def terminated(story: Story, after: datetime, body: str, cutoff: datetime, depth: int) -> None:
    rng = story.rng
    moment = story.days_later(after, 20, 240)
    decision = story.add("investigation_terminated", moment, body=body,
                         document=story.document("investigation_terminated"),
                         precision=story.precision_for(moment, cutoff), fields={"ground": weighted(rng, GROUNDS)})
    served = serve(story, decision, cutoff, chance=0.7)
    if rng.random() >= 0.55:
        return
    forum = "investigating_judge" if rng.random() < 0.7 else "prosecutor"
    outcome, decided = appeal(story, decision, served or decision, forum, cutoff)
    if outcome in ("granted", "partly") and depth == 0:
        reopened = story.days_later(decided.moment, 5, 60)
        story.add("investigation_opened", reopened, body=body, fields={"investigating_body": body})
        terminated(story, reopened, body, cutoff, depth + 1)
    elif outcome == "rejected":
        if forum == "investigating_judge" and rng.random() < 0.3:
            appeal(story, decided, decided, "regional_court", cutoff)
        if rng.random() < 0.06:
            international(story, decided.moment, cutoff)


def trial(story: Story, after: datetime, cutoff: datetime) -> None:
    rng = story.rng
    sent = story.days_later(after, 60, 240)
    story.add("indictment_sent_to_court", sent, body="prosecutor", precision=story.precision_for(sent, cutoff))
    judged = story.days_later(sent, 30, 180)
    outcome = weighted(rng, (("convicted", 70), ("acquitted", 20), ("case_dismissed", 10)))
    fields = {"outcome": outcome}
    if outcome == "convicted":
        fields["sentence"] = rng.choice(("3 years' imprisonment", "5 years' imprisonment", "suspended sentence",
                                         "лишение свободы на 4 года", "fine and ban on service"))
    verdict = story.add("verdict", judged, body="court", document=story.document("verdict"),
                        precision=story.precision_for(judged, cutoff), fields=fields)
    if rng.random() < 0.5:
        appeal(story, verdict, verdict, "appellate_court", cutoff)
    if outcome == "convicted" and rng.random() < 0.5:
        claimed = story.days_later(judged, 20, 200)
        story.add("compensation_claimed", claimed, body="lawyer", fields={"source": "vcf"})
        if rng.random() < 0.7:
            mci = rng.choice((10, 20, 30, 40, 50))
            story.add("compensation_paid", story.days_later(claimed, 30, 200), body="government",
                      fields={"source": "vcf", "amount_mci": mci})


def international(story: Story, after: datetime, cutoff: datetime) -> None:
    rng = story.rng
    signed = story.days_later(after, 10, 200)
    committee = "CAT" if rng.random() < 0.7 else "HRC"
    story.add("authorization_signed", signed, body="victim", fields={"kind": "consent", "committee": committee})
    story.add("authorization_signed", story.days_later(signed, 0, 5), body="victim",
              fields={"kind": "power_of_attorney", "committee": committee})
    submitted = story.days_later(signed, 20, 400)
    story.add("un_communication_submitted", submitted, body="ngo",
              fields={"committee": committee, "number": f"{rng.randint(1000, 4999)}/{submitted.year}"})
    if rng.random() < 0.1:
        story.add("un_interim_measures_requested", story.days_later(submitted, 0, 3), body="ngo")
    if rng.random() < 0.3:
        views = story.days_later(submitted, 400, 1200)
        story.add("un_views_adopted", views, body="un_body",
                  fields={"violation_found": rng.random() < 0.85, "articles": "2, 12, 13, 14"})
        if rng.random() < 0.5:
            story.add("state_follow_up_reply", story.days_later(views, 60, 300), body="government",
                      fields={"what": "reinvestigation ordered"})


def asylum(story: Story, after: datetime) -> None:
    """A foreign national facing removal to the State he fled (Zhilin)."""
    rng = story.rng
    applied = story.days_later(after, -20, 5)
    story.add("asylum_applied", applied, body="victim")
    refused = story.days_later(applied, 20, 90)
    story.add("asylum_refused", refused, body="migration_service")
    if rng.random() < 0.5:
        story.add("asylum_appeal_filed", story.days_later(refused, 3, 25), body="lawyer")
    if rng.random() < 0.6:
        ordered = story.days_later(refused, 1, 40)
        story.add("expulsion_ordered", ordered, body="court")
        if rng.random() < 0.5:
            story.add("deported", story.days_later(ordered, 2, 30), body="nsc")
        if rng.random() < 0.4:
            story.add("un_interim_measures_requested", story.days_later(ordered, 0, 3), body="ngo")
