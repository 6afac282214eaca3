"""The ``verkosto`` command: validate questionnaires, migrate, run the demo, serve, purge."""
from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

from contextlib import contextmanager

import click

from .questionnaire.report import questionnaire_files, validate_files
from .settings import project_path

HOST_OPTION = click.option("--host", envvar="VERKOSTO_HOST", default="127.0.0.1", show_default=True,
                           help="Address to listen on (env VERKOSTO_HOST).")
PORT_OPTION = click.option("--port", envvar="VERKOSTO_PORT", default=5000, type=int, show_default=True,
                           help="Port to listen on (env VERKOSTO_PORT).")
DB_OPTION = click.option("--db", "database", envvar="DATABASE_URL", default=None,
                         help="Database URL or SQLite file path (env DATABASE_URL). "
                              "Default: instance/verkosto.sqlite3")
WORKERS_OPTION = click.option("--workers", envvar="VERKOSTO_WORKERS", default=2, type=int, show_default=True,
                              help="Worker processes (env VERKOSTO_WORKERS).")
THREADS_OPTION = click.option("--threads", envvar="VERKOSTO_THREADS", default=4, type=int, show_default=True,
                              help="Threads per worker (env VERKOSTO_THREADS).")


@contextmanager
def _app(database: str | None):
    """The app, inside its application context; its database connections closed afterwards."""
    from . import create_app
    from .extensions import db

    app = create_app({"DATABASE_URL": database} if database else None)
    with app.app_context():
        try:
            yield app
        finally:
            db.session.close()
            db.engine.dispose()


def _factory(database: str | None):
    if database:
        os.environ["DATABASE_URL"] = database  # so that each worker's create_app sees it
    from . import create_app

    return create_app


@click.group(help="Verkosto: surveys, analysis and workshops on school attendance.")
def main() -> None:
    pass


@main.command(help="Validate questionnaire files and report missing translations per language.")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
def validate(paths: tuple[Path, ...]) -> None:
    files = questionnaire_files(paths or (project_path("questionnaires"),))
    if not files:
        click.echo("no questionnaire files found", err=True)
        sys.exit(1)
    lines, ok = validate_files(files)
    for line in lines:
        click.echo(line)
    sys.exit(0 if ok else 1)


def _questionnaire_file(name: str) -> Path:
    path = Path(name)
    if path.exists():
        return path
    candidate = project_path("questionnaires") / f"{name}.yaml"
    if candidate.exists():
        return candidate
    raise click.BadParameter(f"no questionnaire file or shipped questionnaire named {name!r}")


@main.group(help="Questionnaire translations: export for translators, import back.")
def translations() -> None:
    pass


@translations.command("export", help="Write or refresh i18n/<id>/<LANGUAGE>.po for a translator.")
@click.argument("questionnaire")
@click.option("--language", "-l", required=True, help="The language to translate into, e.g. ar.")
@click.option("--source", default="en", show_default=True, help="The language translators work from.")
@click.option("--review-status", type=click.Choice(["draft", "reviewed"]), default=None,
              help="Record the catalog as reviewed by a native speaker, or as a draft.")
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None,
              help="Write here instead of beside the questionnaire.")
def translations_export(questionnaire: str, language: str, source: str, review_status: str | None,
                        output: Path | None) -> None:
    from .questionnaire.translation_workflow import TranslationImportError, export_po

    try:
        path, todo = export_po(_questionnaire_file(questionnaire), language, source_language=source,
                               review_status=review_status, output=output)
    except TranslationImportError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"wrote {path}: {todo} text(s) to translate or check")


@translations.command("spreadsheet", help="Write an .xlsx with one row per text and one column per language.")
@click.argument("questionnaire")
@click.option("--output", "-o", type=click.Path(path_type=Path), required=True)
@click.option("--language", "-l", "languages", multiple=True, help="Add an empty column for a new language.")
def translations_spreadsheet(questionnaire: str, output: Path, languages: tuple[str, ...]) -> None:
    from .questionnaire.translation_workflow import export_spreadsheet

    click.echo(f"wrote {export_spreadsheet(_questionnaire_file(questionnaire), output, list(languages))}")


@translations.command("import", help="Take a translated .po or .xlsx file back in.")
@click.argument("questionnaire")
@click.argument("file", type=click.Path(exists=True, path_type=Path))
@click.option("--review-status", type=click.Choice(["draft", "reviewed"]), default=None)
def translations_import(questionnaire: str, file: Path, review_status: str | None) -> None:
    from .questionnaire.translation_workflow import TranslationImportError, import_po, import_spreadsheet

    path = _questionnaire_file(questionnaire)
    try:
        if file.suffix == ".xlsx":
            results = import_spreadsheet(path, file)
        else:
            results = [import_po(path, file, review_status=review_status)]
    except TranslationImportError as exc:
        raise click.ClickException(str(exc)) from None
    for result in results:
        click.echo(f"{result.language}: {result.translated} of {result.total} texts translated")


@main.group(help="Campaigns: launch one from a questionnaire.")
def campaign() -> None:
    pass


@campaign.command("create", help="Launch a campaign and print its link and each language's review status.")
@click.argument("questionnaire")
@click.option("--name", required=True)
@click.option("--language", "-l", "languages", multiple=True,
              help="A language to offer (repeat); default: every complete language.")
@click.option("--default-language", default=None, help="Default: follow the browser.")
@click.option("--opens", type=click.DateTime(["%Y-%m-%d"]), default=None)
@click.option("--closes", type=click.DateTime(["%Y-%m-%d"]), default=None)
@click.option("--project", default="Default project", show_default=True, help="Created if new.")
@click.option("--base-url", default="http://localhost:5000", show_default=True)
@DB_OPTION
def campaign_create(questionnaire: str, name: str, languages: tuple[str, ...], default_language: str | None,
                    opens, closes, project: str, base_url: str, database: str | None) -> None:
    from .extensions import db as database_extension
    from .i18n import interface_languages, interface_review_status
    from .launching import language_statuses, launch_campaign, project_named
    from .migrate import upgrade
    from .questionnaire.errors import QuestionnaireInvalid
    from .questionnaire.loader import load_file
    from .survey.campaigns import CampaignLanguageError

    path = _questionnaire_file(questionnaire)
    try:
        loaded = load_file(path)
    except QuestionnaireInvalid as exc:
        raise click.ClickException(f"the questionnaire is not valid:\n{exc}") from None
    with _app(database) as app:
        upgrade(database_extension.engine)
        try:
            created = launch_campaign(
                database_extension.session, loaded, project=project_named(database_extension.session, project),
                source_name=path.name, name=name,
                languages=list(languages) or None, default_language=default_language,
                interface=interface_languages(app.config["TRANSLATIONS_DIR"]),
                opens_on=opens.date() if opens else None, closes_on=closes.date() if closes else None,
            )
        except (CampaignLanguageError, ValueError) as exc:
            raise click.ClickException(str(exc)) from None
        statuses = language_statuses(loaded, created.languages, interface_review_status(app.config["TRANSLATIONS_DIR"]))
        click.echo(f"launched '{created.name}': {base_url.rstrip('/')}/s/{created.slug}")
    click.echo("language  questionnaire  interface")
    for status in statuses:
        flag = "  <- have a native speaker check this before sending it to families" if status.needs_review else ""
        click.echo(f"{status.language:<9} {status.questionnaire:<14} {status.interface}{flag}")


@main.group(help="Database schema.")
def db() -> None:
    pass


@db.command("upgrade", help="Apply all schema migrations (run before starting a new version).")
@DB_OPTION
def db_upgrade(database: str | None) -> None:
    from .extensions import db as database_extension
    from .migrate import upgrade

    with _app(database):
        upgrade(database_extension.engine)
        click.echo(f"database is up to date: {database_extension.engine.url.render_as_string()}")


@main.command(help="Delete expired drafts, and the answers of campaigns past their retention date (for cron).")
@DB_OPTION
def purge(database: str | None) -> None:
    from .extensions import db as database_extension
    from .models import utcnow
    from .staff.campaign_service import purge_expired_campaigns
    from .survey.drafts import purge_expired_drafts

    with _app(database):
        count = purge_expired_drafts(database_extension.session, utcnow())
        click.echo(f"deleted {count} expired draft(s)")
        for name, responses, drafts in purge_expired_campaigns(database_extension.session, dt.date.today()):
            click.echo(f"retention: deleted {responses} response(s) and {drafts} draft(s) of '{name}'")


@main.group(help="Staff accounts.")
def users() -> None:
    pass


def _password() -> str:
    password = os.environ.get("VERKOSTO_NEW_PASSWORD")
    if password:
        return password
    return click.prompt("Password (at least 12 characters)", hide_input=True, confirmation_prompt=True)


@users.command("create-admin", help="Create an administrator (the password is asked for, "
                                    "or read from VERKOSTO_NEW_PASSWORD).")
@click.option("--email", required=True)
@click.option("--name", default="")
@DB_OPTION
def users_create_admin(email: str, name: str, database: str | None) -> None:
    _create_user(email, name, database, is_admin=True)


@users.command("add", help="Create a staff account and give it a role in a project.")
@click.option("--email", required=True)
@click.option("--name", default="")
@click.option("--project", required=True, help="The project's name (created if new).")
@click.option("--role", type=click.Choice(["staff", "researcher", "facilitator"]), required=True)
@DB_OPTION
def users_add(email: str, name: str, project: str, role: str, database: str | None) -> None:
    _create_user(email, name, database, is_admin=False, project=project, role=role)


def _create_user(email: str, name: str, database: str | None, *, is_admin: bool,
                 project: str | None = None, role: str | None = None) -> None:
    from .extensions import db as database_extension
    from .launching import project_named
    from .migrate import upgrade
    from .staff.accounts import AccountError, create_user, set_role

    with _app(database):
        upgrade(database_extension.engine)
        session = database_extension.session
        try:
            user = create_user(session, email=email, name=name, password=_password(), is_admin=is_admin)
            if project and role:
                set_role(session, user, project_named(session, project), role)
        except AccountError as exc:
            raise click.ClickException(str(exc)) from None
        session.commit()
        what = "administrator" if is_admin else f"{role} in '{project}'"
        click.echo(f"created {user.email} ({what})")


@main.command(help="Serve the app with gunicorn (production: put a TLS proxy in front).")
@HOST_OPTION
@PORT_OPTION
@DB_OPTION
@WORKERS_OPTION
@THREADS_OPTION
def serve(host: str, port: int, database: str | None, workers: int, threads: int) -> None:
    from .serve import serve as run_server

    run_server(_factory(database), host=host, port=port, workers=workers, threads=threads)


@main.command(help="Set up a local database with demo campaigns, print their links and serve.")
@HOST_OPTION
@PORT_OPTION
@DB_OPTION
@WORKERS_OPTION
@THREADS_OPTION
@click.option("--no-serve", is_flag=True, help="Prepare the database and print the links only.")
def demo(host: str, port: int, database: str | None, workers: int, threads: int, no_serve: bool) -> None:
    from .demo import ensure_demo_campaigns, ensure_demo_staff, ensure_demo_workshop, ensure_synthetic_responses
    from .workshop.workshops import format_join_code
    from .extensions import db as database_extension
    from .i18n import interface_languages
    from .migrate import upgrade
    from .serve import serve as run_server

    with _app(database) as app:
        upgrade(database_extension.engine)
        demos = ensure_demo_campaigns(
            database_extension.session,
            Path(app.config["QUESTIONNAIRE_DIR"]),
            interface_languages(app.config["TRANSLATIONS_DIR"]),
        )
        synthetic = ensure_synthetic_responses(
            database_extension.session, demos, max_text_length=app.config["MAX_TEXT_LENGTH"],
            questionnaire_dir=Path(app.config["QUESTIONNAIRE_DIR"]),
        )
        url = database_extension.engine.url.render_as_string()
        staff_email, staff_password = ensure_demo_staff(database_extension.session)
        with app.test_request_context():  # the workshop's default prompts are translated
            workshop_id, join_code = ensure_demo_workshop(database_extension.session, demos)
    shown_host = "localhost" if host in ("0.0.0.0", "::", "127.0.0.1") else host
    click.echo(f"Verkosto demo, database {url}, {dt.date.today():%Y-%m-%d}")
    click.echo("Demo campaigns (open them on a phone or in a browser):")
    for campaign in demos:
        click.echo(f"  {campaign.name} [{', '.join(campaign.languages)}]")
        click.echo(f"    http://{shown_host}:{port}/s/{campaign.slug}")
        if campaign.slug in synthetic:
            click.echo(f"    {synthetic[campaign.slug]} SYNTHETIC responses (invented by analysis.synthetic) for staff to see")
    click.echo(f"Staff workspace: http://{shown_host}:{port}/staff/")
    click.echo(f"  sign in as {staff_email} with the password {staff_password} (new at every demo start)")
    click.echo(f"Demo workshop (Finnish): http://{shown_host}:{port}/staff/workshops/{workshop_id}")
    click.echo(f"  participants join at http://{shown_host}:{port}/w/ with the code {format_join_code(join_code)}")
    if no_serve:
        return
    click.echo(f"Serving on http://{shown_host}:{port}/ (Ctrl+C stops)")
    run_server(_factory(database), host=host, port=port, workers=workers, threads=threads)


if __name__ == "__main__":
    main()
