"""Counting respondents through a campaign: started, each page passed, submitted.

Only counts are kept, one row per campaign and step, incremented in the same transaction as
the draft or response they describe, so the figures never drift from the data.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from ..models import FunnelCount

STARTED = "started"
SUBMITTED = "submitted"


def page_step(page_id: str) -> str:
    return f"page:{page_id}"


def count(session: Session, campaign_id: int, step: str) -> None:
    """Add one to a step's count (an atomic upsert; no read first)."""
    insert = postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = insert(FunnelCount).values(campaign_id=campaign_id, step=step, count=1)
    statement = statement.on_conflict_do_update(
        index_elements=[FunnelCount.campaign_id, FunnelCount.step],
        set_={"count": FunnelCount.count + 1},
    )
    session.execute(statement)


def funnel(session: Session, campaign_id: int) -> dict[str, int]:
    rows = session.execute(select(FunnelCount.step, FunnelCount.count).where(FunnelCount.campaign_id == campaign_id))
    return {step: number for step, number in rows}
