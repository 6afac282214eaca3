"""The words of the SYNTHETIC data set, read from ``analysis/data/synthetic/*.yaml`` once, when first needed.

- ``FAMILY.yaml`` (one per theme family the generator writes about): phrase templates per theme
  and language, short answers, off-topic answers and openers;
- ``words.yaml``: connectors, closers, planted contact details, dummy names, staff's "other"
  roles and organisations;
- ``areas.yaml``: the invented areas and schools.

Nothing is read at import: ``import analysis.synthetic`` stays cheap.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "synthetic"
THEME_FAMILIES = ("reasons_for_absence", "barriers_to_cooperation")
"""The theme families the generator writes free texts for; each has ``FAMILY.yaml``."""
PHRASE_LANGUAGES = ("fi", "sv", "en")
"""The languages free texts are written in."""

Templates = Mapping[str, list[str]]
"""Language → texts."""


@dataclass(frozen=True)
class Family:
    """The phrase templates of one theme family (see the comment at the top of its file)."""

    themes: Mapping[str, Templates]
    short: Mapping[str, Templates]
    off_topic: Templates
    openers: Templates


@dataclass(frozen=True)
class Words:
    connectors: Templates
    closers: Templates
    personal_data: Templates
    phones: Templates
    first_names: list[str]
    last_names: list[str]
    email_domains: list[str]
    other_roles: list[Mapping[str, str]]
    other_organisations: Templates


@dataclass(frozen=True)
class Area:
    slug: str
    name: str
    share: float
    languages: Mapping[str, float]
    staff_languages: Mapping[str, float]
    climate: float
    """How well cooperation works here (positive: better); shifts Likert answers and texts."""
    schools: tuple[str, ...]


def _read(name: str) -> dict[str, Any]:
    path = DATA_DIR / f"{name}.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(f"{path}: a data file of analysis.synthetic is missing") from None
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top")
    return data


@cache
def family(name: str) -> Family:
    """The templates of the theme family ``name`` (one of ``THEME_FAMILIES``)."""
    if name not in THEME_FAMILIES:
        raise KeyError(name)
    data = _read(name)
    if data.get("family") != name:
        raise ValueError(f"{DATA_DIR / name}.yaml: 'family' must be {name!r}")
    return Family(data["themes"], data["short"], data["off_topic"], data["openers"])


@cache
def phrases() -> dict[str, Mapping[str, Templates]]:
    """Theme family → theme → language → templates."""
    return {name: family(name).themes for name in THEME_FAMILIES}


@cache
def themes() -> dict[str, list[str]]:
    """Theme family → the themes the generator writes about: the codebooks' theme ids, in order."""
    return {name: list(family_themes) for name, family_themes in phrases().items()}


@cache
def words() -> Words:
    return Words(**_read("words"))


@cache
def areas() -> tuple[Area, ...]:
    return tuple(Area(**{**area, "schools": tuple(area["schools"])}) for area in _read("areas")["areas"])
