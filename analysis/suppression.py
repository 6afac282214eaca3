"""Small-cell suppression for tables of counts: no published table may reveal a group under 5.

The rule (docs/researchers-tables.md explains it with an example):

1. **Primary suppression.** A count from 1 to 4 (``threshold - 1``) is hidden and shown as
   ``"<5"``. This holds for cells and for totals. **Zeros are shown**: a zero describes nobody,
   and the threshold rule (OECD/Eurostat glossary of statistical disclosure control, Statistics
   Finland's output checking) is about the number of respondents *in* a cell. A row or column
   whose total is under 5 is hidden as a whole, zeros included, as Statistics Finland's output
   checking does, so that "all three of them answered X" cannot be read from it either.
2. **Complementary (secondary) suppression.** A reader who knows the published cells and totals
   could compute a hidden cell back by subtraction. So, until nothing changes, whenever a hidden
   sensitive count can be computed from a row, a column or the totals, the smallest published
   non-zero count in that line is hidden as well (shown as ``".."``: it is not under 5, it is
   hidden to protect one that is). Complements are never zeros, so the reader gains nothing from
   knowing that "<5" is 1-4 and ".." is 5 or more: a final check bounds every hidden count by
   linear programming over all rows, columns and totals at once (what a determined reader could
   do) and hides more until no count under 5 is pinned to a single value.
3. **Multiple-choice axes.** When respondents can fall in several columns (a multiple-choice
   question, or several themes per answer), the totals are *respondent* counts, not sums of the
   cells, and every cell has a hidden partner: the respondents of the row who did *not* choose the
   column (``row total - cell``). That partner is a group too, so 97 of 100 is as revealing as 3
   of 100: such a partner under 5 is protected like a cell.

:func:`suppress` applies the rule to a table of counts with its totals and returns a
:class:`Suppression`; :func:`recover_by_subtraction` is the reader's attack (row and column
subtraction, repeated until nothing more follows) and :func:`hidden_bounds` the stronger one;
the tests use both to show that no hidden count under 5 can be computed back.
"""
from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "COMPLEMENT_MARK",
    "MIN_COUNT",
    "PRIMARY",
    "SECONDARY",
    "SHOWN",
    "TOTAL",
    "Suppression",
    "hidden_bounds",
    "primary_mark",
    "recover_by_subtraction",
    "suppress",
]

MIN_COUNT = 5
"""Counts from 1 to MIN_COUNT - 1 are never published."""
TOTAL = "Total"
"""Label of the totals row and column in an extended table."""
SHOWN, PRIMARY, SECONDARY = "shown", "primary", "secondary"
COMPLEMENT_MARK = ".."


def primary_mark(threshold: int = MIN_COUNT) -> str:
    return f"<{threshold}"


@dataclass(frozen=True)
class Suppression:
    """A table of counts with its totals and, for every count, whether it may be published.

    ``table`` and ``status`` are *extended* tables: the cells, then a ``Total`` column (row
    totals) and a ``Total`` row (column totals), the grand total in the corner. ``status`` holds
    ``"shown"``, ``"primary"`` (under the threshold) or ``"secondary"`` (hidden to protect one).
    """

    table: pd.DataFrame
    status: pd.DataFrame
    threshold: int
    multiple_rows: bool
    multiple_columns: bool

    @property
    def hidden(self) -> pd.DataFrame:
        return self.status != SHOWN

    @property
    def published(self) -> pd.DataFrame:
        """The counts a reader may see (``<NA>`` where hidden)."""
        return self.table.astype("Int64").mask(self.hidden)

    def display(self) -> pd.DataFrame:
        """The counts as texts: ``"<5"`` for primary, ``".."`` for complementary suppression."""
        marks = {PRIMARY: primary_mark(self.threshold), SECONDARY: COMPLEMENT_MARK}
        shown = self.table.astype(int).astype(str)
        return shown.where(self.status == SHOWN, self.status.replace(marks))

    @property
    def cells(self) -> pd.DataFrame:
        return self.table.iloc[:-1, :-1]


def suppress(counts: pd.DataFrame, *, row_totals: Any = None, column_totals: Any = None,
             total: int | None = None, multiple_rows: bool = False, multiple_columns: bool = False,
             threshold: int = MIN_COUNT) -> Suppression:
    """Apply the suppression rule to ``counts`` (rows x columns) and its totals.

    For an ordinary (exclusive) axis the totals default to the sums. For a multiple-choice axis
    (``multiple_columns=True``: a respondent may be counted in several columns) the row totals
    are the respondents of each row and must be given, as must ``total`` (all respondents).
    """
    counts = counts.astype("int64")
    rows, columns = list(counts.index), list(counts.columns)
    values = counts.to_numpy()
    row_totals = _totals(row_totals, values.sum(axis=1), rows, multiple_columns, "row_totals")
    column_totals = _totals(column_totals, values.sum(axis=0), columns, multiple_rows, "column_totals")
    if total is None:
        if not multiple_rows:
            total = int(row_totals.sum())
        elif not multiple_columns:
            total = int(column_totals.sum())
        else:
            raise ValueError("total (the respondents) is needed when both axes are multiple-choice")
    system = _System(values, row_totals, column_totals, int(total), multiple_rows, multiple_columns)
    status = system.solve(threshold)
    index = [*rows, TOTAL]
    cols = [*columns, TOTAL]
    table = pd.DataFrame(system.extended(), index=index, columns=cols)
    state = pd.DataFrame(status, index=index, columns=cols)
    return Suppression(table, state, threshold, multiple_rows, multiple_columns)


def _totals(given: Any, sums: np.ndarray, labels: list[Hashable], required: bool, name: str) -> np.ndarray:
    if given is None:
        if required:
            raise ValueError(f"{name}: respondent counts are needed for a multiple-choice axis")
        return sums.astype("int64")
    if isinstance(given, Mapping) or isinstance(given, pd.Series):
        array = np.array([int(pd.Series(given)[label]) for label in labels], dtype="int64")
    else:
        array = np.asarray(given, dtype="int64")
    if array.shape != sums.shape:
        raise ValueError(f"{name}: {len(array)} totals for {len(sums)} lines")
    if not required and not np.array_equal(array, sums):
        raise ValueError(f"{name}: the totals of an exclusive axis must be the sums of the cells")
    return array


class _System:
    """The table as entries (cells, totals, hidden partners) and the equations between them."""

    def __init__(self, values: np.ndarray, row_totals: np.ndarray, column_totals: np.ndarray, total: int,
                 multiple_rows: bool, multiple_columns: bool) -> None:
        r, c = values.shape
        self.shape = (r, c)
        entries = [*values.ravel().tolist(), *row_totals.tolist(), *column_totals.tolist(), total]
        self.n_shown = len(entries)
        self.equations: list[list[tuple[int, int]]] = []
        cell = lambda i, j: i * c + j  # noqa: E731
        row = lambda i: r * c + i  # noqa: E731
        col = lambda j: r * c + r + j  # noqa: E731
        grand = r * c + r + c

        def partner(value: int) -> int:
            entries.append(value)
            return len(entries) - 1

        # along the columns: a row's cells against its total
        if multiple_columns:
            not_chosen = {}
            for i in range(r):
                for j in range(c):
                    not_chosen[i, j] = partner(int(row_totals[i] - values[i, j]))
                    self.equations.append([(cell(i, j), 1), (not_chosen[i, j], 1), (row(i), -1)])
            column_rest = [partner(int(total - column_totals[j])) for j in range(c)]
            for j in range(c):
                self.equations.append([(col(j), 1), (column_rest[j], 1), (grand, -1)])
                if not multiple_rows:
                    self.equations.append([*((not_chosen[i, j], 1) for i in range(r)), (column_rest[j], -1)])
        else:
            for i in range(r):
                self.equations.append([*((cell(i, j), 1) for j in range(c)), (row(i), -1)])
            self.equations.append([*((col(j), 1) for j in range(c)), (grand, -1)])
        # along the rows: a column's cells against its total
        if multiple_rows:
            not_in_row = {}
            for i in range(r):
                for j in range(c):
                    not_in_row[i, j] = partner(int(column_totals[j] - values[i, j]))
                    self.equations.append([(cell(i, j), 1), (not_in_row[i, j], 1), (col(j), -1)])
            row_rest = [partner(int(total - row_totals[i])) for i in range(r)]
            for i in range(r):
                self.equations.append([(row(i), 1), (row_rest[i], 1), (grand, -1)])
                if not multiple_columns:
                    self.equations.append([*((not_in_row[i, j], 1) for j in range(c)), (row_rest[i], -1)])
            if multiple_columns:  # the 2 x 2 table of each cell: both, only one, neither
                for i in range(r):
                    for j in range(c):
                        neither = partner(int(total - row_totals[i] - column_totals[j] + values[i, j]))
                        self.equations.append([(cell(i, j), 1), (not_chosen[i, j], 1), (not_in_row[i, j], 1),
                                               (neither, 1), (grand, -1)])
        else:
            for j in range(c):
                self.equations.append([*((cell(i, j), 1) for i in range(r)), (col(j), -1)])
            self.equations.append([*((row(i), 1) for i in range(r)), (grand, -1)])
        self.values = np.array(entries, dtype="int64")
        if (self.values < 0).any():
            raise ValueError("the counts and totals do not fit together (a cell exceeds its total)")
        self.cell, self.row, self.col, self.grand = cell, row, col, grand

    def extended(self) -> np.ndarray:
        r, c = self.shape
        table = np.zeros((r + 1, c + 1), dtype="int64")
        for (i, j), k in self._positions().items():
            table[i, j] = self.values[k]
        return table

    def whole_lines(self, primary: np.ndarray) -> np.ndarray:
        """The cells hidden because their row or column total (or the grand total) is under the threshold."""
        r, c = self.shape
        lines = np.zeros(len(self.values), dtype=bool)
        for i in range(r):
            for j in range(c):
                if primary[self.row(i)] or primary[self.col(j)] or primary[self.grand]:
                    lines[self.cell(i, j)] = True
        if primary[self.grand]:
            lines[: self.n_shown] = True
        return lines

    def _positions(self) -> dict[tuple[int, int], int]:
        r, c = self.shape
        positions = {(i, j): self.cell(i, j) for i in range(r) for j in range(c)}
        positions.update({(i, c): self.row(i) for i in range(r)})
        positions.update({(r, j): self.col(j) for j in range(c)})
        positions[r, c] = self.grand
        return positions

    def solve(self, threshold: int) -> np.ndarray:
        r, c = self.shape
        values, shown = self.values, self.n_shown
        small = (values >= 1) & (values < threshold)
        primary = np.zeros(len(values), dtype=bool)
        primary[:shown] = small[:shown]
        whole_line = self.whole_lines(primary)
        primary |= whole_line
        sensitive = small  # a hidden zero (in a small row) may be worked out: it describes nobody
        hidden = primary.copy()
        hidden[shown:] = True
        secondary = np.zeros(len(values), dtype=bool)

        def hide(k: int) -> None:
            hidden[k] = secondary[k] = True

        for k in np.flatnonzero(small[shown:]) + shown:  # a small partner: hide its cell (or total)
            defining = next(e for e in self.equations if any(entry == k for entry, _ in e))
            choice = self._complement([entry for entry, _ in defining], hidden)
            if choice is not None and not any(hidden[e] for e, _ in defining if e != k and e < shown):
                hide(choice)
        self._line_rule(hidden, hide)
        while sensitive.any():  # the safety net: subtraction in chains, then linear programming
            leak = self._subtraction_leak(hidden, sensitive)
            if leak is None:
                leak = self._interval_leak(hidden, sensitive, primary, whole_line, secondary, threshold)
            choice = None if leak is None else self._complement(leak, hidden)
            if choice is None:
                break
            hide(choice)
            self._line_rule(hidden, hide)
        status = np.full(shown, SHOWN, dtype=object)
        status[primary[:shown]] = PRIMARY
        status[secondary[:shown]] = SECONDARY
        table = np.empty((r + 1, c + 1), dtype=object)
        for (i, j), k in self._positions().items():
            table[i, j] = status[k]
        return table

    def _line_rule(self, hidden: np.ndarray, hide: Any) -> None:
        """Until stable: a row, column or totals line with exactly one hidden count gets a second.

        The second is the smallest published non-zero count of the line, preferring one whose
        other line also has a single hidden count (one complement then protects two lines).
        """
        additive = [[k for k, _ in e] for e in self.equations if all(k < self.n_shown for k, _ in e)]
        while True:
            singles = [line for line in additive
                       if sum(hidden[k] for k in line) == 1 and any(hidden[k] and self.values[k] for k in line)]
            line = next((line for line in singles if any(not hidden[k] and self.values[k] for k in line)), None)
            if line is None:
                return
            candidates = [k for k in line if not hidden[k] and self.values[k] > 0]
            cells = self.shape[0] * self.shape[1]

            def key(k: int) -> tuple[int, int, bool, int]:
                fixes = sum(1 for other in singles if other is not line and k in other)
                return (-fixes, int(self.values[k]), k >= cells, k)

            hide(min(candidates, key=key))

    def _subtraction_leak(self, hidden: np.ndarray, sensitive: np.ndarray) -> list[int] | None:
        """The equation that gives a sensitive entry away by subtraction, or None."""
        known = ~hidden
        changed = True
        while changed:
            changed = False
            for equation in self.equations:
                unknown = [k for k, _ in equation if not known[k]]
                if len(unknown) == 1:
                    if sensitive[unknown[0]]:
                        return [k for k, _ in equation]
                    known[unknown[0]] = True
                    changed = True
        return None

    def _interval_leak(self, hidden: np.ndarray, sensitive: np.ndarray, primary: np.ndarray,
                       whole_line: np.ndarray, secondary: np.ndarray, threshold: int) -> list[int] | None:
        """The entries around a sensitive entry that linear programming pins to one value, or None."""
        low, high = _prior(self.values, hidden, primary, whole_line, secondary, threshold, self.n_shown)
        a = _matrix(self.equations, len(self.values))
        for k in np.flatnonzero(sensitive & hidden):
            lo, hi = _bounds(a, low, high, int(k))
            if hi - lo < 0.5:
                return [e for equation in self.equations if any(e2 == k for e2, _ in equation) for e, _ in equation]
        return None

    def _complement(self, around: list[int], hidden: np.ndarray) -> int | None:
        """The smallest published non-zero count among ``around`` (cells before totals), else anywhere."""
        candidates = [k for k in dict.fromkeys(around) if k < self.n_shown and not hidden[k] and self.values[k] > 0]
        if not candidates:
            candidates = [k for k in range(self.n_shown) if not hidden[k] and self.values[k] > 0]
        if not candidates:
            return None
        cells = self.shape[0] * self.shape[1]
        return min(candidates, key=lambda k: (self.values[k], k >= cells, k))


def _prior(values: np.ndarray, hidden: np.ndarray, primary: np.ndarray, whole_line: np.ndarray,
           secondary: np.ndarray, threshold: int, shown: int) -> tuple[np.ndarray, np.ndarray]:
    """What a reader knows of each entry: published values exactly, "<5" is 1-4 (0-4 in a hidden
    line), ".." is at least the threshold, the unpublished partners are at least 0."""
    low = np.where(hidden, 0, values).astype(float)
    high = np.where(hidden, np.inf, values).astype(float)
    index = np.arange(len(values))
    is_primary = primary & (index < shown)
    low[is_primary & ~whole_line] = 1
    high[is_primary] = threshold - 1
    low[secondary] = threshold
    return low, high


def _matrix(equations: list[list[tuple[int, int]]], n: int) -> np.ndarray:
    a = np.zeros((len(equations), n))
    for row, equation in enumerate(equations):
        for entry, coefficient in equation:
            a[row, entry] = coefficient
    return a


def _bounds(a: np.ndarray, low: np.ndarray, high: np.ndarray, k: int) -> tuple[float, float]:
    from scipy.optimize import linprog

    n = a.shape[1]
    bounds = [(lo, None if np.isinf(hi) else hi) for lo, hi in zip(low, high)]
    objective = np.zeros(n)
    objective[k] = 1
    result = []
    for sign in (1, -1):
        solution = linprog(sign * objective, A_eq=a, b_eq=np.zeros(a.shape[0]), bounds=bounds, method="highs")
        if solution.status == 3:  # unbounded above
            result.append(np.inf)
        elif solution.status != 0:  # pragma: no cover - the true values are always feasible
            raise RuntimeError(f"bounds: {solution.message}")
        else:
            result.append(sign * solution.fun)
    return result[0], result[1]


def hidden_bounds(suppression: Suppression) -> pd.DataFrame:
    """For every hidden count: the lowest and highest value consistent with what is published.

    The reader's best effort: all rows, columns and totals at once, knowing that "<5" is 1-4 (0-4
    in a hidden row or column) and ".." at least 5. One row per hidden count: ``row``, ``column``,
    ``value``, ``status``, ``low``, ``high``.
    """
    cells = suppression.cells
    rows = [suppression.table.index[i] for i in range(len(cells.index))]
    system = _System(cells.to_numpy(), suppression.table.iloc[:-1, -1].to_numpy(),
                     suppression.table.iloc[-1, :-1].to_numpy(), int(suppression.table.iloc[-1, -1]),
                     suppression.multiple_rows, suppression.multiple_columns)
    status = suppression.status.to_numpy()
    positions = system._positions()
    hidden = np.ones(len(system.values), dtype=bool)
    primary = np.zeros(len(system.values), dtype=bool)
    secondary = np.zeros(len(system.values), dtype=bool)
    for (i, j), k in positions.items():
        hidden[k] = status[i, j] != SHOWN
        primary[k] = status[i, j] == PRIMARY
        secondary[k] = status[i, j] == SECONDARY
    whole_line = system.whole_lines(primary)
    low, high = _prior(system.values, hidden, primary, whole_line, secondary, suppression.threshold,
                       system.n_shown)
    a = _matrix(system.equations, len(system.values))
    records = []
    labels_r, labels_c = [*rows, TOTAL], list(suppression.table.columns)
    for (i, j), k in positions.items():
        if hidden[k]:
            lo, hi = _bounds(a, low, high, k)
            records.append({"row": labels_r[i], "column": labels_c[j], "value": int(system.values[k]),
                            "status": status[i, j], "low": lo, "high": hi})
    return pd.DataFrame(records, columns=["row", "column", "value", "status", "low", "high"])


def recover_by_subtraction(published: pd.DataFrame, *, multiple_rows: bool = False,
                           multiple_columns: bool = False) -> dict[tuple[Any, Any], int]:
    """The reader's attack: every hidden count that follows from rows, columns and totals.

    ``published`` is an extended table (cells, ``Total`` column and row) with ``<NA>`` where a
    count is hidden. A line whose cells add up to its total (an exclusive axis) with exactly one
    unknown gives that unknown away; this is repeated until nothing more follows. On a
    multiple-choice axis the totals are not sums, but a known cell and its known total give away
    the respondents who did *not* choose: those are returned as ``("not", row, column)`` (row
    total minus cell, multiple-choice columns) or ``("not in row", row, column)`` (column total
    minus cell, multiple-choice rows).
    Returns ``{(row, column): value}`` for the counts recovered (hidden ones only).
    """
    table = published.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    r, c = table.shape[0] - 1, table.shape[1] - 1
    known = ~np.isnan(table)
    values = table.copy()
    lines = []
    if not multiple_columns:  # a row's cells add up to its total, the column totals to the grand total
        lines += [[(i, j) for j in range(c)] + [(i, c)] for i in range(r + 1)]
    if not multiple_rows:
        lines += [[(i, j) for i in range(r)] + [(r, j)] for j in range(c + 1)]
    recovered: dict[tuple[Any, Any], int] = {}
    changed = True
    while changed:
        changed = False
        for line in lines:
            unknown = [p for p in line if not known[p]]
            if len(unknown) == 1:
                (i, j), total = unknown[0], line[-1]
                parts = sum(values[p] for p in line[:-1] if p != (i, j))
                values[i, j] = parts if (i, j) == total else values[total] - parts
                known[i, j] = True
                recovered[published.index[i], published.columns[j]] = int(round(values[i, j]))
                changed = True
    labels_r, labels_c = published.index, published.columns
    for i in range(r):
        for j in range(c):
            if multiple_columns and known[i, j] and known[i, c]:
                recovered["not", labels_r[i], labels_c[j]] = int(round(values[i, c] - values[i, j]))
            if multiple_rows and known[i, j] and known[r, j]:
                recovered["not in row", labels_r[i], labels_c[j]] = int(round(values[r, j] - values[i, j]))
    return recovered
