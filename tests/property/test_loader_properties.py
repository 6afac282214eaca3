"""The questionnaire loader: any input either loads or is refused with QuestionnaireInvalid.

Nothing else may escape it (``verkosto validate`` and the coming upload form rely on that), a
refusal names the file and says why, and what loads can be stored as JSON and loaded again,
as a campaign does with its questionnaire version.
"""
from __future__ import annotations

import copy
import json
import math
from typing import Any

import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from surveyapp.questionnaire.errors import QuestionnaireInvalid
from surveyapp.questionnaire.loader import from_definition, load_text
from surveyapp.questionnaire.model import Questionnaire

from ..conftest import DATA
from . import SETTINGS

SOURCE = "generated.yaml"
BASE = yaml.safe_load((DATA / "small.yaml").read_text(encoding="utf-8"))

YAML_ALPHABET = st.sampled_from(list("{}[]:-,&*!|>'\"%@`#?~=<. \n\t\\") + list("abcxyz019_") + ["\u00e4", "\x00", "\x85"])
yaml_like_text = st.lists(
    st.one_of(
        YAML_ALPHABET,
        st.sampled_from(["format: 1\n", "id: x\n", "pages:\n", "  - ", "!!python/object ", "&a ", "*a", "<<: ",
                         "!!binary ", "0x", "1e9", ".inf", ".nan", "~", "null", "yes", "no", "---\n", "...\n",
                         "%YAML 1.1\n", "? ", "!!str ", "!!int ", "!!float ", "2001-01-01", "1_000"]),
    ),
    max_size=60,
).map("".join)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["fi", "sv", "en", "single_choice", "matrix", "number", "guardians", "other", "dont_know"]),
)
json_like = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=30,
)


def loads_or_is_refused(load) -> Questionnaire | None:
    try:
        return load()
    except QuestionnaireInvalid as exc:
        assert exc.problems, "refused without saying why"
        for problem in exc.problems:
            assert problem.source == SOURCE and problem.reason, problem
            assert str(problem).startswith(SOURCE), str(problem)
        return None


def storable(questionnaire: Questionnaire) -> None:
    """Stored as JSON (strict: PostgreSQL's json refuses NaN and Infinity) and loaded again."""
    stored = json.loads(json.dumps(questionnaire.definition, allow_nan=False))
    again = from_definition(stored, source=SOURCE)
    assert again == questionnaire


@SETTINGS
@given(st.text(max_size=300))
@example("a: 1" + "0" * 5_000)  # Python will not convert integers of more than 4,300 digits
@example("\ufeff\x00")
def test_arbitrary_text_loads_or_is_refused(text):
    loads_or_is_refused(lambda: load_text(text, source=SOURCE))


@SETTINGS
@given(yaml_like_text)
@example("!!int ")  # found by Hypothesis: PyYAML's constructors raise IndexError, ValueError
@example("!!float 0x")
def test_yaml_like_text_loads_or_is_refused(text):
    loads_or_is_refused(lambda: load_text(text, source=SOURCE))


@SETTINGS
@given(st.binary(max_size=300))
def test_arbitrary_bytes_load_or_are_refused(raw):
    loads_or_is_refused(lambda: load_text(raw, source=SOURCE))


@SETTINGS
@given(json_like)
def test_arbitrary_structures_load_or_are_refused(data):
    loads_or_is_refused(lambda: from_definition(data, source=SOURCE))


@SETTINGS
@given(st.dictionaries(st.sampled_from(sorted(BASE)), json_like, max_size=8))
def test_structures_with_the_right_top_level_keys_load_or_are_refused(data):
    loads_or_is_refused(lambda: from_definition(data, source=SOURCE))


# -- mutations of a valid questionnaire ----------------------------------------------------
def paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found.extend(paths(value, (*prefix, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(paths(value, (*prefix, index)))
    return found


def get(node: Any, path: tuple) -> Any:
    for part in path:
        node = node[part]
    return node


ALL_PATHS = [p for p in paths(BASE) if p]
ID_PATHS = [p for p in ALL_PATHS if p[-1] in ("id", "value")]
REPLACEMENTS = st.one_of(
    scalars,
    st.just([]),
    st.just({}),
    st.just({"fi": "a"}),
    st.just({"fi": "a", "sv": "b", "en": "c"}),
    st.sampled_from([copy.deepcopy(BASE["pages"][0]), copy.deepcopy(BASE["pages"][0]["questions"][0])]),
    st.just(float("nan")),
    st.just(float("inf")),
)


@st.composite
def mutated(draw) -> dict:
    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["delete", "replace", "duplicate_id", "duplicate_item", "add_key"]))
        candidates = [p for p in paths(data) if p]
        path = draw(st.sampled_from(candidates))
        parent = get(data, path[:-1])
        if kind == "delete":
            del parent[path[-1]]
        elif kind == "replace":
            parent[path[-1]] = draw(REPLACEMENTS)
        elif kind == "duplicate_id":
            ids = [p for p in candidates if p[-1] in ("id", "value")]
            if len(ids) >= 2:
                source, target = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
                get(data, target[:-1])[target[-1]] = copy.deepcopy(get(data, source))
        elif kind == "duplicate_item" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[path[-1]]))
        elif kind == "add_key" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["extra", "min", "max", "options", "scale", "show_if", "other", "ar"]))] = (
                draw(REPLACEMENTS)
            )
    return data


@SETTINGS
@given(mutated())
def test_mutations_of_a_valid_questionnaire_load_or_name_their_problems(data):
    questionnaire = loads_or_is_refused(lambda: from_definition(data, source=SOURCE))
    if questionnaire is not None:
        storable(questionnaire)


@SETTINGS
@given(mutated())
def test_mutations_written_as_yaml_load_or_name_their_problems_with_a_line(data):
    try:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    except (yaml.YAMLError, ValueError):
        return
    questionnaire = loads_or_is_refused(lambda: load_text(text, source=SOURCE))
    if questionnaire is None:
        return
    storable(questionnaire)


def test_mutation_of_a_number_to_infinity_is_refused():
    """The example Hypothesis would find: ``max: .inf`` validates but cannot be stored."""
    data = copy.deepcopy(BASE)
    data["pages"][1]["questions"][0]["max"] = math.inf
    data["pages"][1]["questions"][0]["integer"] = False
    questionnaire = loads_or_is_refused(lambda: from_definition(data, source=SOURCE))
    if questionnaire is not None:
        storable(questionnaire)


def test_the_unmutated_questionnaire_loads_and_round_trips():
    questionnaire = from_definition(copy.deepcopy(BASE), source=SOURCE)
    storable(questionnaire)
