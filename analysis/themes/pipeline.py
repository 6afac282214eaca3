"""Themes in free-text answers, as a readable sequence of replaceable stages.

    >>> from analysis.themes import ThemePipeline
    >>> result = ThemePipeline().fit(export.data["reasons.other"].dropna())
    >>> result.to_frame()                  # one row per theme: label, sizes, terms, quotes
    >>> result.assignments                 # each answer's theme, -1 = other

    prepare   -> screen personal data, identify the language, lemmatise (analysis.text)
    represent -> vectors: "lexical" (LexicalRepresentation: TF-IDF + glossary concepts + LSA,
                 centred; the default) or "embedding" (EmbeddingRepresentation: multilingual
                 sentence embeddings, centred, joined with the lexical vectors)
    cluster   -> themes and "other" (ThemeClusterer: KMeans, k by silhouette x stability)
    label     -> labels, top terms and quotes per language (ClassTfidfLabeller)

Each stage is passed in and replaceable (see :mod:`._base`); the pipeline clones what it is
given and keeps the fitted copies as ``representation_``, ``clusterer_`` and ``labeller_``.
Answers with no content word ("ok", "-", "12") are not clustered: they go to "other".
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from sklearn.base import BaseEstimator, clone
from sklearn.utils.validation import check_is_fitted

from analysis.text import DEFAULT_LANGUAGES, PreparedText, prepare

from ._base import OTHER, BaseClusterer, BaseLabeller, BaseRepresentation
from .embedding import EmbeddingRepresentation
from .labels import ClassTfidfLabeller
from .lexical import LexicalRepresentation, ThemeClusterer
from .result import ThemeResult

__all__ = ["REPRESENTATIONS", "ThemePipeline"]

REPRESENTATIONS = {"lexical": LexicalRepresentation, "embedding": EmbeddingRepresentation}
"""The representations ``ThemePipeline(representation=...)`` knows by name."""


class ThemePipeline(BaseEstimator):
    """prepare -> represent -> cluster -> label; ``fit`` returns a :class:`ThemeResult`.

    Unlike a scikit-learn estimator, ``fit`` returns the result (as BERTopic's ``fit_transform``
    returns topics); the fitted pipeline is kept too, for :meth:`predict` on new answers.

    Parameters
    ----------
    languages : tuple of str
        The languages answers may be written in (the candidates of language identification).
    default_language : str or None
        The language of an answer whose language cannot be told (else the batch's commonest).
    representation : "lexical", "embedding", a stage or None
        A name in :data:`REPRESENTATIONS` (the stage with its defaults) or a stage of your own;
        None: ``LexicalRepresentation()``. "lexical" needs no model and is fast; "embedding"
        (``pip install 'verkosto[embeddings]'``) groups answers by meaning across languages
        better, at about 70 answers a second the first time (docs/benchmarks.md).
    clusterer, labeller : stage or None
        None: ``ThemeClusterer()``, ``ClassTfidfLabeller()``.
    """

    def __init__(self, *, languages: Sequence[str] = DEFAULT_LANGUAGES,
                 default_language: str | None = None,
                 representation: str | BaseRepresentation | None = None,
                 clusterer: BaseClusterer | None = None,
                 labeller: BaseLabeller | None = None) -> None:
        self.languages = languages
        self.default_language = default_language
        self.representation = representation
        self.clusterer = clusterer
        self.labeller = labeller

    def fit(self, texts: Iterable[str],
            languages: Sequence[str | None] | None = None) -> ThemeResult:
        """Find themes in ``texts``; ``languages`` optionally hints each answer's language.

        The hints (e.g. the export's ``language`` column) decide only when identification is
        uncertain, such as for one-word answers.
        """
        prepared = self._prepare(texts, languages)
        content = np.array([bool(document.lemmas) for document in prepared], dtype=bool)
        if content.sum() < 2:
            raise ValueError("need at least 2 answers with words to find themes in")
        documents = [document for document, has in zip(prepared, content) if has]

        self.representation_ = _representation(self.representation)
        self.clusterer_ = _stage(self.clusterer, ThemeClusterer)
        self.labeller_ = _stage(self.labeller, ClassTfidfLabeller)

        vectors = self.representation_.fit_transform(documents)
        themes = np.asarray(self.clusterer_.fit(vectors).labels_)
        self.labeller_.fit(documents, themes, embeddings=vectors,
                           centers=_centers(self.clusterer_, vectors, themes))

        assignments = np.full(len(prepared), OTHER)
        assignments[content] = themes
        return self._result(prepared, assignments)

    def predict(self, texts: Iterable[str],
                languages: Sequence[str | None] | None = None) -> np.ndarray:
        """The theme of each new answer (-1 = other), with the fitted stages."""
        check_is_fitted(self, "clusterer_")
        prepared = self._prepare(texts, languages)
        content = np.array([bool(document.lemmas) for document in prepared], dtype=bool)
        assignments = np.full(len(prepared), OTHER)
        if content.any():
            documents = [document for document, has in zip(prepared, content) if has]
            vectors = self.representation_.transform(documents)
            assignments[content] = self.clusterer_.predict(vectors)
        return assignments

    def _prepare(self, texts: Iterable[str],
                 hints: Sequence[str | None] | None) -> list[PreparedText]:
        texts = list(texts)
        if hints is not None:
            hints = [hint if hint in self.languages else None for hint in hints]
        return prepare(texts, tuple(self.languages), hints=hints, default=self.default_language)

    def _result(self, prepared: list[PreparedText], assignments: np.ndarray) -> ThemeResult:
        clusterer = self.clusterer_
        return ThemeResult(
            assignments=tuple(int(theme) for theme in assignments),
            languages=tuple(document.language for document in prepared),
            texts=tuple(document.screened for document in prepared),
            themes=tuple(self.labeller_.themes_),
            n_themes=int(getattr(clusterer, "n_themes_", len(self.labeller_.themes_))),
            silhouette=float(getattr(clusterer, "silhouette_", float("nan"))),
            stability=float(getattr(clusterer, "stability_", float("nan"))),
            scores=tuple(getattr(clusterer, "scores_", ())),
        )


def _representation(given):
    """A fresh representation stage: by name, a copy of the one given, or the lexical one."""
    if isinstance(given, str):
        if given not in REPRESENTATIONS:
            raise ValueError(f"unknown representation {given!r}; "
                             f"use one of {sorted(REPRESENTATIONS)} or a stage")
        return REPRESENTATIONS[given]()
    return _stage(given, LexicalRepresentation)


def _stage(given, default_class):
    """A fresh, unfitted copy of the stage given, or the default stage."""
    return default_class() if given is None else clone(given)


def _centers(clusterer, vectors: np.ndarray, themes: np.ndarray) -> np.ndarray:
    """The clusterer's theme centres, or the mean vector of each theme's answers."""
    centers = getattr(clusterer, "cluster_centers_", None)
    if centers is not None:
        return np.asarray(centers)
    ids = sorted(set(themes.tolist()) - {OTHER})
    return np.array([vectors[themes == theme].mean(axis=0) for theme in ids]).reshape(
        len(ids), vectors.shape[1])
