from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, SelectMultipleField, StringField, TextAreaField, widgets

from app.forms.common import code_select, options, pairs
from app.procedure.vocabulary import BODIES, PLACE_TYPES, REGIONS, RELATIONS, ROLES, SEXES, VICTIM_FLAGS


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
    summary_ru = TextAreaField(_l("Summary in Russian"), description=_l("for a Russian communication"))
    summary_in_draft = BooleanField(_l("A communication's facts open with this summary"))
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
    aliases = TextAreaField(_l("Other spellings, one per line"),
                            description=_l("the spelling in Cyrillic is the one a Russian communication uses"))
    notes = TextAreaField(_l("Notes"))
    birth_date = StringField(_l("Date of birth"), description=_l("YYYY, YYYY-MM or YYYY-MM-DD: only as precise as "
                                                                 "the record"))
    sex = SelectField(_l("Sex"), choices=options(SEXES), validate_choice=False)
    nationality = StringField(_l("Nationality"))
    address = TextAreaField(_l("Address for correspondence"), description=_l("kept encrypted; shown only to those "
                                                                            "who may see the person's cases"))
    phone = StringField(_l("Telephone"))
    email = StringField(_l("E-mail"))
    version = HiddenField()


class RelationForm(FlaskForm):
    kind = SelectField(_l("is the"), choices=options(RELATIONS))
    relative_id = SelectField(_l("of"), choices=[], validate_choice=False)
