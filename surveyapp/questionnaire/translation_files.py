"""Translations of questionnaire texts kept beside the questionnaire, as gettext catalogs.

The YAML file holds the languages it is written in (at least fi, sv and en). Further
languages live in ``<questionnaire dir>/i18n/<questionnaire id>/<language>.po``: each entry's
context is the text's stable key, its msgid the source text the translator saw, its msgstr
the translation. When the source text changes, the msgid no longer matches and the
translation is *stale*: it is not used, and the validator says so. ``status.yaml`` in the
same folder records, per language, the source language and whether a native speaker has
reviewed the translation (``reviewed``) or not (``draft``, the default).
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from babel.core import UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

REVIEW_STATUSES = ("reviewed", "draft")
DEFAULT_SOURCE_LANGUAGE = "en"
STATUS_FILE = "status.yaml"


@dataclass(frozen=True)
class Entry:
    source: str
    translation: str
    fuzzy: bool = False


@dataclass
class TranslationCatalog:
    language: str
    source_language: str = DEFAULT_SOURCE_LANGUAGE
    review_status: str = "draft"
    entries: dict[str, Entry] = field(default_factory=dict)


def catalog_folder(questionnaire_file: Path, questionnaire_id: str) -> Path:
    return questionnaire_file.parent / "i18n" / questionnaire_id


def read_status(folder: Path) -> dict[str, dict[str, str]]:
    path = folder / STATUS_FILE
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k): dict(v or {}) for k, v in data.items()}


def write_status(folder: Path, language: str, *, source_language: str, review_status: str) -> None:
    status = read_status(folder)
    status[language] = {"source_language": source_language, "review_status": review_status}
    folder.mkdir(parents=True, exist_ok=True)
    header = "# Per language: the language translated from, and reviewed (by a native speaker) or draft.\n"
    (folder / STATUS_FILE).write_text(
        header + yaml.safe_dump(dict(sorted(status.items())), allow_unicode=True, sort_keys=True), encoding="utf-8"
    )


def read_catalog(path: Path, status: Mapping[str, str] | None = None) -> TranslationCatalog:
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=None, abort_invalid=True)
    status = status or {}
    result = TranslationCatalog(
        language=path.stem,
        source_language=status.get("source_language", DEFAULT_SOURCE_LANGUAGE),
        review_status=status.get("review_status", "draft"),
    )
    for message in catalog:
        if not message.id or not message.context or isinstance(message.id, tuple):
            continue
        result.entries[message.context] = Entry(message.id, message.string or "", message.fuzzy)
    return result


def read_catalogs(folder: Path) -> dict[str, TranslationCatalog]:
    if not folder.is_dir():
        return {}
    status = read_status(folder)
    return {
        path.stem: read_catalog(path, status.get(path.stem))
        for path in sorted(folder.glob("*.po"))
        if re.fullmatch(r"[a-z]{2,3}", path.stem)  # a catalog is named by its language code
    }


def write_catalog(
    path: Path,
    *,
    language: str,
    source_language: str,
    texts: Iterable[tuple[str, Mapping[str, str]]],
    previous: TranslationCatalog | None = None,
    project: str = "Verkosto questionnaire",
) -> int:
    """Write a catalog for ``language`` with every text; keep translations still current.

    A translation whose source text has changed is kept but marked fuzzy (with the old source
    as ``previous_id``), so the translator sees what changed. Returns the number of entries
    that still need work (empty or fuzzy).
    """
    try:
        catalog = Catalog(locale=language, project=project, fuzzy=False)
    except (ValueError, UnknownLocaleError):
        catalog = Catalog(locale=None, project=project, fuzzy=False)
    catalog.language_team = language
    catalog.revision_date = dt.datetime.now(dt.timezone.utc)
    todo = 0
    for key, text in texts:
        source = text.get(source_language)
        if not source:
            continue
        current = text.get(language, "")
        flags: set[str] = set()
        previous_id = ()
        old = previous.entries.get(key) if previous else None
        if not current and old is not None and old.translation:
            current = old.translation
            if old.source != source or old.fuzzy:
                flags.add("fuzzy")
                previous_id = (old.source,)
        if not current or flags:
            todo += 1
        message = catalog.add(source, current, context=key, flags=flags, previous_id=previous_id)
        # questionnaire texts are never %-formatted: "10% of" is a percentage, and a
        # python-format flag would make msgfmt demand a matching "% o" in every translation
        if "python-format" in message.flags:
            message.flags.discard("python-format")
            message.flags.add("no-python-format")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, include_previous=True)
    return todo
