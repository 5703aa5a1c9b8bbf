from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, SelectMultipleField, StringField, TextAreaField, widgets

from app.forms.common import code_select, options, pairs
from app.procedure.vocabulary import BODIES, PLACE_TYPES, REGIONS, ROLES, VICTIM_FLAGS


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class CaseForm(FlaskForm):
    reference = StringField(_l("Reference"), description=_l("e.g. KZ-2024-0012; cannot be changed later"))
    title = StringField(_l("Title"))
    region = code_select(_l("Region"), REGIONS)
    city = StringField(_l("City or district"))
    place_type = code_select(_l("Where the ill-treatment happened"), PLACE_TYPES)
    perpetrator_agency = code_select(_l("Alleged perpetrators' agency"), BODIES)
    victim_flags = MultiCheckboxField(_l("Victim"), choices=options(VICTIM_FLAGS, blank=None))
    incident = StringField(_l("Shared incident"), description=_l("links group cases, e.g. january-2022"))
    summary = TextAreaField(_l("Summary"))
    version = HiddenField()


class PartyForm(FlaskForm):
    role = code_select(_l("Role in this case"), ROLES, blank=None)
    person_id = SelectField(_l("Person"), choices=pairs([("", _l("— a new person —"))]), validate_choice=False)
    name = StringField(_l("Name"))
    description = StringField(_l("Description (when the name is unknown)"))
    aliases = TextAreaField(_l("Other spellings, one per line"))
    notes = StringField(_l("Notes on this role"))


class PersonForm(FlaskForm):
    name = StringField(_l("Name"))
    description = StringField(_l("Description (when the name is unknown)"))
    aliases = TextAreaField(_l("Other spellings, one per line"))
    notes = TextAreaField(_l("Notes"))
    version = HiddenField()
