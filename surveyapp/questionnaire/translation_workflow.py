"""Round trip of questionnaire texts through translators: export, import, spreadsheet.

Languages written in the YAML file are edited there; every other language lives in
``i18n/<id>/<language>.po`` beside the file (see ``translation_files``).
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .loader import load_file
from .model import Questionnaire
from .translation_files import (
    DEFAULT_SOURCE_LANGUAGE,
    Entry,
    REVIEW_STATUSES,
    TranslationCatalog,
    catalog_folder,
    read_catalog,
    read_catalogs,
    read_status,
    write_catalog,
    write_status,
)
from .translations import REQUIRED_LANGUAGES, language_sort_key

KEY_HEADER = "key"
MAX_CELL = 20000
MAX_UPLOAD_BYTES = 5_000_000  # a translated questionnaire is a few hundred kilobytes
MAX_UNPACKED_BYTES = 50_000_000  # what the spreadsheet's zip may unpack to (zip bombs)
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")


class TranslationImportError(Exception):
    pass


def check_language(code: str) -> str:
    """A language code is two or three letters; it also names a file, so nothing else passes."""
    if not isinstance(code, str) or not LANGUAGE_CODE.match(code):
        raise TranslationImportError(f"{code!r} is not a language code (two or three letters, e.g. 'so')")
    return code


def _check_size(path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_UPLOAD_BYTES:
        raise TranslationImportError(f"{path.name} is larger than {MAX_UPLOAD_BYTES:,} bytes")


def _read_catalog_safely(po_file: Path) -> TranslationCatalog:
    _check_size(po_file)
    try:
        return read_catalog(po_file)
    except Exception as exc:  # babel's parse errors, bad encodings, binary files
        raise TranslationImportError(f"{po_file.name} is not a readable gettext catalog: {exc}") from None


@dataclass(frozen=True)
class ImportResult:
    language: str
    translated: int
    total: int


def export_po(
    questionnaire_file: Path,
    language: str,
    *,
    source_language: str = DEFAULT_SOURCE_LANGUAGE,
    review_status: str | None = None,
    output: Path | None = None,
) -> tuple[Path, int]:
    """Write (or refresh) the catalog for ``language``; returns its path and the entries to do."""
    check_language(language)
    if language in REQUIRED_LANGUAGES:
        raise TranslationImportError(f"{language!r} is written in the YAML file itself; edit it there")
    questionnaire = load_file(questionnaire_file)
    if source_language not in questionnaire.languages:
        raise TranslationImportError(f"the source language {source_language!r} is not complete in the file")
    folder = catalog_folder(questionnaire_file, questionnaire.id)
    target = output or folder / f"{language}.po"
    previous_path = folder / f"{language}.po"
    previous = read_catalog(previous_path, read_status(folder).get(language)) if previous_path.exists() else None
    status = review_status or (previous.review_status if previous else "draft")
    todo = write_catalog(
        target,
        language=language,
        source_language=source_language,
        texts=questionnaire.texts,
        previous=previous,
        project=f"Verkosto questionnaire {questionnaire.id}",
    )
    if output is None:
        write_status(folder, language, source_language=source_language, review_status=status)
    return target, todo


def import_po(questionnaire_file: Path, po_file: Path, *, review_status: str | None = None) -> ImportResult:
    """Take a translator's catalog into ``i18n/<id>/``, after checking it belongs here."""
    questionnaire = load_file(questionnaire_file)
    language = check_language(po_file.stem)
    if language in REQUIRED_LANGUAGES:
        raise TranslationImportError(f"{language!r} is written in the YAML file itself; edit it there")
    catalog = _read_catalog_safely(po_file)
    keys = {key for key, _ in questionnaire.texts}
    unknown = sorted(set(catalog.entries) - keys)
    if unknown:
        raise TranslationImportError(
            f"{po_file}: {len(unknown)} entries are not texts of '{questionnaire.id}', e.g. {unknown[0]!r}"
        )
    folder = catalog_folder(questionnaire_file, questionnaire.id)
    status = review_status or read_status(folder).get(language, {}).get("review_status", "draft")
    source_language = _guess_source_language(questionnaire, catalog)
    catalog.source_language = source_language
    return _store(questionnaire_file, questionnaire, catalog, status)


def _guess_source_language(questionnaire: Questionnaire, catalog: TranslationCatalog) -> str:
    """The language whose texts the catalog's msgids match best."""
    texts = dict(questionnaire.texts)
    best, best_hits = DEFAULT_SOURCE_LANGUAGE, -1
    for language in questionnaire.languages:
        hits = sum(1 for key, entry in catalog.entries.items() if texts.get(key, {}).get(language) == entry.source)
        if hits > best_hits:
            best, best_hits = language, hits
    return best


def _store(
    questionnaire_file: Path, questionnaire: Questionnaire, catalog: TranslationCatalog, status: str
) -> ImportResult:
    if status not in REVIEW_STATUSES:
        raise TranslationImportError(f"review status must be one of {', '.join(REVIEW_STATUSES)}")
    folder = catalog_folder(questionnaire_file, questionnaire.id)
    texts = []
    for key, text in questionnaire.texts:
        text = {k: v for k, v in text.items() if k != catalog.language}
        entry = catalog.entries.get(key)
        if entry is not None and entry.translation and not entry.fuzzy and entry.source == text.get(
            catalog.source_language
        ):
            text[catalog.language] = entry.translation
        texts.append((key, text))
    write_catalog(
        folder / f"{catalog.language}.po",
        language=catalog.language,
        source_language=catalog.source_language,
        texts=texts,
        previous=catalog,
        project=f"Verkosto questionnaire {questionnaire.id}",
    )
    write_status(folder, catalog.language, source_language=catalog.source_language, review_status=status)
    translated = sum(1 for _, text in texts if catalog.language in text)
    return ImportResult(catalog.language, translated, len(texts))


def export_spreadsheet(questionnaire_file: Path, output: Path, languages: list[str] | None = None) -> Path:
    """One row per text, one column per language, for translators who prefer a spreadsheet."""
    questionnaire = load_file(questionnaire_file)
    folder = catalog_folder(questionnaire_file, questionnaire.id)
    for language in languages or []:
        check_language(language)
    known = {
        language
        for language in set(questionnaire.review_status) | set(read_catalogs(folder)) | set(languages or [])
        if LANGUAGE_CODE.match(language)
    }
    columns = sorted(known, key=language_sort_key)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = questionnaire.id[:31]
    sheet.append([KEY_HEADER, *columns])
    sheet.append(["review status", *[_safe_cell(questionnaire.review_status.get(c, "draft")) for c in columns]])
    for cell in sheet[1] + sheet[2]:
        cell.font = Font(bold=True)
    for key, text in questionnaire.texts:
        sheet.append([key, *[_safe_cell(text.get(language, "")) for language in columns]])
    sheet.freeze_panes = "B3"
    sheet.column_dimensions["A"].width = 40
    for index in range(len(columns)):
        sheet.column_dimensions[get_column_letter(index + 2)].width = 45
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    output.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(output)
    return output


def import_spreadsheet(questionnaire_file: Path, spreadsheet: Path) -> list[ImportResult]:
    """Take every language column that the YAML does not write into its catalog."""
    questionnaire = load_file(questionnaire_file)
    rows = _read_rows(spreadsheet)
    if not rows or rows[0][0] != KEY_HEADER:
        raise TranslationImportError(f"{spreadsheet}: the first column must be headed {KEY_HEADER!r}")
    header = [str(c or "").strip() for c in rows[0]]
    for language in header[1:]:
        if language:
            check_language(language)  # a heading names the catalog file written
    status_row = rows[1] if len(rows) > 1 and rows[1][0] == "review status" else None
    data_rows = rows[2:] if status_row else rows[1:]
    texts = dict(questionnaire.texts)
    results = []
    for column, language in enumerate(header[1:], start=1):
        if not language or language in REQUIRED_LANGUAGES:
            continue
        catalog = TranslationCatalog(language=language, source_language=DEFAULT_SOURCE_LANGUAGE)
        for row in data_rows:
            key = str(row[0] or "")
            if key not in texts:
                raise TranslationImportError(f"{spreadsheet}: row {key!r} is not a text of '{questionnaire.id}'")
            value = row[column] if column < len(row) else None
            if value:
                catalog.entries[key] = Entry(texts[key].get(DEFAULT_SOURCE_LANGUAGE, ""), _cell_text(value))
        status = str(status_row[column]) if status_row and column < len(status_row) else "draft"
        results.append(_store(questionnaire_file, questionnaire, catalog, status))
    return results


def _read_rows(spreadsheet: Path) -> list[tuple]:
    """The first sheet's rows, refusing whatever is not a plain, modest .xlsx file.

    openpyxl parses with defusedxml (installed with Verkosto), which refuses external
    entities and entity expansion; the zip is measured before anything is unpacked.
    """
    _check_size(spreadsheet)
    try:
        with zipfile.ZipFile(spreadsheet) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise TranslationImportError(f"{spreadsheet.name} is not an .xlsx spreadsheet: {exc}") from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise TranslationImportError(f"{spreadsheet.name} unpacks to more than {MAX_UNPACKED_BYTES:,} bytes")
    try:
        # data_only=False: a formula comes back as the text typed, never as a computed value
        workbook = load_workbook(spreadsheet, read_only=True, data_only=False)
        try:
            return list(workbook.active.iter_rows(values_only=True))
        finally:
            workbook.close()
    except TranslationImportError:
        raise
    except Exception as exc:  # openpyxl and defusedxml raise many kinds for a bad file
        raise TranslationImportError(f"{spreadsheet.name} cannot be read as a spreadsheet: {exc}") from None


def _safe_cell(text: str) -> str:
    """Spreadsheet programs run a cell that starts with = + - @ as a formula: neutralise it."""
    if text and text[0] in "=+-@\t\r":
        return "'" + text
    return text


def _cell_text(value: object) -> str:
    text = str(value).strip()
    if text.startswith("'") and len(text) > 1 and text[1] in "=+-@\t\r":
        text = text[1:]
    if len(text) > MAX_CELL:
        raise TranslationImportError(f"a cell has more than {MAX_CELL} characters")
    return text
