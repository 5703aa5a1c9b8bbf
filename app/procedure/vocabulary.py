"""The event vocabulary of DOMAIN.md §3 and the code lists a case is described with.

Type names and field names are exactly those of DOMAIN.md so that timelines move between
installations. This module is data plus one pure validator: the forms, the interchange
importer and the engine all read it, so an event type is described once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from typing import Any

from app.procedure.phrase import Phrase
from app.procedure.when import InvalidWhen, When

MAX_TEXT = 2_000
MAX_LONG_TEXT = 20_000


class Kind(StrEnum):
    """What a field holds; decides its form widget and its validation."""

    TEXT = "text"  # one line, up to MAX_TEXT characters
    LONG_TEXT = "long_text"  # free prose, up to MAX_LONG_TEXT characters
    BOOL = "bool"  # yes / no / not known (None)
    CHOICE = "choice"  # one code of a code list
    WHEN = "when"  # a date at its known precision (app.procedure.when)
    EVENT = "event"  # another event of the same case
    AMOUNT = "amount"  # a non-negative number (money, MCI)
    TERM = "term"  # one code of a controlled vocabulary kept in the database (HURIDOCS)
    TERMS = "terms"  # a list of such codes
    CHOICES = "choices"  # several codes of a code list (e.g. the remedies a committee requested)


@dataclass(frozen=True)
class Choice:
    code: str
    label: str


def _choices(*pairs: tuple[str, str]) -> tuple[Choice, ...]:
    return tuple(Choice(code, label) for code, label in pairs)


BODIES = _choices(
    ("police", "Police (Ministry of Internal Affairs)"),
    ("dis", "Police internal security (DIS/ISU)"),
    ("prosecutor", "Prosecutor's office"),
    ("special_prosecutor", "Special prosecutor"),
    ("general_prosecutor", "General Prosecutor's Office"),
    ("aca", "Anti-Corruption Agency"),
    ("nsc", "National Security Committee"),
    ("national_guard", "National Guard"),
    ("military", "Armed forces / military unit"),
    ("penitentiary", "Penitentiary system (CCES)"),
    ("investigating_judge", "Investigating judge"),
    ("court", "Court of first instance"),
    ("appellate_court", "Appellate (regional) court"),
    ("supreme_court", "Supreme Court (cassation)"),
    ("ombudsman", "Ombudsman"),
    ("npm", "National Preventive Mechanism"),
    ("migration_service", "Migration service"),
    ("medical", "Medical institution / forensic service"),
    ("un_body", "UN body"),
    ("government", "Government / ministry"),
    ("ngo", "NGO / coalition"),
    ("lawyer", "Lawyer"),
    ("victim", "Victim or family"),
    ("other", "Other"),
    ("unknown", "Not stated in the record"),
)

APPEAL_FORUMS = _choices(
    ("prosecutor", "Prosecutor (CPC 105)"),
    ("investigating_judge", "Investigating judge (CPC 106)"),
    ("regional_court", "Regional court, against an investigating judge's ruling (CPC 107)"),
    ("appellate_court", "Appellate court"),
    ("cassation", "Cassation (Supreme Court)"),
    ("general_prosecutor", "General Prosecutor"),
    ("administrative_court", "Administrative court (APPC)"),
)

PLACE_TYPES = _choices(
    ("police_station", "Police station"),
    ("ivs", "Temporary detention facility (IVS)"),
    ("sizo", "Pre-trial detention centre (SIZO)"),
    ("colony", "Penal colony"),
    ("military_unit", "Military unit"),
    ("sports_hall", "Sports hall"),
    ("hospital", "Hospital / psychiatric or social institution"),
    ("public_place", "Street or public place"),
    ("other_unofficial", "Other / unofficial place"),
)

MINISTRIES = _choices(
    ("interior", "Ministry of Internal Affairs"),
    ("national_security", "National Security Committee"),
    ("defence", "Ministry of Defence"),
    ("health", "Ministry of Healthcare"),
    ("justice", "Ministry of Justice"),
    ("other", "Other"),
)

REGIONS = _choices(
    ("astana", "Astana"),
    ("almaty_city", "Almaty (city)"),
    ("shymkent", "Shymkent"),
    ("abai", "Abai Region"),
    ("akmola", "Akmola Region"),
    ("aktobe", "Aktobe Region"),
    ("almaty_region", "Almaty Region"),
    ("atyrau", "Atyrau Region"),
    ("east_kazakhstan", "East Kazakhstan Region"),
    ("zhambyl", "Zhambyl Region"),
    ("zhetysu", "Zhetysu Region"),
    ("west_kazakhstan", "West Kazakhstan Region"),
    ("karaganda", "Karaganda Region"),
    ("kostanay", "Kostanay Region"),
    ("kyzylorda", "Kyzylorda Region"),
    ("mangystau", "Mangystau Region"),
    ("pavlodar", "Pavlodar Region"),
    ("north_kazakhstan", "North Kazakhstan Region"),
    ("turkistan", "Turkistan Region"),
    ("ulytau", "Ulytau Region"),
)

ROLES = _choices(
    ("victim", "Victim"),
    ("complainant", "Complainant"),
    ("alleged_perpetrator", "Alleged perpetrator"),
    ("witness", "Witness"),
    ("counsel", "Counsel"),
    ("official", "Official (prosecutor, investigator, judge)"),
    ("expert", "Expert"),
)

SEXES = _choices(("female", "Female"), ("male", "Male"))

# A person's tie to another ("A is the mother of B": A, parent, B), for authors who act for a victim.
RELATIONS = _choices(
    ("parent", "parent of"), ("spouse", "spouse of"), ("child", "child of"), ("sibling", "sibling of"),
    ("guardian", "guardian of"))

VICTIM_FLAGS = _choices(
    ("minor", "Minor at the time"),
    ("woman", "Woman"),
    ("disability", "Person with disability"),
    ("foreign_national", "Foreign national / asylum-seeker"),
    ("in_custody_now", "In custody now"),
)

COMMITTEES = _choices(
    ("CAT", "Committee against Torture"),
    ("HRC", "Human Rights Committee"),
    ("CED", "Committee on Enforced Disappearances"),
    ("CEDAW", "Committee on the Elimination of Discrimination against Women"),
    ("CRPD", "Committee on the Rights of Persons with Disabilities"),
)

EXAM_KINDS = _choices(
    ("admission", "Admission examination"),
    ("independent", "Independent examination"),
    ("emergency", "Emergency or hospital care (ambulance, clinic)"),
    ("forensic_fme", "Forensic medical examination (FME)"),
    ("forensic_fppe", "Forensic psychological-psychiatric examination (FPPE)"),
)


@dataclass(frozen=True)
class ControlledVocabulary:
    """A HURIDOCS micro-thesaurus: its terms live in the database (seed/vocabularies/*.json,
    editable by admins), so only its name and title are code."""

    name: str
    title: str
    title_ru: str
    micro_thesaurus: int


CONTROLLED_VOCABULARIES = (
    ControlledVocabulary("methods_of_torture", "Methods of violence against a person (such as torture)",
                         "Методы насилия в отношении лица (пытки и жестокое обращение)", 5),
    ControlledVocabulary("detention_types", "Types of detention", "Виды содержания под стражей", 29),
    ControlledVocabulary("perpetrator_types", "Types of perpetrators", "Типы исполнителей нарушений", 24),
    ControlledVocabulary("intervention_types", "Types of intervention", "Виды вмешательства", 20),
    ControlledVocabulary("place_types", "Types of locations", "Типы мест", 17),
)
CONTROLLED_VOCABULARIES_BY_NAME: Mapping[str, ControlledVocabulary] = {c.name: c for c in CONTROLLED_VOCABULARIES}

# HURIDOCS codes: two digits per level, dotted, trailing "00" levels dropped ("03.01.04").
TERM_CODE = re.compile(r"\d{2}(?:\.\d{2}){0,5}")
MAX_TERM_CODE = 17  # six levels
MAX_TERMS = 100  # codes in one TERMS field


@dataclass(frozen=True)
class Field:
    """One of an event type's own fields."""

    name: str
    kind: Kind
    label: str
    required: bool = False
    choices: tuple[Choice, ...] = ()
    after: str | None = None  # a WHEN field that must not be earlier than this one
    vocabulary: str | None = None  # TERM and TERMS: the controlled vocabulary the codes belong to
    hint: str = ""  # shown under the form field

    def codes(self) -> frozenset[str]:
        return frozenset(c.code for c in self.choices)


@dataclass(frozen=True)
class EventType:
    name: str
    family: str
    label: str
    fields: tuple[Field, ...] = field(default_factory=tuple)

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    def reference_fields(self) -> frozenset[str]:
        """Names of the fields that point at another event of the case."""
        return _reference_fields(self.fields)


@cache
def _reference_fields(fields: tuple[Field, ...]) -> frozenset[str]:
    """Per type, once: asked for every event of every case a recompute derives."""
    return frozenset(f.name for f in fields if f.kind is Kind.EVENT)


def _text(name: str, label: str, **kw: Any) -> Field:
    return Field(name, Kind.TEXT, label, **kw)


def _choice(name: str, label: str, choices: tuple[Choice, ...], **kw: Any) -> Field:
    return Field(name, Kind.CHOICE, label, choices=choices, **kw)


def _choices_field(name: str, label: str, choices: tuple[Choice, ...], **kw: Any) -> Field:
    return Field(name, Kind.CHOICES, label, choices=choices, **kw)


def _bool(name: str, label: str) -> Field:
    return Field(name, Kind.BOOL, label)


def _terms(name: str, label: str, vocabulary: str, hint: str, *, many: bool) -> Field:
    assert vocabulary in CONTROLLED_VOCABULARIES_BY_NAME, vocabulary
    return Field(name, Kind.TERMS if many else Kind.TERM, label, vocabulary=vocabulary, hint=hint)


_INTERVENTION = _terms(
    "intervention", "Type of intervention (HURIDOCS)", "intervention_types",
    "HURIDOCS micro-thesaurus 20, e.g. 02.01 Demand for investigation or 02.02 Petition to overturn a "
    "decision; what was asked goes in the notes.", many=False)


_FACILITY = (_text("facility", "Facility"), _choice("ministry", "Ministry", MINISTRIES))
_EXAM_KIND = _choice("kind", "Kind of examination", EXAM_KINDS, required=True)


# What UN Views ask of the State party, in the committees' standard wording; one row of the
# remedies checklist each (docs/un-case-file.md).
REMEDIES = _choices(
    ("investigation", "An impartial and effective investigation"),
    ("prosecution", "Prosecution and punishment of those responsible"),
    ("compensation", "Fair and adequate compensation"),
    ("rehabilitation", "Rehabilitation (medical and psychological)"),
    ("release_or_review", "Release, retrial or review of the conviction"),
    ("no_removal", "No removal to the country of risk, or return"),
    ("non_repetition", "Measures of non-repetition (law, practice, training)"),
    ("publication", "Publication and dissemination of the decision"),
    ("other", "Other"))
IMPLEMENTATION_STATUSES = _choices(
    ("implemented", "Implemented"), ("partly", "Partly implemented"), ("not", "Not implemented"),
    ("unknown", "Not known"))
FOLLOW_UP_DIALOGUE = _choices(
    ("ongoing", "Follow-up dialogue ongoing"),
    ("closed_satisfactory", "Dialogue closed: satisfactory implementation"),
    ("closed_partial", "Dialogue closed: partly satisfactory implementation"),
    ("closed_unsatisfactory", "Dialogue closed: unsatisfactory implementation"))
PAYERS = _choices(("vcf", "Victims Compensation Fund"), ("court", "Court award"), ("state", "The State on UN Views"),
                  ("other", "Other"))

CONSENT_SCOPES = _choices(
    ("file", "File a communication with a committee"), ("publish", "Publish the case"),
    ("name_publicly", "Use the name publicly"), ("anonymity", "Keep the name confidential (anonymity)"))
CONSENT_GIVERS = _choices(
    ("victim", "The victim"), ("victim_of_age", "The victim, now of age (a minor at the time)"),
    ("parent", "A parent (the victim is a minor)"),
    ("guardian", "The guardian (a minor or a person without legal capacity)"),
    ("next_of_kin", "Next of kin (the victim has died)"))
_CONSENT = (
    _choice("scope", "For what", CONSENT_SCOPES, required=True),
    _choice("committee", "Which committee (to file a communication)", COMMITTEES,
            hint="Leave empty when the consent covers any committee."),
    _choice("by", "Given by", CONSENT_GIVERS, required=True),
    _text("signed_by", "Name of who signed", hint="Link the signed document to this event under Evidence files."),
)


def _type(name: str, family: str, label: str, *fields: Field) -> EventType:
    return EventType(name, family, label, tuple(fields))


EVENT_TYPES: tuple[EventType, ...] = (
    # custody
    _type("apprehension", "custody", "Apprehension (actual loss of liberty)",
          _text("place", "Place"), _choice("place_type", "Type of place", PLACE_TYPES),
          _text("suspected_of", "Offence suspected (e.g. CC 272 mass riots)",
                hint="The offence the person is held for decides the custody limit: 72 hours for terrorism, "
                     "extremism, mass riots and particularly grave crimes, 48 hours otherwise (24 for a minor).")),
    _type("detention_recorded", "custody", "Detention protocol drawn up",
          Field("recorded_time", Kind.WHEN, "Time written in the protocol")),
    _type("lawyer_access", "custody", "Lawyer given access", *_FACILITY),
    _type("relatives_notified", "custody", "Relatives notified", *_FACILITY),
    _type("prosecutor_notified", "custody", "Prosecutor notified of detention", *_FACILITY),
    _type("court_authorization", "custody", "Court authorised custody", *_FACILITY),
    _type("release", "custody", "Release", *_FACILITY),
    _type("transfer", "custody", "Transfer to another facility", *_FACILITY),
    _type("interrogation", "custody", "Interrogation",
          Field("until", Kind.WHEN, "Ended at",
                hint="When the questioning ended, as precisely as the record says (a minor may be questioned "
                     "at most 2 hours without a break and 4 hours a day)."),
          _bool("with_lawyer", "Lawyer present"),
          _bool("with_legal_representative", "Legal representative present (minors)"),
          _bool("video_recorded", "Video recorded")),
    _type("medical_exam", "custody", "Medical examination",
          _EXAM_KIND,
          _bool("istanbul_protocol", "Istanbul Protocol followed"),
          _bool("injuries", "Injuries recorded"),
          Field("findings", Kind.LONG_TEXT, "Findings"),
          _choice("place_type", "Where the examination took place", PLACE_TYPES,
                  hint="A custody facility (IVS, SIZO, colony) must report injuries to the prosecutor within "
                       "24 hours; leave empty when the record does not say.")),
    _type("injury_reported_to_prosecutor", "custody", "Injuries reported to the prosecutor"),
    _type("death_in_custody", "custody", "Death in custody",
          _text("declared_cause", "Declared cause of death")),
    _type("reprisal", "custody", "Reprisal",
          _choice("kind", "Kind of reprisal", _choices(
              ("threat", "Threat"), ("pressure_to_withdraw", "Pressure to withdraw the complaint"),
              ("transfer", "Punitive transfer"), ("violence", "Violence")), required=True)),
    _type("video_evidence_lost", "custody", "Video evidence lost or destroyed"),
    _type("psychiatric_placement", "custody", "Placed in a psychiatric institution",
          _text("facility", "Facility"), _choice("by_body", "Ordered by", BODIES),
          Field("court_ruling", Kind.EVENT, "Court ruling it rests on")),
    _type("legal_capacity_ruling", "custody", "Ruling on legal capacity",
          _choice("capacity", "Legal capacity", _choices(
              ("full", "Full"), ("limited", "Limited"), ("none", "None (declared incapable)")),
              hint="Leave empty when the record does not say what the court found; quote its words in the notes."),
          _text("guardian", "Guardian (name)")),
    _type("held_with_adults", "custody", "Minor held with adults", _text("facility", "Facility")),
    # complaint
    _type("incident", "complaint", "Alleged ill-treatment (incident)",
          Field("from", Kind.WHEN, "From"),
          Field("to", Kind.WHEN, "To", after="from"),
          _text("place", "Place"),
          Field("description", Kind.LONG_TEXT, "Description"),
          _terms("methods", "Methods of ill-treatment (HURIDOCS)", "methods_of_torture",
                 "HURIDOCS micro-thesaurus 5, branch 03: choose every method alleged (Ctrl- or Cmd-click to "
                 "choose several). The codes are for statistics; the account in the victim's words stays in "
                 "the description above.", many=True),
          _terms("detention", "Type of detention (HURIDOCS)", "detention_types",
                 "HURIDOCS micro-thesaurus 29: the legal basis the victim was held on, if held; anything the "
                 "list cannot say goes in the description above.", many=False)),
    _type("complaint_filed", "complaint", "Complaint filed",
          _choice("to_body", "Filed with", BODIES, required=True),
          _choice("by", "Filed by", _choices(
              ("victim", "Victim"), ("lawyer", "Lawyer"), ("relative", "Relative"), ("npm", "NPM"))),
          _bool("injuries_alleged", "The complaint alleges injuries"),
          _INTERVENTION),
    _type("registered_urpti", "complaint", "Registered in the URPTI",
          _text("number", "URPTI number"), _text("qualification", "Qualification (e.g. CC 146(2))")),
    _type("forwarded_without_registration", "complaint", "Forwarded without registration (CPC 181(5))",
          _choice("to_body", "Forwarded to", BODIES, required=True),
          _bool("implicated", "Body implicated in the allegations")),
    _type("registration_refused", "complaint", "Registration refused"),
    _type("written_off", "complaint", "Complaint written off"),
    _type("qualification_changed", "complaint", "Qualification changed",
          _text("from", "From"), _text("to", "To", required=True)),
    _type("evidence_preservation_requested", "complaint", "Preservation of evidence requested",
          _choice("what", "What is to be preserved", _choices(
              ("cctv", "CCTV and body-camera footage"), ("medical_records", "Medical records"),
              ("logs", "Custody registers and logs"), ("other", "Other")), required=True),
          _choice("to_body", "Requested from", BODIES)),
    _type("complaint_withdrawn", "complaint", "Complaint withdrawn",
          _choice("by", "Withdrawn by", _choices(
              ("victim", "Victim"), ("lawyer", "Lawyer"), ("relative", "Relative"))),
          _bool("under_pressure", "The victim reports pressure to withdraw"),
          _text("reason", "Reason given")),
    # investigation
    _type("investigation_opened", "investigation", "Investigation opened",
          _choice("form", "Form", _choices(
              ("full_investigation", "Full (preliminary) investigation"), ("inquiry", "Inquiry"),
              ("protocol_form", "Protocol form"), ("accelerated", "Accelerated"))),
          _choice("investigating_body", "Investigating body", BODIES)),
    _type("forensic_exam_ordered", "investigation", "Forensic examination ordered", _EXAM_KIND),
    _type("forensic_exam_result", "investigation", "Forensic examination result",
          _EXAM_KIND,
          _choice("finding", "Finding", _choices(
              ("consistent", "Consistent with the account"), ("not_consistent", "Not consistent"),
              ("inconclusive", "Inconclusive")), required=True)),
    _type("investigation_extended", "investigation", "Investigation extended",
          Field("until", Kind.WHEN, "Extended until", required=True)),
    _type("investigation_suspended", "investigation", "Investigation suspended",
          _choice("ground", "Ground", _choices(
              ("perpetrator_unknown", "Perpetrator unknown"),
              ("expert_opinion_pending", "Expert opinion pending"), ("other", "Other")))),
    _type("investigation_terminated", "investigation", "Investigation terminated",
          _choice("ground", "Ground", _choices(
              ("no_event", "No event of a crime (CPC 35(1)(1))"),
              ("no_corpus_delicti", "No corpus delicti (CPC 35(1)(2))"),
              ("cpc_35_1_unstated", "CPC 35(1), paragraph not stated (quote the decision's words in the notes)"),
              ("plea_bargain", "Plea bargain"), ("amnesty", "Amnesty"), ("other", "Other")),
              required=True)),
    _type("investigation_resumed", "investigation", "Investigation resumed (termination quashed)",
          Field("against", Kind.EVENT, "Termination quashed"), _choice("by_body", "Quashed by", BODIES)),
    _type("decision_served", "investigation", "Decision served",
          Field("decision", Kind.EVENT, "Which decision"), _text("served_to", "Served to")),
    _type("victim_status_recognized", "investigation", "Victim status recognised"),
    _type("safety_measure_requested", "investigation", "Safety measure requested"),
    _type("safety_measure_granted", "investigation", "Safety measure granted"),
    _type("plea_bargain", "investigation", "Plea bargain"),
    _type("indictment_sent_to_court", "investigation", "Indictment sent to court"),
    _type("verdict", "investigation", "Verdict",
          _choice("outcome", "Outcome", _choices(
              ("convicted", "Convicted"), ("acquitted", "Acquitted"),
              ("case_dismissed", "Case dismissed"), ("other", "Other")), required=True),
          _text("sentence", "Sentence"),
          _choice("defendant", "Whose trial", _choices(
              ("perpetrators", "The alleged perpetrators'"), ("victim", "The victim's own (a charge against them)")),
              hint="Leave empty for the trial of the alleged perpetrators; choose the victim's own trial for a "
                   "conviction of the victim (e.g. for illegal border crossing), which does not close the case.")),
    # appeal
    _type("appeal_filed", "appeal", "Appeal / complaint against a decision",
          Field("against", Kind.EVENT, "Against which decision"),
          _choice("to_body", "Filed with", APPEAL_FORUMS, required=True),
          _INTERVENTION),
    _type("appeal_decided", "appeal", "Appeal decided",
          _choice("outcome", "Outcome", _choices(
              ("granted", "Granted"), ("rejected", "Rejected"), ("partly", "Partly granted")),
              required=True)),
    # asylum
    _type("asylum_applied", "asylum", "Asylum applied for"),
    _type("asylum_refused", "asylum", "Asylum refused"),
    _type("asylum_appeal_filed", "asylum", "Asylum appeal filed"),
    _type("asylum_appeal_decided", "asylum", "Asylum appeal decided"),
    _type("expulsion_ordered", "asylum", "Expulsion ordered"),
    _type("deported", "asylum", "Deported / extradited"),
    # international
    _type("un_communication_submitted", "international", "UN communication submitted",
          _choice("committee", "Committee", COMMITTEES, required=True), _text("number", "Number")),
    _type("un_case_registered", "international", "UN case registered and transmitted to the State",
          _choice("committee", "Committee", COMMITTEES, required=True), _text("case_number", "Case number",
          hint="As the committee's letter gives it, e.g. 1234/2024.")),
    _type("un_correspondence", "international", "Letter to or from the UN committee",
          _choice("direction", "Direction", _choices(("from_committee", "From the committee"),
                                                     ("to_committee", "To the committee")), required=True),
          _text("subject", "Subject"),
          Field("deadline", Kind.WHEN, "Reply due by",
                hint="The date the committee's letter sets for a reply, if it sets one. Link the letter to this "
                     "event under Evidence files.")),
    _type("state_observations_received", "international", "State party's observations received"),
    _type("author_comments_submitted", "international", "Comments on the State's observations submitted"),
    _type("un_interim_measures_requested", "international", "UN interim measures requested"),
    _type("un_interim_measures_granted", "international", "UN interim measures granted"),
    _type("un_interim_measures_breached", "international", "UN interim measures breached",
          _text("what", "What was done despite them (e.g. the removal)")),
    _type("un_views_adopted", "international", "UN Views adopted",
          _choice("kind", "Kind of decision", _choices(
              ("views", "Views or decision on the merits"), ("inadmissible", "Decision of inadmissibility"),
              ("discontinued", "Discontinuance"))),
          _bool("violation_found", "Violation found"), _text("articles", "Articles"),
          _choices_field("remedies_requested", "Remedies requested (one row each in the checklist)", REMEDIES),
          Field("remedies", Kind.LONG_TEXT, "Remedies the committee requested, in its words")),
    _type("follow_up_assessment", "international", "Follow-up assessment by the committee",
          _choice("grade", "Grade", _choices(
              ("A", "A: largely satisfactory"), ("B", "B: partly satisfactory"), ("C", "C: not satisfactory"),
              ("D", "D: no cooperation with the committee"), ("E", "E: measures contrary to the recommendations"))),
          _choice("dialogue", "The committee's decision on the dialogue", FOLLOW_UP_DIALOGUE),
          _text("report_symbol", "Follow-up report symbol")),
    _type("state_follow_up_reply", "international", "State follow-up reply",
          _text("what", "What the State reports")),
    _type("authorization_signed", "international", "Consent or power of attorney signed",
          _choice("kind", "Document", _choices(
              ("consent", "Victim's consent to the communication"),
              ("power_of_attorney", "Power of attorney for the representative")), required=True),
          _choice("committee", "For the committee", COMMITTEES)),
    _type("other_international_procedure", "international", "Matter before another international procedure",
          _text("procedure", "Which procedure (e.g. the Working Group on Arbitrary Detention)", required=True),
          _choice("status", "Status", _choices(("pending", "Pending"), ("concluded", "Concluded"))),
          _text("reference", "Its reference")),
    _type("implementation", "international", "Implementation of Views",
          _choice("remedy", "Which remedy", REMEDIES,
                  hint="One event per remedy: its row in the case's remedies checklist."),
          _choice("status", "Status", IMPLEMENTATION_STATUSES),
          _text("what", "What was done (compensation paid, reinvestigation, legislative change, none)",
                hint="Link what shows it (a payment order, a decision) to this event under Evidence files.")),
    # consent
    _type("consent_given", "consent", "Consent given", *_CONSENT),
    _type("consent_withdrawn", "consent", "Consent withdrawn", *_CONSENT),
    # redress
    _type("compensation_claimed", "redress", "Compensation claimed",
          Field("amount_kzt", Kind.AMOUNT, "Amount (tenge)"),
          Field("amount_mci", Kind.AMOUNT, "Amount (MCI)"),
          _choice("source", "Paid by", _choices(
              ("vcf", "Victims Compensation Fund"), ("court", "Court award"), ("other", "Other")))),
    _type("compensation_awarded", "redress", "Compensation awarded",
          Field("amount_kzt", Kind.AMOUNT, "Amount (tenge)"),
          Field("amount_mci", Kind.AMOUNT, "Amount (MCI)"),
          _choice("source", "Awarded by", PAYERS),
          Field("pay_by", Kind.WHEN, "To be paid by",
                hint="The date the judgment, the Fund's decision or the committee's Views set for payment, "
                     "if one is set.")),
    _type("compensation_paid", "redress", "Compensation paid",
          Field("amount_kzt", Kind.AMOUNT, "Amount (tenge)"),
          Field("amount_mci", Kind.AMOUNT, "Amount (MCI)"),
          _choice("source", "Paid by", PAYERS)),
)

# What the record says was not done (DOMAIN.md §8): any step of the vocabulary above.
STEPS = tuple(Choice(t.name, t.label) for t in EVENT_TYPES)
EVENT_TYPES += (
    _type("not_done", "any", "Step not taken",
          _choice("step", "Step not taken", STEPS, required=True),
          Field("refers_to", Kind.EVENT, "The event the step was due after",
                hint="e.g. the complaint that was not registered, the decision that was not served"),
          _choice("kind", "Kind of examination (for an examination not done)", EXAM_KINDS)),
)

EVENT_TYPES_BY_NAME: Mapping[str, EventType] = {t.name: t for t in EVENT_TYPES}
FAMILIES = ("custody", "complaint", "investigation", "appeal", "asylum", "international", "consent", "redress",
            "any")


def label_of(choices: tuple[Choice, ...], code: str | None) -> str:
    """The human label of a code, or the code itself when it is unknown."""
    return next((c.label for c in choices if c.code == code), code or "")


class FieldErrors(ValueError):
    """Validation failed; ``errors`` maps a field name to its message (a Phrase, said in the
    reader's language where it is shown, or plain text)."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def message_of(exc: BaseException) -> str:
    """An exception's message, still a Phrase when it was raised with one (``str(exc)`` would
    give its English text only)."""
    return exc.args[0] if len(exc.args) == 1 and isinstance(exc.args[0], Phrase) else str(exc)


def clean_fields(event_type: EventType, raw: Mapping[str, Any]) -> dict[str, Any]:
    """Check an event's own fields against its type and return them normalised.

    Empty values are dropped (a field not known is absent, never ""), WHEN values are
    re-written in canonical form, and every problem is reported at once, by field.
    EVENT fields are only checked for shape here; that the target exists in the same
    case is the caller's business, since only it knows the timeline.
    """
    errors: dict[str, str] = {}
    unknown = sorted(set(raw) - {f.name for f in event_type.fields})
    for name in unknown:
        errors[name] = Phrase("is not a field of %(type)s", type=event_type.name)
    cleaned: dict[str, Any] = {}
    for spec in event_type.fields:
        value = raw.get(spec.name)
        if value is None or (isinstance(value, str) and not value.strip()) or (
                spec.kind in (Kind.TERMS, Kind.CHOICES) and value == []):
            if spec.required:
                errors[spec.name] = Phrase("is required")
            continue
        try:
            cleaned[spec.name] = _clean_value(spec, value)
        except ValueError as exc:
            errors[spec.name] = message_of(exc)
    for spec in event_type.fields:
        if (spec.after and spec.name in cleaned and spec.after in cleaned
                and When.parse(cleaned[spec.name]).latest() < When.parse(cleaned[spec.after]).start):
            errors[spec.name] = Phrase("ends before %(field)s begins", field=repr(spec.after))
    if errors:
        raise FieldErrors(errors)
    return cleaned


def _clean_value(spec: Field, value: Any) -> Any:
    return _CLEANERS[spec.kind](spec, value)


def _clean_bool(_spec: Field, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(Phrase("must be true or false"))
    return value


def _clean_choice(spec: Field, value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(Phrase("must be a code (text)"))
    if value not in spec.codes():
        raise ValueError(Phrase("%(value)s is not one of %(codes)s", value=shown(value),
                                codes=", ".join(sorted(spec.codes()))))
    return value


def _clean_when(_spec: Field, value: Any) -> str:
    try:
        return When.parse(value).isoformat()
    except InvalidWhen as exc:
        raise ValueError(message_of(exc)) from None


def _clean_event_ref(_spec: Field, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(Phrase("must name an event"))
    return value.strip()


def _clean_amount(_spec: Field, value: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(Phrase("must be a number"))
    if not 0 <= value <= 10**12:
        raise ValueError(Phrase("must be between 0 and 1,000,000,000,000"))
    return value


def _term_code(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(Phrase("%(value)s is not a code (text)", value=shown(value)))
    code = value.strip()
    if len(code) > MAX_TERM_CODE or not TERM_CODE.fullmatch(code):
        raise ValueError(Phrase("%(value)s is not a HURIDOCS code (two digits per level, dotted, e.g. 03.01.04)",
                                value=shown(value)))
    return code


def _clean_term(_spec: Field, value: Any) -> str:
    return _term_code(value)


def _clean_terms(_spec: Field, value: Any) -> list[str]:
    """A list of codes, in code order, each once. Whether they exist is the service's business."""
    if not isinstance(value, list | tuple):
        raise ValueError(Phrase("must be a list of codes"))
    if len(value) > MAX_TERMS:
        raise ValueError(Phrase("has %(count)s codes; the limit is %(limit)s", count=f"{len(value):,}",
                                limit=str(MAX_TERMS)))
    return sorted({_term_code(code) for code in value})


def _clean_choices(spec: Field, value: Any) -> list[str]:
    """Several codes of the field's list, in the list's order, each once."""
    if not isinstance(value, list | tuple):
        raise ValueError(Phrase("must be a list of codes"))
    chosen = {_clean_choice(spec, code) for code in value}
    return [c.code for c in spec.choices if c.code in chosen]


def term_codes(value: Any) -> list[str]:
    """The codes of a stored TERM or TERMS value, as a list."""
    if isinstance(value, str):
        return [value]
    return [code for code in value if isinstance(code, str)] if isinstance(value, list | tuple) else []


_CLEANERS = {
    Kind.TEXT: lambda _spec, value: clean_text(value, MAX_TEXT),
    Kind.LONG_TEXT: lambda _spec, value: clean_text(value, MAX_LONG_TEXT),
    Kind.BOOL: _clean_bool,
    Kind.CHOICE: _clean_choice,
    Kind.WHEN: _clean_when,
    Kind.EVENT: _clean_event_ref,
    Kind.AMOUNT: _clean_amount,
    Kind.TERM: _clean_term,
    Kind.TERMS: _clean_terms,
    Kind.CHOICES: _clean_choices,
}


def shown(value: Any, *, bare: bool = False, limit: int = 60) -> str:
    """A wrong value quoted in a message, cut short: a 100 kB mistake must not make a 100 kB line."""
    text = value if bare and isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


def clean_text(value: Any, limit: int) -> str:
    """Strip and bound a text; refuse control characters that no document contains."""
    if not isinstance(value, str):
        raise ValueError(Phrase("must be text"))
    text = value.replace("\r\n", "\n").strip()
    if len(text) > limit:
        raise ValueError(Phrase("is %(length)s characters long; the limit is %(limit)s", length=f"{len(text):,}",
                                limit=f"{limit:,}"))
    if any((ord(ch) < 32 and ch not in "\n\t") or 127 <= ord(ch) < 160 for ch in text):
        raise ValueError(Phrase("contains control characters"))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(Phrase("contains characters that are not valid Unicode")) from None
    return text
