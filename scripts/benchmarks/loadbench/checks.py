"""After a run: compare what respondents were told with what the database holds."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .respondent import Outcome


@dataclass(frozen=True)
class Integrity:
    respondents: int
    acknowledged: int
    """Respondents whose submission answered 303 to /thanks."""
    stored: int
    """Rows in ``responses`` for the campaign."""
    found_once: int
    """Acknowledged submissions stored exactly once (by idempotency key)."""
    missing: int
    duplicated: int
    """Idempotency keys or receipt codes that occur more than once."""
    stored_unacknowledged: int
    """Stored, but the respondent never saw the acknowledgement (gave up retrying)."""
    stored_unknown: int
    """Stored under a key no respondent had: should be impossible."""
    receipt_mismatches: int
    """The receipt code on /thanks differs from the stored one."""
    incomplete: int
    """Rows whose answers document lacks an answer the respondent sent, or is not a document."""
    drafts_of_submitted: int
    """Drafts still present for a submitted key: the draft must go in the same transaction."""
    drafts_left: int

    @property
    def ok(self) -> bool:
        return (self.missing == 0 and self.duplicated == 0 and self.stored_unknown == 0
                and self.receipt_mismatches == 0 and self.incomplete == 0 and self.drafts_of_submitted == 0)


def verify(url: str, slug: str, outcomes: list[Outcome]) -> Integrity:
    rows, drafts = _read(url, slug)
    by_key = {o.submit_key: o for o in outcomes if o.submit_key}
    acknowledged = {o.submit_key for o in outcomes if o.acknowledged}
    key_counts = Counter(row["key"] for row in rows)
    receipt_counts = Counter(row["receipt"] for row in rows)
    stored_keys = set(key_counts)
    return Integrity(
        respondents=len(outcomes),
        acknowledged=len(acknowledged),
        stored=len(rows),
        found_once=sum(1 for key in acknowledged if key_counts[key] == 1),
        missing=sum(1 for key in acknowledged if key_counts[key] == 0),
        duplicated=sum(1 for n in key_counts.values() if n > 1) + sum(1 for n in receipt_counts.values() if n > 1),
        stored_unacknowledged=len((stored_keys & set(by_key)) - acknowledged),
        stored_unknown=len(stored_keys - set(by_key)),
        receipt_mismatches=sum(
            1 for row in rows
            if row["key"] in by_key and by_key[row["key"]].receipt and by_key[row["key"]].receipt != row["receipt"]
        ),
        incomplete=sum(1 for row in rows if not _complete(row["answers"], by_key.get(row["key"]))),
        drafts_of_submitted=sum(1 for key in drafts if key in stored_keys),
        drafts_left=len(drafts),
    )


def _complete(answers, outcome: Outcome | None) -> bool:
    if not isinstance(answers, dict) or not answers:
        return False
    if outcome is None:
        return True
    for name, sent in outcome.sent.items():
        stored = answers.get(name)
        stored_values = [str(v) for v in stored] if isinstance(stored, list) else [str(stored)]
        if stored is None or stored_values != sent:
            return False
    return True


def stored_keys(url: str, slug: str) -> set[str]:
    rows, _drafts = _read(url, slug)
    return {row["key"] for row in rows}


def _read(url: str, slug: str) -> tuple[list[dict], list[str]]:
    """The campaign's responses (key, receipt, answers) and its drafts' submit keys."""
    from sqlalchemy import select

    from surveyapp.database import make_engine
    from surveyapp.models import Campaign, Draft, Response

    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            campaign_id = connection.scalar(select(Campaign.id).where(Campaign.slug == slug))
            rows = [
                {"key": key, "receipt": receipt, "answers": answers}
                for key, receipt, answers in connection.execute(
                    select(Response.idempotency_key, Response.receipt_code, Response.answers)
                    .where(Response.campaign_id == campaign_id)
                )
            ]
            drafts = list(connection.scalars(select(Draft.submit_key).where(Draft.campaign_id == campaign_id)))
    finally:
        engine.dispose()
    return rows, drafts
