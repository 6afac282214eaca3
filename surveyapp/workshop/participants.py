"""Joining a workshop with its code, and choosing a group and a role. No Flask here.

A participant has no account: a random token is kept in their session cookie and only its
SHA-256 is stored, so the database alone cannot act as anyone.
"""
from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Participant, Workshop, WorkshopGroup
from .errors import Forbidden, Invalid, NotFound
from .phases import allows, require

ROLES = ("none", "chair", "secretary")
WRITERS = ("secretary", "chair")
"""Who may write the group's notes: the secretary records; the chair may too, so that a
dropped phone does not stop the group (and two writers at once is what notes.py merges)."""
MAX_NAME = 60


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def join(session: Session, workshop: Workshop, display_name: str | None = None) -> tuple[Participant, str]:
    """A new participant and the secret token for their session (flushed, not committed)."""
    require(workshop.phase, "join")
    name = (display_name or "").strip()[:MAX_NAME] or None
    token = secrets.token_urlsafe(32)
    participant = Participant(workshop_id=workshop.id, role="none", token_hash=token_hash(token), display_name=name)
    session.add(participant)
    session.flush()
    return participant, token


def find_participant(session: Session, workshop_id: int, token: str | None) -> Participant | None:
    """The participant this token belongs to, if it is one of ``workshop_id``'s."""
    if not token:
        return None
    participant = session.scalar(select(Participant).where(Participant.token_hash == token_hash(token)))
    if participant is None or participant.workshop_id != workshop_id:
        return None
    return participant


def choose(session: Session, workshop: Workshop, participant: Participant, group_id: int, role: str) -> None:
    """Join group ``group_id`` with ``role``. At most one chair and one secretary per group.

    Call inside a writing transaction: the group row is locked (PostgreSQL) or the database
    is (SQLite), so two people cannot take the same role at once.
    """
    if participant.workshop_id != workshop.id:
        raise Forbidden("workshop")
    if role not in ROLES:
        raise Invalid("role")
    group = session.scalar(select(WorkshopGroup).where(WorkshopGroup.id == group_id).with_for_update())
    if group is None or group.workshop_id != workshop.id:
        raise NotFound("group")
    moving = participant.group_id is not None and participant.group_id != group.id
    require(workshop.phase, "change_group" if moving else "pick_group")
    if role != "none":
        require(workshop.phase, "take_role")
        holder = session.scalar(select(Participant.id).where(
            Participant.group_id == group.id, Participant.role == role, Participant.id != participant.id
        ))
        if holder is not None:
            raise Invalid("role_taken")
    participant.group_id = group.id
    participant.role = role
    session.flush()


def may_write_notes(participant: Participant) -> bool:
    return participant.group_id is not None and participant.role in WRITERS


def may_write_summary(participant: Participant) -> bool:
    return participant.group_id is not None and participant.role == "chair"


def roles_taken(session: Session, workshop: Workshop) -> dict[int, set[str]]:
    """Group id -> roles already held (to show which are free)."""
    taken: dict[int, set[str]] = {}
    for group_id, role in session.execute(
        select(Participant.group_id, Participant.role)
        .where(Participant.workshop_id == workshop.id, Participant.role != "none", Participant.group_id.is_not(None))
    ):
        taken.setdefault(group_id, set()).add(role)
    return taken


def can_change_group(workshop: Workshop, participant: Participant) -> bool:
    return participant.group_id is None and allows(workshop.phase, "pick_group") or allows(workshop.phase, "change_group")
