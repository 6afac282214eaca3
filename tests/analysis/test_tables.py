"""Cross-tables on the synthetic data: they find what it was built with, and they stay safe."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.bands import absence_bands, band_labels, band_of_percent
from analysis.respondents import combine, role_of
from analysis.suppression import SHOWN, TOTAL, recover_by_subtraction
from analysis.synthetic import generate
from analysis.tables import crosstab


@pytest.fixture(scope="module")
def data():
    return generate(2025)


@pytest.fixture(scope="module")
def guardians(data):
    return data["guardians"].export


def safe(table) -> None:
    s = table.suppression
    for key, value in recover_by_subtraction(s.published, multiple_rows=s.multiple_rows,
                                             multiple_columns=s.multiple_columns).items():
        assert value == 0 or (key[0] in ("not", "not in row") and not 1 <= value < 5), (key, value)
    small = (s.table >= 1) & (s.table < 5)
    assert not (small & ~s.hidden).any().any()


def test_absence_bands_follow_the_guardians_answer(guardians):
    bands = absence_bands(guardians)
    answer = guardians.data["absence_band"]
    assert list(bands.cat.categories) == ["under_10", "from_10_to_20", "over_20"]
    assert (bands.astype("object")[answer != "dont_know"] == answer[answer != "dont_know"]).all()
    assert bands[answer == "dont_know"].isna().all()
    assert bands.attrs["value_labels"] == {"under_10": "under 10 %", "from_10_to_20": "10–20 %",
                                           "over_20": "over 20 %"}


def test_absence_bands_are_configurable(guardians):
    finer = absence_bands(guardians, thresholds=(5, 10, 20))
    answer = guardians.data["absence_band"]
    assert finer[answer == "under_10"].isna().all()  # "under 10 %" spans two of the new bands
    assert (finer[answer == "over_20"] == "over_20").all()
    with_hours = absence_bands(guardians, thresholds=(15,), term_hours=475)
    hours = pd.to_numeric(guardians.data["absence_hours"]).astype(float)
    expected = (100 * hours / 475).map(lambda p: "under_15" if p < 15 else "over_15")
    assert (with_hours[hours.notna()].astype("object") == expected[hours.notna()]).all()
    assert with_hours[(answer == "from_10_to_20") & hours.isna()].isna().all()
    assert band_labels((15,)) == {"under_15": "under 15 %", "over_15": "over 15 %"}
    assert band_of_percent(pd.Series([9.9, 10, 20, 20.1])).tolist() == [
        "under_10", "from_10_to_20", "from_10_to_20", "over_20"]
    with pytest.raises(ValueError):
        absence_bands(guardians, thresholds=(20, 10))


def test_pupils_and_staff_have_no_absence_band(data):
    assert absence_bands(data["pupils"].export).isna().all()
    assert absence_bands(data["staff"].export).isna().all()


def test_reasons_by_absence_band_find_the_built_in_correlation(guardians):
    table = crosstab(guardians, "reasons", absence_bands(guardians), shares="column")
    shares = table.shares
    anxiety = shares.loc["Anxiety, low mood or other mental health problems"]
    holidays = shares.loc["Holidays or trips during term"]
    assert anxiety["over 20 %"] > 2 * anxiety["under 10 %"]
    assert holidays["under 10 %"] > holidays["over 20 %"] + 0.1
    # a multiple choice: the totals are respondents, and the rows add up to more than them
    counts = table.unsafe_counts
    assert counts.at[TOTAL, TOTAL] == table.n
    assert counts.drop(index=TOTAL)[TOTAL].sum() > table.n
    assert table.n == int((guardians.data["reasons__other"].notna() & absence_bands(guardians).notna()).sum())
    safe(table)


def test_suppressed_cells_hide_their_counts_and_shares(guardians):
    table = crosstab(guardians, "reasons", "absence_band")
    status, display, counts, shares = table.suppression.status, table.display, table.counts, table.shares
    assert (status != SHOWN).any().any()
    hidden = (status != SHOWN).to_numpy()
    assert counts.isna().to_numpy()[hidden].all()
    assert shares.isna().to_numpy()[hidden].all()
    assert set(display.to_numpy()[hidden]) <= {"<5", ".."}
    frame = table.to_frame()
    assert frame.loc[frame["suppressed"], "count"].isna().all()
    assert frame.loc[frame["suppressed"], "share"].isna().all()
    assert "<5" in set(frame["shown"])
    safe(table)


def test_row_shares_add_up_to_one_on_an_exclusive_axis(guardians):
    table = crosstab(guardians, "area", "absence_band", dont_know="drop")
    assert "I don't know" not in table.counts.columns
    raw = table.unsafe_counts
    assert (raw.drop(columns=TOTAL).sum(axis=1) == raw[TOTAL]).all()
    shares = table._shares(False)
    assert (shares[TOTAL] == 1).all()
    safe(table)


def test_one_variable_leading_columns_and_likert_items(guardians):
    languages = crosstab(guardians, "language")
    assert list(languages.display.columns) == ["n"]
    assert languages.display.loc["fi", "n"].endswith("%)")
    assert crosstab(guardians, "school").n == len(guardians.data)
    likert = crosstab(guardians, "area", "cooperation_experience.we_were_heard", dont_know="drop")
    assert list(likert.counts.columns[:5]) == ["Strongly disagree", "Disagree", "Neither agree nor disagree",
                                               "Agree", "Strongly agree"]
    for table in (languages, likert):
        safe(table)


def test_themes_as_a_series_or_a_zero_one_frame(data):
    survey = data["staff"]
    themes = survey.theme_matrix("what_hinders")
    table = crosstab(survey.export, themes, "area")
    assert table.n == len(themes)
    assert table.suppression.multiple_rows
    first = survey.labels["what_hinders__true_themes"].str.split(";").str[0]
    single = crosstab(survey.export, first.rename("theme"), "area")
    assert single.n == int(first.notna().sum())
    safe(table)
    safe(single)


def test_combined_respondents_have_a_role(data):
    respondents = combine({k: data[k].export for k in data})
    roles = respondents.data["role"]
    assert (roles == "guardian").sum() == 300 and (roles == "pupil").sum() == 300
    staff = data["staff"].export.data["role"]
    assert roles[respondents.data["questionnaire"] == "staff"].tolist() == staff.tolist()
    assert respondents.codebook["role"].values["class_teacher"] == "Class teacher"
    assert {"guardians:grade_band", "pupils:grade_band", "staff:role"} <= set(respondents.data.columns)
    assert "cooperation_overall" in respondents.data.columns  # same scale in guardians and staff
    assert role_of(data["pupils"].export).eq("pupil").all()
    table = crosstab(respondents, "role", "cooperation_overall", dont_know="drop")
    assert table.counts.loc["Guardian"].notna().any()
    assert table.display.loc["School psychologist", TOTAL] == "<5"
    safe(table)
