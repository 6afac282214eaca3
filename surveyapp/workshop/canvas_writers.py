"""The operating-model canvas as files: HTML and PDF to read and print, CSV and JSON as data.

Each writer takes a :class:`~.canvas_document.CanvasDocument` only (no request, no database)
and returns the file's content. Every free text (the workshop's name, themes, barriers,
proposals, owners, thresholds' labels, notes) goes through the personal-data screening
(:func:`analysis.screening.mask`) first, so a name or a phone number typed into the canvas does
not leave the app in a document.

Headings and actor labels are in the document's language, from the ``staff`` catalog when an
application context is active (English otherwise).

**CSV** (UTF-8 with a byte-order mark, comma-separated, CRLF, one header row): a tidy, long table
with one line per fact, in the canvas's order. Columns (:data:`CSV_COLUMNS`):

``row``        the canvas row's number, from 1
``theme``      the row's theme (repeated on each of its lines, for filtering)
``owner``      the row's owner (repeated likewise)
``kind``       ``actor``, ``barrier``, ``proposal``, ``threshold``, ``notes``, or ``theme`` for a
               row with nothing else
``position``   the fact's order within its kind, from 1
``text``       the actor's label (for ``other``: the other actors as written), the barrier, the
               proposal, the threshold's step, or the notes
``actor``      the actor's code (:data:`~.canvas_document.ACTORS`): of an ``actor`` line, or who
               acts at a ``threshold``
``votes``      a proposal's vote total
``group``      the group a proposal came from
``share``      a threshold as per cent of school time
``hours``      a threshold in hours of absence

A text cell that a spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@``, a tab or a
carriage return first) gets a leading apostrophe, as in the survey exports
(:func:`surveyapp.exports.protect`). Numbers are never altered.

**JSON**: :data:`JSON_FORMAT` version :data:`JSON_VERSION`, described by :data:`JSON_SCHEMA`
(JSON Schema 2020-12). Texts are screened but not apostrophe-protected.
"""
from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from analysis.screening import mask

from ..exports import protect
from .canvas_document import ACTORS, CanvasDocument, CanvasRow, Proposal, Threshold

__all__ = [
    "CSV_COLUMNS",
    "JSON_FORMAT",
    "JSON_SCHEMA",
    "JSON_VERSION",
    "canvas_csv",
    "canvas_html",
    "canvas_json",
    "canvas_pdf",
    "canvas_texts",
    "screened",
]

CSV_COLUMNS = ("row", "theme", "owner", "kind", "position", "text", "actor", "votes", "group", "share", "hours")
JSON_FORMAT = "verkosto-canvas"
JSON_VERSION = 1
UNITS = ("share", "hours")
TEMPLATES = Path(__file__).resolve().parents[1] / "templates" / "workshop"


# --- screening ----------------------------------------------------------------------------------

def screened(doc: CanvasDocument) -> CanvasDocument:
    """``doc`` with personal data masked in every free text."""
    return replace(
        doc,
        workshop=mask(doc.workshop),
        campaigns=tuple(mask(c) for c in doc.campaigns),
        rows=tuple(_screened_row(row) for row in doc.rows),
    )


def _screened_row(row: CanvasRow) -> CanvasRow:
    return replace(
        row,
        theme=mask(row.theme),
        actors=tuple(row.actors),
        other_actors=mask(row.other_actors),
        barriers=tuple(mask(b) for b in row.barriers),
        proposals=tuple(replace(p, text=mask(p.text), group=mask(p.group) if p.group else p.group)
                        for p in row.proposals),
        owner=mask(row.owner),
        thresholds=tuple(replace(t, label=mask(t.label)) for t in row.thresholds),
        notes=mask(row.notes),
    )


# --- words --------------------------------------------------------------------------------------

def canvas_texts(language: str) -> dict[str, Any]:
    """Headings and actor labels in ``language`` (the ``staff`` catalog; English without an app)."""
    from flask import has_app_context

    if not has_app_context():
        return _texts(lambda text: text)
    from flask_babel import force_locale
    from flask_babel import gettext

    with force_locale(language):
        return _texts(gettext)


def _texts(_: Callable[[str], str]) -> dict[str, Any]:
    return {
        "title": _("Operating-model canvas"),
        "held_on": _("Held on"),
        "campaigns": _("Surveys"),
        "theme": _("Priority theme"),
        "actors": _("Actors"),
        "barriers": _("Barriers the surveys found"),
        "proposals": _("Proposals the room chose"),
        "votes": _("votes"),
        "owner": _("Owner"),
        "thresholds": _("Absence thresholds and steps"),
        "notes": _("Notes"),
        "none": _("Not decided"),
        "share_unit": _("% of school time"),
        "hours_unit": _("hours of absence"),
        "actor_labels": {
            "home": _("Home"),
            "school": _("School"),
            "pupil_welfare": _("Pupil welfare"),
            "health_services": _("Health services"),
            "family_social_work": _("Family social work"),
            "child_welfare": _("Child welfare"),
            "other": _("Other"),
        },
    }


def _number(value: float, language: str) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, format="#,##0.##", locale=language)


def threshold_text(threshold: Threshold, unit: str, language: str, texts: dict[str, Any]) -> str:
    """The level in the document's unit (the other unit when only that one was given)."""
    share = f"{_number(threshold.share, language)} {texts['share_unit']}" if threshold.share is not None else ""
    hours = f"{_number(threshold.hours, language)} {texts['hours_unit']}" if threshold.hours is not None else ""
    first, second = (share, hours) if unit != "hours" else (hours, share)
    return first or second


def _actor_names(row: CanvasRow, texts: dict[str, Any]) -> list[str]:
    labels = texts["actor_labels"]
    names = []
    for code in row.actors:
        if code == "other" and row.other_actors:
            names.append(f"{labels['other']}: {row.other_actors}")
        else:
            names.append(labels.get(code, code))
    if row.other_actors and "other" not in row.actors:
        names.append(f"{labels['other']}: {row.other_actors}")
    return names


def _view(doc: CanvasDocument) -> dict[str, Any]:
    """What the HTML and the PDF show, as strings in the document's language."""
    doc = screened(doc)
    texts = canvas_texts(doc.language)
    unit = doc.threshold_unit if doc.threshold_unit in UNITS else "share"
    rows = []
    for row in doc.rows:
        rows.append({
            "theme": row.theme,
            "actors": _actor_names(row, texts),
            "barriers": list(row.barriers),
            "proposals": [(p.text, p.votes, p.group or "") for p in _by_votes(row.proposals)],
            "owner": row.owner,
            "thresholds": [(threshold_text(t, unit, doc.language, texts), t.label,
                            texts["actor_labels"].get(t.actor, t.actor) if t.actor else "")
                           for t in _by_level(row.thresholds, unit)],
            "notes": row.notes,
        })
    return {"doc": doc, "texts": texts, "rows": rows,
            "held_on": _date(doc.held_on, doc.language) if doc.held_on else ""}


def _by_votes(proposals: Sequence[Proposal]) -> list[Proposal]:
    return sorted(proposals, key=lambda p: -p.votes)


def _by_level(thresholds: Sequence[Threshold], unit: str) -> list[Threshold]:
    def level(t: Threshold) -> float:
        value = t.hours if unit == "hours" else t.share
        other = t.share if unit == "hours" else t.hours
        return value if value is not None else other if other is not None else float("inf")

    return sorted(thresholds, key=level)


def _date(day: dt.date, language: str) -> str:
    from babel.dates import format_date

    return format_date(day, format="long", locale=language)


# --- HTML ---------------------------------------------------------------------------------------

@functools.cache
def _environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def canvas_html(doc: CanvasDocument) -> str:
    """A self-contained printable HTML document (its style inline, no scripts, no links out)."""
    return _environment().get_template("canvas.html").render(**_view(doc))


# --- PDF ----------------------------------------------------------------------------------------

def _font_path(name: str) -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name


def canvas_pdf(doc: CanvasDocument) -> bytes:
    """An A4 landscape PDF, DejaVu Sans embedded (from matplotlib), so every letter prints."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    view = _view(doc)
    texts, doc = view["texts"], view["doc"]
    pdf = FPDF(orientation="landscape", format="A4", unit="mm")
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.set_margins(12, 12, 12)
    pdf.add_font("DejaVu", "", str(_font_path("DejaVuSans.ttf")))
    pdf.add_font("DejaVu", "B", str(_font_path("DejaVuSans-Bold.ttf")))
    pdf.set_title(f"{texts['title']}: {doc.workshop}")
    pdf.set_lang(doc.language)
    pdf.set_creator("Verkosto")
    pdf.set_creation_date(dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc))  # the same document, the same file
    pdf.add_page()
    width = pdf.epw
    pdf.set_font("DejaVu", "B", 18)
    pdf.multi_cell(width, 9, f"{texts['title']}: {doc.workshop}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 11)
    meta = []
    if view["held_on"]:
        meta.append(f"{texts['held_on']}: {view['held_on']}")
    if doc.campaigns:
        meta.append(f"{texts['campaigns']}: {', '.join(doc.campaigns)}")
    for line in meta:
        pdf.multi_cell(width, 6, line, new_x="LMARGIN", new_y="NEXT")
    heading = FontFace(emphasis="BOLD")
    for number, row in enumerate(view["rows"], start=1):
        pdf.ln(4)
        pdf.set_font("DejaVu", "B", 14)
        pdf.multi_cell(width, 7, f"{number}. {row['theme']}", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 11)
        with pdf.table(col_widths=(60, width - 60), text_align="LEFT", first_row_as_headings=False,
                       line_height=5.5, padding=1.5) as table:
            for label, value in _pdf_items(row, texts):
                cells = table.row()
                cells.cell(label, style=heading)
                cells.cell(value)
    return bytes(pdf.output())


def _pdf_items(row: dict[str, Any], texts: dict[str, Any]) -> list[tuple[str, str]]:
    none = texts["none"]
    proposals = [f"{text} ({votes} {texts['votes']})" + (f" – {group}" if group else "")
                 for text, votes, group in row["proposals"]]
    thresholds = [" – ".join(part for part in (level, label, actor) if part) for level, label, actor in row["thresholds"]]
    items = [
        (texts["actors"], ", ".join(row["actors"]) or none),
        (texts["barriers"], "\n".join(f"• {b}" for b in row["barriers"]) or none),
        (texts["proposals"], "\n".join(f"• {p}" for p in proposals) or none),
        (texts["owner"], row["owner"] or none),
        (texts["thresholds"], "\n".join(f"• {t}" for t in thresholds) or none),
    ]
    if row["notes"]:
        items.append((texts["notes"], row["notes"]))
    return items


# --- CSV ----------------------------------------------------------------------------------------

def canvas_csv(doc: CanvasDocument) -> str:
    """The canvas as a tidy CSV table (see the module docstring), starting with a byte-order mark."""
    doc = screened(doc)
    texts = canvas_texts(doc.language)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, dialect="excel", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for number, row in enumerate(doc.rows, start=1):
        for line in _csv_lines(row, texts):
            record = {"row": number, "theme": row.theme, "owner": row.owner, **line}
            writer.writerow([_cell(record.get(column)) for column in CSV_COLUMNS])
    return "\ufeff" + buffer.getvalue()


def _csv_lines(row: CanvasRow, texts: dict[str, Any]) -> list[dict[str, Any]]:
    labels = texts["actor_labels"]
    lines: list[dict[str, Any]] = []
    actors = list(row.actors) + (["other"] if row.other_actors and "other" not in row.actors else [])
    for position, code in enumerate(actors, start=1):
        text = row.other_actors if code == "other" and row.other_actors else labels.get(code, code)
        lines.append({"kind": "actor", "position": position, "text": text, "actor": code})
    for position, barrier in enumerate(row.barriers, start=1):
        lines.append({"kind": "barrier", "position": position, "text": barrier})
    for position, proposal in enumerate(row.proposals, start=1):
        lines.append({"kind": "proposal", "position": position, "text": proposal.text, "votes": proposal.votes,
                      "group": proposal.group})
    for position, threshold in enumerate(row.thresholds, start=1):
        lines.append({"kind": "threshold", "position": position, "text": threshold.label, "actor": threshold.actor,
                      "share": threshold.share, "hours": threshold.hours})
    if row.notes:
        lines.append({"kind": "notes", "position": 1, "text": row.notes})
    return lines or [{"kind": "theme", "position": 1}]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return protect(value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


# --- JSON ---------------------------------------------------------------------------------------

def canvas_json(doc: CanvasDocument) -> str:
    """The canvas as a JSON document of :data:`JSON_SCHEMA` (UTF-8 text, indented)."""
    doc = screened(doc)
    texts = canvas_texts(doc.language)
    document = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "workshop": doc.workshop,
        "language": doc.language,
        "held_on": doc.held_on.isoformat() if doc.held_on else None,
        "campaigns": list(doc.campaigns),
        "threshold_unit": doc.threshold_unit,
        "actors": {code: texts["actor_labels"].get(code, code) for code in ACTORS},
        "rows": [
            {
                "theme": row.theme,
                "actors": list(row.actors),
                "other_actors": row.other_actors,
                "barriers": list(row.barriers),
                "proposals": [{"text": p.text, "votes": int(p.votes), "group": p.group} for p in row.proposals],
                "owner": row.owner,
                "thresholds": [{"label": t.label, "share": t.share, "hours": t.hours, "actor": t.actor}
                               for t in row.thresholds],
                "notes": row.notes,
            }
            for row in doc.rows
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False) + "\n"


_TEXT = {"type": "string"}
_NUMBER_OR_NULL = {"type": ["number", "null"], "minimum": 0}
JSON_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Verkosto operating-model canvas",
    "type": "object",
    "required": ["format", "version", "workshop", "language", "held_on", "campaigns", "threshold_unit", "actors",
                 "rows"],
    "additionalProperties": False,
    "properties": {
        "format": {"const": JSON_FORMAT},
        "version": {"const": JSON_VERSION},
        "workshop": _TEXT,
        "language": {"enum": ["fi", "sv", "en"]},
        "held_on": {"type": ["string", "null"], "format": "date"},
        "campaigns": {"type": "array", "items": _TEXT},
        "threshold_unit": {"enum": list(UNITS), "description": "share: % of school time; hours: hours of absence"},
        "actors": {"type": "object", "description": "actor code -> its label in the document's language",
                   "properties": {code: _TEXT for code in ACTORS}, "additionalProperties": False},
        "rows": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["theme", "actors", "other_actors", "barriers", "proposals", "owner", "thresholds",
                             "notes"],
                "additionalProperties": False,
                "properties": {
                    "theme": _TEXT,
                    "actors": {"type": "array", "items": {"enum": list(ACTORS)}},
                    "other_actors": _TEXT,
                    "barriers": {"type": "array", "items": _TEXT},
                    "proposals": {"type": "array", "items": {
                        "type": "object", "required": ["text", "votes", "group"], "additionalProperties": False,
                        "properties": {"text": _TEXT, "votes": {"type": "integer", "minimum": 0},
                                       "group": {"type": ["string", "null"]}}}},
                    "owner": _TEXT,
                    "thresholds": {"type": "array", "items": {
                        "type": "object", "required": ["label", "share", "hours", "actor"],
                        "additionalProperties": False,
                        "properties": {"label": _TEXT, "share": _NUMBER_OR_NULL, "hours": _NUMBER_OR_NULL,
                                       "actor": {"enum": [*ACTORS, None]}}}},
                    "notes": _TEXT,
                },
            },
        },
    },
}
"""The JSON document's schema; ``share`` is per cent of school time (0-100), ``hours`` hours."""
