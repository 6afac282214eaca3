"""Charts for reports and workshops: readable on a projector, safe for colour-blind readers.

Every function takes what the analysis computed (a table of counts with its suppressed cells,
shares, an opinion-group result) and returns a :class:`matplotlib.figure.Figure`; :func:`save`
writes it as SVG and PNG. No pyplot state is touched, so charts can be drawn in threads, tests
and notebooks alike (a Figure shows itself in Jupyter).

- Colours: the Okabe-Ito palette for categories, ``cividis`` for heat maps; bars also differ
  by hatching, so nothing depends on colour alone (WCAG 1.4.1), in print too.
- Type: 16 pt and more at 13.3 x 7.5 inches (16:9), so a projected chart is readable from the
  back of a room.
- Words: titles and axis texts come from the ``analysis`` catalog in the chosen language
  (:mod:`analysis.i18n`); category labels (roles, bands, themes) are passed in already in that
  language.
- Small cells: a suppressed cell (NaN in ``counts``, or a ``suppressed`` mask) is drawn as
  "<5" and never as a bar of its true height.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .i18n import translator

__all__ = [
    "OKABE_ITO",
    "SUPPRESSED_TEXT",
    "absence_band_chart",
    "opinion_group_map",
    "save",
    "theme_role_heatmap",
    "theme_sizes_chart",
]

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
"""Okabe & Ito (2008): eight colours told apart with every common colour-vision deficiency."""
HATCHES = ("", "//", "..", "xx", "\\\\", "oo", "++", "--")
SUPPRESSED_TEXT = "<5"
COMPLEMENT_TEXT = ".."
SIZE = (13.33, 7.5)
STYLE = {
    "font.size": 16,
    "axes.titlesize": 22,
    "axes.labelsize": 18,
    "xtick.labelsize": 16,
    "ytick.labelsize": 16,
    "legend.fontsize": 16,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.fonttype": "none",  # text stays text in SVG: searchable, selectable, read by screen readers
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Noto Sans", "Liberation Sans", "Arial"],
}


def counts_and_mask(table: Any) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(counts, suppressed)`` of a table without its totals: a frame with NaN for hidden
    cells, a :class:`analysis.tables.CrossTab`, or any object with ``counts`` and ``suppressed``
    frames. Hidden counts are NaN in ``counts``: a chart cannot draw what it never gets."""
    if isinstance(table, pd.DataFrame):
        counts = table.astype(float)
        return counts, counts.isna()
    suppression = getattr(table, "suppression", None)
    if suppression is not None:  # a CrossTab: drop the Total row and column
        from .suppression import TOTAL

        published = suppression.published
        counts = published.drop(index=TOTAL, errors="ignore").drop(columns=TOTAL, errors="ignore")
        counts = counts.astype("Float64").astype(float)
        return counts, counts.isna()
    counts = pd.DataFrame(table.counts).astype(float)
    suppressed = pd.DataFrame(table.suppressed).reindex_like(counts).fillna(True).astype(bool)
    return counts.mask(suppressed), suppressed


def hidden_marks(table: Any, counts: pd.DataFrame) -> pd.DataFrame:
    """What to write in each hidden cell: "<5" (a small count) or ".." (hidden so that a small
    count cannot be worked out), as :mod:`analysis.suppression` marks them; "<5" otherwise."""
    marks = pd.DataFrame(SUPPRESSED_TEXT, index=counts.index, columns=counts.columns)
    suppression = getattr(table, "suppression", None)
    if suppression is not None:
        shown = suppression.display().reindex(index=counts.index, columns=counts.columns)
        marks = marks.where(~shown.isin([COMPLEMENT_TEXT]), COMPLEMENT_TEXT)
    return marks


def default_labels(table: Any) -> tuple[Mapping[Any, str], Mapping[Any, str]]:
    """The row and column labels a table carries (a CrossTab's), else none."""
    return dict(getattr(table, "row_labels", {}) or {}), dict(getattr(table, "column_labels", {}) or {})


def _figure(size: tuple[float, float] = SIZE):
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=size, layout="constrained")
        axes = figure.add_subplot()
    return figure, axes


def _styled(function):
    """Draw inside the chart style, so fonts and sizes apply to every text the function adds."""
    import functools

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        import matplotlib

        with matplotlib.rc_context(STYLE):
            return function(*args, **kwargs)

    return wrapper


def _labels(index: Sequence[Any], labels: Mapping[Any, str] | None) -> list[str]:
    labels = labels or {}
    return [str(labels.get(value, value)) for value in index]


def _wrap(text: str, width: int = 28) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width)) or text


@_styled
def theme_sizes_chart(table: Any, *, language: str = "en", title: str | None = None,
                      row_labels: Mapping[Any, str] | None = None,
                      column_labels: Mapping[Any, str] | None = None, shares: bool = True):
    """Horizontal bars: each theme (row) by each group (column), as a share of the group's
    respondents (or counts with ``shares=False``). Suppressed cells show "<5"."""
    _ = translator(language).gettext
    counts, suppressed = counts_and_mask(table)
    row_labels, column_labels = _merged_labels(table, row_labels, column_labels)
    marks = hidden_marks(table, counts)
    values = counts
    if shares:
        totals = _totals(table, counts, suppressed)
        values = counts.div(totals.replace(0, np.nan), axis=1) * 100
    figure, axes = _figure((SIZE[0], max(SIZE[1], 1.5 + 0.4 * len(counts) * max(2, len(counts.columns)))))
    rows = list(counts.index)[::-1]  # the first theme at the top
    groups = list(counts.columns)
    height = 0.8 / max(1, len(groups))
    positions = np.arange(len(rows))
    limit = float(np.nanmax(values.to_numpy())) if np.isfinite(values.to_numpy()).any() else 1.0
    for number, group in enumerate(groups):
        offsets = positions + (len(groups) - 1 - number) * height - 0.4 + height / 2
        heights = values.loc[rows, group].to_numpy(dtype=float)
        bars = axes.barh(offsets, np.nan_to_num(heights), height=height * 0.92,
                         color=OKABE_ITO[number % len(OKABE_ITO)], hatch=HATCHES[number % len(HATCHES)],
                         edgecolor="white", linewidth=0.5,
                         label=_labels([group], column_labels)[0])
        for bar, value, hidden, mark in zip(bars, heights, suppressed.loc[rows, group].to_numpy(),
                                            marks.loc[rows, group].to_numpy()):
            text = (mark if hidden else "–" if not np.isfinite(value)
                    else f"{value:.0f} %" if shares else f"{value:.0f}")
            axes.text(bar.get_width() + limit * 0.01, bar.get_y() + bar.get_height() / 2, text,
                      va="center", fontsize=13)
    axes.set_yticks(positions, [_wrap(label) for label in _labels(rows, row_labels)])
    axes.set_xlabel(_("Share of respondents (%)") if shares else _("Respondents"))
    axes.set_xlim(0, limit * 1.15 if limit > 0 else 1)
    axes.set_title(title or _("Themes by respondent group"), loc="left")
    if len(groups) > 1:
        figure.legend(loc="outside right upper", frameon=False)
    _note(figure, _note_text(_), suppressed)
    return figure


@_styled
def theme_role_heatmap(table: Any, *, language: str = "en", title: str | None = None,
                       row_labels: Mapping[Any, str] | None = None,
                       column_labels: Mapping[Any, str] | None = None):
    """A heat map of shares (%) of each group's respondents (columns) mentioning each theme
    (rows); suppressed cells are blank with "<5"."""
    _ = translator(language).gettext
    counts, suppressed = counts_and_mask(table)
    row_labels, column_labels = _merged_labels(table, row_labels, column_labels)
    marks = hidden_marks(table, counts)
    totals = _totals(table, counts, suppressed)
    shares = counts.div(totals.replace(0, np.nan), axis=1) * 100
    figure, axes = _figure((SIZE[0], max(SIZE[1], 1.5 + 0.85 * len(counts))))
    data = np.ma.masked_invalid(shares.to_numpy(dtype=float))
    image = axes.imshow(data, cmap="cividis", aspect="auto", vmin=0,
                        vmax=max(1.0, float(data.max()) if data.count() else 1.0))
    for (row, column), value in np.ndenumerate(shares.to_numpy(dtype=float)):
        hidden = bool(suppressed.iat[row, column])
        text = marks.iat[row, column] if hidden else f"{value:.0f}" if np.isfinite(value) else "–"
        colour = "black" if hidden or value > 0.6 * float(data.max() or 1) else "white"
        axes.text(column, row, text, ha="center", va="center", fontsize=15, color=colour)
    axes.set_xticks(range(len(counts.columns)), [_wrap(t, 16) for t in _labels(counts.columns, column_labels)])
    axes.set_yticks(range(len(counts.index)), [_wrap(t, 34) for t in _labels(counts.index, row_labels)])
    axes.tick_params(length=0)
    axes.xaxis.tick_top()
    for spine in axes.spines.values():
        spine.set_visible(False)
    bar = figure.colorbar(image, ax=axes, shrink=0.8)
    bar.set_label(_("Share of respondents (%)"))
    axes.set_title(title or _("Themes by respondent group"), loc="left")
    _note(figure, _note_text(_), suppressed)
    return figure


@_styled
def absence_band_chart(table: Any, *, language: str = "en", title: str | None = None,
                       row_labels: Mapping[Any, str] | None = None,
                       column_labels: Mapping[Any, str] | None = None):
    """Stacked bars, one per group (column of ``table``): the share of its respondents in each
    absence band (rows, in order). A group with a suppressed cell shows its bands as "<5"."""
    _ = translator(language).gettext
    counts, suppressed = counts_and_mask(table)
    row_labels, column_labels = _merged_labels(table, row_labels, column_labels)
    marks = hidden_marks(table, counts)
    figure, axes = _figure()
    groups = list(counts.columns)[::-1]
    totals = _totals(table, counts, suppressed)
    left = np.zeros(len(groups))
    for number, band in enumerate(counts.index):
        values = (counts.loc[band, groups] / totals[groups].replace(0, np.nan) * 100).to_numpy(dtype=float)
        shown = np.nan_to_num(values)
        bars = axes.barh(range(len(groups)), shown, left=left, height=0.6,
                         color=OKABE_ITO[number % len(OKABE_ITO)], hatch=HATCHES[number % len(HATCHES)],
                         edgecolor="white", label=_labels([band], row_labels)[0])
        for bar, value, hidden in zip(bars, values, suppressed.loc[band, groups].to_numpy()):
            if not hidden and value >= 6:
                axes.text(bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2,
                          f"{value:.0f} %", ha="center", va="center", fontsize=14, color="black",
                          bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "alpha": 0.8,
                                "linewidth": 0})
        left += shown
    band_names = _labels(counts.index, row_labels)
    for position, group in enumerate(groups):
        hidden = [f"{name}: {mark}" for name, flag, mark
                  in zip(band_names, suppressed[group].to_numpy(), marks[group].to_numpy()) if flag]
        if hidden:  # the hidden bands are named beside the bar, never drawn
            axes.text(101, position, "\n".join(hidden),
                      va="center", ha="left", fontsize=13, clip_on=False)
    axes.set_yticks(range(len(groups)), [_wrap(t, 20) for t in _labels(groups, column_labels)])
    axes.set_xlim(0, 100)
    axes.set_xlabel(_("Share of respondents (%)"))
    axes.set_title(title or _("Absence from school"), loc="left")
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=min(4, len(counts.index)), frameon=False)
    _note(figure, _note_text(_), suppressed)
    return figure


@_styled
def opinion_group_map(groups: Any, *, language: str = "en", title: str | None = None,
                      group_labels: Mapping[Any, str] | None = None):
    """The opinion-group map: each respondent a dot at their place on the two main axes of
    agreement, coloured and shaped by group; groups too small to report are grey.

    ``groups`` is a fitted :class:`analysis.opinions.OpinionGroups` (``embedding_``: the map
    position of each respondent it kept, ``labels_`` and ``reported_groups_``).
    """
    _ = translator(language).gettext
    embedding = groups.embedding_
    coordinates = np.asarray(embedding, dtype=float)
    labels = np.asarray(pd.Series(groups.labels_).loc[embedding.index] if hasattr(embedding, "index")
                        else groups.labels_)
    reported = set(getattr(groups, "reported_groups_", set(labels.tolist())))
    figure, axes = _figure()
    markers = ("o", "s", "^", "D", "v", "P", "X", "*")
    for number, group in enumerate(sorted(set(labels.tolist()))):
        points = coordinates[labels == group]
        if group in reported:
            name = (group_labels or {}).get(group) or _("Group %(name)s") % {"name": _group_letter(number)}
            axes.scatter(points[:, 0], points[:, 1], s=60, alpha=0.75, marker=markers[number % len(markers)],
                         color=OKABE_ITO[number % len(OKABE_ITO)], edgecolors="white", linewidths=0.5,
                         label=f"{name} ({len(points)})")
            centre = points.mean(axis=0)
            axes.annotate(name, centre, fontsize=20, fontweight="bold", ha="center", va="center",
                          bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "alpha": 0.85})
        else:
            axes.scatter(points[:, 0], points[:, 1], s=40, color="#999999", alpha=0.5, marker="o",
                         label=_("Groups under 5 respondents") if number == 0 or group == -1 else None)
    axes.set_xlabel(_("First axis of agreement"))
    axes.set_ylabel(_("Second axis of agreement"))
    axes.set_xticks([])
    axes.set_yticks([])
    axes.set_title(title or _("Opinion groups"), loc="left")
    axes.legend(loc="best", frameon=False)
    return figure


def _note_text(_) -> str:
    return _("<5: fewer than 5 respondents; ..: hidden so that no small number can be worked out.")


def _merged_labels(table: Any, rows: Mapping[Any, str] | None,
                   columns: Mapping[Any, str] | None) -> tuple[dict, dict]:
    own_rows, own_columns = default_labels(table)
    return {**own_rows, **(rows or {})}, {**own_columns, **(columns or {})}


def _group_letter(number: int) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[number % 26]


def _note(figure, text: str, suppressed: pd.DataFrame) -> None:
    if bool(np.asarray(suppressed).any()):  # a figure-level label, so the layout makes room for it
        figure.supxlabel(text, fontsize=13, x=0.01, ha="left", color="#333333")


def _totals(table: Any, counts: pd.DataFrame, suppressed: pd.DataFrame) -> pd.Series:
    """Each column's respondents: the table's own totals (NaN where hidden), else the column sum
    where nothing in the column is hidden (a sum of the visible cells would overstate shares)."""
    suppression = getattr(table, "suppression", None)
    if suppression is not None:
        from .suppression import TOTAL

        published = suppression.published
        if TOTAL in published.index:
            return published.loc[TOTAL].reindex(counts.columns).astype("Float64").astype(float)
    totals = getattr(table, "column_totals", None)
    if totals is not None:
        return pd.Series(totals, dtype=float).reindex(counts.columns)
    return counts.sum().where(~suppressed.any(), np.nan)


def save(figure, path: str | Path, *, formats: Sequence[str] = ("svg", "png"), dpi: int = 150) -> list[Path]:
    """Write ``figure`` as ``path.svg`` and ``path.png`` (suffix of ``path`` ignored)."""
    import matplotlib

    path = Path(path)
    written = []
    with matplotlib.rc_context(STYLE):
        for fmt in formats:
            target = path.with_suffix(f".{fmt}")
            target.parent.mkdir(parents=True, exist_ok=True)
            figure.savefig(target, format=fmt, dpi=dpi, metadata=_metadata(fmt))
            written.append(target)
    return written


def svg_text(figure, *, prefix: str = "chart") -> str:
    """The figure as an ``<svg>`` element to inline in HTML: no XML prolog, and ids made
    unique with ``prefix`` so that several charts can share one page."""
    import io
    import re

    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context({**STYLE, "svg.hashsalt": prefix, "svg.id": prefix}):
        figure.savefig(buffer, format="svg", metadata=_metadata("svg"))
    text = buffer.getvalue()
    return text[re.search(r"<svg\b", text).start():]


def _metadata(fmt: str) -> dict[str, Any]:
    # no creation date: the same chart gives the same file, so reports diff cleanly
    if fmt == "svg":
        return {"Date": None, "Creator": "Verkosto analysis"}
    if fmt == "png":
        return {"Software": "Verkosto analysis"}
    return {}
