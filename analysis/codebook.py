"""Codebooks of themes, and a coder that finds their themes in free-text answers.

A codebook (``analysis/codebooks/*.yaml``, format documented at the top of each file) lists the
themes of one theme family, e.g. ``reasons_for_absence``, with seed terms in each language.
``CodebookCoder`` is a scikit-learn style transformer that codes answers with them: each answer
is prepared by ``analysis.text.prepare``, the one text preparation of the analysis package
(personal data screened first, the language identified among the codebook's languages when not
given), its screened text lower-cased and split into words, each word lemmatised in the answer's
language as ``prepare`` lemmatises it, and a theme is coded when one of its terms matches. An
answer may get several themes, or none; the uncoded ones are left for clustering or manual
reading.

    >>> texts = export.data.set_index("response_id")["reasons.other"]
    >>> coder = CodebookCoder(codebook="reasons_for_absence")
    >>> codes = coder.fit_transform(texts)                   # 0/1, one column per theme
    >>> rest = texts[coder.uncoded_mask_]                    # answered, but no theme: cluster these
    >>> export_codes(codes.join(texts.rename("text")), "review.csv")   # for a person to check
    >>> reviewed = import_codes("review.csv")                # the reviewer's word wins

Coding by seed terms is a first pass for people to check, not a classifier: ``agreement``
measures it against codes given by hand (or the true themes of ``analysis.synthetic``).
"""
from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.metrics import precision_recall_fscore_support
from sklearn.utils.validation import check_is_fitted

from .export_reader import unprotect
from .screening import mask
from .text import prepare, without_placeholders

__all__ = [
    "CODEBOOK_DIR",
    "Codebook",
    "CodebookCoder",
    "CodebookError",
    "CodesFileError",
    "Review",
    "Theme",
    "agreement",
    "available_codebooks",
    "export_codes",
    "import_codes",
    "load_codebook",
    "parse_codebook",
    "read_review",
]

CODEBOOK_DIR = Path(__file__).with_name("codebooks")
FORMAT = 1
REVIEWED_SUFFIX = ".reviewed"
"""A review file pairs each theme column ``t`` (the coder's 0/1) with ``t.reviewed`` (a person's)."""

_ID = re.compile(r"[a-z][a-z0-9_]*")
_LANGUAGE = re.compile(r"[a-z]{2,3}")
_WORD = re.compile(r"[^\W_]+")
_TERM_CHUNK = re.compile(r"[=-]?[^\W_]+(?:[-'’][^\W_]+)*")
_TOP_KEYS = {"format", "id", "label", "description", "languages", "themes"}
_THEME_KEYS = {"id", "label", "description", "seed_terms", "exclude_terms"}
_MIN_CONFIDENCE = 0.25
"""Below this margin of the best language over the next (``PreparedText.confidence``), an
answer's language is unsure and every language is tried ("No feedback": fi 1.0, sv 1.0)."""
_CACHE_SIZE = 500_000
"""Entries kept in the coder's caches of lemmas and of matching term parts before they restart."""


class CodebookError(ValueError):
    """A codebook that cannot be used; ``problems`` lists every reason with its place."""

    def __init__(self, source: str, problems: Sequence[str]) -> None:
        self.source, self.problems = source, list(problems)
        listed = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{source}: invalid codebook:\n{listed}")


class CodesFileError(ValueError):
    """A review file (``export_codes``) that cannot be read back; each problem names row and column."""

    def __init__(self, source: str, problems: Sequence[str]) -> None:
        self.source, self.problems = source, list(problems)
        shown = self.problems[:20]
        more = f"\n  ... and {len(self.problems) - 20} more" if len(self.problems) > 20 else ""
        listed = "\n".join(f"  - {p}" for p in shown)
        super().__init__(f"{source}: cannot read the reviewed codes:\n{listed}{more}")


# --- codebooks ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Theme:
    id: str
    label: Mapping[str, str]
    description: str
    seed_terms: Mapping[str, tuple[str, ...]]
    exclude_terms: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class Codebook:
    id: str
    label: Mapping[str, str]
    description: str
    languages: tuple[str, ...]
    themes: tuple[Theme, ...]
    source: str = "<codebook>"

    @property
    def theme_ids(self) -> list[str]:
        return [t.id for t in self.themes]

    def theme(self, theme_id: str) -> Theme:
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)


def available_codebooks() -> list[str]:
    """Names of the codebooks shipped in ``analysis/codebooks``."""
    return sorted(p.stem for p in CODEBOOK_DIR.glob("*.yaml"))


def load_codebook(path_or_name: str | os.PathLike[str] | Codebook) -> Codebook:
    """Load and validate a codebook: a shipped one by name, or a YAML file by path.

    Raises ``CodebookError`` naming the file, the theme and the reason for every problem.
    """
    if isinstance(path_or_name, Codebook):
        return path_or_name
    path = Path(path_or_name)
    if isinstance(path_or_name, str) and _ID.fullmatch(path_or_name):
        shipped = CODEBOOK_DIR / f"{path_or_name}.yaml"
        if shipped.exists() or not path.exists():
            path = shipped
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        known = ", ".join(available_codebooks())
        raise CodebookError(str(path), [f"no such file (shipped codebooks: {known})"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CodebookError(str(path), [f"cannot be read: {exc}"]) from None
    return parse_codebook(text, source=str(path))


def parse_codebook(text: str, source: str = "<codebook>") -> Codebook:
    """Validate a codebook given as YAML text (see ``load_codebook``)."""
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        reason = getattr(exc, "problem", None) or str(exc)
        raise CodebookError(source, [f"{where}not valid YAML ({reason})"]) from None
    problems: list[str] = []
    codebook = _build_codebook(data, source, problems)
    if problems or codebook is None:
        raise CodebookError(source, problems)
    return codebook


class _UniqueKeyLoader(yaml.SafeLoader):
    """Safe YAML, refusing a key given twice (a second ``fi:`` would silently win otherwise)."""


def _unique_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"the key {key!r} is given twice", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=True)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


def _build_codebook(data: Any, source: str, problems: list[str]) -> Codebook | None:
    if not isinstance(data, dict):
        problems.append("the file must be a mapping with format, id, label, languages and themes")
        return None
    problems += [f"unknown key {k!r} (allowed: {', '.join(sorted(_TOP_KEYS))})"
                 for k in data if k not in _TOP_KEYS]
    if data.get("format") != FORMAT:
        problems.append(f"format: must be {FORMAT}, not {data.get('format')!r}")
    family = data.get("id")
    if not isinstance(family, str) or not _ID.fullmatch(family):
        problems.append(f"id: {family!r} is not an identifier (lower-case letters, digits, _)")
    languages = data.get("languages")
    if (not isinstance(languages, list) or not languages
            or not all(isinstance(x, str) and _LANGUAGE.fullmatch(x) for x in languages)
            or len(set(languages)) != len(languages)):
        problems.append(f"languages: must be a list of distinct language codes such as [fi, sv, en], "
                        f"not {languages!r}")
        languages = ["en"]
    label = _texts(data.get("label"), languages, "label", problems)
    description = data.get("description", "")
    if not isinstance(description, str):
        problems.append("description: must be a text")
    themes_data = data.get("themes")
    if not isinstance(themes_data, list) or not themes_data:
        problems.append("themes: must be a non-empty list")
        themes_data = []
    themes, seen = [], {}
    for number, item in enumerate(themes_data, start=1):
        theme = _build_theme(item, number, languages, problems)
        if theme is None:
            continue
        if theme.id in seen:
            problems.append(f"theme {theme.id!r}: the id is used by theme number {seen[theme.id]} too")
        seen.setdefault(theme.id, number)
        themes.append(theme)
    if problems:
        return None
    return Codebook(family, label, description.strip(), tuple(languages), tuple(themes), source)


def _build_theme(item: Any, number: int, languages: list[str], problems: list[str]) -> Theme | None:
    if not isinstance(item, dict):
        problems.append(f"theme number {number}: must be a mapping with id, label, description, seed_terms")
        return None
    theme_id = item.get("id")
    where = f"theme {theme_id!r}" if isinstance(theme_id, str) else f"theme number {number}"
    before = len(problems)
    problems += [f"{where}: unknown key {k!r} (allowed: {', '.join(sorted(_THEME_KEYS))})"
                 for k in item if k not in _THEME_KEYS]
    if not isinstance(theme_id, str) or not _ID.fullmatch(theme_id):
        problems.append(f"{where}: id {theme_id!r} is not an identifier (lower-case letters, digits, _)")
    label = _texts(item.get("label"), languages, f"{where}: label", problems)
    description = item.get("description")
    if not isinstance(description, str) or not description.strip():
        problems.append(f"{where}: description: missing (one or two sentences in English)")
    seeds = _terms(item.get("seed_terms"), languages, f"{where}: seed_terms", problems, required=True)
    excludes = _terms(item.get("exclude_terms", {}), languages, f"{where}: exclude_terms", problems,
                      required=False)
    if len(problems) > before:
        return None
    return Theme(theme_id, label, description.strip(), seeds, excludes)


def _texts(value: Any, languages: Sequence[str], where: str, problems: list[str]) -> dict[str, str]:
    if not isinstance(value, dict):
        problems.append(f"{where}: must give a text in each language ({', '.join(languages)})")
        return {}
    missing = [lang for lang in languages if not isinstance(value.get(lang), str) or not value[lang].strip()]
    if missing:
        problems.append(f"{where}: missing in {', '.join(missing)}")
    return {k: v.strip() for k, v in value.items() if isinstance(v, str)}


def _terms(value: Any, languages: Sequence[str], where: str, problems: list[str], *,
           required: bool) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        problems.append(f"{where}: must map each language ({', '.join(languages)}) to a list of terms")
        return {}
    result: dict[str, tuple[str, ...]] = {}
    for lang, terms in value.items():
        if lang not in languages:
            problems.append(f"{where}: language {lang!r} is not one of the codebook's languages "
                            f"({', '.join(languages)})")
            continue
        if not isinstance(terms, list) or (required and not terms):
            problems.append(f"{where}.{lang}: must be a non-empty list of terms")
            continue
        seen: set[str] = set()
        for index, term in enumerate(terms):
            if not isinstance(term, str):
                problems.append(f"{where}.{lang}[{index}]: {term!r} is not a text")
                continue
            normal = _normal(term).strip()
            try:
                parse_term(normal)
            except ValueError as exc:
                problems.append(f"{where}.{lang}[{index}]: {term!r}: {exc}")
                continue
            if normal in seen:
                problems.append(f"{where}.{lang}[{index}]: {term!r} is listed twice")
            seen.add(normal)
        result[lang] = tuple(_normal(t).strip() for t in terms if isinstance(t, str))
    if required:
        missing = [lang for lang in languages if lang not in value]
        if missing:
            problems.append(f"{where}: no terms in {', '.join(missing)} (every theme needs terms in "
                            f"each of the codebook's languages)")
    return result


# --- terms -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Part:
    mode: str  # "prefix", "infix" or "exact"
    text: str

    def matches(self, word: str, lemma: str) -> bool:
        if self.mode == "exact" or (self.mode == "prefix" and len(self.text) <= 2):
            return word == self.text or lemma == self.text
        if self.mode == "prefix":
            return word.startswith(self.text) or lemma.startswith(self.text)
        return self.text in word or self.text in lemma


def parse_term(term: str) -> tuple[_Part, ...]:
    """A term as a phrase of parts: ``kiusa`` (prefix), ``-kipu`` (inside a word), ``=uni`` (exact)."""
    chunks = term.split()
    if not chunks:
        raise ValueError("empty term")
    parts: list[_Part] = []
    for chunk in chunks:
        if not _TERM_CHUNK.fullmatch(chunk):
            raise ValueError(f"{chunk!r} is not a word, a -part or an =exact word "
                             f"(letters and digits, hyphens only between them)")
        mode = {"=": "exact", "-": "infix"}.get(chunk[0], "prefix")
        words = _WORD.findall(chunk)
        parts += [_Part(mode, w) for w in words]
    return tuple(parts)


def _normal(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower()


_LEMMAS: dict[tuple[str, str], str] = {}
"""(word, language) -> lemma, shared by all coders (``analysis.text`` caches its own look-ups)."""


def _lemmas(words: Iterable[str], language: str) -> dict[str, str]:
    """The lemma of each lower-case word in ``language``, as ``analysis.text.prepare`` gives it.

    ``prepare`` lemmatises content words only, so a function word (``analysis.text.STOP_WORDS``)
    and a word of one letter stay as written; so does a word with a digit in it.
    """
    words = set(words)
    missing = sorted(w for w in words if (w, language) not in _LEMMAS)
    if missing:
        if len(_LEMMAS) + len(missing) > _CACHE_SIZE:
            _LEMMAS.clear()
        lettered = [w for w in missing if w.isalpha()]
        for word in missing:
            _LEMMAS[word, language] = word
        for word, prepared in zip(lettered, prepare(lettered, (language,))):
            if len(prepared.lemmas) == 1:
                _LEMMAS[word, language] = prepared.lemmas[0]
    return {w: _LEMMAS[w, language] for w in words}


@dataclass(frozen=True)
class _Matcher:
    """One theme's compiled terms, per language."""

    theme: str
    seeds: Mapping[str, tuple[tuple[str, tuple[_Part, ...]], ...]]
    excludes: Mapping[str, tuple[tuple[_Part, ...], ...]]

    @classmethod
    def compile(cls, theme: Theme) -> _Matcher:
        seeds = {lang: tuple((t, parse_term(t)) for t in terms) for lang, terms in theme.seed_terms.items()}
        excludes = {lang: tuple(parse_term(t) for t in terms) for lang, terms in theme.exclude_terms.items()}
        return cls(theme.id, seeds, excludes)

    def phrases(self, language: str) -> Iterable[tuple[_Part, ...]]:
        yield from (phrase for _, phrase in self.seeds.get(language, ()))
        yield from self.excludes.get(language, ())

    def find(self, words: Sequence[str], positions: Mapping[_Part, set[int]], language: str) -> list[str]:
        """The words (or phrases) of the answer that are evidence for the theme.

        ``positions`` gives, for each part, the positions of the words it matches (``_Parts``).
        """
        blocked: set[int] = set()
        for phrase in self.excludes.get(language, ()):
            for start in _phrase_starts(phrase, positions):
                blocked.update(range(start, start + len(phrase)))
        found: list[str] = []
        for _, phrase in self.seeds.get(language, ()):
            for start in _phrase_starts(phrase, positions):
                span = range(start, start + len(phrase))
                if not blocked.intersection(span):
                    found.append(" ".join(words[i] for i in span))
        return found


def _phrase_starts(phrase: Sequence[_Part], positions: Mapping[_Part, set[int]]) -> Iterable[int]:
    first = positions.get(phrase[0])
    if not first:
        return
    rest = [(k, positions.get(part, ())) for k, part in enumerate(phrase) if k]
    for start in sorted(first):
        if all(start + k in matched for k, matched in rest):
            yield start


class _Parts:
    """The distinct term parts of a codebook per language, and the words each part matches.

    Which parts a (word, lemma) matches is worked out once and remembered, so an answer costs a
    look-up per word instead of a comparison per word and term.
    """

    def __init__(self, matchers: Sequence[_Matcher], languages: Iterable[str]) -> None:
        self.parts = {language: tuple(dict.fromkeys(part for matcher in matchers
                                                     for phrase in matcher.phrases(language)
                                                     for part in phrase))
                      for language in languages}
        self.matched: dict[tuple[str, str, str], tuple[_Part, ...]] = {}

    def positions(self, words: Sequence[str], lemmas: Sequence[str], language: str) -> dict[_Part, set[int]]:
        """For each part that matches somewhere in the answer, the positions of its words."""
        if len(self.matched) > _CACHE_SIZE:
            self.matched.clear()
        positions: dict[_Part, set[int]] = {}
        for position, (word, lemma) in enumerate(zip(words, lemmas)):
            key = (word, lemma, language)
            parts = self.matched.get(key)
            if parts is None:
                parts = self.matched[key] = tuple(part for part in self.parts[language]
                                                  if part.matches(word, lemma))
            for part in parts:
                positions.setdefault(part, set()).add(position)
        return positions


# --- the coder ---------------------------------------------------------------------------------

class CodebookCoder(TransformerMixin, BaseEstimator, auto_wrap_output_keys=None):
    """Code free-text answers to the themes of a codebook by matching its seed terms.

    Parameters
    ----------
    codebook : name of a shipped codebook, path of a YAML codebook, or a ``Codebook``.
    languages : languages to detect an answer's language among; default: the codebook's.
    text_column : when X is a DataFrame, the column holding the answers (default: its only column).
    language_column : when X is a DataFrame, a column giving each answer's language; answers in
        a language the codebook lacks, and all answers when None, get their language detected.

    ``fit`` loads and compiles the codebook and codes X; ``transform`` codes any answers. The
    output is a DataFrame of 0/1 with one column per theme (``get_feature_names_out``), indexed
    like X. An empty or missing answer gets 0 everywhere and counts as unanswered.

    Attributes after ``fit``: ``codebook_``, ``languages_``, ``codes_`` (the codes of X),
    ``answered_mask_`` (X had a text), ``uncoded_mask_`` (X had a text but got no theme: the
    answers to read or cluster next) and ``answer_languages_`` (the language used for each
    answer, ``"*"`` when it was unknown and every language was tried, missing when unanswered).
    """

    def __init__(self, *, codebook: str | os.PathLike[str] | Codebook = "reasons_for_absence",
                 languages: Sequence[str] | None = None, text_column: str | None = None,
                 language_column: str | None = None) -> None:
        self.codebook = codebook
        self.languages = languages
        self.text_column = text_column
        self.language_column = language_column

    def fit(self, X: Any, y: Any = None) -> CodebookCoder:
        codebook = load_codebook(self.codebook)
        languages = tuple(self.languages) if self.languages is not None else codebook.languages
        unknown = [lang for lang in languages if lang not in codebook.languages]
        if not languages or unknown:
            raise ValueError(f"languages {list(languages)!r}: the codebook {codebook.id!r} has terms only in "
                             f"{', '.join(codebook.languages)}")
        self.codebook_ = codebook
        self.languages_ = languages
        self.matchers_ = tuple(_Matcher.compile(t) for t in codebook.themes)
        self._parts = _Parts(self.matchers_, languages)
        result = self._code(X)
        self.codes_ = result.codes
        self.answered_mask_ = result.answered
        self.uncoded_mask_ = result.answered & (result.codes.sum(axis=1) == 0)
        self.answer_languages_ = result.languages
        return self

    def transform(self, X: Any) -> pd.DataFrame:
        check_is_fitted(self)
        return self._code(X).codes

    def fit_transform(self, X: Any, y: Any = None, **fit_params: Any) -> pd.DataFrame:
        return self.fit(X, y).codes_

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        check_is_fitted(self)
        return np.asarray(self.codebook_.theme_ids, dtype=object)

    def evidence(self, X: Any) -> pd.Series:
        """For each answer, the screened words that gave each theme: ``"theme: word, word; ..."``."""
        check_is_fitted(self)
        return self._code(X).evidence

    def __sklearn_tags__(self):  # noqa: ANN204 - sklearn's Tags
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        tags.target_tags.required = False
        return tags

    # -- internals --

    def _code(self, X: Any) -> _Coded:
        texts, given = self._inputs(X)
        themes = self.codebook_.theme_ids
        answered = [isinstance(t, str) and bool(t.strip()) for t in texts]
        positions = [i for i, has in enumerate(answered) if has]
        hints = [given[i] if given is not None else None for i in positions]
        readings = self._read([texts.iat[i] for i in positions], hints)
        needed: dict[str, set[str]] = {}
        for words, candidates in readings:
            for language in candidates:
                needed.setdefault(language, set()).update(words)
        lemmas = {language: _lemmas(words, language) for language, words in needed.items()}
        rows = [[0] * len(themes) for _ in answered]
        languages: list[str | None] = [None] * len(answered)
        evidence: list[str | None] = [None] * len(answered)
        for position, (words, candidates) in zip(positions, readings):
            found: dict[str, list[str]] = {}
            for language in candidates:
                lemmatised = [lemmas[language][w] for w in words]
                where = self._parts.positions(words, lemmatised, language)
                for matcher in self.matchers_:
                    hits = matcher.find(words, where, language)
                    if hits:
                        found.setdefault(matcher.theme, []).extend(hits)
            rows[position] = [1 if t in found else 0 for t in themes]
            languages[position] = candidates[0] if len(candidates) == 1 else "*"
            evidence[position] = "; ".join(f"{t}: {', '.join(dict.fromkeys(found[t]))}"
                                           for t in themes if t in found)
        index = texts.index
        return _Coded(
            codes=pd.DataFrame(rows, index=index, columns=themes, dtype="int64"),
            answered=pd.Series(answered, index=index, dtype=bool),
            languages=pd.Series(languages, index=index, dtype="string"),
            evidence=pd.Series(evidence, index=index, dtype="string"),
        )

    def _read(self, texts: list[str], hints: list[Any]) -> list[tuple[list[str], tuple[str, ...]]]:
        """Each answer's words (screened, lower-case) and the language(s) to read them in.

        ``analysis.text.prepare`` screens and identifies the language; a given language that is
        one of ``languages_`` is taken as it is (the answer is prepared in it alone). When the
        identification is unsure, the answer is read in every language.
        """
        groups: dict[tuple[str, ...], list[int]] = {}
        for position, hint in enumerate(hints):
            key = (hint,) if isinstance(hint, str) and hint in self.languages_ else self.languages_
            groups.setdefault(key, []).append(position)
        readings: list[tuple[list[str], tuple[str, ...]]] = [([], ())] * len(texts)
        for languages, members in groups.items():
            prepared = prepare([texts[i] for i in members], languages, min_confidence=_MIN_CONFIDENCE)
            for position, document in zip(members, prepared):
                words = _WORD.findall(without_placeholders(document.screened).lower())
                sure = len(languages) == 1 or document.language_source == "detected"
                readings[position] = (words, (document.language,) if sure else languages)
        return readings

    def _inputs(self, X: Any) -> tuple[pd.Series, list[Any] | None]:
        if isinstance(X, str):
            raise TypeError("CodebookCoder needs a sequence of answers, not one string: pass [text]")
        if isinstance(X, pd.DataFrame):
            column = self.text_column
            if column is None:
                if X.shape[1] != 1:
                    raise ValueError(f"X has the columns {list(X.columns)}: set text_column to the one "
                                     f"with the answers")
                column = X.columns[0]
            if column not in X.columns:
                raise ValueError(f"text_column {column!r} is not a column of X ({list(X.columns)})")
            given = None
            if self.language_column is not None:
                if self.language_column not in X.columns:
                    raise ValueError(f"language_column {self.language_column!r} is not a column of X")
                given = list(X[self.language_column])
            return _as_objects(X[column]), given
        if isinstance(X, pd.Series):
            return _as_objects(X), None
        return _as_objects(pd.Series(list(X), dtype=object)), None


@dataclass(frozen=True)
class _Coded:
    codes: pd.DataFrame
    answered: pd.Series
    languages: pd.Series
    evidence: pd.Series


def _as_objects(series: pd.Series) -> pd.Series:
    """The texts as plain objects: str, or None for a missing answer."""
    values = [v if isinstance(v, str) else None for v in series.astype(object)]
    return pd.Series(values, index=series.index, dtype=object)


# --- manual review -----------------------------------------------------------------------------

_PROTECTED = re.compile(r"'*[=+\-@\t\r]")
_FIXED_COLUMNS = ("id", "language", "text", "evidence", "comment")


def _protect(text: str) -> str:
    """The export format's formula-injection rule (docs/export-format.md), undone by ``unprotect``."""
    return "'" + text if _PROTECTED.match(text) else text


def export_codes(df: pd.DataFrame, path: str | os.PathLike[str], *, text_column: str = "text",
                 themes: Sequence[str] | None = None) -> Path:
    """Write a CSV for manual review of the codes.

    ``df`` holds the answers (``text_column``) and the coder's 0/1 columns, one per theme
    (``themes``; default: every column but the text and optional ``language`` and ``evidence``
    columns), indexed by an answer id such as the response id. The file has, per answer: ``id``,
    ``language`` and ``evidence`` when given, ``text`` (screened for personal data), then for
    each theme the coder's 0/1 and an empty ``THEME.reviewed`` column, and an empty ``comment``.
    Unanswered rows are left out. UTF-8 with a byte-order mark and formula-protected texts, as
    the export format, so that it opens cleanly in Excel.
    """
    if text_column not in df.columns:
        raise ValueError(f"df has no column {text_column!r} with the answers")
    if df.index.has_duplicates:
        raise ValueError("df's index identifies the answers in the review file: it must be unique")
    optional = [c for c in ("language", "evidence") if c in df.columns and c != text_column]
    if themes is None:
        themes = [c for c in df.columns if c not in (text_column, *optional)]
    themes = list(themes)
    problems = [f"theme column {t!r} is missing" for t in themes if t not in df.columns]
    problems += [f"{t!r} is not a usable theme column name" for t in themes
                 if t in _FIXED_COLUMNS or str(t).endswith(REVIEWED_SUFFIX)]
    for theme in themes:
        if theme in df.columns and not df[theme].dropna().isin([0, 1]).all():
            problems.append(f"column {theme!r} is not 0/1 (pass themes=[...] to name the theme columns)")
    if problems:
        raise ValueError("; ".join(problems))
    header = ["id", *optional, "text"]
    for theme in themes:
        header += [theme, f"{theme}{REVIEWED_SUFFIX}"]
    header.append("comment")
    rows = []
    for key, record in df.iterrows():
        text = record[text_column]
        if not isinstance(text, str) or not text.strip():
            continue
        row = [_protect(str(key))]
        row += [_protect(_cell_text(record[c])) for c in optional]
        row.append(_protect(mask(text)))
        for theme in themes:
            row += [str(int(record[theme])) if pd.notna(record[theme]) else "0", ""]
        row.append("")
        rows.append(row)
    target = Path(path)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, dialect="excel", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    target.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
    return target


def _cell_text(value: Any) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


@dataclass(frozen=True)
class Review:
    """A review file read back: the final codes and how they came about."""

    codes: pd.DataFrame
    """Final 0/1 codes: the reviewer's value where given, else the coder's."""
    coder: pd.DataFrame
    """The coder's 0/1 codes as exported."""
    reviewed: pd.DataFrame
    """True where the reviewer gave a value."""
    texts: pd.Series
    """The screened answer texts."""


def import_codes(path: str | os.PathLike[str]) -> pd.DataFrame:
    """The final codes of a reviewed file (``export_codes``): reviewed values override the coder's.

    A DataFrame of 0/1 indexed by the answer id (as text), one column per theme.
    """
    return read_review(path).codes


def read_review(path: str | os.PathLike[str]) -> Review:
    """Read a review file back, validating every cell; see ``Review``.

    Reviewed cells may be empty (the coder's value stands), 0 or 1. Files saved by a
    spreadsheet with semicolons or tabs are accepted. ``CodesFileError`` lists every problem
    with its row (as the spreadsheet numbers it, the header being row 1) and column.
    """
    source = str(path)
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    rows = [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter) if row]
    if not rows:
        raise CodesFileError(source, ["the file is empty"])
    header = [unprotect(c).strip() for c in rows[0]]
    problems = [f"row 1: the column {c!r} is missing" for c in ("id", "text") if c not in header]
    themes = [c[: -len(REVIEWED_SUFFIX)] for c in header if c.endswith(REVIEWED_SUFFIX)]
    problems += [f"row 1: the column {t!r} (the coder's codes for {t}{REVIEWED_SUFFIX}) is missing"
                 for t in themes if t not in header]
    if not themes:
        problems.append(f"row 1: no theme columns (each theme has a column THEME and THEME{REVIEWED_SUFFIX})")
    if problems:
        raise CodesFileError(source, problems)
    position = {name: i for i, name in reversed(list(enumerate(header)))}
    ids: dict[str, int] = {}
    index, texts, coder, reviewed, final = [], [], [], [], []
    for number, row in enumerate(rows[1:], start=2):
        cells = row + [""] * (len(header) - len(row))
        key = unprotect(cells[position["id"]]).strip()
        if not key:
            problems.append(f"row {number}, column 'id': empty")
        elif key in ids:
            problems.append(f"row {number}, column 'id': {key!r} is used by row {ids[key]} too")
        ids.setdefault(key, number)
        coded, checked, result = [], [], []
        for theme in themes:
            value = cells[position[theme]].strip()
            if value not in ("0", "1"):
                problems.append(f"row {number}, column {theme!r}: {value!r} is not 0 or 1")
                value = "0"
            column = f"{theme}{REVIEWED_SUFFIX}"
            review = cells[position[column]].strip()
            if review not in ("", "0", "1"):
                problems.append(f"row {number}, column {column!r}: {review!r} is not 0, 1 or empty")
                review = ""
            coded.append(int(value))
            checked.append(review != "")
            result.append(int(review) if review else int(value))
        index.append(key)
        texts.append(unprotect(cells[position["text"]]))
        coder.append(coded)
        reviewed.append(checked)
        final.append(result)
    if problems:
        raise CodesFileError(source, problems)
    ids_index = pd.Index(index, name="id", dtype=object)
    frame = lambda values, dtype: pd.DataFrame(values, index=ids_index, columns=themes, dtype=dtype)  # noqa: E731
    return Review(
        codes=frame(final, "int64"), coder=frame(coder, "int64"), reviewed=frame(reviewed, bool),
        texts=pd.Series(texts, index=ids_index, dtype="string", name="text"),
    )


# --- agreement ---------------------------------------------------------------------------------

def agreement(true: pd.DataFrame, predicted: pd.DataFrame) -> pd.DataFrame:
    """Precision, recall and F1 of ``predicted`` codes against ``true`` ones, per theme.

    Both are 0/1 DataFrames; rows are matched by index and themes by column name (only those
    in both). The last rows are the micro average (all decisions pooled) and the macro average
    (themes weighted equally; a theme neither true nor predicted anywhere is left out, as it has
    no precision or recall). ``support`` is the number of true codes, ``predicted`` the number
    of codes given.
    """
    themes = [c for c in true.columns if c in predicted.columns]
    rows = true.index.intersection(predicted.index)
    if not themes or len(rows) == 0:
        raise ValueError("true and predicted share no theme columns or no rows")
    y_true = true.loc[rows, themes].to_numpy(dtype=int)
    y_pred = predicted.loc[rows, themes].to_numpy(dtype=int)
    precision, recall, f1, support = precision_recall_fscore_support(
        y_true, y_pred, average=None, zero_division=0)
    table = pd.DataFrame({"precision": precision, "recall": recall, "f1": f1, "support": support,
                          "predicted": y_pred.sum(axis=0)}, index=pd.Index(themes, name="theme"))
    p, r, f, _ = precision_recall_fscore_support(y_true, y_pred, average="micro", zero_division=0)
    totals = [int(y_true.sum()), int(y_pred.sum())]
    table.loc["micro avg"] = [p, r, f, *totals]
    present = table.iloc[: len(themes)]
    present = present[(present["support"] + present["predicted"]) > 0]
    table.loc["macro avg"] = [*(present[m].mean() if len(present) else 0.0 for m in ("precision", "recall", "f1")),
                              *totals]
    return table.astype({"support": "int64", "predicted": "int64"})
