"""Friendly error pages in the respondent's language, with the right status codes."""
from __future__ import annotations

from flask import Flask, Response, g, render_template, request
from flask.globals import request_ctx
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, SecurityError


def _no_url_adapter() -> bool:
    return request_ctx.url_adapter is None


FRIENDLY = {"400", "403", "404", "405", "410", "413", "429", "500"}


def register(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_failed(error: CSRFError):
        # A page posted after the session was lost: show it again with everything typed.
        if request.endpoint == "survey.page" and g.get("campaign") is not None:
            from .survey.views import render_page_again, require_open_campaign

            closed = require_open_campaign()
            if closed is not None:
                return closed
            rendered = render_page_again(request.view_args.get("page_id", ""), request.form)
            if rendered is not None:
                return rendered
        return render_template("errors/error.html", status=400, kind="csrf"), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        status = error.code or 500
        if isinstance(error, SecurityError) or request.url_rule is None and _no_url_adapter():
            # e.g. a Host that is not in TRUSTED_HOSTS: no page can be built for it
            return Response(f"{status} {error.name}\n", status=status, mimetype="text/plain")
        kind = str(status) if str(status) in FRIENDLY else "other"
        return render_template("errors/error.html", status=status, kind=kind), status

    @app.errorhandler(500)
    def server_error(_error):
        return render_template("errors/error.html", status=500, kind="500"), 500
