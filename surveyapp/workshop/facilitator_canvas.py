"""Facilitator pages: the operating-model canvas and the downloads (canvas documents, texts)."""
from __future__ import annotations

import datetime as dt

from flask import Response, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..extensions import db
from ..models import Workshop
from ..staff.campaign_service import audit
from ..staff.forms import ActionForm
from ..staff.permissions import Can
from . import canvas, voting
from .canvas_document import ACTORS
from .canvas_rows import row_input
from .defaults import barrier_labels
from .errors import Invalid, NotFound
from .facilitator_access import _may_export_texts, _project, _workshop, blueprint
from .text_export import export_json
from .workshops import campaign_names, project_workshops


# -- canvas -------------------------------------------------------------------------------------
@blueprint.route("/workshops/<int:workshop_id>/canvas", methods=["GET", "POST"])
def canvas_page(workshop_id: int):
    workshop = _workshop(workshop_id)
    errors: dict[str, str] = {}
    editing = request.args.get("row", type=int)
    if request.method == "POST":
        if not ActionForm().validate_on_submit():
            abort(400)
        row_id = request.form.get("row_id", "")
        db.begin_write()
        workshop = _workshop(workshop_id)
        data, errors = row_input(request.form, workshop.threshold_unit)
        if not errors:
            try:
                row = canvas.row_in(db.session, workshop, int(row_id)) if row_id.isdigit() else None
                if request.form.get("delete") and row is not None:
                    canvas.delete_row(db.session, workshop, row.id)
                else:
                    canvas.save_row(db.session, workshop, data, row)
            except NotFound:
                db.session.rollback()
                abort(404)
            except Invalid as exc:
                db.session.rollback()
                errors["theme" if exc.reason == "theme" else "form"] = exc.reason
            else:
                db.session.commit()
                flash(_("The canvas was saved."))
                return redirect(url_for("staff_workshops.canvas_page", workshop_id=workshop_id), code=303)
        db.session.rollback()
        editing = int(row_id) if row_id.isdigit() else 0
    rows = canvas.rows_of(db.session, workshop)
    return render_template(
        "workshop/staff_canvas.html", workshop=workshop, rows=rows, errors=errors, editing=editing,
        posted=request.form if errors else None, ranked=voting.results(db.session, workshop),
        barriers=barrier_labels(workshop.language), action_form=ActionForm(), actor_codes=ACTORS,
        defaults=[10, 20] if workshop.threshold_unit == "share" else [],
    ), 422 if errors else 200


def _download(content: str | bytes, media_type: str, filename: str) -> Response:
    response = Response(content, mimetype=media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@blueprint.get("/workshops/<int:workshop_id>/canvas.<any(html, pdf, csv, json):fmt>")
def canvas_export(workshop_id: int, fmt: str):
    workshop = _workshop(workshop_id)
    from . import canvas_writers

    document = canvas.build_document(db.session, workshop, campaign_names(db.session, workshop))
    writer = {"html": canvas_writers.canvas_html, "pdf": canvas_writers.canvas_pdf,
              "csv": canvas_writers.canvas_csv, "json": canvas_writers.canvas_json}[fmt]
    media = {"html": "text/html", "pdf": "application/pdf", "csv": "text/csv", "json": "application/json"}[fmt]
    audit(db.session, g.staff_user, "export", None, workshop=workshop.id, format=f"canvas-{fmt}")
    db.session.commit()
    return _download(writer(document), media, f"canvas-{workshop.id}-{dt.date.today():%Y%m%d}.{fmt}")


@blueprint.get("/workshops/<int:workshop_id>/texts.json")
def texts(workshop_id: int):
    """Notes, comments and summaries in the analysis package's input format (export format v1)."""
    workshop = db.session.get(Workshop, workshop_id)
    if workshop is None:
        abort(404)
    _project(workshop.project_id, Can.VIEW)
    if not _may_export_texts(workshop.project_id):
        abort(403)
    content = export_json(db.session, [workshop], current_app.secret_key.encode())
    audit(db.session, g.staff_user, "export", None, workshop=workshop.id, format="texts-json")
    db.session.commit()
    return _download(content, "application/json", f"workshop-{workshop.id}-texts-{dt.date.today():%Y%m%d}.json")


@blueprint.get("/projects/<int:project_id>/workshops/texts.json")
def project_texts(project_id: int):
    """Every workshop of the project in one file, to compare themes across workshops."""
    project, _role = _project(project_id, Can.VIEW)
    if not _may_export_texts(project.id):
        abort(403)
    content = export_json(db.session, project_workshops(db.session, project.id), current_app.secret_key.encode())
    audit(db.session, g.staff_user, "export", None, project=project.id, format="workshop-texts-json")
    db.session.commit()
    return _download(content, "application/json", f"workshops-{project.id}-texts-{dt.date.today():%Y%m%d}.json")
