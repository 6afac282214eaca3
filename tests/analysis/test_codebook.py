"""Codebooks and the coder: validation, theme finding in fi/sv/en, screening, review files, sklearn rules."""
from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from analysis.codebook import (
    Codebook,
    CodebookCoder,
    CodebookError,
    CodesFileError,
    agreement,
    available_codebooks,
    export_codes,
    import_codes,
    load_codebook,
    parse_codebook,
    read_review,
)
from analysis.text import prepare

PROJECT = Path(__file__).resolve().parents[2]
REASON_OPTIONS = [
    "physical_illness", "anxiety_mental_health", "bullying_peer_relations", "learning_difficulties_pressure",
    "teacher_relationships_climate", "family_situation", "sleep_gaming_screens", "substance_use",
    "travel_practical", "holidays_in_term",
]
AUDIT_BARRIERS = [
    "unclear_guidelines", "guidelines_hard_to_find", "confidentiality_consent", "no_feedback_after_notification",
    "dependence_on_individuals", "differing_expectations_roles", "regional_differences", "lack_of_time_staff",
    "communication_difficulties", "family_distrust_fear",
]


@pytest.fixture(scope="module")
def reasons() -> CodebookCoder:
    return CodebookCoder(codebook="reasons_for_absence").fit([""])


@pytest.fixture(scope="module")
def barriers() -> CodebookCoder:
    return CodebookCoder(codebook="barriers_to_cooperation").fit([""])


def coded(coder: CodebookCoder, text: str) -> set[str]:
    row = coder.transform([text]).iloc[0]
    return {theme for theme, value in row.items() if value}


# --- codebooks ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["reasons_for_absence", "barriers_to_cooperation"])
def test_shipped_codebooks_load_and_are_complete(name):
    codebook = load_codebook(name)
    assert name in available_codebooks()
    assert codebook.id == name and codebook.languages == ("fi", "sv", "en")
    assert set(codebook.label) >= {"fi", "sv", "en"}
    for theme in codebook.themes:
        assert set(theme.label) >= {"fi", "sv", "en"} and theme.description
        for language in ("fi", "sv", "en"):
            assert 8 <= len(theme.seed_terms[language]) <= 20, (theme.id, language)
    assert load_codebook(PROJECT / "analysis" / "codebooks" / f"{name}.yaml") == codebook


def test_codebook_themes_match_the_questionnaires_and_the_audit():
    assert load_codebook("reasons_for_absence").theme_ids[:10] == REASON_OPTIONS
    assert load_codebook("barriers_to_cooperation").theme_ids[:10] == AUDIT_BARRIERS
    for name, question in (("guardians", "reasons"), ("pupils", "hard_reasons")):
        data = yaml.safe_load((PROJECT / "questionnaires" / f"{name}.yaml").read_text(encoding="utf-8"))
        asked = next(q for page in data["pages"] for q in page["questions"] if q["id"] == question)
        assert [o["value"] for o in asked["options"]] == REASON_OPTIONS
        assert asked["analysis"]["theme_family"] == "reasons_for_absence"


VALID = """\
format: 1
id: tiny
label: {fi: Pieni, sv: Liten, en: Tiny}
languages: [fi, sv, en]
themes:
  - id: bullying
    label: {fi: Kiusaaminen, sv: Mobbning, en: Bullying}
    description: Being bullied.
    seed_terms:
      fi: [kiusa]
      sv: [mobb]
      en: [bully]
"""


@pytest.mark.parametrize(("change", "expected"), [
    (("      sv: [mobb]\n", ""), ["theme 'bullying'", "seed_terms", "no terms in sv"]),
    (("      fi: [kiusa]\n", "      fi: ['*kiusa']\n"), ["theme 'bullying'", "seed_terms.fi[0]", "'*kiusa'"]),
    (("      fi: [kiusa]\n", "      fi: [kiusa, Kiusa]\n"), ["theme 'bullying'", "listed twice"]),
    (("      fi: [kiusa]\n", "      fi: [kiusa]\n      fi: [kiusaaminen]\n"), ["line 11", "'fi' is given twice"]),
    (("    seed_terms:\n", "    seed_term:\n"), ["theme 'bullying'", "unknown key 'seed_term'"]),
    (("{fi: Kiusaaminen, sv: Mobbning, en: Bullying}", "{fi: Kiusaaminen, en: Bullying}"),
     ["theme 'bullying'", "label: missing in sv"]),
    (("    description: Being bullied.\n", ""), ["theme 'bullying'", "description: missing"]),
    (("  - id: bullying\n", "  - id: Bullying Theme\n"), ["theme 'Bullying Theme'", "not an identifier"]),
    (("      en: [bully]\n", "      en: [bully]\n      de: [mobb]\n"), ["theme 'bullying'", "language 'de'"]),
    (("format: 1\n", "format: 2\n"), ["format: must be 1"]),
    (("themes:\n", "themes: [\n"), ["not valid YAML"]),
])
def test_a_broken_codebook_is_refused_naming_file_theme_and_reason(tmp_path, change, expected):
    old, new = change
    assert old in VALID
    path = tmp_path / "broken.yaml"
    path.write_text(VALID.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CodebookError) as caught:
        load_codebook(path)
    message = str(caught.value)
    assert str(path) in message
    for part in expected:
        assert part in message, message


def test_two_themes_with_one_id_and_a_missing_codebook_are_refused(tmp_path):
    theme = VALID[VALID.index("  - id: bullying"):]
    with pytest.raises(CodebookError, match="theme 'bullying': the id is used by theme number 1 too"):
        parse_codebook(VALID + theme, source="double.yaml")
    with pytest.raises(CodebookError, match="no such file.*reasons_for_absence"):
        load_codebook("no_such_codebook")
    assert isinstance(parse_codebook(VALID), Codebook)


# --- coding ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "themes"), [
    ("Häntä kiusattiin välitunneilla.", {"bullying_peer_relations"}),
    ("Koulukiusaamisen takia hän ei halua kouluun.", {"bullying_peer_relations"}),
    ("Poikaa on kiusattu jo vuoden.", {"bullying_peer_relations"}),
    ("Mua kiusataan ja mulla on usein päänsärkyä", {"bullying_peer_relations", "physical_illness"}),
    ("Lapsella on ollut jatkuvia vatsakipuja ja päänsärkyä.", {"physical_illness"}),
    ("Hän pelkää koulua ja ahdistuu aamuisin.", {"anxiety_mental_health"}),
    ("Vanhempien eron jälkeen kotona on ollut raskasta.", {"family_situation"}),
    ("Pelaa öisin eikä jaksa herätä.", {"sleep_gaming_screens"}),
    ("Han blir mobbad och har ont i magen.", {"bullying_peer_relations", "physical_illness"}),
    ("Vi reste till släktingar i hemlandet mitt i terminen.", {"holidays_in_term"}),
    ("She was bullied at school and gets terrible headaches.", {"bullying_peer_relations", "physical_illness"}),
    ("He has ADHD and the long bus journey exhausts him.", {"neurodevelopmental", "travel_practical"}),
])
def test_the_coder_finds_reasons_in_finnish_swedish_and_english(reasons, text, themes):
    assert coded(reasons, text) == themes


@pytest.mark.parametrize(("text", "themes"), [
    ("Lastensuojeluilmoituksen jälkeen emme saa mitään palautetta.", {"no_feedback_after_notification"}),
    ("Sosiaalityöntekijöitä on vaikea tavoittaa, eikä kukaan soita takaisin.", {"communication_difficulties"}),
    ("Salassapito ja suostumukset: en tiedä, mitä saan kertoa.", {"confidentiality_consent"}),
    ("Vi väntade i månader och ingen lyssnade på oss.", {"waiting_times", "family_not_heard"}),
    ("Riktlinjerna är svåra att hitta på intranätet.", {"guidelines_hard_to_find"}),
    ("Families are afraid of child welfare, and there is never enough time.",
     {"family_distrust_fear", "lack_of_time_staff"}),
])
def test_the_coder_finds_barriers_and_several_themes_in_one_answer(barriers, text, themes):
    assert coded(barriers, text) == themes


def test_unrelated_and_empty_answers_are_left_uncoded(reasons):
    texts = pd.Series(["Kiitos kyselystä!", "Inget att tillägga.", "Nothing to add.", None, "   ",
                       "Häntä kiusataan."], index=list("abcdef"))
    coder = clone(reasons).fit(texts)
    assert coder.codes_.loc[list("abcde")].to_numpy().sum() == 0
    assert coder.uncoded_mask_.to_dict() == dict(zip("abcdef", [True, True, True, False, False, False]))
    assert coder.answered_mask_.to_dict() == dict(zip("abcdef", [True, True, True, False, False, True]))
    assert coder.codes_.loc["f", "bullying_peer_relations"] == 1


def test_languages_are_detected_or_taken_from_a_column(reasons):
    coder = clone(reasons).fit(["Häntä kiusataan koulussa.", "Han blir mobbad i skolan.", "He is bullied at school."])
    assert list(coder.answer_languages_) == ["fi", "sv", "en"]
    frame = pd.DataFrame({"text": ["Han blir mobbad.", "Flu."], "lang": ["sv", "ar"]})
    coder = CodebookCoder(codebook="reasons_for_absence", text_column="text", language_column="lang").fit(frame)
    assert coder.answer_languages_[0] == "sv"
    assert coder.codes_.loc[1, "physical_illness"] == 1  # "ar" is no codebook language: detected
    with pytest.raises(ValueError, match="set text_column"):
        CodebookCoder().fit(frame)


def test_the_coder_reads_answers_as_the_text_preparation_does(reasons):
    texts = ["Häntä kiusataan koulussa.", "Han blir mobbad i skolan.", "He is bullied at school.", "Flu", "ok",
             "Hän sairastaa paljon ja ahdistuu"]
    prepared = prepare(texts, ("fi", "sv", "en"), min_confidence=0.25)
    coder = clone(reasons).fit(texts)
    assert list(coder.answer_languages_) == [p.language if p.language_source == "detected" else "*"
                                             for p in prepared]
    assert "*" in list(coder.answer_languages_)  # unsure: read in every language
    # words are matched as written and as prepare lemmatises them
    assert coded(reasons, texts[-1]) == {"physical_illness", "anxiety_mental_health"}


def test_personal_data_is_masked_before_matching(tmp_path):
    codebook = parse_codebook("""\
format: 1
id: contact
label: {en: Contact}
languages: [en]
themes:
  - id: contact
    label: {en: Contact}
    description: Words that also occur in phone numbers and e-mail addresses.
    seed_terms:
      en: ["040", "4567", jussi, virtanen, example, email, phone]
""")
    coder = CodebookCoder(codebook=codebook).fit(
        ["Call me on 040 123 4567 or write to jussi.virtanen@example.com", "I lost my phone"])
    assert list(coder.codes_["contact"]) == [0, 1]
    evidence = coder.evidence(["Call me on 040 123 4567, my phone"])
    assert evidence[0] == "contact: phone"
    path = export_codes(coder.codes_.assign(text=["Soita 040 123 4567", "I lost my phone"]), tmp_path / "r.csv")
    content = path.read_text(encoding="utf-8-sig")
    assert "040" not in content and "[phone]" in content


# --- scikit-learn conventions ------------------------------------------------------------------

def test_the_coder_follows_scikit_learn_conventions(reasons):
    coder = CodebookCoder(codebook="barriers_to_cooperation", language_column="language")
    assert coder.get_params() == {"codebook": "barriers_to_cooperation", "languages": None,
                                  "language_column": "language", "text_column": None}
    copy = clone(coder)
    assert copy.get_params() == coder.get_params() and copy is not coder
    assert clone(reasons).get_params()["codebook"] == "reasons_for_absence"
    with pytest.raises(NotFittedError):
        coder.transform(["x"])
    with pytest.raises(TypeError):
        CodebookCoder("reasons_for_absence")  # keyword-only
    coder.set_params(language_column=None, languages=["fi"])
    texts = ["Ohjeet ovat epäselviä.", "Ei palautetta ilmoituksen jälkeen."]
    assert coder.fit(texts) is coder
    assert list(coder.get_feature_names_out()) == load_codebook("barriers_to_cooperation").theme_ids
    pd.testing.assert_frame_equal(coder.transform(texts), coder.fit_transform(texts))
    with pytest.raises(ValueError, match="terms only in fi, sv, en"):
        CodebookCoder(languages=["de"]).fit(texts)
    with pytest.raises(TypeError, match="not one string"):
        coder.transform("one text")


# --- manual review -----------------------------------------------------------------------------

def _review_frame(reasons: CodebookCoder) -> pd.DataFrame:
    texts = pd.Series(["Häntä kiusataan.", "=HYPERLINK(\"x\") vatsakipuja", "Kiitos!", None],
                      index=["r1", "r2", "r3", "r4"])
    codes = reasons.transform(texts)
    return codes.join(texts.rename("text"))


def _rewrite(path: Path, edit) -> None:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    edit(rows)
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8-sig")


def test_export_and_import_of_codes_round_trips_and_reviewed_values_win(reasons, tmp_path):
    frame = _review_frame(reasons)
    path = export_codes(frame, tmp_path / "review.csv")
    themes = reasons.codebook_.theme_ids
    header = next(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert header[:2] == ["id", "text"] and header[-1] == "comment"
    assert header[2:4] == ["physical_illness", "physical_illness.reviewed"]
    review = read_review(path)
    expected = frame.loc[["r1", "r2", "r3"], themes]  # r4 was not answered: not exported
    pd.testing.assert_frame_equal(review.codes, expected, check_names=False, check_index_type=False)
    assert review.texts["r2"].startswith("=HYPERLINK")  # formula protection undone
    assert not review.reviewed.to_numpy().any()

    def edit(rows):
        names = rows[0]
        rows[1][names.index("bullying_peer_relations.reviewed")] = "0"   # the reviewer disagrees
        rows[3][names.index("family_situation.reviewed")] = "1"          # and adds a theme
        rows[2][names.index("physical_illness.reviewed")] = "1"          # and confirms one
    _rewrite(path, edit)
    final = import_codes(path)
    assert final.loc["r1", "bullying_peer_relations"] == 0
    assert final.loc["r3", "family_situation"] == 1
    assert final.loc["r2", "physical_illness"] == 1
    review = read_review(path)
    assert review.reviewed.to_numpy().sum() == 3
    assert review.coder.loc["r1", "bullying_peer_relations"] == 1


def test_a_review_file_saved_with_semicolons_is_read(reasons, tmp_path):
    path = export_codes(_review_frame(reasons), tmp_path / "review.csv")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8-sig")
    assert import_codes(path).loc["r1", "bullying_peer_relations"] == 1


def test_invalid_review_values_are_reported_with_row_and_column(reasons, tmp_path):
    path = export_codes(_review_frame(reasons), tmp_path / "review.csv")

    def edit(rows):
        names = rows[0]
        rows[1][names.index("bullying_peer_relations.reviewed")] = "yes"
        rows[2][names.index("physical_illness")] = "2"
        rows[3][names.index("id")] = "r1"
    _rewrite(path, edit)
    with pytest.raises(CodesFileError) as caught:
        import_codes(path)
    message = str(caught.value)
    assert "row 2, column 'bullying_peer_relations.reviewed': 'yes' is not 0, 1 or empty" in message
    assert "row 3, column 'physical_illness': '2' is not 0 or 1" in message
    assert "row 4, column 'id': 'r1' is used by row 2 too" in message

    def drop(rows):
        index = rows[0].index("holidays_in_term")
        for row in rows:
            del row[index]
    _rewrite(path, drop)
    with pytest.raises(CodesFileError, match="row 1: the column 'holidays_in_term'"):
        import_codes(path)


def test_export_codes_refuses_columns_that_are_not_codes(reasons, tmp_path):
    frame = _review_frame(reasons).assign(note="x")
    with pytest.raises(ValueError, match="column 'note' is not 0/1"):
        export_codes(frame, tmp_path / "review.csv")
    export_codes(frame, tmp_path / "review.csv", themes=reasons.codebook_.theme_ids)


def test_agreement_per_theme_with_micro_and_macro_averages():
    true = pd.DataFrame({"a": [1, 0, 1, 0], "b": [0, 1, 0, 0]})
    predicted = pd.DataFrame({"a": [1, 1, 1, 0], "b": [0, 0, 0, 0]})
    table = agreement(true, predicted)
    assert table.loc["a", "precision"] == pytest.approx(2 / 3) and table.loc["a", "recall"] == 1
    assert table.loc["b", "f1"] == 0 and table.loc["b", "support"] == 1
    assert table.loc["micro avg", "precision"] == pytest.approx(2 / 3)
    assert table.loc["micro avg", "recall"] == pytest.approx(2 / 3)
    assert list(table.index) == ["a", "b", "micro avg", "macro avg"]
    assert table.loc["macro avg", "f1"] == pytest.approx(0.4)  # (0.8 + 0) / 2
    unused = agreement(true.assign(c=0), predicted.assign(c=0))  # c: never true, never predicted
    assert unused.loc["macro avg", "f1"] == pytest.approx(0.4)


# --- standing alone ----------------------------------------------------------------------------

def test_importing_codebook_and_synthetic_loads_no_web_app_and_does_no_work():
    code = (
        "import sys\n"
        "import analysis.codebook, analysis.synthetic\n"
        "from simplemma.strategies.dictionaries import DEFAULT_DICTIONARY_FACTORY, LOW_MEMORY_DICTIONARY_FACTORY\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('flask', 'surveyapp', 'flask_babel', 'werkzeug')]\n"
        "loaded = sum(f._get_dictionary.cache_info().currsize\n"
        "             for f in (DEFAULT_DICTIONARY_FACTORY, LOW_MEMORY_DICTIONARY_FACTORY))\n"
        "print(','.join(bad) or 'clean', loaded)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=PROJECT)
    assert result.stdout.split() == ["clean", "0"]
