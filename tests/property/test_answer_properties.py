"""Answer validation: any form data is read without an exception, and what is accepted is allowed.

``read_question`` and ``read_page`` receive whatever a browser (or an attacker) posts. Whatever
it is, they must not raise, and every answer they return must be one the questionnaire allows:
a value among the options, a number within range (a whole number where required), a text
within its length limit, normalised as ``clean_text`` promises (NFC, Unix newlines, no control
characters, trimmed), under one of the question's own answer keys.
"""
from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from surveyapp.questionnaire.loader import from_definition, load_file
from surveyapp.questionnaire.model import DEFAULT_SHORT_TEXT_LENGTH, OTHER_VALUE
from surveyapp.survey.answers import clean_text, read_question, text_limit
from surveyapp.survey.flow import effective_answers, first_gap, read_page, visible_pages

from ..conftest import DATA
from . import SETTINGS

SMALL = load_file(DATA / "small.yaml")
_TEXT = {"fi": "x", "sv": "x", "en": "x"}
_EXTRA = from_definition(
    {
        "format": 1,
        "id": "extra",
        "title": _TEXT,
        "audience": "other",
        "privacy_notice": {k: _TEXT for k in ("controller", "purpose", "voluntary", "anonymous", "retention")},
        "pages": [
            {
                "id": "p",
                "title": _TEXT,
                "questions": [
                    {"id": "decimal", "type": "number", "text": _TEXT, "min": -2.5, "max": 7.25, "integer": False},
                    {"id": "short", "type": "short_text", "text": _TEXT, "max_length": 5, "required": True},
                    {"id": "single", "type": "single_choice", "text": _TEXT, "other": _TEXT,
                     "options": [{"value": "a", "label": _TEXT}, {"value": "b1", "label": _TEXT}]},
                ],
            }
        ],
    }
)
QUESTIONS = [*SMALL.questions(), *_EXTRA.questions()]
KEYS = sorted({key for q in QUESTIONS for key in q.answer_keys()} | {"action", "csrf_token", "other", ""})
VALUES = sorted({str(v) for q in QUESTIONS for v in q.option_values()} | {"0", "1", "500", "501", "-1", "7,25"})

texts = st.text(max_size=60) | st.text(alphabet=st.characters(max_codepoint=0x2100), max_size=300)
values = st.one_of(
    st.sampled_from(VALUES),
    texts,
    st.from_regex(r"\A[+\-\u2212]?[0-9\u0660-\u0669 ,.\u00a0]{0,30}\Z", fullmatch=True),
    st.sampled_from(["nan", "inf", "-inf", "1e309", "9" * 400, "0x10", "١٢", "\x00", " ", "e\x00\u0301", "a\x85b"]),
)
forms = st.lists(st.tuples(st.sampled_from(KEYS) | st.text(max_size=10), values), max_size=20).map(MultiDict)
limits = st.sampled_from([1, 5, 50, 300, 5000])


def assert_stored_text(text: str) -> None:
    """What an answer may hold: trimmed, Unix newlines, no C0 control character, no NUL."""
    assert text == text.strip(), "trimmed"
    assert "\r" not in text, "Unix newlines"
    controls = [ch for ch in text if ord(ch) < 32 and ch not in "\n\t"]
    assert not controls, f"control characters: {controls!r}"


def assert_clean(text: str) -> None:
    """Everything ``clean_text`` promises: also NFC and no control characters at all (C1 too:
    U+0085 is a line break to many programs, U+009B the 8-bit terminal escape)."""
    assert_stored_text(text)
    controls = [ch for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\t"]
    assert not controls, f"control characters: {controls!r}"
    assert unicodedata.is_normalized("NFC", text), f"not NFC: {text!r}"


def assert_allowed(question, answers: dict, max_text_length: int) -> None:
    assert set(answers) <= set(question.answer_keys()), (question.id, answers)
    allowed = question.option_values()
    for key, value in answers.items():
        if key == question.other_key:
            assert isinstance(value, str) and 0 < len(value) <= DEFAULT_SHORT_TEXT_LENGTH
            assert_stored_text(value)
            chosen = answers.get(question.id)
            assert chosen == OTHER_VALUE or (isinstance(chosen, list) and OTHER_VALUE in chosen)
        elif question.type == "multiple_choice":
            assert isinstance(value, list) and value and all(v in allowed for v in value)
            assert len(set(value)) == len(value)
            assert not question.max_choices or len(value) <= question.max_choices
        elif question.type in ("single_choice", "likert", "matrix"):
            assert value in allowed and type(value) is type(allowed[allowed.index(value)])
        elif question.type == "number":
            assert isinstance(value, (int, float)) and not isinstance(value, bool)
            assert question.minimum <= value <= question.maximum
            assert not question.integer or isinstance(value, int)
        else:
            assert isinstance(value, str) and 0 < len(value) <= text_limit(question, max_text_length)
            assert_stored_text(value)


@SETTINGS
@given(st.sampled_from(QUESTIONS), forms, limits, st.booleans())
def test_read_question_never_raises_and_accepts_only_allowed_answers(question, form, max_text_length, strict):
    answers, errors, raw = read_question(question, form, max_text_length=max_text_length, enforce_required=strict)
    assert_allowed(question, answers, max_text_length)
    for error in errors:
        assert error.key in question.answer_keys()
    assert set(raw) <= set(question.answer_keys())


@SETTINGS
@given(st.sampled_from(QUESTIONS), st.lists(st.sampled_from(["a", "b1", "other", "1", "2", "3", "dont_know",
                                                              "illness", "bullying", "under_10"]), max_size=6))
def test_choices_are_stored_once_in_questionnaire_order(question, chosen):
    form = MultiDict([(question.id, value) for value in chosen])
    answers, errors, _ = read_question(question, form, max_text_length=5000, enforce_required=False)
    if question.type == "multiple_choice" and question.id in answers:
        order = [str(v) for v in question.option_values()]
        assert answers[question.id] == sorted(answers[question.id], key=order.index)


previous_answers = st.dictionaries(
    st.sampled_from(KEYS),
    st.one_of(st.none(), st.integers(), st.floats(allow_nan=False), st.text(max_size=10),
              st.lists(st.sampled_from(VALUES), max_size=3), st.dictionaries(st.text(max_size=3), st.integers())),
    max_size=10,
)


@SETTINGS
@given(st.sampled_from([*SMALL.pages, *_EXTRA.pages]), forms, previous_answers, limits)
def test_read_page_never_raises_and_accepts_only_allowed_answers(page, form, answers, max_text_length):
    questionnaire = SMALL if page in SMALL.pages else _EXTRA
    result = read_page(questionnaire, page, form, answers, max_text_length=max_text_length)
    shown = {q.id: q for q in page.questions}
    for key in result.answers:
        question = next(q for q in shown.values() if key in q.answer_keys())
        assert_allowed(question, {k: v for k, v in result.answers.items() if k in question.answer_keys()},
                       max_text_length)
    assert result.ok == (not result.errors)


@SETTINGS
@given(previous_answers)
def test_flow_functions_accept_any_stored_answers(answers):
    """Drafts come back from the database; the page flow never fails on what it finds there."""
    visible_pages(SMALL, answers)
    kept = effective_answers(SMALL, answers)
    assert set(kept) <= set(answers)
    first_gap(SMALL, answers)


@SETTINGS
@given(texts)
def test_clean_text_keeps_its_promises(text):
    """``clean_text``: "NFC, Unix newlines, no control characters, trimmed" (answers.py)."""
    assert_clean(clean_text(text))
    assert clean_text(clean_text(text)) == clean_text(text), "idempotent"


def test_clean_text_is_nfc_after_removing_a_control_character():
    """NUL between a letter and its combining accent is removed after NFC: "e" + U+0301 stays
    decomposed, and the same answer is stored in two spellings."""
    assert_clean(clean_text("e\x00\u0301"))


def test_clean_text_removes_c1_control_characters():
    assert_clean(clean_text("a\x85b\x9b31mc\x90"))
