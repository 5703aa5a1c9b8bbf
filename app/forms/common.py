"""Helpers shared by the forms."""

from __future__ import annotations

from collections.abc import Iterable

from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice

from app.procedure.vocabulary import Choice


def options(choices: Iterable[Choice], *, blank: str | None = "—") -> list[SelectChoice]:
    """Select options from a code list, with an empty first option unless blank is None."""
    head = [SelectChoice("", blank)] if blank is not None else []
    return head + [SelectChoice(c.code, c.label) for c in choices]


def pairs(items: Iterable[tuple[str, str]]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in items]


def code_select(label: str, choices: Iterable[Choice], *, blank: str | None = "—", **kwargs) -> SelectField:
    """A select of codes. The service checks the code, so the form does not: one validation
    path for forms, imports and the CLI, and one message style."""
    return SelectField(label, choices=options(choices, blank=blank), validate_choice=False, **kwargs)


def show_errors(form: FlaskForm, errors: dict[str, str], names: dict[str, str] | None = None) -> None:
    """Attach service errors to the form's fields (``names`` maps error keys to field names);
    errors with no matching field go to the form as a whole."""
    names = names or {}
    for key, message in errors.items():
        field = form._fields.get(names.get(key, key))
        if field is not None:
            field.errors = [*field.errors, message] if isinstance(field.errors, list) else [message]
        else:
            form.form_errors.append(f"{key}: {message}")
