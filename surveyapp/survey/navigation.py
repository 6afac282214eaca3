"""What a press of a button on a questionnaire page does. No Flask here.

``next`` validates the page strictly: with errors nothing of the page is stored. ``back``,
``save`` (continue later) and a language switch do not demand required answers, so a
respondent can move around freely; but a value that is invalid as typed (a word in a number
field, too long a text) is shown again with its error rather than silently dropped.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..questionnaire.model import Page, Questionnaire
from .answers import AnswerError, FormData
from .flow import merge_page, page_after, page_before, read_page

NEXT, BACK, SAVE, SWITCH_LANGUAGE = "next", "back", "save", "language"


@dataclass
class Outcome:
    action: str
    save: bool
    answers: dict[str, Any]
    """All answers after this page (what to store when ``save``)."""
    errors: list[AnswerError] = field(default_factory=list)
    raw: dict[str, list[str]] = field(default_factory=dict)
    target: Page | None = None
    """The page to go to; None after ``next`` means the review, after ``back`` the start."""
    language: str | None = None


def parse_action(value: str | None) -> tuple[str, str | None]:
    """Button values: ``next``, ``back``, ``save`` or ``language:sv``."""
    value = value or NEXT
    if value.startswith("language:"):
        return SWITCH_LANGUAGE, value.split(":", 1)[1]
    if value in (NEXT, BACK, SAVE):
        return value, None
    return NEXT, None


def submit_page(
    questionnaire: Questionnaire,
    page: Page,
    form: FormData,
    answers: Mapping[str, Any],
    *,
    action: str | None,
    max_text_length: int,
) -> Outcome:
    kind, language = parse_action(action)
    strict = kind == NEXT
    result = read_page(
        questionnaire, page, form, answers, max_text_length=max_text_length, enforce_required=strict
    )
    if result.errors:
        return Outcome(kind, save=False, answers=dict(answers), errors=result.errors, raw=result.raw,
                       language=language)
    merged = merge_page(questionnaire, page, answers, result.answers)
    outcome = Outcome(kind, save=True, answers=merged, errors=result.errors, raw=result.raw, language=language)
    if kind == NEXT:
        outcome.target = page_after(questionnaire, page.id, merged)
    elif kind == BACK:
        outcome.target = page_before(questionnaire, page.id, merged)
    else:
        outcome.target = page
    return outcome
