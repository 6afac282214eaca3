"""Translated names for statuses, roles and audit actions shown on staff pages."""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

STATUS = {
    "draft": _l("not launched"),
    "open": _l("open"),
    "paused": _l("paused"),
    "closed": _l("closed"),
}
ROLE = {
    "administrator": _l("administrator"),
    "staff": _l("project staff"),
    "researcher": _l("researcher"),
    "facilitator": _l("facilitator"),
}
REVIEW = {
    "reviewed": _l("reviewed by a native speaker"),
    "draft": _l("draft translation"),
    "source": _l("source language"),
}
RESPONDENT_ROLE = {
    "guardians": _l("guardians"),
    "pupils": _l("pupils"),
    "staff": _l("staff"),
    "other": _l("other"),
}
ACTION = {
    "create": _l("created"),
    "launch": _l("launched"),
    "pause": _l("paused"),
    "resume": _l("resumed"),
    "close": _l("closed"),
    "export": _l("exported"),
    "erase": _l("deleted a response"),
    "purge": _l("deleted the answers (retention)"),
}


def _name(table: dict, key: str) -> str:
    value = table.get(key)
    return str(value) if value is not None else key


def register(app: Flask) -> None:
    app.jinja_env.globals.update(
        status_name=lambda key: _name(STATUS, key),
        role_name=lambda key: _name(ROLE, key),
        review_name=lambda key: _name(REVIEW, key),
        respondent_role_name=lambda key: _name(RESPONDENT_ROLE, key),
        action_name=lambda key: _name(ACTION, key),
    )
