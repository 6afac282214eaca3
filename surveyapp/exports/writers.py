"""Writers for the export formats: CSV (+ codebook CSV), XLSX and JSON. SPSS is in ``sav``.

Every writer takes the ``ExportInput`` and a binary file object (left open) or a path.
The format is described, for researchers, in docs/export-format.md.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .cells import CODEBOOK_FIELDS, BinaryTarget, binary_target, codebook_rows, protect
from .table import FORMAT_NAME, FORMAT_VERSION, ExportInput, Value, build_table, text_in

UTF8_BOM = b"\xef\xbb\xbf"
DATA_SHEET = "data"
CODEBOOK_SHEET = "codebook"


# --- CSV ---------------------------------------------------------------------------------------

def write_csv(export: ExportInput, target: BinaryTarget) -> None:
    """The data: UTF-8 with a byte-order mark, comma-separated, RFC 4180 quoting and CRLF."""
    table = build_table(export)
    _write_csv_rows(target, table.names, ([_csv_cell(v) for v in row] for row in table.rows))


def write_codebook_csv(export: ExportInput, target: BinaryTarget) -> None:
    """The codebook: one row per data column, the fields of ``CODEBOOK_FIELDS``."""
    rows = codebook_rows(build_table(export))
    _write_csv_rows(target, CODEBOOK_FIELDS, ([_csv_cell(r[f]) for f in CODEBOOK_FIELDS] for r in rows))


def _write_csv_rows(target: BinaryTarget, header: Sequence[str], rows: Iterable[list[str]]) -> None:
    with binary_target(target) as file:
        file.write(UTF8_BOM)
        text = io.TextIOWrapper(file, encoding="utf-8", newline="")
        try:
            writer = csv.writer(text, dialect="excel", lineterminator="\r\n")
            writer.writerow([protect(name) for name in header])
            writer.writerows(rows)
            text.flush()
        finally:
            text.detach()  # the caller's file stays open


def _csv_cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return protect(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return str(value)


# --- XLSX --------------------------------------------------------------------------------------

def write_xlsx(export: ExportInput, target: BinaryTarget) -> None:
    """A workbook with a ``data`` sheet and a ``codebook`` sheet; bold, frozen header rows."""
    table = build_table(export)
    workbook = Workbook(write_only=True)
    data = workbook.create_sheet(DATA_SHEET)
    _fill_sheet(data, table.names, table.rows, widths=[_width(c.name, 12, 30) for c in table.columns])
    codebook = workbook.create_sheet(CODEBOOK_SHEET)
    rows = [[r[f] for f in CODEBOOK_FIELDS] for r in codebook_rows(table)]
    widths = [_width(f, 8, 14) for f in CODEBOOK_FIELDS]
    widths[CODEBOOK_FIELDS.index("label")] = 60
    widths[CODEBOOK_FIELDS.index("values")] = 60
    _fill_sheet(codebook, CODEBOOK_FIELDS, rows, widths=widths)
    with binary_target(target) as file:
        workbook.save(file)


def _fill_sheet(sheet: Any, header: Sequence[str], rows: Iterable[Sequence[Value]], widths: list[int]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    cells = []
    for name in header:
        cell = WriteOnlyCell(sheet, value=_xlsx_cell(name))
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)
    for row in rows:
        sheet.append([_xlsx_cell(v) for v in row])


def _xlsx_cell(value: Value) -> Value:
    if isinstance(value, str):
        # XML cannot hold most control characters, and its parsers read a carriage return as a
        # line feed; the app stores neither in answers (survey/answers.py normalises texts)
        text = ILLEGAL_CHARACTERS_RE.sub("", value).replace("\r\n", "\n").replace("\r", "\n")
        return protect(text)
    return value


def _width(name: str, least: int, most: int) -> int:
    return max(least, min(most, len(name) + 2))


# --- JSON --------------------------------------------------------------------------------------

def export_document(export: ExportInput) -> dict[str, Any]:
    """The JSON export as a mapping (texts unaltered, dates as ISO 8601 strings)."""
    table = build_table(export)
    questionnaire, campaign = export.questionnaire, export.campaign
    columns = []
    for row, column in zip(codebook_rows(table), table.columns):
        entry = {f: row[f] for f in CODEBOOK_FIELDS if f != "format_version"}
        entry["values"] = [{"code": code, "label": label} for code, label in column.values]
        columns.append(entry)
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "label_language": export.label_language,
        "questionnaire": {
            "id": questionnaire.id,
            "title": text_in(questionnaire.title, export.label_language),
            "version": export.questionnaire_version,
            "audience": questionnaire.audience,
        },
        "campaign": {
            "name": campaign.name,
            "slug": campaign.slug,
            "project": campaign.project,
            "area": campaign.area,
            "schools": list(campaign.schools),
        },
        "columns": columns,
        "responses": [
            {name: _json_value(value) for name, value in zip(table.names, row)} for row in table.rows
        ],
    }


def write_json(export: ExportInput, target: BinaryTarget) -> None:
    """The JSON document of ``export_document``, UTF-8, without a byte-order mark."""
    text = json.dumps(export_document(export), ensure_ascii=False, indent=1, allow_nan=False)
    with binary_target(target) as file:
        file.write(text.encode("utf-8"))
        file.write(b"\n")


def _json_value(value: Value) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


__all__ = [
    "CODEBOOK_SHEET",
    "DATA_SHEET",
    "UTF8_BOM",
    "export_document",
    "write_codebook_csv",
    "write_csv",
    "write_json",
    "write_xlsx",
]
