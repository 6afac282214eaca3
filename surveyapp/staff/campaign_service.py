"""Campaign actions staff take, each written to the audit log. No Flask here."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..codes import normalise_code
from ..models import AuditEvent, Campaign, Draft, Response, User

# action -> (statuses it may start from, the status it leads to)
TRANSITIONS: dict[str, tuple[set[str], str]] = {
    "launch": ({"draft"}, "open"),
    "pause": ({"open"}, "paused"),
    "resume": ({"paused"}, "open"),
    "close": ({"draft", "open", "paused"}, "closed"),
}


class ActionRefused(ValueError):
    pass


def audit(session: Session, user: User | None, action: str, campaign: Campaign | None = None, **detail: Any) -> None:
    session.add(
        AuditEvent(
            user_id=user.id if user else None,
            user_email=user.email if user else None,
            action=action,
            campaign_id=campaign.id if campaign else None,
            detail=detail,
        )
    )


def change_status(session: Session, campaign: Campaign, action: str, user: User) -> None:
    if action not in TRANSITIONS:
        raise ActionRefused(f"unknown action {action!r}")
    sources, target = TRANSITIONS[action]
    if campaign.status not in sources:
        raise ActionRefused(f"a campaign that is {campaign.status} cannot be {action}ed")
    campaign.status = target
    audit(session, user, action, campaign)
    session.commit()


def erase_response(session: Session, receipt: str, project_ids: set[int] | None, user: User) -> bool:
    """Delete the response with this receipt code, if it is in one of ``project_ids``
    (None: any project). The respondent's right to erasure."""
    code = normalise_code(receipt)
    if code is None:
        return False
    query = select(Response, Campaign).join(Campaign, Campaign.id == Response.campaign_id).where(
        Response.receipt_code == code
    )
    found = session.execute(query).first()
    if found is None or (project_ids is not None and found.Campaign.project_id not in project_ids):
        return False
    session.delete(found.Response)
    audit(session, user, "erase", found.Campaign)
    session.commit()
    return True


def purge_expired_campaigns(session: Session, today: dt.date) -> list[tuple[str, int, int]]:
    """Delete the responses and drafts of every campaign past its retention date.

    Returns (campaign name, responses deleted, drafts deleted) per campaign purged.
    """
    due = session.scalars(
        select(Campaign).where(Campaign.retain_until < today, Campaign.purged_on.is_(None))
    ).all()
    purged = []
    for campaign in due:
        responses = session.execute(delete(Response).where(Response.campaign_id == campaign.id)).rowcount or 0
        drafts = session.execute(delete(Draft).where(Draft.campaign_id == campaign.id)).rowcount or 0
        campaign.status = "closed"
        campaign.purged_on = today
        audit(session, None, "purge", campaign, responses=responses, drafts=drafts)
        purged.append((campaign.name, responses, drafts))
    session.commit()
    return purged


def audit_log(session: Session, campaign: Campaign, limit: int = 50) -> list[AuditEvent]:
    return list(
        session.scalars(
            select(AuditEvent).where(AuditEvent.campaign_id == campaign.id).order_by(AuditEvent.at.desc()).limit(limit)
        )
    )


def response_count(session: Session, campaign: Campaign) -> int:
    return session.scalar(select(func.count()).select_from(Response).where(Response.campaign_id == campaign.id)) or 0


def free_text_answers(session: Session, campaign: Campaign, question) -> list[str]:
    """The non-empty text answers to one question (or its "other" text), newest day first."""
    keys = [question.id] if question.type in ("short_text", "long_text") else [question.other_key]
    rows = session.scalars(
        select(Response.answers).where(Response.campaign_id == campaign.id).order_by(Response.submitted_on.desc())
    )
    return [str(answers[key]) for answers in rows for key in keys if answers.get(key)]
