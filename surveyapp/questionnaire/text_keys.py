"""Stable names for the texts of a questionnaire, for translators' files.

A place such as ``("pages", 0, "questions", 2, "options", 1, "label")`` changes whenever a
page or question is inserted; its key ``pages/background/questions/reasons/options/bullying/label``
does not, because list items are named by their ``id`` (or ``value``).
"""
from __future__ import annotations

from typing import Any

from .yaml_source import Path


def stable_key(data: Any, path: Path) -> str:
    parts: list[str] = []
    node = data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
        if isinstance(part, int):
            name = None
            if isinstance(node, dict):
                name = node.get("id", node.get("value"))
            parts.append(str(name) if name is not None else str(part))
        else:
            parts.append(part)
    return "/".join(parts)
