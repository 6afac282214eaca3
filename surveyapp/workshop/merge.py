"""Merging two edits of the same text so that nothing typed is lost. No Flask here.

``merge(base, mine, theirs)``: ``base`` is the text both writers started from, ``theirs`` the
text saved meanwhile, ``mine`` the text being saved now. Line by line (difflib), changes to
different lines are both applied, and lines both writers added at the same place are kept
(theirs first). Where both changed the same lines, their text is kept and the lines of mine
that it lacks are appended under a marker line, so that a person can tidy up.
"""
from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

MARKER = "———"


@dataclass(frozen=True)
class Merged:
    text: str
    conflict: bool
    """True when the marker had to be used (both changed the same lines)."""


@dataclass(frozen=True)
class _Change:
    start: int
    end: int
    lines: tuple[str, ...]


def _changes(base: list[str], other: list[str]) -> list[_Change]:
    matcher = SequenceMatcher(a=base, b=other, autojunk=False)
    return [
        _Change(i1, i2, tuple(other[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def _overlap(a: _Change, b: _Change) -> bool:
    if a.start == a.end or b.start == b.end:  # an insertion: only inside the other's range
        point, other = (a, b) if a.start == a.end else (b, a)
        return other.start < point.start < other.end
    return a.start < b.end and b.start < a.end


def merge(base: str, mine: str, theirs: str) -> Merged:
    if mine == theirs or mine == base:
        return Merged(theirs, False)
    if theirs == base:
        return Merged(mine, False)
    base_lines, mine_lines, their_lines = base.split("\n"), mine.split("\n"), theirs.split("\n")
    ours, others = _changes(base_lines, mine_lines), _changes(base_lines, their_lines)
    if any(_overlap(a, b) and a != b for a in ours for b in others):
        return Merged(_append_missing(theirs, mine_lines, their_lines), True)
    # apply both sets of changes from the end backwards; at one point theirs come first
    combined: list[tuple[int, int, int, _Change]] = []
    for order, changes in ((0, others), (1, ours)):
        for change in changes:
            if order == 1 and change in others:
                continue  # the same change made by both: once
            combined.append((change.start, 0 if change.start == change.end else 1, order, change))
    result = list(base_lines)
    for _start, _kind, _order, change in sorted(combined, key=lambda c: (c[0], c[1], c[2]), reverse=True):
        result[change.start:change.end] = list(change.lines)
    return Merged("\n".join(result), False)


def _append_missing(theirs: str, mine_lines: list[str], their_lines: list[str]) -> str:
    present = set(their_lines)
    missing = [line for line in mine_lines if line.strip() and line not in present]
    if not missing:
        return theirs
    return "\n".join([theirs.rstrip("\n"), MARKER, *missing])
