"""Cell-level rules shared by the writers: formula-injection protection and the codebook rows.

A spreadsheet program treats a cell whose text begins with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return as a formula. In CSV and XLSX such a text gets one leading apostrophe ``'``; so
does a text that already begins with apostrophes followed by one of those characters, so that
``analysis.export_reader`` can remove exactly one apostrophe and restore every text exactly.
Numbers and dates are never altered. JSON and SPSS files keep the original text.
"""
from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from typing import IO, Any

from .table import FORMAT_VERSION, Code, Column, Table

DANGEROUS_FIRST_CHARACTERS = ("=", "+", "-", "@", "\t", "\r")
_NEEDS_APOSTROPHE = re.compile(r"'*[=+\-@\t\r]")

CODEBOOK_FIELDS = (
    "format_version",
    "name",
    "label",
    "type",
    "question_id",
    "question_type",
    "answer_key",
    "option",
    "values",
    "spss_name",
)

BinaryTarget = IO[bytes] | str | os.PathLike[str]


def protect(text: str) -> str:
    """The text as written into a CSV or XLSX cell (see the module docstring)."""
    return "'" + text if _NEEDS_APOSTROPHE.match(text) else text


def format_values(values: tuple[tuple[Code, str], ...]) -> str:
    """``code=label; code=label``; in labels ``\\`` and ``;`` are escaped with a backslash."""
    return "; ".join(f"{code}={_escape(label)}" for code, label in values)


def _escape(label: str) -> str:
    return label.replace("\\", "\\\\").replace(";", "\\;")


def codebook_rows(table: Table) -> list[dict[str, Any]]:
    return [codebook_row(column) for column in table.columns]


def codebook_row(column: Column) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "name": column.name,
        "label": column.label,
        "type": column.type,
        "question_id": column.question_id,
        "question_type": column.question_type,
        "answer_key": column.answer_key,
        "option": column.option,
        "values": format_values(column.values) if column.values else None,
        "spss_name": column.spss_name,
    }


@contextlib.contextmanager
def binary_target(target: BinaryTarget) -> Iterator[IO[bytes]]:
    """A binary file to write to: the caller's open file (left open) or a path (closed after)."""
    if hasattr(target, "write"):
        yield target  # type: ignore[misc]
    else:
        with open(target, "wb") as file:  # type: ignore[arg-type]
            yield file


__all__ = [
    "CODEBOOK_FIELDS",
    "DANGEROUS_FIRST_CHARACTERS",
    "BinaryTarget",
    "binary_target",
    "codebook_row",
    "codebook_rows",
    "format_values",
    "protect",
]
