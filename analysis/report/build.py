"""Write a report folder: the HTML page, the charts, the tables and each answer's themes."""
from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from .. import charts
from ..bands import DEFAULT_THRESHOLDS
from ..export_reader import Export
from ..i18n import LANGUAGES
from ..progress import Progress
from .findings import Findings, analyse
from .render import render_report
from .sections import band_labels, group_labels, build_page

__all__ = ["write_files", "write_findings", "write_report"]

ANSWER_COLUMNS = ["response_id", "questionnaire", "column", "group", "role", "language", "codes", "theme",
                  "theme_label", "text"]


def write_report(exports: Mapping[str, Export], folder: str | Path, *, language: str = "fi",
                 representation: str = "lexical", n_themes: int | None = None,
                 thresholds: Sequence[float] = DEFAULT_THRESHOLDS, edits_dir: str | Path | None = None,
                 random_state: int = 0, progress: Progress | None = None) -> Path:
    """Analyse ``exports`` (questionnaire id -> export) and write the report into ``folder``;
    returns the path of ``index.html``."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    progress = progress or Progress(enabled=False)
    findings = analyse(exports, representation=representation, n_themes=n_themes, thresholds=thresholds,
                       edits_dir=edits_dir, random_state=random_state, progress=progress)
    return write_findings(findings, folder, language=language, progress=progress)


def write_findings(findings: Findings, folder: str | Path, *, language: str = "fi",
                   progress: Progress | None = None) -> Path:
    """Write the report of findings already computed (:func:`analyse`); returns ``index.html``."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    progress = progress or Progress(enabled=False)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with progress.step("Writing the report"):
        page = build_page(findings, language=language)
        index = folder / "index.html"
        index.write_text(render_report(page, language=language), encoding="utf-8")
        write_files(findings, folder, language=language)
    return index


def write_files(findings: Findings, folder: Path, *, language: str) -> list[Path]:
    """The charts (SVG and PNG), the suppressed tables (CSV) and the answers' themes (CSV, JSON)."""
    written: list[Path] = []
    groups = group_labels(language)
    tables = {"respondents_by_group_and_language": findings.by_role_and_language}
    if findings.absence is not None:
        tables["absence_by_area"] = findings.absence
        figure = charts.absence_band_chart(findings.absence, language=language,
                                           row_labels=band_labels(findings.thresholds))
        written += charts.save(figure, folder / "charts" / "absence_by_area")
    for family in findings.families:
        if family.codes is not None:
            tables[f"{family.family}_codes_by_group"] = family.codes
            labels = {code: names.get(language) or names.get("en") or code
                      for code, names in family.code_labels.items()}
            figure = charts.theme_sizes_chart(family.codes, language=language, row_labels=labels, column_labels=groups)
            written += charts.save(figure, folder / "charts" / f"{family.family}_codes_by_group")
            figure = charts.theme_role_heatmap(family.codes, language=language, row_labels=labels,
                                               column_labels=groups)
            written += charts.save(figure, folder / "charts" / f"{family.family}_codes_heatmap")
        if family.themes_by_role is not None:
            tables[f"{family.family}_new_themes_by_group"] = family.themes_by_role
        answers = family.answers.reindex(columns=ANSWER_COLUMNS)
        target = folder / "themes" / f"{family.family}.csv"
        target.parent.mkdir(parents=True, exist_ok=True)
        answers.to_csv(target, index=False, encoding="utf-8")
        record = {"family": family.family,
                  "themes": family.themes.to_dict(answers=False) if family.themes is not None else None,
                  "answers": json.loads(answers.to_json(orient="records", force_ascii=False))}
        (folder / "themes" / f"{family.family}.json").write_text(
            json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
        written += [target, target.with_suffix(".json")]
    for opinion in findings.opinions:
        figure = charts.opinion_group_map(opinion.groups, language=language)
        written += charts.save(figure, folder / "charts" / f"opinion_groups_{opinion.questionnaire}")
        path = folder / "tables" / f"opinion_groups_{opinion.questionnaire}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(opinion.report.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
        written.append(path)
    for name, table in tables.items():
        path = folder / "tables" / f"{name}.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        table.to_frame().to_csv(path, index=False, encoding="utf-8")
        written.append(path)
    return written
