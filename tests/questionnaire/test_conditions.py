"""Skip-logic conditions are data, evaluated without eval."""
from __future__ import annotations

import pytest

from surveyapp.questionnaire.conditions import build_condition

ANSWERS = {"band": "over_20", "reasons": ["bullying", "illness"], "hours": 0, "empty": [], "text": ""}


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ({"answered": "band"}, True),
        ({"answered": "hours"}, True),  # zero is an answer
        ({"answered": "empty"}, False),
        ({"answered": "text"}, False),
        ({"answered": "missing"}, False),
        ({"equals": {"question": "band", "value": "over_20"}}, True),
        ({"equals": {"question": "band", "value": "under_10"}}, False),
        ({"equals": {"question": "reasons", "value": "illness"}}, True),  # contained in a multiple choice
        ({"one_of": {"question": "band", "values": ["under_10", "over_20"]}}, True),
        ({"one_of": {"question": "reasons", "values": ["sleep", "bullying"]}}, True),
        ({"one_of": {"question": "reasons", "values": ["sleep"]}}, False),
        ({"one_of": {"question": "missing", "values": ["x"]}}, False),
        ({"not": {"answered": "missing"}}, True),
        ({"all": [{"answered": "band"}, {"equals": {"question": "reasons", "value": "bullying"}}]}, True),
        ({"all": [{"answered": "band"}, {"answered": "missing"}]}, False),
        ({"any": [{"answered": "missing"}, {"not": {"answered": "text"}}]}, True),
        ({"any": [{"answered": "missing"}, {"answered": "empty"}]}, False),
    ],
)
def test_evaluation(condition, expected):
    assert build_condition(condition).evaluate(ANSWERS) is expected


def test_references_lists_every_answer_read():
    condition = build_condition({"all": [{"answered": "a"}, {"not": {"one_of": {"question": "b", "values": [1]}}}]})
    assert condition.references() == ["a", "b"]


def test_a_condition_is_never_code():
    condition = build_condition({"equals": {"question": "band", "value": "__import__('os').system('false')"}})
    assert condition.evaluate(ANSWERS) is False
