"""What the workshop services refuse, and why. Views map each kind to a status code."""
from __future__ import annotations


class WorkshopError(ValueError):
    """Base class. ``reason`` is a short machine-readable word the views translate."""

    status = 400

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(detail or reason)
        self.reason = reason


class NotFound(WorkshopError):
    """An id that is not in this workshop (or not the participant's): 404, nothing confirmed."""

    status = 404


class Forbidden(WorkshopError):
    """The participant may not do this (not their group, not their role): 403."""

    status = 403


class WrongPhase(WorkshopError):
    """Not in the workshop's present phase (e.g. a vote before voting opens): 409."""

    status = 409


class Invalid(WorkshopError):
    """The input is not acceptable (too long, too many dots, a role taken): 422."""

    status = 422
