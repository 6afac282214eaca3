"""What a report finds in a set of exports, computed once and kept as plain values.

:func:`analyse` runs the package's steps in order (respondents, absence bands, codebook codes
and emerging themes for each family of free-text questions, opinion groups) and returns
:class:`Findings`. The HTML report (:mod:`.sections`), the files written beside it and the
workshop material are all made from these values, so each number is computed in one place.
Only suppressed tables and screened texts are kept.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..bands import DEFAULT_THRESHOLDS, absence_bands
from ..export_reader import Export
from ..labels import theme_families
from ..progress import Progress
from ..respondents import Respondents, combine, role_of
from ..tables import CrossTab, crosstab

__all__ = ["FamilyFindings", "Findings", "OpinionFindings", "analyse"]

GROUP = "respondent_role"
"""guardians, pupils or staff: the groups themes are compared between (each staff role alone
would leave most cells under 5; the answers file keeps each staff role)."""
CODED_FAMILIES = ("reasons_for_absence", "barriers_to_cooperation")
"""Theme families with a shipped codebook: coded first, the rest clustered."""
MIN_TEXTS_TO_CLUSTER = 20
MIN_STATEMENTS = 4


@dataclass(frozen=True)
class FamilyFindings:
    """The free-text answers of one theme family (e.g. reasons for absence) across exports."""

    family: str
    answers: pd.DataFrame
    """One row per answer: response_id, questionnaire, column, role, language, text (screened),
    codes (";"-joined codebook themes), theme, theme_label."""
    codes: CrossTab | None
    """Codebook themes by respondent group (None when the family has no codebook)."""
    code_labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Codebook theme id -> {language: label}."""
    themes: Any = None
    """The emerging themes (:class:`analysis.themes.ThemeResult`) of the answers no codebook
    theme matched, or None when there were too few of them."""
    themes_by_role: CrossTab | None = None
    edit_notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class OpinionFindings:
    questionnaire: str
    report: Any
    """:class:`analysis.opinions.OpinionReport`."""
    groups: Any
    """The fitted :class:`analysis.opinions.OpinionGroups` (for the map)."""
    statements: Mapping[str, str]


@dataclass(frozen=True)
class Findings:
    respondents: Respondents
    exports: Mapping[str, Export]
    by_role_and_language: CrossTab
    absence: CrossTab | None
    """Guardians' absence bands by area (None without a guardians' export)."""
    families: tuple[FamilyFindings, ...]
    opinions: tuple[OpinionFindings, ...]
    synthetic: bool
    thresholds: tuple[float, ...] = DEFAULT_THRESHOLDS


def analyse(exports: Mapping[str, Export], *, representation: str = "lexical", n_themes: int | None = None,
            thresholds: Sequence[float] = DEFAULT_THRESHOLDS, edits_dir: str | Path | None = None,
            random_state: int = 0, progress: Progress | None = None) -> Findings:
    """Everything the report shows, from exports keyed by questionnaire id."""
    progress = progress or Progress(enabled=False)
    with progress.step("Combining the respondents"):
        respondents = combine(exports)
        by_role = crosstab(respondents, GROUP, "language", shares="row")
    absence = None
    guardians = _export_of(exports, "guardians")
    if guardians is not None and "absence_band" in guardians.data:
        with progress.step("Absence bands"):
            bands = absence_bands(guardians, thresholds=thresholds)
            areas = guardians.data["area"] if "area" in guardians.data else None
            if bands.notna().any():
                # campaigns without an area still get their bands, in one column
                area = (areas.astype("string").fillna("–") if areas is not None
                        else pd.Series("–", index=guardians.data.index, dtype="string")).rename("area")
                absence = crosstab(guardians, bands, area, shares="column")
    families = []
    for family, columns in _families(exports).items():
        if family not in CODED_FAMILIES:
            continue
        with progress.step(f"Themes in {family}"):
            families.append(_family(family, exports, columns, representation=representation, n_themes=n_themes,
                                    edits_dir=edits_dir, random_state=random_state))
    opinions = []
    for name, export in exports.items():
        with progress.step(f"Opinion groups in {name}"):
            found = _opinions(name, export, random_state)
        if found is not None:
            opinions.append(found)
    synthetic = any(bool(e.data.attrs.get("synthetic")) or "SYNTHETIC" in str(e.metadata.get("campaign", ""))
                    or _synthetic_ids(e) for e in exports.values())
    return Findings(respondents, exports, by_role, absence, tuple(families), tuple(opinions), synthetic,
                    tuple(thresholds))


def _export_of(exports: Mapping[str, Export], questionnaire: str) -> Export | None:
    for name, export in exports.items():
        if _questionnaire_id(name, export) == questionnaire:
            return export
    return None


def _questionnaire_id(name: str, export: Export) -> str:
    meta = export.metadata.get("questionnaire") or {}
    if meta.get("id"):
        return str(meta["id"])
    if "questionnaire" in export.data and export.data["questionnaire"].notna().any():
        return str(export.data["questionnaire"].dropna().iloc[0])
    return name


def _synthetic_ids(export: Export) -> bool:
    ids = export.data.get("response_id")
    return ids is not None and len(ids) > 0 and ids.astype(str).str.startswith("syn-").all()


def _families(exports: Mapping[str, Export]) -> dict[str, list[tuple[str, str]]]:
    """Theme family -> (export name, column) of its free texts, from the shipped questionnaires."""
    families: dict[str, list[tuple[str, str]]] = {}
    for name, export in exports.items():
        for column, family in theme_families(_questionnaire_id(name, export)).items():
            if column in export.data:
                families.setdefault(family, []).append((name, column))
    return families


def _family(family: str, exports: Mapping[str, Export], columns: Sequence[tuple[str, str]], *,
            representation: str, n_themes: int | None, edits_dir: str | Path | None,
            random_state: int) -> FamilyFindings:
    from ..codebook import CodebookCoder
    from ..text import prepare

    rows = []
    for name, column in columns:
        export = exports[name]
        roles = role_of(export)
        group = export.data["respondent_role"] if "respondent_role" in export.data else pd.Series(name, index=roles.index)
        for position, text in export.data[column].items():
            if isinstance(text, str) and text.strip():
                rows.append({"response_id": export.data.at[position, "response_id"]
                             if "response_id" in export.data else f"{name}-{position}",
                             "questionnaire": name, "column": column, "group": group.at[position],
                             "role": roles.at[position],
                             "language_hint": export.data.at[position, "language"]
                             if "language" in export.data else None, "original": text})
    answers = pd.DataFrame(rows, columns=["response_id", "questionnaire", "column", "group", "role",
                                          "language_hint", "original"])
    prepared = prepare(answers["original"].tolist(), hints=[h if isinstance(h, str) else None
                                                           for h in answers["language_hint"]])
    answers["text"] = [p.screened for p in prepared]
    answers["language"] = [p.language for p in prepared]
    answers = answers.drop(columns=["original", "language_hint"])

    coder = CodebookCoder(codebook=family, language_column="language", text_column="text")
    codes = coder.fit_transform(answers[["text", "language"]])
    code_labels = {theme.id: dict(theme.label) for theme in coder.codebook_.themes}
    answers["codes"] = codes.apply(lambda row: ";".join(c for c, v in row.items() if v), axis=1)
    groups = pd.DataFrame({"group": answers["group"].astype("string")})
    code_table = crosstab(groups, codes.astype(int), "group", shares="column")

    answers["theme"], answers["theme_label"] = -1, ""
    themes, themes_by_role, notes = None, None, ()
    rest = np.asarray(coder.uncoded_mask_, dtype=bool)
    if rest.sum() >= MIN_TEXTS_TO_CLUSTER:
        themes, notes = _emerging(answers.loc[rest], family, representation=representation, n_themes=n_themes,
                                  edits_dir=edits_dir, random_state=random_state)
        answers.loc[rest, "theme"] = list(themes.assignments)
        labels = {theme.id: theme.label for theme in themes.themes}
        answers.loc[rest, "theme_label"] = [labels.get(t, "") for t in themes.assignments]
        clustered = answers.loc[rest]
        assigned = pd.Series(list(themes.assignments), index=clustered.index).where(lambda s: s >= 0)
        if assigned.notna().any():
            themes_by_role = crosstab(pd.DataFrame({"group": clustered["group"].astype("string")}),
                                      assigned.astype("Int64"), "group", shares="column")
    return FamilyFindings(family, answers, code_table, code_labels, themes, themes_by_role, notes)


def _emerging(answers: pd.DataFrame, family: str, *, representation: str, n_themes: int | None,
              edits_dir: str | Path | None, random_state: int):
    from ..themes import ThemePipeline
    from ..themes.edits import ThemeEdits
    from ..themes.lexical import ThemeClusterer

    pipeline = ThemePipeline(representation=representation,
                             clusterer=ThemeClusterer(n_themes=n_themes, random_state=random_state))
    result = pipeline.fit(answers["text"].tolist(), languages=answers["language"].tolist())
    notes: tuple[str, ...] = ()
    if edits_dir is not None:
        applied = ThemeEdits.load(Path(edits_dir) / f"{family}.yaml").apply(result)
        result, notes = applied.result, applied.applied + applied.unmatched
    return result, notes


def _opinions(name: str, export: Export, random_state: int) -> OpinionFindings | None:
    from ..opinions import OpinionGroups, likert_matrix, statement_labels

    matrix = likert_matrix(export)
    if matrix.shape[1] < MIN_STATEMENTS:
        return None
    groups = OpinionGroups(random_state=random_state)
    try:
        groups.fit(matrix)
    except ValueError:  # too few respondents answered enough statements
        return None
    labels = statement_labels(export, matrix.columns)
    return OpinionFindings(name, groups.report(labels), groups, labels)
