"""Turn a submitted page form into typed answers, or into errors. No Flask here.

The form is a mapping from field name to the list of submitted values (a ``MultiDict``
behaves so through ``getlist``). Field names are the answer keys: the question id, or
``question.statement`` for a matrix row, ``question.other`` for the "please specify" text.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..questionnaire.model import (
    DEFAULT_SHORT_TEXT_LENGTH,
    DONT_KNOW_VALUE,
    OTHER_VALUE,
    Question,
)

_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # C0 and C1, but tab and newline
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


class FormData(Protocol):
    def getlist(self, key: str) -> list[str]: ...


@dataclass(frozen=True)
class AnswerError:
    """A problem with one answer; ``code`` selects the translated message."""

    key: str
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass
class PageResult:
    answers: dict[str, Any]
    errors: list[AnswerError]
    raw: dict[str, list[str]]
    """The values as typed, to show again next to an error."""

    @property
    def ok(self) -> bool:
        return not self.errors


def clean_text(value: str) -> str:
    """Normalise submitted text: Unix newlines, no control characters, NFC, trimmed."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", _CONTROL_CHARACTERS.sub("", value)).strip()


def parse_number(text: str) -> float | None:
    """Parse '12', '12.5' or '12,5' (a decimal comma, as in Finnish and Swedish)."""
    compact = text.replace(" ", "").replace("\u00a0", "").replace("\u202f", "").replace("\u2212", "-")
    if not _NUMBER.match(compact):
        return None
    return float(compact.replace(",", "."))


def text_limit(question: Question, deployment_limit: int) -> int:
    if question.type == "short_text":
        default = DEFAULT_SHORT_TEXT_LENGTH
        return min(question.max_length or default, deployment_limit)
    return min(question.max_length or deployment_limit, deployment_limit)


def read_question(
    question: Question, form: FormData, *, max_text_length: int, enforce_required: bool = True
) -> tuple[dict[str, Any], list[AnswerError], dict[str, list[str]]]:
    """Read one question's answers from the form."""
    raw = {key: [v for v in form.getlist(key)] for key in question.answer_keys()}
    answers: dict[str, Any] = {}
    errors: list[AnswerError] = []
    kind = question.type

    if kind in ("single_choice", "likert"):
        values = [v for v in raw.get(question.id, []) if v != ""]
        allowed = [str(v) for v in question.option_values()]
        other_text = clean_text(" ".join(raw.get(question.other_key, []))) if question.other else ""
        if not values and other_text:
            values = [OTHER_VALUE]  # typed into "please specify" without ticking "other"
        if len(values) > 1 or (values and values[0] not in allowed):
            errors.append(AnswerError(question.id, "invalid_choice"))
        elif values:
            answers[question.id] = _typed_choice(question, values[0])
        if question.other is not None and answers.get(question.id) == OTHER_VALUE:
            _read_other(question, other_text, answers, errors)

    elif kind == "multiple_choice":
        values = [v for v in raw.get(question.id, []) if v != ""]
        allowed = [str(v) for v in question.option_values()]
        other_text = clean_text(" ".join(raw.get(question.other_key, []))) if question.other else ""
        if other_text and OTHER_VALUE not in values:
            values.append(OTHER_VALUE)
        chosen = [v for v in allowed if v in values]  # questionnaire order, no duplicates
        if any(v not in allowed for v in values):
            errors.append(AnswerError(question.id, "invalid_choice"))
        elif question.max_choices and len(chosen) > question.max_choices:
            errors.append(AnswerError(question.id, "too_many_choices", {"max": question.max_choices}))
        elif chosen:
            answers[question.id] = chosen
            if question.other is not None and OTHER_VALUE in chosen:
                _read_other(question, other_text, answers, errors)

    elif kind == "matrix":
        allowed = [str(v) for v in question.option_values()]
        for statement in question.statements:
            key = question.statement_key(statement)
            values = [v for v in raw.get(key, []) if v != ""]
            if len(values) > 1 or (values and values[0] not in allowed):
                errors.append(AnswerError(key, "invalid_choice"))
            elif values:
                answers[key] = _typed_choice(question, values[0])

    elif kind == "number":
        text = clean_text(" ".join(raw.get(question.id, [])))
        if text:
            number = parse_number(text)
            if number is None:
                errors.append(AnswerError(question.id, "not_a_number"))
            elif question.integer and not number.is_integer():
                errors.append(AnswerError(question.id, "not_integer"))
            elif not (question.minimum <= number <= question.maximum):  # type: ignore[operator]
                errors.append(
                    AnswerError(
                        question.id,
                        "out_of_range",
                        {"min": _plain(question.minimum), "max": _plain(question.maximum)},
                    )
                )
            else:
                answers[question.id] = int(number) if question.integer else number

    else:  # short_text, long_text
        text = clean_text("\n".join(raw.get(question.id, [])))
        limit = text_limit(question, max_text_length)
        if len(text) > limit:
            errors.append(AnswerError(question.id, "too_long", {"max": limit, "length": len(text)}))
        elif text:
            answers[question.id] = text

    if enforce_required and question.required and not errors:
        missing = _missing_required(question, answers)
        if missing:
            errors.append(AnswerError(missing, "required_all" if question.type == "matrix" else "required"))
    return answers, errors, raw


def _missing_required(question: Question, answers: Mapping[str, Any]) -> str | None:
    """The first answer key that a required question still lacks."""
    for key in question.answer_keys():
        if key == question.other_key:
            continue
        if key not in answers:
            return key
    return None


def missing_required(question: Question, answers: Mapping[str, Any]) -> tuple[str, str] | None:
    """(answer key, error code) of the first answer this question still needs, if any."""
    if question.required:
        key = _missing_required(question, answers)
        if key is not None:
            return key, "required_all" if question.type == "matrix" else "required"
    chosen = answers.get(question.id)
    if question.other is not None and chosen is not None and OTHER_VALUE in (
        chosen if isinstance(chosen, list) else [chosen]
    ):
        if not answers.get(question.other_key):
            return question.other_key, "other_missing"
    return None


def _read_other(question: Question, text: str, answers: dict[str, Any], errors: list[AnswerError]) -> None:
    limit = DEFAULT_SHORT_TEXT_LENGTH
    if not text:
        errors.append(AnswerError(question.other_key, "other_missing"))
    elif len(text) > limit:
        errors.append(AnswerError(question.other_key, "too_long", {"max": limit, "length": len(text)}))
    else:
        answers[question.other_key] = text


def _typed_choice(question: Question, value: str) -> Any:
    if question.scale is not None and value != DONT_KNOW_VALUE:
        return int(value)
    return value


def _plain(number: float | None) -> int | float | None:
    if number is not None and float(number).is_integer():
        return int(number)
    return number
