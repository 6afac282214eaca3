"""Malicious translation files: translators' .xlsx and .po files are untrusted input.

``verkosto translations import`` must refuse a zip bomb, an XML external entity, a billion-
laughs DTD, a file that is not a zip at all and a malformed .po with a clear error (a
``TranslationImportError``, shown by the command as ``Error: ...``) within bounded time and
memory; never with a traceback, never leaking a local file, and never writing outside the
questionnaire's ``i18n/<id>/`` folder. What a translation file calls its language must be a
language code: it becomes a file name and a key of every text of the stored questionnaire.

openpyxl parses the sheets with the standard library's expat, which does not fetch external
entities, and uses defusedxml (a dependency since the staff-workspace commit) when installed,
which refuses DTD entities outright. Neither bounds the size of what a zip member
decompresses to.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from surveyapp.questionnaire.loader import from_definition, load_file
from surveyapp.questionnaire.translation_workflow import (
    TranslationImportError,
    export_po,
    export_spreadsheet,
    import_po,
    import_spreadsheet,
)

from ..conftest import DATA, PROJECT
from .helpers import PEAK_MEMORY_CODE

SECRET = "TOPSECRET-5f1c9e"
CELL = '<c r="E3" s="2" t="inlineStr" />'


@pytest.fixture
def questionnaire(tmp_path) -> Path:
    path = tmp_path / "questionnaires" / "small.yaml"
    path.parent.mkdir()
    shutil.copy(DATA / "small.yaml", path)
    return path


@pytest.fixture
def good_sheet(questionnaire, tmp_path) -> Path:
    return export_spreadsheet(questionnaire, tmp_path / "delivery" / "good.xlsx", ["ar"])


def rewritten(source: Path, target: Path, member: str, change) -> Path:
    """A copy of an .xlsx with one member's XML changed. ``change`` returns the new XML, or an
    iterable of pieces (written one by one, so that a bomb need not be held in memory here)."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename != member:
                dst.writestr(info.filename, data)
                continue
            new = change(data.decode("utf-8"))
            entry = zipfile.ZipInfo(info.filename)
            entry.compress_type = zipfile.ZIP_DEFLATED
            with dst.open(entry, "w", force_zip64=True) as handle:
                for piece in [new] if isinstance(new, str) else new:
                    handle.write(piece.encode("utf-8"))
    return target


def inflated(xml: str, marker: str, before: str, filler: str, size: int, after: str):
    """The XML with ``before + filler * size + after`` in place of ``marker``, in pieces."""
    head, tail = xml.split(marker, 1)
    yield head + before
    chunk = filler * (1024 * 1024)
    for _ in range(size // len(chunk)):
        yield chunk
    yield after + tail


def run_cli_import(questionnaire: Path, upload: Path, *, timeout: float = 60) -> tuple[int, str, str, int, float]:
    """Run ``verkosto translations import`` in a fresh process; return the exit code, stdout,
    stderr, the growth of peak memory in kB and the seconds taken."""
    script = PEAK_MEMORY_CODE + textwrap.dedent(
        f"""
        import atexit, sys, time
        before = peak_kb()
        started = time.monotonic()
        def report():
            sys.stderr.write(f"\\nMEASURE {{peak_kb() - before}} {{time.monotonic() - started:.3f}}\\n")
        atexit.register(report)
        from surveyapp.cli import main
        main(["translations", "import", {str(questionnaire)!r}, {str(upload)!r}])
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=PROJECT,
                            timeout=timeout)
    measure = [line for line in result.stderr.splitlines() if line.startswith("MEASURE ")][-1].split()
    stderr = result.stderr.split("\nMEASURE ")[0]
    return result.returncode, result.stdout, stderr, int(measure[1]), float(measure[2])


def assert_refused_cleanly(questionnaire: Path, upload: Path, *, seconds: float = 5, memory_mb: int = 120) -> str:
    code, stdout, stderr, grown_kb, took = run_cli_import(questionnaire, upload)
    problems = []
    if "Traceback" in stderr:
        problems.append(f"the command crashed with a traceback ending: {stderr.strip().splitlines()[-1]!r}")
    elif code != 1 or "Error:" not in stderr:
        problems.append(f"not refused: exit code {code}, output {stdout.strip()!r} {stderr.strip()!r}")
    if took >= seconds:
        problems.append(f"took {took:.1f} s (limit {seconds} s)")
    if grown_kb >= memory_mb * 1024:
        problems.append(f"took {grown_kb // 1024} MB of memory (limit {memory_mb} MB)")
    assert not problems, "; ".join(problems)
    return stderr


def nothing_imported(questionnaire: Path) -> None:
    folder = questionnaire.parent / "i18n"
    written = sorted(str(p.relative_to(questionnaire.parent)) for p in folder.rglob("*")) if folder.exists() else []
    assert not [p for p in written if p.endswith(".po")], f"a catalog was written: {written}"


# -- XML attacks ---------------------------------------------------------------------------
def external_entity(secret_file: Path, root: str) -> str:
    return f'<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "file://{secret_file}">]>'


@pytest.mark.parametrize("member", ["xl/worksheets/sheet1.xml", "xl/workbook.xml", "[Content_Types].xml"])
def test_an_external_entity_never_leaks_a_local_file(questionnaire, good_sheet, tmp_path, member):
    secret_file = tmp_path / "secret.txt"
    secret_file.write_text(SECRET)
    root = {"xl/worksheets/sheet1.xml": "worksheet", "xl/workbook.xml": "workbook"}.get(member, "Types")

    def inject(xml: str) -> str:
        xml = xml.replace(f"<{root}", external_entity(secret_file, root) + f"<{root}", 1)
        return xml.replace(CELL, '<c r="E3" s="2" t="inlineStr"><is><t>&xxe;</t></is></c>')

    upload = rewritten(good_sheet, tmp_path / "xxe.xlsx", member, inject)
    try:
        import_spreadsheet(questionnaire, upload)
    except Exception:  # noqa: BLE001 - refusing is right; the clean refusal is tested below
        pass
    written = [p.read_text(errors="replace") for p in questionnaire.parent.rglob("*") if p.is_file()]
    assert not any(SECRET in text for text in written), "the local file's content was imported"
    assert SECRET not in str(load_file(questionnaire).texts)


def test_an_external_entity_is_refused_cleanly(questionnaire, good_sheet, tmp_path):
    secret_file = tmp_path / "secret.txt"
    secret_file.write_text(SECRET)

    def inject(xml: str) -> str:
        xml = xml.replace("<worksheet", external_entity(secret_file, "worksheet") + "<worksheet", 1)
        return xml.replace(CELL, '<c r="E3" s="2" t="inlineStr"><is><t>&xxe;</t></is></c>')

    upload = rewritten(good_sheet, tmp_path / "xxe.xlsx", "xl/worksheets/sheet1.xml", inject)
    with pytest.raises(TranslationImportError):
        import_spreadsheet(questionnaire, upload)
    stderr = assert_refused_cleanly(questionnaire, upload)
    assert SECRET not in stderr
    nothing_imported(questionnaire)


def test_billion_laughs_in_a_sheet_is_refused_cleanly(questionnaire, good_sheet, tmp_path):
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(9)
    )

    def inject(xml: str) -> str:
        xml = xml.replace("<worksheet", f"<!DOCTYPE worksheet [{entities}]><worksheet", 1)
        return xml.replace(CELL, '<c r="E3" s="2" t="inlineStr"><is><t>&j;</t></is></c>')

    upload = rewritten(good_sheet, tmp_path / "lol.xlsx", "xl/worksheets/sheet1.xml", inject)
    with pytest.raises(TranslationImportError):
        import_spreadsheet(questionnaire, upload)
    assert_refused_cleanly(questionnaire, upload)
    nothing_imported(questionnaire)


# -- zip and file-format attacks -----------------------------------------------------------
def test_a_zip_bomb_is_refused_in_bounded_time_and_memory(questionnaire, good_sheet, tmp_path):
    """300 KB on disk, 300 MB of XML once decompressed (a translation sheet is ~10 KB). The
    budget of 120 MB includes about 50 MB for importing the app and openpyxl."""
    upload = rewritten(
        good_sheet, tmp_path / "bomb.xlsx", "xl/worksheets/sheet1.xml",
        lambda xml: inflated(xml, "</sheetData>", "", " ", 300 * 1024 * 1024, "</sheetData>"),
    )
    assert upload.stat().st_size < 1024 * 1024
    assert_refused_cleanly(questionnaire, upload, seconds=5, memory_mb=120)
    nothing_imported(questionnaire)


def test_a_huge_cell_is_refused_in_bounded_memory(questionnaire, good_sheet, tmp_path):
    upload = rewritten(
        good_sheet, tmp_path / "cell.xlsx", "xl/worksheets/sheet1.xml",
        lambda xml: inflated(xml, CELL, '<c r="E3" s="2" t="inlineStr"><is><t>', "x", 200 * 1024 * 1024,
                             "</t></is></c>"),
    )
    assert_refused_cleanly(questionnaire, upload, seconds=5, memory_mb=120)
    nothing_imported(questionnaire)


@pytest.mark.parametrize(
    "content",
    [
        b"this is not a zip file at all",
        b"",
        b"PK\x03\x04" + b"\x00" * 100,
        "key,fi,sv,en,ar\n".encode(),
        b"<?xml version='1.0'?><worksheet/>",
    ],
    ids=["text", "empty", "truncated-zip", "csv", "bare-xml"],
)
def test_a_file_that_is_not_a_spreadsheet_is_refused_cleanly(questionnaire, tmp_path, content):
    upload = tmp_path / "delivery.xlsx"
    upload.write_bytes(content)
    with pytest.raises(TranslationImportError):
        import_spreadsheet(questionnaire, upload)
    assert_refused_cleanly(questionnaire, upload)
    nothing_imported(questionnaire)


def test_a_zip_without_a_workbook_is_refused_cleanly(questionnaire, tmp_path):
    upload = tmp_path / "empty.xlsx"
    with zipfile.ZipFile(upload, "w") as archive:
        archive.writestr("../../etc/evil.txt", "x")
        archive.writestr("hello.txt", "x")
    with pytest.raises(TranslationImportError):
        import_spreadsheet(questionnaire, upload)
    assert_refused_cleanly(questionnaire, upload)
    assert not (tmp_path / "etc").exists()


@pytest.mark.parametrize(
    "content",
    [
        b"\xff\xfe\x00garbage\x00\x01",
        b'msgid ""\nmsgstr "Content-Type: text/plain; charset=nonexistent\\n"\n\nmsgctxt "title"\nmsgid "x"\nmsgstr "y"\n',
        b'msgctxt "title"\nmsgid "Small survey"\nmsgstr "\xff\xfe"\n',
        b"PK\x03\x04 not a po file",
    ],
    ids=["binary", "unknown-charset", "invalid-utf8", "zip-named-po"],
)
def test_a_malformed_po_file_is_refused_cleanly(questionnaire, tmp_path, content):
    upload = tmp_path / "ar.po"
    upload.write_bytes(content)
    with pytest.raises(TranslationImportError):
        import_po(questionnaire, upload)
    assert_refused_cleanly(questionnaire, upload)
    nothing_imported(questionnaire)


# -- what a file calls its language --------------------------------------------------------
def sheet_with_language(good_sheet: Path, target: Path, language: str) -> Path:
    workbook = load_workbook(good_sheet)
    sheet = workbook.active
    column = sheet.max_column + 1
    sheet.cell(row=1, column=column).value = language
    sheet.cell(row=2, column=column).value = "draft"
    for row in range(3, sheet.max_row + 1):
        sheet.cell(row=row, column=column).value = f"T {sheet.cell(row=row, column=4).value}"
    workbook.save(target)
    return target


@pytest.mark.parametrize(
    "language",
    ["../../../outside", "../../translations/fi/LC_MESSAGES/messages", "/tmp/verkosto-absolute-path-test"],
)
def test_a_column_heading_cannot_write_outside_the_catalog_folder(questionnaire, good_sheet, tmp_path, language):
    before = {p for p in tmp_path.rglob("*")}
    absolute = Path(language + ".po") if language.startswith("/") else None
    if absolute is not None and absolute.exists():
        absolute.unlink()
    upload = sheet_with_language(good_sheet, tmp_path / "traversal.xlsx", language)
    try:
        import_spreadsheet(questionnaire, upload)
    except TranslationImportError:
        pass
    try:
        created = {p for p in tmp_path.rglob("*")} - before - {upload}
        folder = questionnaire.parent / "i18n" / "small"
        outside = [p for p in created if p.is_file() and folder not in p.parents]
        assert not outside, f"the import wrote outside {folder}: {outside}"
        assert absolute is None or not absolute.exists(), f"the import wrote {absolute}"
    finally:
        if absolute is not None and absolute.exists():
            absolute.unlink()


@pytest.mark.parametrize("language", ["pt_BR", "zh-Hant", "<script>", "en ", "ARABIC"])
def test_a_language_that_is_no_language_code_cannot_break_the_stored_questionnaire(
    questionnaire, good_sheet, tmp_path, language
):
    """The import either refuses the language, or the questionnaire it produces can still be
    stored and read back (as a campaign does: the stored definition is validated again)."""
    upload = sheet_with_language(good_sheet, tmp_path / "lang.xlsx", language)
    try:
        import_spreadsheet(questionnaire, upload)
    except TranslationImportError:
        return
    loaded = load_file(questionnaire)
    from_definition(loaded.definition, source="stored version")


@pytest.mark.parametrize("name", ["pt_BR.po", "sr@latin.po", "zh-Hant.po"])
def test_a_po_file_named_like_a_gettext_locale_cannot_break_the_stored_questionnaire(questionnaire, tmp_path, name):
    delivered = tmp_path / "delivery" / name
    export_po(questionnaire, "ar", output=delivered)
    text = delivered.read_text(encoding="utf-8")
    delivered.write_text(text.replace('msgstr ""\n\n', 'msgstr "T"\n\n'), encoding="utf-8")
    try:
        import_po(questionnaire, delivered)
    except TranslationImportError:
        return
    loaded = load_file(questionnaire)
    from_definition(loaded.definition, source="stored version")


def test_a_valid_spreadsheet_is_still_imported(questionnaire, good_sheet, tmp_path):
    """The control: the same pipeline takes a well-formed delivery."""
    workbook = load_workbook(good_sheet)
    sheet = workbook.active
    for row in range(3, sheet.max_row + 1):
        sheet.cell(row=row, column=5).value = f"AR {sheet.cell(row=row, column=4).value}"
    workbook.save(good_sheet)
    started = time.monotonic()
    code, stdout, stderr, _, _ = run_cli_import(questionnaire, good_sheet)
    assert code == 0, stderr
    assert "ar: 32 of 32 texts translated" in stdout
    assert time.monotonic() - started < 30
    assert "ar" in load_file(questionnaire).languages
