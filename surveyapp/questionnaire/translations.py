"""Which texts of a questionnaire exist in which language."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .yaml_source import Path

REQUIRED_LANGUAGES = ("fi", "sv", "en")
"""Every text of every questionnaire is given at least in these."""

# the order in which languages are offered and listed
SUPPORTED_ORDER = ("fi", "sv", "en", "ar", "uk", "ru", "so", "et", "fa")


def language_sort_key(code: str) -> tuple[int, str]:
    return (SUPPORTED_ORDER.index(code) if code in SUPPORTED_ORDER else len(SUPPORTED_ORDER), code)


@dataclass
class TextCollector:
    """Collects every text of a questionnaire with its path while it is built."""

    texts: list[tuple[Path, Mapping[str, str]]] = field(default_factory=list)

    def add(self, path: Path, text: Mapping[str, str]) -> None:
        self.texts.append((path, text))

    def languages(self) -> list[str]:
        found = {language for _, text in self.texts for language in text}
        return sorted(found, key=language_sort_key)

    def missing(self, language: str) -> list[Path]:
        return [path for path, text in self.texts if language not in text]

    def complete_languages(self) -> list[str]:
        return [language for language in self.languages() if not self.missing(language)]

