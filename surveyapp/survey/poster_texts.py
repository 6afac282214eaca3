"""What a campaign's printed poster says, in each of the campaign's languages.

These are respondent-facing texts, so they live in the respondent catalog ("messages")
and are translated into every respondent language.
"""
from __future__ import annotations

from collections.abc import Sequence

from flask_babel import force_locale
from flask_babel import gettext as _

from ..posters import PosterTexts


def poster_texts(languages: Sequence[str]) -> dict[str, PosterTexts]:
    texts = {}
    for language in languages:
        with force_locale(language):
            texts[language] = PosterTexts(
                instruction=_("Scan the QR code with your phone camera, or type the address into your browser."),
                anonymity=_("Your answers are anonymous."),
            )
    return texts
