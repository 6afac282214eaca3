"""Reading one page's form into typed answers, without Flask."""
from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from surveyapp.questionnaire.loader import load_file
from surveyapp.survey.answers import clean_text, parse_number
from surveyapp.survey.flow import effective_answers, first_gap, page_after, page_before, read_page, visible_pages
from surveyapp.survey.navigation import submit_page

from ..conftest import DATA

Q = load_file(DATA / "small.yaml")


def read(page_id: str, form: dict, answers: dict | None = None, strict: bool = True, limit: int = 5000):
    return read_page(Q, Q.page(page_id), MultiDict(form), answers or {}, max_text_length=limit,
                     enforce_required=strict)


def codes(result) -> list[tuple[str, str]]:
    return [(e.key, e.code) for e in result.errors]


@pytest.mark.parametrize(
    ("typed", "value"),
    [("12", 12.0), (" 12,5 ", 12.5), ("0.5", 0.5), ("-3", -3.0), ("1\u00a0000", 1000.0), (",5", 0.5)],
)
def test_numbers_as_people_type_them(typed, value):
    assert parse_number(typed) == value


@pytest.mark.parametrize("typed", ["", "abc", "1e3", "12..5", "1,2,3", "∞", "nan"])
def test_not_numbers(typed):
    assert parse_number(typed) is None


def test_clean_text_normalises_and_strips_control_characters():
    assert clean_text("  a\r\nb\x00c\u0065\u0301 ") == "a\nbcé"


def test_choices_are_typed_and_ordered():
    result = read("background", {"absence_band": "over_20", "reasons": ["bullying", "illness", "bullying"]})
    assert result.ok
    assert result.answers == {"absence_band": "over_20", "reasons": ["illness", "bullying"]}


def test_other_text_alone_selects_other():
    result = read("background", {"absence_band": "under_10", "reasons.other": "  Hammaslääkäri  "})
    assert result.answers["reasons"] == ["other"]
    assert result.answers["reasons.other"] == "Hammaslääkäri"


def test_two_values_for_a_single_choice_are_refused():
    result = read("background", {"absence_band": ["under_10", "over_20"]})
    assert codes(result) == [("absence_band", "invalid_choice")]


def test_scale_answers_are_integers_or_dont_know():
    result = read("cooperation", {"overall": "dont_know", "coop.heard": "3", "coop.informed": "1"})
    assert result.answers == {"overall": "dont_know", "coop.heard": 3, "coop.informed": 1}
    result = read("cooperation", {"overall": "4", "coop.heard": "dont_know", "coop.informed": "1"})
    assert codes(result) == [("overall", "invalid_choice"), ("coop.heard", "invalid_choice")]


def test_matrix_required_means_every_statement():
    result = read("cooperation", {"coop.heard": "3"})
    assert codes(result) == [("coop.informed", "required_all")]
    assert read("cooperation", {"coop.heard": "3"}, strict=False).ok


def test_hidden_questions_are_not_read():
    answers = {"absence_band": "over_20", "reasons": ["illness"]}
    result = read("details", {"hours": "4", "bullying_help": "not asked"}, answers)
    assert result.answers == {"hours": 4}


def test_short_text_default_limit():
    result = read("cooperation", {"coop.heard": "1", "coop.informed": "1", "name_of_school": "x" * 201})
    assert codes(result) == [("name_of_school", "too_long")]
    assert result.errors[0].params == {"max": 200, "length": 201}


def test_visible_pages_follow_the_answers():
    assert [p.id for p in visible_pages(Q, {})] == ["background", "cooperation"]
    assert [p.id for p in visible_pages(Q, {"absence_band": "from_10_to_20"})] == [
        "background", "details", "cooperation"]


def test_answers_to_hidden_questions_are_dropped():
    answers = {"absence_band": "under_10", "hours": 3, "bullying_help": "x", "reasons": ["bullying"]}
    assert effective_answers(Q, answers) == {"absence_band": "under_10", "reasons": ["bullying"]}


def test_navigation_skips_hidden_pages_both_ways():
    answers = {"absence_band": "under_10"}
    assert page_after(Q, "background", answers).id == "cooperation"
    assert page_before(Q, "cooperation", answers).id == "background"
    assert page_after(Q, "cooperation", answers) is None
    assert page_before(Q, "background", answers) is None


def test_first_gap_finds_the_first_missing_required_answer():
    page, error = first_gap(Q, {"absence_band": "over_20"})
    assert (page.id, error.key, error.code) == ("details", "hours", "required")
    assert first_gap(Q, {"absence_band": "under_10", "coop.heard": 1, "coop.informed": 2}) is None


def test_an_invalid_value_is_never_stored_or_dropped_silently():
    before = {"absence_band": "over_20", "hours": 5}
    for action in ("next", "back", "save", "language:sv"):
        outcome = submit_page(Q, Q.page("details"), MultiDict({"hours": "many"}), before, action=action,
                              max_text_length=5000)
        assert not outcome.save and outcome.answers == before, action
        assert [(e.key, e.code) for e in outcome.errors] == [("hours", "not_a_number")]


def test_back_and_save_do_not_demand_required_answers():
    outcome = submit_page(Q, Q.page("details"), MultiDict({"bullying_help": ""}), {"absence_band": "over_20"},
                          action="back", max_text_length=5000)
    assert outcome.save and outcome.target.id == "background"


def test_answers_hidden_by_a_changed_answer_stay_in_the_draft_but_are_not_effective():
    answers = {"absence_band": "over_20", "hours": 12}
    outcome = submit_page(Q, Q.page("background"), MultiDict({"absence_band": "under_10"}), answers,
                          action="next", max_text_length=5000)
    assert outcome.answers == {"absence_band": "under_10", "hours": 12}
    assert effective_answers(Q, outcome.answers) == {"absence_band": "under_10"}
    again = submit_page(Q, Q.page("background"), MultiDict({"absence_band": "over_20"}), outcome.answers,
                        action="next", max_text_length=5000)
    assert effective_answers(Q, again.answers) == {"absence_band": "over_20", "hours": 12}


def test_other_chosen_needs_its_text_before_submitting():
    page, error = first_gap(Q, {"absence_band": "under_10", "reasons": ["other"], "coop.heard": 1,
                                "coop.informed": 1})
    assert (page.id, error.key, error.code) == ("background", "reasons.other", "other_missing")


def test_language_switch_is_an_action():
    outcome = submit_page(Q, Q.page("background"), MultiDict({"absence_band": "under_10"}), {},
                          action="language:sv", max_text_length=5000)
    assert outcome.save and outcome.language == "sv" and outcome.target.id == "background"
    assert outcome.answers == {"absence_band": "under_10"}
