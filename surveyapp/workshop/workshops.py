"""Creating and configuring workshops, their groups and join codes. No Flask here."""
from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..codes import CODE_ALPHABET
from ..models import Campaign, Note, Participant, Proposal, Summary, Vote, Workshop, WorkshopCampaign, WorkshopGroup
from .errors import Invalid, NotFound, WrongPhase

LANGUAGES = ("fi", "sv", "en")
THRESHOLD_UNITS = ("share", "hours")
JOIN_CODE_LENGTH = 6  # 31**6 ≈ 9e8: short enough to read off the screen, long enough not to guess
MAX_GROUPS = 40
MAX_PROMPTS = 8
MAX_PROMPT_LENGTH = 300
_CODE_ATTEMPTS = 10


@dataclass(frozen=True)
class WorkshopSettings:
    """What the facilitator chooses; ``prompts`` are already in the workshop's language."""

    name: str
    language: str
    campaign_ids: Sequence[int]
    families: Sequence[str]
    prompts: Sequence[str]
    groups: int
    dots_per_participant: int = 3
    threshold_unit: str = "share"
    held_on: dt.date | None = None


def new_join_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalise_join_code(text: str) -> str | None:
    """What people type (lower case, spaces, hyphens) as a code; None if it cannot be one."""
    code = "".join(ch for ch in text.upper() if ch not in " -\u2010\u2011\u2012\u2013\t")
    if len(code) != JOIN_CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return None
    return code


def format_join_code(code: str) -> str:
    return f"{code[:3]} {code[3:]}"


def _check(settings: WorkshopSettings, session: Session, project_id: int) -> None:
    if not settings.name.strip() or len(settings.name) > 200:
        raise Invalid("name")
    if settings.language not in LANGUAGES:
        raise Invalid("language")
    if settings.threshold_unit not in THRESHOLD_UNITS:
        raise Invalid("threshold_unit")
    if not 1 <= settings.groups <= MAX_GROUPS:
        raise Invalid("groups")
    if not 1 <= settings.dots_per_participant <= 20:
        raise Invalid("dots")
    prompts = [p.strip() for p in settings.prompts if p.strip()]
    if not prompts or len(prompts) > MAX_PROMPTS or any(len(p) > MAX_PROMPT_LENGTH for p in prompts):
        raise Invalid("prompts")
    if settings.campaign_ids:
        found = set(session.scalars(
            select(Campaign.id).where(Campaign.id.in_(list(settings.campaign_ids)), Campaign.project_id == project_id)
        ))
        if found != set(settings.campaign_ids):
            raise NotFound("campaign")  # another project's campaign: as if it did not exist


def create_workshop(session: Session, project_id: int, settings: WorkshopSettings) -> Workshop:
    """A workshop in the draft phase with its groups and their empty notes (flushed, not committed)."""
    _check(settings, session, project_id)
    for _ in range(_CODE_ATTEMPTS):
        workshop = Workshop(project_id=project_id, join_code=new_join_code(), phase="draft")
        _apply(workshop, settings)
        try:
            with session.begin_nested():
                session.add(workshop)
                session.flush()
        except IntegrityError:  # the code collided: draw another
            continue
        _set_campaigns(session, workshop, settings.campaign_ids)
        _set_groups(session, workshop, settings.groups)
        session.flush()
        return workshop
    raise RuntimeError("could not draw a unique join code")


def _unchanged_apart_from_groups(session: Session, workshop: Workshop, settings: WorkshopSettings) -> bool:
    return (
        settings.name.strip() == workshop.name
        and settings.language == workshop.language
        and set(settings.campaign_ids) == set(workshop.campaign_ids)
        and set(settings.families) == set(workshop.families)
        and [p.strip() for p in settings.prompts if p.strip()] == list(workshop.prompts)
        and settings.dots_per_participant == workshop.dots_per_participant
        and settings.threshold_unit == workshop.threshold_unit
        and settings.held_on == workshop.held_on
        and settings.groups >= len(groups_of(session, workshop))
    )


def configure_workshop(session: Session, workshop: Workshop, settings: WorkshopSettings) -> None:
    """Change the settings. Everything can change before the discussion starts (groups are not
    removed once anyone has joined them). Once it has started, groups can only be added: the
    questions, the dots and the rest stay as the participants have seen them (WrongPhase
    ``started``). A closed workshop does not change at all (WrongPhase ``closed``)."""
    if workshop.phase == "closed":
        raise WrongPhase("closed")
    _check(settings, session, workshop.project_id)
    if workshop.phase not in ("draft", "present") and not _unchanged_apart_from_groups(session, workshop, settings):
        raise WrongPhase("started")
    if settings.dots_per_participant != workshop.dots_per_participant and _has_votes(session, workshop):
        raise WrongPhase("started")  # moved back to the start after the vote: the dots stay
    prompts = [p.strip() for p in settings.prompts if p.strip()]
    if len(prompts) < len(workshop.prompts):
        _remove_notes_from(session, workshop, len(prompts))
    _apply(workshop, settings)
    _set_campaigns(session, workshop, settings.campaign_ids)
    _set_groups(session, workshop, settings.groups)
    session.flush()


def _has_votes(session: Session, workshop: Workshop) -> bool:
    return session.scalar(select(func.count()).select_from(Vote).join(Proposal, Proposal.id == Vote.proposal_id)
                          .where(Proposal.workshop_id == workshop.id)) > 0


def _remove_notes_from(session: Session, workshop: Workshop, count: int) -> None:
    """Delete the notes of the questions from ``count`` on (removed before the discussion, so
    empty); Invalid ``notes_written`` if any has text (after a step back from the discussion)."""
    groups = select(WorkshopGroup.id).where(WorkshopGroup.workshop_id == workshop.id).scalar_subquery()
    removed = (Note.group_id.in_(groups), Note.prompt_index >= count)
    if session.scalar(select(func.count()).select_from(Note).where(*removed, Note.text != "")):
        raise Invalid("notes_written")
    session.execute(delete(Note).where(*removed).execution_options(synchronize_session=False))


def _apply(workshop: Workshop, settings: WorkshopSettings) -> None:
    workshop.name = settings.name.strip()
    workshop.language = settings.language
    workshop.families = list(settings.families)
    workshop.prompts = [p.strip() for p in settings.prompts if p.strip()]
    workshop.dots_per_participant = settings.dots_per_participant
    workshop.threshold_unit = settings.threshold_unit
    workshop.held_on = settings.held_on


def _set_campaigns(session: Session, workshop: Workshop, campaign_ids: Sequence[int]) -> None:
    wanted = set(campaign_ids)
    for link in list(workshop.campaign_links):
        if link.campaign_id not in wanted:
            workshop.campaign_links.remove(link)
    have = {link.campaign_id for link in workshop.campaign_links}
    for campaign_id in sorted(wanted - have):
        workshop.campaign_links.append(WorkshopCampaign(workshop_id=workshop.id, campaign_id=campaign_id))


def _set_groups(session: Session, workshop: Workshop, count: int) -> None:
    groups = list(session.scalars(
        select(WorkshopGroup).where(WorkshopGroup.workshop_id == workshop.id).order_by(WorkshopGroup.number)
    ))
    for number in range(len(groups) + 1, count + 1):
        group = WorkshopGroup(workshop_id=workshop.id, number=number, name=str(number))
        session.add(group)
        groups.append(group)
    surplus = [g for g in groups if g.number > count]
    if surplus:
        members = session.scalar(select(func.count()).select_from(Participant)
                                 .where(Participant.group_id.in_([g.id for g in surplus])))
        if members:
            raise Invalid("groups_in_use")
        for group in surplus:
            session.delete(group)
            groups.remove(group)
    session.flush()
    ensure_notes(session, workshop, groups)


def ensure_notes(session: Session, workshop: Workshop, groups: Sequence[WorkshopGroup]) -> None:
    """One note per group and prompt and one summary per group, created up front so that
    saving never races a creation."""
    ids = [g.id for g in groups]
    existing = {tuple(row) for row in session.execute(
        select(Note.group_id, Note.prompt_index).where(Note.group_id.in_(ids)))}
    summaries = set(session.scalars(select(Summary.group_id).where(Summary.group_id.in_(ids))))
    for group in groups:
        if group.id not in summaries:
            session.add(Summary(group_id=group.id, text="", version=0))
        for index in range(len(workshop.prompts)):
            if (group.id, index) not in existing:
                session.add(Note(group_id=group.id, prompt_index=index, text="", version=0))


def project_workshops(session: Session, project_id: int) -> list[Workshop]:
    return list(session.scalars(
        select(Workshop).where(Workshop.project_id == project_id).order_by(Workshop.created_at.desc(), Workshop.id.desc())
    ))


def find_by_code(session: Session, code: str) -> Workshop | None:
    return session.scalar(select(Workshop).where(Workshop.join_code == code))


def groups_of(session: Session, workshop: Workshop) -> list[WorkshopGroup]:
    return list(session.scalars(
        select(WorkshopGroup).where(WorkshopGroup.workshop_id == workshop.id).order_by(WorkshopGroup.number)
    ))


def group_in(session: Session, workshop: Workshop, group_id: int) -> WorkshopGroup:
    group = session.get(WorkshopGroup, group_id)
    if group is None or group.workshop_id != workshop.id:
        raise NotFound("group")
    return group


def campaign_names(session: Session, workshop: Workshop) -> list[str]:
    ids = workshop.campaign_ids
    if not ids:
        return []
    return list(session.scalars(select(Campaign.name).where(Campaign.id.in_(ids)).order_by(Campaign.name)))


def member_counts(session: Session, workshop: Workshop) -> tuple[dict[int, int], int]:
    """Participants per group id, and how many have joined in all. Counts only."""
    rows = session.execute(
        select(Participant.group_id, func.count()).where(Participant.workshop_id == workshop.id)
        .group_by(Participant.group_id)
    )
    counts = {group_id: n for group_id, n in rows}
    total = sum(counts.values())
    counts.pop(None, None)
    return counts, total  # type: ignore[return-value]


def move_phase(workshop: Workshop, direction: str, now: dt.datetime, gallery_minutes: int | None = None) -> str:
    """One step forward or back. Entering the gallery walk starts its timer."""
    from .phases import GALLERY_MINUTES, gallery_end, moved

    target = moved(workshop.phase, direction)
    workshop.phase = target
    if target == "gallery":
        workshop.gallery_ends_at = gallery_end(now, gallery_minutes or GALLERY_MINUTES)
    return target


def extend_gallery(workshop: Workshop, now: dt.datetime, minutes: int) -> None:
    if workshop.phase != "gallery":
        raise WrongPhase("timer")
    start = max(now, workshop.gallery_ends_at or now)
    workshop.gallery_ends_at = start + dt.timedelta(minutes=max(1, min(minutes, 60)))
