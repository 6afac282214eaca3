"""The phases a workshop goes through, and what participants may do in each. No Flask here.

The facilitator moves the workshop one step forward or back; nothing moves it by itself (the
gallery timer only shows the time). Closed is read-only for participants.
"""
from __future__ import annotations

import datetime as dt

from .errors import WrongPhase

PHASES = ("draft", "present", "discuss", "gallery", "summaries", "vote", "closed")

# what participants may do -> the phases in which they may do it
ALLOWED: dict[str, frozenset[str]] = {
    "join": frozenset(PHASES[:-1]),
    "change_group": frozenset({"draft", "present"}),  # groups stay put once discussion starts
    "pick_group": frozenset(PHASES[:-1]),  # a latecomer may still join a group
    "take_role": frozenset(PHASES[:-1]),
    "write_notes": frozenset({"discuss"}),
    # the chair gathers the summary while the others walk round, and in the summaries round
    "write_summary": frozenset({"gallery", "summaries"}),
    # reading every group's output: not before the gallery walk, so a group's notes stay its own
    # during the discussion
    "read_gallery": frozenset({"gallery", "summaries", "vote", "closed"}),
    "comment": frozenset({"gallery"}),
    "vote": frozenset({"vote"}),
}
GALLERY_MINUTES = 20
"""The seed's gallery walk lasts 15-20 minutes."""


def allows(phase: str, action: str) -> bool:
    return phase in ALLOWED[action]


def require(phase: str, action: str) -> None:
    if not allows(phase, action):
        raise WrongPhase(action, f"{action} is not possible in the {phase} phase")


def next_phase(phase: str) -> str | None:
    index = PHASES.index(phase)
    return PHASES[index + 1] if index + 1 < len(PHASES) else None


def previous_phase(phase: str) -> str | None:
    index = PHASES.index(phase)
    return PHASES[index - 1] if index > 0 else None


def moved(phase: str, direction: str) -> str:
    """The phase one step ``forward`` or ``back``; WrongPhase at either end."""
    target = next_phase(phase) if direction == "forward" else previous_phase(phase) if direction == "back" else None
    if target is None:
        raise WrongPhase("move", f"cannot move {direction} from {phase}")
    return target


def gallery_end(now: dt.datetime, minutes: int) -> dt.datetime:
    return now + dt.timedelta(minutes=max(1, min(minutes, 120)))


def seconds_left(ends_at: dt.datetime | None, now: dt.datetime) -> int | None:
    if ends_at is None:
        return None
    return max(0, int((ends_at - now).total_seconds()))
