"""The questionnaire validator: good files load, bad files are refused with file, line, place, reason."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml

from surveyapp.questionnaire.errors import QuestionnaireInvalid
from surveyapp.questionnaire.loader import load_directory, load_file, load_text

from ..conftest import DATA, QUESTIONNAIRES

SHIPPED = sorted(QUESTIONNAIRES.glob("*.yaml"))
SMALL = (DATA / "small.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_shipped_questionnaires_are_valid_and_complete_in_fi_sv_en(path):
    questionnaire = load_file(path)
    assert {"fi", "sv", "en"} <= set(questionnaire.languages)
    assert questionnaire.id == path.stem
    assert all(questionnaire.translation_gaps[lang] == () for lang in ("fi", "sv", "en"))
    notice = questionnaire.privacy_notice
    for text in (notice.controller, notice.purpose, notice.voluntary, notice.anonymous, notice.retention):
        assert all(text[lang].strip() for lang in ("fi", "sv", "en"))
    free_text = [q for q in questionnaire.questions() if q.type == "long_text"]
    assert free_text and all("theme_family" in q.analysis for q in free_text)


def test_shipped_guardians_questionnaire_uses_the_default_absence_bands():
    question = load_file(QUESTIONNAIRES / "guardians.yaml").question("absence_band")
    assert {"under_10", "from_10_to_20", "over_20"} <= {o.value for o in question.options}


def test_the_small_fixture_uses_every_question_type():
    questionnaire = load_text(SMALL, "small.yaml")
    assert {q.type for q in questionnaire.questions()} == {
        "single_choice", "multiple_choice", "likert", "matrix", "number", "short_text", "long_text",
    }


def refused(text: str) -> list[str]:
    with pytest.raises(QuestionnaireInvalid) as caught:
        load_text(textwrap.dedent(text), source="broken.yaml")
    return [str(problem) for problem in caught.value.problems]


def edited(old: str, new: str) -> str:
    assert old in SMALL, old
    return SMALL.replace(old, new, 1)


def line_of(text: str, fragment: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if fragment in line)


@pytest.mark.parametrize(
    ("old", "new", "place", "reason"),
    [
        ("type: number", "type: slider", "pages[1] (page 'details').questions[0] (question 'hours').type",
         "'slider' is not one of"),
        ("        max_choices: 2", "        max_choices: 2\n        dont_know: true",
         "(question 'reasons').dont_know", "'dont_know' is not allowed for type 'multiple_choice'"),
        ("scale: agreement\n        required: true", "scale: agreements\n        required: true",
         "(question 'coop').scale", "no scale named 'agreements'"),
        ("min: 0\n        max: 500", "min: 10\n        max: 5", "(question 'hours').max", "must be larger than 'min'"),
        ("- id: bullying_help", "- id: hours", "(question 'hours').id", "the question id 'hours' is used twice"),
        ("{value: bullying, label", "{value: illness, label", "options[1].value", "the value 'illness' is used twice"),
        ("values: [from_10_to_20, over_20]", "values: [from_10_to_20, way_over]", "(page 'details').show_if",
         "'absence_band' has no value 'way_over'"),
        ("{equals: {question: reasons, value: bullying}}", "{equals: {question: change, value: bullying}}",
         "(question 'bullying_help').show_if", "refers to 'change', which is not a question on an earlier page"),
        ("{equals: {question: reasons, value: bullying}}", "{equals: {question: hours, value: bullying}}",
         "(question 'bullying_help').show_if", "refers to 'hours', which is not a question on an earlier page"),
        ('en: "How many hours?"', "en: ''", "(question 'hours').text.en", "should be non-empty"),
        ("sv: \"Hur många timmar?\", ", "", "(question 'hours').text", "the 'sv' text is missing"),
        ("id: name_of_school", "id: Name-Of-School", "(question 'Name-Of-School').id",
         "may contain only lower-case letters"),
        ("    dont_know: {fi: En osaa sanoa, sv: Vet inte, en: Don't know}\n", "",
         "(question 'overall').dont_know", "the scale 'agreement' has no 'dont_know' label"),
        ("format: 1", "format: 2", "format", "1 was expected"),
        ("  retention:", "  retain:", "privacy_notice", "'retention' is a required property"),
    ],
)
def test_broken_files_name_the_place_and_the_reason(old, new, place, reason):
    text = edited(old, new)
    problems = refused(text)
    matching = [p for p in problems if place in p and reason in p]
    assert matching, problems
    assert matching[0].startswith("broken.yaml:")
    line = int(matching[0].split(":")[1])
    assert 1 <= line <= len(text.splitlines())


def test_the_line_points_at_the_offending_key():
    text = edited("type: number", "type: slider")
    [problem] = refused(text)
    assert problem.startswith(f"broken.yaml:{line_of(text, 'type: slider')}:")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("format: 1\nid: a\nid: b\n", "the key 'id' appears twice"),
        ("base: &b {fi: x}\ntitle: *b\n", "anchors and aliases"),
        ("title: !!python/object/apply:os.system ['true']\n", "unsupported value"),
        ("title: [unclosed\n", "not valid YAML"),
        ("", "the file is empty"),
        ("- just\n- a list\n", "must contain a mapping"),
        ("<<: {a: 1}\n", "merge keys"),
    ],
)
def test_unsafe_or_malformed_yaml_is_refused(text, reason):
    problems = refused(text)
    assert any(reason in p for p in problems), problems


def test_yaml_no_stays_a_string_not_false():
    text = edited("{value: illness, label", "{value: no, label")
    questionnaire = load_text(text)
    assert questionnaire.question("reasons").options[0].value == "no"


def test_oversized_and_non_utf8_files_are_refused(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_text("title: " + "x" * 1_100_000)
    with pytest.raises(QuestionnaireInvalid, match="larger than"):
        load_file(big)
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes("title: {fi: Tämä}".encode("latin-1"))
    with pytest.raises(QuestionnaireInvalid, match="not UTF-8"):
        load_file(latin1)


def test_a_directory_with_one_bad_file_loads_nothing(tmp_path):
    (tmp_path / "a_good.yaml").write_text(SMALL, encoding="utf-8")
    (tmp_path / "b_bad.yaml").write_text(edited("type: number", "type: slider"), encoding="utf-8")
    with pytest.raises(QuestionnaireInvalid) as caught:
        load_directory(tmp_path)
    assert [p.source for p in caught.value.problems] == [str(tmp_path / "b_bad.yaml")]


def test_every_problem_is_reported_at_once():
    text = edited("type: number", "type: slider")
    text = text.replace("id: name_of_school", "id: Bad-Id")
    assert len(refused(text)) == 2


def test_missing_translations_beyond_the_required_languages_are_reported_not_refused():
    data = yaml.safe_load(SMALL)
    data["title"]["ar"] = "استبيان صغير"
    questionnaire = load_text(yaml.safe_dump(data, allow_unicode=True))
    assert "ar" not in questionnaire.languages
    gaps = questionnaire.translation_gaps["ar"]
    assert "title" not in gaps
    assert "pages[0] (page 'background').questions[0] (question 'absence_band').text" in gaps


def test_stored_definition_rebuilds_the_same_questionnaire():
    from surveyapp.questionnaire.loader import from_definition

    original = load_text(SMALL)
    rebuilt = from_definition(original.definition)
    assert rebuilt == original


def test_validate_command_reports_files_and_translation_gaps(tmp_path):
    from click.testing import CliRunner

    from surveyapp.cli import main

    data = yaml.safe_load(SMALL)
    data["title"]["ru"] = "Небольшой опрос"
    good = tmp_path / "good.yaml"
    good.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(edited("type: number", "type: slider"), encoding="utf-8")

    result = CliRunner().invoke(main, ["validate", str(good)])
    assert result.exit_code == 0, result.output
    assert "valid: 'small'" in result.output
    assert "ru: " in result.output and "texts missing" in result.output

    result = CliRunner().invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{bad}: INVALID" in result.output and "(question 'hours').type" in result.output


def test_validate_command_passes_on_the_shipped_questionnaires():
    from click.testing import CliRunner

    from surveyapp.cli import main

    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 0, result.output
    assert result.output.count("valid:") == len(SHIPPED)


def test_control_characters_and_deep_nesting_are_refused_with_a_reason():
    problems = refused('title: "a\x01b"\n')
    assert "not valid YAML" in problems[0]
    problems = refused("title: " + "[" * 3000 + "\n")
    assert "nested deeper than" in problems[0]
