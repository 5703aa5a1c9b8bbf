"""The HURIDOCS controlled vocabularies: loading them from seed/vocabularies/*.json, reading
them for forms and statistics, and the admins' edits (add a term, correct its labels,
deactivate or reactivate it).

A term is never deleted: events keep the codes they were recorded with, so a term an admin
no longer wants is deactivated (new events cannot choose it; old ones keep it). Loading
upserts by (vocabulary, code) and leaves alone what only an admin can have done: terms no
file has (added here) and deactivations.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import VocabularyTerm
from app.procedure.vocabulary import (
    CONTROLLED_VOCABULARIES_BY_NAME,
    MAX_TERM_CODE,
    TERM_CODE,
    clean_text,
    message_of,
    shown,
)
from app.services.errors import Invalid

VOCABULARY_DIR = Path(__file__).resolve().parent.parent.parent / "seed" / "vocabularies"
MAPPING_FILE = "mapping.json"
MAX_LABEL = 300
POSITION_STEP = 100  # file terms sit 100 apart, so that terms added here slot in between


class VocabularyFileError(ValueError):
    """A vocabulary file is not in the form seed/vocabularies/README.md describes."""


@dataclass
class LoadReport:
    added: int = 0  # terms new to the database
    updated: int = 0  # labels, parent or place changed to the file's
    unchanged: int = 0
    kept_local: int = 0  # terms in the database that no file has (added by an admin): kept as they are
    kept_inactive: int = 0  # terms of the files an admin deactivated: kept inactive
    vocabularies: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{len(self.vocabularies)} vocabularies: {self.added} term(s) added, {self.updated} updated, "
                f"{self.unchanged} unchanged; kept {self.kept_local} term(s) added here and "
                f"{self.kept_inactive} deactivated here")


def read_vocabulary_files(directory: Path) -> list[dict[str, Any]]:
    """Every vocabulary file of ``directory`` (not the mapping), checked for its shape."""
    documents = []
    for path in sorted(Path(directory).glob("*.json")):
        if path.name == MAPPING_FILE:
            continue
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise VocabularyFileError(f"{path.name}: not readable JSON ({exc})") from None
        _check_document(path.name, document)
        documents.append(document)
    return documents


def _check_document(name: str, document: Any) -> None:
    if not isinstance(document, dict) or not isinstance(document.get("terms"), list):
        raise VocabularyFileError(f"{name}: expected an object with a list of terms")
    vocabulary = document.get("vocabulary")
    if vocabulary not in CONTROLLED_VOCABULARIES_BY_NAME:
        raise VocabularyFileError(f"{name}: {shown(vocabulary)} is not one of "
                                  f"{', '.join(CONTROLLED_VOCABULARIES_BY_NAME)}")
    codes = set()
    for index, term in enumerate(document["terms"]):
        where = f"{name}, term {index + 1}"
        if not isinstance(term, dict):
            raise VocabularyFileError(f"{where}: expected an object")
        code, parent = term.get("code"), term.get("parent")
        if not isinstance(code, str) or not TERM_CODE.fullmatch(code):
            raise VocabularyFileError(f"{where}: {shown(code)} is not a HURIDOCS code")
        if code in codes:
            raise VocabularyFileError(f"{where}: {code} appears twice")
        if parent is not None and parent not in codes:
            raise VocabularyFileError(f"{where}: its parent {shown(parent)} is not listed before it")
        for key in ("en", "ru"):
            label = term.get(key)
            if not isinstance(label, str) or not label.strip() or len(label) > MAX_LABEL:
                raise VocabularyFileError(f"{where}: {key!r} must be a text of 1 to {MAX_LABEL} characters")
        codes.add(code)


def load_vocabularies(session: Session, directory: Path = VOCABULARY_DIR, *,
                      update_labels: bool = True) -> LoadReport:
    """Upsert the terms of the files by (vocabulary, code). Running it twice changes nothing.

    The file is the reference for a term's labels, parent and place; ``update_labels=False``
    leaves the labels of existing terms as they are (an admin may have corrected them), so that
    `flask seed`, which every `make run` calls, never undoes an admin's correction. Activity is
    never changed for an existing term, and terms no file has are kept.
    """
    report = LoadReport()
    for document in read_vocabulary_files(directory):
        vocabulary = document["vocabulary"]
        report.vocabularies.append(vocabulary)
        existing = {t.code: t for t in session.scalars(select(VocabularyTerm)
                                                        .where(VocabularyTerm.vocabulary == vocabulary))}
        in_file = set()
        for index, item in enumerate(document["terms"]):
            code = item["code"]
            in_file.add(code)
            wanted = {"parent_code": item["parent"], "position": (index + 1) * POSITION_STEP}
            if update_labels or code not in existing:
                wanted |= {"label_en": item["en"].strip(), "label_ru": item["ru"].strip()}
            term = existing.get(code)
            if term is None:
                session.add(VocabularyTerm(vocabulary=vocabulary, code=code, active=True, **wanted))
                report.added += 1
                continue
            changed = {k: v for k, v in wanted.items() if getattr(term, k) != v}
            for key, value in changed.items():
                setattr(term, key, value)
            report.updated += bool(changed)
            report.unchanged += not changed
            report.kept_inactive += not term.active
        report.kept_local += len(set(existing) - in_file)
    session.flush()
    return report


def vocabulary_or_invalid(name: Any) -> str:
    if name not in CONTROLLED_VOCABULARIES_BY_NAME:
        raise Invalid({"vocabulary": _("%(name)s is not a vocabulary of this installation", name=shown(name))})
    return name


def terms(session: Session, vocabulary: str, active_only: bool = True) -> list[VocabularyTerm]:
    """The terms of one vocabulary in their order (the files' code order)."""
    return terms_by_vocabulary(session, [vocabulary], active_only=active_only)[vocabulary]


def terms_by_vocabulary(session: Session, vocabularies: Iterable[str],
                        active_only: bool = True) -> dict[str, list[VocabularyTerm]]:
    """The terms of several vocabularies in one query, each list in order."""
    names = list(dict.fromkeys(vocabularies))
    result: dict[str, list[VocabularyTerm]] = {name: [] for name in names}
    if not names:
        return result
    query = select(VocabularyTerm).where(VocabularyTerm.vocabulary.in_(names))
    if active_only:
        query = query.where(VocabularyTerm.active.is_(True))
    for term in session.scalars(query.order_by(VocabularyTerm.position, VocabularyTerm.code)):
        result[term.vocabulary].append(term)
    return result


def known_codes(session: Session, vocabulary: str) -> dict[str, bool]:
    """Every code of a vocabulary and whether it is active (an event may choose it)."""
    rows = session.execute(select(VocabularyTerm.code, VocabularyTerm.active)
                           .where(VocabularyTerm.vocabulary == vocabulary))
    return {code: active for code, active in rows}


def vocabulary_sizes(session: Session) -> dict[str, tuple[int, int]]:
    """(active, all) terms per vocabulary, for the admins' list."""
    rows = session.execute(select(VocabularyTerm.vocabulary, VocabularyTerm.active, func.count())
                           .group_by(VocabularyTerm.vocabulary, VocabularyTerm.active))
    sizes = {name: [0, 0] for name in CONTROLLED_VOCABULARIES_BY_NAME}
    for vocabulary, active, count in rows:
        size = sizes.setdefault(vocabulary, [0, 0])
        size[0] += count if active else 0
        size[1] += count
    return {name: (size[0], size[1]) for name, size in sizes.items()}


def depth(code: str) -> int:
    """1 for a top term ("03"), 2 for "03.01", …"""
    return code.count(".") + 1


def parent_of(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


def _labels(label_en: Any, label_ru: Any) -> tuple[dict[str, str], dict[str, str]]:
    cleaned, errors = {}, {}
    for name, value in (("label_en", label_en), ("label_ru", label_ru)):
        try:
            text = clean_text(value if value is not None else "", MAX_LABEL)
        except ValueError as exc:
            errors[name] = message_of(exc)
            continue
        if "\n" in text or "\t" in text:
            errors[name] = _("must be one line")
        elif not text:
            errors[name] = (_("is required: the English label") if name == "label_en" else
                            _("is required: the Russian label (write the English one again if none is known)"))
        else:
            cleaned[name] = text
    return cleaned, errors


def add_term(session: Session, vocabulary: Any, code: Any, label_en: Any, label_ru: Any) -> VocabularyTerm:
    """A term of this installation, placed after its broader term and the terms before it."""
    errors: dict[str, str] = {}
    try:
        vocabulary = vocabulary_or_invalid(vocabulary)
    except Invalid as exc:
        errors.update(exc.errors)
    code = code.strip() if isinstance(code, str) else ""
    labels, label_errors = _labels(label_en, label_ru)
    errors.update(label_errors)
    if not code:
        errors["code"] = _("is required: a HURIDOCS-style code, e.g. 03.01.90")
    elif len(code) > MAX_TERM_CODE or not TERM_CODE.fullmatch(code):
        errors["code"] = _("%(code)s is not a code of the HURIDOCS form: two digits per level, dotted, "
                           "at most six levels (e.g. 03.01.90)", code=shown(code))
    elif "vocabulary" not in errors:
        known = {t.code: t for t in terms(session, vocabulary, active_only=False)}
        parent = parent_of(code)
        if code in known:
            term = known[code]
            errors["code"] = (_("%(code)s is already a term of this vocabulary (%(label)s)", code=code,
                                label=term.label_en) if term.active else
                              _("%(code)s is already a term of this vocabulary (%(label)s); it is deactivated: "
                                "reactivate it instead", code=code, label=term.label_en))
        elif parent and parent not in known:
            errors["code"] = _("its broader term %(parent)s is not in this vocabulary: add %(parent)s first",
                                 parent=parent)
    if errors:
        raise Invalid(errors)
    before = [t for t in known.values() if t.code < code]
    position = max((t.position for t in before), default=0) + 1
    term = VocabularyTerm(vocabulary=vocabulary, code=code, parent_code=parent_of(code), active=True,
                          position=position, **labels)
    session.add(term)
    session.flush()
    return term


def update_term(session: Session, term: VocabularyTerm, label_en: Any, label_ru: Any) -> VocabularyTerm:
    """Correct a term's labels; its code, which events store, never changes."""
    labels, errors = _labels(label_en, label_ru)
    if errors:
        raise Invalid(errors)
    if term.label_en == labels["label_en"] and term.label_ru == labels["label_ru"]:
        raise Invalid({"label_en": _("nothing was changed")})
    term.label_en, term.label_ru = labels["label_en"], labels["label_ru"]
    session.flush()
    return term


def set_active(session: Session, term: VocabularyTerm, active: bool) -> VocabularyTerm:
    """Deactivate (new events can no longer choose it; recorded ones keep it) or reactivate."""
    if term.active == active:
        raise Invalid({"active": _("%(code)s is already active", code=term.code) if active else
                       _("%(code)s is already deactivated", code=term.code)})
    term.active = active
    session.flush()
    return term


def load_mapping(directory: Path = VOCABULARY_DIR) -> dict[str, dict[str, Any]]:
    """seed/vocabularies/mapping.json: the case's own codes (``place_type``,
    ``perpetrator_agency``) → a HURIDOCS vocabulary and code."""
    document = json.loads((Path(directory) / MAPPING_FILE).read_text(encoding="utf-8"))
    return {name: document[name] for name in ("place_type", "perpetrator_agency")}
