"""Staff sign-in: password, then a TOTP code where the deployment requires one."""
from __future__ import annotations

import time

from flask import Blueprint, current_app, flash, g, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from ..extensions import db, limiter, login_manager
from ..i18n import SESSION_KEY
from ..models import User
from .accounts import authenticate, needs_second_factor, new_totp, totp_ok, totp_uri
from .forms import LoginForm, TotpForm
from .qr import qr_data_uri

blueprint = Blueprint("staff_auth", __name__, url_prefix="/staff")

PENDING = "staff_pending_user"
PENDING_SECRET = "staff_pending_totp"
SEEN = "staff_seen"


class SignedIn:
    """What Flask-Login keeps for a signed-in member of staff."""

    is_authenticated = True
    is_active = True
    is_anonymous = False

    def __init__(self, user: User):
        self.user = user

    def get_id(self) -> str:
        return str(self.user.id)


@login_manager.user_loader
def load_user(user_id: str) -> SignedIn | None:
    user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
    return SignedIn(user) if user is not None and user.active else None


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _finish(user: User):
    language = session.get(SESSION_KEY)
    session.clear()  # nothing from before the sign-in survives it (but the language chosen)
    if language:
        session[SESSION_KEY] = language
    login_user(SignedIn(user))
    session[SEEN] = time.time()
    db.session.commit()  # a rehashed password, if argon2's parameters changed
    return redirect(url_for("staff.index"))


@blueprint.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("staff.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(db.session, form.email.data, form.password.data)
        if user is None:
            form.password.errors.append(_("The e-mail address or the password is wrong."))
        elif user.totp_secret:
            session[PENDING] = user.id
            return redirect(url_for("staff_auth.second_factor"))
        elif needs_second_factor(user, set(current_app.config["TOTP_REQUIRED_FOR"])):
            session[PENDING] = user.id
            return redirect(url_for("staff_auth.set_up_second_factor"))
        else:
            return _finish(user)
    return render_template("staff/login.html", form=form), 200 if not form.errors else 422


def _pending_user() -> User | None:
    user_id = session.get(PENDING)
    return db.session.get(User, user_id) if user_id else None


@blueprint.route("/login/code", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def second_factor():
    user = _pending_user()
    if user is None or not user.totp_secret:
        return redirect(url_for("staff_auth.login"))
    form = TotpForm()
    if form.validate_on_submit():
        if totp_ok(user.totp_secret, form.code.data):
            return _finish(user)
        form.code.errors.append(_("The code is wrong or has expired. Try the current code."))
    return render_template("staff/second_factor.html", form=form), 200 if not form.errors else 422


@blueprint.route("/login/set-up-code", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def set_up_second_factor():
    user = _pending_user()
    if user is None:
        return redirect(url_for("staff_auth.login"))
    if PENDING_SECRET not in session:
        session[PENDING_SECRET] = new_totp(user).secret
    secret = session[PENDING_SECRET]
    form = TotpForm()
    if form.validate_on_submit():
        if totp_ok(secret, form.code.data):
            user.totp_secret = secret
            return _finish(user)
        form.code.errors.append(_("The code is wrong or has expired. Try the current code."))
    uri = totp_uri(secret, user.email)
    return render_template(
        "staff/set_up_second_factor.html", form=form, secret=secret, qr=qr_data_uri(uri)
    ), 200 if not form.errors else 422


@blueprint.post("/logout")
def logout():
    logout_user()
    session.clear()
    flash(_("You have signed out."))
    return redirect(url_for("staff_auth.login"))


def enforce_idle_timeout():
    """Before every staff request: end a session that has been idle too long."""
    if not current_user.is_authenticated:
        return None
    now = time.time()
    idle = current_app.config["STAFF_IDLE_MINUTES"] * 60
    seen = session.get(SEEN, 0)
    if now - seen > idle:
        logout_user()
        session.clear()
        flash(_("You were signed out after a time without activity. Please sign in again."))
        return redirect(url_for("staff_auth.login"))
    session[SEEN] = now
    g.staff_user = current_user.user
    return None
