"""Submitting a response exactly once.

A response is acknowledged only after its transaction has committed. Each carries the
draft's idempotency key under a unique constraint: a retried or concurrent repeat of the same
submission fails on that constraint and returns the receipt of the response already stored.
We never check first and insert after.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..codes import new_code, new_id
from ..models import Campaign, Draft, Response
from .funnel import SUBMITTED, count

_RECEIPT_ATTEMPTS = 5


@dataclass(frozen=True)
class Receipt:
    response_id: str
    receipt_code: str
    duplicate: bool


def find_receipt(session: Session, idempotency_key: str, campaign_id: int) -> Receipt | None:
    """The receipt of the response already stored with this key, in this campaign."""
    response = session.scalar(
        select(Response).where(Response.idempotency_key == idempotency_key, Response.campaign_id == campaign_id)
    )
    if response is None:
        return None
    return Receipt(response.id, response.receipt_code, duplicate=True)


def submit_response(
    session: Session,
    *,
    campaign: Campaign,
    draft: Draft,
    idempotency_key: str,
    answers: Mapping[str, Any],
    language: str,
    today: dt.date,
) -> Receipt:
    """Store the response and delete its draft in one transaction, then commit."""
    for _ in range(_RECEIPT_ATTEMPTS):
        response = Response(
            id=new_id(),
            campaign_id=campaign.id,
            questionnaire_version_id=draft.questionnaire_version_id,  # the version answered
            idempotency_key=idempotency_key,
            receipt_code=new_code(),
            language=language,
            submitted_on=today,
            answers=dict(answers),
        )
        try:
            with session.begin_nested():
                session.add(response)
        except IntegrityError:
            existing = find_receipt(session, idempotency_key, campaign.id)
            if existing is not None:
                session.commit()
                return existing
            continue  # the receipt code collided: draw another
        session.delete(draft)
        count(session, campaign.id, SUBMITTED)
        session.commit()
        return Receipt(response.id, response.receipt_code, duplicate=False)
    raise RuntimeError("could not draw a unique receipt code")
