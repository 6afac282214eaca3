"""Facilitator forms (Flask-WTF: each carries a CSRF token)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ..staff.forms import MultiCheckboxField
from .workshops import MAX_GROUPS


class WorkshopForm(FlaskForm):
    name = StringField(_l("Name of the workshop"), validators=[DataRequired(), Length(max=200)])
    language = SelectField(_l("Language of the workshop"))
    held_on = DateField(_l("Date of the workshop"), validators=[Optional()])
    campaigns = MultiCheckboxField(_l("Campaigns whose findings are presented"), coerce=int, validators=[Optional()])
    families = MultiCheckboxField(_l("Themes to present"), validators=[Optional()])
    prompts = TextAreaField(_l("Questions for the groups, one per line"), validators=[Optional(), Length(max=2500)])
    groups = IntegerField(_l("Number of groups"), default=6, validators=[DataRequired(), NumberRange(1, MAX_GROUPS)])
    dots = IntegerField(_l("Dots per participant in the vote"), default=3, validators=[DataRequired(), NumberRange(1, 20)])
    threshold_unit = RadioField(_l("Absence thresholds are given as"), default="share")

    def set_choices(self) -> None:
        """Choices are set on the bound form (WTForms warns about tuples given at class level)."""
        self.language.choices = [("fi", "Suomi"), ("sv", "Svenska"), ("en", "English")]
        self.threshold_unit.choices = [("share", _l("as a share of school time (%)")), ("hours", _l("in hours of absence"))]


class PhaseForm(FlaskForm):
    minutes = IntegerField(_l("Length of the gallery walk (minutes)"), default=20, validators=[Optional(), NumberRange(1, 120)])


class ProposalForm(FlaskForm):
    text = TextAreaField(_l("A proposal of your own"), validators=[Optional(), Length(max=500)])


class MergeForm(FlaskForm):
    source = SelectField(_l("Merge this proposal"), coerce=int)
    target = SelectField(_l("into this one"), coerce=int)
