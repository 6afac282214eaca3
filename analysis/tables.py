"""Cross-tabulation that protects families: counts and shares with small cells suppressed.

    >>> from analysis.tables import crosstab
    >>> from analysis.bands import absence_bands
    >>> table = crosstab(export, "reasons", absence_bands(export))   # a multiple choice by band
    >>> table.display          # "12 (40 %)", "<5", ".." — safe to publish
    >>> table.counts           # the published counts (<NA> where hidden), with totals
    >>> table.to_frame()       # one row per cell, for CSV or JSON

A variable (``rows`` or ``columns``) may be

* the name of a column: a single choice, a Likert or matrix item (``"coop.heard"``), a leading
  column (``"language"``, ``"area"``, ``"respondent_role"``), ``"role"`` of combined respondents
  (analysis.respondents), or ``"school"``/``"schools"``: the campaign's schools — the export has
  no school per respondent, so this is a school only when a campaign covers one school;
* the id of a multiple-choice question (``"reasons"``): one row or column per option, from the
  ``reasons__option`` columns;
* a Series aligned with the data (a theme per answer, or :func:`analysis.bands.absence_bands`);
* a DataFrame of 0/1 aligned with the data (several themes per answer), read as multiple choice.

Respondents count when they answered both variables. On a multiple-choice axis a respondent can
be counted in several rows or columns, so the totals are **respondents**, not sums of the cells,
and shares across a multiple choice add up to more than 100 %. Suppression follows
analysis.suppression; a share is hidden when its count or its denominator is hidden.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .suppression import MIN_COUNT, SHOWN, TOTAL, Suppression, suppress

__all__ = ["CrossTab", "crosstab"]

DASH = " — "
_SCHOOL_ALIASES = {"school": "schools"}


@dataclass(frozen=True)
class _Variable:
    name: str
    indicators: pd.DataFrame
    """One 0/1 column per category; a row of <NA> for respondents without an answer."""
    multiple: bool
    labels: Mapping[Any, str]


@dataclass(frozen=True)
class CrossTab:
    """A suppressed cross-table. Frames are extended with a ``Total`` row and column."""

    suppression: Suppression
    rows: str
    columns: str | None
    shares_of: str
    n: int
    """Respondents in the table (answered both variables)."""
    row_labels: Mapping[Any, str]
    column_labels: Mapping[Any, str]

    @property
    def unsafe_counts(self) -> pd.DataFrame:
        """All counts, small ones included: for checking only, **never to publish**."""
        return self.suppression.table

    @property
    def counts(self) -> pd.DataFrame:
        """The counts that may be published (``<NA>`` where suppressed)."""
        return self._labelled(self.suppression.published)

    @property
    def shares(self) -> pd.DataFrame:
        """Row or column shares (0-1) that may be published (``<NA>`` where suppressed)."""
        return self._labelled(self._shares(True))

    @property
    def display(self) -> pd.DataFrame:
        """Texts: ``"12 (40 %)"``; ``"<5"`` and ``".."`` where suppressed; totals as counts."""
        counts = self.suppression.display()
        shares = self._shares(True)
        text = counts.copy()
        r, c = len(counts.index) - 1, len(counts.columns) - 1
        for i in range(r + 1):
            for j in range(c + 1):
                share = shares.iat[i, j]
                margin = (j == c) if self.shares_of == "row" else (i == r)
                if not margin and pd.notna(share):
                    text.iat[i, j] = f"{counts.iat[i, j]} ({100 * share:.0f} %)"
        if self.columns is None:
            text = text.drop(columns=TOTAL)
        return self._labelled(text)

    def to_frame(self) -> pd.DataFrame:
        """One row per cell and total, publishable: codes, labels, count, share, shown text."""
        counts, shares, shown = self.suppression.published, self._shares(True), self.suppression.display()
        status = self.suppression.status
        records = []
        for row in counts.index:
            for column in counts.columns:
                if self.columns is None and column == TOTAL:
                    continue
                records.append({
                    "row": row, "row_label": self.row_labels.get(row, row) if row != TOTAL else TOTAL,
                    "column": column,
                    "column_label": self.column_labels.get(column, column) if column != TOTAL else TOTAL,
                    "count": counts.at[row, column], "share": shares.at[row, column],
                    "shown": shown.at[row, column], "suppressed": status.at[row, column] != SHOWN,
                })
        frame = pd.DataFrame(records)
        frame["count"] = frame["count"].astype("Int64")
        frame["share"] = frame["share"].astype("Float64")
        return frame

    def _shares(self, safe: bool) -> pd.DataFrame:
        table = self.suppression.table.astype(float)
        hidden = self.suppression.hidden
        if self.shares_of == "row":
            denominator = table[[TOTAL]].to_numpy()
            hidden_denominator = hidden[[TOTAL]].to_numpy()
        else:
            denominator = table.loc[[TOTAL]].to_numpy()
            hidden_denominator = hidden.loc[[TOTAL]].to_numpy()
        with np.errstate(divide="ignore", invalid="ignore"):
            shares = pd.DataFrame(table.to_numpy() / denominator, index=table.index, columns=table.columns)
        shares = shares.where(np.isfinite(shares.to_numpy()))
        if safe:
            shares = shares.mask(hidden.to_numpy() | np.broadcast_to(hidden_denominator, hidden.shape))
        return shares.astype("Float64")

    def _labelled(self, frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame.rename(index=lambda v: self.row_labels.get(v, v) if v != TOTAL else v,
                             columns=lambda v: self.column_labels.get(v, v) if v != TOTAL else v)
        frame.index.name, frame.columns.name = self.rows, self.columns
        return frame


def crosstab(data: Any, rows: Any, columns: Any = None, *, shares: str = "row", dont_know: str = "keep",
             threshold: int = MIN_COUNT, codebook: Mapping[str, Any] | None = None) -> CrossTab:
    """Counts and shares of ``rows`` by ``columns`` (or of ``rows`` alone), small cells suppressed.

    ``data``: an ``Export``, combined ``Respondents`` or a DataFrame (with ``codebook`` for labels).
    ``shares``: ``"row"`` (each row adds up to 100 % on an exclusive axis) or ``"column"``; a table
    of one variable (no ``columns``) always shows shares of all its respondents.
    ``dont_know``: ``"keep"`` it as a category or ``"drop"`` it from the table.
    """
    if shares not in ("row", "column"):
        raise ValueError("shares must be 'row' or 'column'")
    if columns is None:
        shares = "column"
    if dont_know not in ("keep", "drop"):
        raise ValueError("dont_know must be 'keep' or 'drop'")
    frame = data.data if hasattr(data, "data") else data
    book = codebook if codebook is not None else getattr(data, "codebook", {}) or {}
    row = _variable(frame, book, rows, dont_know)
    column = _variable(frame, book, columns, dont_know) if columns is not None else _everyone(frame)
    answered = row.indicators.notna().all(axis=1) & column.indicators.notna().all(axis=1)
    a = row.indicators[answered].astype(int).to_numpy()
    b = column.indicators[answered].astype(int).to_numpy()
    counts = pd.DataFrame(a.T @ b, index=row.indicators.columns, columns=column.indicators.columns)
    result = suppress(counts, row_totals=a.sum(axis=0), column_totals=b.sum(axis=0), total=int(answered.sum()),
                      multiple_rows=row.multiple, multiple_columns=column.multiple, threshold=threshold)
    return CrossTab(result, row.name, None if columns is None else column.name, shares, int(answered.sum()),
                    dict(row.labels), dict(column.labels))


def _everyone(frame: pd.DataFrame) -> _Variable:
    return _Variable("n", pd.DataFrame({"n": 1}, index=frame.index), False, {"n": "n"})


def _variable(frame: pd.DataFrame, codebook: Mapping[str, Any], spec: Any, dont_know: str) -> _Variable:
    if isinstance(spec, pd.DataFrame):
        indicators = spec.reindex(frame.index).astype("Float64")
        labels = {c: str(c) for c in spec.columns}
        return _Variable(str(spec.attrs.get("name", "themes")), indicators, True, labels)
    if isinstance(spec, pd.Series):
        series = spec.reindex(frame.index)
        labels = dict(spec.attrs.get("value_labels") or {})
        name = str(spec.name) if spec.name is not None else "variable"
        info = codebook.get(name) if not labels else None
        if info is not None:
            labels = dict(info.values)
        return _single(name, series, labels, dont_know)
    name = _SCHOOL_ALIASES.get(spec, spec) if spec not in frame else spec
    if name in frame:
        info = codebook.get(name)
        return _single(name, frame[name], dict(info.values) if info is not None else {}, dont_know)
    options = [(n, i) for n, i in codebook.items()
               if i.question_id == spec and i.option is not None and i.type == "boolean" and n in frame]
    if not options:
        raise KeyError(f"{spec!r}: no such column, nor a multiple-choice question in the codebook")
    indicators = pd.DataFrame({i.option: frame[n] for n, i in options}, index=frame.index).astype("Float64")
    labels = {i.option: i.label.split(DASH, 1)[-1] for _, i in options}
    return _Variable(str(spec), indicators, True, labels)


def _single(name: str, series: pd.Series, labels: Mapping[Any, str], dont_know: str) -> _Variable:
    values = series.astype("object").where(series.notna(), None)
    if dont_know == "drop":
        values = values.where(values != "dont_know", None)
    observed = [v for v in pd.unique(values.dropna())]
    if isinstance(series.dtype, pd.CategoricalDtype):
        categories = list(series.cat.categories)
    else:
        categories = [code for code in labels if not (dont_know == "drop" and code == "dont_know")]
    extra = sorted((v for v in observed if v not in categories), key=lambda v: (isinstance(v, str), str(v)))
    categories = [*categories, *extra]
    indicators = pd.DataFrame({c: (values == c).astype(float) for c in categories}, index=series.index)
    indicators = indicators.astype("Float64").mask(values.isna().to_numpy()[:, None].repeat(len(categories), 1))
    return _Variable(name, indicators, False, {c: str(labels.get(c, c)) for c in categories})
