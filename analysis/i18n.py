"""The analysis package's own texts (chart titles, report headings) in Finnish, Swedish, English.

They are gettext messages of the ``analysis`` domain, in
``translations/<language>/LC_MESSAGES/analysis.po`` beside the web app's catalogs, compiled in
memory the first time a language is asked for (no compiled files to keep in step, no Flask):

    >>> _ = translator("fi").gettext
    >>> _("Other")
    'Muut'

Code marks texts defined at import time with :func:`N_` and translates them where they are used.
An unknown language falls back to English (the source texts).
"""
from __future__ import annotations

import functools
import gettext
import io
from pathlib import Path

__all__ = ["LANGUAGES", "N_", "translator"]

LANGUAGES = ("fi", "sv", "en")
"""The languages charts and reports can be written in."""
DOMAIN = "analysis"
TRANSLATIONS = Path(__file__).resolve().parents[1] / "translations"


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "translate later"
    """Mark ``message`` for extraction without translating it here."""
    return message


@functools.cache
def translator(language: str) -> gettext.NullTranslations:
    """The catalog for ``language`` (``gettext``, ``ngettext``); English for an unknown one."""
    path = TRANSLATIONS / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if language not in LANGUAGES or language == "en" or not path.is_file():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)
