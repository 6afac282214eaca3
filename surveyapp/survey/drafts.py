"""Drafts: answers saved page by page, resumable with a short code until they expire."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..codes import new_code, new_id
from ..models import Campaign, Draft
from .funnel import STARTED, count, page_step

_CODE_ATTEMPTS = 5


def load_draft(
    session: Session, campaign: Campaign, draft_id: str | None, now: dt.datetime, *, for_update: bool = False
) -> Draft | None:
    """The draft, if it belongs to the campaign and has not expired.

    ``for_update`` locks its row on PostgreSQL until the transaction ends, so that two tabs
    saving at once, or a save racing the submission, take turns (SQLite writers already do).
    """
    if not draft_id:
        return None
    query = select(Draft).where(Draft.id == draft_id)
    if for_update:
        query = query.with_for_update()
    draft = session.scalar(query)
    if draft is None or draft.campaign_id != campaign.id or draft.expires_at <= now:
        return None
    return draft


def find_by_resume_code(session: Session, campaign: Campaign, code: str, now: dt.datetime) -> Draft | None:
    draft = session.scalar(select(Draft).where(Draft.resume_code == code))
    if draft is None or draft.campaign_id != campaign.id or draft.expires_at <= now:
        return None
    return draft


def save_draft(
    session: Session,
    campaign: Campaign,
    draft: Draft | None,
    *,
    questionnaire_version_id: int,
    answers: Mapping[str, Any],
    language: str,
    current_page: str | None,
    expires_at: dt.datetime,
    passed_page: str | None = None,
) -> Draft:
    """Store the answers so far (creating the draft on the first save) and commit.

    ``passed_page``: the page the respondent has just completed with Next, counted once
    per draft in the campaign's funnel.
    """
    if draft is not None:
        _count_passed(session, campaign, draft, passed_page)
        draft.answers = dict(answers)
        draft.language = language
        draft.current_page = current_page
        draft.expires_at = expires_at
        session.commit()
        return draft
    for _ in range(_CODE_ATTEMPTS):
        draft = Draft(
            id=new_id(),
            campaign_id=campaign.id,
            questionnaire_version_id=questionnaire_version_id,
            resume_code=new_code(),
            submit_key=new_id(),
            language=language,
            answers=dict(answers),
            current_page=current_page,
            expires_at=expires_at,
            pages_done=[],
        )
        try:
            with session.begin_nested():
                session.add(draft)
        except IntegrityError:  # a resume code collided: draw another
            continue
        count(session, campaign.id, STARTED)
        _count_passed(session, campaign, draft, passed_page)
        session.commit()
        return draft
    raise RuntimeError("could not draw a unique resume code")


def _count_passed(session: Session, campaign: Campaign, draft: Draft, page_id: str | None) -> None:
    if page_id is None or page_id in (draft.pages_done or []):
        return
    draft.pages_done = [*(draft.pages_done or []), page_id]
    count(session, campaign.id, page_step(page_id))


def purge_expired_drafts(session: Session, now: dt.datetime) -> int:
    result = session.execute(delete(Draft).where(Draft.expires_at <= now))
    session.commit()
    return result.rowcount or 0
