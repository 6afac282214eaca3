"""Opinion groups, as Pol.is finds them for statements: who agrees with what, and where all agree.

    >>> from analysis.opinions import OpinionGroups, likert_matrix, statement_labels
    >>> X = likert_matrix(export, questions=["cooperation_practice", "consent_confidentiality"])
    >>> groups = OpinionGroups(random_state=0).fit(X)
    >>> report = groups.report(labels=statement_labels(export, X.columns))
    >>> report.groups, report.representative, report.consensus, report.to_dict()

The pipeline, each stage a plain scikit-learn step:

1. **Answers.** Each statement's answers (integers; "don't know" and no answer are missing).
   Respondents who answered fewer than ``min_answered`` statements are left out.
2. **Centre and impute.** Each statement is centred on its mean and scaled by half the scale's
   range, so that -1 is "disagree most" and +1 "agree most"; a missing answer becomes 0, the
   statement's mean (Pol.is does the same with unvoted statements).
3. **Reduce.** PCA to ``n_components`` (2: the opinion map, ``embedding_``).
4. **Cluster.** KMeans in the PCA space, k chosen from ``min_groups``..``max_groups`` by the
   silhouette score, or fixed with ``n_groups``.
5. **Represent.** A statement is *representative* of a group when the group agrees (answers
   above the scale's middle) clearly more than everyone else: the difference in agree share is
   at least ``min_difference`` and a one-sided two-proportion z-test passes at ``alpha``; the
   same for disagreeing. A statement is *consensus* when every reported group agrees (or every
   group disagrees) at least ``consensus`` of the time.

Groups of fewer than ``min_group_size`` (5) respondents are not reported on their own: they are
counted together as "small groups" and their size is suppressed like a table cell (so is a
group size that would give it away). Reports hold group sizes and shares only, never a
respondent's answers, group or map position; ``labels_`` and ``embedding_`` stay on the fitted
estimator for the analyst's own map.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import silhouette_score
from sklearn.utils.validation import check_is_fitted

from .suppression import MIN_COUNT, suppress

__all__ = ["OTHER_GROUP", "OpinionGroups", "OpinionReport", "likert_matrix", "statement_labels"]

OTHER_GROUP = "small groups"
DROPPED = -1


def likert_matrix(export: Any, questions: Iterable[str] | None = None) -> pd.DataFrame:
    """Respondents x statements: the Likert and matrix columns of an export (``dont_know`` missing).

    ``questions``: question ids to include (default: every Likert and matrix question).
    Scales are kept in ``attrs["scales"]`` (statement → (lowest, highest) scale value).
    """
    wanted = set(questions) if questions is not None else None
    columns, scales = {}, {}
    for name, info in export.codebook.items():
        if info.question_type not in ("likert", "matrix") or (wanted is not None and info.question_id not in wanted):
            continue
        points = [code for code in info.values if isinstance(code, (int, np.integer))]
        values = pd.to_numeric(export.data[name].where(export.data[name] != "dont_know"), errors="coerce")
        columns[name] = values.astype("Float64")
        if points:
            scales[name] = (min(points), max(points))
    if not columns:
        raise ValueError("likert_matrix: no Likert or matrix columns" + (f" for {sorted(wanted)}" if wanted else ""))
    frame = pd.DataFrame(columns, index=export.data.index)
    frame.attrs["scales"] = scales
    return frame


def statement_labels(export: Any, columns: Iterable[str]) -> dict[str, str]:
    """Column → its statement text (the part of the codebook label after " — ")."""
    return {c: export.codebook[c].label.split(" — ", 1)[-1] for c in columns}


@dataclass(frozen=True)
class OpinionReport:
    """What may be reported about the opinion groups: sizes (suppressed) and statement shares."""

    groups: pd.DataFrame
    """One row per reported group (and one for the small groups): ``group``, ``size`` (``<NA>``
    where suppressed) and ``shown`` (the size as text, "<5" or ".." where suppressed)."""
    representative: pd.DataFrame
    """``group``, ``statement``, ``label``, ``direction`` (agree/disagree), ``share_group``,
    ``share_rest``, ``difference``, ``z``."""
    consensus: pd.DataFrame
    """``statement``, ``label``, ``direction``, ``lowest_share`` (of the reported groups)."""
    agree_shares: pd.DataFrame
    """Statements x reported groups: the share who agree."""
    n_respondents: int
    n_left_out: int
    silhouette: float
    notes: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
            return [{k: _plain(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]

        return {
            "n_respondents": self.n_respondents if self.n_respondents >= MIN_COUNT else f"<{MIN_COUNT}",
            "n_left_out": self.n_left_out if self.n_left_out == 0 or self.n_left_out >= MIN_COUNT
            else f"<{MIN_COUNT}",
            "silhouette": round(float(self.silhouette), 3),
            "groups": records(self.groups),
            "representative": records(self.representative),
            "consensus": records(self.consensus),
            "agree_shares": {str(g): {str(s): _plain(v) for s, v in col.items()}
                             for g, col in self.agree_shares.items()},
            "notes": list(self.notes),
        }


def _plain(value: Any) -> Any:
    if value is pd.NA:
        return None
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating, float)):
        return None if np.isnan(value) else round(float(value), 4)
    return value


class OpinionGroups(BaseEstimator):
    """Group respondents by their Likert answers (PCA + KMeans) and describe the groups.

    Parameters (keyword-only): ``n_groups`` (None: choose by silhouette), ``min_groups``,
    ``max_groups``, ``n_components``, ``min_answered`` (a count, or a share of the statements
    when below 1), ``scale`` ((lowest, highest) for every statement; None: ``X.attrs["scales"]``
    or the observed range), ``min_group_size``, ``min_difference``, ``alpha``, ``consensus``,
    ``random_state``.
    """

    def __init__(self, *, n_groups: int | None = None, min_groups: int = 2, max_groups: int = 5,
                 n_components: int = 2, min_answered: float = 0.5, scale: tuple[float, float] | None = None,
                 min_group_size: int = MIN_COUNT, min_difference: float = 0.2, alpha: float = 0.05,
                 consensus: float = 0.6, random_state: int | None = None) -> None:
        self.n_groups = n_groups
        self.min_groups = min_groups
        self.max_groups = max_groups
        self.n_components = n_components
        self.min_answered = min_answered
        self.scale = scale
        self.min_group_size = min_group_size
        self.min_difference = min_difference
        self.alpha = alpha
        self.consensus = consensus
        self.random_state = random_state

    def fit(self, X: Any, y: Any = None) -> OpinionGroups:
        frame = X if isinstance(X, pd.DataFrame) else pd.DataFrame(np.asarray(X, dtype=float))
        values = frame.apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        n, m = values.shape
        self.feature_names_in_ = np.asarray([str(c) for c in frame.columns], dtype=object)
        self.n_features_in_ = m
        low, high = self._scales(frame, values)
        self.scale_low_, self.scale_high_ = low, high
        needed = self.min_answered * m if self.min_answered < 1 else self.min_answered
        kept = (~np.isnan(values)).sum(axis=1) >= max(needed, 1)
        if kept.sum() < 2 * self.min_group_size:
            raise ValueError(f"too few respondents answered enough statements ({int(kept.sum())})")
        self.means_ = np.nanmean(values[kept], axis=0)
        self.means_ = np.where(np.isnan(self.means_), (low + high) / 2, self.means_)
        centred = self._centre(values[kept])
        self.pca_ = PCA(n_components=min(self.n_components, m), random_state=self.random_state).fit(centred)
        projected = self.pca_.transform(centred)
        self.scores_, self.kmeans_ = self._cluster(projected)
        self.n_groups_ = int(self.kmeans_.n_clusters)
        labels = self.kmeans_.labels_
        self.silhouette_ = float(silhouette_score(projected, labels)) if self.n_groups_ > 1 else 0.0
        # groups numbered by size, largest first
        order = {old: new for new, old in enumerate(pd.Series(labels).value_counts().index)}
        labels = np.array([order[g] for g in labels])
        self.labels_ = pd.Series(DROPPED, index=frame.index, name="group")
        self.labels_[kept] = labels
        self.embedding_ = pd.DataFrame(projected[:, :2], index=frame.index[kept],
                                       columns=[f"pc{i + 1}" for i in range(min(2, projected.shape[1]))])
        agree = np.where(np.isnan(values), np.nan, (values > (low + high) / 2).astype(float))
        disagree = np.where(np.isnan(values), np.nan, (values < (low + high) / 2).astype(float))
        self._agree, self._disagree, self._kept = agree[kept], disagree[kept], kept
        sizes = pd.Series(labels).value_counts().sort_index()
        self.group_sizes_ = sizes.rename("size")
        self.reported_groups_ = [int(g) for g, s in sizes.items() if s >= self.min_group_size]
        self.agree_shares_ = self._shares(self._agree, labels)
        self.disagree_shares_ = self._shares(self._disagree, labels)
        self.representative_ = self._representative(labels)
        self.consensus_ = self._consensus()
        return self

    def transform(self, X: Any) -> np.ndarray:
        """Map positions (PCA coordinates) of respondents, with the fitted centring."""
        check_is_fitted(self, "pca_")
        frame = X if isinstance(X, pd.DataFrame) else pd.DataFrame(np.asarray(X, dtype=float))
        values = frame.apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        return self.pca_.transform(self._centre(values))

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        check_is_fitted(self, "pca_")
        return np.asarray([f"pc{i + 1}" for i in range(self.pca_.n_components_)], dtype=object)

    def report(self, labels: Mapping[str, str] | None = None) -> OpinionReport:
        """The publishable summary: suppressed group sizes, representative and consensus statements."""
        check_is_fitted(self, "pca_")
        labels = dict(labels or {})
        sizes = self.group_sizes_
        small = [g for g in sizes.index if g not in self.reported_groups_]
        counts = {f"group {g + 1}": int(sizes[g]) for g in self.reported_groups_}
        notes = []
        if small:
            counts[OTHER_GROUP] = int(sizes[small].sum())
            notes.append(f"{len(small)} group(s) of fewer than {self.min_group_size} respondents are not "
                         f"reported on their own; they are counted as '{OTHER_GROUP}'.")
        suppression = suppress(pd.DataFrame({"size": counts}), threshold=self.min_group_size)
        shown = suppression.display()["size"].drop("Total")
        published = suppression.published["size"].drop("Total")
        groups = pd.DataFrame({"group": list(counts), "size": published.to_numpy(), "shown": shown.tolist()})
        n_left = int((~self._kept).sum())
        if n_left:
            notes.append("Respondents who answered too few statements are left out.")
        rename = {g: f"group {g + 1}" for g in self.reported_groups_}
        representative = self.representative_.copy()
        representative["group"] = representative["group"].map(rename)
        representative.insert(2, "label", representative["statement"].map(lambda s: labels.get(s, s)))
        consensus = self.consensus_.copy()
        consensus.insert(1, "label", consensus["statement"].map(lambda s: labels.get(s, s)))
        shares = self.agree_shares_[self.reported_groups_].rename(columns=rename)
        return OpinionReport(groups, representative, consensus, shares, int(self._kept.sum()), n_left,
                             self.silhouette_, tuple(notes))

    # --- stages ---------------------------------------------------------------------------------

    def _scales(self, frame: pd.DataFrame, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        m = values.shape[1]
        if self.scale is not None:
            return np.full(m, float(self.scale[0])), np.full(m, float(self.scale[1]))
        known = frame.attrs.get("scales") or {}
        low = np.array([known.get(c, (np.nan, np.nan))[0] for c in frame.columns], dtype=float)
        high = np.array([known.get(c, (np.nan, np.nan))[1] for c in frame.columns], dtype=float)
        low = np.where(np.isnan(low), np.nanmin(values), low)
        high = np.where(np.isnan(high), np.nanmax(values), high)
        return low, high

    def _centre(self, values: np.ndarray) -> np.ndarray:
        half = np.where(self.scale_high_ > self.scale_low_, (self.scale_high_ - self.scale_low_) / 2, 1.0)
        centred = (values - self.means_) / half
        return np.where(np.isnan(centred), 0.0, centred)

    def _cluster(self, projected: np.ndarray) -> tuple[pd.Series, KMeans]:
        if self.n_groups is not None:
            model = KMeans(n_clusters=self.n_groups, n_init=10, random_state=self.random_state).fit(projected)
            return pd.Series(dtype=float, name="silhouette"), model
        scores, best = {}, None
        for k in range(self.min_groups, min(self.max_groups, len(projected) - 1) + 1):
            model = KMeans(n_clusters=k, n_init=10, random_state=self.random_state).fit(projected)
            scores[k] = float(silhouette_score(projected, model.labels_))
            if best is None or scores[k] > scores[best[0]]:
                best = (k, model)
        return pd.Series(scores, name="silhouette").rename_axis("k"), best[1]

    def _shares(self, indicator: np.ndarray, labels: np.ndarray) -> pd.DataFrame:
        shares = {}
        for g in self.group_sizes_.index:
            member = np.where(labels[:, None] == g, indicator, np.nan)
            answered = (~np.isnan(member)).sum(axis=0)
            # a statement nobody in the group answered has no share (NaN), not a warning
            shares[int(g)] = np.divide(np.nansum(member, axis=0), answered,
                                       out=np.full(indicator.shape[1], np.nan), where=answered > 0)
        return pd.DataFrame(shares, index=self.feature_names_in_)

    def _representative(self, labels: np.ndarray) -> pd.DataFrame:
        from scipy.stats import norm

        critical = norm.ppf(1 - self.alpha)
        records = []
        for g in self.reported_groups_:
            inside = labels == g
            for direction, indicator in (("agree", self._agree), ("disagree", self._disagree)):
                for s, statement in enumerate(self.feature_names_in_):
                    a, b = indicator[inside, s], indicator[~inside, s]
                    a, b = a[~np.isnan(a)], b[~np.isnan(b)]
                    if len(a) < self.min_group_size or len(b) < self.min_group_size:
                        continue
                    pooled = (a.sum() + b.sum()) / (len(a) + len(b))
                    se = np.sqrt(pooled * (1 - pooled) * (1 / len(a) + 1 / len(b)))
                    z = (a.mean() - b.mean()) / se if se > 0 else 0.0
                    if a.mean() - b.mean() >= self.min_difference and z >= critical:
                        records.append({"group": g, "statement": statement, "direction": direction,
                                        "share_group": float(a.mean()), "share_rest": float(b.mean()),
                                        "difference": float(a.mean() - b.mean()), "z": float(z)})
        columns = ["group", "statement", "direction", "share_group", "share_rest", "difference", "z"]
        frame = pd.DataFrame(records, columns=columns)
        frame = frame.sort_values(["group", "difference"], ascending=[True, False], kind="stable")
        return frame[columns].reset_index(drop=True)

    def _consensus(self) -> pd.DataFrame:
        records = []
        for direction, shares in (("agree", self.agree_shares_), ("disagree", self.disagree_shares_)):
            reported = shares[self.reported_groups_]
            lowest = reported.min(axis=1)
            for statement, value in lowest.items():
                if self.reported_groups_ and value >= self.consensus:
                    records.append({"statement": statement, "direction": direction, "lowest_share": float(value)})
        return pd.DataFrame(records, columns=["statement", "direction", "lowest_share"])
