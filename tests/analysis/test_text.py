"""Preparing answers: screening first, language identification, lemmas without function words."""
from __future__ import annotations

import unicodedata

import pytest

from analysis.text import STOP_WORDS, PreparedText, detect_language, prepare, tokenize


@pytest.mark.parametrize(("answer", "language", "lemma"), [
    ("koulussa", "fi", "koulu"),
    ("Kiusattiin", "fi", "kiusata"),
    ("skolan", "sv", "skola"),
    ("Lärarna", "sv", "lärare"),
    ("schools", "en", "school"),
    ("Teachers", "en", "teacher"),
])
def test_a_one_word_answer_gets_its_language_and_lemma(answer, language, lemma):
    [prepared] = prepare([answer])
    assert prepared.language == language
    assert prepared.language_source == "detected"
    assert prepared.confidence > 0.5
    assert prepared.lemmas == (lemma,)


@pytest.mark.parametrize(("answer", "language", "lemmas"), [
    ("Lasta on kiusattu koulussa monta kertaa", "fi", {"lapsi", "koulu", "kerta"}),
    ("Barnet har blivit mobbat i skolan", "sv", {"barn", "skola"}),
    ("My daughter was bullied by older pupils", "en", {"daughter", "bully", "old", "pupil"}),
])
def test_a_sentence_gets_its_language_and_content_lemmas(answer, language, lemmas):
    [prepared] = prepare([answer])
    assert prepared.language == language
    assert lemmas <= set(prepared.lemmas)
    assert not set(prepared.lemmas) & STOP_WORDS[language]


def test_function_words_go_and_domain_words_stay():
    fi, sv, en = prepare(["Hän ei ole käynyt koulussa, koska hänellä on ollut huono olo",
                          "Han skulle inte gå till skolan eftersom han var sjuk",
                          "She has not been at school because of her anxiety"])
    assert "koulu" in fi.lemmas and not {"hän", "ei", "olla", "koska"} & set(fi.lemmas)
    # "skulle" is lemmatised to "skola" (school): it must go as a word, while "skolan" stays.
    assert sv.lemmas.count("skola") == 1 and "sjuk" in sv.lemmas
    assert en.lemmas == ("school", "anxiety")


def test_stop_word_lists_hold_function_words_only():
    domain = {"koulu", "lapsi", "opettaja", "poissaolo", "kiusaaminen", "huoltaja", "skola",
              "barn", "lärare", "frånvaro", "mobbning", "school", "child", "teacher", "absence"}
    for language, words in STOP_WORDS.items():
        assert 200 <= len(words) <= 600, language
        assert not words & domain, language


def test_personal_data_is_masked_before_anything_reads_the_text():
    answer = "Soittakaa 040 123 4567 tai matti.virtanen@koulu.fi, hetu 131052-308T"
    [prepared] = prepare([answer])
    assert prepared.original == answer
    assert prepared.screened == "Soittakaa [phone] tai [email], hetu [henkilotunnus]"
    words = " ".join(prepared.tokens + prepared.lemmas)
    for secret in ("040", "4567", "matti", "virtanen", "131052", "308t", "email", "phone"):
        assert secret not in words
    assert answer not in repr(prepared) and "matti" not in repr(prepared)


def test_placeholders_do_not_decide_the_language():
    [prepared] = prepare(["Soita 040 123 4567 tai jussi@koulu.fi"])
    assert prepared.language == "fi"


def test_text_is_nfc_normalised():
    decomposed = unicodedata.normalize("NFD", "Päivä koulussa")
    [prepared] = prepare([decomposed])
    assert prepared.screened == "Päivä koulussa"
    assert prepared.lemmas == ("päivä", "koulu")


def test_an_uncertain_answer_takes_the_batch_language_the_default_or_its_hint():
    answers = ["ok", "Koulussa kiusataan", "Opettaja ei vastaa viesteihin", "School is fine"]
    ok = prepare(answers)[0]
    assert (ok.language, ok.language_source, ok.confidence) == ("fi", "batch", 0.0)
    assert prepare(answers, default="en")[0].language == "en"
    hinted = prepare(answers, default="en", hints=["sv", None, None, None])
    assert (hinted[0].language, hinted[0].language_source) == ("sv", "hint")
    assert hinted[1].language == "fi"  # a confident detection beats the hint


def test_a_tie_is_resolved_among_the_tied_languages_only():
    best, confidence = detect_language("barn", ("fi", "sv", "en"))
    assert set(best) == {"sv", "en"} and confidence == 0.0
    [barn] = prepare(["barn"], default="fi")
    assert barn.language in {"sv", "en"} and barn.language_source == "batch"


def test_languages_are_restricted_to_the_candidates():
    prepared = prepare(["Mobbning i skolan", "Kiusaamista koulussa"], languages=("fi", "en"))
    assert {p.language for p in prepared} <= {"fi", "en"}


def test_tokenize_keeps_words_and_drops_numbers_and_placeholders():
    assert tokenize("Koulu-asiat: 3 kertaa [phone], don't!") == ["koulu-asiat", "kertaa", "don't"]


def test_prepare_is_deterministic():
    answers = ["Kiusaamista", "Mobbning", "ok", "Illness and headaches", "12"]
    assert prepare(answers) == prepare(answers)
    assert all(isinstance(p, PreparedText) for p in prepare(answers))


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        prepare(["a"], default="de")
    with pytest.raises(ValueError):
        prepare(["a", "b"], hints=["fi"])
    with pytest.raises(ValueError):
        prepare(["a"], languages=())
    with pytest.raises(TypeError):
        prepare([None])
