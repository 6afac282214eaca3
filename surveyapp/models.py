"""Database tables (SQLAlchemy 2 typed ORM). Schema changes go through Alembic migrations."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, MetaData, String
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


class QuestionnaireVersion(Base):
    """An immutable copy of a validated questionnaire definition."""

    __tablename__ = "questionnaire_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_key: Mapped[str] = mapped_column(String(60), index=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # loaded only when a process meets this version for the first time (see campaigns.py)
    definition: Mapped[dict[str, Any]] = mapped_column(JsonDocument, deferred=True)
    source_name: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Campaign(Base):
    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    questionnaire_version_id: Mapped[int] = mapped_column(ForeignKey("questionnaire_versions.id"))
    languages: Mapped[list[str]] = mapped_column(JsonDocument)
    default_language: Mapped[str | None] = mapped_column(String(8))
    """None: follow the browser's Accept-Language among the campaign's languages."""
    status: Mapped[str] = mapped_column(String(16), default="open")
    opens_on: Mapped[dt.date | None] = mapped_column(Date)
    closes_on: Mapped[dt.date | None] = mapped_column(Date)
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


__all__ = ["Base", "Campaign", "Draft", "QuestionnaireVersion", "Response", "utcnow"]
