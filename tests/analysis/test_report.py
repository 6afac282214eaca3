"""The report: self-contained HTML in the chosen language, only suppressed figures, screened
quotes, and the files behind it; and the ``python -m analysis`` command line."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from analysis.cli import main
from analysis.report import analyse, write_findings
from analysis.report.sections import build_page
from analysis.screening import contains_personal_data
from analysis.synthetic import export_document, generate

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def exports():
    data = generate(seed=5, guardians=300, pupils=300, staff=150)
    return {name: data[name].export for name in data}


@pytest.fixture(scope="module")
def findings(exports):
    return analyse(exports)


@pytest.fixture(scope="module")
def report(findings, tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    index = write_findings(findings, folder, language="fi")
    return folder, index.read_text(encoding="utf-8")


def test_the_report_is_one_self_contained_page(report):
    _folder, html = report
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == "fi"
    assert not soup.find_all("script")
    assert not soup.find_all("link")
    external = [tag for tag in soup.find_all(src=True)] + [
        a for a in soup.find_all("a", href=True) if not a["href"].startswith("#")]
    assert external == []
    assert not re.search(r"url\(\s*['\"]?https?:", html)
    assert len(soup.find_all("svg")) >= 5  # the charts are inline


def test_the_report_is_in_finnish_and_marks_synthetic_data(report):
    _folder, html = report
    soup = BeautifulSoup(html, "html.parser")
    headings = [h.get_text(" ", strip=True) for h in soup.find_all(["h1", "h2"])]
    assert "Poissaolojen syyt" in headings and "Yhteistyön esteet" in headings
    assert "Reasons for absence" not in headings
    assert "SYNTEETTISTÄ" in soup.find(class_="notice").get_text()
    # category labels in Finnish too: the roles and the codebook themes
    assert "Huoltajat" in html and "Ahdistus" in html


def test_every_count_in_the_report_is_five_or_more_or_hidden(report):
    _folder, html = report
    soup = BeautifulSoup(html, "html.parser")
    checked = 0
    for cell in soup.select("td.number"):
        text = cell.get_text(strip=True)
        match = re.fullmatch(r"(\d+)(?: \(\d+ %\))?", text)
        if match:
            count = int(match.group(1))
            assert count == 0 or count >= 5, f"a count of {count} is shown"
            checked += 1
        else:
            assert text in ("<5", "..", ""), text
    assert checked > 20


def test_quotes_are_screened_and_come_from_themes_of_five_or_more(report, exports):
    _folder, html = report
    soup = BeautifulSoup(html, "html.parser")
    quotes = [q.get_text() for q in soup.find_all("blockquote")]
    assert quotes, "no quotes shown"
    assert not any(contains_personal_data(q) for q in quotes)
    for card in soup.select("article.theme"):
        size = int(re.search(r"\d+", card.find("p").get_text()).group())
        assert size >= 5


def test_the_files_behind_the_report(report):
    folder, _html = report
    answers = pd.read_csv(folder / "themes" / "reasons_for_absence.csv")
    assert {"response_id", "group", "role", "language", "codes", "theme", "text"} <= set(answers.columns)
    assert answers["codes"].notna().sum() > 0.5 * len(answers)
    assert not answers["text"].map(contains_personal_data).any()
    data = json.loads((folder / "themes" / "reasons_for_absence.json").read_text(encoding="utf-8"))
    assert len(data["answers"]) == len(answers)
    assert (folder / "charts" / "reasons_for_absence_codes_by_group.svg").read_text().lstrip().startswith("<?xml")
    assert (folder / "charts" / "reasons_for_absence_codes_by_group.png").read_bytes()[:4] == b"\x89PNG"
    table = pd.read_csv(folder / "tables" / "respondents_by_group_and_language.csv")
    shown = table.loc[~table["suppressed"], "count"].dropna()
    assert ((shown == 0) | (shown >= 5)).all()


def test_a_swedish_page_has_swedish_headings(findings):
    page = build_page(findings, language="sv")
    titles = [section.title for section in page.sections]
    assert "Orsaker till frånvaro" in titles
    assert page.title != build_page(findings, language="en").title


def test_the_command_line_writes_a_report_from_export_files(tmp_path, capsys):
    data = generate(seed=3, guardians=40, pupils=40, staff=30)
    paths = []
    for name in data:
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(export_document(data[name].layout, data[name].campaigns)), encoding="utf-8")
        paths.append(str(path))
    assert main(["report", *paths, "--out", str(tmp_path / "out"), "--language", "en"]) == 0
    captured = capsys.readouterr()
    assert "Reading the exports" in captured.err and "Writing the report" in captured.err  # progress
    assert (tmp_path / "out" / "index.html").is_file()


def test_themes_in_any_csv_with_a_named_text_column(tmp_path):
    texts = generate(seed=4)["staff"].data["what_hinders"].dropna().tolist()
    pd.DataFrame({"id": range(len(texts)), "vastaus": texts}).to_csv(tmp_path / "any.csv", index=False)
    assert main(["themes", str(tmp_path / "any.csv"), "--text-column", "vastaus", "--out", str(tmp_path / "t"),
                 "--n-themes", "4", "--quiet"]) == 0
    themes = pd.read_csv(tmp_path / "t" / "themes.csv")
    assert 4 <= len(themes) <= 5  # four themes and perhaps "other"
    assert len(pd.read_csv(tmp_path / "t" / "answers.csv")) == len(texts)


def test_a_wrong_column_is_a_clear_error_not_a_traceback(tmp_path, capsys):
    pd.DataFrame({"a": ["x"]}).to_csv(tmp_path / "any.csv", index=False)
    assert main(["themes", str(tmp_path / "any.csv"), "--text-column", "answer", "--out", str(tmp_path)]) == 2
    error = capsys.readouterr().err
    assert "no column 'answer'" in error and "Traceback" not in error


def test_python_dash_m_analysis_runs_without_flask():
    code = ("import sys, runpy; sys.argv = ['analysis', '--help'];\n"
            "try:\n    runpy.run_module('analysis', run_name='__main__')\nexcept SystemExit: pass\n"
            "assert 'flask' not in sys.modules and 'surveyapp' not in sys.modules")
    done = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "report" in done.stdout and "themes" in done.stdout
