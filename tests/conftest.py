"""Fixtures: isolated apps on temporary databases, SQLite always and PostgreSQL when available.

PostgreSQL tests run when TEST_DATABASE_URL names a database that the tests may empty
(scripts/test starts a throw-away cluster and sets it). Under CI they are required.
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from surveyapp import create_app
from surveyapp.database import make_engine
from surveyapp.migrate import upgrade
from surveyapp.models import Base, Campaign
from surveyapp.questionnaire.loader import load_file
from surveyapp.survey.campaigns import store_questionnaire
from surveyapp.codes import new_slug
from surveyapp.launching import project_named

TESTS = Path(__file__).parent
DATA = TESTS / "data"
PROJECT = TESTS.parent
QUESTIONNAIRES = PROJECT / "questionnaires"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """A migrated SQLite file, copied for each test (migrating each time would be slow)."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgresql_url() -> Iterator[str]:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("CI must run the PostgreSQL tests: TEST_DATABASE_URL is not set")
        pytest.skip("PostgreSQL tests need TEST_DATABASE_URL (scripts/test sets it up)")
    engine = make_engine(url)
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(text(f'DROP TABLE IF EXISTS "{table.name}" CASCADE'))
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    upgrade(engine)
    engine.dispose()
    yield url


def _empty_postgresql(url: str) -> None:
    engine = make_engine(url)
    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        path = tmp_path / "verkosto.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
    else:
        url = request.getfixturevalue("postgresql_url")
        _empty_postgresql(url)
        yield url


@pytest.fixture
def app(database_url, tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "test secret key",
            "SERVER_NAME": "survey.test",
        }
    )
    app.instance_path = str(tmp_path / "instance")
    yield app
    from surveyapp.extensions import db

    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def make_campaign(app):
    """Create a campaign from a questionnaire file; returns its slug."""

    def make(path: Path = DATA / "small.yaml", *, languages=None, default_language=None, **fields) -> str:
        from surveyapp.extensions import db

        questionnaire = load_file(path)
        with app.app_context():
            session = db.session
            version = store_questionnaire(session, questionnaire, source_name=Path(path).name)
            project = project_named(session, fields.pop("project", "Test project"))
            session.flush()
            campaign = Campaign(
                slug=new_slug(),
                name=f"Test {questionnaire.id}",
                project_id=project.id,
                questionnaire_version_id=version.id,
                languages=list(languages or questionnaire.languages),
                default_language=default_language,
                **fields,
            )
            session.add(campaign)
            session.commit()
            return campaign.slug

    return make


@pytest.fixture
def query(app):
    """Run a function with a database session inside the app context."""

    def run(function):
        from surveyapp.extensions import db

        with app.app_context():
            return function(db.session)

    return run
