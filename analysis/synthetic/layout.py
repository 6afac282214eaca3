"""The export layout of a questionnaire (docs/export-format.md), read from its YAML without the web app."""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ._data import THEME_FAMILIES

LABEL_LANGUAGE = "en"


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
    """What the export needs of a questionnaire: its questions, options, scales and English texts."""

    id: str
    title: str
    audience: str
    questions: tuple[LayoutQuestion, ...]

    @classmethod
    def read(cls, path: str | Path) -> QuestionnaireLayout:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        scales = data.get("scales") or {}
        questions = []
        for page in data["pages"]:
            for q in page["questions"]:
                scale = scales.get(q.get("scale")) if q.get("scale") else None
                questions.append(LayoutQuestion(
                    id=q["id"], type=q["type"], text=_en(q["text"]),
                    options=tuple((str(o["value"]), _en(o["label"])) for o in q.get("options", ())),
                    other=_en(q["other"]) if q.get("other") else None,
                    statements=tuple((s["id"], _en(s["text"])) for s in q.get("statements", ())),
                    scale=tuple((int(p["value"]), _en(p["label"])) for p in scale["points"]) if scale else (),
                    dont_know=(_en(scale.get("dont_know")) or "Don't know") if scale and q.get("dont_know") else None,
                    unit=_en(q["unit"]) if q.get("unit") else None,
                    integer=bool(q.get("integer", True)),
                    theme_family=(q.get("analysis") or {}).get("theme_family"),
                ))
        return cls(data["id"], _en(data["title"]), data["audience"], tuple(questions))

    def question(self, question_id: str) -> LayoutQuestion:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def coded_columns(self) -> dict[str, str]:
        """Free-text columns with a theme family this module writes texts for: column → family."""
        columns = {}
        for q in self.questions:
            if q.theme_family not in THEME_FAMILIES:
                continue
            if q.type in ("short_text", "long_text"):
                columns[q.id] = q.theme_family
            elif q.other is not None:
                columns[f"{q.id}.other"] = q.theme_family
        return columns

    def columns(self) -> list[dict[str, Any]]:
        """The export's columns (docs/export-format.md) as JSON column entries, with their getters."""
        audience_labels = {"guardians": "Guardians", "pupils": "Pupils", "staff": "Staff", "other": "Other"}
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
                    values=((self.audience, audience_labels.get(self.audience, self.audience)),)),
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
        for entry, spss in zip(entries, _spss_names([e["name"] for e in entries])):
            entry["spss_name"] = spss
        return entries


def _en(text: Any) -> str:
    if isinstance(text, Mapping):
        return str(text.get(LABEL_LANGUAGE) or next(iter(text.values()), ""))
    return "" if text is None else str(text)


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
    dash = " — "
    choice_values = [*q.options, *((("other", q.other),) if q.other is not None else ())]
    scale_values = [*q.scale, *((("dont_know", q.dont_know),) if q.dont_know else ())]
    if q.type == "single_choice":
        columns = [_column(q.id, q.text, "string", question=q, answer_key=q.id, values=choice_values)]
    elif q.type == "multiple_choice":
        columns = [_column(f"{q.id}__{code}", f"{q.text}{dash}{label}", "boolean", question=q, answer_key=q.id,
                           option=code, values=((0, "not chosen"), (1, "chosen")))
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
        columns.append(_column(f"{q.id}.other", f"{q.text}{dash}{q.other} (text)", "string", question=q,
                               answer_key=f"{q.id}.other"))
    return columns


def _spss_names(names: Sequence[str]) -> list[str]:
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

