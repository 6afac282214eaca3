"""Skip-logic conditions: structured data evaluated against answers, never ``eval``.

A condition is built from the mapping written in a questionnaire file (see
``docs/questionnaire-format.md``) and answers ``evaluate(answers)`` with a bool.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol


class Condition(Protocol):
    def evaluate(self, answers: Mapping[str, Any]) -> bool: ...

    def references(self) -> list[str]:
        """Answer keys this condition reads."""
        ...


def _chosen(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [value]


def is_answered(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, (str, list, dict)):
        return len(value) > 0
    return True


@dataclass(frozen=True)
class Answered:
    question: str

    def evaluate(self, answers: Mapping[str, Any]) -> bool:
        return is_answered(answers.get(self.question))

    def references(self) -> list[str]:
        return [self.question]


@dataclass(frozen=True)
class Equals:
    question: str
    value: Any

    def evaluate(self, answers: Mapping[str, Any]) -> bool:
        return self.value in _chosen(answers.get(self.question))

    def references(self) -> list[str]:
        return [self.question]


@dataclass(frozen=True)
class OneOf:
    question: str
    values: tuple[Any, ...]

    def evaluate(self, answers: Mapping[str, Any]) -> bool:
        return any(v in self.values for v in _chosen(answers.get(self.question)))

    def references(self) -> list[str]:
        return [self.question]


@dataclass(frozen=True)
class Not:
    condition: Condition

    def evaluate(self, answers: Mapping[str, Any]) -> bool:
        return not self.condition.evaluate(answers)

    def references(self) -> list[str]:
        return self.condition.references()


@dataclass(frozen=True)
class All:
    conditions: tuple[Condition, ...]

    def evaluate(self, answers: Mapping[str, Any]) -> bool:
        return all(c.evaluate(answers) for c in self.conditions)

    def references(self) -> list[str]:
        return [key for c in self.conditions for key in c.references()]


@dataclass(frozen=True)
class Any_:
    conditions: tuple[Condition, ...]

    def evaluate(self, answers: Mapping[str, Any]) -> bool:
        return any(c.evaluate(answers) for c in self.conditions)

    def references(self) -> list[str]:
        return [key for c in self.conditions for key in c.references()]


def build_condition(data: Mapping[str, Any]) -> Condition:
    """Build a condition from its (schema-validated) mapping."""
    ((kind, arg),) = data.items()
    if kind == "answered":
        return Answered(arg)
    if kind == "equals":
        return Equals(arg["question"], arg["value"])
    if kind == "one_of":
        return OneOf(arg["question"], tuple(arg["values"]))
    if kind == "not":
        return Not(build_condition(arg))
    if kind == "all":
        return All(tuple(build_condition(c) for c in arg))
    if kind == "any":
        return Any_(tuple(build_condition(c) for c in arg))
    raise ValueError(f"unknown condition {kind!r}")


def compared_values(condition: Condition) -> list[tuple[str, Any]]:
    """(answer key, value) pairs that a condition compares against, for validation."""
    if isinstance(condition, Equals):
        return [(condition.question, condition.value)]
    if isinstance(condition, OneOf):
        return [(condition.question, v) for v in condition.values]
    if isinstance(condition, Not):
        return compared_values(condition.condition)
    if isinstance(condition, (All, Any_)):
        return [pair for c in condition.conditions for pair in compared_values(c)]
    return []
