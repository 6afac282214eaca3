"""Configuration: defaults, then environment variables, then the mapping given to create_app.

Every setting can be given as an environment variable ``VERKOSTO_<NAME>``; the database and
the secret key also as plain ``DATABASE_URL`` and ``SECRET_KEY``. See docs/operators.md.
"""
from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from .database import normalise_url
from .settings import project_path


def defaults(instance_path: str) -> dict[str, Any]:
    return {
        "DATABASE_URL": f"sqlite:///{Path(instance_path) / 'verkosto.sqlite3'}",
        "SECRET_KEY": None,
        # respondents
        "MAX_TEXT_LENGTH": 5000,  # characters in one free-text answer
        "MAX_CONTENT_LENGTH": 256 * 1024,  # bytes in one request body; larger gets 413
        "DRAFT_TTL_DAYS": 30,  # a draft (and its resume code) expires this long after the last save
        "DEFAULT_LANGUAGE": "fi",
        "QUESTIONNAIRE_DIR": str(project_path("questionnaires")),
        "TRANSLATIONS_DIR": str(project_path("translations")),
        # cookies and CSRF
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": False,
        "PERMANENT_SESSION_LIFETIME": 60 * 60 * 24 * 30,
        "WTF_CSRF_TIME_LIMIT": None,  # valid for the session: a slow respondent never loses a page
        "WTF_CSRF_SSL_STRICT": True,
        # staff
        "FORCE_HTTPS": False,  # redirect to HTTPS and send HSTS (set true behind TLS)
        "STAFF_IDLE_MINUTES": 30,  # a staff session ends after this long without a request
        "TOTP_REQUIRED_FOR": [],  # roles that must use a second factor, e.g. ["administrator", "researcher"]
        "LOGIN_RATE_LIMIT": "10 per minute;50 per hour",
        "RESUME_RATE_LIMIT": "30 per minute",
        # wrong workshop codes per client address and browser session (right ones are not counted)
        "WORKSHOP_JOIN_RATE_LIMIT": "30 per minute",
        "WORKSHOP_JOIN_ADDRESS_RATE_LIMIT": "300 per minute",  # wrong codes per address, all browsers together
        "BABEL_DEFAULT_TIMEZONE": "Europe/Helsinki",  # times shown to people, e.g. the gallery timer
        "RATELIMIT_STORAGE_URI": "memory://",  # use redis:// or memcached:// with several servers
        "MAX_QUESTIONNAIRE_BYTES": 1_000_000,
        # the host names this deployment answers to; any other Host header gets 400
        "TRUSTED_HOSTS": None,
    }


def configure(app: Flask, overrides: Mapping[str, Any] | None) -> None:
    app.config.update(defaults(app.instance_path))
    app.config.from_prefixed_env("VERKOSTO")
    for name in ("DATABASE_URL", "SECRET_KEY"):
        if os.environ.get(name):
            app.config[name] = os.environ[name]
    if overrides:
        app.config.update(overrides)
    app.config["DATABASE_URL"] = normalise_url(app.config["DATABASE_URL"])
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = instance_secret_key(Path(app.instance_path))


def instance_secret_key(instance_dir: Path) -> str:
    """A key kept in the instance folder, so that every worker process shares it.

    Production deployments set SECRET_KEY instead (docs/operators.md).
    """
    instance_dir.mkdir(parents=True, exist_ok=True)
    path = instance_dir / "secret_key"
    if not path.exists():
        temporary = instance_dir / f".secret_key.{os.getpid()}.{secrets.token_hex(4)}"
        temporary.write_text(secrets.token_hex(32))
        temporary.chmod(0o600)
        try:
            os.link(temporary, path)  # atomic: the first process to get here wins
        except FileExistsError:
            pass
        finally:
            temporary.unlink()
    return path.read_text().strip()
