"""The suppression rule: small counts hidden, and no hidden count computed back from the totals.

Two attacks are used as checkers: row and column subtraction repeated until nothing more follows
(``recover_by_subtraction``, written on the published table alone), and the bounds a reader can
put on every hidden count with all rows, columns and totals at once (``hidden_bounds``).
"""
from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.suppression import (
    COMPLEMENT_MARK,
    PRIMARY,
    SECONDARY,
    SHOWN,
    TOTAL,
    hidden_bounds,
    recover_by_subtraction,
    suppress,
)


def table(rows: list[list[int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, index=[f"r{i}" for i in range(len(rows))],
                        columns=[f"c{j}" for j in range(len(rows[0]))])


def assert_protected(result, *, check_bounds: bool = True) -> None:
    """No hidden count can be recovered, and no count under the threshold is pinned down.

    A zero hidden with a small row may come back (a total of 0 elsewhere says so): a zero
    describes nobody, so that is allowed; any other count is not.
    """
    recovered = recover_by_subtraction(result.published, multiple_rows=result.multiple_rows,
                                       multiple_columns=result.multiple_columns)
    for key, value in recovered.items():
        if key[0] in ("not", "not in row"):
            assert not 1 <= value < result.threshold, f"the partner {key} = {value} is given away"
        else:
            assert value == 0, f"hidden count {key} = {value} recovered by subtraction"
    if check_bounds:
        for row in hidden_bounds(result).itertuples():
            if 1 <= row.value < result.threshold:
                assert row.high - row.low >= 1, f"{row.row}/{row.column} pinned to {row.value}"
            assert row.low <= row.value <= row.high


def test_a_small_cell_and_its_rectangle_of_complements():
    result = suppress(table([[3, 10, 20], [12, 15, 9], [0, 7, 30]]))
    status = result.status
    assert status.at["r0", "c0"] == PRIMARY
    assert {(r, c) for r in status.index for c in status.columns if status.at[r, c] == SECONDARY} == {
        ("r0", "c1"), ("r1", "c0"), ("r1", "c1")}
    shown = result.display()
    assert shown.at["r0", "c0"] == "<5"
    assert shown.at["r0", "c1"] == COMPLEMENT_MARK
    assert shown.at["r2", "c0"] == "0"  # zeros are shown
    assert shown.at[TOTAL, TOTAL] == "106"
    assert_protected(result)


def test_nothing_to_hide_leaves_the_table_as_it_is():
    result = suppress(table([[5, 10], [0, 7]]))
    assert (result.status == SHOWN).all().all()
    assert result.published.to_numpy().tolist() == [[5, 10, 15], [0, 7, 7], [5, 17, 22]]


def test_a_small_total_hides_its_whole_row_zeros_included():
    result = suppress(table([[3, 1, 0], [12, 15, 9], [6, 7, 30]]))
    assert (result.status.loc["r0"] == PRIMARY).all()
    assert result.display().at["r0", "c2"] == "<5"
    assert_protected(result)


def test_a_total_under_five_hides_everything():
    result = suppress(table([[1, 2], [0, 1]]))
    assert (result.status == PRIMARY).all().all()


def test_two_ones_in_a_row_are_not_left_to_each_other():
    # 1 + 1 with the row total known would give both away (each "<5" is at least 1)
    result = suppress(table([[1, 1, 20], [12, 15, 9], [6, 7, 30]]))
    assert_protected(result)
    assert result.status.loc["r0"].ne(SHOWN).sum() >= 3


def test_a_one_way_table_hides_a_second_category():
    result = suppress(pd.DataFrame({"n": [3, 50, 7]}, index=["a", "b", "c"]))
    assert result.status.at["a", "n"] == PRIMARY
    assert result.status.at["c", "n"] == SECONDARY  # the smallest other category
    assert result.status.at["b", "n"] == SHOWN
    assert_protected(result)


def test_multiple_choice_totals_are_respondents_and_97_of_100_is_hidden():
    # 100 respondents in the row; 97 chose c0, so 3 did not: that group is protected as well
    counts = table([[97, 40], [30, 60]])
    result = suppress(counts, row_totals=[100, 90], multiple_columns=True)
    assert result.table.at["r0", TOTAL] == 100
    assert result.status.at["r0", "c0"] != SHOWN or result.status.at["r0", TOTAL] != SHOWN
    assert_protected(result)


def test_totals_that_do_not_fit_are_refused():
    with pytest.raises(ValueError):
        suppress(table([[1, 2]]), row_totals=[4])
    with pytest.raises(ValueError):
        suppress(table([[5, 2]]), row_totals=[4], multiple_columns=True)
    with pytest.raises(ValueError):
        suppress(table([[5, 2]]), multiple_columns=True)


def test_the_subtraction_checker_does_recover_an_unprotected_table():
    # the checker itself works: with only primary suppression the cell comes back
    published = pd.DataFrame([[pd.NA, 10, 13], [5, 6, 11], [8, 16, 24]], index=["r0", "r1", TOTAL],
                             columns=["c0", "c1", TOTAL]).astype("Int64")
    assert recover_by_subtraction(published) == {("r0", "c0"): 3}


@pytest.mark.parametrize(("shape", "values"), [((1, 3), (0, 1, 3, 6)), ((2, 2), (0, 2, 6)),
                                               ((3, 1), (0, 1, 4, 6))])
def test_every_small_table_is_protected(shape, values):
    size = shape[0] * shape[1]
    for combination in itertools.product(values, repeat=size):
        result = suppress(pd.DataFrame(np.array(combination).reshape(shape)))
        assert_protected(result, check_bounds=False)
        if any(1 <= v < 5 for v in combination):
            assert result.hidden.to_numpy().sum() >= 2


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(2, 4).flatmap(lambda r: st.integers(2, 4).flatmap(
    lambda c: st.lists(st.lists(st.sampled_from([0, 1, 2, 3, 4, 5, 6, 9, 14, 30]), min_size=c, max_size=c),
                       min_size=r, max_size=r))))
def test_random_tables_are_protected(rows):
    assert_protected(suppress(table(rows)))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10_000), st.integers(2, 3), st.integers(2, 4), st.booleans())
def test_random_multiple_choice_tables_are_protected(seed, r, c, both):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(8, 60))
    rows = rng.random((n, r)) < rng.uniform(0.05, 0.95, r) if both else np.eye(r, dtype=bool)[rng.integers(0, r, n)]
    columns = rng.random((n, c)) < rng.uniform(0.02, 0.98, c)
    counts = table((rows.T.astype(int) @ columns.astype(int)).tolist())
    result = suppress(counts, row_totals=rows.sum(axis=0), column_totals=columns.sum(axis=0), total=n,
                      multiple_rows=both, multiple_columns=True)
    assert_protected(result)
