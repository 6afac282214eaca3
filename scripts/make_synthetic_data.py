#!/usr/bin/env python3
"""Write the SYNTHETIC example data set as real Verkosto export files, and check them.

    .venv/bin/python scripts/make_synthetic_data.py                     # into notebooks/data/synthetic/
    .venv/bin/python scripts/make_synthetic_data.py /tmp/synthetic --seed 7 --guardians 100

The responses are invented by ``analysis.synthetic`` (one campaign per questionnaire and area);
this script writes them with the web app's own exporter (``surveyapp.exports``, the contract
with the analysis package) as ``SLUG.json`` and ``SLUG.csv`` + ``SLUG.codebook.csv``, writes the
true themes of the free texts beside them (``SLUG.true_themes.csv``) and a README saying that the
data is synthetic, reads every export back with ``analysis.export_reader`` to check that it equals
the generated data, and prints a summary. Nothing here is real: never use it as evidence.
"""
from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[1]
if str(PROJECT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(PROJECT))

import pandas as pd  # noqa: E402

from analysis.export_reader import read_export  # noqa: E402
from analysis.synthetic import (  # noqa: E402
    DEFAULT_SEED,
    DEFAULT_SIZES,
    SYNTHETIC_NOTICE,
    SyntheticCampaign,
    SyntheticDataSet,
    SyntheticSurvey,
    generate,
)
from surveyapp.exports import (  # noqa: E402
    CampaignInfo,
    ExportInput,
    ResponseRecord,
    write_codebook_csv,
    write_csv,
    write_json,
)
from surveyapp.questionnaire.loader import load_file  # noqa: E402
from surveyapp.questionnaire.model import Questionnaire  # noqa: E402

DEFAULT_FOLDER = PROJECT / "notebooks" / "data" / "synthetic"
QUESTIONNAIRES = PROJECT / "questionnaires"


def export_input(questionnaire: Questionnaire, campaign: SyntheticCampaign) -> ExportInput:
    """The web app's export input for one synthetic campaign of ``questionnaire``."""
    info = CampaignInfo(campaign.name, campaign.slug, campaign.project, campaign.area, campaign.schools)
    responses = [ResponseRecord(r.id, r.language, r.submitted_on, r.questionnaire_version, dict(r.answers))
                 for r in campaign.responses]
    return ExportInput(questionnaire, info, responses, label_language="en",
                       questionnaire_version=campaign.responses[0].questionnaire_version if responses else None)


def write_data_set(data: SyntheticDataSet, folder: Path, questionnaires: Path = QUESTIONNAIRES) -> list[Path]:
    """Write every campaign's export (JSON, CSV + codebook) and true themes, and the README."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for survey in data.surveys.values():
        questionnaire = load_file(questionnaires / f"{survey.layout.id}.yaml")
        for campaign in survey.campaigns:
            export = export_input(questionnaire, campaign)
            for suffix, writer in ((".json", write_json), (".csv", write_csv), (".codebook.csv", write_codebook_csv)):
                path = folder / f"{campaign.slug}{suffix}"
                writer(export, path)
                written.append(path)
            path = folder / f"{campaign.slug}.true_themes.csv"
            write_true_themes(survey, campaign, path)
            written.append(path)
    readme = folder / "README.md"
    readme.write_text(readme_text(data, written), encoding="utf-8")
    written.append(readme)
    return written


def write_true_themes(survey: SyntheticSurvey, campaign: SyntheticCampaign, path: Path) -> None:
    """One row per coded free-text answer: its column, family, true themes (``;``) and planted data."""
    families = survey.coded_columns
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file, lineterminator="\r\n")
        writer.writerow(["response_id", "column", "theme_family", "true_themes", "personal_data", "synthetic"])
        for response in campaign.responses:
            for column, themes in response.true_themes.items():
                writer.writerow([response.id, column, families[column], ";".join(themes),
                                 int(column in response.personal_data), "true"])


def check_round_trip(data: SyntheticDataSet, folder: Path) -> list[str]:
    """Read every export back with analysis.export_reader; the differences from the generated data."""
    problems = []
    for survey in data.surveys.values():
        for campaign in survey.campaigns:
            expected = survey.data[survey.data["campaign"] == campaign.name].reset_index(drop=True)
            for name in (f"{campaign.slug}.json", f"{campaign.slug}.csv"):
                export = read_export(folder / name)
                if list(export.data.columns) != list(expected.columns):
                    problems.append(f"{name}: the columns differ from the generated data")
                elif records(export.data) != records(expected):
                    problems.append(f"{name}: the values differ from the generated data")
    return problems


def records(frame: pd.DataFrame) -> list[tuple[Any, ...]]:
    """The rows as plain Python values (missing → None, timestamps → dates), to compare exports."""
    rows = []
    for row in frame.itertuples(index=False):
        values = []
        for value in row:
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                values.append(None)
            elif isinstance(value, pd.Timestamp):
                values.append(value.date())
            else:
                values.append(value.item() if hasattr(value, "item") else value)
        rows.append(tuple(values))
    return rows


def readme_text(data: SyntheticDataSet, written: Sequence[Path]) -> str:
    sizes = ", ".join(f"{len(s.data)} {q}" for q, s in data.surveys.items())
    files = "\n".join(f"- `{p.name}`" for p in written if p.suffix in (".json", ".csv"))
    return f"""# SYNTHETIC example data – not real responses

**{SYNTHETIC_NOTICE}**

Generated by `scripts/make_synthetic_data.py` with `analysis.synthetic.generate(seed={data.seed})`:
{sizes} responses, one campaign per questionnaire and invented area. Project and campaign names
start with `SYNTHETIC`, response ids with `syn-`. The same seed always gives the same files.

The answers are invented but correlated the way real answers tend to be (absence with grade,
reasons with absence, Likert answers with staff role and area, free texts with Likert answers), so
that notebooks, cross-tabulations and theme coding have something to find. Do not quote them, do
not present them as findings, and do not mix them with real exports.

Files (the export format of docs/export-format.md, written by the web app's exporter):

- `SLUG.json`, or `SLUG.csv` with `SLUG.codebook.csv`: read with
  `analysis.export_reader.read_export("SLUG.json")`.
- `SLUG.true_themes.csv`: for every free-text answer about reasons for absence or barriers to
  cooperation, the themes it was written from (`;`-separated; empty for an off-topic answer) and
  whether a fake phone number or e-mail address was planted in it (`personal_data`), so that
  the set can test `analysis.codebook.CodebookCoder` and personal-data screening. The phone
  numbers and addresses are dummies (`example.com`, numbers reserved for fiction).

Free texts of other theme families (what would help, what helps, proposals) are left empty.

{files}
"""


def summary(data: SyntheticDataSet) -> str:
    lines = [f"SYNTHETIC data set, seed {data.seed}: {data.notice}"]
    for questionnaire, survey in data.surveys.items():
        frame = survey.data
        languages = ", ".join(f"{k} {v}" for k, v in frame["language"].value_counts().items())
        lines.append(f"{questionnaire}: {len(frame)} responses in {len(survey.campaigns)} campaigns; "
                     f"languages: {languages}")
        for campaign in survey.campaigns:
            lines.append(f"  {campaign.slug}: {len(campaign.responses)} responses")
        if "role" in frame.columns:
            roles = ", ".join(f"{k} {v}" for k, v in frame["role"].value_counts().items())
            lines.append(f"  roles: {roles}")
        for column, family in survey.coded_columns.items():
            labels = survey.labels[f"{column}__true_themes"].dropna()
            counts = Counter(t for value in labels for t in value.split(";") if t)
            planted = int(survey.labels[f"{column}__personal_data"].fillna(False).sum())
            top = ", ".join(f"{t} {n}" for t, n in counts.most_common(4))
            lines.append(f"  {column} ({family}): {len(labels)} texts, {sum(v == '' for v in labels)} off-topic, "
                         f"{planted} with planted personal data; most common: {top}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER,
                        help=f"where to write the files (default: {DEFAULT_FOLDER.relative_to(PROJECT)})")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    for name, size in DEFAULT_SIZES.items():
        parser.add_argument(f"--{name}", type=int, default=size, help=f"number of {name} responses (default {size})")
    args = parser.parse_args(argv)
    data = generate(args.seed, guardians=args.guardians, pupils=args.pupils, staff=args.staff,
                    questionnaires_dir=QUESTIONNAIRES)
    written = write_data_set(data, args.folder)
    problems = check_round_trip(data, args.folder)
    print(summary(data))
    print(f"wrote {len(written)} files to {args.folder}")
    if problems:
        print("ROUND TRIP FAILED:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    print("every export reads back unchanged with analysis.export_reader")
    return 0


if __name__ == "__main__":
    sys.exit(main())
