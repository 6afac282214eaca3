"""The SPSS ``.sav`` writer (pyreadstat).

Variables are named by the codebook's ``spss_name``. Texts are kept as they are (no apostrophe
rule). String columns stay strings, with their value labels; integer, number and 0/1 columns
are numeric. In a scale column "don't know" becomes a numeric code (``spss.dont_know_code``,
usually 99) with its value label, declared user-missing.
"""
from __future__ import annotations

import math
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import pyreadstat

from ..questionnaire.model import DONT_KNOW_VALUE
from .cells import BinaryTarget, binary_target
from .spss import dont_know_code
from .table import FORMAT_NAME, FORMAT_VERSION, Column, ExportInput, Table, Value, build_table, text_in

# byte limits of the .sav format
VARIABLE_LABEL_BYTES = 256
VALUE_LABEL_BYTES = 120
FILE_LABEL_BYTES = 64

_MEASURES = {"string": "nominal", "boolean": "nominal", "date": "scale", "number": "scale"}


def write_sav(export: ExportInput, target: BinaryTarget) -> None:
    table = build_table(export)
    frame, options = sav_frame(table)
    title = text_in(export.questionnaire.title, export.label_language)
    options["file_label"] = _truncate(f"{title}: {export.campaign.name}", FILE_LABEL_BYTES)
    options["note"] = [f"{FORMAT_NAME} version {FORMAT_VERSION}"]
    # pyreadstat writes to a path only
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "export.sav"
        pyreadstat.write_sav(frame, str(path), **options)
        with binary_target(target) as file, open(path, "rb") as written:
            shutil.copyfileobj(written, file)


def sav_frame(table: Table) -> tuple[pd.DataFrame, dict[str, Any]]:
    """The DataFrame for pyreadstat and the keyword arguments that describe its variables."""
    data: dict[str, pd.Series] = {}
    labels: dict[str, str] = {}
    value_labels: dict[str, dict[Any, str]] = {}
    missing: dict[str, list[Any]] = {}
    measures: dict[str, str] = {}
    formats: dict[str, str] = {}
    for index, column in enumerate(table.columns):
        name = column.spss_name
        cells = [row[index] for row in table.rows]
        codes = {code for code, _ in column.values}
        dont_know = None
        if column.type == "integer" and DONT_KNOW_VALUE in codes:
            dont_know = dont_know_code(c for c in codes if isinstance(c, int))
            missing[name] = [dont_know]
        data[name] = _series(column, cells, dont_know)
        labels[name] = _truncate(column.label, VARIABLE_LABEL_BYTES)
        if column.values:
            value_labels[name] = {
                (dont_know if code == DONT_KNOW_VALUE and dont_know is not None else code):
                    _truncate(label, VALUE_LABEL_BYTES)
                for code, label in column.values
            }
        measures[name] = _measure(column)
        if column.type in ("integer", "boolean"):
            formats[name] = f"F{_digits(data[name])}.0"
    options = {
        "column_labels": labels,
        "variable_value_labels": value_labels,
        "missing_ranges": missing,
        "variable_measure": measures,
        "variable_format": formats,
    }
    return pd.DataFrame(data), options


def _series(column: Column, cells: list[Value], dont_know: int | None) -> pd.Series:
    if column.type in ("string", "date"):
        return pd.Series(cells, dtype=object)
    numbers = []
    for cell in cells:
        if cell == DONT_KNOW_VALUE and dont_know is not None:
            numbers.append(float(dont_know))
        elif isinstance(cell, (int, float)):
            numbers.append(float(cell))
        else:
            numbers.append(math.nan)
    return pd.Series(numbers, dtype="float64")


def _measure(column: Column) -> str:
    if column.type == "integer":
        return "ordinal" if column.question_type in ("likert", "matrix") else "scale"
    if column.type == "string" and not column.values:
        return "nominal"
    return _MEASURES[column.type]


def _digits(series: pd.Series) -> int:
    largest = series.abs().max()
    if pd.isna(largest):
        return 8
    return max(8, len(str(int(largest))) + 1)


def _truncate(text: str, limit: int) -> str:
    """At most ``limit`` bytes of UTF-8, never cutting a character in two."""
    return text.encode("utf-8")[:limit].decode("utf-8", errors="ignore")


__all__ = ["sav_frame", "write_sav"]
