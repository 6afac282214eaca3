"""The operating-model canvas as plain values: what a workshop decided, ready to export.

The workshop services build a :class:`CanvasDocument` from the database; the document writers
(HTML, PDF, CSV, JSON) take only this value, so they can be tested without a request or a
database. Nothing in it is about a single participant: proposals carry their vote totals only.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

__all__ = ["ACTORS", "CanvasDocument", "CanvasRow", "Proposal", "Threshold"]

ACTORS = ("home", "school", "pupil_welfare", "health_services", "family_social_work", "child_welfare", "other")
"""The actors a canvas row can name (labels are translated where they are shown)."""


@dataclass(frozen=True)
class Threshold:
    """An absence level that triggers a step: ``share`` (% of school time) or ``hours``."""

    label: str
    """What happens at this level, e.g. "The class teacher contacts the guardians"."""
    share: float | None = None
    hours: float | None = None
    actor: str | None = None
    """Who acts (one of :data:`ACTORS`), if named."""


@dataclass(frozen=True)
class Proposal:
    text: str
    votes: int
    group: str | None = None
    """The group the proposal came from (its name), None for merged proposals."""


@dataclass(frozen=True)
class CanvasRow:
    """One priority theme of the operating model."""

    theme: str
    actors: Sequence[str] = ()
    """Codes from :data:`ACTORS`."""
    other_actors: str = ""
    barriers: Sequence[str] = ()
    """The barriers the surveys found (theme labels or the facilitator's words)."""
    proposals: Sequence[Proposal] = ()
    owner: str = ""
    thresholds: Sequence[Threshold] = ()
    notes: str = ""


@dataclass(frozen=True)
class CanvasDocument:
    workshop: str
    language: str
    """fi, sv or en: the language of the headings and actor labels."""
    held_on: dt.date | None
    campaigns: Sequence[str] = ()
    rows: Sequence[CanvasRow] = field(default_factory=tuple)
    threshold_unit: str = "share"
    """``share`` (% of school time) or ``hours``: how the county counts absence."""
