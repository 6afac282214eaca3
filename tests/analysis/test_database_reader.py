"""analysis.database_reader reads the web app's database, read-only, into the same exports the web app writes.

The contract: for the same campaigns, ``read_database`` gives the data frame and codebook that
``read_json_export`` gives for the web app's own JSON export (surveyapp/exports). Run on SQLite
and PostgreSQL (the ``database_url`` fixture).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from analysis.database_reader import (
    CampaignNotFoundError,
    DatabaseReadError,
    list_campaigns,
    read_database,
    read_only_connection,
)
from analysis.export_reader import read_json_export
from surveyapp.codes import new_code, new_id
from surveyapp.demo import ensure_demo_campaigns, ensure_synthetic_responses
from surveyapp.exports import export_document
from surveyapp.models import Campaign, Response
from surveyapp.staff.campaign_service import erase_response, purge_expired_campaigns
from surveyapp.staff.downloads import export_input
from surveyapp.survey.campaigns import find_campaign, questionnaire_version

from ..conftest import DATA, PROJECT

SYNTHETIC = ("guardians", "pupils", "staff")


# --- helpers -------------------------------------------------------------------------------------

def _session():
    from surveyapp.extensions import db

    return db.session


def _load_demo(app) -> dict[str, str]:
    """The demo campaigns with the SYNTHETIC responses: questionnaire id → campaign slug."""
    from surveyapp.i18n import interface_languages

    with app.app_context():
        folder = Path(app.config["QUESTIONNAIRE_DIR"])
        demos = ensure_demo_campaigns(_session(), folder, interface_languages(app.config["TRANSLATIONS_DIR"]))
        ensure_synthetic_responses(_session(), demos, max_text_length=app.config["MAX_TEXT_LENGTH"],
                                   questionnaire_dir=folder)
    return {d.questionnaire: d.slug for d in demos}


def _document(app, slug: str, *, labelled_by: int | None = None, language: str = "en") -> dict:
    """The web app's JSON export of one campaign (labelled by another stored version if asked)."""
    with app.app_context():
        session = _session()
        campaign = find_campaign(session, slug)
        questionnaire = questionnaire_version(session, labelled_by or campaign.questionnaire_version_id)
        return export_document(export_input(session, campaign, questionnaire, language))


def _read(document: dict, **options):
    return read_json_export(io.BytesIO(json.dumps(document, ensure_ascii=False, allow_nan=False).encode()), **options)


def _web_export(app, slug: str, **options):
    return _read(_document(app, slug), **options)


def _assert_same(got, expected) -> None:
    pd.testing.assert_frame_equal(got.data, expected.data)
    assert dict(got.codebook) == dict(expected.codebook)
    assert list(got.codebook) == list(expected.codebook)
    assert got.format_version == expected.format_version


def _add_responses(app, slug: str, answer_sets: list[tuple[str, str, dt.date, dict]]) -> list[str]:
    """Store submitted responses as the app does; returns their receipt codes."""
    with app.app_context():
        session = _session()
        campaign = find_campaign(session, slug)
        receipts = []
        for response_id, language, day, answers in answer_sets:
            receipt = new_code()
            session.add(Response(id=response_id, campaign_id=campaign.id,
                                 questionnaire_version_id=campaign.questionnaire_version_id,
                                 idempotency_key=new_id(), receipt_code=receipt, language=language,
                                 submitted_on=day, answers=answers))
            receipts.append(receipt)
        session.commit()
        return receipts


SMALL_ANSWERS = [
    ("a1", "fi", dt.date(2025, 3, 1), {
        "absence_band": "over_20", "reasons": ["illness", "other"], "reasons.other": '=HYPERLINK("x")',
        "hours": 12, "overall": "dont_know", "coop.heard": 2, "coop.informed": 3,
        "name_of_school": 'Koulu, "Ääkkönen"\nrivi 2', "change": "+1 parempi tiedotus",
    }),
    ("a2", "ar", dt.date(2025, 3, 2), {
        "absence_band": "from_10_to_20", "reasons": ["bullying"], "hours": 7.0,
        "bullying_help": "نحتاج إلى مزيد من الدعم", "overall": 1, "coop.heard": 1, "coop.informed": 2,
        "name_of_school": "مدرسة الأمل", "change": "@cmd",
    }),
    ("a0", "sv", dt.date(2025, 3, 2), {  # same day as a2: ordered by id within the day
        "absence_band": "from_10_to_20", "reasons": [], "hours": 40, "overall": 3,
        "coop.heard": 3, "coop.informed": "dont_know", "change": "\tTab ensin",
        "removed_question": "not in the questionnaire: not exported",
    }),
    ("a3", "en", dt.date(2025, 2, 27), {  # reasons and hours not answered or not shown
        "absence_band": "under_10", "coop.heard": 3, "coop.informed": 1, "name_of_school": "'quoted' stays",
    }),
]


def _small_v2(tmp_path: Path) -> Path:
    """A later version of tests/data/small.yaml: a text changed, an option added, a question removed."""
    data = yaml.safe_load((DATA / "small.yaml").read_text(encoding="utf-8"))
    questions = {q["id"]: q for page in data["pages"] for q in page["questions"]}
    questions["overall"]["text"] = {"fi": "Yhteistyö toimi.", "sv": "Samarbetet gick bra.", "en": "Cooperation went well."}
    questions["reasons"]["options"].append(
        {"value": "transport", "label": {"fi": "Kuljetus", "sv": "Skolskjuts", "en": "Transport"}})
    for page in data["pages"]:
        page["questions"] = [q for q in page["questions"] if q["id"] != "name_of_school"]
    path = tmp_path / "v2" / "small.yaml"
    path.parent.mkdir()
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _files(url: str) -> dict[str, tuple[str, int]]:
    """Hash and mtime of the SQLite database file and its journal, if any."""
    path = Path(url.removeprefix("sqlite:///"))
    found = {}
    for name in (path, path.with_name(path.name + "-wal")):
        if name.exists() and name.stat().st_size:
            found[name.name] = (hashlib.sha256(name.read_bytes()).hexdigest(), name.stat().st_mtime_ns)
    return found


# --- the contract: the same data as the web app's export -----------------------------------------

def test_each_campaign_reads_as_its_json_export(app, database_url):
    slugs = _load_demo(app)
    exports = read_database(database_url)
    assert set(exports) == set(slugs)  # every questionnaire with a campaign, even without responses
    for name in SYNTHETIC:
        expected = _web_export(app, slugs[name])
        got = exports[name]
        assert len(got.data) > 100
        _assert_same(got, expected)
        assert {k: got.metadata[k] for k in ("questionnaire", "campaign", "label_language")} == expected.metadata
        assert got.metadata["campaigns"] == [expected.metadata["campaign"]]
        missing = read_database(database_url, campaigns=[slugs[name]], dont_know="missing")[name]
        _assert_same(missing, _web_export(app, slugs[name], dont_know="missing"))
    for name in set(slugs) - set(SYNTHETIC):
        assert exports[name].data.empty
        assert list(exports[name].codebook) == list(_web_export(app, slugs[name]).codebook)


def test_campaigns_and_questionnaire_filters(app, database_url):
    slugs = _load_demo(app)
    pupils = read_database(database_url, campaigns=[slugs["pupils"]])
    assert list(pupils) == ["pupils"]
    with app.app_context():
        ids = {name: find_campaign(_session(), slug).id for name, slug in slugs.items()}
    both = read_database(database_url, campaigns=[ids["staff"], slugs["pupils"]])
    assert set(both) == {"staff", "pupils"}
    _assert_same(both["staff"], _web_export(app, slugs["staff"]))
    only = read_database(database_url, questionnaire="staff")
    assert list(only) == ["staff"]
    _assert_same(only["staff"], both["staff"])
    assert read_database(database_url, campaigns=[slugs["pupils"]], questionnaire="staff") == {}
    with pytest.raises(CampaignNotFoundError, match="nosuchslug"):
        read_database(database_url, campaigns=["nosuchslug"])
    with pytest.raises(CampaignNotFoundError, match="no_such_questionnaire"):
        read_database(database_url, questionnaire="no_such_questionnaire")


def test_list_campaigns(app, database_url):
    slugs = _load_demo(app)
    frame = list_campaigns(database_url)
    assert list(frame.columns) == ["slug", "name", "project", "questionnaire", "questionnaire_version",
                                   "status", "responses"]
    rows = frame.set_index("slug")
    for name, slug in slugs.items():
        assert rows.loc[slug, "questionnaire"] == name
        assert rows.loc[slug, "project"] == "Demo project"
        expected = len(_web_export(app, slug).data)
        assert rows.loc[slug, "responses"] == expected
        assert (rows.loc[slug, "responses"] > 0) == (name in SYNTHETIC)


def test_every_cell_rule_and_several_versions_concatenated(app, database_url, make_campaign, tmp_path):
    """Multi-choice 0/1 and empty, other texts, matrix, dont_know, numbers, removed questions; two versions."""
    first = make_campaign(DATA / "small.yaml", project="Läsnä", area="Itä-Helsinki",
                          schools=["Aleksis Kiven koulu", "Skolan i Ösby"])
    _add_responses(app, first, SMALL_ANSWERS)
    alone = read_database(database_url, campaigns=[first])["small"]
    _assert_same(alone, _web_export(app, first))
    row = alone.data.set_index("response_id").loc["a1"]
    assert row["reasons__other"] and row["reasons.other"] == '=HYPERLINK("x")' and row["overall"] == "dont_know"
    assert pd.isna(alone.data.set_index("response_id").loc["a3", "reasons__illness"])
    assert "removed_question" not in alone.data.columns
    assert list(alone.data["response_id"]) == ["a3", "a1", "a0", "a2"]  # by date, then id

    second = make_campaign(_small_v2(tmp_path), project="Läsnä")
    _add_responses(app, second, [
        ("b1", "fi", dt.date(2025, 4, 1), {"absence_band": "under_10", "reasons": ["transport"],
                                           "overall": 2, "coop.heard": 1, "coop.informed": 1}),
        ("b2", "en", dt.date(2025, 4, 2), {"absence_band": "over_20", "hours": 3, "coop.heard": 2,
                                           "coop.informed": "dont_know", "change": "More buses."}),
    ])
    with app.app_context():
        newest = find_campaign(_session(), second).questionnaire_version_id
        assert newest != find_campaign(_session(), first).questionnaire_version_id
    both = read_database(database_url, questionnaire="small")
    assert list(both) == ["small"]
    # the web app exports one campaign at a time; both exported with the newest version's columns
    documents = [_document(app, slug, labelled_by=newest) for slug in (first, second)]
    combined = {**documents[1], "responses": documents[0]["responses"] + documents[1]["responses"]}
    expected = _read(combined)
    _assert_same(both["small"], expected)
    data = both["small"].data.set_index("response_id")
    assert list(data.index) == ["a3", "a1", "a0", "a2", "b1", "b2"]
    assert "name_of_school" not in data.columns  # removed in the newest version
    assert both["small"].codebook["overall"].label == "Cooperation went well."
    assert data.loc["b1", "reasons__transport"] and not data.loc["a2", "reasons__transport"]
    assert list(data["campaign"].unique()) == ["Test small"]  # make_campaign names both alike
    assert data.loc["a1", "area"] == "Itä-Helsinki" and pd.isna(data.loc["b1", "area"])
    assert both["small"].metadata["questionnaire"]["version"] == newest
    assert both["small"].metadata["campaign"] is None
    assert [c["slug"] for c in both["small"].metadata["campaigns"]] == [first, second]
    # in the order asked for
    reverse = read_database(database_url, campaigns=[second, first])["small"]
    assert list(reverse.data["response_id"]) == ["b1", "b2", "a3", "a1", "a0", "a2"]


def test_label_language(app, database_url, make_campaign):
    slug = make_campaign(DATA / "small.yaml")
    _add_responses(app, slug, SMALL_ANSWERS)
    got = read_database(database_url, campaigns=[slug], label_language="fi")["small"]
    expected = _read(_document(app, slug, language="fi"))
    _assert_same(got, expected)
    assert got.codebook["overall"].values["dont_know"] == "En osaa sanoa"
    assert got.metadata["label_language"] == "fi"
    unknown = read_database(database_url, campaigns=[slug], label_language="de")["small"]
    _assert_same(unknown, _web_export(app, slug))  # labelled in English, as the web export does
    assert unknown.metadata["label_language"] == "en"
    slugs = _load_demo(app)
    for language in ("ar", "uk", "sv"):
        got = read_database(database_url, campaigns=[slugs["guardians"]], label_language=language)["guardians"]
        expected = _read(_document(app, slugs["guardians"], language=language))
        _assert_same(got, expected)
        assert got.metadata["label_language"] == language


def test_erased_and_purged_responses_are_absent(app, database_url, make_campaign):
    slug = make_campaign(DATA / "small.yaml", retain_until=dt.date(2025, 1, 1))
    receipts = _add_responses(app, slug, SMALL_ANSWERS)
    assert len(read_database(database_url, campaigns=[slug])["small"].data) == 4
    with app.app_context():
        assert erase_response(_session(), receipts[0], None, None)
    data = read_database(database_url, campaigns=[slug])["small"].data
    assert list(data["response_id"]) == ["a3", "a0", "a2"]
    _assert_same(read_database(database_url, campaigns=[slug])["small"], _web_export(app, slug))
    with app.app_context():
        purge_expired_campaigns(_session(), dt.date(2025, 6, 1))
    assert read_database(database_url, campaigns=[slug])["small"].data.empty
    assert list_campaigns(database_url).set_index("slug").loc[slug, "responses"] == 0


# --- read-only -----------------------------------------------------------------------------------

def test_the_read_only_connection_refuses_writes(app, database_url):
    _load_demo(app)
    for statement in ("CREATE TABLE intruder (a INTEGER)", "UPDATE campaigns SET name = 'changed'",
                      "DELETE FROM responses"):
        with pytest.raises(DBAPIError):
            with read_only_connection(database_url) as connection:
                connection.exec_driver_sql(statement)
    with app.app_context():
        names = set(_session().scalars(select(Campaign.name)))
        count = len(_session().scalars(select(Response.id)).all())
    assert "changed" not in names and count > 0


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_reading_leaves_the_sqlite_file_untouched(app, database_url):
    _load_demo(app)
    from surveyapp.extensions import db

    with app.app_context():
        _session().close()
        db.engine.dispose()  # the app checkpoints and closes: the file holds everything
    before = _files(database_url)
    assert before
    list_campaigns(database_url)
    read_database(database_url)
    with pytest.raises(DBAPIError):
        with read_only_connection(database_url) as connection:
            connection.exec_driver_sql("DELETE FROM responses")
    assert _files(database_url) == before


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_file_path_is_a_sqlite_url(app, database_url):
    slugs = _load_demo(app)
    path = database_url.removeprefix("sqlite:///")
    _assert_same(read_database(path, campaigns=[slugs["staff"]])["staff"],
                 read_database(database_url, campaigns=[slugs["staff"]])["staff"])


# --- errors --------------------------------------------------------------------------------------

def test_a_missing_sqlite_file_is_a_clear_error_and_is_not_created(tmp_path):
    path = tmp_path / "nothing.sqlite3"
    with pytest.raises(DatabaseReadError, match="no SQLite database file"):
        read_database(f"sqlite:///{path}")
    assert not path.exists()


def test_an_unreachable_server_is_a_clear_error():
    with pytest.raises(DatabaseReadError, match="cannot open the database"):
        list_campaigns("postgresql://nobody:secret@127.0.0.1:1/verkosto?connect_timeout=3")
    with pytest.raises(DatabaseReadError, match="only SQLite and PostgreSQL"):
        read_database("mysql://nobody@localhost/verkosto")


def test_a_database_without_the_tables_is_a_clear_error(tmp_path):
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE something (a INTEGER)")
    connection.close()
    with pytest.raises(DatabaseReadError, match="not a Verkosto database.*campaigns"):
        read_database(f"sqlite:///{path}")
    not_sqlite = tmp_path / "text.sqlite3"
    not_sqlite.write_text("not a database\n" * 100)
    with pytest.raises(DatabaseReadError, match="cannot"):
        list_campaigns(str(not_sqlite))


def test_the_password_is_not_shown_in_errors():
    with pytest.raises(DatabaseReadError) as error:
        list_campaigns("postgresql://nobody:topsecret@127.0.0.1:1/verkosto?connect_timeout=3")
    assert "topsecret" not in str(error.value)


def test_database_reader_imports_neither_flask_nor_surveyapp():
    code = (
        "import sys, analysis.database_reader, analysis.layout\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('flask', 'surveyapp', 'flask_babel', 'werkzeug')]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=PROJECT)
    assert result.stdout.strip() == ""
