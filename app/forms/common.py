"""Helpers shared by the forms."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from flask_babel import lazy_gettext
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice

from app.procedure.vocabulary import Choice
from app.wording import said


def options(choices: Iterable[Choice], *, blank: str | None = "—") -> list[SelectChoice]:
    """Select options from a code list, with an empty first option unless blank is None. The
    labels are domain text (in the catalog from app.domain_messages), translated when shown."""
    head = [SelectChoice("", blank)] if blank is not None else []
    return head + [SelectChoice(c.code, lazy_gettext(c.label) if c.label else c.label) for c in choices]


def pairs(items: Iterable[tuple[str, str]]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in items]


def code_select(label: str, choices: Iterable[Choice], *, blank: str | None = "—", **kwargs) -> SelectField:
    """A select of codes. The service checks the code, so the form does not: one validation
    path for forms, imports and the CLI, and one message style."""
    return SelectField(label, choices=options(choices, blank=blank), validate_choice=False, **kwargs)


def show_errors(form: FlaskForm, errors: Mapping[str, str], names: Mapping[str, str] | None = None,
                labels: Mapping[str, str] | None = None) -> None:
    """Attach service errors to the form's fields (``names`` maps error keys to field names),
    said in the interface's language (a domain Phrase, or text the catalogs know); errors with no
    matching field go to the form as a whole, after their field's label (``labels``, translated)
    when it is known, else after their key."""
    names = names or {}
    labels = labels or {}
    for key, message in errors.items():
        text = said(message)
        field = form._fields.get(names.get(key, key))
        if field is not None:
            field.errors = [*field.errors, text] if isinstance(field.errors, list) else [text]
        else:
            form.form_errors.append(f"{labels.get(key) or key}: {text}")
