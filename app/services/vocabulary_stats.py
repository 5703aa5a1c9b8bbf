"""Cases counted by HURIDOCS term, over the cases a user may see.

- methods of ill-treatment and type of detention: from the incident events' ``methods`` and
  ``detention`` fields;
- perpetrator and place types: from the case's own ``perpetrator_agency`` and ``place_type``
  codes, mapped to HURIDOCS codes by seed/vocabularies/mapping.json.

A case counts once per term however many incidents name it. Each term also counts the cases
of its narrower terms ("beating" includes "falanga"), so a broader line may exceed the sum
of its own count and none of the counts add up to the number of cases (a case can have
several methods). Three queries whatever the number of cases.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import N_
from app.models import Case, Event, User, VocabularyTerm
from app.procedure.vocabulary import CONTROLLED_VOCABULARIES_BY_NAME, term_codes
from app.services.access import case_visible
from app.services.vocabularies import depth, load_mapping, parent_of


@dataclass(frozen=True)
class Row:
    code: str
    label_en: str
    label_ru: str
    depth: int
    cases: int  # cases that record this very term
    with_narrower: int  # cases that record it or a narrower term
    known: bool = True  # False: a code the vocabulary does not have (imported from elsewhere)
    active: bool = True


@dataclass
class Table:
    key: str
    vocabulary: str
    title: str
    source: str
    micro_thesaurus: int = 0
    rows: list[Row] = field(default_factory=list)
    cases_with: int = 0  # cases with at least one code
    cases_without: int = 0  # cases with nothing recorded (not counting the unmapped)
    unmapped: dict[str, int] = field(default_factory=dict)  # case code without a HURIDOCS code -> cases


@dataclass
class Statistics:
    cases: int
    tables: list[Table]


SECTIONS = (
    ("methods", "methods_of_torture", N_("Methods of ill-treatment"), N_("the incidents' methods (HURIDOCS codes)")),
    ("detention", "detention_types", N_("Types of detention"), N_("the incidents' type of detention")),
    ("perpetrator", "perpetrator_types", N_("Types of perpetrators"),
     N_("the case's perpetrators' agency, mapped to HURIDOCS")),
    ("place", "place_types", N_("Types of places"), N_("the case's place of ill-treatment, mapped to HURIDOCS")),
)


def vocabulary_statistics(session: Session, user: User) -> Statistics:
    mapping = load_mapping()
    cases = session.execute(select(Case.id, Case.perpetrator_agency, Case.place_type).where(case_visible(user)))
    case_rows = list(cases)
    incidents = session.execute(select(Event.case_id, Event.fields).join(Case, Case.id == Event.case_id)
                                .where(Event.type == "incident", case_visible(user)))
    codes: dict[str, dict[int, set[str]]] = {key: defaultdict(set) for key, *_ in SECTIONS}
    for case_id, fields in incidents:
        for key in ("methods", "detention"):
            codes[key][case_id].update(term_codes((fields or {}).get(key)))
    unmapped: dict[str, dict[str, int]] = {"perpetrator": defaultdict(int), "place": defaultdict(int)}
    for case_id, agency, place in case_rows:
        for key, column, value in (("perpetrator", "perpetrator_agency", agency), ("place", "place_type", place)):
            if not value:
                continue
            code = mapping[column]["codes"].get(value)
            if code:
                codes[key][case_id].add(code)
            else:
                unmapped[key][value] += 1
    vocabularies = [vocabulary for _, vocabulary, *_ in SECTIONS]
    terms = {(t.vocabulary, t.code): t for t in session.scalars(
        select(VocabularyTerm).where(VocabularyTerm.vocabulary.in_(vocabularies)))}
    tables = []
    for key, vocabulary, title, source in SECTIONS:
        table = _table(key, vocabulary, title, source, codes[key], terms)
        table.unmapped = dict(sorted(unmapped.get(key, {}).items()))
        table.cases_without = len(case_rows) - table.cases_with - sum(table.unmapped.values())
        tables.append(table)
    return Statistics(cases=len(case_rows), tables=tables)


def _table(key: str, vocabulary: str, title: str, source: str, by_case: dict[int, set[str]],
           terms: dict[tuple[str, str], VocabularyTerm]) -> Table:
    own: dict[str, int] = defaultdict(int)
    broad: dict[str, int] = defaultdict(int)
    for case_codes in by_case.values():
        for code in case_codes:
            own[code] += 1
        for term_code in {broader for code in case_codes for broader in _self_and_broader(code)}:
            broad[term_code] += 1
    rows = []
    for code in sorted(broad):
        term = terms.get((vocabulary, code))
        rows.append(Row(code=code, label_en=term.label_en if term else "(not a term of this vocabulary)",
                        label_ru=term.label_ru if term else "", depth=depth(code), cases=own.get(code, 0),
                        with_narrower=broad[code], known=term is not None, active=term.active if term else False))
    return Table(key=key, vocabulary=vocabulary, title=title, source=source, rows=rows,
                 micro_thesaurus=CONTROLLED_VOCABULARIES_BY_NAME[vocabulary].micro_thesaurus,
                 cases_with=sum(1 for c in by_case.values() if c))


def _self_and_broader(code: str) -> list[str]:
    chain = [code]
    while (parent := parent_of(chain[-1])) is not None:
        chain.append(parent)
    return chain


CSV_HEADER = ["table", "vocabulary", "code", "label_en", "label_ru", "cases", "cases_with_narrower_terms"]


def csv_rows(statistics: Statistics) -> list[list[str | int]]:
    """The tables as CSV rows; the cases without a code (and unmapped case codes) get a line
    each, with an empty code, so that every number on the page is in the file."""
    rows: list[list[str | int]] = [CSV_HEADER]
    for table in statistics.tables:
        for row in table.rows:
            rows.append([table.key, table.vocabulary, row.code, row.label_en, row.label_ru, row.cases,
                         row.with_narrower])
        for value, count in table.unmapped.items():
            rows.append([table.key, table.vocabulary, "", f"not mapped: {value}", "", count, count])
        rows.append([table.key, table.vocabulary, "", "nothing recorded", "", table.cases_without,
                     table.cases_without])
    return rows
