from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, SelectMultipleField, StringField, TextAreaField, widgets

from app.forms.common import code_select, options, pairs
from app.procedure.vocabulary import BODIES, PLACE_TYPES, REGIONS, ROLES, VICTIM_FLAGS


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class CaseForm(FlaskForm):
    reference = StringField("Reference", description="e.g. KZ-2024-0012; cannot be changed later")
    title = StringField("Title")
    region = code_select("Region", REGIONS)
    city = StringField("City or district")
    place_type = code_select("Where the ill-treatment happened", PLACE_TYPES)
    perpetrator_agency = code_select("Alleged perpetrators' agency", BODIES)
    victim_flags = MultiCheckboxField("Victim", choices=options(VICTIM_FLAGS, blank=None))
    incident = StringField("Shared incident", description="links group cases, e.g. january-2022")
    summary = TextAreaField("Summary")
    version = HiddenField()


class PartyForm(FlaskForm):
    role = code_select("Role in this case", ROLES, blank=None)
    person_id = SelectField("Person", choices=pairs([("", "— a new person —")]), validate_choice=False)
    name = StringField("Name")
    description = StringField("Description (when the name is unknown)")
    aliases = TextAreaField("Other spellings, one per line")
    notes = StringField("Notes on this role")


class PersonForm(FlaskForm):
    name = StringField("Name")
    description = StringField("Description (when the name is unknown)")
    aliases = TextAreaField("Other spellings, one per line")
    notes = TextAreaField("Notes")
    version = HiddenField()
