"""Theme labels: class-based TF-IDF over lemmas (as in BERTopic), per language, and quotes.

All the answers of a theme are treated as one document, and a lemma scores high for a theme
when it is frequent in that theme and rare over all themes::

    weight(t, c) = tf(t, c) / sum_t' tf(t', c)  *  log(1 + A / f(t))

where ``tf(t, c)`` counts lemma t in theme c, ``f(t)`` counts it over all themes and ``A`` is
the average number of lemmas per theme. The weights are computed once over all languages (for
the label) and once within each language (for the terms per language), since a Swedish term
is only comparable with other Swedish terms.

The label joins the top ``n_label_terms`` terms (over all languages, or in ``label_language``).
Quotes are the screened answers closest to the theme's centre (given ``embeddings`` and
``centers``; otherwise those whose lemmas weigh most), per language, without duplicates.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from numbers import Integral

import numpy as np
from sklearn.utils.validation import check_is_fitted

from analysis.text import PreparedText

from ._base import OTHER, BaseLabeller, as_prepared
from .result import Theme

__all__ = ["ClassTfidfLabeller", "class_tfidf"]


def class_tfidf(lemmas_by_class: dict[int, Counter]) -> dict[int, dict[str, float]]:
    """Class-based TF-IDF weights: class -> lemma -> weight (see the module doc)."""
    totals: Counter = Counter()
    for counts in lemmas_by_class.values():
        totals.update(counts)
    if not totals:
        return {c: {} for c in lemmas_by_class}
    average = sum(totals.values()) / len(lemmas_by_class)
    weights = {}
    for c, counts in lemmas_by_class.items():
        size = sum(counts.values())
        weights[c] = {term: count / size * np.log1p(average / totals[term])
                      for term, count in counts.items()} if size else {}
    return weights


def _top(weights: dict[str, float], n: int) -> tuple[str, ...]:
    ranked = sorted(weights.items(), key=lambda item: (-item[1], item[0]))
    return tuple(term for term, _ in ranked[:n])


class ClassTfidfLabeller(BaseLabeller):
    """Labels, top terms per language and representative quotes for each theme.

    Parameters
    ----------
    n_terms : int
        Top terms kept per theme (overall and per language).
    n_label_terms : int
        Terms in the label (2-3 read well).
    n_quotes : int
        Quotes per theme and language.
    label_language : str or None
        Build labels from this language's terms (falling back to all languages when a theme has
        no answer in it); None: from the terms over all languages.
    separator : str
        Between the label's terms.
    """

    def __init__(self, *, n_terms: int = 10, n_label_terms: int = 3, n_quotes: int = 3,
                 label_language: str | None = None, separator: str = " · ") -> None:
        self.n_terms = n_terms
        self.n_label_terms = n_label_terms
        self.n_quotes = n_quotes
        self.label_language = label_language
        self.separator = separator

    def fit(self, documents: Sequence[PreparedText | str], labels: Sequence[int], *,
            embeddings: np.ndarray | None = None,
            centers: np.ndarray | None = None) -> ClassTfidfLabeller:
        documents = as_prepared(documents)
        labels = np.asarray(labels, dtype=int)
        if labels.shape != (len(documents),):
            raise ValueError(f"{len(labels)} labels for {len(documents)} answers")
        for name in ("n_terms", "n_label_terms", "n_quotes"):
            if not isinstance(getattr(self, name), Integral) or getattr(self, name) < 0:
                raise ValueError(f"{name} must be an integer >= 0")
        if (embeddings is None) != (centers is None):
            raise ValueError("give both embeddings and centers, or neither")
        ids = sorted(set(labels.tolist()) - {OTHER})
        if embeddings is not None:
            embeddings = np.asarray(embeddings)
            if len(embeddings) != len(documents) or len(centers) < len(ids):
                raise ValueError("embeddings need one row per answer and centers one per theme")

        members = {c: np.flatnonzero(labels == c) for c in ids}
        languages = sorted({documents[i].language for i in np.flatnonzero(labels != OTHER)})
        overall = class_tfidf({c: Counter(t for i in members[c] for t in documents[i].lemmas)
                               for c in ids})
        by_language = {}
        for language in languages:
            counts = {c: Counter(t for i in members[c] if documents[i].language == language
                                 for t in documents[i].lemmas) for c in ids}
            by_language[language] = class_tfidf({c: n for c, n in counts.items() if n})

        self.themes_ = []
        for c in ids:
            sizes = Counter(documents[i].language for i in members[c])
            terms = {language: _top(weights[c], self.n_terms)
                     for language, weights in by_language.items() if c in weights}
            quotes = {language: self._quotes(documents, members[c], language, c, overall[c],
                                             embeddings, centers)
                      for language in languages if sizes.get(language)}
            self.themes_.append(Theme(
                id=int(c), label=self._label(overall[c], terms), size=int(len(members[c])),
                size_by_language=dict(sorted(sizes.items())),
                top_terms=_top(overall[c], self.n_terms),
                top_terms_by_language={k: v for k, v in terms.items() if v},
                quotes_by_language={k: v for k, v in quotes.items() if v},
            ))
        return self

    def _label(self, overall: dict[str, float], terms: dict[str, tuple[str, ...]]) -> str:
        chosen = terms.get(self.label_language) or _top(overall, self.n_label_terms)
        return self.separator.join(chosen[:self.n_label_terms]) or "(no terms)"

    def _quotes(self, documents: list[PreparedText], members: np.ndarray, language: str,
                theme: int, weights: dict[str, float], embeddings: np.ndarray | None,
                centers: np.ndarray | None) -> tuple[str, ...]:
        candidates = [i for i in members if documents[i].language == language]
        if embeddings is not None:
            distance = np.linalg.norm(embeddings[candidates] - centers[theme], axis=1)
            order = [candidates[j] for j in np.lexsort((candidates, distance))]
        else:
            def weight(i: int) -> float:
                lemmas = documents[i].lemmas
                return sum(weights.get(t, 0.0) for t in lemmas) / len(lemmas) if lemmas else 0.0
            order = sorted(candidates, key=lambda i: (-weight(i), i))
        quotes: dict[str, None] = {}
        for i in order:
            if len(quotes) >= self.n_quotes:
                break
            quotes.setdefault(documents[i].screened.strip(), None)
        return tuple(quotes)

    def get_themes(self) -> list[Theme]:
        check_is_fitted(self, "themes_")
        return list(self.themes_)
