"""SYNTHETIC survey data for tests, demonstrations and notebooks: invented, never real responses.

``generate(seed)`` answers the three shipped questionnaires (guardians, pupils, staff) with
invented respondents in three invented areas, in the export's own layout (docs/export-format.md):

    >>> data = generate(seed=2025)                       # 300 guardians, 300 pupils, 150 staff
    >>> data["staff"].data                               # as analysis.export_reader would read it
    >>> data["staff"].labels["what_hinders__true_themes"]  # the themes each text was written from

The answers are correlated the way real ones tend to be (absence with grade, reasons with
absence, Likert answers with role and area, free texts with the Likert answers), so that
cross-tabulations, opinion groups and theme coding have something to find. Free texts about
reasons for absence and barriers to cooperation are composed from phrase templates per theme and
language (Finnish mostly, some Swedish and English), sometimes with two themes, sometimes short,
off-topic, misspelt or carrying a planted phone number or e-mail address, and their true themes
are recorded, so the set doubles as a labelled test set for ``analysis.codebook``. Free texts of
other theme families (what would help, what helps, proposals) are left unanswered.
The templates and the codebooks' seed terms were written by the same people, so a coder's
agreement with these labels is an optimistic upper bound, not a measure for real answers.

Everything is marked: the project and campaign names start with ``SYNTHETIC``, response ids
with ``syn-``, every object has ``synthetic = True`` and ``notice``, and the data frames carry
``attrs["synthetic"]``. The generator is deterministic for a seed. ``scripts/make_synthetic_data.py``
writes the same data as real export files with the web app's exporter.

The package is logic only; its words (phrase templates, names, areas and schools) are in
``analysis/data/synthetic/*.yaml``, read once when first needed:

- ``generator``: ``generate``, one campaign per questionnaire and area;
- ``responses``: the respondents of each questionnaire, with ``distributions`` (the numbers that
  shape their answers), ``sampling`` (random choices) and ``writing`` (their free texts);
- ``dataset``: the data set's objects and the export document; ``layout``: the export's columns.
"""
from __future__ import annotations

from typing import Any

from ._data import PHRASE_LANGUAGES
from .dataset import (
    CAMPAIGN_START,
    PERSONAL_DATA_SUFFIX,
    PROJECT_NAME,
    QUESTIONNAIRE_VERSION,
    SYNTHETIC_NOTICE,
    THEME_SEPARATOR,
    TRUE_THEMES_SUFFIX,
    SyntheticCampaign,
    SyntheticDataSet,
    SyntheticResponse,
    SyntheticSurvey,
    export_document,
)
from .generator import DEFAULT_SEED, DEFAULT_SIZES, QUESTIONNAIRES_DIR, generate
from .layout import LABEL_LANGUAGE, LayoutQuestion, QuestionnaireLayout

__all__ = [
    "CAMPAIGN_START",
    "DEFAULT_SEED",
    "DEFAULT_SIZES",
    "LABEL_LANGUAGE",
    "PERSONAL_DATA_SUFFIX",
    "PHRASE_LANGUAGES",
    "PROJECT_NAME",
    "QUESTIONNAIRES_DIR",
    "QUESTIONNAIRE_VERSION",
    "SYNTHETIC_NOTICE",
    "THEMES",
    "THEME_SEPARATOR",
    "TRUE_THEMES_SUFFIX",
    "LayoutQuestion",
    "QuestionnaireLayout",
    "SyntheticCampaign",
    "SyntheticDataSet",
    "SyntheticResponse",
    "SyntheticSurvey",
    "export_document",
    "generate",
]

_LAZY = {
    "THEMES": "themes",    # theme family → the themes the generator writes about (the codebooks' ids)
    "PHRASES": "phrases",  # theme family → theme → language → phrase templates
    "AREAS": "areas",      # the invented areas
}


def __getattr__(name: str) -> Any:
    """``THEMES``, ``PHRASES`` and ``AREAS``, read from the data files on first use."""
    if name in _LAZY:
        from . import _data

        return getattr(_data, _LAZY[name])()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
