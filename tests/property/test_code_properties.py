"""Resume and receipt codes: what is shown can always be typed back, and nothing else passes."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from surveyapp.codes import CODE_ALPHABET, CODE_LENGTH, format_code, normalise_code

from . import SETTINGS

codes = st.text(alphabet=CODE_ALPHABET, min_size=CODE_LENGTH, max_size=CODE_LENGTH)
separators = st.sampled_from([" ", "-", "\u2010", "\u2011", "\u2012", "\u2013", "\t", "  ", " - "])


@SETTINGS
@given(codes)
def test_a_shown_code_normalises_back_to_itself(code):
    assert normalise_code(format_code(code)) == code
    assert normalise_code(code) == code


@SETTINGS
@given(codes, st.lists(st.tuples(st.integers(0, CODE_LENGTH), separators), max_size=5), st.booleans())
def test_codes_typed_loosely_are_understood(code, inserts, lower):
    typed = code.lower() if lower else code
    for position, separator in sorted(inserts, reverse=True):
        typed = typed[:position] + separator + typed[position:]
    assert normalise_code(typed) == code


@SETTINGS
@given(st.text(max_size=60))
def test_anything_else_is_refused_or_a_well_formed_code(text):
    result = normalise_code(text)
    assert result is None or (len(result) == CODE_LENGTH and set(result) <= set(CODE_ALPHABET))
