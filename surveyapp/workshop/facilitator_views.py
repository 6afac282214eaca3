"""Facilitators' pages at /staff/...workshops: create and configure a workshop, move it through
its phases, show the room its code, read the groups' work, turn it into proposals, see the
results. The canvas and the downloads are in facilitator_canvas; access in facilitator_access.
Thin views: the work is in the service modules beside them.
"""
from __future__ import annotations

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from ..extensions import db
from ..models import Campaign, Project, Workshop, utcnow
from ..staff.forms import ActionForm
from ..staff.permissions import Can, allowed
from ..staff.qr import qr_data_uri
from . import facilitator_canvas  # noqa: F401 - registers the canvas and download pages
from . import gallery, voting
from .defaults import default_prompts, family_choices
from .errors import Invalid, NotFound, WorkshopError, WrongPhase
from .facilitator_access import _abort_for, _may_export_texts, _project, _workshop, blueprint
from .forms import MergeForm, PhaseForm, ProposalForm, WorkshopForm
from .live import stamp
from .phases import GALLERY_MINUTES, PHASES, next_phase, previous_phase, seconds_left
from .workshops import (
    WorkshopSettings,
    campaign_names,
    configure_workshop,
    create_workshop,
    extend_gallery,
    format_join_code,
    groups_of,
    member_counts,
    move_phase,
    project_workshops,
)

# -- list, create, configure --------------------------------------------------------------------
@blueprint.get("/projects/<int:project_id>/workshops")
def workshops(project_id: int):
    project, role = _project(project_id, Can.VIEW)
    if not _may_export_texts(project.id):
        abort(403)
    return render_template("workshop/staff_list.html", project=project, may_run=allowed(role, Can.RUN_WORKSHOP),
                           workshops=project_workshops(db.session, project.id))


def _form_choices(form: WorkshopForm, project: Project, language: str) -> None:
    form.set_choices()
    campaigns = db.session.scalars(
        select(Campaign).where(Campaign.project_id == project.id).order_by(Campaign.created_at.desc())
    ).all()
    form.campaigns.choices = [(c.id, c.name) for c in campaigns]
    form.families.choices = family_choices(language)


def _settings(form: WorkshopForm) -> WorkshopSettings:
    prompts = [line.strip() for line in (form.prompts.data or "").splitlines() if line.strip()]
    return WorkshopSettings(
        name=form.name.data or "", language=form.language.data, campaign_ids=form.campaigns.data or [],
        families=form.families.data or [], prompts=prompts or default_prompts(form.language.data),
        groups=form.groups.data, dots_per_participant=form.dots.data, threshold_unit=form.threshold_unit.data,
        held_on=form.held_on.data,
    )


def _form_error(form: WorkshopForm, error: WorkshopError) -> None:
    if error.reason == "groups_in_use":
        form.groups.errors.append(_("Groups that people have joined cannot be removed."))
    elif error.reason == "started":
        form.groups.errors.append(_("Once the discussion has started, only more groups can be added: "
                                    "the other settings stay as they are."))
    elif error.reason == "closed":
        form.name.errors.append(_("The workshop has closed: its settings cannot change."))
    elif error.reason == "notes_written":
        form.prompts.errors.append(_("A question whose notes the groups have written cannot be removed."))
    elif error.reason == "prompts":
        form.prompts.errors.append(_("Give one to eight questions, each at most 300 characters long."))
    else:
        form.name.errors.append(_("Check the settings."))


@blueprint.route("/projects/<int:project_id>/workshops/new", methods=["GET", "POST"])
def new_workshop(project_id: int):
    project, _role = _project(project_id)
    form = WorkshopForm()
    language = form.language.data if form.language.data in ("fi", "sv", "en") else "fi"
    _form_choices(form, project, language)
    if request.method == "GET":
        form.campaigns.data = [c for c, _n in form.campaigns.choices]
        form.families.data = [f for f, _n in form.families.choices]
    if form.validate_on_submit():
        try:
            workshop = create_workshop(db.session, project.id, _settings(form))
        except (Invalid, WrongPhase, NotFound) as exc:
            db.session.rollback()
            _abort_for(exc)
            _form_error(form, exc)
        else:
            db.session.commit()
            return redirect(url_for("staff_workshops.workshop", workshop_id=workshop.id), code=303)
    return render_template("workshop/staff_form.html", project=project, form=form, workshop=None,
                           prompt_hint=default_prompts(language)), 422 if form.errors else 200


@blueprint.route("/workshops/<int:workshop_id>/settings", methods=["GET", "POST"])
def settings(workshop_id: int):
    workshop = _workshop(workshop_id)
    project = db.session.get(Project, workshop.project_id)
    form = WorkshopForm(obj=None)
    if request.method == "GET":
        form.name.data, form.language.data, form.held_on.data = workshop.name, workshop.language, workshop.held_on
        form.campaigns.data, form.families.data = workshop.campaign_ids, list(workshop.families)
        form.prompts.data = "\n".join(workshop.prompts)
        form.groups.data, form.dots.data = len(groups_of(db.session, workshop)), workshop.dots_per_participant
        form.threshold_unit.data = workshop.threshold_unit
    _form_choices(form, project, form.language.data or workshop.language)
    if form.validate_on_submit():
        chosen = _settings(form)
        db.begin_write()
        workshop = _workshop(workshop_id)
        db.session.refresh(workshop, with_for_update=True)  # not while the phase moves
        try:
            configure_workshop(db.session, workshop, chosen)
        except (Invalid, WrongPhase, NotFound) as exc:
            db.session.rollback()
            _abort_for(exc)
            _form_error(form, exc)
        else:
            db.session.commit()
            flash(_("The settings were saved."))
            return redirect(url_for("staff_workshops.workshop", workshop_id=workshop.id), code=303)
    return render_template("workshop/staff_form.html", project=project, form=form, workshop=workshop,
                           prompt_hint=default_prompts(workshop.language)), 422 if form.errors else 200


# -- running it ---------------------------------------------------------------------------------
@blueprint.get("/workshops/<int:workshop_id>")
def workshop(workshop_id: int):
    workshop = _workshop(workshop_id)
    counts, total = member_counts(db.session, workshop)
    return render_template(
        "workshop/staff_workshop.html", workshop=workshop, project=db.session.get(Project, workshop.project_id),
        phases=PHASES, next_phase=next_phase(workshop.phase), previous_phase=previous_phase(workshop.phase),
        form=PhaseForm(minutes=GALLERY_MINUTES), action_form=ActionForm(), joined=total,
        seconds_left=seconds_left(workshop.gallery_ends_at, utcnow()) if workshop.phase == "gallery" else None,
        campaigns=campaign_names(db.session, workshop), code=format_join_code(workshop.join_code),
        may_export_texts=_may_export_texts(workshop.project_id),
    )


@blueprint.post("/workshops/<int:workshop_id>/phase/<any(forward, back):direction>")
def phase(workshop_id: int, direction: str):
    workshop = _workshop(workshop_id)
    form = PhaseForm()
    if form.validate_on_submit():
        db.begin_write()
        workshop = _workshop(workshop_id)
        try:
            move_phase(workshop, direction, utcnow(), form.minutes.data)
        except WrongPhase:
            db.session.rollback()
            flash(_("The workshop cannot move that way."))
        else:
            db.session.commit()
    else:
        abort(400)
    return redirect(url_for("staff_workshops.workshop", workshop_id=workshop_id), code=303)


@blueprint.post("/workshops/<int:workshop_id>/timer")
def timer(workshop_id: int):
    workshop = _workshop(workshop_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    db.begin_write()
    workshop = _workshop(workshop_id)
    try:
        extend_gallery(workshop, utcnow(), 5)
    except WrongPhase:
        db.session.rollback()
    else:
        db.session.commit()
    return redirect(request.form.get("back") == "room" and url_for("staff_workshops.room", workshop_id=workshop_id)
                    or url_for("staff_workshops.workshop", workshop_id=workshop_id), code=303)


@blueprint.get("/workshops/<int:workshop_id>/room")
def room(workshop_id: int):
    """For the big screen: the join code, a QR code of the join link, how many joined (counts)."""
    workshop = _workshop(workshop_id)
    link = url_for("workshop.join", code=workshop.join_code, _external=True)
    counts, total = member_counts(db.session, workshop)
    return render_template(
        "workshop/staff_room.html", workshop=workshop, link=link, qr=qr_data_uri(link, scale=8),
        code=format_join_code(workshop.join_code), groups=groups_of(db.session, workshop), counts=counts,
        joined=total, action_form=ActionForm(),
        seconds_left=seconds_left(workshop.gallery_ends_at, utcnow()) if workshop.phase == "gallery" else None,
    )


@blueprint.get("/workshops/<int:workshop_id>/state.json")
def state(workshop_id: int):
    workshop = _workshop(workshop_id)
    response = jsonify({"phase": workshop.phase, "stamp": stamp(db.session, workshop),
                        "seconds_left": seconds_left(workshop.gallery_ends_at, utcnow())})
    response.headers["Cache-Control"] = "no-store"
    return response


@blueprint.get("/workshops/<int:workshop_id>/present")
def present(workshop_id: int):
    """The findings deck, theme by theme, for the big screen (surveyapp.workshop.deck)."""
    workshop = _workshop(workshop_id)
    from . import deck as decks

    order = list(getattr(decks, "CODED_FAMILIES", workshop.families))
    families = sorted(workshop.families, key=lambda f: order.index(f) if f in order else len(order))
    deck = decks.build_deck(workshop.campaign_ids, language=workshop.language, families=families or None)
    return render_template("workshop/deck.html", deck=deck, workshop=workshop)


@blueprint.get("/workshops/<int:workshop_id>/outputs")
def outputs(workshop_id: int):
    workshop = _workshop(workshop_id)
    return render_template("workshop/staff_outputs.html", workshop=workshop,
                           outputs=gallery.outputs(db.session, workshop, summary_heading=_("Summary")))


# -- proposals and results ----------------------------------------------------------------------
def _merge_form(workshop: Workshop) -> MergeForm:
    form = MergeForm()
    choices = [(p.id, p.text[:80]) for p in voting.active_proposals(db.session, workshop)]
    form.source.choices = form.target.choices = choices
    return form


@blueprint.route("/workshops/<int:workshop_id>/proposals", methods=["GET", "POST"])
def proposals(workshop_id: int):
    workshop = _workshop(workshop_id)
    form = ProposalForm()
    error = None
    if form.validate_on_submit():
        keys = request.form.getlist("candidate")
        db.begin_write()
        workshop = _workshop(workshop_id)
        try:
            made = voting.add_from_candidates(db.session, workshop, keys)
            if (form.text.data or "").strip():
                made.append(voting.add_proposal(db.session, workshop, form.text.data))
        except (Invalid, NotFound) as exc:
            db.session.rollback()
            _abort_for(exc)
            error = exc.reason
        else:
            db.session.commit()
            flash(_("Proposals added: %(num)s.", num=len(made)))
            return redirect(url_for("staff_workshops.proposals", workshop_id=workshop_id), code=303)
    existing = {p.text for p in voting.active_proposals(db.session, workshop)}
    return render_template(
        "workshop/staff_proposals.html", workshop=workshop, form=form, merge_form=_merge_form(workshop),
        candidates=[c for c in voting.candidates(db.session, workshop) if c.text not in existing],
        proposals=voting.results(db.session, workshop), error=error,
    ), 422 if error or form.errors else 200


@blueprint.post("/workshops/<int:workshop_id>/proposals/merge")
def merge(workshop_id: int):
    workshop = _workshop(workshop_id)
    form = _merge_form(workshop)
    if not form.validate_on_submit():
        if form.csrf_token.errors:
            abort(400)
        abort(404)  # an id that is not one of this workshop's proposals
    db.begin_write()
    workshop = _workshop(workshop_id)
    try:
        voting.merge_proposals(db.session, workshop, form.source.data, form.target.data)
    except (Invalid, NotFound) as exc:
        db.session.rollback()
        _abort_for(exc)
        flash(_("Choose two different proposals."))
    else:
        db.session.commit()
        flash(_("The proposals were merged; the dots moved with them."))
    return redirect(url_for("staff_workshops.proposals", workshop_id=workshop_id), code=303)


@blueprint.get("/workshops/<int:workshop_id>/results")
def results(workshop_id: int):
    workshop = _workshop(workshop_id)
    counts, total = member_counts(db.session, workshop)
    return render_template("workshop/staff_results.html", workshop=workshop,
                           ranked=voting.results(db.session, workshop), voters=voting.voters(db.session, workshop),
                           joined=total)


