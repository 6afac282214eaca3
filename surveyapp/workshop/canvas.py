"""The operating-model canvas: rows the facilitator edits, and the document built from them.

No Flask here. :func:`build_document` returns :class:`~.canvas_document.CanvasDocument`, which
the writers (HTML, PDF, CSV, JSON) take. Every text in it is screened for personal data, and
proposals carry vote totals only.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from analysis.screening import mask

from ..models import CanvasRow, Workshop
from . import canvas_document as doc
from .errors import Invalid, NotFound
from .voting import current_proposal, results

MAX_ROWS = 30
MAX_THRESHOLDS = 6


@dataclass(frozen=True)
class ThresholdInput:
    value: float | None
    label: str = ""
    actor: str | None = None


@dataclass(frozen=True)
class RowInput:
    theme: str
    actors: Sequence[str] = ()
    other_actors: str = ""
    barriers: Sequence[str] = ()
    proposal_ids: Sequence[int] = ()
    owner: str = ""
    thresholds: Sequence[ThresholdInput] = field(default_factory=tuple)
    notes: str = ""
    position: int | None = None


def rows_of(session: Session, workshop: Workshop) -> list[CanvasRow]:
    return list(session.scalars(
        select(CanvasRow).where(CanvasRow.workshop_id == workshop.id).order_by(CanvasRow.position, CanvasRow.id)
    ))


def row_in(session: Session, workshop: Workshop, row_id: int) -> CanvasRow:
    row = session.get(CanvasRow, row_id)
    if row is None or row.workshop_id != workshop.id:
        raise NotFound("row")
    return row


def save_row(session: Session, workshop: Workshop, data: RowInput, row: CanvasRow | None = None) -> CanvasRow:
    theme = " ".join(data.theme.split())
    if not theme or len(theme) > 200:
        raise Invalid("theme")
    if any(a not in doc.ACTORS for a in data.actors):
        raise Invalid("actor")
    if len(data.other_actors) > 300 or len(data.owner) > 200 or len(data.notes) > 5000:
        raise Invalid("too_long")
    chosen = {r.proposal_id for r in results(session, workshop)}
    proposal_ids = []
    for proposal_id in data.proposal_ids:  # one merged since the form was loaded: its target
        current = current_proposal(session, workshop, proposal_id)
        if current is None or current.id not in chosen:
            raise NotFound("proposal")
        proposal_ids.append(current.id)
    thresholds = []
    for t in data.thresholds[:MAX_THRESHOLDS]:
        if t.value is None and not t.label.strip():
            continue
        if t.value is not None and not 0 <= t.value <= (100 if workshop.threshold_unit == "share" else 2000):
            raise Invalid("threshold")
        if t.actor is not None and t.actor not in doc.ACTORS:
            raise Invalid("actor")
        thresholds.append({"label": mask(t.label.strip()[:200]), workshop.threshold_unit: t.value, "actor": t.actor})
    if row is None:
        count = session.scalar(select(func.count()).select_from(CanvasRow).where(CanvasRow.workshop_id == workshop.id))
        if count >= MAX_ROWS:
            raise Invalid("too_many_rows")
        row = CanvasRow(workshop_id=workshop.id, position=data.position if data.position is not None else count + 1)
        session.add(row)
    elif data.position is not None:
        row.position = data.position
    # the canvas is a shared document: personal data is screened out as it is stored
    row.theme = mask(theme)
    row.actors = [a for a in doc.ACTORS if a in data.actors]
    row.other_actors = mask(data.other_actors.strip())
    row.barriers = [mask(b.strip()) for b in data.barriers if b.strip()][:30]
    row.proposal_ids = list(dict.fromkeys(proposal_ids))
    row.owner = mask(data.owner.strip())
    row.thresholds = thresholds
    row.notes = mask(data.notes.strip())
    session.flush()
    return row


def delete_row(session: Session, workshop: Workshop, row_id: int) -> None:
    session.delete(row_in(session, workshop, row_id))
    session.flush()


def build_document(session: Session, workshop: Workshop, campaigns: Sequence[str]) -> doc.CanvasDocument:
    ranked = {r.proposal_id: r for r in results(session, workshop)}
    rows = []
    for row in rows_of(session, workshop):
        shown: list[int] = []
        for proposal_id in row.proposal_ids:  # a proposal merged away since: its target is listed instead
            current = current_proposal(session, workshop, proposal_id)
            if current is not None and current.id in ranked and current.id not in shown:
                shown.append(current.id)
        proposals = tuple(
            doc.Proposal(text=mask(ranked[p].text), votes=ranked[p].total, group=ranked[p].group_name) for p in shown
        )
        thresholds = tuple(
            doc.Threshold(label=mask(t.get("label") or ""), share=t.get("share"), hours=t.get("hours"), actor=t.get("actor"))
            for t in row.thresholds
        )
        rows.append(doc.CanvasRow(
            theme=mask(row.theme), actors=tuple(row.actors), other_actors=mask(row.other_actors),
            barriers=tuple(mask(b) for b in row.barriers), proposals=proposals, owner=mask(row.owner),
            thresholds=thresholds, notes=mask(row.notes),
        ))
    return doc.CanvasDocument(
        workshop=mask(workshop.name), language=workshop.language, held_on=workshop.held_on,
        campaigns=tuple(campaigns), rows=tuple(rows), threshold_unit=workshop.threshold_unit,
    )
