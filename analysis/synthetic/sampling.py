"""Random choices shared by the SYNTHETIC respondents and their texts (numpy's Generator throughout)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from .dataset import CAMPAIGN_START
from .layout import LayoutQuestion

Answers = dict[str, Any]


def _pick(rng: np.random.Generator, items: Sequence[Any], p: Sequence[float] | None = None) -> Any:
    if p is not None:
        weights = np.asarray(p, dtype=float)
        return items[int(rng.choice(len(items), p=weights / weights.sum()))]
    return items[int(rng.integers(len(items)))]


def _pick_mapping(rng: np.random.Generator, weights: Mapping[str, float]) -> str:
    keys = list(weights)
    return _pick(rng, keys, [weights[k] for k in keys])


def _sample(rng: np.random.Generator, weights: Mapping[str, float], k: int) -> list[str]:
    """Up to k distinct keys, drawn without replacement in proportion to their weights."""
    keys = [key for key, weight in weights.items() if weight > 0]
    k = min(k, len(keys))
    if k <= 0:
        return []
    p = np.array([weights[key] for key in keys], dtype=float)
    chosen = rng.choice(len(keys), size=k, replace=False, p=p / p.sum())
    return [keys[int(i)] for i in chosen]


def _scale(rng: np.random.Generator, mean: float, values: Sequence[int], sd: float = 0.75) -> int:
    low, high = min(values), max(values)
    return int(np.clip(round(rng.normal(mean, sd)), low, high))


def _matrix(rng: np.random.Generator, question: LayoutQuestion, means: Mapping[str, float], *,
            dont_know: float | Mapping[str, float] = 0.04, skip: float = 0.02, sd: float = 0.75) -> Answers:
    """Answers to a matrix question: ``q.statement`` → scale value, ``dont_know`` or (skipped) nothing."""
    answers: Answers = {}
    for statement, _ in question.statements:
        key = f"{question.id}.{statement}"
        if rng.random() < skip:
            continue
        dk = dont_know.get(key, 0.04) if isinstance(dont_know, Mapping) else dont_know
        if question.dont_know and rng.random() < dk:
            answers[key] = "dont_know"
        else:
            answers[key] = _scale(rng, means.get(key, 3.0), question.scale_values, sd)
    return answers


def _mean_of(answers: Answers, prefix: str, negative: Sequence[str] = (), top: int = 5) -> float | None:
    values = []
    for key, value in answers.items():
        if key.startswith(prefix) and isinstance(value, int):
            values.append(top + 1 - value if key in negative else value)
    return float(np.mean(values)) if values else None


def _date(rng: np.random.Generator, spread_days: int, *, weekdays_only: bool = False,
          early: bool = False) -> dt.date:
    while True:
        if early:  # most answer soon after the invitation
            offset = int(min(rng.exponential(spread_days / 3), spread_days - 1))
        else:
            offset = int(rng.integers(spread_days))
        day = CAMPAIGN_START + dt.timedelta(days=offset)
        if not weekdays_only or day.weekday() < 5:
            return day


def _language(rng: np.random.Generator, mix: Mapping[str, float]) -> str:
    return _pick_mapping(rng, mix)

