"""Which pages and questions a respondent sees, and where the next and back buttons lead.

Conditions only look at answers on earlier pages, so visibility is decided page by page,
using only the answers that are themselves visible. No Flask here.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..questionnaire.model import Page, Question, Questionnaire
from .answers import AnswerError, FormData, PageResult, missing_required, read_question


def _walk(questionnaire: Questionnaire, answers: Mapping[str, Any]):
    """Yield (page, visible questions of the page) for each visible page."""
    seen: dict[str, Any] = {}
    for page in questionnaire.pages:
        if page.show_if is not None and not page.show_if.evaluate(seen):
            continue
        questions = [q for q in page.questions if q.show_if is None or q.show_if.evaluate(seen)]
        yield page, questions
        for question in questions:
            for key in question.answer_keys():
                if key in answers:
                    seen[key] = answers[key]


def visible_pages(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> list[Page]:
    return [page for page, _ in _walk(questionnaire, answers)]


def visible_questions(questionnaire: Questionnaire, answers: Mapping[str, Any], page: Page) -> list[Question]:
    for candidate, questions in _walk(questionnaire, answers):
        if candidate.id == page.id:
            return questions
    return []


def effective_answers(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers to visible questions only (answers to hidden ones are dropped)."""
    kept: dict[str, Any] = {}
    for _, questions in _walk(questionnaire, answers):
        for question in questions:
            for key in question.answer_keys():
                if key in answers:
                    kept[key] = answers[key]
    return kept


def read_page(
    questionnaire: Questionnaire,
    page: Page,
    form: FormData,
    answers: Mapping[str, Any],
    *,
    max_text_length: int,
    enforce_required: bool = True,
) -> PageResult:
    """Validate a page's form against the questions visible on it."""
    result = PageResult(answers={}, errors=[], raw={})
    for question in visible_questions(questionnaire, answers, page):
        page_answers, errors, raw = read_question(
            question, form, max_text_length=max_text_length, enforce_required=enforce_required
        )
        result.answers.update(page_answers)
        result.errors.extend(errors)
        result.raw.update(raw)
    return result


def merge_page(
    questionnaire: Questionnaire, page: Page, answers: Mapping[str, Any], page_answers: Mapping[str, Any]
) -> dict[str, Any]:
    """Replace the answers to the questions shown on this page.

    Answers to questions that an earlier answer now hides stay in the draft (changing that
    answer back brings them back); only ``effective_answers`` is reviewed and submitted.
    """
    shown = {key for question in visible_questions(questionnaire, answers, page) for key in question.answer_keys()}
    merged = {key: value for key, value in answers.items() if key not in shown}
    merged.update(page_answers)
    return merged


def page_after(questionnaire: Questionnaire, page_id: str | None, answers: Mapping[str, Any]) -> Page | None:
    """The next visible page after ``page_id`` (the first page if None); None: the review."""
    order = [p.id for p in questionnaire.pages]
    start = -1 if page_id is None else order.index(page_id)
    for page in visible_pages(questionnaire, answers):
        if order.index(page.id) > start:
            return page
    return None


def page_before(questionnaire: Questionnaire, page_id: str, answers: Mapping[str, Any]) -> Page | None:
    """The previous visible page; None: before the first page."""
    order = [p.id for p in questionnaire.pages]
    current = order.index(page_id)
    earlier = [p for p in visible_pages(questionnaire, answers) if order.index(p.id) < current]
    return earlier[-1] if earlier else None


def first_gap(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> tuple[Page, AnswerError] | None:
    """The first required answer that is missing, with its page; None if complete."""
    for page, questions in _walk(questionnaire, answers):
        for question in questions:
            missing = missing_required(question, answers)
            if missing is not None:
                return page, AnswerError(*missing)
    return None


def progress(questionnaire: Questionnaire, answers: Mapping[str, Any], page: Page) -> tuple[int, int]:
    """(position of the page, number of visible pages), counted from 1."""
    pages = visible_pages(questionnaire, answers)
    ids = [p.id for p in pages]
    if page.id in ids:
        return ids.index(page.id) + 1, len(ids)
    return 1, max(len(ids), 1)
