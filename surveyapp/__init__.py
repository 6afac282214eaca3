"""Verkosto's web app: respondents answer questionnaires; staff run campaigns.

``create_app`` is the only entry point; nothing is created at import time.
Serve it with ``gunicorn 'surveyapp:create_app()'`` (docs/operators.md).
"""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    from . import config as config_module

    config_module.configure(app, config)
    configure_extensions(app)
    configure_blueprints(app)
    configure_templates(app)
    configure_errors(app)
    return app


def configure_extensions(app: Flask) -> None:
    from .extensions import babel, csrf, db
    from .i18n import compile_catalogs, remember_language_choice, select_locale
    from .security import configure_security

    compiled = Path(app.instance_path) / "compiled-translations"
    compile_catalogs(app.config["TRANSLATIONS_DIR"], compiled)
    # two catalogs: "messages" for what respondents see (in every respondent language) and
    # "staff" for the workspace (fi, sv, en); each directory entry pairs with a domain
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = f"{compiled};{compiled}"
    app.config["BABEL_DOMAIN"] = "messages;staff"
    babel.init_app(app, locale_selector=select_locale)
    app.before_request(remember_language_choice)
    csrf.init_app(app)
    db.init_app(app)
    configure_security(app)


def configure_blueprints(app: Flask) -> None:
    from .public.views import blueprint as public
    from .staff.auth_views import blueprint as staff_auth
    from .staff.views import blueprint as staff
    from .survey.views import blueprint as survey
    from .workshop.facilitator_views import blueprint as staff_workshops
    from .workshop.participant_views import blueprint as workshop

    app.register_blueprint(public)
    app.register_blueprint(survey)
    app.register_blueprint(staff_auth)
    app.register_blueprint(staff)
    app.register_blueprint(workshop)
    app.register_blueprint(staff_workshops)


def configure_templates(app: Flask) -> None:
    from .staff.names import register as register_names
    from .templating import register
    from .workshop.names import register as register_workshop_names

    register(app)
    register_names(app)
    register_workshop_names(app)


def configure_errors(app: Flask) -> None:
    from .errors import register

    register(app)
