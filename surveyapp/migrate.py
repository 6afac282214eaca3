"""Schema migrations with Alembic, run from Python (``verkosto db upgrade``)."""
from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from .settings import PROJECT_ROOT

MIGRATIONS_DIR = PROJECT_ROOT / "surveyapp" / "migrations"


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to ``revision``, using the given engine's connection."""
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
