"""Translated names of phases, roles and actors for the workshop pages."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

PHASE = {
    "draft": _l("Preparing"),
    "present": _l("Findings on the screen"),
    "discuss": _l("Group discussion"),
    "gallery": _l("Gallery walk"),
    "summaries": _l("Summaries"),
    "vote": _l("Voting"),
    "closed": _l("Closed"),
}
ROLE = {
    "none": _l("Member"),
    "chair": _l("Chair"),
    "secretary": _l("Secretary"),
}
ACTOR = {
    "home": _l("Home"),
    "school": _l("School"),
    "pupil_welfare": _l("Pupil welfare"),
    "health_services": _l("Health services"),
    "family_social_work": _l("Family social work"),
    "child_welfare": _l("Child welfare"),
    "other": _l("Others"),
}
UNIT = {
    "share": _l("Share of school time (%)"),
    "hours": _l("Hours of absence"),
}


def name(table: dict, key: str | None) -> str:
    value = table.get(key) if key is not None else None
    return str(value) if value is not None else (key or "")


def register(app) -> None:
    from flask_babel import format_time

    app.jinja_env.globals.update(
        format_time=format_time,
        phase_name=lambda key: name(PHASE, key),
        participant_role_name=lambda key: name(ROLE, key),
        actor_name=lambda key: name(ACTOR, key),
        unit_name=lambda key: name(UNIT, key),
    )
