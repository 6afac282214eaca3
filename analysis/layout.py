"""The export layout of a questionnaire (docs/export-format.md), built without the web app.

``QuestionnaireLayout`` reads what the export needs of a questionnaire (its questions, options,
scales and texts in one label language) from a questionnaire YAML file (``read``) or from the
definition mapping the web app stores with each questionnaire version (``from_definition``).
``columns()`` gives the export's columns as JSON column entries, named, typed and labelled as
the web app's exporter (``surveyapp/exports/table.py``) does, and ``answer_cell`` turns a stored
``answers`` mapping into the cell of one such column, by the exporter's rules.

Used by ``analysis.synthetic`` (to write its invented responses in the export's layout) and by
``analysis.database_reader`` (to read responses straight from the web app's database).
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

LABEL_LANGUAGE = "en"
"""The default language of the labels, as in the web app's exports."""
OTHER_VALUE = "other"
DONT_KNOW_VALUE = "dont_know"
SCHOOL_SEPARATOR = "; "
OPTION_SEPARATOR = "__"
LABEL_SEPARATOR = " — "
AUDIENCE_LABELS = {"guardians": "Guardians", "pupils": "Pupils", "staff": "Staff", "other": "Other"}
LEADING_COLUMNS = (
    "response_id", "campaign", "project", "area", "schools", "questionnaire", "questionnaire_version",
    "language", "submitted_on", "respondent_role",
)


@dataclass(frozen=True)
class LayoutQuestion:
    id: str
    type: str
    text: str
    options: tuple[tuple[str, str], ...] = ()
    other: str | None = None
    statements: tuple[tuple[str, str], ...] = ()
    scale: tuple[tuple[int, str], ...] = ()
    dont_know: str | None = None
    unit: str | None = None
    integer: bool = True
    theme_family: str | None = None

    @property
    def scale_values(self) -> list[int]:
        return [value for value, _ in self.scale]


@dataclass(frozen=True)
class QuestionnaireLayout:
    """What the export needs of a questionnaire: its questions, options, scales and texts."""

    id: str
    title: str
    audience: str
    questions: tuple[LayoutQuestion, ...]

    @classmethod
    def read(cls, path: str | Path, *, label_language: str = LABEL_LANGUAGE) -> QuestionnaireLayout:
        """From a questionnaire YAML file (its own texts; translation catalogs are not read)."""
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        return cls.from_definition(data, label_language=label_language)

    @classmethod
    def from_definition(cls, data: Mapping[str, Any], *,
                        label_language: str = LABEL_LANGUAGE) -> QuestionnaireLayout:
        """From a questionnaire definition: the parsed YAML, or the web app's stored version.

        Each text is taken in ``label_language``, else in English, else in any language it has
        (the web app's ``text_in``).
        """
        def text(value: Any) -> str:
            return text_in(value, label_language)

        scales = data.get("scales") or {}
        questions = []
        for page in data["pages"]:
            for q in page["questions"]:
                scale = scales.get(q.get("scale")) if q.get("scale") else None
                questions.append(LayoutQuestion(
                    id=q["id"], type=q["type"], text=text(q["text"]),
                    options=tuple((str(o["value"]), text(o["label"])) for o in q.get("options", ())),
                    other=text(q["other"]) if q.get("other") else None,
                    statements=tuple((s["id"], text(s["text"])) for s in q.get("statements", ())),
                    scale=tuple((int(p["value"]), text(p["label"])) for p in scale["points"]) if scale else (),
                    dont_know=(text(scale.get("dont_know")) or "Don't know") if scale and q.get("dont_know") else None,
                    unit=text(q["unit"]) if q.get("unit") else None,
                    integer=bool(q.get("integer", True)),
                    theme_family=(q.get("analysis") or {}).get("theme_family"),
                ))
        return cls(data["id"], text(data["title"]), data["audience"], tuple(questions))

    def question(self, question_id: str) -> LayoutQuestion:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def columns(self) -> list[dict[str, Any]]:
        """The export's columns (docs/export-format.md) as JSON column entries."""
        entries = [
            _column("response_id", "Response identifier", "string"),
            _column("campaign", "Campaign", "string"),
            _column("project", "Project", "string"),
            _column("area", "Area", "string"),
            _column("schools", "Schools (separated by '; ')", "string"),
            _column("questionnaire", "Questionnaire", "string"),
            _column("questionnaire_version", "Questionnaire version", "integer"),
            _column("language", "Language of the answers", "string"),
            _column("submitted_on", "Date submitted", "date"),
            _column("respondent_role", "Respondent role", "string",
                    values=((self.audience, AUDIENCE_LABELS.get(self.audience, self.audience)),)),
        ]
        for q in self.questions:
            entries += _question_columns(q)
        seen: set[str] = set()
        for entry in entries:  # a repeated name gets _2, _3, ... (the answer_key says which is which)
            name, number = entry["name"], 1
            while name in seen:
                number += 1
                name = f"{entry['name']}_{number}"
            seen.add(name)
            entry["name"] = name
        for entry, spss in zip(entries, spss_names([e["name"] for e in entries])):
            entry["spss_name"] = spss
        return entries


def text_in(text: Any, language: str = LABEL_LANGUAGE) -> str:
    """The text in ``language``, else English, else any language given ("" for none)."""
    if isinstance(text, Mapping):
        return str(text.get(language) or text.get("en") or next(iter(text.values()), ""))
    return "" if text is None else str(text)


def answer_cell(column: Mapping[str, Any], answers: Mapping[str, Any]) -> Any:
    """The cell of an answer column (``columns()`` entry) for stored answers, as the exporter makes it.

    A multiple choice's 0/1 column: empty when the question was not answered, else 1 when the
    option was chosen and 0 when not. Any other answer column: the stored value when it is a text
    or a number (a stray boolean as 0/1), else empty. The leading columns have no answer key and
    are not answers (``LEADING_COLUMNS``); this returns None for them.
    """
    key = column.get("answer_key")
    if key is None:
        return None
    value = answers.get(key)
    if column.get("option") is not None:
        if value is None:
            return None  # not answered (or not shown): missing, not "not chosen"
        chosen = {str(v) for v in ([value] if isinstance(value, str) else value)}
        return 1 if column["option"] in chosen else 0
    if isinstance(value, bool):  # never stored; keep a stray one numeric, not "True"
        return int(value)
    return value if isinstance(value, (str, int, float)) else None


def _column(name: str, label: str, kind: str, *, question: LayoutQuestion | None = None,
            answer_key: str | None = None, option: str | None = None,
            values: Sequence[tuple[Any, str]] = ()) -> dict[str, Any]:
    return {
        "name": name, "label": label, "type": kind,
        "question_id": question.id if question else None,
        "question_type": question.type if question else None,
        "answer_key": answer_key, "option": option,
        "values": [{"code": code, "label": text} for code, text in values],
    }


def _question_columns(q: LayoutQuestion) -> list[dict[str, Any]]:
    """The columns of one question, named and labelled as the web app's exporter does."""
    dash = LABEL_SEPARATOR
    choice_values = [*q.options, *(((OTHER_VALUE, q.other),) if q.other is not None else ())]
    scale_values = [*q.scale, *(((DONT_KNOW_VALUE, q.dont_know),) if q.dont_know else ())]
    if q.type == "single_choice":
        columns = [_column(q.id, q.text, "string", question=q, answer_key=q.id, values=choice_values)]
    elif q.type == "multiple_choice":
        columns = [_column(f"{q.id}{OPTION_SEPARATOR}{code}", f"{q.text}{dash}{label}", "boolean", question=q,
                           answer_key=q.id, option=code, values=((0, "not chosen"), (1, "chosen")))
                   for code, label in choice_values]
    elif q.type == "likert":
        columns = [_column(q.id, q.text, "integer", question=q, answer_key=q.id, values=scale_values)]
    elif q.type == "matrix":
        columns = [_column(f"{q.id}.{sid}", f"{q.text}{dash}{stext}", "integer", question=q,
                           answer_key=f"{q.id}.{sid}", values=scale_values) for sid, stext in q.statements]
    elif q.type == "number":
        label = f"{q.text} ({q.unit})" if q.unit else q.text
        columns = [_column(q.id, label, "integer" if q.integer else "number", question=q, answer_key=q.id)]
    else:
        columns = [_column(q.id, q.text, "string", question=q, answer_key=q.id)]
    if q.other is not None:
        columns.append(_column(f"{q.id}.{OTHER_VALUE}", f"{q.text}{dash}{q.other} (text)", "string", question=q,
                               answer_key=f"{q.id}.{OTHER_VALUE}"))
    return columns


def spss_names(names: Sequence[str]) -> list[str]:
    """SPSS variable names as docs/export-format.md maps them."""
    reserved = {"all", "and", "by", "eq", "ge", "gt", "le", "lt", "ne", "not", "or", "to", "with"}
    taken: set[str] = set()
    result = []
    for name in names:
        base = re.sub(r"[^A-Za-z0-9_]", "_", name)
        if not base[:1].isalpha() or base.lower() in reserved:
            base = f"v_{base}"
        base = base[:64]
        candidate, number = base, 1
        while candidate.lower() in taken:
            number += 1
            candidate = base[: 64 - len(f"_{number}")] + f"_{number}"
        taken.add(candidate.lower())
        result.append(candidate)
    return result


__all__ = [
    "AUDIENCE_LABELS",
    "DONT_KNOW_VALUE",
    "LABEL_LANGUAGE",
    "LEADING_COLUMNS",
    "OTHER_VALUE",
    "SCHOOL_SEPARATOR",
    "LayoutQuestion",
    "QuestionnaireLayout",
    "answer_cell",
    "spss_names",
    "text_in",
]
