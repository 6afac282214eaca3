"""Questionnaire texts go out to translators (.po or .xlsx) and come back; stale ones are caught."""
from __future__ import annotations

import re
import shutil

import pytest
from babel.messages.pofile import read_po, write_po
from click.testing import CliRunner
from openpyxl import load_workbook

from surveyapp.cli import main
from surveyapp.questionnaire.loader import load_file
from surveyapp.questionnaire.translation_workflow import (
    TranslationImportError,
    export_po,
    export_spreadsheet,
    import_po,
    import_spreadsheet,
)

from ..conftest import DATA


@pytest.fixture
def questionnaire_file(tmp_path):
    path = tmp_path / "small.yaml"
    shutil.copy(DATA / "small.yaml", path)
    return path


def translate_all(po_path, prefix="AR "):
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if message.id:
            message.string = prefix + message.id
            message.flags.discard("fuzzy")
    with po_path.open("wb") as handle:
        write_po(handle, catalog, width=100)


def test_exported_and_translated_catalog_adds_a_language(questionnaire_file):
    path, todo = export_po(questionnaire_file, "ar")
    assert path == questionnaire_file.parent / "i18n" / "small" / "ar.po"
    questionnaire = load_file(questionnaire_file)
    assert todo == len(questionnaire.texts)
    assert "ar" not in questionnaire.languages

    translate_all(path)
    questionnaire = load_file(questionnaire_file)
    assert "ar" in questionnaire.languages
    assert questionnaire.question("hours").text["ar"] == "AR How many hours?"
    assert questionnaire.review_status["ar"] == "draft"
    assert questionnaire.definition["pages"][1]["questions"][0]["text"]["ar"] == "AR How many hours?", (
        "the stored definition carries the translation, so a campaign keeps it"
    )


def test_a_changed_source_text_makes_its_translation_stale(questionnaire_file):
    path, _ = export_po(questionnaire_file, "ar")
    translate_all(path)
    text = questionnaire_file.read_text(encoding="utf-8").replace('en: "How many hours?"', 'en: "How many hours, roughly?"')
    questionnaire_file.write_text(text, encoding="utf-8")

    questionnaire = load_file(questionnaire_file)
    assert "ar" not in questionnaire.languages
    assert questionnaire.stale_translations["ar"] == ("pages/details/questions/hours/text",)

    _, todo = export_po(questionnaire_file, "ar")
    assert todo == 1
    with path.open("rb") as handle:
        catalog = read_po(handle)
    message = catalog.get("How many hours, roughly?", context="pages/details/questions/hours/text")
    assert message.fuzzy and message.string == "AR How many hours?"
    assert '#| msgid "How many hours?"' in path.read_text(encoding="utf-8"), "the translator sees what changed"


def test_review_status_is_recorded(questionnaire_file):
    path, _ = export_po(questionnaire_file, "ar", review_status="reviewed")
    translate_all(path)
    assert load_file(questionnaire_file).review_status["ar"] == "reviewed"


def test_importing_a_catalog_from_a_translator(questionnaire_file, tmp_path):
    outside = tmp_path / "for-translator" / "uk.po"
    export_po(questionnaire_file, "uk", output=outside)
    translate_all(outside, prefix="UK ")
    result = import_po(questionnaire_file, outside, review_status="reviewed")
    assert result.translated == result.total
    questionnaire = load_file(questionnaire_file)
    assert "uk" in questionnaire.languages and questionnaire.review_status["uk"] == "reviewed"


def test_a_catalog_for_another_questionnaire_is_refused(questionnaire_file, tmp_path):
    other = tmp_path / "fa.po"
    other.write_text('msgctxt "pages/nowhere/text"\nmsgid "x"\nmsgstr "y"\n', encoding="utf-8")
    with pytest.raises(TranslationImportError, match="not texts of 'small'"):
        import_po(questionnaire_file, other)


def test_the_languages_of_the_yaml_file_are_edited_there(questionnaire_file):
    with pytest.raises(TranslationImportError, match="edit it there"):
        export_po(questionnaire_file, "sv")


def test_spreadsheet_round_trip_with_one_column_per_language(questionnaire_file, tmp_path):
    sheet_path = export_spreadsheet(questionnaire_file, tmp_path / "small.xlsx", ["so"])
    workbook = load_workbook(sheet_path)
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    assert header == ["key", "fi", "sv", "en", "so"]
    for row in sheet.iter_rows(min_row=3):
        row[4].value = "SO " + row[3].value
    sheet.cell(row=3, column=5).value = "=HYPERLINK(\"http://evil\")"
    workbook.save(sheet_path)

    [result] = import_spreadsheet(questionnaire_file, sheet_path)
    assert result.language == "so" and result.translated == result.total
    questionnaire = load_file(questionnaire_file)
    assert "so" in questionnaire.languages
    first_key, first_text = questionnaire.texts[0]
    assert first_text["so"] == '=HYPERLINK("http://evil")', "kept as text, never evaluated"


def test_spreadsheet_cells_that_look_like_formulas_are_neutralised(questionnaire_file, tmp_path):
    text = questionnaire_file.read_text(encoding="utf-8").replace("en: Test municipality", "en: =1+1 municipality")
    questionnaire_file.write_text(text, encoding="utf-8")
    sheet = load_workbook(export_spreadsheet(questionnaire_file, tmp_path / "x.xlsx")).active
    values = [row[3] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert "'=1+1 municipality" in values


def test_translation_commands(questionnaire_file, tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["translations", "export", str(questionnaire_file), "-l", "et"])
    assert result.exit_code == 0 and "to translate or check" in result.output
    result = runner.invoke(main, ["translations", "spreadsheet", str(questionnaire_file), "-o", str(tmp_path / "t.xlsx")])
    assert result.exit_code == 0
    result = runner.invoke(main, ["validate", str(questionnaire_file)])
    assert re.search(r"et: (\d+) of \1 texts missing \(draft\)", result.output), result.output
    result = runner.invoke(main, ["translations", "export", str(questionnaire_file), "-l", "fi"])
    assert result.exit_code == 1 and "edit it there" in result.output


def test_percentages_in_texts_are_not_taken_for_format_strings(questionnaire_file):
    text = questionnaire_file.read_text(encoding="utf-8").replace("en: Under 10 %", "en: Under 10% of school time")
    questionnaire_file.write_text(text, encoding="utf-8")
    path, _ = export_po(questionnaire_file, "ru")
    catalog_text = path.read_text(encoding="utf-8")
    entry = catalog_text[catalog_text.index('msgid "Under 10% of school time"') - 120:]
    assert "no-python-format" in entry.split("msgid")[0]
    assert "#, python-format" not in catalog_text
