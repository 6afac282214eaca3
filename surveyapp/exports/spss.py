"""SPSS rules: valid variable names and the numeric code of "don't know".

SPSS variable names have at most 64 bytes, start with a letter, contain letters, digits and
``_`` (``.`` is legal in SPSS but we avoid it), are not reserved words and are unique without
regard to case. The export's own column names are mapped onto such names; the mapping is
kept in the codebook (``spss_name``).
"""
from __future__ import annotations

import re
from collections.abc import Iterable

MAX_NAME_BYTES = 64
RESERVED = frozenset({"all", "and", "by", "eq", "ge", "gt", "le", "lt", "ne", "not", "or", "to", "with"})
_INVALID = re.compile(r"[^A-Za-z0-9_]")


def spss_name(name: str) -> str:
    """A valid SPSS name for one column name (not yet made unique)."""
    candidate = _INVALID.sub("_", name)
    if not candidate[:1].isalpha() or candidate.lower() in RESERVED:
        candidate = f"v_{candidate}"
    return candidate[:MAX_NAME_BYTES]


def spss_names(names: Iterable[str]) -> list[str]:
    """Valid, unique SPSS names, in order; a repeated name gets the suffix _2, _3, ..."""
    taken: set[str] = set()
    result = []
    for name in names:
        base = spss_name(name)
        candidate, number = base, 1
        while candidate.lower() in taken:
            number += 1
            suffix = f"_{number}"
            candidate = base[: MAX_NAME_BYTES - len(suffix)] + suffix
        taken.add(candidate.lower())
        result.append(candidate)
    return result


def dont_know_code(scale_values: Iterable[int]) -> int:
    """The SPSS code for "don't know": 99, or 999, 9999, ... above every point of the scale."""
    highest = max(scale_values, default=0)
    code = 99
    while code <= highest:
        code = code * 10 + 9
    return code


__all__ = ["dont_know_code", "spss_name", "spss_names"]
