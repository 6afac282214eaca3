"""Proposals, merging duplicates, dot votes and ranked results. No Flask here.

Results are totals per proposal only: nothing here returns who placed which dots.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from analysis.screening import mask

from ..models import CanvasRow, Note, Participant, Proposal, Summary, Vote, Workshop, WorkshopGroup
from .errors import Forbidden, Invalid, NotFound
from .phases import require

MAX_PROPOSAL_LENGTH = 500
_BULLET = re.compile(r"^\s*(?:[-*•·–—]|\d+[.)])\s*")


@dataclass(frozen=True)
class Candidate:
    """A line of a group's output that could become a proposal."""

    key: str
    """``note:<group id>:<line>`` (the last prompt's note) or ``summary:<group id>:<line>``."""
    group_id: int
    group_name: str
    text: str
    """Screened."""


@dataclass(frozen=True)
class Ranked:
    proposal_id: int
    text: str
    group_name: str | None
    total: int
    rank: int


def _lines(text: str) -> list[str]:
    return [_BULLET.sub("", line).strip() for line in text.splitlines()]


def candidates(session: Session, workshop: Workshop) -> list[Candidate]:
    """Lines of each group's last prompt ("what should change" by default) and of its summary."""
    groups = list(session.scalars(
        select(WorkshopGroup).where(WorkshopGroup.workshop_id == workshop.id).order_by(WorkshopGroup.number)
    ))
    last = len(workshop.prompts) - 1
    result = []
    for group in groups:
        note = session.scalar(select(Note.text).where(Note.group_id == group.id, Note.prompt_index == last)) or ""
        summary = session.scalar(select(Summary.text).where(Summary.group_id == group.id)) or ""
        for kind, text in (("note", note), ("summary", summary)):
            for number, line in enumerate(_lines(text)):
                if line:
                    result.append(Candidate(f"{kind}:{group.id}:{number}", group.id, group.name, mask(line)[:MAX_PROPOSAL_LENGTH]))
    return result


def add_proposal(session: Session, workshop: Workshop, text: str, source_group_id: int | None = None) -> Proposal:
    if workshop.phase == "closed":
        raise Invalid("closed")
    text = mask(" ".join(text.split()))
    if not text:
        raise Invalid("empty")
    if len(text) > MAX_PROPOSAL_LENGTH:
        raise Invalid("too_long")
    if source_group_id is not None:
        group = session.get(WorkshopGroup, source_group_id)
        if group is None or group.workshop_id != workshop.id:
            raise NotFound("group")
    proposal = Proposal(workshop_id=workshop.id, text=text, source_group_id=source_group_id)
    session.add(proposal)
    session.flush()
    return proposal


def add_from_candidates(session: Session, workshop: Workshop, keys: list[str]) -> list[Proposal]:
    """Proposals from the chosen candidate lines (their text is taken from the database again)."""
    by_key = {c.key: c for c in candidates(session, workshop)}
    chosen = [by_key[k] for k in dict.fromkeys(keys) if k in by_key]
    if len(chosen) != len(set(keys)):
        raise NotFound("candidate")
    existing = set(session.scalars(select(Proposal.text).where(Proposal.workshop_id == workshop.id)))
    return [add_proposal(session, workshop, c.text, c.group_id) for c in chosen if c.text not in existing]


def active_proposals(session: Session, workshop: Workshop) -> list[Proposal]:
    return list(session.scalars(
        select(Proposal).where(Proposal.workshop_id == workshop.id, Proposal.merged_into_id.is_(None)).order_by(Proposal.id)
    ))


def proposal_in(session: Session, workshop: Workshop, proposal_id: int) -> Proposal:
    proposal = session.get(Proposal, proposal_id)
    if proposal is None or proposal.workshop_id != workshop.id:
        raise NotFound("proposal")
    return proposal


def current_proposal(session: Session, workshop: Workshop, proposal_id: int) -> Proposal | None:
    """The active proposal ``proposal_id`` now stands for: itself, or the proposal it was merged
    into (following the chain). None if it is not one of this workshop's proposals."""
    proposal = session.get(Proposal, proposal_id)
    seen: set[int] = set()
    while proposal is not None and proposal.workshop_id == workshop.id and proposal.merged_into_id is not None:
        if proposal.id in seen:  # a loop cannot be made through merge_proposals; never follow one
            return None
        seen.add(proposal.id)
        proposal = session.get(Proposal, proposal.merged_into_id)
    if proposal is None or proposal.workshop_id != workshop.id:
        return None
    return proposal


def merge_proposals(session: Session, workshop: Workshop, source_id: int, target_id: int) -> None:
    """Merge duplicate ``source`` into ``target``: its dots follow to the target, and canvas rows
    that list it list the target instead."""
    if workshop.phase == "closed":
        raise Invalid("closed")
    source, target = proposal_in(session, workshop, source_id), proposal_in(session, workshop, target_id)
    if source.id == target.id or source.merged_into_id is not None or target.merged_into_id is not None:
        raise Invalid("merge")
    moved = session.execute(select(Vote.participant_id, Vote.dots).where(Vote.proposal_id == source.id)).all()
    for participant_id, dots in moved:
        vote = session.get(Vote, (participant_id, target.id))
        if vote is None:
            session.add(Vote(participant_id=participant_id, proposal_id=target.id, dots=dots))
        else:
            vote.dots += dots
    session.execute(delete(Vote).where(Vote.proposal_id == source.id))
    source.merged_into_id = target.id
    for row in session.scalars(select(CanvasRow).where(CanvasRow.workshop_id == workshop.id)):
        if source.id in row.proposal_ids:
            row.proposal_ids = list(dict.fromkeys(target.id if p == source.id else p for p in row.proposal_ids))
    session.flush()


def my_votes(session: Session, participant: Participant) -> dict[int, int]:
    return dict(session.execute(select(Vote.proposal_id, Vote.dots).where(Vote.participant_id == participant.id)).all())


def set_votes(session: Session, workshop: Workshop, participant: Participant, dots: Mapping[int, int]) -> bool:
    """Replace the participant's dots. Their total may not exceed the workshop's dots each.

    Dots for a proposal merged away since the form was loaded go to the proposal it was merged
    into; True is returned then, so that the participant can be asked to check their dots. An id
    that is not one of this workshop's proposals is ignored with 0 dots and refused (NotFound)
    with any. Call inside a writing transaction: the participant's row is locked (PostgreSQL) or
    the database is (SQLite), so two submissions at once cannot exceed the dots.
    """
    if participant.workshop_id != workshop.id:
        raise Forbidden("workshop")
    require(workshop.phase, "vote")
    if any(n < 0 for n in dots.values()):
        raise Invalid("negative")
    locked = session.get(Participant, participant.id, with_for_update=True)
    if locked is None:
        raise Forbidden("participant")
    resolved: dict[int, int] = {}
    merged = False
    for proposal_id, n in sorted(dots.items()):
        proposal = current_proposal(session, workshop, proposal_id)
        if proposal is None:
            if n:
                raise NotFound("proposal")
            continue
        if proposal.id != proposal_id:
            merged = True
        resolved[proposal.id] = resolved.get(proposal.id, 0) + n
    if sum(resolved.values()) > workshop.dots_per_participant:
        raise Invalid("too_many_dots")
    session.execute(delete(Vote).where(Vote.participant_id == locked.id))
    for proposal_id, n in sorted(resolved.items()):
        if n:
            session.add(Vote(participant_id=locked.id, proposal_id=proposal_id, dots=n))
    session.flush()
    return merged


def results(session: Session, workshop: Workshop) -> list[Ranked]:
    """Active proposals by their total dots, most first; equal totals share a rank."""
    totals = dict(session.execute(
        select(Vote.proposal_id, func.sum(Vote.dots)).join(Proposal, Proposal.id == Vote.proposal_id)
        .where(Proposal.workshop_id == workshop.id).group_by(Vote.proposal_id)
    ).all())
    names = dict(session.execute(
        select(WorkshopGroup.id, WorkshopGroup.name).where(WorkshopGroup.workshop_id == workshop.id)
    ).all())
    proposals = sorted(active_proposals(session, workshop), key=lambda p: (-int(totals.get(p.id) or 0), p.id))
    ranked, rank, previous = [], 0, None
    for position, proposal in enumerate(proposals, start=1):
        total = int(totals.get(proposal.id) or 0)
        if total != previous:
            rank, previous = position, total
        ranked.append(Ranked(proposal.id, mask(proposal.text), names.get(proposal.source_group_id), total, rank))
    return ranked


def voters(session: Session, workshop: Workshop) -> int:
    """How many participants have placed at least one dot (a count only)."""
    return session.scalar(
        select(func.count(func.distinct(Vote.participant_id))).join(Participant, Participant.id == Vote.participant_id)
        .where(Participant.workshop_id == workshop.id)
    ) or 0
