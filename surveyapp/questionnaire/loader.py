"""Load and validate questionnaire files (see ``docs/questionnaire-format.md``).

``load_file`` and ``load_directory`` either return complete ``Questionnaire`` objects or
raise ``QuestionnaireInvalid`` listing every problem with its file, line and place; nothing
is half-loaded. ``from_definition`` rebuilds a questionnaire from its stored mapping.
"""
from __future__ import annotations

import copy
import math
from collections.abc import Mapping
from pathlib import Path as FilePath
from typing import Any

from jsonschema import Draft202012Validator

from . import schema
from .conditions import Condition, build_condition, compared_values
from .errors import Problem, QuestionnaireInvalid
from .model import (
    CHOICE_TYPES,
    DONT_KNOW_VALUE,
    OTHER_VALUE,
    Option,
    Page,
    PrivacyNotice,
    Question,
    Questionnaire,
    Scale,
    ScalePoint,
    Statement,
    Text,
)
from .text_keys import stable_key
from .translation_files import TranslationCatalog, catalog_folder, read_catalogs
from .translations import REQUIRED_LANGUAGES, TextCollector, language_sort_key
from .yaml_source import MAX_FILE_BYTES, Path, SourceError, read_yaml

_VALIDATOR = Draft202012Validator(schema.QUESTIONNAIRE_SCHEMA)

# keys each question type may carry beyond the common ones
_COMMON_KEYS = {"id", "type", "text", "help", "required", "show_if", "analysis"}
_TYPE_KEYS: dict[str, tuple[set[str], set[str]]] = {
    # type: (required keys, optional keys)
    "single_choice": ({"options"}, {"other"}),
    "multiple_choice": ({"options"}, {"other", "max_choices"}),
    "likert": ({"scale"}, {"dont_know"}),
    "matrix": ({"scale", "statements"}, {"dont_know"}),
    "number": ({"min", "max"}, {"integer", "unit"}),
    "short_text": (set(), {"max_length"}),
    "long_text": (set(), {"max_length"}),
}


def load_file(path: str | FilePath) -> Questionnaire:
    path = FilePath(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)  # never more than the limit, whatever the file
    except OSError as exc:
        raise QuestionnaireInvalid([Problem(str(path), None, "", f"cannot be read: {exc.strerror}")])
    return load_text(raw, source=str(path), translations_from=path)


def load_text(
    text: str | bytes, source: str = "<questionnaire>", *, translations_from: FilePath | None = None
) -> Questionnaire:
    """Load a questionnaire from YAML text; ``translations_from`` is the file whose
    ``i18n/<id>/*.po`` catalogs add further languages."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise QuestionnaireInvalid(
                [Problem(source, None, "", f"is not UTF-8 text (byte {exc.start})")]
            ) from None
    try:
        data, marks = read_yaml(text)
    except SourceError as exc:
        raise QuestionnaireInvalid([Problem(source, exc.line, "", exc.reason)]) from None
    translations: dict[str, TranslationCatalog] = {}
    if translations_from is not None and isinstance(data, dict) and isinstance(data.get("id"), str):
        folder = catalog_folder(translations_from, data["id"])
        try:
            translations = read_catalogs(folder)
        except Exception as exc:  # babel raises its own parse errors; report them like ours
            raise QuestionnaireInvalid([Problem(str(folder), None, "", f"a translation file cannot be read: {exc}")])
    return from_definition(data, source=source, marks=marks, translations=translations)


def load_directory(directory: str | FilePath) -> list[Questionnaire]:
    """Every ``*.yaml`` file in a directory; all of them valid, or none returned."""
    problems: list[Problem] = []
    loaded: list[Questionnaire] = []
    seen: dict[str, str] = {}
    for path in sorted(FilePath(directory).glob("*.y*ml")):
        try:
            questionnaire = load_file(path)
        except QuestionnaireInvalid as exc:
            problems.extend(exc.problems)
            continue
        if questionnaire.id in seen:
            problems.append(
                Problem(str(path), None, "id", f"{questionnaire.id!r} is also used by {seen[questionnaire.id]}")
            )
        seen[questionnaire.id] = str(path)
        loaded.append(questionnaire)
    if problems:
        raise QuestionnaireInvalid(problems)
    return loaded


def from_definition(
    data: Any,
    source: str = "<questionnaire>",
    marks: Mapping[Path, int] | None = None,
    translations: Mapping[str, TranslationCatalog] | None = None,
) -> Questionnaire:
    """Validate a parsed definition and build the questionnaire from it.

    ``translations`` add languages that the definition itself does not have; a translation
    is used only where its source text is still the current one.
    """
    builder = _Builder(source, marks or {}, copy.deepcopy(data), translations or {})
    return builder.build()


def place_of(data: Any, path: Path) -> str:
    """A readable place such as ``pages[1].questions[2] (question 'reasons').type``."""
    text = ""
    label = ""
    node = data
    for i, part in enumerate(path):
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
        if isinstance(node, (dict, list)):
            try:
                node = node[part]  # type: ignore[index]
            except (KeyError, IndexError, TypeError):
                node = None
        else:
            node = None
        if isinstance(part, int) and isinstance(node, dict) and isinstance(node.get("id"), str):
            parent = path[i - 1] if i else ""
            kind = {"pages": "page", "questions": "question", "statements": "statement"}.get(str(parent))
            if kind:
                label = f" ({kind} '{node['id']}')"
                text += label
    return text


class _Builder:
    def __init__(
        self, source: str, marks: Mapping[Path, int], data: Any, translations: Mapping[str, TranslationCatalog]
    ):
        self.source = source
        self.marks = marks
        self.data = data
        self.translations = translations
        self.stale: dict[str, list[str]] = {language: [] for language in translations}
        self.problems: list[Problem] = []
        self.texts = TextCollector()

    # -- reporting ---------------------------------------------------------------------
    def problem(self, path: Path, reason: str) -> None:
        line = None
        for end in range(len(path), -1, -1):
            if path[:end] in self.marks:
                line = self.marks[path[:end]]
                break
        self.problems.append(Problem(self.source, line, place_of(self.data, path), reason))

    def fail_if_problems(self) -> None:
        if self.problems:
            self.problems.sort(key=lambda p: (p.line or 0, p.place))
            raise QuestionnaireInvalid(self.problems)

    # -- building ----------------------------------------------------------------------
    def build(self) -> Questionnaire:
        if not isinstance(self.data, dict):
            self.problem((), "the file must contain a mapping (key: value lines) at the top")
            self.fail_if_problems()
        errors = sorted(_VALIDATOR.iter_errors(self.data), key=lambda e: list(map(str, e.absolute_path)))
        for error in errors:
            self.problem(tuple(error.absolute_path), _schema_message(error))
        self.fail_if_problems()

        data = self.data
        scales = {name: self.scale(name, spec) for name, spec in data.get("scales", {}).items()}
        pages: list[Page] = []
        earlier_keys: dict[str, Question] = {}
        question_ids: set[str] = set()
        page_ids: set[str] = set()
        for p_index, page_data in enumerate(data["pages"]):
            path: Path = ("pages", p_index)
            if page_data["id"] in page_ids:
                self.problem((*path, "id"), f"the page id {page_data['id']!r} is used twice")
            page_ids.add(page_data["id"])
            page_condition = self.condition(page_data.get("show_if"), (*path, "show_if"), earlier_keys)
            questions = []
            for q_index, question_data in enumerate(page_data["questions"]):
                q_path: Path = (*path, "questions", q_index)
                if question_data["id"] in question_ids:
                    self.problem((*q_path, "id"), f"the question id {question_data['id']!r} is used twice")
                question_ids.add(question_data["id"])
                questions.append(self.question(question_data, q_path, scales, earlier_keys))
            for question in questions:
                for key in question.answer_keys():
                    earlier_keys[key] = question
            pages.append(
                Page(
                    id=page_data["id"],
                    title=self.text(page_data["title"], (*path, "title")),
                    intro=self.optional_text(page_data, "intro", path),
                    show_if=page_condition,
                    questions=tuple(questions),
                )
            )
        notice_data = data["privacy_notice"]
        notice = PrivacyNotice(
            **{
                key: self.text(notice_data[key], ("privacy_notice", key))
                for key in ("controller", "purpose", "voluntary", "anonymous", "retention")
            },
            contact=self.optional_text(notice_data, "contact", ("privacy_notice",)),
        )
        title = self.text(data["title"], ("title",))
        description = self.optional_text(data, "description", ())
        for language in REQUIRED_LANGUAGES:
            for text_path in self.texts.missing(language):
                self.problem(text_path, f"the {language!r} text is missing")
        self.fail_if_problems()
        review_status = self.review_status()
        data["review_status"] = review_status  # kept with the stored definition
        return Questionnaire(
            id=data["id"],
            title=title,
            audience=data["audience"],
            description=description,
            privacy_notice=notice,
            pages=tuple(pages),
            scales=scales,
            languages=tuple(self.texts.complete_languages()),
            translation_gaps={
                language: tuple(place_of(data, path) for path in self.texts.missing(language))
                for language in sorted(
                    set(self.texts.languages()) | set(self.translations), key=language_sort_key
                )
            },
            definition=copy.deepcopy(data),
            stale_translations={language: tuple(keys) for language, keys in self.stale.items() if keys},
            review_status=review_status,
            texts=tuple((stable_key(data, path), dict(text)) for path, text in self.texts.texts),
        )

    def text(self, value: Text, path: Path) -> Text:
        if self.translations:
            self.merge_translations(value, path)  # in place: the stored definition keeps them
        self.texts.add(path, value)
        return dict(value)

    def merge_translations(self, value: Text, path: Path) -> None:
        key = stable_key(self.data, path)
        for language, catalog in self.translations.items():
            entry = catalog.entries.get(key)
            if entry is None or language in value or not entry.translation:
                continue
            if entry.fuzzy or value.get(catalog.source_language) != entry.source:
                self.stale[language].append(key)
                continue
            value[language] = entry.translation  # type: ignore[index]

    def review_status(self) -> dict[str, str]:
        status = {language: "draft" for language in self.texts.languages()}
        status.update(self.data.get("review_status", {}))
        for language, catalog in self.translations.items():
            status[language] = catalog.review_status
        return status

    def optional_text(self, data: Mapping[str, Any], key: str, path: Path) -> Text | None:
        if key not in data:
            return None
        return self.text(data[key], (*path, key))

    def scale(self, name: str, spec: Mapping[str, Any]) -> Scale:
        path: Path = ("scales", name)
        values = [p["value"] for p in spec["points"]]
        if len(set(values)) != len(values):
            self.problem((*path, "points"), "two points of the scale have the same value")
        points = tuple(
            ScalePoint(p["value"], self.text(p["label"], (*path, "points", i, "label")))
            for i, p in enumerate(spec["points"])
        )
        dont_know = self.optional_text(spec, "dont_know", path)
        return Scale(name=name, points=points, dont_know=dont_know)

    def question(
        self,
        data: Mapping[str, Any],
        path: Path,
        scales: Mapping[str, Scale],
        earlier_keys: Mapping[str, Question],
    ) -> Question:
        kind = data["type"]
        required, optional = _TYPE_KEYS[kind]
        for key in sorted(set(data) - _COMMON_KEYS - required - optional):
            self.problem((*path, key), f"{key!r} is not allowed for type {kind!r}")
        for key in sorted(required - set(data)):
            self.problem(path, f"type {kind!r} needs {key!r}")

        options: tuple[Option, ...] = ()
        if "options" in data:
            values = [o["value"] for o in data["options"]]
            for i, value in enumerate(values):
                if value in values[:i]:
                    self.problem((*path, "options", i, "value"), f"the value {value!r} is used twice")
                if value == OTHER_VALUE and "other" in data:
                    self.problem(
                        (*path, "options", i, "value"),
                        "the value 'other' is reserved for the 'other' option of this question",
                    )
            options = tuple(
                Option(o["value"], self.text(o["label"], (*path, "options", i, "label")))
                for i, o in enumerate(data["options"])
            )
        if "max_choices" in data and data["max_choices"] > len(options) + ("other" in data):
            self.problem((*path, "max_choices"), "is larger than the number of options")

        scale = None
        if "scale" in data:
            scale = scales.get(data["scale"])
            if scale is None:
                self.problem((*path, "scale"), f"no scale named {data['scale']!r} under 'scales'")
            elif data.get("dont_know") and scale.dont_know is None:
                self.problem((*path, "dont_know"), f"the scale {scale.name!r} has no 'dont_know' label")

        statements: tuple[Statement, ...] = ()
        if "statements" in data:
            ids = [s["id"] for s in data["statements"]]
            for i, statement_id in enumerate(ids):
                if statement_id in ids[:i]:
                    self.problem((*path, "statements", i, "id"), f"the id {statement_id!r} is used twice")
            statements = tuple(
                Statement(s["id"], self.text(s["text"], (*path, "statements", i, "text")))
                for i, s in enumerate(data["statements"])
            )

        integer = data.get("integer", True)
        for key in ("min", "max"):
            if key in data and not math.isfinite(data[key]):
                self.problem((*path, key), "must be a finite number (not .inf or .nan)")
                return self.placeholder_question(data)
        if kind == "number" and "min" in data and "max" in data:
            if data["min"] >= data["max"]:
                self.problem((*path, "max"), "must be larger than 'min'")
            if integer and not all(float(data[k]).is_integer() for k in ("min", "max")):
                self.problem(path, "'min' and 'max' must be whole numbers when 'integer' is true")

        return Question(
            id=data["id"],
            type=kind,
            text=self.text(data["text"], (*path, "text")),
            help=self.optional_text(data, "help", path),
            required=data.get("required", False),
            show_if=self.condition(data.get("show_if"), (*path, "show_if"), earlier_keys),
            analysis=dict(data.get("analysis", {})),
            options=options,
            other=self.optional_text(data, "other", path),
            max_choices=data.get("max_choices"),
            scale=scale,
            dont_know=bool(data.get("dont_know", False)),
            statements=statements,
            minimum=data.get("min"),
            maximum=data.get("max"),
            integer=integer,
            unit=self.optional_text(data, "unit", path),
            max_length=data.get("max_length"),
        )

    @staticmethod
    def placeholder_question(data: Mapping[str, Any]) -> Question:
        """Stands in for a question with a fatal problem, so checking can go on (and fail)."""
        return Question(id=data["id"], type=data["type"], text={})

    def condition(
        self, data: Mapping[str, Any] | None, path: Path, earlier_keys: Mapping[str, Question]
    ) -> Condition | None:
        if data is None:
            return None
        condition = build_condition(data)
        for key in condition.references():
            if key not in earlier_keys:
                self.problem(path, f"refers to {key!r}, which is not a question on an earlier page")
        for key, value in compared_values(condition):
            question = earlier_keys.get(key)
            if question is None:
                continue
            allowed = question.option_values()
            if key == question.other_key or question.type in ("number", "short_text", "long_text"):
                self.problem(path, f"compares {key!r} with a value, but it has no fixed values")
            elif value not in allowed:
                shown = ", ".join(repr(v) for v in allowed)
                self.problem(path, f"{key!r} has no value {value!r} (it has {shown})")
        return condition


def _schema_message(error: Any) -> str:
    if error.validator == "additionalProperties" and error.path is not None:
        return error.message.replace("Additional properties are not allowed", "unknown key")
    if error.validator == "pattern":
        return f"{error.instance!r} may contain only lower-case letters a-z, digits and '_'"
    if error.validator == "maxProperties" and len(error.absolute_path) and "show_if" in map(
        str, error.absolute_path
    ):
        return "a condition has exactly one of: answered, equals, one_of, not, all, any (combine with all/any)"
    return error.message


__all__ = [
    "DONT_KNOW_VALUE",
    "CHOICE_TYPES",
    "Problem",
    "QuestionnaireInvalid",
    "from_definition",
    "load_directory",
    "load_file",
    "load_text",
    "place_of",
]
