"""Human-readable validation and translation reports for the ``verkosto validate`` command."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .errors import QuestionnaireInvalid
from .loader import load_file
from .model import Questionnaire

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
    for language, places in questionnaire.translation_gaps.items():
        if not places:
            continue
        shown = ", ".join(places[:MAX_PLACES_SHOWN])
        more = f" and {len(places) - MAX_PLACES_SHOWN} more" if len(places) > MAX_PLACES_SHOWN else ""
        lines.append(f"  {language}: {len(places)} texts missing: {shown}{more}")
    return lines


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
