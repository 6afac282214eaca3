"""SYNTHETIC free texts composed from the phrase templates of ``analysis/data/synthetic``."""
from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from ._data import family as _family
from ._data import words as _words
from .sampling import _pick


class _Writer:
    """Free texts composed from the phrase templates (``analysis/data/synthetic/FAMILY.yaml``)."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng

    def __call__(self, family: str, themes: Sequence[str], language: str, audience: str) -> tuple[str, bool]:
        rng, templates, words = self.rng, _family(family), _words()
        if not themes:
            text = _fill(rng, _pick(rng, templates.off_topic[language]))
        elif len(themes) == 1 and rng.random() < 0.15:
            text = _pick(rng, templates.short[themes[0]][language])
        else:
            sentences = []
            for position, index in enumerate(rng.permutation(len(themes))):
                sentence = _fill(rng, _pick(rng, _templates(templates.themes[themes[int(index)]][language], audience)))
                if position:
                    connector = _pick(rng, words.connectors[language])
                    sentence = connector + _lower_first(sentence) if connector else sentence
                sentences.append(sentence)
            if rng.random() < 0.15:
                sentences.insert(0, _pick(rng, templates.openers[language]))
            if rng.random() < 0.08:
                sentences.append(_pick(rng, words.closers[language]))
            text = " ".join(sentences)
        text = _noise(rng, text)
        personal = bool(rng.random() < 0.04)
        if personal:
            text = f"{text} {_personal_data(rng, language)}"
        return text, personal


_ALTERNATIVES = re.compile(r"\{(?:(\w+):)?([^{}]*)\}")
_TAG = re.compile(r"([GPS]):\s*")


def _fill(rng: np.random.Generator, template: str) -> str:
    """Expand ``{a|b|c}``; groups with the same label (``{g:he|she} ... {g:him|her}``) agree."""
    chosen: dict[str, int] = {}

    def replace(match: re.Match[str]) -> str:
        label, options = match.group(1), match.group(2).split("|")
        if label is None:
            return options[int(rng.integers(len(options)))]
        index = chosen.setdefault(label, int(rng.integers(len(options))))
        return options[index % len(options)]

    return _ALTERNATIVES.sub(replace, template)


def _templates(templates: Sequence[str], audience: str) -> list[str]:
    """The templates for ``audience`` (G guardians, P pupils, S staff); untagged ones suit all."""
    chosen = []
    for template in templates:
        tag = _TAG.match(template)
        if tag is None:
            chosen.append(template)
        elif tag.group(1) == audience:
            chosen.append(template[tag.end():])
    return chosen or [_TAG.sub("", t, count=1) for t in templates]


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:] if len(text) > 1 and text[1].islower() else text


def _noise(rng: np.random.Generator, text: str) -> str:
    """Now and then a typo (two letters swapped) or a hurried all-lower-case answer."""
    if rng.random() < 0.05:
        words = text.split(" ")
        long = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
        if long:
            i = _pick(rng, long)
            j = int(rng.integers(1, len(words[i]) - 2))
            w = words[i]
            words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
            text = " ".join(words)
    if rng.random() < 0.10:
        text = text.lower().rstrip(".!")
    return text


def _personal_data(rng: np.random.Generator, language: str) -> str:
    words = _words()
    first = _pick(rng, words.first_names)
    last = _pick(rng, words.last_names)
    email = f"{first}.{last}{int(rng.integers(1, 99))}@example.{_pick(rng, words.email_domains)}"
    phone = _pick(rng, words.phones[language])
    return _pick(rng, words.personal_data[language]).format(email=email, phone=phone)
