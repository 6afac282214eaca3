from surveyapp.codes import CODE_ALPHABET, format_code, new_code, new_slug, normalise_code


def test_codes_avoid_ambiguous_characters():
    assert not set("01ILO") & set(CODE_ALPHABET)
    codes = {new_code() for _ in range(500)}
    assert len(codes) == 500
    assert all(len(c) == 10 and set(c) <= set(CODE_ALPHABET) for c in codes)


def test_typed_codes_are_normalised():
    code = new_code()
    assert normalise_code(format_code(code).lower()) == code
    assert normalise_code(" " + code[:5] + " – " + code[5:]) == code
    assert normalise_code("ABCDE-FGHIJ") is None  # I is never in a code
    assert normalise_code("short") is None


def test_slugs_are_long_enough_for_a_public_link():
    slugs = {new_slug() for _ in range(200)}
    assert len(slugs) == 200 and all(len(s) >= 16 for s in slugs)
