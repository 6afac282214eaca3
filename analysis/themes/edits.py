"""A researcher's edits to the themes (rename, merge, split), kept in a small file and reapplied.

Clustering runs again whenever answers arrive, and theme numbers may change between runs. So an
edit does not name a theme by its number: it keeps the theme's *fingerprint*, the short hashes
of the (screened) answers it held when the edit was made, and its top terms. On the next run each
edit finds its theme again by the answers the two share (most answers stay; new ones join), or,
when too few are left, by the top terms; an edit whose theme is gone is reported, never dropped
silently, and stays in the file.

    >>> edits = ThemeEdits()
    >>> edits = edits.rename(result, 2, "Anxiety and low mood")
    >>> edits = edits.merge(result, [0, 5], "Illness")
    >>> edits = edits.split(result, 3, {"Bullying": ["kiusata", "mobbning", "bully"]})
    >>> edits.save("reasons-edits.yaml")
    ...
    >>> edited = ThemeEdits.load("reasons-edits.yaml").apply(new_result)
    >>> edited.result.to_frame(), edited.unmatched

The file is YAML a person can read and correct; it never holds answer text, only 12-character
hashes of screened answers (short words can be guessed from a hash, so keep the file with the
data it was made from, not in public).
"""
from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ._base import OTHER
from .result import Theme, ThemeResult

__all__ = ["AppliedEdits", "ThemeEdits", "fingerprint"]

FORMAT_VERSION = 1
MIN_ANSWER_OVERLAP = 0.3
"""Share of a saved fingerprint that must be found in a theme for the edit to apply to it."""
MIN_TERM_OVERLAP = 0.5
"""Fallback (too few shared answers): share of the saved top terms the theme must have."""
QUOTES = 3


def fingerprint(text: str) -> str:
    """A short hash of a screened answer (case and spacing ignored)."""
    normal = " ".join(text.casefold().split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class ThemeRef:
    """How an edit recognises its theme in a later run."""

    answers: frozenset[str]
    terms: tuple[str, ...]
    label: str = ""
    """The label the theme had when the edit was made (for the person reading the file)."""

    def to_dict(self) -> dict[str, Any]:
        return {"was": self.label, "terms": list(self.terms), "answers": sorted(self.answers)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ThemeRef:
        return cls(frozenset(str(a) for a in data.get("answers") or ()),
                   tuple(str(t) for t in data.get("terms") or ()), str(data.get("was") or ""))


@dataclass(frozen=True)
class Edit:
    action: str  # rename | merge | split
    themes: tuple[ThemeRef, ...]
    label: str = ""
    parts: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """For a split: (label, terms) of each new theme, in order; the rest keep the theme."""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"action": self.action}
        if self.label:
            data["label"] = self.label
        if self.action == "merge":
            data["themes"] = [ref.to_dict() for ref in self.themes]
        else:
            data["theme"] = self.themes[0].to_dict()
        if self.parts:
            data["into"] = [{"label": label, "terms": list(terms)} for label, terms in self.parts]
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str) -> Edit:
        action = data.get("action")
        if action not in ("rename", "merge", "split"):
            raise ValueError(f"{where}: action must be rename, merge or split, not {action!r}")
        refs = data.get("themes") if action == "merge" else [data.get("theme")]
        if not refs or not all(isinstance(ref, Mapping) for ref in refs):
            raise ValueError(f"{where}: {'themes' if action == 'merge' else 'theme'} is missing")
        parts = tuple((str(part["label"]), tuple(str(t) for t in part.get("terms") or ()))
                      for part in data.get("into") or ())
        if action == "split" and not parts:
            raise ValueError(f"{where}: a split needs 'into' with a label and terms for each part")
        if action != "split" and not str(data.get("label") or "").strip():
            raise ValueError(f"{where}: a {action} needs a label")
        return cls(action, tuple(ThemeRef.from_dict(ref) for ref in refs), str(data.get("label") or ""), parts)


@dataclass(frozen=True)
class AppliedEdits:
    result: ThemeResult
    applied: tuple[str, ...]
    """One line per edit that found its theme(s), saying what it did."""
    unmatched: tuple[str, ...]
    """One line per edit whose theme was not found in this run."""


@dataclass(frozen=True)
class ThemeEdits:
    """An ordered list of edits; each method returns a new :class:`ThemeEdits`."""

    edits: tuple[Edit, ...] = ()
    question: str = ""
    """The question the edits belong to (informational, checked by the caller if it wants)."""
    notes: tuple[str, ...] = field(default=())

    # --- recording edits against the result a researcher is looking at -----------------------
    def rename(self, result: ThemeResult, theme_id: int, label: str) -> ThemeEdits:
        return self._add(Edit("rename", (_ref(result, theme_id),), _label(label)))

    def merge(self, result: ThemeResult, theme_ids: Sequence[int], label: str) -> ThemeEdits:
        if len(set(theme_ids)) < 2:
            raise ValueError("merge needs at least two different themes")
        return self._add(Edit("merge", tuple(_ref(result, t) for t in theme_ids), _label(label)))

    def split(self, result: ThemeResult, theme_id: int, parts: Mapping[str, Iterable[str]]) -> ThemeEdits:
        """Answers of the theme that contain any term of a part (a word or its start, in any
        language) move to a new theme with the part's label; the rest stay. Parts are tried in
        order, so an answer goes to the first part it matches."""
        cleaned = tuple((_label(label), tuple(_term(t) for t in terms)) for label, terms in parts.items())
        if not cleaned or any(not terms for _, terms in cleaned):
            raise ValueError("each part of a split needs a label and at least one term")
        return self._add(Edit("split", (_ref(result, theme_id),), parts=cleaned))

    def _add(self, edit: Edit) -> ThemeEdits:
        return dataclasses.replace(self, edits=self.edits + (edit,))

    # --- applying them to a (new) result ----------------------------------------------------
    def apply(self, result: ThemeResult) -> AppliedEdits:
        applied, unmatched = [], []
        for number, edit in enumerate(self.edits, start=1):
            ids = [_find(result, ref) for ref in edit.themes]
            if any(theme_id is None for theme_id in ids) or len(set(ids)) < len(ids):
                missing = ", ".join(ref.label or "?" for ref, t in zip(edit.themes, ids) if t is None)
                unmatched.append(f"{number}. {edit.action} {edit.label or ''}: "
                                 f"theme not found in this run ({missing or 'themes now together'})")
                continue
            if edit.action == "rename":
                result = _relabel(result, ids[0], edit.label)
                applied.append(f"{number}. rename {ids[0]} -> {edit.label}")
            elif edit.action == "merge":
                result = _merge(result, ids, edit.label)
                applied.append(f"{number}. merge {', '.join(map(str, ids))} -> {edit.label}")
            else:
                result, moved = _split(result, ids[0], edit.parts)
                applied.append(f"{number}. split {ids[0]}: " + ", ".join(
                    f"{label} ({count})" for (label, _), count in zip(edit.parts, moved)))
        return AppliedEdits(result, tuple(applied), tuple(unmatched))

    # --- the file ----------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {"format": "verkosto-theme-edits", "version": FORMAT_VERSION, "question": self.question,
                "edits": [edit.to_dict() for edit in self.edits]}

    def save(self, path: str | Path) -> None:
        header = ("# Theme edits (analysis.themes.edits): reapplied on every run. 'answers' are short\n"
                  "# hashes of screened answers, used to find the theme again; keep this file private.\n")
        text = yaml.safe_dump(self.to_dict(), allow_unicode=True, sort_keys=False, width=100)
        Path(path).write_text(header + text, encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> ThemeEdits:
        """Read a file written by :meth:`save`; a missing file is no edits. Errors name the file
        and the edit."""
        path = Path(path)
        if not path.exists():
            return cls()
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as error:
            raise ValueError(f"{path}: not valid YAML: {error}") from None
        if not isinstance(data, Mapping) or data.get("format") != "verkosto-theme-edits":
            raise ValueError(f"{path}: not a theme edits file (format: verkosto-theme-edits)")
        if data.get("version") != FORMAT_VERSION:
            raise ValueError(f"{path}: version {data.get('version')!r} is not supported (expected {FORMAT_VERSION})")
        edits = data.get("edits") or []
        if not isinstance(edits, list) or not all(isinstance(e, Mapping) for e in edits):
            raise ValueError(f"{path}: 'edits' must be a list of edits")
        return cls(tuple(Edit.from_dict(e, f"{path}: edit {n}") for n, e in enumerate(edits, start=1)),
                   str(data.get("question") or ""))


# --- helpers ---------------------------------------------------------------------------------

def _label(label: str) -> str:
    label = " ".join(str(label).split())
    if not label:
        raise ValueError("a theme needs a label")
    return label


def _term(term: str) -> str:
    term = str(term).strip().casefold()
    if not term:
        raise ValueError("an empty term")
    return term


def _members(result: ThemeResult, theme_id: int) -> list[int]:
    return [i for i, theme in enumerate(result.assignments) if theme == theme_id]


def _ref(result: ThemeResult, theme_id: int) -> ThemeRef:
    theme = result.theme(theme_id)  # StopIteration for an unknown id: make it a clear error
    return ThemeRef(frozenset(fingerprint(result.texts[i]) for i in _members(result, theme_id)),
                    tuple(theme.top_terms[:10]), theme.label)


def _find(result: ThemeResult, ref: ThemeRef) -> int | None:
    """The theme of ``result`` that ``ref`` describes, or None."""
    best, best_score = None, 0.0
    if ref.answers:
        shared = Counter(theme for theme, text in zip(result.assignments, result.texts)
                         if theme != OTHER and fingerprint(text) in ref.answers)
        for theme_id, count in shared.items():
            score = count / len(ref.answers)
            if score > best_score:
                best, best_score = theme_id, score
        if best_score >= MIN_ANSWER_OVERLAP:
            return best
    if ref.terms:
        best, best_score = None, 0.0
        for theme in result.themes:
            score = len(set(ref.terms) & set(theme.top_terms)) / len(ref.terms)
            if score > best_score:
                best, best_score = theme.id, score
        if best_score >= MIN_TERM_OVERLAP:
            return best
    return None


def _relabel(result: ThemeResult, theme_id: int, label: str) -> ThemeResult:
    themes = tuple(dataclasses.replace(t, label=label) if t.id == theme_id else t for t in result.themes)
    return dataclasses.replace(result, themes=themes)


def _merge(result: ThemeResult, ids: Sequence[int], label: str) -> ThemeResult:
    keep = min(ids)
    parts = [result.theme(i) for i in ids]
    merged = Theme(
        id=keep, label=label, size=sum(t.size for t in parts),
        size_by_language=_sum_maps(t.size_by_language for t in parts),
        top_terms=_interleave([t.top_terms for t in parts]),
        top_terms_by_language=_by_language(parts, "top_terms_by_language", 10),
        quotes_by_language=_by_language(parts, "quotes_by_language", QUOTES),
    )
    assignments = tuple(keep if theme in ids else theme for theme in result.assignments)
    themes = tuple(merged if t.id == keep else t for t in result.themes if t.id not in ids or t.id == keep)
    return dataclasses.replace(result, assignments=assignments, themes=_by_size(themes),
                               n_themes=len(themes))


def _split(result: ThemeResult, theme_id: int,
           parts: Sequence[tuple[str, tuple[str, ...]]]) -> tuple[ThemeResult, list[int]]:
    members = _members(result, theme_id)
    words = {i: _words(result.texts[i]) for i in members}
    assignments = list(result.assignments)
    next_id = max([t.id for t in result.themes], default=-1) + 1
    new_themes, moved = [], []
    remaining = set(members)
    for label, terms in parts:
        chosen = sorted(i for i in remaining if any(w.startswith(term) for w in words[i] for term in terms))
        remaining -= set(chosen)
        moved.append(len(chosen))
        if not chosen:
            continue
        for i in chosen:
            assignments[i] = next_id
        new_themes.append(_theme_of(result, next_id, label, chosen, terms))
        next_id += 1
    old = result.theme(theme_id)
    rest = sorted(remaining)
    themes = [t for t in result.themes if t.id != theme_id]
    if rest:
        themes.append(_theme_of(result, theme_id, old.label, rest, (), old))
    themes += new_themes
    return dataclasses.replace(result, assignments=tuple(assignments), themes=_by_size(themes),
                               n_themes=len(themes)), moved


def _theme_of(result: ThemeResult, theme_id: int, label: str, members: Sequence[int],
              terms: Sequence[str], old: Theme | None = None) -> Theme:
    """A theme made of ``members``: sizes counted, terms from the answers' words, quotes kept
    from ``old`` where they are still members, else the first answers."""
    languages = Counter(result.languages[i] for i in members)
    texts = {i: result.texts[i] for i in members}
    quotes: dict[str, tuple[str, ...]] = {}
    for language in languages:
        own = [result.texts[i] for i in members if result.languages[i] == language]
        kept = [q for q in (old.quotes_by_language.get(language, ()) if old else ()) if q in own]
        quotes[language] = tuple(dict.fromkeys(kept + own))[:QUOTES]
    frequent = Counter(w for i in members for w in set(_words(texts[i])) if len(w) > 3)
    top = tuple(dict.fromkeys([*terms, *(w for w, _ in frequent.most_common(10))]))[:10]
    by_language = {language: tuple(w for w, _ in Counter(
        w for i in members if result.languages[i] == language for w in set(_words(texts[i])) if len(w) > 3
    ).most_common(10)) for language in languages}
    if old is not None:
        top = old.top_terms
        by_language = dict(old.top_terms_by_language)
    return Theme(id=theme_id, label=label, size=len(members), size_by_language=dict(languages),
                 top_terms=top, top_terms_by_language=by_language, quotes_by_language=quotes)


def _words(text: str) -> list[str]:
    from analysis.text import tokenize

    return tokenize(text)


def _sum_maps(maps: Iterable[Mapping[str, int]]) -> dict[str, int]:
    total: Counter[str] = Counter()
    for mapping in maps:
        total.update(mapping)
    return dict(total)


def _interleave(lists: Sequence[Sequence[str]], limit: int = 10) -> tuple[str, ...]:
    out: list[str] = []
    for position in range(max((len(items) for items in lists), default=0)):
        for items in lists:
            if position < len(items) and items[position] not in out:
                out.append(items[position])
    return tuple(out[:limit])


def _by_language(parts: Sequence[Theme], attribute: str, limit: int) -> dict[str, tuple[str, ...]]:
    languages = dict.fromkeys(language for part in parts for language in getattr(part, attribute))
    return {language: _interleave([getattr(part, attribute).get(language, ()) for part in parts], limit)
            for language in languages}


def _by_size(themes: Iterable[Theme]) -> tuple[Theme, ...]:
    return tuple(sorted(themes, key=lambda t: (-t.size, t.id)))
