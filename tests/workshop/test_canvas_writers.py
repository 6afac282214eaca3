"""The canvas writers: content, Unicode in the PDF, formula protection, the JSON schema, masking."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zlib

import jsonschema
from bs4 import BeautifulSoup

from surveyapp.workshop.canvas_document import CanvasDocument, CanvasRow, Proposal, Threshold
from surveyapp.workshop.canvas_writers import (
    CSV_COLUMNS,
    JSON_FORMAT,
    JSON_SCHEMA,
    JSON_VERSION,
    canvas_csv,
    canvas_html,
    canvas_json,
    canvas_pdf,
)

PERSONAL = ("040 123 4567", "matti@example.com", "Matti Virtanen")


def _document(unit: str = "share") -> CanvasDocument:
    return CanvasDocument(
        workshop="Kevään työpaja – Åbo", language="fi", held_on=dt.date(2025, 5, 14),
        campaigns=("Huoltajat 2025", "Oppilaat 2025"), threshold_unit=unit,
        rows=(
            CanvasRow(
                theme="Ahdistus ja jännittäminen", actors=("home", "school", "other"), other_actors="Nuorisotyö",
                barriers=("Tieto ei kulje palvelujen välillä", '=HYPERLINK("http://x","y")'),
                proposals=(Proposal("-Yhteinen palaveri heti, soita 040 123 4567", 2, "Ryhmä 1"),
                           Proposal("Koulukuraattori tapaa viikoittain", 7)),
                owner="Rehtori Matti Virtanen",
                thresholds=(Threshold("Oppilashuolto kutsuu verkoston", share=20.5, hours=95),
                            Threshold("Luokanvalvoja ottaa yhteyttä kotiin", share=10, actor="school")),
                notes="Lisätietoja: matti@example.com",
            ),
            CanvasRow(theme="Tyhjä rivi"),
        ),
    )


def _no_personal_data(text: str) -> None:
    for secret in PERSONAL:
        assert secret not in text


def test_html_is_a_self_contained_document_with_every_part():
    html = canvas_html(_document())
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == "fi"
    assert not soup.find_all("script") and not soup.find_all("link") and not soup.find_all("img")
    assert len(soup.find_all("section")) == 2
    text = soup.get_text(" ")
    for part in ("Ahdistus ja jännittäminen", "Nuorisotyö", "Home", "School", "Tieto ei kulje palvelujen välillä",
                 "Koulukuraattori tapaa viikoittain", "(7 votes)", "Rehtori", "Åbo", "14. toukokuuta 2025"):
        assert part in text, part
    # proposals by votes, thresholds by level, in the document's unit with a Finnish decimal comma
    assert text.index("Koulukuraattori") < text.index("Yhteinen palaveri")
    assert text.index("10 % of school time") < text.index("20,5 % of school time")
    _no_personal_data(html)
    assert "[phone]" in text and "[email]" in text and "[name]" in text


def test_thresholds_in_hours_when_the_county_counts_hours():
    text = BeautifulSoup(canvas_html(_document("hours")), "html.parser").get_text(" ")
    assert "95 hours of absence" in text
    assert "10 % of school time" in text  # given only as a share: shown as one


def _pdf_objects(data: bytes) -> list[tuple[bytes, bytes]]:
    objects = []
    for chunk in data.split(b"endobj"):
        head, found, rest = chunk.partition(b"stream")
        if not found or b"endstream" not in rest:
            objects.append((chunk, b""))
            continue
        body = rest.lstrip(b"\r\n").rsplit(b"endstream", 1)[0].rstrip(b"\r\n")
        objects.append((head, zlib.decompress(body) if b"/FlateDecode" in head else body))
    return objects


def test_pdf_embeds_a_unicode_font_that_holds_the_finnish_and_swedish_letters():
    data = canvas_pdf(_document())
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert re.search(rb"/BaseFont /\w+\+DejaVuSans", data)
    assert b"/FontFile2" in data  # the TrueType font is embedded, not named
    assert b"/Lang (fi)" in data
    objects = _pdf_objects(data)
    unicode_maps = b"".join(body for _head, body in objects if b"begincmap" in body)
    used = {int(code, 16) for code in re.findall(rb"<[0-9A-Fa-f]{4}>\s*<([0-9A-Fa-f]{4})>", unicode_maps)}
    for letter in "äöÅ–•":  # drawn with the embedded font, so they print
        assert ord(letter) in used, letter
    assert canvas_pdf(_document()) == data  # the same document gives the same file


def test_pdf_text_is_screened_too():
    # the PDF is laid out from the same screened view as the HTML: a masked text draws the
    # placeholder's brackets, and the phone number's 3 and 6 (in no other text) never reach the page
    data = canvas_pdf(_document())
    objects = _pdf_objects(data)
    unicode_maps = b"".join(body for _head, body in objects if b"begincmap" in body)
    used = {int(code, 16) for code in re.findall(rb"<[0-9A-Fa-f]{4}>\s*<([0-9A-Fa-f]{4})>", unicode_maps)}
    assert ord("[") in used and ord("]") in used
    assert ord("3") not in used and ord("6") not in used


def test_csv_is_tidy_protected_and_screened():
    text = canvas_csv(_document())
    assert text.startswith("\ufeff") and "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    first = [r for r in rows if r["row"] == "1"]
    kinds = [r["kind"] for r in first]
    assert kinds == ["actor"] * 3 + ["barrier"] * 2 + ["proposal"] * 2 + ["threshold"] * 2 + ["notes"]
    assert [r["actor"] for r in first if r["kind"] == "actor"] == ["home", "school", "other"]
    assert first[2]["text"] == "Nuorisotyö"
    formula = next(r for r in first if r["kind"] == "barrier" and r["position"] == "2")
    assert formula["text"] == "'" + '=HYPERLINK("http://x","y")'
    proposal = next(r for r in first if r["kind"] == "proposal" and r["position"] == "1")
    assert proposal["text"].startswith("'-") and proposal["votes"] == "2" and proposal["group"] == "Ryhmä 1"
    threshold = next(r for r in first if r["kind"] == "threshold" and r["position"] == "1")
    assert (threshold["share"], threshold["hours"]) == ("20.5", "95")
    assert [r["kind"] for r in rows if r["row"] == "2"] == ["theme"]
    assert all(r["theme"] == "Ahdistus ja jännittäminen" for r in first)
    _no_personal_data(text)


def test_json_follows_its_schema_and_is_screened():
    text = canvas_json(_document())
    document = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(JSON_SCHEMA)
    jsonschema.validate(document, JSON_SCHEMA)
    assert (document["format"], document["version"]) == (JSON_FORMAT, JSON_VERSION)
    assert document["held_on"] == "2025-05-14" and document["threshold_unit"] == "share"
    row = document["rows"][0]
    assert row["actors"] == ["home", "school", "other"]
    assert row["proposals"][1] == {"text": "Koulukuraattori tapaa viikoittain", "votes": 7, "group": None}
    assert row["thresholds"][0] == {"label": "Oppilashuolto kutsuu verkoston", "share": 20.5, "hours": 95,
                                    "actor": None}
    assert row["barriers"][1] == '=HYPERLINK("http://x","y")'  # JSON keeps the text as written
    assert document["rows"][1]["proposals"] == []
    _no_personal_data(text)
    assert "[email]" in row["notes"]


def test_an_empty_canvas_writes_every_format():
    doc = CanvasDocument(workshop="W", language="sv", held_on=None)
    assert "<section" not in canvas_html(doc)
    assert canvas_pdf(doc).startswith(b"%PDF-")
    assert canvas_csv(doc).lstrip("\ufeff").strip() == ",".join(CSV_COLUMNS)
    jsonschema.validate(json.loads(canvas_json(doc)), JSON_SCHEMA)
