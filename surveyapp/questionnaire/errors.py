"""Errors that point at a file, a line and a place in a questionnaire."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    source: str
    line: int | None
    place: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        if self.place:
            return f"{where}: {self.place}: {self.reason}"
        return f"{where}: {self.reason}"


class QuestionnaireInvalid(Exception):
    """Raised with every problem found; nothing of the file was loaded."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
