from __future__ import annotations

from flask import Blueprint, render_template
from sqlalchemy import text

from ..extensions import db

blueprint = Blueprint("public", __name__)


@blueprint.get("/")
def index():
    return render_template("public/index.html")


@blueprint.get("/healthz")
def health():
    """For load balancers and the load benchmark: answers once the database answers."""
    db.session.execute(text("SELECT 1"))
    return {"status": "ok"}
