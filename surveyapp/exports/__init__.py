"""Export of survey responses: one table, written as CSV (+ codebook), XLSX, JSON or SPSS.

Plain Python, no Flask and no database: the caller builds an ``ExportInput`` from the database
rows and passes it, with a binary file or a path, to a writer. The format is versioned
(``FORMAT_VERSION``) and documented for researchers in docs/export-format.md;
``analysis.export_reader`` reads it back.
"""
from __future__ import annotations

from .cells import CODEBOOK_FIELDS, DANGEROUS_FIRST_CHARACTERS, codebook_rows, protect
from .sav import write_sav
from .spss import dont_know_code, spss_names
from .table import (
    FORMAT_NAME,
    FORMAT_VERSION,
    CampaignInfo,
    Column,
    ExportInput,
    ResponseRecord,
    Table,
    build_table,
)
from .writers import export_document, write_codebook_csv, write_csv, write_json, write_xlsx

WRITERS = {
    "csv": write_csv,
    "codebook.csv": write_codebook_csv,
    "xlsx": write_xlsx,
    "json": write_json,
    "sav": write_sav,
}
"""File suffix → writer; a CSV export is two files, ``NAME.csv`` and ``NAME.codebook.csv``."""

__all__ = [
    "CODEBOOK_FIELDS",
    "DANGEROUS_FIRST_CHARACTERS",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "WRITERS",
    "CampaignInfo",
    "Column",
    "ExportInput",
    "ResponseRecord",
    "Table",
    "build_table",
    "codebook_rows",
    "dont_know_code",
    "export_document",
    "protect",
    "spss_names",
    "write_codebook_csv",
    "write_csv",
    "write_json",
    "write_sav",
    "write_xlsx",
]
