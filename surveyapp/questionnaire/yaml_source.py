"""Strict YAML reading that remembers where each value came from.

Safe loading only (no Python tags), no anchors or aliases (they allow exponential
"billion laughs" documents), no duplicate keys (PyYAML would silently keep the last one),
YAML 1.2-style booleans (``no`` and ``on`` stay strings), and a line number for every path.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

Path = tuple[str | int, ...]
MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 40  # a questionnaire needs about 10
MAX_NODES = 20_000  # the shipped questionnaires have about 1,600
_BOOLEAN_WORDS = {"true", "false"}
_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


@dataclass
class SourceError(Exception):
    line: int | None
    reason: str


class _StrictLoader(yaml.SafeLoader):
    nodes = 0

    def compose_node(self, parent: Any, index: Any) -> Any:  # type: ignore[override]
        self.nodes += 1
        if self.nodes > MAX_NODES:
            event = self.peek_event()
            raise SourceError(event.start_mark.line + 1, f"more than {MAX_NODES:,} values: not a questionnaire")
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise SourceError(event.start_mark.line + 1, "anchors and aliases (*name) are not allowed")
        return super().compose_node(parent, index)


def read_yaml(text: str | bytes) -> tuple[Any, dict[Path, int]]:
    """Parse one YAML document; return the data and a map from path to line number."""
    size = len(text) if isinstance(text, bytes) else len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_FILE_BYTES:
        raise SourceError(None, f"the file is larger than {MAX_FILE_BYTES:,} bytes")
    try:
        loader = _StrictLoader(text)
    except yaml.YAMLError as exc:  # e.g. control characters, caught by the reader
        raise SourceError(None, f"not valid YAML: {exc}") from None
    try:
        try:
            node = loader.get_single_node()
        except RecursionError:
            raise SourceError(None, f"nested deeper than {MAX_DEPTH} levels") from None
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else None
            raise SourceError(line, f"not valid YAML: {exc.problem or exc.context}") from None
        except yaml.YAMLError as exc:
            raise SourceError(None, f"not valid YAML: {exc}") from None
        if node is None:
            raise SourceError(1, "the file is empty")
        marks: dict[Path, int] = {}
        data = _construct(loader, node, (), marks)

        return data, marks
    finally:
        loader.dispose()


def _construct(loader: _StrictLoader, node: yaml.Node, path: Path, marks: dict[Path, int]) -> Any:
    if len(path) > MAX_DEPTH:
        raise SourceError(node.start_mark.line + 1, f"nested deeper than {MAX_DEPTH} levels")
    marks.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _COLLECTION_TAGS:
        raise SourceError(node.start_mark.line + 1, f"unsupported value: the tag {node.tag!r} is not allowed")
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise SourceError(key_node.start_mark.line + 1, "a key must be a plain word")
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise SourceError(key_node.start_mark.line + 1, "merge keys (<<) are not allowed")
            key = str(key_node.value)
            if key in result:
                raise SourceError(key_node.start_mark.line + 1, f"the key {key!r} appears twice")
            child = (*path, key)
            marks[child] = key_node.start_mark.line + 1
            result[key] = _construct(loader, value_node, child, marks)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(loader, item, (*path, i), marks) for i, item in enumerate(node.value)]
    try:
        value = loader.construct_object(node)
    except yaml.constructor.ConstructorError as exc:
        raise SourceError(node.start_mark.line + 1, f"unsupported value: {exc.problem}") from None
    except (ValueError, TypeError, IndexError, KeyError, OverflowError) as exc:
        # e.g. "!!int" on a word, an integer of thousands of digits, "!!timestamp 2001-99-99"
        raise SourceError(node.start_mark.line + 1, f"a value that cannot be read: {exc}") from None
    if isinstance(value, bool) and str(node.value).lower() not in _BOOLEAN_WORDS:
        return str(node.value)
    if value is not None and not isinstance(value, (str, int, float, bool)):
        # dates, binary and other YAML types: keep the text as written
        return str(node.value)
    return value
