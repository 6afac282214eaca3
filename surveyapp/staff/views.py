"""The staff workspace pages. Thin views: the work is in accounts, stats, campaign_service."""
from __future__ import annotations

import datetime as dt

from flask import Blueprint, Response, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required
from sqlalchemy import or_, select

from ..extensions import db
from ..i18n import LANGUAGE_NAMES, interface_languages, interface_review_status
from ..launching import language_statuses, launch_campaign
from ..models import Campaign, Project, QuestionnaireVersion
from ..posters import poster_svg
from ..questionnaire.errors import QuestionnaireInvalid
from ..questionnaire.loader import load_text
from ..templating import pick_text
from ..survey.poster_texts import poster_texts
from ..survey.campaigns import (
    CampaignLanguageError,
    ensure_shipped_versions,
    launchable_languages,
    questionnaire_version,
    store_questionnaire,
)
from .accounts import role_in, visible_projects
from .auth_views import enforce_idle_timeout
from analysis.screening import contains_personal_data, mask

from .campaign_service import ActionRefused, audit, audit_log, change_status, erase_response, free_text_answers
from .downloads import build_download, export_input
from .forms import ActionForm, CampaignForm, EraseForm, UploadForm
from .permissions import Can, allowed
from .qr import qr_data_uri
from .stats import campaign_figures

blueprint = Blueprint("staff", __name__, url_prefix="/staff")

EXPORT_FORMATS = [
    ("csv", _l("CSV with a codebook (zip), opens in Excel")),
    ("xlsx", _l("Excel workbook (.xlsx) with a codebook sheet")),
    ("json", _l("JSON")),
    ("sav", _l("SPSS (.sav) with variable and value labels")),
]
blueprint.before_request(enforce_idle_timeout)


@blueprint.before_request
@login_required
def require_login():
    return None


# -- access ------------------------------------------------------------------------------
def _user():
    return g.staff_user


def _project(project_id: int, action: Can = Can.VIEW) -> tuple[Project, str]:
    """The project if this user may do ``action`` in it; 404 otherwise (ids are not confirmed)."""
    project = db.session.get(Project, project_id)
    role = role_in(_user(), project_id) if project else None
    if project is None or role is None:
        abort(404)
    if not allowed(role, action):
        abort(403)
    return project, role


def _campaign(campaign_id: int, action: Can = Can.VIEW) -> tuple[Campaign, str]:
    campaign = db.session.get(Campaign, campaign_id)
    if campaign is None:
        abort(404)
    _, role = _project(campaign.project_id, action)
    return campaign, role


@blueprint.app_template_global("can")
def can(action: str, project_id: int) -> bool:
    return allowed(role_in(_user(), project_id), Can(action))


# -- pages -------------------------------------------------------------------------------
@blueprint.get("/")
def index():
    projects = visible_projects(db.session, _user())
    campaigns = {
        p.id: db.session.scalars(select(Campaign).where(Campaign.project_id == p.id).order_by(Campaign.created_at.desc())).all()
        for p in projects
    }
    return render_template("staff/index.html", projects=projects, campaigns=campaigns)


def _questionnaire_choices(project: Project) -> list[QuestionnaireVersion]:
    """The project's uploaded versions and the shipped ones, newest first."""
    ensure_shipped_versions(db.session, current_app.config["QUESTIONNAIRE_DIR"])
    return list(
        db.session.scalars(
            select(QuestionnaireVersion)
            .where(or_(QuestionnaireVersion.project_id == project.id, QuestionnaireVersion.project_id.is_(None)))
            .order_by(QuestionnaireVersion.created_at.desc())
        )
    )


@blueprint.get("/projects/<int:project_id>")
def project(project_id: int):
    project, role = _project(project_id)
    campaigns = db.session.scalars(
        select(Campaign).where(Campaign.project_id == project.id).order_by(Campaign.created_at.desc())
    ).all()
    return render_template(
        "staff/project.html", project=project, role=role, campaigns=campaigns,
        versions=_questionnaire_choices(project), upload=UploadForm(),
    )


@blueprint.post("/projects/<int:project_id>/questionnaires")
def upload_questionnaire(project_id: int):
    project, role = _project(project_id, Can.MANAGE)
    form = UploadForm()
    problems: list[str] = []
    if form.validate_on_submit():
        upload = form.file.data
        raw = upload.read(current_app.config["MAX_QUESTIONNAIRE_BYTES"] + 1)
        name = (upload.filename or "questionnaire.yaml")[:200]
        if len(raw) > current_app.config["MAX_QUESTIONNAIRE_BYTES"]:
            problems.append(_("The file is larger than %(size)s bytes.", size=current_app.config["MAX_QUESTIONNAIRE_BYTES"]))
        else:
            try:
                questionnaire = load_text(raw, source=name)
            except QuestionnaireInvalid as exc:
                problems.extend(str(p) for p in exc.problems)
            else:
                version = store_questionnaire(db.session, questionnaire, source_name=name, project_id=project.id)
                db.session.commit()
                flash(_("The questionnaire “%(name)s” is valid and was added.", name=name))
                return redirect(url_for("staff.preview", version_id=version.id))
    else:
        problems.extend(str(e) for errors in form.errors.values() for e in errors)
    campaigns = db.session.scalars(select(Campaign).where(Campaign.project_id == project.id)).all()
    return render_template(
        "staff/project.html", project=project, role=role, campaigns=campaigns,
        versions=_questionnaire_choices(project), upload=form, problems=problems,
    ), 422


def _version_for(version_id: int) -> QuestionnaireVersion:
    version = db.session.get(QuestionnaireVersion, version_id)
    if version is None:
        abort(404)
    if version.project_id is not None and role_in(_user(), version.project_id) is None:
        abort(404)
    return version


@blueprint.get("/questionnaires/<int:version_id>/preview")
def preview(version_id: int):
    version = _version_for(version_id)
    questionnaire = questionnaire_version(db.session, version.id)
    language = request.args.get("lang")
    if language not in questionnaire.languages:
        language = questionnaire.languages[0]
    return render_template(
        "staff/preview.html", version=version, q=questionnaire, language=language,
        pt=lambda text: pick_text(text, language), language_names=LANGUAGE_NAMES,
    )


@blueprint.route("/projects/<int:project_id>/campaigns/new", methods=["GET", "POST"])
def new_campaign(project_id: int):
    project, _role = _project(project_id, Can.MANAGE)
    form = CampaignForm()
    versions = _questionnaire_choices(project)
    form.questionnaire.choices = [(v.id, f"{v.questionnaire_key} · {v.source_name} · {v.created_at:%Y-%m-%d}") for v in versions]
    interface = interface_languages(current_app.config["TRANSLATIONS_DIR"])
    chosen_version = versions[0].id if versions else None
    if form.questionnaire.data:
        chosen_version = form.questionnaire.data
    if request.args.get("questionnaire", "").isdigit():
        chosen_version = int(request.args["questionnaire"])
        form.questionnaire.data = chosen_version
    questionnaire = questionnaire_version(db.session, chosen_version) if chosen_version else None
    languages = launchable_languages(questionnaire, interface) if questionnaire else []
    form.languages.choices = [(code, LANGUAGE_NAMES.get(code, code)) for code in languages]
    form.default_language.choices = [("", _("Follow the browser"))] + form.languages.choices
    statuses = language_statuses(questionnaire, languages, interface_review_status(current_app.config["TRANSLATIONS_DIR"])) if questionnaire else []
    if request.method == "GET" and not form.languages.data:
        form.languages.data = [code for code in languages if code in ("fi", "sv", "en")]
    if form.validate_on_submit() and questionnaire is not None:
        try:
            campaign = launch_campaign(
                db.session, questionnaire, project=project, source_name=questionnaire.id,
                name=form.name.data.strip(), languages=form.languages.data,
                default_language=form.default_language.data or None, interface=interface,
                opens_on=form.opens_on.data, closes_on=form.closes_on.data,
                area=(form.area.data or "").strip() or None,
                schools=[line.strip() for line in (form.schools.data or "").splitlines() if line.strip()],
                target_responses=form.target_responses.data, retain_until=form.retain_until.data,
                status="draft",
            )
        except (CampaignLanguageError, ValueError) as exc:
            form.name.errors.append(str(exc))
        else:
            audit(db.session, _user(), "create", campaign)
            db.session.commit()
            return redirect(url_for("staff.campaign", campaign_id=campaign.id))
    status = 422 if form.errors else 200
    return render_template("staff/new_campaign.html", project=project, form=form, statuses=statuses,
                           language_names=LANGUAGE_NAMES), status


@blueprint.get("/campaigns/<int:campaign_id>")
def campaign(campaign_id: int):
    campaign, role = _campaign(campaign_id)
    questionnaire = questionnaire_version(db.session, campaign.questionnaire_version_id)
    link = url_for("survey.start", slug=campaign.slug, _external=True).rstrip("/")
    figures = campaign_figures(db.session, campaign, questionnaire)
    return render_template(
        "staff/campaign.html", campaign=campaign, role=role, questionnaire=questionnaire, link=link,
        qr=qr_data_uri(link), figures=figures, action_form=ActionForm(), erase_form=EraseForm(),
        events=audit_log(db.session, campaign) if allowed(role, Can.MANAGE) or allowed(role, Can.EXPORT) else [],
        statuses=language_statuses(questionnaire, campaign.languages,
                                   interface_review_status(current_app.config["TRANSLATIONS_DIR"])),
        language_names=LANGUAGE_NAMES, today=dt.date.today(),
        export_formats=EXPORT_FORMATS if allowed(role, Can.EXPORT) else [],
        poster_url=url_for("staff.poster", campaign_id=campaign.id),
        free_text_questions=[q for q in questionnaire.questions() if q.type in ("short_text", "long_text")]
        if allowed(role, Can.READ_FREE_TEXT) else [],
    )


@blueprint.post("/campaigns/<int:campaign_id>/<any(launch, pause, resume, close):action>")
def campaign_action(campaign_id: int, action: str):
    campaign, _role = _campaign(campaign_id, Can.MANAGE)
    if ActionForm().validate_on_submit():
        try:
            change_status(db.session, campaign, action, _user())
        except ActionRefused:
            flash(_("That cannot be done to a campaign in its present state."))
    return redirect(url_for("staff.campaign", campaign_id=campaign.id), code=303)


@blueprint.get("/campaigns/<int:campaign_id>/export.<any(csv, xlsx, json, sav):fmt>")
def export(campaign_id: int, fmt: str):
    campaign, _role = _campaign(campaign_id, Can.EXPORT)
    questionnaire = questionnaire_version(db.session, campaign.questionnaire_version_id)
    language = request.args.get("labels") or str(get_locale())
    if language not in questionnaire.languages:
        language = "en" if "en" in questionnaire.languages else questionnaire.languages[0]
    download = build_download(export_input(db.session, campaign, questionnaire, language), fmt,
                              f"verkosto-{campaign.slug}-{dt.date.today():%Y%m%d}")
    audit(db.session, _user(), "export", campaign, format=fmt, responses=download.responses)
    db.session.commit()
    response = Response(download.content, mimetype=download.media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{download.filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@blueprint.get("/campaigns/<int:campaign_id>/poster.svg")
def poster(campaign_id: int):
    """A printable A4 poster: title, QR code, the address, instructions in every language."""
    campaign, _role = _campaign(campaign_id)
    questionnaire = questionnaire_version(db.session, campaign.questionnaire_version_id)
    link = url_for("survey.start", slug=campaign.slug, _external=True).rstrip("/")
    svg = poster_svg(url=link, title=questionnaire.title, languages=campaign.languages,
                     texts=poster_texts(campaign.languages))
    response = Response(svg, mimetype="image/svg+xml")
    response.headers["Content-Disposition"] = f'inline; filename="poster-{campaign.slug}.svg"'
    return response


@blueprint.get("/campaigns/<int:campaign_id>/answers/<question_id>")
def free_text(campaign_id: int, question_id: str):
    """Free-text answers to one question, screened for personal data unless the reader may see them."""
    campaign, role = _campaign(campaign_id, Can.READ_FREE_TEXT)
    questionnaire = questionnaire_version(db.session, campaign.questionnaire_version_id)
    try:
        question = questionnaire.question(question_id)
    except KeyError:
        abort(404)
    answers = free_text_answers(db.session, campaign, question)
    unmasked = allowed(role, Can.UNMASKED)
    shown = [(text if unmasked else mask(text), contains_personal_data(text)) for text in answers]
    return render_template("staff/free_text.html", campaign=campaign, question=question, answers=shown,
                           unmasked=unmasked, questionnaire=questionnaire)


@blueprint.post("/campaigns/<int:campaign_id>/erase")
def erase(campaign_id: int):
    campaign, _role = _campaign(campaign_id, Can.ERASE)
    form = EraseForm()
    if form.validate_on_submit():
        if erase_response(db.session, form.receipt.data, {campaign.project_id}, _user()):
            flash(_("The response with that receipt code was deleted."))
        else:
            flash(_("No response with that receipt code was found in this project."))
    return redirect(url_for("staff.campaign", campaign_id=campaign.id), code=303)
