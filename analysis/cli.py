"""The command line of the analysis package (``python -m analysis --help``).

    python -m analysis report guardians.json pupils.xlsx staff.csv --out report/ --language fi
    python -m analysis report --database-url sqlite:///instance/verkosto.db --campaign abc123 --out report/
    python -m analysis themes answers.csv --text-column answer --out themes/
    python -m analysis synthetic --out demo-data/

``report`` reads exports of the web app (JSON, XLSX, or CSV with its codebook beside it) and
writes the HTML report with its charts, tables and theme files. ``themes`` finds themes in any
CSV with a column of texts. Long steps print their progress on stderr.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .bands import DEFAULT_THRESHOLDS
from .i18n import LANGUAGES
from .progress import Progress

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    report = commands.add_parser("report", help="an HTML report (themes, tables, charts) from exports")
    report.add_argument("exports", nargs="*", type=Path, help="export files (.json, .xlsx, or .csv)")
    report.add_argument("--database-url", default=None,
                        help="read the web app's database instead (read-only; e.g. sqlite:///instance/verkosto.db)")
    report.add_argument("--campaign", action="append", default=None,
                        help="with --database-url: a campaign's slug (repeat for several; default all)")
    report.add_argument("--out", type=Path, required=True, help="folder to write the report into")
    report.add_argument("--language", choices=LANGUAGES, default="fi", help="language of the report (default fi)")
    _theme_options(report)
    report.add_argument("--bands", default=",".join(f"{t:g}" for t in DEFAULT_THRESHOLDS),
                        help="absence band thresholds in %% of school time (default 10,20)")
    report.add_argument("--edits", type=Path, default=None,
                        help="folder of theme edit files (<family>.yaml, see analysis.themes.edits)")

    themes = commands.add_parser("themes", help="themes in any CSV file with a column of texts")
    themes.add_argument("csv", type=Path, help="a CSV file (UTF-8) with a header row")
    themes.add_argument("--text-column", required=True, help="the column that holds the texts")
    themes.add_argument("--language-column", default=None, help="a column giving each text's language (optional)")
    themes.add_argument("--languages", default="fi,sv,en", help="languages the texts may be in (default fi,sv,en)")
    themes.add_argument("--out", type=Path, required=True, help="folder for themes.csv and themes.json")
    themes.add_argument("--edits", type=Path, default=None, help="a theme edits file to apply (and keep)")
    _theme_options(themes)

    synthetic = commands.add_parser("synthetic", help="write the SYNTHETIC example data set as export files")
    synthetic.add_argument("--out", type=Path, required=True, help="folder for the export files")
    synthetic.add_argument("--seed", type=int, default=None, help="random seed (default: the package's)")

    for command in (report, themes, synthetic):
        command.add_argument("--quiet", action="store_true", help="no progress messages")
    return parser


def _theme_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--representation", choices=("lexical", "embedding"), default="lexical",
                        help="lexical (TF-IDF, no model; default) or embedding (multilingual model)")
    parser.add_argument("--n-themes", type=int, default=None, help="fix the number of themes (default: automatic)")
    parser.add_argument("--seed", type=int, default=0, help="random seed of the clustering (default 0)")


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    progress = Progress(enabled=not arguments.quiet)
    try:
        if arguments.command == "report":
            return _report(arguments, progress)
        if arguments.command == "themes":
            return _themes(arguments, progress)
        return _synthetic(arguments, progress)
    except (OSError, ValueError, KeyError) as error:  # a bad file or option: say which, no traceback
        print(f"error: {error}", file=sys.stderr)
        return 2


def _report(arguments: argparse.Namespace, progress: Progress) -> int:
    from .export_reader import read_export
    from .report import write_report

    thresholds = tuple(float(t) for t in arguments.bands.split(",") if t.strip())
    exports = {}
    if bool(arguments.exports) == bool(arguments.database_url):
        raise ValueError("give either export files or --database-url")
    if arguments.database_url:
        from .database_reader import read_database

        with progress.step("Reading the database"):
            exports = read_database(arguments.database_url, campaigns=arguments.campaign)
    with progress.step("Reading the exports"):
        for path in arguments.exports:
            export = read_export(path)
            name = str((export.metadata.get("questionnaire") or {}).get("id") or path.stem)
            if name in exports:
                name = path.stem
            exports[name] = export
    index = write_report(exports, arguments.out, language=arguments.language,
                         representation=arguments.representation, n_themes=arguments.n_themes,
                         thresholds=thresholds, edits_dir=arguments.edits, random_state=arguments.seed,
                         progress=progress)
    print(index)
    return 0


def _themes(arguments: argparse.Namespace, progress: Progress) -> int:
    import pandas as pd

    from .themes import ThemePipeline
    from .themes.edits import ThemeEdits
    from .themes.lexical import ThemeClusterer

    with progress.step("Reading the texts"):
        frame = pd.read_csv(arguments.csv, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        if arguments.text_column not in frame:
            raise KeyError(f"{arguments.csv}: no column {arguments.text_column!r} "
                           f"(the columns are: {', '.join(frame.columns)})")
        texts = frame[arguments.text_column].tolist()
        hints = frame[arguments.language_column].tolist() if arguments.language_column else None
    languages = tuple(code.strip() for code in arguments.languages.split(",") if code.strip())
    with progress.step(f"Finding themes in {len(texts)} texts"):
        pipeline = ThemePipeline(languages=languages,
                                 representation=arguments.representation,
                                 clusterer=ThemeClusterer(n_themes=arguments.n_themes, random_state=arguments.seed))
        result = pipeline.fit(texts, hints)
        if arguments.edits is not None:
            applied = ThemeEdits.load(arguments.edits).apply(result)
            result = applied.result
            for line in applied.applied + applied.unmatched:
                print(line, file=sys.stderr)
    arguments.out.mkdir(parents=True, exist_ok=True)
    answers = result.answers_frame()
    answers.insert(0, "row", range(1, len(answers) + 1))
    answers.to_csv(arguments.out / "answers.csv", index=False, encoding="utf-8")
    result.to_frame().to_csv(arguments.out / "themes.csv", index=False, encoding="utf-8")
    (arguments.out / "themes.json").write_text(result.to_json(indent=1), encoding="utf-8")
    print(arguments.out / "themes.csv")
    return 0


def _synthetic(arguments: argparse.Namespace, progress: Progress) -> int:
    import json

    from .synthetic import DEFAULT_SEED, export_document, generate

    with progress.step("Generating the SYNTHETIC data set"):
        data = generate(seed=arguments.seed if arguments.seed is not None else DEFAULT_SEED)
    arguments.out.mkdir(parents=True, exist_ok=True)
    for name in data:
        survey = data[name]
        path = arguments.out / f"{name}.json"
        path.write_text(json.dumps(export_document(survey.layout, survey.campaigns), ensure_ascii=False),
                        encoding="utf-8")
        print(path)
    return 0
