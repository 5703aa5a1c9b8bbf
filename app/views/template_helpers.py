"""Filters and globals the templates use to show codes as words."""

from __future__ import annotations

from flask import Flask

from app.procedure import vocabulary as v
from app.procedure.stage import STAGES

_LISTS = {
    "body": v.BODIES, "region": v.REGIONS, "place_type": v.PLACE_TYPES, "role": v.ROLES,
    "victim_flag": v.VICTIM_FLAGS, "appeal_forum": v.APPEAL_FORUMS,
}


def register(app: Flask) -> None:
    @app.template_filter("label")
    def label(code: str | None, kind: str) -> str:
        return v.label_of(_LISTS[kind], code)

    @app.template_filter("event_label")
    def event_label(type_name: str) -> str:
        event_type = v.EVENT_TYPES_BY_NAME.get(type_name)
        return event_type.label if event_type else type_name

    @app.template_filter("field_value")
    def field_value(value, spec: v.Field) -> str:
        if spec.kind is v.Kind.BOOL:
            return "yes" if value else "no"
        if spec.choices:
            return v.label_of(spec.choices, value)
        return str(value)

    @app.template_filter("reject_page")
    def reject_page(args: dict) -> dict:
        return {k: v for k, v in args.items() if k != "page"}

    app.jinja_env.globals.update(STAGES=STAGES, REGIONS=v.REGIONS, FAMILIES=v.FAMILIES,
                                 EVENT_TYPES=v.EVENT_TYPES, Kind=v.Kind)
