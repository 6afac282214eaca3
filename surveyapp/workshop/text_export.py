"""Workshop notes, comments and summaries in the analysis package's input format.

The document is a ``verkosto-export`` version 1 JSON document (docs/export-format.md), so
``analysis.export_reader.read_json_export`` reads it and ``analysis.themes.ThemePipeline`` can
find themes in its ``text`` column, across workshops too. One row per text; ``response_id`` is
a keyed hash of the text's row, stable between exports and unrelated to any participant.
Every text is screened for personal data. No Flask here.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from analysis.screening import mask

from ..models import Comment, Note, Project, Summary, Workshop, WorkshopGroup

FORMAT = "verkosto-export"
VERSION = 1
KINDS = ("note", "comment", "summary")
COLUMNS = [
    ("response_id", "Random identifier of the text"),
    ("workshop", "Workshop"),
    ("group", "Group"),
    ("kind", "Kind of text"),
    ("prompt", "Prompt (notes only)"),
    ("language", "Language of the workshop"),
    ("text", "Text (screened for personal data)"),
]
KIND_LABELS = [{"code": "note", "label": "note"}, {"code": "comment", "label": "comment"},
               {"code": "summary", "label": "summary"}]


def _row_id(key: bytes, kind: str, row_id: int) -> str:
    return hmac.new(key, f"workshop-{kind}:{row_id}".encode(), hashlib.sha256).hexdigest()[:32]


def text_rows(session: Session, workshop: Workshop, key: bytes) -> list[dict[str, Any]]:
    groups = {g.id: g for g in session.scalars(select(WorkshopGroup).where(WorkshopGroup.workshop_id == workshop.id))}
    ids = list(groups)
    base = {"workshop": workshop.name, "language": workshop.language}
    rows: list[dict[str, Any]] = []

    def add(kind: str, row_id: int, group_id: int, text: str, prompt: str | None) -> None:
        if text.strip():
            rows.append({"response_id": _row_id(key, kind, row_id), **base, "group": groups[group_id].name,
                         "kind": kind, "prompt": prompt, "text": mask(text.strip())})

    for note in session.scalars(select(Note).where(Note.group_id.in_(ids), Note.prompt_index < len(workshop.prompts))
                                .order_by(Note.group_id, Note.prompt_index)):
        add("note", note.id, note.group_id, note.text, workshop.prompts[note.prompt_index])
    for comment in session.scalars(select(Comment).where(Comment.group_id.in_(ids)).order_by(Comment.id)):
        add("comment", comment.id, comment.group_id, comment.text, None)
    for summary in session.scalars(select(Summary).where(Summary.group_id.in_(ids)).order_by(Summary.group_id)):
        add("summary", summary.id, summary.group_id, summary.text, None)
    rows.sort(key=lambda r: (groups_number(groups, r["group"]), KINDS.index(r["kind"])))
    return rows


def groups_number(groups: dict[int, WorkshopGroup], name: str) -> int:
    return next((g.number for g in groups.values() if g.name == name), 0)


def export_document(session: Session, workshops: Sequence[Workshop], key: bytes, *, language: str = "en") -> dict[str, Any]:
    """The export of one or more workshops (of one project) as a JSON-ready document."""
    rows = [row for workshop in workshops for row in text_rows(session, workshop, key)]
    project = session.get(Project, workshops[0].project_id) if workshops else None
    name = workshops[0].name if len(workshops) == 1 else "workshops"
    columns = [
        {"name": n, "label": label, "type": "string", "question_id": None, "question_type": None,
         "answer_key": None, "option": None, "values": KIND_LABELS if n == "kind" else [], "spss_name": n}
        for n, label in COLUMNS
    ]
    return {
        "format": FORMAT,
        "version": VERSION,
        "label_language": language,
        "questionnaire": {"id": "workshop", "title": name, "version": None, "audience": "other"},
        "campaign": {"name": name, "slug": None, "project": project.name if project else None, "area": None,
                     "schools": []},
        "source": "workshop",
        "exported_on": dt.date.today().isoformat(),
        "columns": columns,
        "responses": [{c[0]: row.get(c[0]) for c in COLUMNS} for row in rows],
    }


def export_json(session: Session, workshops: Sequence[Workshop], key: bytes) -> str:
    return json.dumps(export_document(session, workshops, key), ensure_ascii=False, indent=1)
