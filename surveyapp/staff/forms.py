"""Staff forms (WTForms through Flask-WTF, so every form carries a CSRF token)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    DateField,
    EmailField,
    IntegerField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=500)])


class TotpForm(FlaskForm):
    code = StringField(_l("Six-digit code from your authenticator app"), validators=[DataRequired(), Length(max=12)])


class UploadForm(FlaskForm):
    file = FileField(_l("Questionnaire file (YAML)"), validators=[FileRequired()])


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class CampaignForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    questionnaire = SelectField(_l("Questionnaire"), coerce=int, validators=[DataRequired()])
    languages = MultiCheckboxField(_l("Languages"), validators=[DataRequired()])
    default_language = SelectField(_l("Default language"))
    area = StringField(_l("Area"), validators=[Optional(), Length(max=200)])
    schools = TextAreaField(_l("Schools, one per line"), validators=[Optional(), Length(max=5000)])
    opens_on = DateField(_l("Opens on"), validators=[Optional()])
    closes_on = DateField(_l("Closes on"), validators=[Optional()])
    target_responses = IntegerField(_l("Target number of responses"), validators=[Optional(), NumberRange(1, 10**6)])
    retain_until = DateField(_l("Delete the answers after"), validators=[Optional()])


class EraseForm(FlaskForm):
    receipt = StringField(_l("Receipt code"), validators=[DataRequired(), Length(max=40)])


class ActionForm(FlaskForm):
    """Only a CSRF token: for buttons that change a campaign's status."""
