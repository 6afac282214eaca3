"""The gallery walk: every group's output for everyone to read, comments and "+1"s. No Flask here.

Everything shown here is screened for personal data (``analysis.screening.mask``), and
comments are shown without their authors.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from analysis.screening import mask

from ..models import Comment, Note, Participant, PlusOne, Summary, Workshop, WorkshopGroup
from .errors import Forbidden, Invalid, NotFound
from .phases import require

MAX_COMMENT_LENGTH = 1000


@dataclass(frozen=True)
class Part:
    """One prompt's note, or the summary (``target`` ``note:<i>`` or ``summary``)."""

    target: str
    heading: str
    text: str
    plus_ones: int
    mine: bool
    """This participant has given it a +1."""


@dataclass(frozen=True)
class GroupOutput:
    group_id: int
    number: int
    name: str
    parts: list[Part] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)

    @property
    def summary(self) -> Part | None:
        return next((p for p in self.parts if p.target == "summary"), None)


def targets(workshop: Workshop) -> list[str]:
    return [f"note:{i}" for i in range(len(workshop.prompts))] + ["summary"]


def outputs(session: Session, workshop: Workshop, participant_id: int | None = None,
            summary_heading: str = "summary") -> list[GroupOutput]:
    """Every group's notes, summary and comments, screened, in group order."""
    groups = list(session.scalars(
        select(WorkshopGroup).where(WorkshopGroup.workshop_id == workshop.id).order_by(WorkshopGroup.number)
    ))
    ids = [g.id for g in groups]
    notes = {(n.group_id, n.prompt_index): n.text for n in session.scalars(select(Note).where(Note.group_id.in_(ids)))}
    summaries = {s.group_id: s.text for s in session.scalars(select(Summary).where(Summary.group_id.in_(ids)))}
    counts = Counter(tuple(row) for row in session.execute(
        select(PlusOne.group_id, PlusOne.target).where(PlusOne.group_id.in_(ids))
    ))
    mine = set()
    if participant_id is not None:
        mine = {tuple(row) for row in session.execute(
            select(PlusOne.group_id, PlusOne.target).where(PlusOne.participant_id == participant_id)
        )}
    comments: dict[int, list[str]] = {}
    for group_id, text in session.execute(
        select(Comment.group_id, Comment.text).where(Comment.group_id.in_(ids)).order_by(Comment.created_at, Comment.id)
    ):
        comments.setdefault(group_id, []).append(mask(text))
    result = []
    for group in groups:
        parts = [
            Part(f"note:{i}", prompt, mask(notes.get((group.id, i), "")),
                 counts[(group.id, f"note:{i}")], (group.id, f"note:{i}") in mine)
            for i, prompt in enumerate(workshop.prompts)
        ]
        parts.append(Part("summary", summary_heading, mask(summaries.get(group.id, "")),
                          counts[(group.id, "summary")], (group.id, "summary") in mine))
        result.append(GroupOutput(group.id, group.number, group.name, parts, comments.get(group.id, [])))
    return result


def _target_group(session: Session, workshop: Workshop, participant: Participant, group_id: int) -> WorkshopGroup:
    if participant.workshop_id != workshop.id:
        raise Forbidden("workshop")
    group = session.get(WorkshopGroup, group_id)
    if group is None or group.workshop_id != workshop.id:
        raise NotFound("group")
    return group


def add_comment(session: Session, workshop: Workshop, participant: Participant, group_id: int, text: str) -> Comment:
    group = _target_group(session, workshop, participant, group_id)
    require(workshop.phase, "read_gallery")
    require(workshop.phase, "comment")
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise Invalid("empty")
    if len(text) > MAX_COMMENT_LENGTH:
        raise Invalid("too_long")
    comment = Comment(group_id=group.id, participant_id=participant.id, text=text)
    session.add(comment)
    session.flush()
    return comment


def toggle_plus_one(session: Session, workshop: Workshop, participant: Participant, group_id: int, target: str) -> bool:
    """Give a +1, or take it back. True when the participant now has a +1 there."""
    group = _target_group(session, workshop, participant, group_id)
    require(workshop.phase, "read_gallery")
    require(workshop.phase, "comment")
    if target not in targets(workshop):
        raise NotFound("target")
    existing = session.scalar(select(PlusOne).where(
        PlusOne.participant_id == participant.id, PlusOne.group_id == group.id, PlusOne.target == target
    ))
    if existing is not None:
        session.delete(existing)
        session.flush()
        return False
    try:
        with session.begin_nested():
            session.add(PlusOne(participant_id=participant.id, group_id=group.id, target=target))
    except IntegrityError:  # the same +1 from another tab at the same moment
        pass
    return True
