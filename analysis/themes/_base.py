"""The three stages of a theme pipeline, each a tiny base class that a new backend subclasses.

1. A *representation* turns prepared answers (:class:`analysis.text.PreparedText`) into dense
   vectors of unit length, one row per answer (``fit``, ``transform``).
2. A *clusterer* assigns each vector a theme ``0 .. n_themes_ - 1``, or :data:`OTHER` (-1) for
   an answer that fits no theme (``fit``, ``predict``; ``labels_``, ``cluster_centers_``,
   ``n_themes_``, ``silhouette_``, ``stability_``).
3. A *labeller* describes each theme from its answers: a short label, the top terms and the most
   representative quotes per language (``fit``; ``themes_``, a list of
   :class:`analysis.themes.result.Theme`).

Each stage follows the scikit-learn rules: ``__init__`` only stores keyword-only parameters,
``fit`` validates, learns attributes ending in ``_`` and returns ``self``, and the other methods
start with ``check_is_fitted``. So stages can be cloned, compared with ``get_params`` and swapped
in :class:`analysis.themes.pipeline.ThemePipeline` (an embedding representation, HDBSCAN, ...).
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.base import BaseEstimator, ClusterMixin, TransformerMixin

from analysis.text import PreparedText, prepare

__all__ = ["OTHER", "BaseClusterer", "BaseLabeller", "BaseRepresentation", "as_prepared"]

OTHER = -1
"""The theme of answers that fit no theme ("other")."""


def as_prepared(documents: Sequence[PreparedText | str]) -> list[PreparedText]:
    """Prepared answers as they are; plain strings are prepared with the default languages."""
    documents = list(documents)
    if documents and all(isinstance(document, PreparedText) for document in documents):
        return documents
    if all(isinstance(document, str) for document in documents):
        return prepare(documents)
    raise TypeError("expected analysis.text.PreparedText objects or strings, not a mixture")


class BaseRepresentation(TransformerMixin, BaseEstimator):
    """Stage 1: prepared answers -> an array (n_answers, n_dimensions) of unit-length rows."""

    def fit(self, documents: Sequence[PreparedText | str], y: None = None) -> BaseRepresentation:
        self._fit(as_prepared(documents))
        return self

    def fit_transform(self, documents: Sequence[PreparedText | str], y: None = None) -> np.ndarray:
        return self._fit(as_prepared(documents))

    def _fit(self, documents: list[PreparedText]) -> np.ndarray:
        """Learn from ``documents`` and return their vectors (a subclass implements this)."""
        raise NotImplementedError

    def transform(self, documents: Sequence[PreparedText | str]) -> np.ndarray:
        raise NotImplementedError


class BaseClusterer(ClusterMixin, BaseEstimator):
    """Stage 2: vectors -> theme per row (``labels_``), :data:`OTHER` for no theme."""

    def fit(self, X: np.ndarray, y: None = None) -> BaseClusterer:
        raise NotImplementedError

    def predict(self, X: np.ndarray) -> np.ndarray:
        raise NotImplementedError


class BaseLabeller(BaseEstimator):
    """Stage 3: answers and their themes -> ``themes_``, one description per theme."""

    def fit(self, documents: Sequence[PreparedText | str], labels: Sequence[int], *,
            embeddings: np.ndarray | None = None,
            centers: np.ndarray | None = None) -> BaseLabeller:
        raise NotImplementedError
