"""Template helpers: questionnaire texts in the page's language, field ids, paragraphs."""
from __future__ import annotations

from collections.abc import Mapping

from flask import Flask, g
from flask_babel import format_date, format_datetime, format_decimal, get_locale
from markupsafe import Markup, escape

from .codes import format_code
from .i18n import LANGUAGE_NAMES, text_direction


def pick_text(text: Mapping[str, str] | None, language: str) -> str:
    """The text in ``language``; campaigns only offer complete languages, but never fail."""
    if not text:
        return ""
    for candidate in (language, "en", "fi"):
        if candidate in text:
            return text[candidate]
    return next(iter(text.values()))


def field_id(key: str) -> str:
    return "f-" + key.replace(".", "--")


def paragraphs(text: str) -> Markup:
    """Plain text with blank lines as paragraph breaks, escaped."""
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]
    return Markup("".join(f"<p>{escape(block)}</p>" for block in blocks))


def register(app: Flask) -> None:
    def current_language() -> str:
        return str(get_locale())

    def t(text: Mapping[str, str] | None) -> str:
        return pick_text(text, current_language())

    @app.context_processor
    def inject() -> dict:
        language = current_language()
        return {
            "lang": language,
            "dir": text_direction(language),
            "campaign": g.get("campaign"),
            "questionnaire": g.get("questionnaire"),
        }

    app.jinja_env.globals.update(
        t=t,
        field_id=field_id,
        language_name=lambda code: LANGUAGE_NAMES.get(code, code),
        text_direction=text_direction,
        format_date=format_date,
        format_decimal=format_decimal,
        format_datetime=format_datetime,
    )
    app.jinja_env.filters["paragraphs"] = paragraphs
    app.jinja_env.filters["code"] = format_code
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
