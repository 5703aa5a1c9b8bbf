"""Event forms built from the vocabulary: each type's form shows exactly its fields."""

from __future__ import annotations

import re
from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field as FormField
from wtforms import HiddenField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import Choice

from app.extensions import db
from app.forms.cases import MultiCheckboxField
from app.forms.common import code_select, pairs
from app.models import Event, VocabularyTerm
from app.procedure.vocabulary import BODIES, EventType, Field, Kind, term_codes
from app.services.vocabularies import depth, terms_by_vocabulary

WHEN_HELP = _l("YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM (Almaty time) — only as precise as the record")
PREFIX = "f_"
_BOOL_OPTIONS = (("", _l("not known")), ("yes", _l("yes")), ("no", _l("no")))


def tr(text: str | None) -> str:
    """Domain text of the vocabulary (a field's label, hint, an event type's label) in the
    interface language: the catalog has it from app.domain_messages."""
    return gettext(text) if text else ""


class EventFormBase(FlaskForm):
    """Common fields; the type's own fields are added by :func:`event_form_class`."""

    at = StringField(_l("When"), description=WHEN_HELP)
    body = code_select(_l("Who acted"), BODIES)
    document_number = StringField(_l("Document number"))
    document_title = StringField(_l("Document title"))
    source = StringField(_l("Source"), description=_l("document and paragraph, or \"lawyer's file\""))
    notes = TextAreaField(_l("Notes"))
    narrative = TextAreaField(_l("For a communication: how its facts tell this event (English)"),
                              description=_l("written as counsel would sign it; without it the draft says the event "
                                             "in one plain sentence"))
    narrative_ru = TextAreaField(_l("For a communication: the same in Russian"),
                                 description=_l("a Russian draft prints no English: without this text it lists the "
                                                "event as still to be written in Russian"))
    reason = TextAreaField(_l("Why is this event corrected?"))
    also_cases = MultiCheckboxField(_l("Record the same event in the linked cases too"),
                                    choices=[], validate_choice=False)
    version = HiddenField()


def term_label(term: VocabularyTerm) -> str:
    """ "03.01 Beating · Избиение", indented by the term's level so the list reads as a tree."""
    russian = f" · {term.label_ru}" if term.label_ru and term.label_ru != term.label_en else ""
    return "\u2003" * (depth(term.code) - 1) + f"{term.code} {term.label_en}{russian}"


class _Retained:
    """Codes the field holds that are not among its choices (deactivated since, or imported from
    elsewhere) are still shown, selected, so that saving the form never drops them unseen."""

    def __init__(self, *args, retired: dict[str, str] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.retired = retired or {}

    def iter_choices(self):
        choices = list(super().iter_choices())
        offered = {c.value for c in choices}
        extra = [code for code in term_codes(self.data) if code and code not in offered]
        return choices + [Choice(value=code, label=gettext("%(term)s (no longer in the list)",
                                                           term=self.retired.get(code, code)),
                                 selected=True, render_kw={}) for code in extra]


class TermsField(_Retained, SelectMultipleField):
    """Several codes of a controlled vocabulary."""


class TermField(_Retained, SelectField):
    """One code of a controlled vocabulary."""


def _term_field(spec: Field, label: str, vocabulary: list[VocabularyTerm]) -> FormField:
    active = [t for t in vocabulary if t.active]
    retired = {t.code: term_label(t).strip() for t in vocabulary if not t.active}
    hint = tr(spec.hint) if active else (tr(spec.hint) + " " + gettext("The list is empty: an admin loads it with "
                                                                     "`flask vocabularies load`."))
    options = pairs((t.code, term_label(t)) for t in active)
    if spec.kind is Kind.TERMS:
        return TermsField(label, choices=options, validate_choice=False, retired=retired, description=hint,
                          render_kw={"size": min(12, max(len(options), 2))})
    return TermField(label, choices=pairs([("", "—")]) + options, validate_choice=False, retired=retired,
                     description=hint)


def _form_field(spec: Field, case_events: list[Event],
                vocabularies: dict[str, list[VocabularyTerm]] | None = None) -> FormField:
    label = tr(spec.label) + (" *" if spec.required else "")
    if spec.kind in (Kind.TERM, Kind.TERMS):
        return _term_field(spec, label, (vocabularies or {}).get(spec.vocabulary or "", []))
    if spec.kind is Kind.LONG_TEXT:
        return TextAreaField(label)
    if spec.kind is Kind.BOOL:
        return SelectField(label, choices=pairs(_BOOL_OPTIONS), validate_choice=False)
    if spec.kind is Kind.CHOICE:
        return code_select(label, spec.choices)
    if spec.kind is Kind.CHOICES:
        return MultiCheckboxField(label, choices=pairs((c.code, tr(c.label)) for c in spec.choices),
                                  validate_choice=False, description=tr(spec.hint) if spec.hint else None)
    if spec.kind is Kind.EVENT:
        return SelectField(label, validate_choice=False, choices=pairs([("", "—")] + [
            (e.uid, f"{e.when} · {tr(e.event_type.label)}") for e in case_events]))
    if spec.kind is Kind.WHEN:
        return StringField(label, description=WHEN_HELP)
    if spec.kind is Kind.AMOUNT:
        return StringField(label, description=gettext("a number without thousands separators, "
                                                      "e.g. 2000000 or 2 000 000"))
    return StringField(label)


def event_form_class(event_type: EventType, case_events: list[Event]) -> type[EventFormBase]:
    """The type's form; the choices of its controlled-vocabulary fields are read from the
    database (one query), active terms only, labelled in English and Russian with the code."""
    names = [spec.vocabulary for spec in event_type.fields if spec.vocabulary]
    vocabularies = terms_by_vocabulary(db.session, names, active_only=False) if names else {}
    attrs = {PREFIX + spec.name: _form_field(spec, case_events, vocabularies) for spec in event_type.fields}
    return type(f"{event_type.name.title()}Form", (EventFormBase,), attrs)


def form_to_raw(form: EventFormBase, event_type: EventType) -> dict[str, Any]:
    """The form's values in the shape app.procedure.event_input validates."""
    fields: dict[str, Any] = {}
    for spec in event_type.fields:
        value = form[PREFIX + spec.name].data
        if value in (None, "", []):
            continue
        if spec.kind is Kind.BOOL:
            value = value == "yes"
        elif spec.kind is Kind.AMOUNT:
            value = _number(value)
        fields[spec.name] = value
    return {
        "type": event_type.name,
        "at": form.at.data,
        "body": form.body.data or None,
        "document_number": form.document_number.data,
        "document_title": form.document_title.data,
        "source": form.source.data,
        "notes": form.notes.data,
        "narrative": form.narrative.data,
        "narrative_ru": form.narrative_ru.data,
        "fields": fields,
    }


_NUMBER = re.compile(r"\d+(?:[.,]\d{1,2})?")


def _number(text: str) -> Any:
    """'91890', '91 890', '2.5' or '2,5'; '1,000' is refused as ambiguous (a thousands separator
    or a decimal comma?) rather than stored as 1. Anything else goes to the validator as text."""
    cleaned = text.replace(" ", "").replace("\u00a0", "")
    if not _NUMBER.fullmatch(cleaned):
        return text  # the validator names it: "must be a number"
    number = float(cleaned.replace(",", "."))
    return int(number) if number.is_integer() else number


def fill_from_event(form: EventFormBase, event: Event) -> None:
    form.at.data = event.when.isoformat()
    form.body.data = event.body or ""
    form.document_number.data = event.document_number
    form.document_title.data = event.document_title
    form.source.data = event.source
    form.notes.data = event.notes
    form.narrative.data = event.narrative
    form.narrative_ru.data = event.narrative_ru
    form.version.data = str(event.version)
    for spec in event.event_type.fields:
        value = (event.fields or {}).get(spec.name)
        if spec.kind is Kind.BOOL and value is not None:
            value = "yes" if value else "no"
        if spec.kind in (Kind.TERMS, Kind.CHOICES):
            form[PREFIX + spec.name].data = term_codes(value)
            continue
        form[PREFIX + spec.name].data = "" if value is None else str(value)


def error_field_names(event_type: EventType) -> dict[str, str]:
    """Service error keys (``fields.to_body``) mapped to form field names (``f_to_body``)."""
    return {f"fields.{spec.name}": PREFIX + spec.name for spec in event_type.fields}


def error_labels(event_type: EventType) -> dict[str, str]:
    """What an error shown at the top of the form is about, for keys the form has no field for:
    the event's type and its own fields, in the interface language."""
    return {"type": gettext("Type"), **{f"fields.{spec.name}": tr(spec.label) for spec in event_type.fields}}


class RetractForm(FlaskForm):
    """Taking an event back needs a reason, like any correction."""

    reason = TextAreaField(_l("Why is this event retracted?"))
    version = HiddenField()
