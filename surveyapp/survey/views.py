"""Respondent pages: /s/<slug>/... Views are thin: the work is in the plain modules beside."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, session, url_for
from flask_babel import format_decimal, get_locale, refresh

from ..codes import format_code, normalise_code
from ..extensions import db, limiter
from ..i18n import SESSION_KEY
from ..models import Draft, utcnow
from ..templating import pick_text
from .answers import AnswerError
from .display import FieldValues, displayed_answers, error_subject
from .messages import error_message
from .campaigns import CampaignState, campaign_state, find_campaign, questionnaire_of, questionnaire_version
from .drafts import find_by_resume_code, load_draft, save_draft
from .flow import effective_answers, first_gap, page_after, progress, visible_pages, visible_questions
from .navigation import BACK, NEXT, SAVE, SWITCH_LANGUAGE, submit_page
from .submission import find_receipt, submit_response

blueprint = Blueprint("survey", __name__, url_prefix="/s/<slug>")
SLUG = re.compile(r"[A-Za-z0-9_-]{1,32}")
SUBMIT_KEY = re.compile(r"[0-9a-f]{32}")

_STATE_STATUS = {
    CampaignState.CLOSED: 410,
    CampaignState.PAUSED: 403,
    CampaignState.NOT_YET_OPEN: 403,
}


@blueprint.url_value_preprocessor
def load_campaign(_endpoint: str | None, values: dict[str, Any] | None) -> None:
    slug = (values or {}).pop("slug", "")
    g.slug = slug
    campaign = find_campaign(db.session, slug) if SLUG.fullmatch(slug) else None
    if campaign is None:
        abort(404)
    g.campaign = campaign
    language = request.args.get("lang")
    if language in campaign.languages:
        g.explicit_language = language
        session[SESSION_KEY] = language


@blueprint.url_defaults
def add_slug(_endpoint: str, values: dict[str, Any]) -> None:
    if "slug" not in values:  # links within a campaign's pages stay in that campaign
        values["slug"] = g.slug


@blueprint.before_request
def require_open_campaign():
    state = campaign_state(g.campaign, dt.date.today())
    if state is not CampaignState.OPEN:
        return render_template("survey/unavailable.html", state=state.value), _STATE_STATUS[state]
    g.questionnaire = questionnaire_of(g.campaign)
    return None


@blueprint.app_template_global("error_text")
def error_text(error: AnswerError) -> str:
    return error_message(error)


# -- helpers -------------------------------------------------------------------------------
def _language() -> str:
    return str(get_locale())


def _draft_id() -> str | None:
    return session.get("drafts", {}).get(g.slug)


def _remember_draft(draft: Draft | None) -> None:
    # a browser session only: on a shared school tablet the next pupil must not inherit it
    drafts = dict(session.get("drafts", {}))
    if draft is None:
        drafts.pop(g.slug, None)
    else:
        drafts[g.slug] = draft.id
    session["drafts"] = drafts


def _current_draft(*, for_update: bool = False) -> Draft | None:
    """The respondent's draft; its questionnaire version becomes the one shown."""
    draft = load_draft(db.session, g.campaign, _draft_id(), utcnow(), for_update=for_update)
    _use_version_of(draft)
    return draft


def _use_version_of(draft: Draft | None) -> None:
    if draft is not None and draft.questionnaire_version_id != g.campaign.questionnaire_version_id:
        g.questionnaire = questionnaire_version(db.session, draft.questionnaire_version_id)


def _expiry() -> dt.datetime:
    return utcnow() + dt.timedelta(days=current_app.config["DRAFT_TTL_DAYS"])


def _page_url(page, **params) -> str:
    if page is None:
        return url_for("survey.review", **params)
    return url_for("survey.page", page_id=page.id, **params)


def _render_page(page, answers, errors: list[AnswerError], raw: dict[str, list[str]], status: int = 200):
    questionnaire = g.questionnaire
    position, total = progress(questionnaire, answers, page)
    questions = visible_questions(questionnaire, answers, page)
    return (
        render_template(
            "survey/page.html",
            page=page,
            questions=questions,
            error_subjects={e.key: error_subject(questions, e.key) for e in errors},
            values=FieldValues(answers, raw),
            errors={e.key: e for e in errors},
            error_list=errors,
            position=position,
            total=total,
            first=position == 1,
            max_text_length=current_app.config["MAX_TEXT_LENGTH"],
        ),
        status,
    )


# -- views ---------------------------------------------------------------------------------
@blueprint.get("/", strict_slashes=False)  # /s/<slug> too, without a redirect naming a host
def start():
    if len(g.campaign.languages) == 1:
        return redirect(url_for("survey.privacy"))
    return render_template("survey/language.html")


@blueprint.get("/privacy")
def privacy():
    draft = _current_draft()
    first = page_after(g.questionnaire, None, draft.answers if draft else {})
    return render_template("survey/privacy.html", first_url=_page_url(first), has_draft=draft is not None)


@blueprint.route("/page/<page_id>", methods=["GET", "POST"])
def page(page_id: str):
    if request.method == "POST":
        db.begin_write()  # the form is read and checked; queue for the write lock now
    draft = _current_draft(for_update=request.method == "POST")
    questionnaire = g.questionnaire
    try:
        page = questionnaire.page(page_id)
    except KeyError:
        abort(404)
    answers = dict(draft.answers) if draft else {}

    if request.method == "GET":
        if page.id not in {p.id for p in _visible(answers)}:
            return redirect(_page_url(page_after(questionnaire, page.id, answers)))
        errors = []
        if request.args.get("check"):
            gap = first_gap(questionnaire, answers)
            if gap is not None and gap[0].id == page.id:
                errors = [gap[1]]
        return _render_page(page, answers, errors, raw={})

    outcome = submit_page(
        questionnaire,
        page,
        request.form,
        answers,
        action=request.form.get("action"),
        max_text_length=current_app.config["MAX_TEXT_LENGTH"],
    )
    language = outcome.language if outcome.language in g.campaign.languages else _language()
    if not outcome.save:
        db.session.rollback()
        if outcome.action == SWITCH_LANGUAGE:  # show the errors in the language asked for
            session[SESSION_KEY] = g.explicit_language = language
            refresh()
        return _render_page(page, answers, outcome.errors, outcome.raw, status=422)
    draft = save_draft(
        db.session,
        g.campaign,
        draft,
        questionnaire_version_id=draft.questionnaire_version_id if draft else g.campaign.questionnaire_version_id,
        answers=outcome.answers,
        language=language,
        current_page=outcome.target.id if outcome.target else None,
        expires_at=_expiry(),
        passed_page=page.id if outcome.action == NEXT else None,
    )
    _remember_draft(draft)
    if outcome.action == SWITCH_LANGUAGE:
        session[SESSION_KEY] = language
        return redirect(url_for("survey.page", page_id=page.id, lang=language), code=303)
    if outcome.action == SAVE:
        return redirect(url_for("survey.saved"), code=303)
    if outcome.action == BACK and outcome.target is None:
        return redirect(url_for("survey.privacy"), code=303)
    assert outcome.action in (NEXT, BACK)
    return redirect(_page_url(outcome.target), code=303)


def _visible(answers):
    return visible_pages(g.questionnaire, answers)


@blueprint.get("/review")
def review():
    draft = _current_draft()
    if draft is None:
        return redirect(url_for("survey.privacy"))
    answers = effective_answers(g.questionnaire, draft.answers)
    gap = first_gap(g.questionnaire, answers)
    if gap is not None:
        return redirect(url_for("survey.page", page_id=gap[0].id, check=1))
    language = _language()

    def t(text):
        return pick_text(text, language)

    def number(value):
        return format_decimal(value)  # in the request's locale

    sections = [
        (
            page,
            [
                (question, displayed_answers(question, answers, t, format_number=number))
                for question in visible_questions(g.questionnaire, answers, page)
            ],
        )
        for page in _visible(answers)
    ]
    keys = dict(session.get("submit_keys", {}))
    keys[g.slug] = draft.submit_key  # proves, on a repeated submission, that this browser answered
    session["submit_keys"] = keys
    return render_template("survey/review.html", sections=sections, draft=draft)


@blueprint.post("/submit")
def submit():
    key = request.form.get("submit_key", "")
    if not SUBMIT_KEY.fullmatch(key):
        key = ""
    db.begin_write()
    draft = _current_draft(for_update=True)
    if draft is None or draft.submit_key != key:
        receipt = find_receipt(db.session, key, g.campaign.id) if key else None
        db.session.rollback()
        if receipt is not None:  # a repeat of a submission already stored
            if session.get("submit_keys", {}).get(g.slug) != key:
                # the key came from elsewhere: the receipt is only for the browser that answered
                return render_template("survey/thanks.html", receipt=None)
            return _to_thanks(receipt.receipt_code, forget_draft=draft is None)
        if draft is None:
            return render_template("survey/expired.html"), 410
        return redirect(url_for("survey.review"), code=303)  # a stale review page
    answers = effective_answers(g.questionnaire, draft.answers)
    gap = first_gap(g.questionnaire, answers)
    if gap is not None:
        db.session.rollback()
        return redirect(url_for("survey.page", page_id=gap[0].id, check=1), code=303)
    receipt = submit_response(
        db.session,
        campaign=g.campaign,
        draft=draft,
        idempotency_key=key,
        answers=answers,
        language=_language(),
        today=dt.date.today(),
    )
    return _to_thanks(receipt.receipt_code, forget_draft=True)


def _to_thanks(receipt_code: str, *, forget_draft: bool):
    """Show the receipt; forget the session's draft only if it is the one submitted."""
    if forget_draft:
        _remember_draft(None)
    receipts = dict(session.get("receipts", {}))
    receipts[g.slug] = receipt_code
    session["receipts"] = receipts
    return redirect(url_for("survey.thanks"), code=303)


@blueprint.get("/thanks")
def thanks():
    receipts = dict(session.get("receipts", {}))
    code = receipts.pop(g.slug, None)  # shown once: the next user of a shared device won't see it
    if code is None:
        return redirect(url_for("survey.start"))
    session["receipts"] = receipts
    return render_template("survey/thanks.html", receipt=format_code(code))


@blueprint.post("/start-over")
def start_over():
    """Forget this browser's draft (it stays resumable with its code) and start afresh."""
    _remember_draft(None)
    return redirect(url_for("survey.privacy"), code=303)


@blueprint.get("/saved")
def saved():
    draft = _current_draft()
    if draft is None:
        return redirect(url_for("survey.privacy"))
    return render_template(
        "survey/saved.html",
        code=format_code(draft.resume_code),
        expires=draft.expires_at,
        continue_url=_page_url(_resume_target(draft)),
    )


def _resume_limit() -> str:
    return current_app.config["RESUME_RATE_LIMIT"]


@blueprint.route("/resume", methods=["GET", "POST"])
@limiter.limit(_resume_limit, methods=["POST"])  # guessing codes is slow and pointless
def resume():
    error = None
    typed = ""
    if request.method == "POST":
        typed = request.form.get("code", "")[:40]
        code = normalise_code(typed)
        draft = find_by_resume_code(db.session, g.campaign, code, utcnow()) if code else None
        if draft is not None:
            _use_version_of(draft)
            _remember_draft(draft)
            if draft.language in g.campaign.languages and not g.get("explicit_language"):
                session[SESSION_KEY] = draft.language
            return redirect(_page_url(_resume_target(draft)), code=303)
        error = "not_found" if code else "malformed"
    status = 422 if error else 200
    return render_template("survey/resume.html", error=error, typed=typed), status


def _resume_target(draft: Draft):
    questionnaire = g.questionnaire
    answers = draft.answers
    visible = {p.id for p in _visible(answers)}
    if draft.current_page in visible:
        return questionnaire.page(draft.current_page)
    gap = first_gap(questionnaire, answers)
    return gap[0] if gap else None


def render_page_again(page_id: str, form) -> Any:
    """After a failed CSRF check: the page again, filled with what was posted, nothing saved."""
    if g.get("questionnaire") is None:
        g.questionnaire = questionnaire_of(g.campaign)
    try:
        page = g.questionnaire.page(page_id)
    except KeyError:
        return None
    draft = _current_draft()
    answers = dict(draft.answers) if draft else {}
    raw = {key: form.getlist(key) for key in form.keys() if key not in ("csrf_token", "action")}
    g.session_expired = True
    return _render_page(page, answers, [], raw, status=400)
