"""Notes (per group and prompt) and the group's summary: saved so that nothing is lost.

Every save names the version it started from. When the stored text has moved on since then,
the save does not overwrite: the two texts are merged (``merge.merge``) and the result is
stored as a new version, and the caller is told a merge happened. Call these inside a
writing transaction (``db.begin_write()``): the row is locked until the commit.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Note, Participant, Summary, Workshop, utcnow
from .errors import Forbidden, Invalid, NotFound
from .merge import merge
from .participants import may_write_notes, may_write_summary
from .phases import require

MAX_NOTE_LENGTH = 10_000


@dataclass(frozen=True)
class Saved:
    text: str
    version: int
    merged: bool = False
    """The stored text had changed since ``base_version``: both edits were combined."""
    conflict: bool = False
    """Both changed the same lines: the other text was kept and this one's lines appended."""


def clean(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _save(row: Note | Summary, base_version: int, base_text: str, text: str) -> Saved:
    text = clean(text)
    if len(text) > MAX_NOTE_LENGTH:
        raise Invalid("too_long")
    if base_version == row.version or text == row.text:
        if text != row.text:
            row.text = text
            row.version += 1
            row.updated_at = utcnow()
        return Saved(row.text, row.version)
    result = merge(clean(base_text), text, row.text)
    merged_text = result.text[:MAX_NOTE_LENGTH * 2]
    if merged_text != row.text:
        row.text = merged_text
        row.version += 1
        row.updated_at = utcnow()
    return Saved(row.text, row.version, merged=True, conflict=result.conflict)


def group_notes(session: Session, group_id: int, prompts: int | None = None) -> list[Note]:
    """The group's notes in prompt order; with ``prompts`` (how many the workshop has), only
    those of its present questions (a row left from a removed question is never shown)."""
    query = select(Note).where(Note.group_id == group_id)
    if prompts is not None:
        query = query.where(Note.prompt_index < prompts)
    return list(session.scalars(query.order_by(Note.prompt_index)))


def save_note(session: Session, workshop: Workshop, participant: Participant, prompt_index: int,
              base_version: int, base_text: str, text: str) -> Saved:
    if participant.workshop_id != workshop.id:
        raise Forbidden("workshop")
    require(workshop.phase, "write_notes")
    if not may_write_notes(participant):
        raise Forbidden("role")
    note = session.scalar(
        select(Note).where(Note.group_id == participant.group_id, Note.prompt_index == prompt_index).with_for_update()
    )
    if note is None or not 0 <= prompt_index < len(workshop.prompts):
        raise NotFound("prompt")
    return _save(note, base_version, base_text, text)


def summary_of(session: Session, group_id: int) -> Summary | None:
    return session.scalar(select(Summary).where(Summary.group_id == group_id))


def save_summary(session: Session, workshop: Workshop, participant: Participant,
                 base_version: int, base_text: str, text: str) -> Saved:
    if participant.workshop_id != workshop.id:
        raise Forbidden("workshop")
    require(workshop.phase, "write_summary")
    if not may_write_summary(participant):
        raise Forbidden("role")
    summary = session.scalar(select(Summary).where(Summary.group_id == participant.group_id).with_for_update())
    if summary is None:
        raise NotFound("summary")
    return _save(summary, base_version, base_text, text)
