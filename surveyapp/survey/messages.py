"""Translated messages for answer errors (the codes come from ``answers``)."""
from __future__ import annotations

from flask_babel import format_decimal, ngettext
from flask_babel import lazy_gettext as _l

from .answers import AnswerError

_MESSAGES = {
    "required": _l("Answer this question."),
    "required_all": _l("Answer every statement."),
    "invalid_choice": _l("Choose one of the options shown."),
    "other_missing": _l("Tell us what you mean by “other”."),
    "not_a_number": _l("Enter a number, for example 12."),
    "not_integer": _l("Enter a whole number, without decimals."),
    "out_of_range": _l("Enter a number from %(min)s to %(max)s."),
    "too_long": _l("Shorten your answer to %(max)s characters or fewer. It now has %(length)s."),
}


def error_message(error: AnswerError) -> str:
    if error.code == "too_many_choices":
        return ngettext("Choose at most %(num)s option.", "Choose at most %(num)s options.", error.params["max"])
    message = _MESSAGES[error.code]
    if not error.params:
        return str(message)
    params = {k: format_decimal(v) if isinstance(v, (int, float)) else v for k, v in error.params.items()}
    return str(message) % params
