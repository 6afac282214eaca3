"""Labels for charts and reports in the reader's language.

An export labels its codes in one language (English). A report in Finnish or Swedish takes the
labels from where they are written in that language instead:

- options and statements of a shipped questionnaire: its YAML in ``questionnaires/`` (read
  without the web app; a questionnaire that is not shipped keeps the export's labels);
- codebook themes: the codebook's own labels (:mod:`analysis.codebook`);
- roles, languages and the words of the report: the ``analysis`` catalog and Babel's locale data.
"""
from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from .i18n import N_, translator

__all__ = ["language_names", "option_labels", "role_labels", "statement_labels", "theme_families"]

QUESTIONNAIRES = Path(__file__).resolve().parents[1] / "questionnaires"
ROLE_NAMES = {"guardian": N_("Guardians"), "pupil": N_("Pupils"), "staff": N_("Staff")}
STAFF_ROLE_QUESTION = "role"


@functools.cache
def _questionnaire(questionnaire_id: str) -> Mapping[str, Any] | None:
    path = QUESTIONNAIRES / f"{questionnaire_id}.yaml"
    if not path.is_file():
        return None
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _text(value: Any, language: str) -> str:
    if isinstance(value, Mapping):
        return str(value.get(language) or value.get("en") or next(iter(value.values()), ""))
    return str(value)


def _question(questionnaire_id: str, question_id: str) -> Mapping[str, Any] | None:
    data = _questionnaire(questionnaire_id)
    for page in (data or {}).get("pages", ()):
        for question in page.get("questions", ()):
            if question.get("id") == question_id:
                return question
    return None


def option_labels(questionnaire_id: str, question_id: str, language: str) -> dict[str, str]:
    """Option value -> label of a shipped questionnaire's question, in ``language``."""
    question = _question(questionnaire_id, question_id) or {}
    return {str(option["value"]): _text(option["label"], language) for option in question.get("options", ())}


def statement_labels(questionnaire_id: str, question_id: str, language: str) -> dict[str, str]:
    """Column (``question.statement``) -> statement text of a matrix question, in ``language``."""
    question = _question(questionnaire_id, question_id) or {}
    return {f"{question_id}.{s['id']}": _text(s["text"], language) for s in question.get("statements", ())}


def question_text(questionnaire_id: str, question_id: str, language: str) -> str | None:
    question = _question(questionnaire_id, question_id)
    return _text(question["text"], language) if question else None


def role_labels(language: str) -> dict[str, str]:
    """Role code -> label: guardians, pupils, and each staff role of the staff questionnaire."""
    _ = translator(language).gettext
    labels = {code: _(name) for code, name in ROLE_NAMES.items()}
    labels.update(option_labels("staff", STAFF_ROLE_QUESTION, language))
    return labels


def language_names(language: str) -> dict[str, str]:
    """Language code -> its name in ``language`` (``{"sv": "ruotsi", ...}`` in Finnish)."""
    from babel import Locale

    return {code: name for code, name in Locale.parse(language).languages.items()}


def theme_families(questionnaire_id: str) -> dict[str, str]:
    """Free-text column -> theme family (``analysis: {theme_family: ...}`` in the questionnaire):
    the texts a report themes, and the codebook it codes them with."""
    families = {}
    for page in (_questionnaire(questionnaire_id) or {}).get("pages", ()):
        for question in page.get("questions", ()):
            family = (question.get("analysis") or {}).get("theme_family")
            if not family:
                continue
            if question.get("type") in ("short_text", "long_text"):
                families[question["id"]] = family
            elif question.get("other"):
                families[f"{question['id']}.other"] = family
    return families
