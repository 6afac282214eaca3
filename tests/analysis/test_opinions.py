"""Opinion groups: planted groups are recovered, small groups are not reported, reports hold no respondent."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.metrics import adjusted_rand_score

from analysis.opinions import OTHER_GROUP, OpinionGroups, likert_matrix, statement_labels
from analysis.synthetic import generate

STATEMENTS = [f"s{i}" for i in range(10)]
# three planted groups: s0 everyone agrees with; s1-s3 group A, s4-s6 group B, s7-s9 group C
PATTERNS = {
    "A": [5, 5, 5, 5, 1, 2, 1, 3, 2, 3],
    "B": [4, 2, 1, 2, 5, 5, 5, 2, 3, 2],
    "C": [5, 3, 2, 1, 2, 1, 2, 5, 5, 4],
}


def planted(sizes: dict[str, int], seed: int = 1) -> tuple[pd.DataFrame, np.ndarray]:
    rng = np.random.default_rng(seed)
    rows, truth = [], []
    for group, size in sizes.items():
        for _ in range(size):
            answers = np.clip(np.round(np.array(PATTERNS[group]) + rng.normal(0, 0.6, 10)), 1, 5).astype(object)
            answers[rng.random(10) < 0.08] = "dont_know"
            answers[rng.random(10) < 0.05] = None
            rows.append(answers)
            truth.append(group)
    return pd.DataFrame(rows, columns=STATEMENTS), np.array(truth)


def test_planted_groups_are_recovered():
    X, truth = planted({"A": 40, "B": 35, "C": 30})
    model = OpinionGroups(random_state=0, scale=(1, 5)).fit(X)
    assert model.n_groups_ == 3
    assert adjusted_rand_score(truth, model.labels_) > 0.9
    report = model.report()
    agree = report.representative[report.representative["direction"] == "agree"]
    by_group = {g: set(frame["statement"]) for g, frame in agree.groupby("group")}
    found = {frozenset(v) for v in by_group.values()}
    for expected in ({"s1", "s2", "s3"}, {"s4", "s5", "s6"}, {"s7", "s8", "s9"}):
        assert any(expected <= statements for statements in found)
    consensus = report.consensus
    assert consensus.loc[consensus["direction"] == "agree", "statement"].tolist() == ["s0"]
    assert report.groups["size"].tolist() == [40, 35, 30]


def test_fixed_number_of_groups_and_map_coordinates():
    X, _ = planted({"A": 30, "B": 30, "C": 30})
    model = OpinionGroups(n_groups=2, random_state=0).fit(X)
    assert model.n_groups_ == 2
    assert model.embedding_.shape == (90, 2)
    assert np.allclose(model.transform(X), model.embedding_.to_numpy())
    assert list(model.get_feature_names_out()) == ["pc1", "pc2"]


def test_small_groups_are_not_reported():
    X, _ = planted({"A": 40, "B": 40, "C": 3})
    model = OpinionGroups(n_groups=3, random_state=0, scale=(1, 5)).fit(X)
    assert sorted(model.group_sizes_.tolist()) == [3, 40, 40]
    report = model.report()
    assert OTHER_GROUP in report.groups["group"].tolist()
    assert report.groups.loc[report.groups["group"] == OTHER_GROUP, "shown"].item() == "<5"
    # the small group's size cannot be worked out from the others and the total
    assert report.groups["size"].isna().sum() >= 2
    assert set(report.representative["group"]) <= {"group 1", "group 2"}
    assert list(report.agree_shares.columns) == ["group 1", "group 2"]
    assert report.notes


def test_respondents_with_too_few_answers_are_left_out():
    X, _ = planted({"A": 30, "B": 30})
    X.iloc[:4, 2:] = None
    model = OpinionGroups(random_state=0, min_answered=0.5).fit(X)
    assert (model.labels_.iloc[:4] == -1).all()
    assert model.report().n_left_out == 4
    assert model.report().to_dict()["n_left_out"] == "<5"


def test_reports_hold_no_respondent():
    X, _ = planted({"A": 25, "B": 25, "C": 25})
    report = OpinionGroups(random_state=0).fit(X).report()
    document = report.to_dict()
    json.dumps(document)
    assert set(document) == {"n_respondents", "n_left_out", "silhouette", "groups", "representative",
                             "consensus", "agree_shares", "notes"}
    text = json.dumps(document)
    assert "pc1" not in text and "labels" not in text


def test_scikit_learn_conventions():
    model = OpinionGroups(n_groups=3, random_state=1)
    assert clone(model).get_params() == model.get_params()
    with pytest.raises(NotFittedError):
        model.transform(np.zeros((2, 3)))
    with pytest.raises(TypeError):
        OpinionGroups(3)  # keyword-only


def test_the_synthetic_staff_fall_into_several_groups():
    staff = generate(2025, guardians=0, pupils=0)["staff"].export
    X = likert_matrix(staff)
    assert X.attrs["scales"]["cooperation_overall"] == (1, 5)
    model = OpinionGroups(random_state=0).fit(X)
    assert model.n_groups_ > 1
    report = model.report(statement_labels(staff, X.columns))
    assert len(report.representative) > 0
    assert report.representative["label"].str.len().gt(10).all()
    # the groups differ along the built-in lines: finding the guidelines, consent, cooperation
    shares = model.disagree_shares_.loc["guidelines_knowledge.can_find"]
    assert shares.max() - shares.min() > 0.3
