"""Human-readable validation and translation reports for the ``verkosto validate`` command."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .errors import QuestionnaireInvalid
from .loader import load_file
from .model import Questionnaire
from .translations import language_sort_key

MAX_PLACES_SHOWN = 8


def questionnaire_files(paths: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(path.glob("*.y*ml")))
        else:
            files.append(path)
    return files


def describe(questionnaire: Questionnaire) -> list[str]:
    questions = sum(1 for _ in questionnaire.questions())
    lines = [
        f"valid: '{questionnaire.id}', {len(questionnaire.pages)} pages, {questions} questions; "
        f"complete in: {', '.join(questionnaire.languages)}"
    ]
    for language in sorted(questionnaire.translation_gaps, key=language_sort_key):
        status = questionnaire.review_status.get(language, "draft")
        places = questionnaire.translation_gaps[language]
        stale = questionnaire.stale_translations.get(language, ())
        state = "complete" if not places else f"{len(places)} of {len(questionnaire.texts)} texts missing"
        lines.append(f"  {language}: {state} ({status})")
        if places:
            lines.append(f"    missing: {_some(places)}")
        if stale:
            lines.append(f"    stale (the source text changed since it was translated): {_some(stale)}")
    return lines


def _some(items: tuple[str, ...]) -> str:
    shown = ", ".join(items[:MAX_PLACES_SHOWN])
    more = f" and {len(items) - MAX_PLACES_SHOWN} more" if len(items) > MAX_PLACES_SHOWN else ""
    return shown + more


def validate_files(files: Iterable[Path]) -> tuple[list[str], bool]:
    """Return report lines and whether every file was valid."""
    lines: list[str] = []
    ok = True
    ids: dict[str, Path] = {}
    for path in files:
        try:
            questionnaire = load_file(path)
        except QuestionnaireInvalid as exc:
            ok = False
            lines.append(f"{path}: INVALID, {len(exc.problems)} problem(s):")
            lines.extend(f"  {problem}" for problem in exc.problems)
            continue
        if questionnaire.id in ids:
            ok = False
            lines.append(f"{path}: INVALID: the id '{questionnaire.id}' is also used by {ids[questionnaire.id]}")
            continue
        ids[questionnaire.id] = path
        described = describe(questionnaire)
        lines.append(f"{path}: {described[0]}")
        lines.extend(described[1:])
    return lines, ok
