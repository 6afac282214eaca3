"""The export table: one row per response, one column per answer (docs/export-format.md).

Pure functions over plain values: no Flask, no database. The caller reads campaign and
responses from the database and hands them over as ``ExportInput``.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..questionnaire.model import DONT_KNOW_VALUE, OTHER_VALUE, Question, Questionnaire, Text
from .spss import spss_names

FORMAT_NAME = "verkosto-export"
FORMAT_VERSION = 1

COLUMN_TYPES = ("string", "integer", "number", "date", "boolean")
SCHOOL_SEPARATOR = "; "
OPTION_SEPARATOR = "__"
LABEL_SEPARATOR = " — "

Code = int | str
Value = str | int | float | dt.date | None


@dataclass(frozen=True)
class CampaignInfo:
    name: str
    slug: str
    project: str
    area: str | None = None
    schools: tuple[str, ...] = ()


@dataclass(frozen=True)
class ResponseRecord:
    id: str
    language: str
    submitted_on: dt.date
    questionnaire_version: int
    answers: Mapping[str, Any]


@dataclass(frozen=True)
class ExportInput:
    questionnaire: Questionnaire
    campaign: CampaignInfo
    responses: Sequence[ResponseRecord]
    label_language: str = "en"
    questionnaire_version: int | None = None
    """The version of ``questionnaire`` (written in the JSON export); None when unknown."""


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    type: str
    question_id: str | None = None
    question_type: str | None = None
    answer_key: str | None = None
    """The stored answer key the column comes from (``q``, ``q.statement``, ``q.other``)."""
    option: str | None = None
    """For the 0/1 columns of a multiple choice: the option value."""
    values: tuple[tuple[Code, str], ...] = ()
    """Value labels of a coded column, in order: (code, label)."""
    spss_name: str = ""


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[tuple[Value, ...], ...]
    skipped: tuple[str, ...] = ()
    """Answers that have no column (a question or option not in this questionnaire version)."""

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def records(self) -> list[dict[str, Value]]:
        names = self.names
        return [dict(zip(names, row)) for row in self.rows]


Getter = Callable[[ResponseRecord], Value]

AUDIENCE_LABELS = {"guardians": "Guardians", "pupils": "Pupils", "staff": "Staff", "other": "Other"}
BOOLEAN_VALUES: tuple[tuple[Code, str], ...] = ((0, "not chosen"), (1, "chosen"))


def text_in(text: Text | None, language: str) -> str:
    """The text in ``language``, else English, else any language given."""
    if not text:
        return ""
    return text.get(language) or text.get("en") or next(iter(text.values()))


def build_table(export: ExportInput) -> Table:
    pairs = _leading_columns(export)
    for question in export.questionnaire.questions():
        pairs.extend(_question_columns(question, export.questionnaire, export.label_language))
    columns = _unique_names([c for c, _ in pairs])
    names = spss_names([c.name for c in columns])
    columns = [replace(c, spss_name=s) for c, s in zip(columns, names)]
    getters = [g for _, g in pairs]
    rows = tuple(tuple(get(r) for get in getters) for r in export.responses)
    return Table(tuple(columns), rows, _skipped(export))


def _leading_columns(export: ExportInput) -> list[tuple[Column, Getter]]:
    campaign, questionnaire = export.campaign, export.questionnaire
    schools = SCHOOL_SEPARATOR.join(campaign.schools) or None
    audience = questionnaire.audience
    return [
        (Column("response_id", "Response identifier", "string"), lambda r: r.id),
        (Column("campaign", "Campaign", "string"), lambda r: campaign.name),
        (Column("project", "Project", "string"), lambda r: campaign.project),
        (Column("area", "Area", "string"), lambda r: campaign.area or None),
        (Column("schools", "Schools (separated by '; ')", "string"), lambda r: schools),
        (Column("questionnaire", "Questionnaire", "string"), lambda r: questionnaire.id),
        (Column("questionnaire_version", "Questionnaire version", "integer"), lambda r: r.questionnaire_version),
        (Column("language", "Language of the answers", "string"), lambda r: r.language),
        (Column("submitted_on", "Date submitted", "date"), lambda r: r.submitted_on),
        (
            Column("respondent_role", "Respondent role", "string",
                   values=((audience, AUDIENCE_LABELS.get(audience, audience)),)),
            lambda r: audience,
        ),
    ]


def _question_columns(question: Question, questionnaire: Questionnaire, lang: str) -> list[tuple[Column, Getter]]:
    text = text_in(question.text, lang)
    common = {"question_id": question.id, "question_type": question.type}
    kind = question.type
    if kind == "single_choice":
        values = _choice_values(question, lang)
        pairs = [(Column(question.id, text, "string", answer_key=question.id, values=values, **common),
                  _plain(question.id))]
    elif kind == "multiple_choice":
        pairs = []
        for code, option_label in _choice_values(question, lang):
            column = Column(
                f"{question.id}{OPTION_SEPARATOR}{code}", f"{text}{LABEL_SEPARATOR}{option_label}", "boolean",
                answer_key=question.id, option=str(code), values=BOOLEAN_VALUES, **common,
            )
            pairs.append((column, _chosen(question.id, str(code))))
    elif kind == "likert":
        pairs = [(Column(question.id, text, "integer", answer_key=question.id,
                         values=_scale_values(question, lang), **common), _plain(question.id))]
    elif kind == "matrix":
        values = _scale_values(question, lang)
        pairs = [
            (Column(question.statement_key(s), f"{text}{LABEL_SEPARATOR}{text_in(s.text, lang)}", "integer",
                    answer_key=question.statement_key(s), values=values, **common),
             _plain(question.statement_key(s)))
            for s in question.statements
        ]
    elif kind == "number":
        unit = text_in(question.unit, lang)
        label = f"{text} ({unit})" if unit else text
        pairs = [(Column(question.id, label, "integer" if question.integer else "number",
                         answer_key=question.id, **common), _plain(question.id))]
    else:  # short_text, long_text
        pairs = [(Column(question.id, text, "string", answer_key=question.id, **common), _plain(question.id))]
    if question.other is not None:
        label = f"{text}{LABEL_SEPARATOR}{text_in(question.other, lang)} (text)"
        pairs.append((Column(question.other_key, label, "string", answer_key=question.other_key, **common),
                      _plain(question.other_key)))
    return pairs


def _choice_values(question: Question, lang: str) -> tuple[tuple[Code, str], ...]:
    values: list[tuple[Code, str]] = [(o.value, text_in(o.label, lang)) for o in question.options]
    if question.other is not None:
        values.append((OTHER_VALUE, text_in(question.other, lang)))
    return tuple(values)


def _scale_values(question: Question, lang: str) -> tuple[tuple[Code, str], ...]:
    scale = question.scale
    assert scale is not None
    values: list[tuple[Code, str]] = [(p.value, text_in(p.label, lang)) for p in scale.points]
    if question.dont_know:
        values.append((DONT_KNOW_VALUE, text_in(scale.dont_know, lang) or "Don't know"))
    return tuple(values)


def _plain(key: str) -> Getter:
    def get(response: ResponseRecord) -> Value:
        value = response.answers.get(key)
        if isinstance(value, bool):  # never stored; keep a stray one numeric, not "True"
            return int(value)
        return value if isinstance(value, (str, int, float)) else None

    return get


def _chosen(key: str, value: str) -> Getter:
    def get(response: ResponseRecord) -> Value:
        chosen = response.answers.get(key)
        if chosen is None:
            return None  # not answered (or not shown): missing, not "not chosen"
        if isinstance(chosen, str):
            chosen = [chosen]
        return 1 if value in {str(v) for v in chosen} else 0

    return get


def _unique_names(columns: list[Column]) -> list[Column]:
    """Give a repeated name (e.g. a question called ``language``) the suffix _2, _3, ..."""
    seen: set[str] = set()
    unique = []
    for column in columns:
        name, number = column.name, 1
        while name in seen:
            number += 1
            name = f"{column.name}_{number}"
        seen.add(name)
        unique.append(column if name == column.name else replace(column, name=name))
    return unique


def _skipped(export: ExportInput) -> tuple[str, ...]:
    known: dict[str, Question] = {}
    for question in export.questionnaire.questions():
        for key in question.answer_keys():
            known[key] = question
    skipped: set[str] = set()
    for response in export.responses:
        for key, value in response.answers.items():
            question = known.get(key)
            if question is None:
                skipped.add(f"{key}: not a question of this questionnaire")
            elif question.type == "multiple_choice" and key == question.id:
                allowed = {str(v) for v in question.option_values()}
                chosen = [value] if isinstance(value, str) else value or []
                for item in chosen:
                    if str(item) not in allowed:
                        skipped.add(f"{key}: {item!r} is not an option of this questionnaire")
    return tuple(sorted(skipped))


__all__ = [
    "COLUMN_TYPES",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "CampaignInfo",
    "Column",
    "ExportInput",
    "ResponseRecord",
    "Table",
    "build_table",
    "text_in",
]
