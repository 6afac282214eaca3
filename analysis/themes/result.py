"""What a theme pipeline finds: the themes and each answer's theme, as values to report.

Only screened texts (:attr:`analysis.text.PreparedText.screened`) ever get here: quotes, labels
and terms are built from them, never from the original answers.
"""
from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from ._base import OTHER

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Theme", "ThemeResult"]


@dataclass(frozen=True)
class Theme:
    """One theme: its id (0, 1, ... by size), a short label and what it is made of."""

    id: int
    label: str
    size: int
    size_by_language: Mapping[str, int] = field(default_factory=dict)
    top_terms: tuple[str, ...] = ()
    """Most distinctive lemmas of the theme over all languages (class-based TF-IDF)."""
    top_terms_by_language: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    quotes_by_language: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """The answers closest to the theme's centre, screened, per language."""


@dataclass(frozen=True)
class ThemeResult:
    """Themes found in a set of answers. ``assignments[i]`` is answer i's theme id, -1 = other."""

    assignments: tuple[int, ...]
    languages: tuple[str, ...]
    """The language of each answer, as identified (or given)."""
    texts: tuple[str, ...]
    """Each answer, screened for personal data."""
    themes: tuple[Theme, ...]
    n_themes: int
    silhouette: float
    stability: float
    """Mean adjusted Rand index between KMeans runs from different seeds (1 = always the same)."""
    scores: tuple[Mapping[str, float], ...] = ()
    """One row per number of themes tried: k, silhouette, stability, score."""

    @property
    def other_size(self) -> int:
        return sum(1 for theme in self.assignments if theme == OTHER)

    def theme(self, theme_id: int) -> Theme:
        return next(theme for theme in self.themes if theme.id == theme_id)

    def to_frame(self) -> pd.DataFrame:
        """One row per theme (and one for "other" if any), sizes per language, terms, quotes."""
        import pandas as pd

        languages = sorted(set(self.languages))
        rows = []
        for theme in self.themes:
            row = {"theme": theme.id, "label": theme.label, "size": theme.size,
                   "top_terms": ", ".join(theme.top_terms)}
            for language in languages:
                row[f"size_{language}"] = theme.size_by_language.get(language, 0)
                terms = theme.top_terms_by_language.get(language, ())
                row[f"top_terms_{language}"] = ", ".join(terms)
                row[f"quotes_{language}"] = " | ".join(theme.quotes_by_language.get(language, ()))
            rows.append(row)
        if self.other_size:
            counts = Counter(language for theme, language in zip(self.assignments, self.languages)
                             if theme == OTHER)
            row = {"theme": OTHER, "label": "other", "size": self.other_size, "top_terms": ""}
            for language in languages:
                row.update({f"size_{language}": counts.get(language, 0),
                            f"top_terms_{language}": "", f"quotes_{language}": ""})
            rows.append(row)
        return pd.DataFrame(rows)

    def answers_frame(self) -> pd.DataFrame:
        """One row per answer: its theme, the theme's label, its language and screened text."""
        import pandas as pd

        labels = {theme.id: theme.label for theme in self.themes} | {OTHER: "other"}
        return pd.DataFrame({"theme": list(self.assignments),
                             "label": [labels[theme] for theme in self.assignments],
                             "language": list(self.languages), "text": list(self.texts)})

    def to_dict(self, *, answers: bool = True) -> dict:
        data = {
            "n_themes": self.n_themes,
            "silhouette": _number(self.silhouette),
            "stability": _number(self.stability),
            "other_size": self.other_size,
            "scores": [{key: _number(value) for key, value in row.items()} for row in self.scores],
            "themes": [_plain(asdict(theme)) for theme in self.themes],
        }
        if answers:
            data["answers"] = [{"theme": theme, "language": language, "text": text}
                               for theme, language, text
                               in zip(self.assignments, self.languages, self.texts)]
        return data

    def to_json(self, *, answers: bool = True, indent: int | None = None) -> str:
        """The result as JSON (UTF-8 text, not ASCII-escaped); NaN becomes null."""
        return json.dumps(self.to_dict(answers=answers), ensure_ascii=False, indent=indent)


def _number(value: float | int) -> float | int | None:
    if isinstance(value, int):
        return value
    value = float(value)
    return None if math.isnan(value) else round(value, 6)


def _plain(value):
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value
