"""Texts a workshop starts with, in the workshop's language (through gettext, staff catalog)."""
from __future__ import annotations

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from analysis.codebook import available_codebooks, load_codebook

# the seed's group work on developing cooperation (shared/seeds/001_*)
DEFAULT_PROMPTS = (
    _l("What kind of cooperation has there been?"),
    _l("What are the challenges in cooperation?"),
    _l("What should change?"),
)
BARRIER_FAMILY = "barriers_to_cooperation"


def default_prompts(language: str) -> list[str]:
    with force_locale(language):
        return [str(prompt) for prompt in DEFAULT_PROMPTS]


def family_choices(language: str) -> list[tuple[str, str]]:
    """The theme families (analysis codebooks) a presentation can show, named in ``language``."""
    choices = []
    for family in available_codebooks():
        label = load_codebook(family).label
        choices.append((family, label.get(language) or label.get("en") or family))
    return choices


def barrier_labels(language: str) -> list[str]:
    """The barriers to cooperation the surveys code, as a starting list for the canvas."""
    if BARRIER_FAMILY not in available_codebooks():
        return []
    return [t.label.get(language) or t.label.get("en") or t.id for t in load_codebook(BARRIER_FAMILY).themes]
