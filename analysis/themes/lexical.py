"""The lexical stages: TF-IDF + LSA vectors (no model, no network) and KMeans themes.

:class:`LexicalRepresentation` joins up to three TF-IDF blocks, each L2-normalised per answer
and weighted:

* lemmas (``word_weight``): sublinear term frequency over the content lemmas;
* glossary concepts (``concept_weight``): the shared concepts of :mod:`.concepts`, which
  connect answers written in different languages (lemmas hardly ever do);
* character n-grams (``char_weight``, 0 = off): ``char_wb`` 3-5-grams of the screened text,
  which catch compounds and misspellings (``koulukiusaaminen``, ``kiusaamis``).

then reduces them with TruncatedSVD (LSA) to ``n_components`` dimensions, normalises each row,
and, with ``center_languages``, subtracts each language's mean vector and normalises again, so
that answers group by what they say rather than by the language they are written in.

:class:`ThemeClusterer` runs KMeans. With ``n_themes=None`` it tries every k from ``min_themes``
to ``max_themes`` (at most n - 1) and keeps the k with the best product of the silhouette and the
stability (mean adjusted Rand index between runs started from different seeds: a k whose themes
change with the seed is not a finding); with more than ``search_sample_size`` answers, k is
chosen on a random sample and only the chosen k is fitted on all. Answers far from their theme's
centre (``other``: by cosine distance, beyond the upper Tukey fence of all the distances by
default) and themes with fewer than ``min_theme_size`` answers go to "other" (-1) instead of
being forced.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import combinations
from numbers import Integral, Real

import numpy as np
from scipy import sparse
from sklearn.base import TransformerMixin
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score, silhouette_score
from sklearn.preprocessing import normalize
from sklearn.utils import check_array, check_random_state
from sklearn.utils.validation import check_is_fitted

from analysis.text import PreparedText, without_placeholders

from ._base import OTHER, BaseClusterer, BaseRepresentation, as_prepared
from .concepts import concept_source

__all__ = ["LexicalRepresentation", "ThemeClusterer"]


def _analyse_tokens(tokens: Sequence[str]) -> Sequence[str]:
    """The analyzer of a TF-IDF over lists of tokens (module-level, so estimators pickle)."""
    return tokens


def _char_input(document: PreparedText) -> str:
    return without_placeholders(document.screened).lower()


class LexicalRepresentation(BaseRepresentation):
    """TF-IDF on lemmas, glossary concepts and (optionally) character n-grams, then LSA.

    Parameters
    ----------
    n_components : int
        LSA dimensions (at most one fewer than the answers and the features).
    word_weight, concept_weight, char_weight : float
        Weights of the three blocks; 0 leaves a block out. Characters are off by default: they
        cost about four times as much, and without centring they group answers by language
        even more strongly than words do (docs/benchmarks.md).
    concepts : "attendance", "codebooks", sequence of codebook names, mapping or None
        Where the concepts come from (:func:`.concepts.concept_source`): the built-in glossary
        :data:`.concepts.ATTENDANCE`, the themes that ``analysis.codebook``'s coder finds with
        the shipped (or the named) codebooks, a glossary of your own, or none.
    char_ngram_range : (int, int)
        Lengths of the character n-grams.
    min_df : "auto", int or float
        As in TfidfVectorizer; "auto" is 1 for fewer than 50 answers, else 2.
    center_languages : bool
        Subtract each language's mean vector (learned in ``fit``) before normalising.
    center_shrinkage : float
        How many answers' worth of the overall mean go into each language's mean, so that a
        language with a handful of answers is not centred on itself (which would erase them).
    random_state : int, RandomState or None
        For the randomised SVD.
    """

    def __init__(self, *, n_components: int = 100, word_weight: float = 1.0,
                 concept_weight: float = 1.0, char_weight: float = 0.0,
                 concepts: str | Mapping | Sequence[str] | None = "attendance",
                 char_ngram_range: tuple[int, int] = (3, 5), min_df: str | int | float = "auto",
                 center_languages: bool = True, center_shrinkage: float = 10.0,
                 random_state: int | None = 0) -> None:
        self.n_components = n_components
        self.word_weight = word_weight
        self.concept_weight = concept_weight
        self.char_weight = char_weight
        self.concepts = concepts
        self.char_ngram_range = char_ngram_range
        self.min_df = min_df
        self.center_languages = center_languages
        self.center_shrinkage = center_shrinkage
        self.random_state = random_state

    # --- fitting ---------------------------------------------------------------------------

    def _validate(self, n_documents: int) -> None:
        if not isinstance(self.n_components, Integral) or self.n_components < 1:
            raise ValueError(f"n_components must be a positive integer, not {self.n_components!r}")
        weights = (self.word_weight, self.concept_weight, self.char_weight)
        if any(not isinstance(w, Real) or w < 0 for w in weights) or not any(weights):
            raise ValueError("the block weights must be >= 0 and at least one > 0")
        if not isinstance(self.center_shrinkage, Real) or self.center_shrinkage < 0:
            raise ValueError(f"center_shrinkage must be >= 0, not {self.center_shrinkage!r}")
        if n_documents < 2:
            raise ValueError(f"LexicalRepresentation needs at least 2 answers, got {n_documents}")

    def _min_df(self, n_documents: int) -> int | float:
        if self.min_df == "auto":
            return 1 if n_documents < 50 else 2
        return self.min_df

    def _fit(self, documents: list[PreparedText]) -> np.ndarray:
        self._validate(len(documents))
        min_df = self._min_df(len(documents))
        self.concept_source_ = concept_source(self.concepts) if self.concept_weight else None
        self.vectorizers_: dict[str, TfidfVectorizer] = {}
        blocks = []
        for name, weight in self._weights().items():
            if not weight or (name == "concepts" and self.concept_source_ is None):
                continue
            vectorizer = self._vectorizer(name, min_df)
            try:
                matrix = vectorizer.fit_transform(self._inputs(name, documents))
            except ValueError:  # no feature survived min_df (e.g. no concept mentioned)
                continue
            self.vectorizers_[name] = vectorizer
            blocks.append(matrix * np.sqrt(weight))
        if not blocks:
            raise ValueError("the answers have no words to represent (all empty or stop words)")
        matrix = sparse.hstack(blocks).tocsr()
        self.n_terms_ = matrix.shape[1]
        n_components = min(self.n_components, matrix.shape[0] - 1, matrix.shape[1] - 1)
        if n_components >= 1:
            self.svd_ = TruncatedSVD(n_components=n_components, random_state=self.random_state)
            vectors = self.svd_.fit_transform(matrix)
        else:  # a single feature: nothing to reduce
            self.svd_ = None
            vectors = matrix.toarray()
        vectors = normalize(vectors)
        self.n_components_ = vectors.shape[1]
        languages = np.array([document.language for document in documents])
        self.mean_ = vectors.mean(axis=0)
        self.language_means_ = {}
        if self.center_languages:
            prior = self.center_shrinkage
            for language in sorted(set(languages)):
                rows = vectors[languages == language]
                self.language_means_[language] = ((rows.sum(axis=0) + prior * self.mean_)
                                                  / (len(rows) + prior))
        return self._center(vectors, languages)

    def _weights(self) -> dict[str, float]:
        return {"words": self.word_weight, "concepts": self.concept_weight,
                "chars": self.char_weight}

    def _vectorizer(self, name: str, min_df: int | float) -> TfidfVectorizer:
        if name == "chars":
            return TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(self.char_ngram_range),
                                   sublinear_tf=True, min_df=min_df, dtype=np.float32)
        return TfidfVectorizer(analyzer=_analyse_tokens, sublinear_tf=True,
                               min_df=min_df if name == "words" else 1)

    def _inputs(self, name: str, documents: Sequence[PreparedText]) -> list:
        if name == "words":
            return [document.lemmas for document in documents]
        if name == "concepts":
            return self.concept_source_(documents)
        return [_char_input(document) for document in documents]

    def _center(self, vectors: np.ndarray, languages: np.ndarray) -> np.ndarray:
        if not self.language_means_:
            return vectors
        empty = ~vectors.any(axis=1)
        means = np.array([self.language_means_.get(language, self.mean_) for language in languages])
        centred = vectors - means.reshape(vectors.shape)
        centred[empty] = 0.0  # an answer with no known word stays at the origin
        return normalize(centred)

    # --- transforming ----------------------------------------------------------------------

    def transform(self, documents: Sequence[PreparedText | str]) -> np.ndarray:
        check_is_fitted(self, "vectorizers_")
        documents = as_prepared(documents)
        weights = self._weights()
        matrix = sparse.hstack([
            vectorizer.transform(self._inputs(name, documents)) * np.sqrt(weights[name])
            for name, vectorizer in self.vectorizers_.items()
        ]).tocsr()
        vectors = normalize(self.svd_.transform(matrix) if self.svd_ is not None
                            else matrix.toarray())
        return self._center(vectors, np.array([document.language for document in documents]))

    def get_feature_names_out(self, input_features: None = None) -> np.ndarray:
        check_is_fitted(self, "vectorizers_")
        return np.array([f"lsa{index}" for index in range(self.n_components_)], dtype=object)


def _cosine_distance(X: np.ndarray, centers: np.ndarray) -> np.ndarray:
    """1 - cosine similarity between each row and its centre (1 for a zero vector)."""
    norms = np.linalg.norm(X, axis=1) * np.linalg.norm(centers, axis=1)
    similarity = np.divide((X * centers).sum(axis=1), norms, out=np.zeros(len(X)), where=norms > 0)
    return 1.0 - similarity


class ThemeClusterer(TransformerMixin, BaseClusterer):
    """KMeans themes with an automatic number of themes and an "other" group.

    Parameters
    ----------
    n_themes : int or None
        A fixed number of themes, or None to choose it from ``min_themes`` .. ``max_themes``.
    min_themes, max_themes : int
        The range tried when ``n_themes`` is None (bounded by the number of answers - 1).
    n_seeds : int
        KMeans runs per k, each from another seed; the best (lowest inertia) is kept and their
        agreement (mean pairwise adjusted Rand index) is the stability.
    other : "iqr", float in (0, 1) or None
        Which answers are too far from their theme's centre, by cosine distance (1 - cosine
        similarity, 1 for an answer that shares nothing with it): beyond Q3 + 1.5 IQR of the
        distances ("iqr"), beyond the given quantile of the distances, or none (None).
    min_theme_size : int
        Themes with fewer answers go to "other" (5: the suppression threshold for small groups).
    silhouette_sample_size : int
        The silhouette is computed on at most this many answers (it costs n^2).
    search_sample_size : int or None
        With more answers, k is chosen (silhouette x stability) on a random sample of this
        many, and only the chosen k is then fitted on all answers, started from the sample's
        centres: 100,000 answers cost about as much as 10,000 (docs/benchmarks.md). None: all.
    random_state : int, RandomState or None
        Seeds the KMeans runs and the samples.
    """

    def __init__(self, *, n_themes: int | None = None, min_themes: int = 2, max_themes: int = 12,
                 n_seeds: int = 5, other: str | float | None = "iqr", min_theme_size: int = 5,
                 silhouette_sample_size: int = 3000, search_sample_size: int | None = 10_000,
                 random_state: int | None = 0) -> None:
        self.n_themes = n_themes
        self.min_themes = min_themes
        self.max_themes = max_themes
        self.n_seeds = n_seeds
        self.other = other
        self.min_theme_size = min_theme_size
        self.silhouette_sample_size = silhouette_sample_size
        self.search_sample_size = search_sample_size
        self.random_state = random_state

    def _candidates(self, n_samples: int) -> list[int]:
        """The numbers of themes to try, for ``n_samples`` distinct rows."""
        if self.n_themes is not None:
            if not isinstance(self.n_themes, Integral) or self.n_themes < 1:
                raise ValueError("n_themes must be a positive integer or None, "
                                 f"not {self.n_themes!r}")
            return [min(self.n_themes, n_samples)]
        if not (isinstance(self.min_themes, Integral) and isinstance(self.max_themes, Integral)
                and 2 <= self.min_themes <= self.max_themes):
            raise ValueError("need 2 <= min_themes <= max_themes")
        high = min(self.max_themes, n_samples - 1)
        return list(range(min(self.min_themes, high), high + 1)) if high >= 2 else [1]

    def _validate(self) -> None:
        if not isinstance(self.n_seeds, Integral) or self.n_seeds < 1:
            raise ValueError(f"n_seeds must be a positive integer, not {self.n_seeds!r}")
        if not (self.other is None or self.other == "iqr"
                or (isinstance(self.other, Real) and 0 < self.other < 1)):
            raise ValueError("other must be 'iqr', a quantile in (0, 1) or None, "
                             f"not {self.other!r}")
        if not isinstance(self.min_theme_size, Integral) or self.min_theme_size < 1:
            raise ValueError("min_theme_size must be a positive integer, "
                             f"not {self.min_theme_size!r}")
        if self.search_sample_size is not None and (
                not isinstance(self.search_sample_size, Integral) or self.search_sample_size < 2):
            raise ValueError("search_sample_size must be an integer >= 2 or None, "
                             f"not {self.search_sample_size!r}")

    def fit(self, X: np.ndarray, y: None = None) -> ThemeClusterer:
        X = check_array(X, dtype=[np.float64, np.float32], ensure_min_samples=2)
        self._validate()
        self.n_features_in_ = X.shape[1]
        rng = check_random_state(self.random_state)
        seeds = rng.randint(np.iinfo(np.int32).max, size=self.n_seeds)
        silhouette_seed = int(rng.randint(np.iinfo(np.int32).max))
        sample = X
        if self.search_sample_size is not None and X.shape[0] > self.search_sample_size:
            sample = X[np.sort(rng.choice(X.shape[0], self.search_sample_size, replace=False))]
        self.scores_, runs = [], {}
        n_distinct = np.unique(sample, axis=0).shape[0]  # identical answers cannot be split
        for k in self._candidates(n_distinct):
            models = [KMeans(n_clusters=k, n_init=1, random_state=int(seed)).fit(sample)
                      for seed in seeds]
            best = min(models, key=lambda model: model.inertia_)
            stability = (float(np.mean([adjusted_rand_score(a.labels_, b.labels_)
                                        for a, b in combinations(models, 2)]))
                         if len(models) > 1 and k > 1 else 1.0)
            silhouette = self._silhouette(sample, best.labels_, silhouette_seed)
            score = max(silhouette, 0.0) * stability if np.isfinite(silhouette) else 0.0
            self.scores_.append({"k": k, "silhouette": silhouette, "stability": stability,
                                 "score": score})
            runs[k] = best
        chosen = max(self.scores_, key=lambda row: (row["score"], -row["k"]))
        self.n_clusters_, self.silhouette_, self.stability_ = (
            chosen["k"], chosen["silhouette"], chosen["stability"])
        model = runs[chosen["k"]]
        if sample is not X:  # refine the sample's themes on all answers
            model = KMeans(n_clusters=model.n_clusters, init=model.cluster_centers_,
                           n_init=1).fit(X)
        self._finish(X, model)
        return self

    def _silhouette(self, X: np.ndarray, labels: np.ndarray, seed: int) -> float:
        if not 1 < len(set(labels)) < X.shape[0]:
            return float("nan")
        size = self.silhouette_sample_size if X.shape[0] > self.silhouette_sample_size else None
        return float(silhouette_score(X, labels, sample_size=size, random_state=seed))

    def _finish(self, X: np.ndarray, model: KMeans) -> None:
        """Turn far answers and small themes into "other"; number themes by size."""
        labels = model.labels_.copy()
        distances = _cosine_distance(X, model.cluster_centers_[labels])
        self.distance_threshold_ = self._threshold(distances)
        labels[distances > self.distance_threshold_] = OTHER
        sizes = np.bincount(labels[labels != OTHER], minlength=model.n_clusters)
        kept = [c for c in range(model.n_clusters) if sizes[c] >= self.min_theme_size]
        kept.sort(key=lambda c: (-sizes[c], int(np.flatnonzero(labels == c)[0])))
        renumber = np.full(model.n_clusters, OTHER)
        renumber[kept] = np.arange(len(kept))
        self.labels_ = np.where(labels == OTHER, OTHER, renumber[np.maximum(labels, 0)])
        self.cluster_centers_ = model.cluster_centers_[kept]
        self.n_themes_ = len(kept)

    def _threshold(self, distances: np.ndarray) -> float:
        if self.other is None:
            return float("inf")
        if self.other == "iqr":
            q1, q3 = np.percentile(distances, [25, 75])
            return float(q3 + 1.5 * (q3 - q1))
        return float(np.quantile(distances, self.other))

    def _check(self, X: np.ndarray) -> np.ndarray:
        check_is_fitted(self, "cluster_centers_")
        X = check_array(X, dtype=[np.float64, np.float32])
        if X.shape[1] != self.n_features_in_:
            raise ValueError(f"X has {X.shape[1]} features, but {type(self).__name__} is "
                             f"expecting {self.n_features_in_} features as input.")
        return X

    def transform(self, X: np.ndarray) -> np.ndarray:
        """Euclidean distances from each row to each theme's centre, (n, n_themes_)."""
        X = self._check(X)
        return np.linalg.norm(X[:, None, :] - self.cluster_centers_[None, :, :], axis=2)

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The nearest theme of each row, or "other" when it is too far from that theme."""
        X = self._check(X)
        if self.n_themes_ == 0:
            return np.full(X.shape[0], OTHER)
        nearest = self.transform(X).argmin(axis=1)
        far = _cosine_distance(X, self.cluster_centers_[nearest]) > self.distance_threshold_
        return np.where(far, OTHER, nearest)

    def fit_predict(self, X: np.ndarray, y: None = None) -> np.ndarray:
        return self.fit(X).labels_
