"""Security headers (flask-talisman), rate limits (Flask-Limiter) and staff logins (Flask-Login)."""
from __future__ import annotations

from flask import Flask

from .extensions import limiter, login_manager, talisman

CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": ["'self'", "data:"],
    "font-src": "'self'",
    "connect-src": "'self'",
    "form-action": "'self'",
    "base-uri": "'none'",
    "object-src": "'none'",
    "frame-ancestors": "'none'",
}


def configure_security(app: Flask) -> None:
    talisman.init_app(
        app,
        force_https=app.config["FORCE_HTTPS"],
        strict_transport_security=app.config["FORCE_HTTPS"],
        session_cookie_secure=app.config["SESSION_COOKIE_SECURE"],
        session_cookie_http_only=True,
        content_security_policy=CONTENT_SECURITY_POLICY,
        frame_options="DENY",
        referrer_policy="same-origin",
        permissions_policy={"geolocation": "()", "camera": "()", "microphone": "()"},
    )
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "staff_auth.login"
    login_manager.session_protection = "strong"
