"""Read a Verkosto export (docs/export-format.md) into a pandas DataFrame and its codebook.

This module is the analysis side of the contract with the web app's exporter: it depends on
the documented file format only, never on Flask or ``surveyapp``.

    >>> from analysis.export_reader import read_export
    >>> export = read_export("kevat-2025.xlsx")           # or .json, or .csv (+ .codebook.csv)
    >>> export.data["overall"].value_counts()
    >>> export.codebook["overall"].values                 # {1: 'Disagree', ..., 'dont_know': ...}

Types follow the codebook: ``string`` → ``string`` dtype, ``integer`` → ``Int64`` (``object``
when a scale column holds ``"dont_know"``, unless ``dont_know="missing"``), ``number`` →
``Float64``, ``boolean`` (0/1) → ``boolean``, ``date`` → ``datetime64``. In CSV and XLSX the
apostrophe that protected a text against formula injection is removed again, and only there.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pandas as pd

FORMAT_NAME = "verkosto-export"
SUPPORTED_VERSIONS = (1,)
COLUMN_TYPES = ("string", "integer", "number", "date", "boolean")
CODEBOOK_FIELDS = (
    "format_version", "name", "label", "type", "question_id", "question_type",
    "answer_key", "option", "values", "spss_name",
)
DATA_SHEET = "data"
CODEBOOK_SHEET = "codebook"
DONT_KNOW = "dont_know"

_PROTECTED = re.compile(r"'+[=+\-@\t\r]")
_INTEGER = re.compile(r"-?\d+")

Source = str | os.PathLike[str] | IO[bytes]
Code = int | str


class ExportFormatError(ValueError):
    """The file is not a Verkosto export, or it is damaged."""


class UnsupportedVersionError(ExportFormatError):
    """The export was written in a format version this reader does not know."""


@dataclass(frozen=True)
class ColumnInfo:
    name: str
    label: str
    type: str
    question_id: str | None = None
    question_type: str | None = None
    answer_key: str | None = None
    option: str | None = None
    values: Mapping[Code, str] = field(default_factory=dict)
    spss_name: str | None = None


@dataclass(frozen=True)
class Export:
    data: pd.DataFrame
    codebook: Mapping[str, ColumnInfo]
    """Column name → its description, in the order of the columns."""
    format_version: int
    metadata: Mapping[str, Any] = field(default_factory=dict)
    """From a JSON export: ``questionnaire``, ``campaign`` and ``label_language``; else empty."""

    def labelled(self, name: str) -> pd.Series:
        """A coded column with each code replaced by its label (texts stay as they are)."""
        values = self.codebook[name].values
        return self.data[name].map(lambda v: values.get(v, v), na_action="ignore")


def unprotect(text: str) -> str:
    """Undo the formula-injection rule: drop the apostrophe only where the writer added one."""
    return text[1:] if _PROTECTED.match(text) else text


def read_export(source: str | os.PathLike[str], codebook: str | os.PathLike[str] | None = None,
                *, dont_know: str = "keep") -> Export:
    """Read ``NAME.xlsx``, ``NAME.json`` or ``NAME.csv`` (with ``NAME.codebook.csv`` beside it)."""
    path = Path(source)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return read_csv_export(path, codebook or codebook_path(path), dont_know=dont_know)
    if suffix == ".xlsx":
        return read_xlsx_export(path, dont_know=dont_know)
    if suffix == ".json":
        return read_json_export(path, dont_know=dont_know)
    raise ExportFormatError(f"{path}: not an export file (.csv, .xlsx or .json)")


def codebook_path(csv_path: str | os.PathLike[str]) -> Path:
    """``NAME.csv`` → ``NAME.codebook.csv``."""
    path = Path(csv_path)
    return path.with_name(f"{path.stem}.codebook.csv")


# --- CSV ---------------------------------------------------------------------------------------

def read_csv_export(data: Source, codebook: Source, *, dont_know: str = "keep") -> Export:
    codebook_rows = _csv_rows(codebook)
    if not codebook_rows:
        raise ExportFormatError(f"{_name(codebook)}: the codebook is empty")
    version, columns = _codebook([[unprotect(c) for c in row] for row in codebook_rows], _name(codebook))
    rows = _csv_rows(data)
    if not rows:
        raise ExportFormatError(f"{_name(data)}: the data file is empty")
    header = [unprotect(c) for c in rows[0]]
    return _export(header, rows[1:], columns, version, _name(data), dont_know)


def _csv_rows(source: Source) -> list[list[str]]:
    with _binary(source) as file:
        text = file.read().decode("utf-8-sig")
    return [row for row in csv.reader(io.StringIO(text, newline="")) if row]


# --- XLSX --------------------------------------------------------------------------------------

def read_xlsx_export(source: Source, *, dont_know: str = "keep") -> Export:
    from openpyxl import load_workbook

    workbook = load_workbook(source, read_only=True, data_only=True)
    try:
        missing = [s for s in (DATA_SHEET, CODEBOOK_SHEET) if s not in workbook.sheetnames]
        if missing:
            raise ExportFormatError(f"{_name(source)}: no sheet {', '.join(missing)}")
        codebook = _sheet_rows(workbook[CODEBOOK_SHEET])
        data = _sheet_rows(workbook[DATA_SHEET])
    finally:
        workbook.close()
    texts = [[_text_cell(c) for c in row] for row in codebook]
    version, columns = _codebook(texts, _name(source))
    if not data:
        raise ExportFormatError(f"{_name(source)}: the data sheet is empty")
    header = [_text_cell(c) for c in data[0]]
    return _export(header, data[1:], columns, version, _name(source), dont_know)


def _sheet_rows(sheet: Any) -> list[list[Any]]:
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    return [r for r in rows if any(c is not None for c in r)]


def _text_cell(value: Any) -> str:
    if value is None:
        return ""
    return unprotect(value) if isinstance(value, str) else str(value)


# --- JSON --------------------------------------------------------------------------------------

def read_json_export(source: Source, *, dont_know: str = "keep") -> Export:
    name = _name(source)
    with _binary(source) as file:
        try:
            document = json.loads(file.read().decode("utf-8-sig"))
        except ValueError as exc:
            raise ExportFormatError(f"{name}: not JSON ({exc})") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise ExportFormatError(f"{name}: not a Verkosto export (\"format\" is not {FORMAT_NAME!r})")
    version = _check_version(document.get("version"), name)
    try:
        columns = [
            ColumnInfo(
                name=c["name"], label=c["label"], type=c["type"], question_id=c.get("question_id"),
                question_type=c.get("question_type"), answer_key=c.get("answer_key"), option=c.get("option"),
                values={v["code"]: v["label"] for v in c.get("values", [])}, spss_name=c.get("spss_name"),
            )
            for c in document["columns"]
        ]
        responses = document["responses"]
    except (KeyError, TypeError) as exc:
        raise ExportFormatError(f"{name}: incomplete export ({exc!r} missing)") from None
    _check_types(columns, name)
    names = [c.name for c in columns]
    rows = [[r.get(n) for n in names] for r in responses]
    metadata = {k: document.get(k) for k in ("questionnaire", "campaign", "label_language")}
    return _build(columns, rows, version, dont_know, protected=False, metadata=metadata)


# --- shared ------------------------------------------------------------------------------------

def _codebook(rows: list[list[str]], name: str) -> tuple[int, list[ColumnInfo]]:
    header, body = rows[0], rows[1:]
    if "format_version" not in header:
        raise ExportFormatError(f"{name}: not a Verkosto codebook (no format_version column)")
    missing = [f for f in CODEBOOK_FIELDS if f not in header]
    records = [dict(zip(header, row)) for row in body]
    versions = {r.get("format_version", "") for r in records} or {""}
    if len(versions) > 1:
        raise ExportFormatError(f"{name}: the codebook mixes format versions {sorted(versions)}")
    version = _check_version(versions.pop(), name)
    if missing:
        raise ExportFormatError(f"{name}: the codebook lacks the fields {missing}")
    columns = [
        ColumnInfo(
            name=r["name"], label=r["label"], type=r["type"], question_id=r["question_id"] or None,
            question_type=r["question_type"] or None, answer_key=r["answer_key"] or None,
            option=r["option"] or None, values=parse_values(r["values"], r["type"]),
            spss_name=r["spss_name"] or None,
        )
        for r in records
    ]
    _check_types(columns, name)
    return version, columns


def _check_version(value: Any, name: str) -> int:
    try:
        version = int(value)
    except (TypeError, ValueError):
        raise ExportFormatError(f"{name}: no export format version") from None
    if version not in SUPPORTED_VERSIONS:
        supported = ", ".join(str(v) for v in SUPPORTED_VERSIONS)
        raise UnsupportedVersionError(
            f"{name}: export format version {version} is not supported; this analysis.export_reader "
            f"reads version {supported}. Update the analysis package."
        )
    return version


def _check_types(columns: list[ColumnInfo], name: str) -> None:
    unknown = sorted({c.type for c in columns} - set(COLUMN_TYPES))
    if unknown:
        raise ExportFormatError(f"{name}: unknown column types {unknown}")


def parse_values(text: str, column_type: str) -> dict[Code, str]:
    """Parse the codebook's ``code=label; code=label`` (``\\;`` and ``\\\\`` escaped in labels)."""
    if not text:
        return {}
    items, current, index = [], [], 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            current.append(text[index + 1])
            index += 2
            continue
        if char == ";":
            items.append("".join(current))
            current = []
            index += 2 if text[index + 1 : index + 2] == " " else 1
            continue
        current.append(char)
        index += 1
    items.append("".join(current))
    values: dict[Code, str] = {}
    for item in items:
        code, _, label = item.partition("=")
        numeric = column_type != "string" and _INTEGER.fullmatch(code)
        values[int(code) if numeric else code] = label
    return values


def _export(header: list[str], rows: Sequence[Sequence[Any]], columns: list[ColumnInfo], version: int,
            name: str, dont_know: str) -> Export:
    expected = [c.name for c in columns]
    if header != expected:
        extra = [n for n in header if n not in expected]
        absent = [n for n in expected if n not in header]
        raise ExportFormatError(
            f"{name}: the columns do not match the codebook (not in the codebook: {extra}; "
            f"missing: {absent}; or in another order)"
        )
    width = len(expected)
    for number, row in enumerate(rows, start=2):
        if len(row) > width and any(c not in (None, "") for c in row[width:]):
            raise ExportFormatError(f"{name}: row {number} has more cells than there are columns")
    padded = [list(row[:width]) + [None] * (width - len(row)) for row in rows]
    return _build(columns, padded, version, dont_know, protected=True)


def _build(columns: list[ColumnInfo], rows: list[list[Any]], version: int, dont_know: str, *,
           protected: bool, metadata: Mapping[str, Any] | None = None) -> Export:
    if dont_know not in ("keep", "missing"):
        raise ValueError("dont_know must be 'keep' or 'missing'")
    series = {}
    for index, column in enumerate(columns):
        try:
            values = [_value(row[index], column, protected) for row in rows]
        except ValueError as exc:
            raise ExportFormatError(f"column {column.name!r} ({column.type}): {exc}") from None
        series[column.name] = _series(values, column, dont_know)
    frame = pd.DataFrame(series, index=pd.RangeIndex(len(rows)))
    return Export(frame, {c.name: c for c in columns}, version, dict(metadata or {}))


def _value(raw: Any, column: ColumnInfo, protected: bool) -> Any:
    if raw is None or raw == "":
        return None
    if isinstance(raw, str) and protected:
        raw = unprotect(raw)
    kind = column.type
    if kind == "string":
        return raw if isinstance(raw, str) else str(raw)
    if kind == "date":
        if isinstance(raw, dt.datetime):
            return raw.date()
        return raw if isinstance(raw, dt.date) else dt.date.fromisoformat(str(raw))
    if kind == "boolean":
        return bool(int(float(raw)))
    if kind == "number":
        return float(raw)
    # integer: a number, or a code such as "dont_know"
    if isinstance(raw, str):
        if _INTEGER.fullmatch(raw.strip()):
            return int(raw)
        try:
            number = float(raw)
        except ValueError:
            return raw
    else:
        number = raw
    return int(number) if float(number).is_integer() else number


def _series(values: list[Any], column: ColumnInfo, dont_know: str) -> pd.Series:
    kind = column.type
    if kind == "string":
        return pd.Series(values, dtype="string")
    if kind == "boolean":
        return pd.Series(values, dtype="boolean")
    if kind == "date":
        return pd.Series(pd.to_datetime([v.isoformat() if v else None for v in values], format="%Y-%m-%d"))
    if dont_know == "missing":
        values = [None if v == DONT_KNOW else v for v in values]
    if any(isinstance(v, str) for v in values):
        return pd.Series([pd.NA if v is None else v for v in values], dtype=object)
    if kind == "number":
        return pd.Series(values, dtype="Float64")
    if any(isinstance(v, float) for v in values):
        return pd.Series(values, dtype="Float64")
    return pd.Series(values, dtype="Int64")


class _binary:
    """A binary file to read: the caller's open file (left open) or a path (closed after)."""

    def __init__(self, source: Source) -> None:
        self.source, self.file = source, None

    def __enter__(self) -> IO[bytes]:
        if hasattr(self.source, "read"):
            return self.source  # type: ignore[return-value]
        self.file = open(self.source, "rb")  # type: ignore[arg-type]
        return self.file

    def __exit__(self, *exc: object) -> None:
        if self.file is not None:
            self.file.close()


def _name(source: Source) -> str:
    if isinstance(source, (str, os.PathLike)):
        return str(source)
    return str(getattr(source, "name", "<file>"))


__all__ = [
    "FORMAT_NAME",
    "SUPPORTED_VERSIONS",
    "ColumnInfo",
    "Export",
    "ExportFormatError",
    "UnsupportedVersionError",
    "codebook_path",
    "parse_values",
    "read_csv_export",
    "read_export",
    "read_json_export",
    "read_xlsx_export",
    "unprotect",
]
