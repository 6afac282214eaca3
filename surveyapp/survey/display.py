"""Answers as a respondent reads them back on the review page. No Flask here."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..questionnaire.model import DONT_KNOW_VALUE, OTHER_VALUE, Question

Translate = Callable[[Mapping[str, str] | None], str]


def _choice_label(question: Question, value: Any, t: Translate) -> str:
    if value == OTHER_VALUE and question.other is not None:
        return t(question.other)
    if value == DONT_KNOW_VALUE and question.scale is not None:
        return t(question.scale.dont_know)
    for option in question.options:
        if option.value == value:
            return t(option.label)
    if question.scale is not None:
        for point in question.scale.points:
            if point.value == value:
                return t(point.label)
    return str(value)


def displayed_answers(
    question: Question,
    answers: Mapping[str, Any],
    t: Translate,
    *,
    format_number: Callable[[float | int], str] = str,
) -> list[tuple[str | None, str]]:
    """(sub-label or None, answer text) rows; empty when the question was left unanswered."""
    rows: list[tuple[str | None, str]] = []
    if question.type == "matrix":
        for statement in question.statements:
            key = question.statement_key(statement)
            if key in answers:
                rows.append((t(statement.text), _choice_label(question, answers[key], t)))
        return rows
    if question.id not in answers:
        return rows
    value = answers[question.id]
    if question.type == "multiple_choice":
        labels = [_choice_label(question, v, t) for v in value]
        rows.extend((None, label) for label in labels)
    elif question.type in ("single_choice", "likert"):
        rows.append((None, _choice_label(question, value, t)))
    elif question.type == "number":
        unit = f" {t(question.unit)}" if question.unit else ""
        rows.append((None, format_number(value) + unit))
    else:
        rows.append((None, str(value)))
    if question.other is not None and question.other_key in answers:
        rows.append((t(question.other), answers[question.other_key]))
    return rows


class FieldValues:
    """What each form field shows: what was just typed if the page is shown again, else the saved answer."""

    def __init__(self, answers: Mapping[str, Any], raw: Mapping[str, list[str]]):
        self.answers = answers
        self.raw = raw

    def list(self, key: str) -> list[str]:
        if key in self.raw:
            return [str(v) for v in self.raw[key]]
        value = self.answers.get(key)
        if value is None:
            return []
        if isinstance(value, list):
            return [str(v) for v in value]
        return [_plain_number(value)]

    def text(self, key: str) -> str:
        values = self.list(key)
        return values[0] if values else ""


def _plain_number(value: Any) -> str:
    if isinstance(value, float):
        return (str(int(value)) if value.is_integer() else str(value)).replace(".", ",")
    return str(value)


def error_subject(questions: list[Question], key: str) -> Mapping[str, str] | None:
    """The text an error is about: the matrix statement, the question, or its "other" label."""
    for question in questions:
        if key == question.id:
            return question.text
        if key == question.other_key and question.other is not None:
            return question.other
        for statement in question.statements:
            if key == question.statement_key(statement):
                return statement.text
    return None
