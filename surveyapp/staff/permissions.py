"""What each role may do in a project. Administrators may do everything everywhere."""
from __future__ import annotations

from enum import Enum


class Can(str, Enum):
    VIEW = "view"  # see the project, its campaigns and their aggregate counts
    MANAGE = "manage"  # upload questionnaires, create, launch, pause and close campaigns
    EXPORT = "export"  # download response data
    READ_FREE_TEXT = "read_free_text"  # read individual free-text answers (screened)
    UNMASKED = "unmasked"  # see free text without personal data masked
    ERASE = "erase"  # delete a response by its receipt code
    RUN_WORKSHOP = "run_workshop"  # create and run workshops, edit their canvas, export their texts


PERMISSIONS: dict[str, set[Can]] = {
    "administrator": set(Can),
    "staff": {Can.VIEW, Can.MANAGE, Can.READ_FREE_TEXT, Can.ERASE, Can.RUN_WORKSHOP},
    # researchers do not run workshops, but may export their (screened) texts: Can.EXPORT
    "researcher": {Can.VIEW, Can.EXPORT, Can.READ_FREE_TEXT, Can.UNMASKED},
    # aggregates only, and workshops: what the room writes is screened on every shared page
    "facilitator": {Can.VIEW, Can.RUN_WORKSHOP},
}


def allowed(role: str | None, action: Can) -> bool:
    return role is not None and action in PERMISSIONS.get(role, set())
