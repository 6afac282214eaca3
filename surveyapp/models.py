"""Database tables (SQLAlchemy 2 typed ORM). Schema changes go through Alembic migrations."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

JsonDocument = JSON().with_variant(JSONB(), "postgresql")

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Project(Base):
    """A development project; campaigns belong to one, and staff see only their projects."""

    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    areas: Mapped[dict[str, list[str]]] = mapped_column(JsonDocument, default=dict)
    """Areas and the schools in each: ``{"Espoo": ["Kilo school", ...]}``."""
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class User(Base):
    """A member of staff. Respondents never have accounts."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    memberships: Mapped[list[Membership]] = relationship(back_populates="user", cascade="all, delete-orphan")


class Membership(Base):
    """A user's role in one project: ``staff``, ``researcher`` or ``facilitator``."""

    __tablename__ = "memberships"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(16))

    user: Mapped[User] = relationship(back_populates="memberships")
    project: Mapped[Project] = relationship(lazy="joined")


class QuestionnaireVersion(Base):
    """An immutable copy of a validated questionnaire definition."""

    __tablename__ = "questionnaire_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_key: Mapped[str] = mapped_column(String(60), index=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # loaded only when a process meets this version for the first time (see campaigns.py)
    definition: Mapped[dict[str, Any]] = mapped_column(JsonDocument, deferred=True)
    source_name: Mapped[str] = mapped_column(String(255))
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    """The project it was uploaded to; None for versions of the shipped questionnaires."""
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Campaign(Base):
    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    questionnaire_version_id: Mapped[int] = mapped_column(ForeignKey("questionnaire_versions.id"))
    languages: Mapped[list[str]] = mapped_column(JsonDocument)
    default_language: Mapped[str | None] = mapped_column(String(8))
    """None: follow the browser's Accept-Language among the campaign's languages."""
    status: Mapped[str] = mapped_column(String(16), default="open")
    """draft (not launched), open, paused or closed."""
    opens_on: Mapped[dt.date | None] = mapped_column(Date)
    closes_on: Mapped[dt.date | None] = mapped_column(Date)
    area: Mapped[str | None] = mapped_column(String(200))
    schools: Mapped[list[str]] = mapped_column(JsonDocument, default=list)
    target_responses: Mapped[int | None] = mapped_column(Integer)
    retain_until: Mapped[dt.date | None] = mapped_column(Date)
    """After this day the purge command deletes the campaign's responses and drafts."""
    purged_on: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    questionnaire_version: Mapped[QuestionnaireVersion] = relationship(lazy="joined")


class Draft(Base):
    """Answers in progress. Deleted when submitted or when it expires."""

    __tablename__ = "drafts"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"), index=True)
    questionnaire_version_id: Mapped[int] = mapped_column(ForeignKey("questionnaire_versions.id"))
    """The version the respondent started on: kept until they submit, even if the campaign moves on."""
    resume_code: Mapped[str] = mapped_column(String(16), unique=True)
    submit_key: Mapped[str] = mapped_column(String(32), unique=True)
    language: Mapped[str] = mapped_column(String(8))
    answers: Mapped[dict[str, Any]] = mapped_column(JsonDocument, default=dict)
    current_page: Mapped[str | None] = mapped_column(String(60))
    pages_done: Mapped[list[str]] = mapped_column(JsonDocument, default=list)
    """Pages passed with Next at least once, so each is counted once in the funnel."""
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)


class Response(Base):
    """A submitted, acknowledged answer set. Anonymous: no IP, user agent, time of day."""

    __tablename__ = "responses"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    questionnaire_version_id: Mapped[int] = mapped_column(ForeignKey("questionnaire_versions.id"))
    idempotency_key: Mapped[str] = mapped_column(String(32), unique=True)
    receipt_code: Mapped[str] = mapped_column(String(16), unique=True)
    language: Mapped[str] = mapped_column(String(8))
    submitted_on: Mapped[dt.date] = mapped_column(Date)
    answers: Mapped[dict[str, Any]] = mapped_column(JsonDocument)

    # WITHOUT ROWID: SQLite would otherwise keep an insertion counter that reveals the order
    # (and so the rough time) of submissions, which the date-only column is meant to hide.
    __table_args__ = (
        Index("ix_responses_campaign_submitted", "campaign_id", "submitted_on"),
        {"sqlite_with_rowid": False},
    )


class FunnelCount(Base):
    """How many respondents started, passed each page and submitted: counts, nothing else."""

    __tablename__ = "funnel_counts"

    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True)
    step: Mapped[str] = mapped_column(String(80), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class AuditEvent(Base):
    """Who did what, when: every export, launch, status change, erasure and purge."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    user_email: Mapped[str | None] = mapped_column(String(254))
    action: Mapped[str] = mapped_column(String(40))
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id", ondelete="SET NULL"), index=True)
    detail: Mapped[dict[str, Any]] = mapped_column(JsonDocument, default=dict)


# -- workshops (issue 7) ----------------------------------------------------------------------
class Workshop(Base):
    """A co-creation workshop: findings on the big screen, group work, a vote, a canvas."""

    __tablename__ = "workshops"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(8))
    """fi, sv or en: the participants' pages and the presentation are in this language."""
    join_code: Mapped[str] = mapped_column(String(16), unique=True)
    phase: Mapped[str] = mapped_column(String(16), default="draft")
    """draft, present, discuss, gallery, summaries, vote or closed (surveyapp.workshop.phases)."""
    gallery_ends_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    dots_per_participant: Mapped[int] = mapped_column(Integer, default=3)
    prompts: Mapped[list[str]] = mapped_column(JsonDocument, default=list)
    families: Mapped[list[str]] = mapped_column(JsonDocument, default=list)
    """The theme families (analysis codebooks) the presentation shows; empty: all."""
    threshold_unit: Mapped[str] = mapped_column(String(8), default="share")
    """share (% of school time) or hours: how the canvas states absence thresholds."""
    held_on: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    campaign_links: Mapped[list[WorkshopCampaign]] = relationship(cascade="all, delete-orphan")
    groups: Mapped[list[WorkshopGroup]] = relationship(
        back_populates="workshop", cascade="all, delete-orphan", order_by="WorkshopGroup.number"
    )

    @property
    def campaign_ids(self) -> list[int]:
        return sorted(link.campaign_id for link in self.campaign_links)


class WorkshopCampaign(Base):
    """The campaigns whose findings a workshop presents."""

    __tablename__ = "workshop_campaigns"

    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True)


class WorkshopGroup(Base):
    __tablename__ = "workshop_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(100))

    workshop: Mapped[Workshop] = relationship(back_populates="groups")

    __table_args__ = (UniqueConstraint("workshop_id", "number", name="uq_workshop_groups_workshop_number"),)


class Participant(Base):
    """Someone in the room, on their phone: no account, known only by a secret in their cookie."""

    __tablename__ = "participants"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("workshop_groups.id", ondelete="SET NULL"), index=True)
    role: Mapped[str] = mapped_column(String(12), default="none")
    """none, chair or secretary (at most one of each per group)."""
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    """SHA-256 of the secret kept in the participant's session: the token itself is not stored."""
    display_name: Mapped[str | None] = mapped_column(String(60))
    joined_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Note(Base):
    """What a group's secretary records for one prompt. ``version`` counts saves."""

    __tablename__ = "workshop_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("workshop_groups.id", ondelete="CASCADE"), index=True)
    prompt_index: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("group_id", "prompt_index", name="uq_workshop_notes_group_prompt"),)


class Summary(Base):
    """The group's summary, written by its chair."""

    __tablename__ = "workshop_summaries"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("workshop_groups.id", ondelete="CASCADE"), unique=True)
    text: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Comment(Base):
    """A comment on a group's output during the gallery walk. Shown without its author."""

    __tablename__ = "workshop_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("workshop_groups.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id", ondelete="SET NULL"), index=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class PlusOne(Base):
    """A "+1" on one part of a group's output: ``note:<prompt index>`` or ``summary``."""

    __tablename__ = "workshop_plus_ones"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    group_id: Mapped[int] = mapped_column(ForeignKey("workshop_groups.id", ondelete="CASCADE"), index=True)
    target: Mapped[str] = mapped_column(String(20))

    __table_args__ = (
        UniqueConstraint("participant_id", "group_id", "target", name="uq_workshop_plus_ones_participant_group_target"),
    )


class Proposal(Base):
    """A proposal the room votes on, taken from the groups' outputs or written by the facilitator."""

    __tablename__ = "workshop_proposals"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    source_group_id: Mapped[int | None] = mapped_column(ForeignKey("workshop_groups.id", ondelete="SET NULL"))
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("workshop_proposals.id", ondelete="SET NULL"))
    """Set when the facilitator merged this duplicate into another proposal (its votes moved there)."""
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Vote(Base):
    """A participant's dots on one proposal. Only totals are ever shown."""

    __tablename__ = "workshop_votes"

    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("workshop_proposals.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    dots: Mapped[int] = mapped_column(Integer)


class CanvasRow(Base):
    """One priority theme of the operating-model canvas."""

    __tablename__ = "workshop_canvas_rows"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    theme: Mapped[str] = mapped_column(String(200))
    actors: Mapped[list[str]] = mapped_column(JsonDocument, default=list)
    other_actors: Mapped[str] = mapped_column(String(300), default="")
    barriers: Mapped[list[str]] = mapped_column(JsonDocument, default=list)
    proposal_ids: Mapped[list[int]] = mapped_column(JsonDocument, default=list)
    owner: Mapped[str] = mapped_column(String(200), default="")
    thresholds: Mapped[list[dict[str, Any]]] = mapped_column(JsonDocument, default=list)
    """``[{"label": ..., "share": 10.0 or None, "hours": None or 30, "actor": "school" or None}]``."""
    notes: Mapped[str] = mapped_column(Text, default="")


__all__ = [
    "AuditEvent",
    "Base",
    "Campaign",
    "CanvasRow",
    "Comment",
    "Draft",
    "FunnelCount",
    "Membership",
    "Note",
    "Participant",
    "PlusOne",
    "Project",
    "Proposal",
    "QuestionnaireVersion",
    "Response",
    "Summary",
    "User",
    "Vote",
    "Workshop",
    "WorkshopCampaign",
    "WorkshopGroup",
    "utcnow",
]
