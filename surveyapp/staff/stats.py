"""Campaign figures for staff, with small counts suppressed. No Flask here.

Any count from 1 to 4 is shown as "<5", and when a breakdown would let a reader compute a
suppressed cell back from the total, the next smallest cell is suppressed too.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import Campaign, Response
from ..questionnaire.model import Questionnaire
from ..survey.funnel import STARTED, SUBMITTED, funnel, page_step

MIN_CELL = 5
SUPPRESSED = "<5"


@dataclass(frozen=True)
class Cell:
    key: str
    count: int
    shown: str
    """The count as shown: a number, or "<5"."""
    share: str
    """Percentage of the total as shown, or "" when suppressed."""


def suppress(counts: Mapping[str, int], total: int | None = None) -> list[Cell]:
    """Cells in descending order of count, small ones (and their complements) suppressed."""
    total = sum(counts.values()) if total is None else total
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    hidden = {key for key, number in ordered if 0 < number < MIN_CELL}
    if len(hidden) == 1:  # one hidden cell could be computed back from the total
        others = [key for key, number in reversed(ordered) if key not in hidden and number > 0]
        if others:
            hidden.add(others[0])
    cells = []
    for key, number in ordered:
        if key in hidden:
            cells.append(Cell(key, number, SUPPRESSED, ""))
        else:
            share = f"{100 * number / total:.0f} %" if total else ""
            cells.append(Cell(key, number, str(number), share))
    return cells


def shown_total(total: int) -> str:
    return SUPPRESSED if 0 < total < MIN_CELL else str(total)


@dataclass(frozen=True)
class FunnelStep:
    step: str
    page_id: str | None
    count: int
    shown: str
    share: str


@dataclass(frozen=True)
class CampaignFigures:
    total: int
    total_shown: str
    per_day: list[Cell]
    per_language: list[Cell]
    per_role: list[Cell]
    funnel: list[FunnelStep]
    completion: str
    """Submitted as a share of started, or "" while either is under 5."""
    target_share: str


def role_of(questionnaire: Questionnaire, answers: Mapping) -> str:
    """The respondent's role: the staff role answered, or the questionnaire's audience."""
    for question in questionnaire.questions():
        if question.analysis.get("variable") == "staff_role" and answers.get(question.id):
            return str(answers[question.id])
    return questionnaire.audience


def campaign_figures(session: Session, campaign: Campaign, questionnaire: Questionnaire) -> CampaignFigures:
    rows = session.execute(
        select(Response.submitted_on, Response.language, Response.answers).where(Response.campaign_id == campaign.id)
    ).all()
    total = len(rows)
    per_day = Counter(day.isoformat() for day, _, _ in rows)
    per_language = Counter(language for _, language, _ in rows)
    per_role = Counter(role_of(questionnaire, answers) for _, _, answers in rows)
    counts = funnel(session, campaign.id)
    return CampaignFigures(
        total=total,
        total_shown=shown_total(total),
        per_day=sorted(suppress(per_day, total), key=lambda c: c.key),
        per_language=suppress(per_language, total),
        per_role=suppress(per_role, total),
        funnel=_funnel_steps(questionnaire, counts),
        completion=_share(counts.get(SUBMITTED, 0), counts.get(STARTED, 0)),
        target_share=_share(total, campaign.target_responses or 0),
    )


def _share(part: int, whole: int) -> str:
    if whole < MIN_CELL or 0 < part < MIN_CELL:
        return ""
    return f"{100 * part / whole:.0f} %"


def _funnel_steps(questionnaire: Questionnaire, counts: Mapping[str, int]) -> list[FunnelStep]:
    started = counts.get(STARTED, 0)
    steps = [(STARTED, None)] + [(page_step(p.id), p.id) for p in questionnaire.pages] + [(SUBMITTED, None)]
    result = []
    for step, page_id in steps:
        number = counts.get(step, 0)
        shown = shown_total(number)
        result.append(FunnelStep(step, page_id, number, shown, _share(number, started) if shown != SUPPRESSED else ""))
    return result


def daily_series(cells: Iterable[Cell], start: dt.date, end: dt.date) -> list[Cell]:
    """Every day from start to end, with zero days included (for a chart or table)."""
    by_day = {cell.key: cell for cell in cells}
    series = []
    day = start
    while day <= end:
        key = day.isoformat()
        series.append(by_day.get(key, Cell(key, 0, "0", "")))
        day += dt.timedelta(days=1)
    return series


def count_responses(session: Session, campaign_id: int) -> int:
    return session.scalar(select(func.count()).select_from(Response).where(Response.campaign_id == campaign_id)) or 0
