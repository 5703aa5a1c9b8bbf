"""Filters and globals the templates use to show codes, dates and terms as words."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Flask, g

from app.procedure import vocabulary as v
from app.procedure.stage import STAGES

_LISTS = {
    "body": v.BODIES, "region": v.REGIONS, "place_type": v.PLACE_TYPES, "role": v.ROLES,
    "victim_flag": v.VICTIM_FLAGS, "appeal_forum": v.APPEAL_FORUMS,
}


def label(code: str | None, kind: str) -> str:
    return v.label_of(_LISTS[kind], code)


def event_label(type_name: str) -> str:
    event_type = v.EVENT_TYPES_BY_NAME.get(type_name)
    return event_type.label if event_type else type_name


def _term_labels(vocabulary: str) -> dict[str, str]:
    """A controlled vocabulary's labels, read once per request."""
    from app.extensions import db
    from app.services.vocabularies import terms

    cache = g.setdefault("term_labels", {})
    if vocabulary not in cache:
        cache[vocabulary] = {t.code: t.label_en for t in terms(db.session, vocabulary, active_only=False)}
    return cache[vocabulary]


def field_value(value, spec: v.Field) -> str:
    if spec.kind in (v.Kind.TERM, v.Kind.TERMS) and spec.vocabulary:
        labels = _term_labels(spec.vocabulary)
        return "; ".join(f"{code} {labels.get(code, '')}".strip() for code in v.term_codes(value))
    if spec.kind is v.Kind.BOOL:
        return "yes" if value else "no"
    if spec.choices:
        return v.label_of(spec.choices, value)
    return str(value)


def days_left(due: datetime | None, now: datetime) -> str:
    if due is None:
        return ""
    days = (due.date() - now.date()).days
    if days == 0:
        return "due today"
    return f"{days} day{'s' * (abs(days) != 1)} left" if days > 0 else f"{-days} day{'s' * (days != -1)} ago"


def due_text(moment: datetime | None) -> str:
    """A due moment as a lawyer writes it: the day for day terms, the minute for hour terms."""
    if moment is None:
        return "cannot be computed"
    if (moment.hour, moment.minute) == (23, 59):
        return moment.strftime("%a %d %b %Y")
    return moment.strftime("%a %d %b %Y %H:%M")


def utc(moment: datetime | None) -> str:
    """A stored timestamp in UTC whatever the database hands back (PostgreSQL: its own zone)."""
    if moment is None:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%d %H:%M") + " UTC"


FILTERS = {"utc": utc, "label": label, "event_label": event_label, "field_value": field_value, "days_left": days_left,
           "due": due_text}


def register(app: Flask) -> None:
    app.jinja_env.filters.update(FILTERS)
    app.jinja_env.globals.update(STAGES=STAGES, REGIONS=v.REGIONS, FAMILIES=v.FAMILIES,
                                 EVENT_TYPES=v.EVENT_TYPES, Kind=v.Kind)
