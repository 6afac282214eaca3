"""Participants' pages at /w/: join with the code, pick a group and a role, write notes, walk
the gallery, vote. No accounts: the session holds a secret token per workshop. Every page works
without JavaScript (a refresh shows the latest state); live.js autosaves and refreshes.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, abort, current_app, g, jsonify, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address

from analysis.screening import mask

from ..extensions import db, limiter
from ..models import Workshop, utcnow
from . import gallery, notes, participants, voting
from .errors import Forbidden, Invalid, NotFound, WorkshopError, WrongPhase
from .live import stamp
from .phases import allows, seconds_left
from .workshops import find_by_code, format_join_code, groups_of, normalise_join_code

blueprint = Blueprint("workshop", __name__, url_prefix="/w")
SESSION_TOKENS = "workshops"
MAX_DOTS_FIELD = 99


JOIN_KEY = "workshop_join_key"


def _join_limit() -> str:
    return current_app.config["WORKSHOP_JOIN_RATE_LIMIT"]


def _join_address_limit() -> str:
    return current_app.config["WORKSHOP_JOIN_ADDRESS_RATE_LIMIT"]


def _join_browser() -> str:
    """The client address and a random key kept in this browser's session: a room shares one
    address (the school's wifi), so one phone guessing codes must not stop the others joining."""
    key = session.get(JOIN_KEY)
    if not isinstance(key, str) or not key:
        key = secrets.token_urlsafe(12)
        session[JOIN_KEY] = key
    return f"{get_remote_address()}/{key}"


def _join_failed(_response) -> bool:
    """Only a wrong or malformed code counts (not a right one, nor a closed workshop's)."""
    return bool(g.get("join_failed"))


@blueprint.url_value_preprocessor
def load_workshop(_endpoint: str | None, values: dict[str, Any] | None) -> None:
    workshop_id = (values or {}).get("workshop_id")
    if workshop_id is None:
        return
    workshop = db.session.get(Workshop, workshop_id)
    if workshop is None:
        abort(404)
    g.workshop = workshop
    g.workshop_language = workshop.language  # the room's language, not the browser's


@blueprint.context_processor
def inject() -> dict:
    return {"workshop": g.get("workshop"), "participant": g.get("participant")}


def _participant(workshop: Workshop):
    token = session.get(SESSION_TOKENS, {}).get(str(workshop.id))
    participant = participants.find_participant(db.session, workshop.id, token)
    if participant is None:
        abort(403)  # not joined in this browser (or an id changed by hand)
    g.participant = participant
    return participant


def _refuse(error: WorkshopError):
    if isinstance(error, (NotFound, Forbidden)):
        abort(error.status)
    return None


def _json_wanted() -> bool:
    return request.accept_mimetypes.best == "application/json"


def _group_name(workshop: Workshop, participant) -> str | None:
    for group in groups_of(db.session, workshop):
        if group.id == participant.group_id:
            return group.name
    return None


# -- joining ------------------------------------------------------------------------------------
@blueprint.route("/", methods=["GET", "POST"])
@limiter.limit(_join_limit, key_func=_join_browser, methods=["POST"], deduct_when=_join_failed)
@limiter.limit(_join_address_limit, methods=["POST"], deduct_when=_join_failed)
def join():
    """The join form. Only wrong codes count towards the rate limits (a whole room joins at once):
    per browser session, and a much higher ceiling per client address. A session over its limit
    is refused (429) before the code is looked up, right or wrong."""
    error = None
    typed = request.args.get("code", "")[:20]
    if request.method == "POST":
        typed = request.form.get("code", "")[:20]
        code = normalise_join_code(typed)
        workshop = find_by_code(db.session, code) if code else None
        if workshop is not None and workshop.phase == "closed":
            g.workshop_language = workshop.language
            return render_template("workshop/closed.html", workshop=workshop), 410
        if workshop is not None:
            tokens = dict(session.get(SESSION_TOKENS, {}))
            if participants.find_participant(db.session, workshop.id, tokens.get(str(workshop.id))) is None:
                db.begin_write()
                _participant_row, token = participants.join(
                    db.session, workshop, request.form.get("display_name", "")[:participants.MAX_NAME]
                )
                db.session.commit()
                tokens[str(workshop.id)] = token
                session[SESSION_TOKENS] = tokens
                session.permanent = True  # a phone that sleeps and wakes keeps its place
            return redirect(url_for("workshop.hub", workshop_id=workshop.id), code=303)
        error = "not_found" if code else "malformed"
        g.join_failed = True
    return render_template("workshop/join.html", error=error, typed=typed), 422 if error else 200


@blueprint.get("/<int:workshop_id>/")
def hub(workshop_id: int):
    """Where the participant should be in the present phase."""
    workshop = g.workshop
    participant = _participant(workshop)
    phase = workshop.phase
    if phase == "closed":
        return redirect(url_for("workshop.results", workshop_id=workshop_id))
    if participant.group_id is None:
        return redirect(url_for("workshop.choose", workshop_id=workshop_id))
    target = {"draft": "waiting", "present": "waiting", "discuss": "notes_page", "gallery": "gallery_page",
              "summaries": "summary" if participant.role == "chair" else "gallery_page", "vote": "vote"}[phase]
    return redirect(url_for(f"workshop.{target}", workshop_id=workshop_id))


@blueprint.route("/<int:workshop_id>/group", methods=["GET", "POST"])
def choose(workshop_id: int):
    workshop = g.workshop
    participant = _participant(workshop)
    error = None
    if request.method == "POST":
        group_id = request.form.get("group", "")
        role = request.form.get("role", "none")
        if not group_id.isdigit():
            error = "group"
        else:
            db.begin_write()
            participant = _participant(workshop)
            try:
                participants.choose(db.session, workshop, participant, int(group_id), role)
            except (NotFound, Forbidden) as exc:
                db.session.rollback()
                _refuse(exc)
            except WrongPhase:
                db.session.rollback()
                error = "phase"
            except Invalid as exc:
                db.session.rollback()
                error = exc.reason
            else:
                db.session.commit()
                return redirect(url_for("workshop.hub", workshop_id=workshop_id), code=303)
    return render_template(
        "workshop/choose.html", groups=groups_of(db.session, workshop), error=error,
        taken=participants.roles_taken(db.session, workshop),
        may_change=participants.can_change_group(workshop, participant),
    ), 422 if error else 200


@blueprint.get("/<int:workshop_id>/waiting")
def waiting(workshop_id: int):
    workshop = g.workshop
    participant = _participant(workshop)
    return render_template("workshop/waiting.html", group_name=_group_name(workshop, participant),
                           may_change=participants.can_change_group(workshop, participant))


# -- notes --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Shown:
    """A note or summary as a participant sees it: the writers see the text they edit, everyone
    else in the group sees it screened for personal data (``analysis.screening.mask``)."""

    text: str
    version: int
    prompt_index: int | None = None


def _shown(row, raw: bool) -> Shown:
    return Shown(row.text if raw else mask(row.text), row.version, getattr(row, "prompt_index", None))


def _shown_notes(workshop, participant) -> list[Shown]:
    if participant.group_id is None:
        return []
    raw = participants.may_write_notes(participant)
    return [_shown(n, raw) for n in notes.group_notes(db.session, participant.group_id, len(workshop.prompts))]


def _shown_summary(participant) -> Shown | None:
    summary = notes.summary_of(db.session, participant.group_id) if participant.group_id else None
    return _shown(summary, participants.may_write_summary(participant)) if summary else None


def _notes_page(workshop, participant, *, typed: dict[int, str] | None = None, status: int = 200,
                message: str | None = None, merged: bool = False):
    rows = _shown_notes(workshop, participant)
    return render_template(
        "workshop/notes.html", notes=rows, typed=typed or {}, message=message, merged=merged,
        group_name=_group_name(workshop, participant),
        may_write=participants.may_write_notes(participant) and allows(workshop.phase, "write_notes"),
        max_length=notes.MAX_NOTE_LENGTH,
    ), status


@blueprint.route("/<int:workshop_id>/notes", methods=["GET", "POST"])
def notes_page(workshop_id: int):
    workshop = g.workshop
    participant = _participant(workshop)
    if participant.group_id is None:
        return redirect(url_for("workshop.choose", workshop_id=workshop_id))
    if request.method == "GET":
        return _notes_page(workshop, participant)
    edits = {}
    for index in range(len(workshop.prompts)):
        if f"text-{index}" not in request.form:
            continue
        version = request.form.get(f"version-{index}", "")
        edits[index] = (int(version) if version.isdigit() else -1,
                        request.form.get(f"base-{index}", ""), request.form.get(f"text-{index}", ""))
    if not edits:
        abort(400)
    db.begin_write()
    participant = _participant(workshop)
    saved = {}
    try:
        for index, (version, base, text) in edits.items():
            if version >= 0 and notes.clean(text) == notes.clean(base):
                continue  # unchanged since the page was loaded: nothing to save
            saved[index] = notes.save_note(db.session, workshop, participant, index, version, base, text)
    except (NotFound, Forbidden) as exc:
        db.session.rollback()
        _refuse(exc)
    except (WrongPhase, Invalid) as exc:
        db.session.rollback()
        if _json_wanted():
            return jsonify({"error": exc.reason}), exc.status
        message = (_("The discussion has ended, so your last changes could not be saved. They are shown below: "
                     "copy them if you need them.") if isinstance(exc, WrongPhase)
                   else _("A note can be at most %(num)s characters long.", num=notes.MAX_NOTE_LENGTH))
        return _notes_page(workshop, participant, typed={i: e[2] for i, e in edits.items()}, status=exc.status,
                           message=message)
    db.session.commit()
    merged = any(s.merged for s in saved.values())
    if _json_wanted():
        current = {n.prompt_index: n for n in _shown_notes(workshop, participant)}
        return jsonify({"notes": {
            str(i): {"text": current[i].text, "version": current[i].version,
                     "merged": saved[i].merged if i in saved else False}
            for i in edits if i in current
        }})
    if merged:
        return _notes_page(workshop, participant, merged=True, message=_(
            "Someone else in your group changed the notes at the same time. Both changes were kept: check the text."))
    return redirect(url_for("workshop.notes_page", workshop_id=workshop_id, saved=1), code=303)


@blueprint.get("/<int:workshop_id>/state.json")
def state(workshop_id: int):
    """For live.js: the phase, a stamp that changes with the content, the group's notes."""
    workshop = g.workshop
    participant = _participant(workshop)
    data: dict[str, Any] = {"phase": workshop.phase, "stamp": stamp(db.session, workshop),
                            "seconds_left": seconds_left(workshop.gallery_ends_at, utcnow())}
    if participant.group_id is not None:
        data["notes"] = {str(n.prompt_index): {"text": n.text, "version": n.version}
                         for n in _shown_notes(workshop, participant)}
        summary = _shown_summary(participant)
        data["summary"] = {"text": summary.text, "version": summary.version} if summary else None
    response = jsonify(data)
    response.headers["Cache-Control"] = "no-store"
    return response


# -- gallery ------------------------------------------------------------------------------------
@blueprint.get("/<int:workshop_id>/gallery")
def gallery_page(workshop_id: int):
    """Every group's work: only from the gallery walk on (during the discussion a group's notes
    are its own)."""
    workshop = g.workshop
    participant = _participant(workshop)
    if not allows(workshop.phase, "read_gallery"):
        return redirect(url_for("workshop.hub", workshop_id=workshop_id))
    return render_template(
        "workshop/gallery.html",
        outputs=gallery.outputs(db.session, workshop, participant.id, summary_heading=_("Summary")),
        may_comment=allows(workshop.phase, "comment"), error=request.args.get("error"),
        seconds_left=seconds_left(workshop.gallery_ends_at, utcnow()) if workshop.phase == "gallery" else None,
        max_comment=gallery.MAX_COMMENT_LENGTH,
    )


def _gallery_action(workshop_id: int, group_id: int, act):
    workshop = g.workshop
    _participant(workshop)
    if not allows(workshop.phase, "read_gallery"):
        return redirect(url_for("workshop.hub", workshop_id=workshop_id), code=303)
    db.begin_write()
    participant = _participant(workshop)
    error = None
    try:
        act(workshop, participant)
    except (NotFound, Forbidden) as exc:
        db.session.rollback()
        _refuse(exc)
    except (WrongPhase, Invalid) as exc:
        db.session.rollback()
        error = exc.reason
    else:
        db.session.commit()
    target = url_for("workshop.gallery_page", workshop_id=workshop_id, error=error, _anchor=f"group-{group_id}")
    return redirect(target, code=303)


@blueprint.post("/<int:workshop_id>/gallery/<int:group_id>/comment")
def comment(workshop_id: int, group_id: int):
    text = request.form.get("text", "")
    return _gallery_action(workshop_id, group_id,
                           lambda w, p: gallery.add_comment(db.session, w, p, group_id, text))


@blueprint.post("/<int:workshop_id>/gallery/<int:group_id>/plus-one")
def plus_one(workshop_id: int, group_id: int):
    target = request.form.get("target", "")[:20]
    return _gallery_action(workshop_id, group_id,
                           lambda w, p: gallery.toggle_plus_one(db.session, w, p, group_id, target))


# -- summary ------------------------------------------------------------------------------------
@blueprint.route("/<int:workshop_id>/summary", methods=["GET", "POST"])
def summary(workshop_id: int):
    workshop = g.workshop
    participant = _participant(workshop)
    if participant.group_id is None:
        return redirect(url_for("workshop.choose", workshop_id=workshop_id))
    message, typed, status, merged = None, None, 200, False
    if request.method == "POST":
        version = request.form.get("version", "")
        db.begin_write()
        participant = _participant(workshop)
        try:
            saved = notes.save_summary(db.session, workshop, participant, int(version) if version.isdigit() else -1,
                                       request.form.get("base", ""), request.form.get("text", ""))
        except (NotFound, Forbidden) as exc:
            db.session.rollback()
            _refuse(exc)
        except (WrongPhase, Invalid) as exc:
            db.session.rollback()
            if _json_wanted():
                return jsonify({"error": exc.reason}), exc.status
            typed, status = request.form.get("text", ""), exc.status
            message = (_("Summaries cannot be written now, so your last changes could not be saved. They are shown "
                         "below: copy them if you need them.") if isinstance(exc, WrongPhase)
                       else _("A note can be at most %(num)s characters long.", num=notes.MAX_NOTE_LENGTH))
        else:
            db.session.commit()
            if _json_wanted():
                return jsonify({"summary": {"text": saved.text, "version": saved.version, "merged": saved.merged}})
            if not saved.merged:
                return redirect(url_for("workshop.summary", workshop_id=workshop_id, saved=1), code=303)
            merged = True
            message = _("Someone else changed the summary at the same time. Both changes were kept: check the text.")
    return render_template(
        "workshop/summary.html", summary=_shown_summary(participant), typed=typed,
        message=message, merged=merged, group_name=_group_name(workshop, participant),
        may_write=participants.may_write_summary(participant) and allows(workshop.phase, "write_summary"),
        max_length=notes.MAX_NOTE_LENGTH,
    ), status


# -- vote ---------------------------------------------------------------------------------------
def _posted_dots(form) -> dict[int, int]:
    dots = {}
    for key, value in form.items():
        if key.startswith("dots-") and key[5:].isdigit():
            value = value.strip() or "0"
            if not value.isdigit() or int(value) > MAX_DOTS_FIELD:
                raise Invalid("number")
            dots[int(key[5:])] = int(value)
    adjust = form.get("adjust", "")
    proposal, _sep, step = adjust.partition(":")
    if proposal.isdigit() and step in ("+1", "-1"):
        dots[int(proposal)] = max(0, dots.get(int(proposal), 0) + int(step))
    return dots


class _ShownProposal:
    """A proposal as participants see it: its text screened again (it was when stored)."""

    def __init__(self, proposal) -> None:
        self._proposal = proposal
        self.text = mask(proposal.text)

    def __getattr__(self, name: str):
        return getattr(self._proposal, name)


@blueprint.route("/<int:workshop_id>/vote", methods=["GET", "POST"])
def vote(workshop_id: int):
    workshop = g.workshop
    participant = _participant(workshop)
    error, status, chosen, notice = None, 200, None, None
    if request.method == "POST":
        try:
            chosen = _posted_dots(request.form)
            db.begin_write()
            participant = _participant(workshop)
            merged = voting.set_votes(db.session, workshop, participant, chosen)
        except (NotFound, Forbidden) as exc:
            db.session.rollback()
            _refuse(exc)
        except (WrongPhase, Invalid) as exc:
            db.session.rollback()
            error, status = exc.reason, exc.status
        else:
            db.session.commit()
            if not merged:
                return redirect(url_for("workshop.vote", workshop_id=workshop_id, saved=1), code=303)
            # the form was loaded before the facilitator merged proposals: the dots were saved on
            # the proposals they were merged into; show them so that the participant can check
            chosen, status = None, 422
            notice = _("Some proposals were merged: check your dots.")
    mine = chosen if chosen is not None else voting.my_votes(db.session, participant)
    return render_template(
        "workshop/vote.html", proposals=[_ShownProposal(p) for p in voting.active_proposals(db.session, workshop)],
        mine=mine, used=sum(mine.values()), error=error, may_vote=allows(workshop.phase, "vote"), notice=notice,
    ), status


@blueprint.get("/<int:workshop_id>/results")
def results(workshop_id: int):
    workshop = g.workshop
    _participant(workshop)
    if workshop.phase != "closed":
        return redirect(url_for("workshop.hub", workshop_id=workshop_id))
    return render_template("workshop/results.html", ranked=voting.results(db.session, workshop),
                           voters=voting.voters(db.session, workshop))


def join_url(workshop: Workshop) -> str:
    return url_for("workshop.join", code=workshop.join_code, _external=True)


def display_code(workshop: Workshop) -> str:
    return format_join_code(workshop.join_code)
