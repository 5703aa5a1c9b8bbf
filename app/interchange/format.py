"""The interchange format: cases, people and timelines as JSON (docs/interchange.md).

Parsing is pure: it turns a decoded JSON document into validated records or a list of
every problem found, each naming the case, the event index and the field. The database
layer (app.services.interchange) only ever sees a document that passed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.procedure.event_input import CleanEvent, clean_event
from app.procedure.vocabulary import (
    BODIES,
    EVENT_TYPES_BY_NAME,
    MAX_LONG_TEXT,
    MAX_TEXT,
    PLACE_TYPES,
    REGIONS,
    RELATIONS,
    ROLES,
    SEXES,
    VICTIM_FLAGS,
    FieldErrors,
    clean_text,
    message_of,
    shown,
)
from app.procedure.when import InvalidWhen, Precision, When, almaty_now

FORMAT_NAME = "qorgau.cases"
FORMAT_VERSION = 1
REFERENCE_PATTERN = re.compile(r"[A-Z0-9][A-Z0-9-]{2,39}")  # use fullmatch: "$" allows a final newline
PERSON_KEY_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
# The keys each object may have: a misspelt key is an error, never silently dropped.
DOCUMENT_KEYS = frozenset({"format", "version", "people", "cases"})
PERSON_KEYS = frozenset({"key", "name", "aliases", "description", "notes", "birth_date", "sex", "nationality",
                         "relations"})
RELATION_KEYS = frozenset({"kind", "relative"})
CASE_KEYS = frozenset({"reference", "title", "region", "city", "place_type", "perpetrator_agency", "victim_flags",
                       "incident", "summary", "summary_ru", "summary_in_draft", "parties", "events"})
PARTY_KEYS = frozenset({"person", "role", "notes"})
EVENT_KEYS = frozenset({"type", "at", "body", "document", "source", "notes", "narrative", "narrative_ru", "fields"})
EVENT_DOCUMENT_KEYS = frozenset({"number", "title"})
MAX_TITLE = 300
MAX_CITY = 200
MAX_INCIDENT = 100


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an interchange document, located as precisely as possible."""

    where: str  # "case KZ-2021-0001, event 3" or "people[2]"
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.field}: {self.reason}"


class InvalidDocument(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class PersonRecord:
    key: str
    name: str | None
    aliases: list[str] = field(default_factory=list)
    description: str | None = None
    notes: str | None = None
    birth_date: str | None = None  # at its precision: "2005", "2005-03", "2005-03-14"
    sex: str | None = None
    nationality: str | None = None
    relations: list[tuple[str, str]] = field(default_factory=list)  # (kind, the relative's key)


@dataclass
class PartyRecord:
    person: str  # a PersonRecord key
    role: str
    notes: str | None = None


# An event of a file: a validated event whose EVENT fields hold the index of their target.
EventRecord = CleanEvent


@dataclass
class CaseRecord:
    reference: str
    title: str
    region: str | None = None
    city: str | None = None
    place_type: str | None = None
    perpetrator_agency: str | None = None
    victim_flags: list[str] = field(default_factory=list)
    incident: str | None = None
    summary: str | None = None
    summary_ru: str | None = None
    summary_in_draft: bool = False
    parties: list[PartyRecord] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)


@dataclass
class Document:
    people: list[PersonRecord]
    cases: list[CaseRecord]


class _Collector:
    """Gathers problems so that one pass reports all of them."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def unknown_keys(self, obj: dict, allowed: frozenset[str], where: str, what: str) -> None:
        for key in sorted(set(obj) - allowed, key=str):
            self.add(where, shown(key), f"is not a key of {what} (docs/interchange.md)")

    def add(self, where: str, name: str, reason: str) -> None:
        self.problems.append(Problem(where, name, reason))

    def text(self, obj: dict, name: str, where: str, *, limit: int = MAX_TEXT,
             required: bool = False) -> str | None:
        value = obj.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.add(where, name, "is required")
            return None
        try:
            return clean_text(value, limit)
        except ValueError as exc:
            self.add(where, name, message_of(exc))
            return None

    def code(self, obj: dict, name: str, where: str, allowed: Iterable[str]) -> str | None:
        value = obj.get(name)
        if value is None:
            return None
        allowed = set(allowed)
        if not isinstance(value, str):
            self.add(where, name, "must be a code (text)")
            return None
        if value not in allowed:
            self.add(where, name, f"{shown(value)} is not one of {', '.join(sorted(allowed))}")
            return None
        return value


def _codes(choices) -> set[str]:
    return {c.code for c in choices}


def parse_document(data: Any, *, now: datetime | None = None) -> Document:
    """Validate a decoded interchange document; raise InvalidDocument listing every problem."""
    now = now or almaty_now()
    out = _Collector()
    if not isinstance(data, dict):
        raise InvalidDocument([Problem("document", "(root)", "must be a JSON object")])
    out.unknown_keys(data, DOCUMENT_KEYS, "document", "the document")
    if data.get("format") != FORMAT_NAME:
        out.add("document", "format", f"must be {FORMAT_NAME!r}")
    if type(data.get("version")) is not int or data["version"] != FORMAT_VERSION:
        out.add("document", "version", f"must be {FORMAT_VERSION}")
    people = _parse_people(data.get("people", []), out)
    keys = {p.key for p in people}
    cases_raw = data.get("cases")
    if not isinstance(cases_raw, list) or not cases_raw:
        out.add("document", "cases", "must be a non-empty list")
        cases_raw = []
    cases = [_parse_case(raw, i, keys, now, out) for i, raw in enumerate(cases_raw)]
    refs = [c.reference for c in cases if c and c.reference]
    for ref in {r for r in refs if refs.count(r) > 1}:
        out.add(f"case {ref}", "reference", "appears more than once in the file")
    if out.problems:
        raise InvalidDocument(out.problems)
    return Document(people=people, cases=[c for c in cases if c])


def _parse_people(raw: Any, out: _Collector) -> list[PersonRecord]:
    if not isinstance(raw, list):
        out.add("document", "people", "must be a list")
        return []
    people: list[PersonRecord] = []
    seen: set[str] = set()
    for i, obj in enumerate(raw):
        where = f"people[{i}]"
        if not isinstance(obj, dict):
            out.add(where, "(person)", "must be an object")
            continue
        out.unknown_keys(obj, PERSON_KEYS, where, "a person")
        key = obj.get("key")
        if not isinstance(key, str) or not PERSON_KEY_PATTERN.fullmatch(key):
            out.add(where, "key", "must be lower-case letters, digits, '-' or '_' (max 64)")
            continue
        if key in seen:
            out.add(where, "key", f"{key!r} is used twice")
        seen.add(key)
        name = out.text(obj, "name", where)
        description = out.text(obj, "description", where)
        if not name and not description:
            out.add(where, "name", "give a name or, when it is unknown, a description")
        aliases_raw = obj.get("aliases", [])
        aliases: list[str] = []
        if not isinstance(aliases_raw, list):
            out.add(where, "aliases", "must be a list of spellings")
        else:
            for alias in aliases_raw:
                try:
                    aliases.append(clean_text(alias, MAX_TEXT))
                except ValueError as exc:
                    out.add(where, "aliases", message_of(exc))
        people.append(PersonRecord(key, name, aliases, description,
                                   out.text(obj, "notes", where, limit=MAX_LONG_TEXT),
                                   *_person_details(obj, where, out), _relations(obj, where, out)))
    _check_relatives(people, out)
    return people


def _check_relatives(people: list[PersonRecord], out: _Collector) -> None:
    keys = {p.key for p in people}
    for i, person in enumerate(people):
        for _kind, relative in person.relations:
            if relative not in keys or relative == person.key:
                out.add(f"people[{i}]", "relations", f"{shown(relative)} is not the key of another person")


def _person_details(obj: dict, where: str, out: _Collector) -> tuple[str | None, str | None, str | None]:
    birth = obj.get("birth_date")
    if birth is not None:
        try:
            when = When.parse(birth)
        except InvalidWhen as exc:
            out.add(where, "birth_date", message_of(exc))
            birth = None
        else:
            if when.precision is Precision.MINUTE:
                out.add(where, "birth_date", "give the day, month or year, without a time")
            birth = when.isoformat()
    return birth, out.code(obj, "sex", where, _codes(SEXES)), out.text(obj, "nationality", where, limit=200)


def _relations(obj: dict, where: str, out: _Collector) -> list[tuple[str, str]]:
    raw = obj.get("relations", [])
    if not isinstance(raw, list):
        out.add(where, "relations", "must be a list of {kind, relative}")
        return []
    found = []
    for i, item in enumerate(raw):
        here = f"{where}, relations[{i}]"
        if not isinstance(item, dict):
            out.add(here, "(relation)", "must be an object")
            continue
        out.unknown_keys(item, RELATION_KEYS, here, "a relation")
        kind = out.code(item, "kind", here, _codes(RELATIONS))
        relative = item.get("relative")
        if kind is None or not isinstance(relative, str):
            if kind is not None:
                out.add(here, "relative", "must be the key of another person")
            continue
        found.append((kind, relative))
    return found


def _parse_case(raw: Any, index: int, person_keys: set[str], now: datetime,
                out: _Collector) -> CaseRecord | None:
    if not isinstance(raw, dict):
        out.add(f"cases[{index}]", "(case)", "must be an object")
        return None
    reference = raw.get("reference")
    where = f"case {shown(reference, bare=True)}" if isinstance(reference, str) else f"cases[{index}]"
    out.unknown_keys(raw, CASE_KEYS, where, "a case")
    if not isinstance(reference, str) or not REFERENCE_PATTERN.fullmatch(reference):
        out.add(where, "reference", "must be 3-40 capital letters, digits or '-', e.g. KZ-2021-0007")
        reference = None
    flags = raw.get("victim_flags", [])
    if not isinstance(flags, list) or not all(isinstance(f, str) for f in flags) \
            or not set(flags) <= _codes(VICTIM_FLAGS):
        out.add(where, "victim_flags",
                f"must be a list of: {', '.join(sorted(_codes(VICTIM_FLAGS)))}")
        flags = []
    case = CaseRecord(
        reference=reference or "",
        title=out.text(raw, "title", where, limit=MAX_TITLE, required=True) or "",
        region=out.code(raw, "region", where, _codes(REGIONS)),
        city=out.text(raw, "city", where, limit=MAX_CITY),
        place_type=out.code(raw, "place_type", where, _codes(PLACE_TYPES)),
        perpetrator_agency=out.code(raw, "perpetrator_agency", where, _codes(BODIES)),
        victim_flags=sorted(set(flags)),
        incident=out.text(raw, "incident", where, limit=MAX_INCIDENT),
        summary=out.text(raw, "summary", where, limit=MAX_LONG_TEXT),
        summary_ru=out.text(raw, "summary_ru", where, limit=MAX_LONG_TEXT),
        summary_in_draft=_flag(raw, "summary_in_draft", where, out),
    )
    case.parties = _parse_parties(raw.get("parties", []), where, person_keys, out)
    events_raw = raw.get("events", [])
    if not isinstance(events_raw, list):
        out.add(where, "events", "must be a list")
        events_raw = []
    parsed = [_parse_event(raw_event, i, len(events_raw), where, now, out)
              for i, raw_event in enumerate(events_raw)]
    case.events = [e for e in parsed if e is not None]
    return case


def _flag(obj: dict, name: str, where: str, out: _Collector) -> bool:
    value = obj.get(name, False)
    if not isinstance(value, bool):
        out.add(where, name, "must be true or false")
        return False
    return value


def _parse_parties(raw: Any, where: str, person_keys: set[str],
                   out: _Collector) -> list[PartyRecord]:
    if not isinstance(raw, list):
        out.add(where, "parties", "must be a list")
        return []
    parties = []
    for i, obj in enumerate(raw):
        here = f"{where}, parties[{i}]"
        if not isinstance(obj, dict):
            out.add(here, "(party)", "must be an object")
            continue
        out.unknown_keys(obj, PARTY_KEYS, here, "a party")
        person = obj.get("person")
        if not isinstance(person, str) or person not in person_keys:
            out.add(here, "person", f"{shown(person)} is not a key in people")
            continue
        role = out.code(obj, "role", here, _codes(ROLES))
        if role is None:
            if obj.get("role") is None:
                out.add(here, "role", "is required")
            continue
        parties.append(PartyRecord(person, role, out.text(obj, "notes", here)))
    pairs = [(p.person, p.role) for p in parties]
    for pair in {p for p in pairs if pairs.count(p) > 1}:
        out.add(where, "parties", f"{pair[0]} appears twice as {pair[1]}")
    return parties


def _parse_event(raw: Any, index: int, count: int, case_where: str, now: datetime,
                 out: _Collector) -> EventRecord | None:
    where = f"{case_where}, event {index}"
    if not isinstance(raw, dict):
        out.add(where, "(event)", "must be an object")
        return None
    out.unknown_keys(raw, EVENT_KEYS, where, "an event")
    document = raw.get("document")
    document = {} if document is None else document
    if not isinstance(document, dict):
        out.add(where, "document", "must be an object with number and title")
        return None
    out.unknown_keys(document, EVENT_DOCUMENT_KEYS, f"{where}, document", "a document")
    fields = raw.get("fields")
    fields = {} if fields is None else fields
    type_name = raw.get("type")
    event_type = EVENT_TYPES_BY_NAME.get(type_name) if isinstance(type_name, str) else None
    refs = event_type.reference_fields() if event_type else frozenset()
    if isinstance(fields, dict):  # event references are indexes here, text to the validator
        fields = {k: str(v) if k in refs and type(v) is int else v for k, v in fields.items()}
    flat = {**raw, "fields": fields,
            "document_number": document.get("number"), "document_title": document.get("title")}
    problems = len(out.problems)
    try:
        event = clean_event(flat, now=now)
    except FieldErrors as exc:
        for name, reason in exc.errors.items():
            out.add(where, name.replace("document_", "document."), reason)
        event = None
    for name in sorted(refs & set(fields) if isinstance(fields, dict) else ()):
        target = fields[name]
        if type(raw["fields"].get(name)) is not int or not 0 <= int(target) < count or int(target) == index:
            out.add(where, f"fields.{name}", f"must be the index of another event of this case (0-{count - 1})")
        elif event is not None:
            event.fields[name] = int(target)
    if event is None or len(out.problems) > problems:
        return None
    return event


def dump_document(document: Document) -> dict[str, Any]:
    """The JSON-ready form of a document: the inverse of :func:`parse_document`."""
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "people": [_drop_empty({
            "key": p.key, "name": p.name, "aliases": p.aliases,
            "description": p.description, "notes": p.notes, "birth_date": p.birth_date, "sex": p.sex,
            "nationality": p.nationality,
            "relations": [{"kind": kind, "relative": relative} for kind, relative in p.relations],
        }) for p in document.people],
        "cases": [_dump_case(c) for c in document.cases],
    }


def _dump_case(case: CaseRecord) -> dict[str, Any]:
    return _drop_empty({
        "reference": case.reference,
        "title": case.title,
        "region": case.region,
        "city": case.city,
        "place_type": case.place_type,
        "perpetrator_agency": case.perpetrator_agency,
        "victim_flags": case.victim_flags,
        "incident": case.incident,
        "summary": case.summary,
        "summary_ru": case.summary_ru,
        "summary_in_draft": case.summary_in_draft or None,
        "parties": [_drop_empty({"person": p.person, "role": p.role, "notes": p.notes})
                    for p in case.parties],
        "events": [_drop_empty({
            "type": e.type,
            "at": e.at.isoformat(),
            "body": e.body,
            "document": _drop_empty({"number": e.document_number, "title": e.document_title}),
            "source": e.source,
            "notes": e.notes,
            "narrative": e.narrative,
            "narrative_ru": e.narrative_ru,
            "fields": e.fields,
        }) for e in case.events],
    })


def _drop_empty(obj: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in obj.items() if v not in (None, "", [], {})}
