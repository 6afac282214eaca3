"""What the live pages poll: a small state that changes whenever something on the page would."""
from __future__ import annotations

import hashlib

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import Comment, Note, Participant, PlusOne, Proposal, Summary, Vote, Workshop, WorkshopGroup


def stamp(session: Session, workshop: Workshop) -> str:
    """Changes when the phase, the timer, any note, summary, comment, +1, proposal, vote or member does."""
    groups = select(WorkshopGroup.id).where(WorkshopGroup.workshop_id == workshop.id).scalar_subquery()
    parts = [
        workshop.phase,
        str(workshop.gallery_ends_at),
        session.scalar(select(func.coalesce(func.sum(Note.version), 0)).where(Note.group_id.in_(groups))),
        session.scalar(select(func.coalesce(func.sum(Summary.version), 0)).where(Summary.group_id.in_(groups))),
        session.scalar(select(func.count()).select_from(Comment).where(Comment.group_id.in_(groups))),
        session.scalar(select(func.count()).select_from(PlusOne).where(PlusOne.group_id.in_(groups))),
        session.scalar(select(func.count()).select_from(Proposal).where(Proposal.workshop_id == workshop.id)),
        session.scalar(select(func.coalesce(func.sum(Vote.dots), 0)).join(Proposal, Proposal.id == Vote.proposal_id)
                       .where(Proposal.workshop_id == workshop.id)),
        session.scalar(select(func.count()).select_from(Participant).where(Participant.workshop_id == workshop.id)),
        session.scalar(select(func.coalesce(func.sum(Participant.group_id), 0) + func.count(Participant.role))
                       .where(Participant.workshop_id == workshop.id, Participant.role != "none")),
    ]
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:16]
