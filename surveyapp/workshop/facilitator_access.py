"""The facilitator pages' blueprint and who may see what: a workshop of a project the user has
no role in answers 404; a role without the permission, 403."""
from __future__ import annotations

from flask import Blueprint, abort, g
from flask_login import login_required

from ..extensions import db
from ..models import Project, Workshop
from ..staff.accounts import role_in
from ..staff.auth_views import enforce_idle_timeout
from ..staff.permissions import Can, allowed
from .errors import NotFound, WorkshopError

blueprint = Blueprint("staff_workshops", __name__, url_prefix="/staff")
blueprint.before_request(enforce_idle_timeout)


@blueprint.before_request
@login_required
def require_login():
    return None


def _project(project_id: int, action: Can = Can.RUN_WORKSHOP) -> tuple[Project, str]:
    project = db.session.get(Project, project_id)
    role = role_in(g.staff_user, project_id) if project else None
    if project is None or role is None:
        abort(404)
    if not allowed(role, action):
        abort(403)
    return project, role


def _workshop(workshop_id: int, action: Can = Can.RUN_WORKSHOP) -> Workshop:
    """The workshop if the user may run workshops in its project; other projects' ids: 404."""
    workshop = db.session.get(Workshop, workshop_id)
    if workshop is None:
        abort(404)
    _project(workshop.project_id, action)
    return workshop


def _may_export_texts(project_id: int) -> bool:
    role = role_in(g.staff_user, project_id)
    return allowed(role, Can.RUN_WORKSHOP) or allowed(role, Can.EXPORT)


def _abort_for(error: WorkshopError) -> None:
    if isinstance(error, NotFound):
        abort(404)


