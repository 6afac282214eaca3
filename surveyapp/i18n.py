"""Languages: which one a request is answered in, names, direction, catalog compilation."""
from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import yaml
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import current_app, g, request, session
from werkzeug.datastructures import LanguageAccept

from .questionnaire.translations import language_sort_key

INTERFACE_LANGUAGES = ("fi", "sv", "en")

# each language named in itself, as a respondent looks for it
LANGUAGE_NAMES = {
    "fi": "Suomi",
    "sv": "Svenska",
    "en": "English",
    "ar": "العربية",
    "uk": "Українська",
    "ru": "Русский",
    "so": "Soomaali",
    "et": "Eesti",
    "fa": "فارسی",
}
RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "ur"})
SESSION_KEY = "lang"


def text_direction(language: str) -> str:
    return "rtl" if language in RIGHT_TO_LEFT else "ltr"


def choose_language(
    allowed: Sequence[str],
    *,
    explicit: str | None,
    default: str | None,
    accept: LanguageAccept | None,
    fallback: str = "fi",
) -> str:
    """The respondent's explicit choice, then the default, then Accept-Language, then ``fallback``."""
    if explicit in allowed:
        return explicit  # type: ignore[return-value]
    if default in allowed:
        return default  # type: ignore[return-value]
    if accept is not None:
        for value, _quality in accept:  # best quality first
            tag = value.lower().replace("_", "-")
            primary = tag.split("-")[0]  # "sv-FI" is Swedish when only "sv" is offered
            for candidate in (tag, primary):
                if candidate in allowed:
                    return candidate
    if fallback in allowed or not allowed:
        return fallback
    return allowed[0]


def remember_language_choice() -> None:
    """``?lang=xx`` outside a campaign (staff and public pages): the interface language."""
    language = request.args.get("lang")
    if request.blueprint != "survey" and language in INTERFACE_LANGUAGES:
        g.explicit_language = language
        session[SESSION_KEY] = language


def select_locale() -> str:
    """Flask-Babel's locale selector: the campaign's languages when answering a campaign,
    the workshop's language on a workshop participant's pages."""
    workshop_language = g.get("workshop_language")
    if workshop_language in INTERFACE_LANGUAGES:
        return workshop_language
    campaign = g.get("campaign")
    if campaign is not None:
        allowed: Sequence[str] = campaign.languages
        default = campaign.default_language
    else:
        allowed = INTERFACE_LANGUAGES
        default = None
    return choose_language(
        allowed,
        explicit=g.get("explicit_language") or session.get(SESSION_KEY),
        default=default,
        accept=request.accept_languages if request else None,
        fallback=current_app.config["DEFAULT_LANGUAGE"],
    )


def compile_catalogs(source: str | Path, target: str | Path) -> list[Path]:
    """Compile every ``.po`` in ``source`` whose ``.mo`` in ``target`` is missing or older.

    The target lives in the instance folder, so the source tree may be read-only. Each file
    is written under a temporary name and renamed: safe with several workers starting at once.
    """
    compiled = []
    for po_path in sorted(Path(source).glob("*/LC_MESSAGES/*.po")):
        relative = po_path.relative_to(source).with_suffix(".mo")
        mo_path = Path(target) / relative
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=po_path.parent.parent.name)
        temporary = mo_path.with_name(f".{mo_path.name}.{os.getpid()}")
        with temporary.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        os.replace(temporary, mo_path)
        compiled.append(mo_path)
    return compiled


def catalog_is_complete(po_path: Path) -> bool:
    """Every message translated (every plural form too) and none fuzzy."""
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=po_path.parent.parent.name)
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            return False
    return True


def interface_languages(directory: str | Path) -> list[str]:
    """Languages whose interface catalog is complete: only these can be offered to respondents."""
    found = [
        po.parent.parent.name
        for po in sorted(Path(directory).glob("*/LC_MESSAGES/messages.po"))
        if catalog_is_complete(po)
    ]
    return sorted(found, key=language_sort_key)


def interface_review_status(directory: str | Path) -> dict[str, str]:
    """Per language: ``source`` (English), ``reviewed`` by a native speaker, or ``draft``."""
    path = Path(directory) / "status.yaml"
    if not path.exists():
        return {}
    return {str(k): str(v) for k, v in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items()}
