"""The export layout of a questionnaire (docs/export-format.md), read from its YAML without the web app.

The layout itself is ``analysis.layout`` (shared with ``analysis.database_reader``); this adds
what the synthetic data set needs on top: which free-text columns it writes coded texts for.
"""
from __future__ import annotations

from ..layout import LABEL_LANGUAGE, LayoutQuestion
from ..layout import QuestionnaireLayout as _QuestionnaireLayout
from ._data import THEME_FAMILIES


class QuestionnaireLayout(_QuestionnaireLayout):
    """What the export needs of a questionnaire: its questions, options, scales and English texts."""

    def coded_columns(self) -> dict[str, str]:
        """Free-text columns with a theme family this module writes texts for: column → family."""
        columns = {}
        for q in self.questions:
            if q.theme_family not in THEME_FAMILIES:
                continue
            if q.type in ("short_text", "long_text"):
                columns[q.id] = q.theme_family
            elif q.other is not None:
                columns[f"{q.id}.other"] = q.theme_family
        return columns


__all__ = ["LABEL_LANGUAGE", "LayoutQuestion", "QuestionnaireLayout"]
