"""The questionnaire as the rest of the code sees it: immutable dataclasses.

Texts are ``Text`` mappings from a language code to a string. Build these objects with
``surveyapp.questionnaire.loader``, which validates them first.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .conditions import Condition

Text = Mapping[str, str]

CHOICE_TYPES = ("single_choice", "multiple_choice")
SCALE_TYPES = ("likert", "matrix")
TEXT_TYPES = ("short_text", "long_text")
QUESTION_TYPES = (*CHOICE_TYPES, *SCALE_TYPES, "number", *TEXT_TYPES)

OTHER_VALUE = "other"
DONT_KNOW_VALUE = "dont_know"
DEFAULT_SHORT_TEXT_LENGTH = 200


@dataclass(frozen=True)
class Option:
    value: str
    label: Text


@dataclass(frozen=True)
class ScalePoint:
    value: int
    label: Text


@dataclass(frozen=True)
class Scale:
    name: str
    points: tuple[ScalePoint, ...]
    dont_know: Text | None = None

    def values(self) -> list[int]:
        return [p.value for p in self.points]


@dataclass(frozen=True)
class Statement:
    id: str
    text: Text


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    text: Text
    help: Text | None = None
    required: bool = False
    show_if: Condition | None = None
    analysis: Mapping[str, Any] = field(default_factory=dict)
    # choice questions
    options: tuple[Option, ...] = ()
    other: Text | None = None
    max_choices: int | None = None
    # likert and matrix
    scale: Scale | None = None
    dont_know: bool = False
    statements: tuple[Statement, ...] = ()
    # number
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = True
    unit: Text | None = None
    # text; None means the deployment's limit
    max_length: int | None = None

    @property
    def other_key(self) -> str:
        return f"{self.id}.{OTHER_VALUE}"

    def statement_key(self, statement: Statement) -> str:
        return f"{self.id}.{statement.id}"

    def answer_keys(self) -> list[str]:
        """The keys under which this question's answers are stored (and exported)."""
        if self.type == "matrix":
            return [self.statement_key(s) for s in self.statements]
        if self.other is not None:
            return [self.id, self.other_key]
        return [self.id]

    def option_values(self) -> list[Any]:
        """Every value a respondent may choose, for choice and scale questions."""
        if self.type in CHOICE_TYPES:
            values: list[Any] = [o.value for o in self.options]
            if self.other is not None:
                values.append(OTHER_VALUE)
            return values
        if self.scale is not None:
            values = list(self.scale.values())
            if self.dont_know:
                values.append(DONT_KNOW_VALUE)
            return values
        return []


@dataclass(frozen=True)
class Page:
    id: str
    title: Text
    questions: tuple[Question, ...]
    intro: Text | None = None
    show_if: Condition | None = None


@dataclass(frozen=True)
class PrivacyNotice:
    controller: Text
    purpose: Text
    voluntary: Text
    anonymous: Text
    retention: Text
    contact: Text | None = None

    def sections(self) -> list[tuple[str, Text]]:
        items = [
            ("controller", self.controller),
            ("purpose", self.purpose),
            ("voluntary", self.voluntary),
            ("anonymous", self.anonymous),
            ("retention", self.retention),
        ]
        if self.contact is not None:
            items.append(("contact", self.contact))
        return items


@dataclass(frozen=True)
class Questionnaire:
    id: str
    title: Text
    audience: str
    privacy_notice: PrivacyNotice
    pages: tuple[Page, ...]
    languages: tuple[str, ...]
    """Languages in which every text is given, in the order of ``SUPPORTED_ORDER``."""
    description: Text | None = None
    scales: Mapping[str, Scale] = field(default_factory=dict)
    translation_gaps: Mapping[str, tuple[str, ...]] = field(default_factory=dict, compare=False)
    """For each language used anywhere in the file, the places of texts that lack it."""
    stale_translations: Mapping[str, tuple[str, ...]] = field(default_factory=dict, compare=False)
    """Per language, the keys of translations whose source text has changed since."""
    review_status: Mapping[str, str] = field(default_factory=dict, compare=False)
    """Per language: ``reviewed`` by a native speaker, or ``draft``."""
    texts: tuple[tuple[str, Text], ...] = field(default=(), compare=False, repr=False)
    """Every text with its stable key (see ``text_keys``), for translators' files."""
    definition: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    """The validated source mapping, as stored with a questionnaire version."""

    def questions(self) -> Iterator[Question]:
        for page in self.pages:
            yield from page.questions

    def question(self, question_id: str) -> Question:
        for question in self.questions():
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def page(self, page_id: str) -> Page:
        for page in self.pages:
            if page.id == page_id:
                return page
        raise KeyError(page_id)

    def page_index(self, page_id: str) -> int:
        return [p.id for p in self.pages].index(page_id)
