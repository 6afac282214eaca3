"""The command line: demo set-up prints stable links for every shipped questionnaire."""
from __future__ import annotations

import re

from click.testing import CliRunner

from surveyapp.cli import main

from .conftest import QUESTIONNAIRES


def test_demo_prepares_a_campaign_per_questionnaire_and_prints_links(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    database = tmp_path / "demo.sqlite3"
    runner = CliRunner()
    result = runner.invoke(main, ["demo", "--no-serve", "--db", str(database), "--port", "8123"])
    assert result.exit_code == 0, result.output
    links = re.findall(r"http://localhost:8123/s/([\w-]+)(?=\s)", result.output)
    assert len(links) == len(list(QUESTIONNAIRES.glob("*.yaml")))

    again = runner.invoke(main, ["demo", "--no-serve", "--db", str(database), "--port", "8123"])
    assert re.findall(r"http://localhost:8123/s/([\w-]+)(?=\s)", again.output) == links, "links stay the same"

    from surveyapp import create_app

    client = create_app({"DATABASE_URL": str(database)}).test_client()
    for slug in links:
        assert client.get(f"/s/{slug}/privacy").status_code == 200


def test_settings_from_environment_variables(tmp_path, monkeypatch):
    monkeypatch.setenv("VERKOSTO_MAX_TEXT_LENGTH", "1234")
    monkeypatch.setenv("DATABASE_URL", str(tmp_path / "env.sqlite3"))
    from surveyapp import create_app

    app = create_app()
    assert app.config["MAX_TEXT_LENGTH"] == 1234
    assert app.config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'env.sqlite3'}"


def test_db_upgrade_and_purge_commands(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    database = str(tmp_path / "cli.sqlite3")
    runner = CliRunner()
    result = runner.invoke(main, ["db", "upgrade", "--db", database])
    assert result.exit_code == 0 and "up to date" in result.output
    result = runner.invoke(main, ["purge", "--db", database])
    assert result.exit_code == 0 and "deleted 0 expired draft(s)" in result.output


def test_campaign_create_shows_review_status_and_refuses_incomplete_languages(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    database = str(tmp_path / "launch.sqlite3")
    runner = CliRunner()
    result = runner.invoke(main, ["campaign", "create", "guardians", "--name", "Autumn", "--db", database,
                                  "-l", "fi", "-l", "ar", "--default-language", "fi"])
    assert result.exit_code == 0, result.output
    assert re.search(r"^ar\s+draft\s+draft\s+<- have a native speaker check", result.output, re.MULTILINE)
    slug = re.search(r"/s/([\w-]+)", result.output).group(1)

    from surveyapp import create_app

    client = create_app({"DATABASE_URL": database}).test_client()
    page = client.get(f"/s/{slug}/").get_data(as_text=True)
    assert 'lang="ar"' in page and 'lang="sv"' not in page.split("<main")[1]

    result = runner.invoke(main, ["campaign", "create", "pupils", "--name", "X", "--db", database, "-l", "ar"])
    assert result.exit_code == 1 and "not complete in ar" in result.output
    result = runner.invoke(main, ["campaign", "create", "staff", "--name", "X", "--db", database,
                                  "--opens", "2026-12-01", "--closes", "2026-11-01"])
    assert result.exit_code == 1 and "closes before it opens" in result.output
