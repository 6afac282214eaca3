"""Skip-logic conditions evaluate to a bool on any answers, without an exception.

Answers come back from the database (drafts of any questionnaire version) and conditions from
files; neither is trusted to have the expected shape.
"""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from surveyapp.questionnaire.conditions import All, Answered, Any_, Equals, Not, OneOf, build_condition
from surveyapp.questionnaire.loader import load_file

from ..conftest import DATA
from . import SETTINGS

KEYS = ["band", "reasons", "hours", "text", "coop.heard", "x", ""]
atoms = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=8),
                  st.sampled_from(["over_20", "bullying", "dont_know", "other"]))
answer_values = st.recursive(
    atoms, lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=4), children, max_size=3),
    max_leaves=10,
)
answers = st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=6), answer_values, max_size=8)
comparable = st.one_of(st.text(max_size=8), st.integers(), st.sampled_from(["over_20", "bullying"]))

condition_data = st.recursive(
    st.one_of(
        st.builds(lambda q: {"answered": q}, st.sampled_from(KEYS)),
        st.builds(lambda q, v: {"equals": {"question": q, "value": v}}, st.sampled_from(KEYS), comparable),
        st.builds(lambda q, vs: {"one_of": {"question": q, "values": vs}}, st.sampled_from(KEYS),
                  st.lists(comparable, min_size=1, max_size=4)),
    ),
    lambda children: st.one_of(
        st.builds(lambda c: {"not": c}, children),
        st.builds(lambda cs: {"all": cs}, st.lists(children, min_size=1, max_size=3)),
        st.builds(lambda cs: {"any": cs}, st.lists(children, min_size=1, max_size=3)),
    ),
    max_leaves=12,
)


@SETTINGS
@given(condition_data, answers)
def test_conditions_evaluate_to_a_bool_on_any_answers(data, given_answers):
    condition = build_condition(data)
    result = condition.evaluate(given_answers)
    assert isinstance(result, bool)
    assert set(condition.references()) <= set(KEYS)


@SETTINGS
@given(condition_data, answers)
def test_the_combinators_obey_logic(data, given_answers):
    condition = build_condition(data)
    value = condition.evaluate(given_answers)
    assert Not(condition).evaluate(given_answers) is (not value)
    assert All((condition, condition)).evaluate(given_answers) is value
    assert Any_((condition, Not(condition))).evaluate(given_answers) is True


@SETTINGS
@given(st.sampled_from(KEYS), answers)
def test_answered_equals_and_one_of_agree(key, given_answers):
    value = given_answers.get(key)
    for candidate in (value if isinstance(value, list) else [value]):
        try:
            hash(candidate)
        except TypeError:
            continue
        if candidate is None:
            continue
        assert Equals(key, candidate).evaluate(given_answers)
        assert OneOf(key, (candidate,)).evaluate(given_answers)
    if not Answered(key).evaluate(given_answers):
        assert value in (None, "", [], {})


QUESTIONNAIRE = load_file(DATA / "small.yaml")
SHOWN_IFS = [c for c in [p.show_if for p in QUESTIONNAIRE.pages] + [q.show_if for q in QUESTIONNAIRE.questions()] if c]


@SETTINGS
@given(st.sampled_from(SHOWN_IFS), answers)
def test_the_questionnaires_own_conditions_evaluate_on_any_answers(condition, given_answers):
    assert isinstance(condition.evaluate(given_answers), bool)
