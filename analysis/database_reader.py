"""Read responses straight from the web app's database, read-only, as exports.

    >>> from analysis.database_reader import list_campaigns, read_database
    >>> list_campaigns("sqlite:///instance/verkosto.sqlite3")        # slug, name, project, ...
    >>> exports = read_database(os.environ["DATABASE_URL"], campaigns=["k7m2q9"])
    >>> exports["guardians"].data                                     # as read_json_export gives it

``read_database`` gives, per questionnaire id, an ``analysis.export_reader.Export`` with the
same columns, codebook, types and values as ``read_json_export`` gives for the web app's JSON
export of the same campaigns (docs/export-format.md). The columns are built from the stored
questionnaire definition (``analysis.layout``), each stored answer set becomes one row by the
exporter's rules. Campaigns of one questionnaire are concatenated (in the order asked for, else
in the order they were created; within a campaign by date submitted and response id, as the
exporter orders them); the columns and labels come from the newest questionnaire version among
those campaigns' current versions, as a single campaign's export uses the campaign's current
version. Answers that have no column in that version are left out, as the exporter leaves them.

The database is only read: SQLite is opened with ``mode=ro`` (and ``PRAGMA query_only``), a
PostgreSQL session is made read-only (``SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY``)
and everything is read in one read-only transaction, so the tables are seen as of one moment.
Erased and purged responses are simply not there.

This module depends on SQLAlchemy and the stored tables only, never on Flask or ``surveyapp``.
The database holds raw answers, unscreened: see docs/researchers-database.md.
"""
from __future__ import annotations

import sqlite3
import urllib.parse
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import (
    JSON,
    Column,
    Connection,
    Date,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    event,
    func,
    inspect,
    select,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from .export_reader import SUPPORTED_VERSIONS, ColumnInfo, Export, _build
from .layout import LABEL_LANGUAGE, SCHOOL_SEPARATOR, QuestionnaireLayout, answer_cell, text_in

SQLITE_BUSY_TIMEOUT_S = 15
FORMAT_VERSION = max(SUPPORTED_VERSIONS)

# --- the few stored columns this module reads (surveyapp/models.py; never written) -----------

_JSON = JSON().with_variant(JSONB(), "postgresql")
_metadata = MetaData()
projects = Table(
    "projects", _metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String),
)
questionnaire_versions = Table(
    "questionnaire_versions", _metadata,
    Column("id", Integer, primary_key=True),
    Column("questionnaire_key", String),
    Column("definition", _JSON),
)
campaigns_table = Table(
    "campaigns", _metadata,
    Column("id", Integer, primary_key=True),
    Column("slug", String),
    Column("name", String),
    Column("project_id", Integer),
    Column("questionnaire_version_id", Integer),
    Column("status", String),
    Column("area", String),
    Column("schools", _JSON),
)
responses_table = Table(
    "responses", _metadata,
    Column("id", String, primary_key=True),
    Column("campaign_id", Integer),
    Column("questionnaire_version_id", Integer),
    Column("language", String),
    Column("submitted_on", Date),
    Column("answers", _JSON),
)
TABLES = tuple(_metadata.tables)


class DatabaseReadError(RuntimeError):
    """The database cannot be opened or read, or it is not a Verkosto database."""


class CampaignNotFoundError(LookupError):
    """A campaign (slug or id) or a questionnaire asked for is not in the database."""


# --- public API ----------------------------------------------------------------------------------

def list_campaigns(url: str) -> pd.DataFrame:
    """The database's campaigns, one row each in the order they were created.

    Columns: ``slug``, ``name``, ``project``, ``questionnaire`` (its id), ``questionnaire_version``
    (the campaign's current version, as numbered in exports), ``status`` and ``responses`` (the
    number of submitted responses held now).
    """
    c, p, v, r = campaigns_table, projects, questionnaire_versions, responses_table
    counts = (select(r.c.campaign_id, func.count().label("n")).group_by(r.c.campaign_id).subquery())
    statement = (
        select(c.c.slug, c.c.name, p.c.name.label("project"), v.c.questionnaire_key.label("questionnaire"),
               c.c.questionnaire_version_id.label("questionnaire_version"), c.c.status,
               func.coalesce(counts.c.n, 0).label("responses"))
        .select_from(c)
        .outerjoin(p, p.c.id == c.c.project_id)
        .outerjoin(v, v.c.id == c.c.questionnaire_version_id)
        .outerjoin(counts, counts.c.campaign_id == c.c.id)
        .order_by(c.c.id)
    )
    with _reading(url) as connection:
        rows = connection.execute(statement).all()
    frame = pd.DataFrame([tuple(row) for row in rows], columns=[
        "slug", "name", "project", "questionnaire", "questionnaire_version", "status", "responses"])
    for name in ("slug", "name", "project", "questionnaire", "status"):
        frame[name] = frame[name].astype("string")
    for name in ("questionnaire_version", "responses"):
        frame[name] = frame[name].astype("Int64")
    return frame


def read_database(url: str, *, campaigns: Sequence[str | int] | None = None, questionnaire: str | None = None,
                  dont_know: str = "keep", label_language: str = LABEL_LANGUAGE) -> dict[str, Export]:
    """The responses in the database, per questionnaire id, each as one ``Export``.

    ``url``: a SQLAlchemy database URL (``sqlite:///PATH``, ``postgresql://...``) or a SQLite
    file path. ``campaigns``: slugs (``str``) or database ids (``int``) to read, in this order;
    default every campaign. ``questionnaire``: read only the campaigns of this questionnaire id.
    ``dont_know`` as in ``read_json_export``. ``label_language``: the language of the codebook
    labels, as the web export's ``labels`` setting: when a label text is not given in it, every
    label is in English (the web export falls back likewise, when any text of the questionnaire lacks it).

    Every questionnaire with a campaign asked for gets an ``Export``, with no rows when its
    campaigns have no responses. ``metadata`` holds ``questionnaire`` (``version``: the version
    whose texts label the columns), ``label_language``, ``campaigns`` (one entry per campaign read)
    and ``campaign`` (that entry when exactly one campaign was read, else None), as in the JSON
    export. Raises ``CampaignNotFoundError`` for a campaign or questionnaire not in the database,
    ``DatabaseReadError`` when the database cannot be read.
    """
    if dont_know not in ("keep", "missing"):
        raise ValueError("dont_know must be 'keep' or 'missing'")
    wanted = _campaign_keys(campaigns)
    with _reading(url) as connection:
        found = _campaigns(connection)
        chosen = _choose(found, wanted, questionnaire)
        groups: dict[str, list[Mapping[str, Any]]] = {}
        for campaign in chosen:
            groups.setdefault(campaign["questionnaire"], []).append(campaign)
        exports = {}
        for key, members in groups.items():
            newest = max(members, key=lambda m: m["questionnaire_version_id"])  # the latest stored
            definition = connection.execute(
                select(questionnaire_versions.c.definition)
                .where(questionnaire_versions.c.id == newest["questionnaire_version_id"])
            ).scalar_one()
            exports[key] = _export(connection, definition, newest["questionnaire_version_id"], members,
                                   dont_know, label_language)
    return exports


@contextmanager
def read_only_connection(url: str) -> Iterator[Connection]:
    """A connection in one read-only transaction (rolled back at the end), for your own queries.

    SQLite is opened with ``mode=ro``; PostgreSQL sessions are read-only. Checks that the
    database has the tables this module reads.
    """
    with _reading(url, wrap_errors=False) as connection:
        yield connection


# --- opening the database read-only ------------------------------------------------------------

def read_only_engine(url: str) -> Engine:
    """An engine whose connections cannot write (SQLite ``mode=ro``, PostgreSQL read-only sessions)."""
    parsed = _parse(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(parsed)
    if backend == "postgresql":
        return _postgresql_engine(parsed)
    raise DatabaseReadError(
        f"{_shown(parsed)}: only SQLite and PostgreSQL databases can be read (not {backend!r})"
    )


def _parse(url: str) -> URL:
    if not isinstance(url, str) or not url.strip():
        raise DatabaseReadError("no database URL given")
    if "://" not in url:  # a plain SQLite file path, as the web app accepts it
        return URL.create("sqlite", database=str(Path(url).expanduser()))
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseReadError(f"not a database URL: {url.split('@')[-1]!r}") from None
    if parsed.drivername in ("postgres", "postgresql"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _shown(url: URL) -> str:
    return url.render_as_string(hide_password=True)


def _sqlite_engine(url: URL) -> Engine:
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        raise DatabaseReadError(f"{_shown(url)}: give the SQLite database as a file (sqlite:///PATH)")
    path = Path(database).expanduser().resolve()
    if not path.is_file():
        raise DatabaseReadError(f"no SQLite database file at {path}")
    uri = f"file:{urllib.parse.quote(str(path))}?mode=ro"

    def connect() -> sqlite3.Connection:
        connection = sqlite3.connect(uri, uri=True, timeout=SQLITE_BUSY_TIMEOUT_S, check_same_thread=False)
        connection.isolation_level = None  # BEGIN is ours (below): one snapshot for all reads
        connection.execute("PRAGMA query_only=ON")
        return connection

    engine = create_engine("sqlite://", creator=connect)

    @event.listens_for(engine, "begin")
    def on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN DEFERRED")

    return engine


def _postgresql_engine(url: URL) -> Engine:
    try:
        engine = create_engine(url)
    except NoSuchModuleError:
        raise DatabaseReadError(f"{_shown(url)}: no such database driver") from None
    except ImportError as exc:
        raise DatabaseReadError(f"{_shown(url)}: the database driver is not installed ({exc})") from None

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        cursor.close()
        dbapi_connection.commit()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")

    return engine


@contextmanager
def _reading(url: str, *, wrap_errors: bool = True) -> Iterator[Connection]:
    engine = read_only_engine(url)
    shown = _shown(engine.url) if engine.url.get_backend_name() != "sqlite" else str(_parse(url).database)
    try:
        try:
            connection = engine.connect()
        except DBAPIError as exc:
            raise DatabaseReadError(f"cannot open the database {shown}: {_reason(exc)}") from None
        with connection:
            with connection.begin() as transaction:
                try:
                    present = set(inspect(connection).get_table_names())
                except DBAPIError as exc:
                    raise DatabaseReadError(f"cannot read the database {shown}: {_reason(exc)}") from None
                missing = [t for t in TABLES if t not in present]
                if missing:
                    raise DatabaseReadError(
                        f"{shown} is not a Verkosto database (or not migrated): it has no table "
                        f"{', '.join(missing)}"
                    )
                try:
                    yield connection
                except DBAPIError as exc:
                    if not wrap_errors:
                        raise
                    raise DatabaseReadError(f"cannot read the database {shown}: {_reason(exc)}") from None
                finally:
                    transaction.rollback()  # nothing to keep: reading only
    finally:
        engine.dispose()


def _reason(exc: DBAPIError) -> str:
    text = str(exc.orig) if exc.orig is not None else str(exc)
    return text.strip().splitlines()[0] if text.strip() else type(exc.orig).__name__


# --- campaigns -----------------------------------------------------------------------------------

def _campaign_keys(campaigns: Sequence[str | int] | None) -> list[str | int] | None:
    if campaigns is None:
        return None
    if isinstance(campaigns, (str, int)):
        campaigns = [campaigns]
    keys: list[str | int] = []
    for item in campaigns:
        if isinstance(item, bool) or not isinstance(item, (str, int)):
            raise TypeError(f"a campaign is given by its slug (str) or id (int), not {item!r}")
        if item not in keys:
            keys.append(item)
    return keys


def _campaigns(connection: Connection) -> list[dict[str, Any]]:
    c, p, v = campaigns_table, projects, questionnaire_versions
    statement = (
        select(c.c.id, c.c.slug, c.c.name, c.c.area, c.c.schools, c.c.questionnaire_version_id,
               p.c.name.label("project"), v.c.questionnaire_key.label("questionnaire"))
        .select_from(c)
        .outerjoin(p, p.c.id == c.c.project_id)
        .join(v, v.c.id == c.c.questionnaire_version_id)
        .order_by(c.c.id)
    )
    return [dict(row._mapping) for row in connection.execute(statement)]


def _choose(found: list[dict[str, Any]], wanted: list[str | int] | None,
            questionnaire: str | None) -> list[dict[str, Any]]:
    if wanted is None:
        chosen = found
    else:
        by_slug = {c["slug"]: c for c in found}
        by_id = {c["id"]: c for c in found}
        unknown = [w for w in wanted if (by_slug if isinstance(w, str) else by_id).get(w) is None]
        if unknown:
            raise CampaignNotFoundError(f"no campaign {', '.join(repr(u) for u in unknown)} in the database")
        chosen = []
        for w in wanted:
            campaign = (by_slug if isinstance(w, str) else by_id)[w]
            if campaign not in chosen:
                chosen.append(campaign)
    if questionnaire is not None:
        if not any(c["questionnaire"] == questionnaire for c in found):
            raise CampaignNotFoundError(f"no campaign of the questionnaire {questionnaire!r} in the database")
        chosen = [c for c in chosen if c["questionnaire"] == questionnaire]
    return chosen


# --- the export ----------------------------------------------------------------------------------

def _export(connection: Connection, definition: Mapping[str, Any], version_id: int,
            members: list[Mapping[str, Any]], dont_know: str, label_language: str) -> Export:
    if not _complete_in(definition, label_language):
        label_language = LABEL_LANGUAGE  # as the web export does for a language it lacks
    layout = QuestionnaireLayout.from_definition(definition, label_language=label_language)
    entries = layout.columns()
    columns = [
        ColumnInfo(
            name=e["name"], label=e["label"], type=e["type"], question_id=e["question_id"],
            question_type=e["question_type"], answer_key=e["answer_key"], option=e["option"],
            values={v["code"]: v["label"] for v in e["values"]}, spss_name=e["spss_name"],
        )
        for e in entries
    ]
    rows: list[list[Any]] = []
    r = responses_table
    for campaign in members:
        schools = SCHOOL_SEPARATOR.join(campaign["schools"] or ()) or None
        leading = {
            "campaign": campaign["name"], "project": campaign["project"] or "",
            "area": campaign["area"] or None, "schools": schools, "questionnaire": layout.id,
            "respondent_role": layout.audience,
        }
        statement = (
            select(r.c.id, r.c.language, r.c.submitted_on, r.c.questionnaire_version_id, r.c.answers)
            .where(r.c.campaign_id == campaign["id"])
            .order_by(r.c.submitted_on, r.c.id)
        )
        for response in connection.execute(statement):
            answers = response.answers if isinstance(response.answers, Mapping) else {}
            own = {
                **leading, "response_id": response.id, "language": response.language,
                "submitted_on": response.submitted_on,
                "questionnaire_version": response.questionnaire_version_id,
            }
            rows.append([own[e["name"]] if e["answer_key"] is None else answer_cell(e, answers)
                         for e in entries])
    campaign_entries = [
        {"name": c["name"], "slug": c["slug"], "project": c["project"] or "", "area": c["area"],
         "schools": list(c["schools"] or ())}
        for c in members
    ]
    metadata = {
        "questionnaire": {"id": layout.id, "title": text_in(definition.get("title"), label_language),
                          "version": version_id, "audience": layout.audience},
        "campaign": campaign_entries[0] if len(campaign_entries) == 1 else None,
        "label_language": label_language,
        "campaigns": campaign_entries,
        "source": "database",
    }
    return _build(columns, rows, FORMAT_VERSION, dont_know, protected=False, metadata=metadata)


def _complete_in(definition: Mapping[str, Any], language: str) -> bool:
    """Whether every text the export's labels use is given in ``language``."""
    texts = [definition.get("title")]
    for scale in (definition.get("scales") or {}).values():
        texts += [p.get("label") for p in scale.get("points", ())]
        texts += [scale["dont_know"]] if scale.get("dont_know") else []
    for page in definition.get("pages", ()):
        for q in page.get("questions", ()):
            texts += [q.get("text"), *[o.get("label") for o in q.get("options", ())],
                      *[s.get("text") for s in q.get("statements", ())]]
            texts += [q[key] for key in ("other", "unit") if q.get(key)]
    return all(isinstance(t, Mapping) and t.get(language) for t in texts if t is not None)


__all__ = [
    "TABLES",
    "CampaignNotFoundError",
    "DatabaseReadError",
    "list_campaigns",
    "read_database",
    "read_only_connection",
    "read_only_engine",
]
