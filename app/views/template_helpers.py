"""Filters and globals the templates use to show codes, dates and terms as words."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Flask, g
from flask_babel import format_decimal, format_number, get_locale, gettext, ngettext

from app.procedure import vocabulary as v
from app.procedure.law import RULES_BY_ID
from app.procedure.redress_summary import mci
from app.procedure.results import BASIS_WORDS, STATUS_WORDS, Basis, Status
from app.procedure.stage import STAGES
from app.wording import day, due_text, said

_LISTS = {
    "body": v.BODIES, "region": v.REGIONS, "place_type": v.PLACE_TYPES, "role": v.ROLES,
    "victim_flag": v.VICTIM_FLAGS, "appeal_forum": v.APPEAL_FORUMS, "sex": v.SEXES, "relation": v.RELATIONS,
    "committee": v.COMMITTEES, "remedy": v.REMEDIES, "remedy_status": v.IMPLEMENTATION_STATUSES,
    "direction": v.EVENT_TYPES_BY_NAME["un_correspondence"].field("direction").choices,
}


def tr(text: str | None) -> str:
    """Domain text (a rule's title, a stage, a label) in the interface language; the
    catalog gets it from app.domain_messages."""
    return gettext(text) if text else ""


def label(code: str | None, kind: str) -> str:
    return tr(v.label_of(_LISTS[kind], code))


def event_label(type_name: str) -> str:
    event_type = v.EVENT_TYPES_BY_NAME.get(type_name)
    return tr(event_type.label) if event_type else type_name


def term_language() -> str:
    """HURIDOCS terms carry English and Russian labels: Russian for the Russian and Kazakh
    interfaces (the coalition's lawyers read Russian), English otherwise."""
    return "ru" if str(get_locale()) in ("ru", "kk") else "en"


def _term_labels(vocabulary: str) -> dict[str, str]:
    """A controlled vocabulary's labels, read once per request."""
    from app.extensions import db
    from app.services.vocabularies import terms

    cache = g.setdefault("term_labels", {})
    if vocabulary not in cache:
        language = term_language()
        cache[vocabulary] = {t.code: t.label(language) for t in terms(db.session, vocabulary, active_only=False)}
    return cache[vocabulary]


def field_value(value, spec: v.Field) -> str:
    if spec.kind in (v.Kind.TERM, v.Kind.TERMS) and spec.vocabulary:
        labels = _term_labels(spec.vocabulary)
        return "; ".join(f"{code} {labels.get(code, '')}".strip() for code in v.term_codes(value))
    if spec.kind is v.Kind.BOOL:
        return gettext("yes") if value else gettext("no")
    if spec.kind is v.Kind.CHOICES:
        return "; ".join(tr(v.label_of(spec.choices, code)) for code in v.term_codes(value))
    if spec.choices:
        return tr(v.label_of(spec.choices, value))
    return str(value)


def days_left(due: datetime | None, now: datetime) -> str:
    if due is None:
        return ""
    days = (due.date() - now.date()).days
    if days == 0:
        return gettext("due today")
    if days > 0:
        return ngettext("%(num)d day left", "%(num)d days left", days)
    return ngettext("%(num)d day ago", "%(num)d days ago", -days)


def utc(moment: datetime | None) -> str:
    """A stored timestamp in UTC whatever the database hands back (PostgreSQL: its own zone)."""
    if moment is None:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%d %H:%M") + " UTC"


def status_words(status: str) -> str:
    """A deadline's status in words: "passed, nothing recorded", not "not-recorded"."""
    return tr(STATUS_WORDS.get(Status(status), status)) if status in Status._value2member_map_ else status


def basis_words(basis: str) -> str:
    """What a red flag rests on, in words: "recorded breach" or "nothing recorded"."""
    return tr(BASIS_WORDS[Basis(basis)]) if basis in Basis._value2member_map_ else basis


def mci_text(event) -> str | None:
    """An amount in MCI to one decimal, rounded down (a shortfall never reads as the minimum), in the
    interface's number format; None when the record gives neither MCI nor a tenge amount of a known year."""
    value = mci(event)
    return None if value is None else format_decimal(int(value * 10) / 10, format="#,##0.0")


def un_stage_words() -> dict[str, str]:
    """A UN communication's stages (app.procedure.un_file.Stage) in the interface language."""
    return {"submitted": gettext("Submitted"), "registered": gettext("Registered"),
            "observations": gettext("State observations"), "comments": gettext("Comments"),
            "decided": gettext("Decided"), "follow_up": gettext("Follow-up"), "closed": gettext("Closed")}


def due_words(moment: datetime | None, in_hours: bool = False) -> str:
    return due_text(moment, in_hours=in_hours)


FILTERS = {"utc": utc, "status_words": status_words, "basis_words": basis_words, "tr": tr, "say": said, "day": day,
           "number": format_number, "label": label,
           "event_label": event_label, "field_value": field_value, "days_left": days_left, "due": due_words,
           "mci": mci_text}


def register(app: Flask) -> None:
    app.jinja_env.filters.update(FILTERS)
    app.jinja_env.globals.update(RULES_BY_ID=RULES_BY_ID, STAGES=STAGES, REGIONS=v.REGIONS, FAMILIES=v.FAMILIES,
                                 EVENT_TYPES=v.EVENT_TYPES, EVENT_TYPES_BY_NAME=v.EVENT_TYPES_BY_NAME,
                                 un_stage_words=un_stage_words,
                                 Kind=v.Kind)
