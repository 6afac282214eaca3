"""Absence bands: the share of school time a child has missed, in configurable bands.

How each shipped questionnaire asks about absence (questionnaires/*.yaml):

* **guardians** — ``absence_band``, a single choice already in the default bands: ``under_10``,
  ``from_10_to_20``, ``over_20`` (and ``dont_know``); and, only for the two higher bands,
  ``absence_hours``, the hours of absence this term (a number, often read from Wilma).
* **pupils** — ``missed_school``: "hardly ever / sometimes / often", a frequency, not a share
  of school time. It cannot be put in percentage bands; cross-tabulate ``missed_school`` itself.
* **staff** — no absence question.

:func:`absence_bands` uses the banded answer, and the hours where given *and* the term's school
hours are known (``term_hours``): hours are exact, the band an estimate. Thresholds are
percentages of school time; the defaults 10 and 20 follow the research cited in the county
project, but they are local decisions (the Ostrobothnia handbook sets its own), so any
increasing thresholds can be given. A banded answer goes into a new band only when its whole
range lies in it (with thresholds 5, 10, 20 "under 10 %" is unknown unless hours tell more).
Boundaries: "under 10" is below 10; "10-20" includes both 10 and 20; "over 20" is above 20.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["ANSWER_RANGES", "DEFAULT_THRESHOLDS", "absence_bands", "band_codes", "band_labels", "band_of_percent"]

DEFAULT_THRESHOLDS = (10.0, 20.0)
ANSWER_RANGES = {"under_10": (0.0, 10.0), "from_10_to_20": (10.0, 20.0), "over_20": (20.0, 100.0)}
"""The guardians' ``absence_band`` codes as ranges of per cent of school time."""


def _number(value: float) -> str:
    return f"{value:g}"


def band_codes(thresholds: Sequence[float] = DEFAULT_THRESHOLDS) -> list[str]:
    """``under_10``, ``from_10_to_20``, ``over_20`` for the default thresholds."""
    t = _checked(thresholds)
    middle = [f"from_{_number(a)}_to_{_number(b)}" for a, b in zip(t, t[1:])]
    return [f"under_{_number(t[0])}", *middle, f"over_{_number(t[-1])}"]


def band_labels(thresholds: Sequence[float] = DEFAULT_THRESHOLDS) -> dict[str, str]:
    """Band code → label: ``under 10 %``, ``10–20 %``, ``over 20 %``."""
    t = _checked(thresholds)
    labels = [f"under {_number(t[0])} %", *(f"{_number(a)}–{_number(b)} %" for a, b in zip(t, t[1:])),
              f"over {_number(t[-1])} %"]
    return dict(zip(band_codes(t), labels))


def _checked(thresholds: Sequence[float]) -> tuple[float, ...]:
    t = tuple(float(x) for x in thresholds)
    if not t or any(b <= a for a, b in zip(t, t[1:])) or t[0] <= 0:
        raise ValueError(f"thresholds must be positive and increasing, not {thresholds!r}")
    return t


def _band_index(percent: float, t: tuple[float, ...]) -> int:
    # under t0 is strict; every later band is closed on the right ("10-20" includes 20)
    return int(percent >= t[0]) + sum(1 for x in t[1:] if percent > x)


def band_of_percent(percent: pd.Series, thresholds: Sequence[float] = DEFAULT_THRESHOLDS) -> pd.Series:
    """Per cent of school time → band code (ordered categorical; missing stays missing)."""
    t = _checked(thresholds)
    codes = band_codes(t)
    values = pd.to_numeric(percent, errors="coerce")
    banded = [codes[_band_index(v, t)] if pd.notna(v) else None for v in values]
    return _categorical(banded, percent.index, t)


def _categorical(values: list[Any], index: pd.Index, t: tuple[float, ...]) -> pd.Series:
    series = pd.Series(pd.Categorical(values, categories=band_codes(t), ordered=True), index=index,
                       name="absence_band")
    series.attrs["value_labels"] = band_labels(t)
    return series


def absence_bands(data: Any, *, thresholds: Sequence[float] = DEFAULT_THRESHOLDS,
                  term_hours: float | None = None, band_column: str = "absence_band",
                  hours_column: str = "absence_hours") -> pd.Series:
    """Each respondent's absence band (ordered categorical of band codes; labels in ``.attrs``).

    ``data``: an ``Export``, combined ``Respondents`` or a DataFrame. Missing for respondents
    without an absence answer (pupils, staff, "don't know", or a band the answer cannot decide).
    ``term_hours``: the school hours of the term, to turn ``absence_hours`` into per cent (about
    475 for 19 weeks of 25 lessons; set it to the local timetable); without it hours are unused.
    """
    frame = data.data if hasattr(data, "data") else data
    t = _checked(thresholds)
    codes = band_codes(t)
    result: list[Any] = [None] * len(frame)
    if band_column in frame:
        for position, answer in enumerate(frame[band_column].tolist()):
            span = ANSWER_RANGES.get(answer) if isinstance(answer, str) else None
            if span is None:
                continue
            low, high = span
            # the answer's range is [low, high) for "under", [low, high] for the middle, (low, high] above
            first = _band_index(low + 1e-9 if answer == "over_20" else low, t)
            last = _band_index(high - 1e-9 if answer == "under_10" else high, t)
            if first == last:
                result[position] = codes[first]
    if term_hours is not None and hours_column in frame:
        if term_hours <= 0:
            raise ValueError("term_hours must be positive")
        hours = pd.to_numeric(frame[hours_column], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        for position, value in enumerate(hours):
            if not np.isnan(value):
                result[position] = codes[_band_index(100 * value / term_hours, t)]
    return _categorical(result, frame.index, t)
