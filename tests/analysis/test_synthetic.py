"""The synthetic data set: deterministic, in the export layout, labelled, mixed, marked, and readable.

It is also the labelled test set for the codebook coder: the agreement test measures the coder
against the true themes and prints the figures (``pytest -s`` shows them).
"""
from __future__ import annotations

import importlib.util
import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.codebook import CodebookCoder, agreement, load_codebook
from analysis.export_reader import read_export, read_json_export
from analysis.screening import contains_personal_data, mask
from analysis.synthetic import (
    DEFAULT_SIZES,
    PERSONAL_DATA_SUFFIX,
    THEMES,
    TRUE_THEMES_SUFFIX,
    QuestionnaireLayout,
    export_document,
    generate,
)

PROJECT = Path(__file__).resolve().parents[2]
LEADING = ["response_id", "campaign", "project", "area", "schools", "questionnaire", "questionnaire_version",
           "language", "submitted_on", "respondent_role"]
CODED = {
    "guardians": {"reasons.other": "reasons_for_absence", "what_should_change": "barriers_to_cooperation"},
    "pupils": {"hard_reasons.other": "reasons_for_absence"},
    "staff": {"what_hinders": "barriers_to_cooperation"},
}


@pytest.fixture(scope="module")
def data():
    return generate()


def _script():
    spec = importlib.util.spec_from_file_location("make_synthetic_data", PROJECT / "scripts" / "make_synthetic_data.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data():
    first, second = generate(7, guardians=40, pupils=40, staff=30), generate(7, guardians=40, pupils=40, staff=30)
    other = generate(8, guardians=40, pupils=40, staff=30)
    for name in ("guardians", "pupils", "staff"):
        pd.testing.assert_frame_equal(first[name].data, second[name].data)
        pd.testing.assert_frame_equal(first[name].labels, second[name].labels)
        assert not first[name].data.equals(other[name].data)


def test_sizes_and_columns_follow_the_export_layout(data):
    for name, size in DEFAULT_SIZES.items():
        survey = data[name]
        layout = QuestionnaireLayout.read(PROJECT / "questionnaires" / f"{name}.yaml")
        assert len(survey.data) == size == len(survey.labels)
        assert list(survey.data.columns) == [c["name"] for c in layout.columns()]
        assert list(survey.data.columns[:10]) == LEADING
        assert survey.data["response_id"].is_unique
        assert (survey.data["respondent_role"] == name).all()
        assert survey.coded_columns == CODED[name]
        for column in CODED[name]:
            assert list(survey.labels.columns).count(f"{column}{TRUE_THEMES_SUFFIX}") == 1
    assert {"reasons__physical_illness", "reasons__other", "reasons.other",
            "cooperation_experience.we_were_heard"} <= set(data["guardians"].data.columns)
    small = generate(3, guardians=10, pupils=0, staff=1)
    assert [len(small[n].data) for n in ("guardians", "pupils", "staff")] == [10, 0, 1]
    with pytest.raises(ValueError, match="pupils"):
        generate(pupils=-1)


def test_every_coded_free_text_has_its_true_themes(data):
    for family, themes in THEMES.items():
        assert themes == load_codebook(family).theme_ids
    for name, columns in CODED.items():
        survey = data[name]
        for column, family in columns.items():
            texts, labels = survey.data[column], survey.labels[f"{column}{TRUE_THEMES_SUFFIX}"]
            assert (texts.notna() == labels.notna()).all(), column
            assert (texts.notna() == survey.labels[f"{column}{PERSONAL_DATA_SUFFIX}"].notna()).all()
            assert texts.notna().sum() >= 20, column
            used = {t for value in labels.dropna() for t in value.split(";") if t}
            assert used <= set(THEMES[family])
            matrix = survey.theme_matrix(column)
            assert len(matrix) == texts.notna().sum() and list(matrix.columns) == THEMES[family]
        assert (survey.labels["response_id"] == survey.data["response_id"]).all()
    guardians = data["guardians"]
    several = guardians.labels["what_should_change__true_themes"].dropna().str.contains(";").sum()
    off_topic = (guardians.labels["what_should_change__true_themes"] == "").sum()
    assert several > 5 and off_topic > 5
    for column in ("what_would_help",):  # other theme families are left unanswered
        assert guardians.data[column].isna().all()


def test_answers_are_stored_as_the_web_app_stores_a_submission(data):
    for survey in data.surveys.values():
        for question in survey.layout.questions:
            if question.type != "multiple_choice":
                continue
            order = [value for value, _ in question.options] + (["other"] if question.other is not None else [])
            for response in (r for c in survey.campaigns for r in c.responses):
                chosen = response.answers.get(question.id)
                if chosen is None:
                    continue
                assert chosen and chosen == [value for value in order if value in chosen], (response.id, chosen)
                if "other" in chosen:  # the app refuses "other" without its text
                    assert response.answers.get(f"{question.id}.other"), response.id


def test_languages_roles_areas_and_opinion_groups_are_mixed(data):
    for name in ("guardians", "pupils", "staff"):
        shares = data[name].data["language"].value_counts(normalize=True)
        assert shares.index[0] == "fi" and shares["fi"] > 0.5 and shares["sv"] > 0.1
        assert shares.get("en", 0) > 0
        assert data[name].data["area"].nunique() == 3 == len(data[name].campaigns)
    assert data["pupils"].data["hard_reasons.other"].notna().sum() > 10
    staff = read_json_export(io.BytesIO(json.dumps(export_document(data["staff"].layout, data["staff"].campaigns))
                                        .encode()), dont_know="missing").data
    assert staff["role"].nunique() >= 9
    group = staff["organisation"].map({"school": "school", "child_welfare": "social", "family_social_work": "social"})
    uncertain = staff.groupby(group)["consent_confidentiality.often_uncertain"].mean()
    assert uncertain["school"] - uncertain["social"] > 0.5  # teachers are less sure what they may tell
    guardians = data["guardians"].data
    over = pd.crosstab(guardians["grade_band"], guardians["absence_band"], normalize="index")["under_10"]
    assert over["grades_1_2"] > over["grades_7_9"]  # older children miss more school


def test_the_data_is_marked_synthetic(data):
    assert data.synthetic and "SYNTHETIC" in data.notice
    for survey in data.surveys.values():
        assert survey.synthetic and survey.data.attrs["synthetic"] is True
        assert survey.data["project"].str.startswith("SYNTHETIC").all()
        assert survey.data["campaign"].str.startswith("SYNTHETIC").all()
        assert survey.data["response_id"].str.startswith("syn-").all()
        assert survey.export.metadata["campaign"]["project"].startswith("SYNTHETIC")


def test_the_words_are_data_files_read_once_when_first_needed_and_marked_synthetic():
    code = (
        "import analysis.synthetic as synthetic\n"
        "from analysis.synthetic import _data\n"
        "read = lambda: sum(f.cache_info().currsize for f in (_data.family, _data.words, _data.areas))\n"
        "print(read())\n"
        "synthetic.generate(1, guardians=20, pupils=20, staff=20)\n"
        "synthetic.generate(2, guardians=20, pupils=20, staff=20)\n"
        "print(read(), sum(f.cache_info().misses for f in (_data.family, _data.words, _data.areas)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=PROJECT)
    assert result.stdout.split() == ["0", "4", "4"]  # nothing at import; each file once
    folder = PROJECT / "analysis" / "data" / "synthetic"
    assert sorted(p.name for p in folder.glob("*.yaml")) == [
        "areas.yaml", "barriers_to_cooperation.yaml", "reasons_for_absence.yaml", "words.yaml"]
    for path in folder.glob("*.yaml"):
        assert path.read_text(encoding="utf-8").startswith("# SYNTHETIC DATA"), path
    from analysis.synthetic import AREAS, PHRASES
    assert all("(SYNTHETIC)" in area.name for area in AREAS)
    for family, themes in PHRASES.items():
        for theme, templates in themes.items():
            assert all(templates.get(language) for language in ("fi", "sv", "en")), (family, theme)


def test_planted_personal_data_is_caught_by_screening(data):
    planted = 0
    for name, columns in CODED.items():
        survey = data[name]
        for column in columns:
            flags = survey.labels[f"{column}{PERSONAL_DATA_SUFFIX}"]
            for text in survey.data.loc[flags.fillna(False).astype(bool), column]:
                planted += 1
                assert contains_personal_data(text), text
                assert "@" not in mask(text) and not any(ch.isdigit() for ch in mask(text)), text
    assert planted >= 3


def test_the_coder_agrees_with_the_true_themes(data, capsys):
    report = []
    for family in THEMES:
        coder = CodebookCoder(codebook=family).fit([""])
        true, predicted = [], []
        for name, columns in CODED.items():
            for column, column_family in columns.items():
                if column_family != family:
                    continue
                texts = data[name].data[column].dropna()
                frame = pd.DataFrame({"text": texts, "language": data[name].data.loc[texts.index, "language"]})
                codes = coder.transform(frame["text"])
                labels = data[name].theme_matrix(column)
                true.append(labels.set_axis([f"{name}:{i}" for i in labels.index]))
                predicted.append(codes.set_axis([f"{name}:{i}" for i in codes.index]))
        table = agreement(pd.concat(true), pd.concat(predicted))
        micro = table.loc["micro avg"]
        report.append(f"{family}: {len(pd.concat(true))} texts, micro precision {micro['precision']:.2f}, "
                      f"recall {micro['recall']:.2f}, F1 {micro['f1']:.2f}; macro F1 {table.loc['macro avg', 'f1']:.2f}")
        assert micro["f1"] > 0.6, report[-1]
    with capsys.disabled():
        print("\n" + "\n".join(report))


def test_the_script_writes_export_files_that_read_back_unchanged(tmp_path, capsys):
    script = _script()
    assert script.main([str(tmp_path), "--seed", "11", "--guardians", "40", "--pupils", "40", "--staff", "30"]) == 0
    out = capsys.readouterr().out
    assert "SYNTHETIC" in out and "reads back unchanged" in out
    assert "SYNTHETIC" in (tmp_path / "README.md").read_text(encoding="utf-8")
    data = generate(11, guardians=40, pupils=40, staff=30)
    assert script.check_round_trip(data, tmp_path) == []
    for survey in data.surveys.values():
        for campaign in survey.campaigns:
            expected = read_json_export(io.BytesIO(json.dumps(export_document(survey.layout, [campaign])).encode()))
            for suffix in (".json", ".csv"):
                export = read_export(tmp_path / f"{campaign.slug}{suffix}")
                pd.testing.assert_frame_equal(export.data, expected.data)
                assert export.codebook == expected.codebook
            themes = pd.read_csv(tmp_path / f"{campaign.slug}.true_themes.csv", encoding="utf-8-sig",
                                 dtype=str, keep_default_na=False)
            assert len(themes) == sum(len(r.true_themes) for r in campaign.responses)
            assert (themes["synthetic"] == "true").all()
    assert len(list(tmp_path.glob("*.json"))) == 9 and len(list(tmp_path.glob("*.codebook.csv"))) == 9
