"""Theme edits (rename, merge, split) are saved in a file and find their themes again next run."""
from __future__ import annotations

import dataclasses

import pytest

from analysis.themes.edits import ThemeEdits, fingerprint
from analysis.themes.result import Theme, ThemeResult

BUS = ["the bus is late every morning", "bussen kommer inte", "bussi ei kulje aamulla",
       "no bus from our village", "koulukyyti puuttuu"]
SICK = ["he was ill with flu", "sairasti flunssaa", "hon var sjuk", "migraine every week",
        "korvatulehdus ja kuume"]
BULLY = ["kiusattiin välitunnilla", "mobbning i skolan", "they bully him online",
         "kiusaaminen jatkui", "friends left her alone"]


def _result(groups: dict[int, list[str]], other: list[str] = (), labels: dict[int, str] | None = None,
            terms: dict[int, tuple[str, ...]] | None = None) -> ThemeResult:
    texts, assignments = [], []
    for theme_id, members in groups.items():
        texts += members
        assignments += [theme_id] * len(members)
    texts += list(other)
    assignments += [-1] * len(other)
    themes = tuple(Theme(id=t, label=(labels or {}).get(t, f"theme {t}"), size=len(m),
                         size_by_language={"en": len(m)}, top_terms=(terms or {}).get(t, (f"t{t}",)),
                         top_terms_by_language={"en": (terms or {}).get(t, (f"t{t}",))},
                         quotes_by_language={"en": tuple(m[:2])})
                   for t, m in groups.items())
    return ThemeResult(assignments=tuple(assignments), languages=("en",) * len(texts), texts=tuple(texts),
                       themes=themes, n_themes=len(themes), silhouette=0.1, stability=0.9)


@pytest.fixture
def first_run():
    return _result({0: BUS + BULLY, 1: SICK}, other=["ok"],
                   terms={0: ("bus", "kiusata"), 1: ("sick", "flu")})


def test_a_rename_survives_a_new_run_with_new_answers_and_new_numbers(first_run, tmp_path):
    edits = ThemeEdits().rename(first_run, 1, "Illness")
    edits.save(tmp_path / "edits.yaml")
    # next run: the themes come out in the other order, and two new answers joined
    second = _result({0: SICK + ["a cold again", "vatsatauti"], 1: BUS + BULLY})
    applied = ThemeEdits.load(tmp_path / "edits.yaml").apply(second)
    assert applied.unmatched == ()
    assert applied.result.theme(0).label == "Illness"
    assert applied.result.theme(1).label == "theme 1"


def test_merge_adds_up_sizes_languages_and_answers(first_run):
    run = _result({0: BUS, 1: SICK, 2: BULLY})
    applied = ThemeEdits().merge(run, [0, 2], "School trouble").apply(run)
    merged = applied.result.theme(0)
    assert merged.label == "School trouble" and merged.size == 10
    assert set(applied.result.assignments) == {0, 1}
    assert [t.id for t in applied.result.themes] == [0, 1] and applied.result.n_themes == 2
    assert merged.quotes_by_language["en"][:2] == (BUS[0], BULLY[0])


def test_split_moves_answers_with_the_terms_into_a_new_theme(first_run):
    edits = ThemeEdits().split(first_run, 0, {"Bullying": ["kiusa", "mobbning", "bully"]})
    applied = edits.apply(first_run)
    result = applied.result
    bullying = next(t for t in result.themes if t.label == "Bullying")
    assert bullying.size == 4  # "friends left her alone" has none of the terms: it stays
    moved = {result.texts[i] for i, t in enumerate(result.assignments) if t == bullying.id}
    assert moved == set(BULLY) - {"friends left her alone"}
    assert result.theme(0).size == len(BUS) + 1
    assert all(q in moved for q in bullying.quotes_by_language["en"])
    assert "split 0: Bullying (4)" in applied.applied[0]


def test_an_edit_whose_theme_is_gone_is_reported_not_dropped(first_run, tmp_path):
    edits = ThemeEdits().rename(first_run, 1, "Illness")
    applied = edits.apply(_result({0: BUS, 1: ["something else entirely", "and more"]}))
    assert applied.applied == ()
    assert len(applied.unmatched) == 1 and "Illness" in applied.unmatched[0]
    edits.save(tmp_path / "e.yaml")
    assert len(ThemeEdits.load(tmp_path / "e.yaml").edits) == 1


def test_with_few_shared_answers_the_top_terms_find_the_theme(first_run):
    edits = ThemeEdits().rename(first_run, 1, "Illness")
    # all answers are new, but the theme has the same distinctive words
    fresh = _result({0: ["new text"] * 3, 1: ["other new"] * 3}, terms={0: ("bus",), 1: ("sick", "flu", "x")})
    assert edits.apply(fresh).result.theme(1).label == "Illness"


def test_the_file_holds_no_answer_text(first_run, tmp_path):
    path = tmp_path / "edits.yaml"
    ThemeEdits().rename(first_run, 0, "Travel").split(first_run, 0, {"Bullying": ["kiusa"]}).save(path)
    text = path.read_text(encoding="utf-8")
    assert not any(answer in text for answer in BUS + SICK + BULLY)
    assert fingerprint(BUS[0]) in text


@pytest.mark.parametrize(("content", "message"), [
    ("format: something\n", "not a theme edits file"),
    ("format: verkosto-theme-edits\nversion: 9\n", "version 9"),
    ("format: verkosto-theme-edits\nversion: 1\nedits:\n  - action: paint\n", "edit 1: action must be"),
    ("format: verkosto-theme-edits\nversion: 1\nedits:\n  - action: rename\n    theme: {terms: [a]}\n",
     "edit 1: a rename needs a label"),
    ("format: [unclosed\n", "not valid YAML"),
])
def test_a_bad_edits_file_is_refused_with_the_file_and_the_edit(tmp_path, content, message):
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message) as error:
        ThemeEdits.load(path)
    assert str(path) in str(error.value)


def test_a_missing_file_means_no_edits(tmp_path):
    assert ThemeEdits.load(tmp_path / "none.yaml").edits == ()


def test_edits_apply_to_a_real_pipeline_run_after_more_answers_arrive(tmp_path):
    from analysis.synthetic import generate
    from analysis.themes import ThemePipeline
    from analysis.themes.lexical import ThemeClusterer

    guardians = generate(seed=11)["guardians"].data
    texts = guardians["reasons.other"].dropna().astype(str).tolist()
    pipeline = ThemePipeline(clusterer=ThemeClusterer(n_themes=5, random_state=0))
    first = pipeline.fit(texts[: len(texts) * 2 // 3])
    biggest = first.themes[0]
    ThemeEdits().rename(first, biggest.id, "Named by a researcher").save(tmp_path / "edits.yaml")
    second = pipeline.fit(texts)
    applied = ThemeEdits.load(tmp_path / "edits.yaml").apply(second)
    assert applied.unmatched == ()
    renamed = next(t for t in applied.result.themes if t.label == "Named by a researcher")
    old = {fingerprint(first.texts[i]) for i, t in enumerate(first.assignments) if t == biggest.id}
    new = {fingerprint(second.texts[i]) for i, t in enumerate(second.assignments) if t == renamed.id}
    assert len(old & new) / len(old) >= 0.3


def test_results_stay_frozen_values(first_run):
    applied = ThemeEdits().rename(first_run, 0, "Travel").apply(first_run)
    assert first_run.theme(0).label == "theme 0"
    with pytest.raises(dataclasses.FrozenInstanceError):
        applied.result.themes[0].label = "x"  # type: ignore[misc]
