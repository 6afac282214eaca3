"""Malicious questionnaire files: refused with a clear problem, quickly, and nothing executed.

Questionnaires are uploaded by project staff (and by anyone who can get a file into
``questionnaires/``); the loader is the boundary. Python tags must never construct objects,
anchors and aliases ("billion laughs") and merge keys are refused, nesting is bounded, a file
over 1 MB is refused without being read whole, and no input makes the loader raise anything
but ``QuestionnaireInvalid`` (``verkosto validate`` would otherwise die with a traceback).
"""
from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import pytest
import yaml
from click.testing import CliRunner

from surveyapp.cli import main
from surveyapp.questionnaire.errors import QuestionnaireInvalid
from surveyapp.questionnaire.loader import from_definition, load_file, load_text

from ..conftest import DATA, PROJECT
from .helpers import PEAK_MEMORY_CODE, small_definition

QUICK = 2.0  # seconds


def refused(text: str | bytes, *, within: float = QUICK) -> str:
    """Load the text; it must be refused with QuestionnaireInvalid within ``within`` seconds."""
    started = time.monotonic()
    try:
        load_text(text, source="evil.yaml")
    except QuestionnaireInvalid as exc:
        elapsed = time.monotonic() - started
        assert elapsed < within, f"refused, but only after {elapsed:.1f} s"
        assert exc.problems and all(p.source == "evil.yaml" and p.reason for p in exc.problems)
        return str(exc)
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"the loader crashed instead of reporting a problem: {type(exc).__name__}: {exc}")
    pytest.fail("the file was accepted")


@pytest.mark.parametrize(
    "payload",
    [
        "!!python/object/apply:os.system ['touch {marker}']",
        "!!python/object/apply:builtins.open ['{marker}', 'w']",
        "!!python/object/new:pathlib.Path ['{marker}']",
        "!!python/object/apply:subprocess.check_call [['touch', '{marker}']]",
        "!!python/name:os.system",
        "!!python/module:os",
        "!!python/object:builtins.object {{}}",
        "!!binary aGVsbG8=",
        "!custom {{a: 1}}",
        "!!set {{a, b}}",
        "!!omap [{{a: 1}}]",
        "!<tag:yaml.org,2002:python/object/apply:os.system> ['touch {marker}']",
    ],
)
@pytest.mark.parametrize("place", ["top", "title", "nested", "key"])
def test_python_and_unknown_tags_never_construct_anything(tmp_path, payload, place):
    marker = tmp_path / "pwned"
    value = payload.format(marker=marker)
    definition = yaml.safe_dump(small_definition(), allow_unicode=True, sort_keys=False)
    if place == "top":
        text = f"evil: {value}\n" + definition
    elif place == "title":
        text = definition.replace("title:\n  fi: Pieni kysely", f"title:\n  fi: {value}", 1)
    elif place == "nested":
        text = definition + f"\nextra:\n  - a: [1, {{b: {value}}}]\n"
    else:
        text = f"? {value}\n: 1\n" + definition
    assert text != definition
    try:
        load_text(text, source="evil.yaml")
    except QuestionnaireInvalid as exc:
        assert all(p.source == "evil.yaml" for p in exc.problems)
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"the loader crashed instead of reporting a problem: {type(exc).__name__}: {exc}")
    assert not marker.exists(), "a YAML tag ran code"


def test_a_python_tag_is_named_in_the_problem():
    message = refused("format: 1\nid: !!python/object/apply:os.system ['true']\n")
    assert "python/object/apply" in message and "evil.yaml:2" in message


def test_billion_laughs_is_refused_at_the_first_alias():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index in range(1, 12):
        previous, name = chr(ord("a") + index - 1), chr(ord("a") + index)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    message = refused("\n".join(lines) + "\n")
    assert "anchors and aliases" in message


@pytest.mark.parametrize(
    "text",
    [
        "base: &base {fi: a, sv: b, en: c}\ntitle:\n  <<: *base\n",
        "title: &t {fi: a, sv: b, en: c}\ndescription: *t\n",
        "a: &x 1\nb: *x\n",
    ],
)
def test_anchors_aliases_and_merge_keys_are_refused(text):
    message = refused(text)
    assert "anchors and aliases" in message or "merge keys" in message


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 100_000,
        "a: " + "{b: " * 50_000,
        "a: " + "[" * 41 + "1" + "]" * 41,
        "".join(" " * i + f"k{i}:\n" for i in range(1_000)),
        "".join(" " * i + "-\n" for i in range(1_000)),
        "a: " + "[" * 300 + "]" * 300,
    ],
    ids=["flow-list", "flow-map", "just-too-deep", "block-map", "block-list", "deep-empty"],
)
def test_deep_nesting_is_refused_quickly(text):
    message = refused(text)
    assert "nested deeper" in message or "not valid YAML" in message


def test_a_large_text_is_refused_quickly():
    message = refused("a: " + "x" * 5_000_000 + "\n")
    assert "larger than" in message


def test_a_file_under_the_size_limit_full_of_tiny_values_is_refused_quickly():
    """Half a megabyte, but a quarter of a million one-character values: pure-Python YAML
    parsing takes seconds for such a file (twice as long at the 1 MB limit). The shipped
    questionnaires have about 1,600 YAML nodes each."""
    text = "a: [" + "1," * 250_000 + "1]\n"
    assert len(text.encode()) < 1_000_000
    refused(text)


def test_a_huge_file_is_refused_without_being_read_whole(tmp_path):
    """The 1 MB limit must be checked before the file is read: a 300 MB file must not cost
    300 MB of memory (nor a device file like /dev/zero an endless read)."""
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(300 * 1024 * 1024)  # sparse: no disk space used
    script = PEAK_MEMORY_CODE + textwrap.dedent(
        f"""
        import time
        from surveyapp.questionnaire.errors import QuestionnaireInvalid
        from surveyapp.questionnaire.loader import load_file
        before = peak_kb()
        started = time.monotonic()
        try:
            load_file({str(huge)!r})
            outcome = "accepted"
        except QuestionnaireInvalid as exc:
            outcome = "refused: " + str(exc)
        grown = peak_kb() - before
        print(outcome)
        print(f"grown_kb={{grown}} seconds={{time.monotonic() - started:.2f}}")
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=PROJECT, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    outcome, measures = result.stdout.strip().splitlines()[-2:]
    assert outcome.startswith("refused") and "larger than" in outcome
    grown_kb = int(measures.split()[0].split("=")[1])
    assert grown_kb < 50 * 1024, f"refusing a 300 MB file took {grown_kb // 1024} MB of memory ({measures})"


@pytest.mark.parametrize(
    "text",
    [
        "format: 1\nid: x\nmax: 1" + "0" * 5_000 + "\n",
        "format: 1\nid: x\nmax: 0b" + "1" * 20_000 + "\n",
        "format: 1\nid: x\nmax: -" + "9" * 4_301 + "\n",
    ],
    ids=["decimal", "binary", "negative"],
)
def test_integers_too_long_to_convert_are_a_problem_not_a_crash(text):
    """Python refuses to convert integers of more than 4,300 digits (ValueError)."""
    refused(text)


@pytest.mark.parametrize(
    "text",
    ["a: !!int\n", "a: !!int 1e9\n", "a: !!int 0x\n", "a: !!float\n", "a: !!float x\n",
     "a: !!timestamp 2001-99-99\n", "a: !!bool maybe\n"],
)
def test_a_standard_tag_on_a_value_that_does_not_fit_is_a_problem_not_a_crash(text):
    """PyYAML's constructors raise ValueError, IndexError or KeyError here, not a YAMLError."""
    refused(text)


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", ".NaN"])
def test_numbers_that_are_not_finite_are_refused(value):
    """``min``/``max`` of .nan or .inf validate today; NaN makes the question unanswerable and
    neither can be stored in PostgreSQL's JSON (campaign creation fails there)."""
    definition = small_definition()
    hours = definition["pages"][1]["questions"][0]
    hours["integer"] = False
    hours["max" if "inf" in value and not value.startswith("-") else "min"] = yaml.safe_load(value)
    text = yaml.safe_dump(definition, allow_unicode=True, sort_keys=False)
    message = refused(text)
    assert "pages[1]" in message


@pytest.mark.parametrize(
    "raw",
    [
        b"\xff\xfeformat: 1\n",
        "format: 1\nid: x\n".encode("utf-16"),
        b"format: 1\nid: \x00\x01\x02\n",
        b"format: 1\n---\nformat: 1\n",
        b"format: 1\nid: x\nid: y\n",
        b"\xef\xbb\xbf" + b"format: [1\n",
        b"%YAML 9.9\n---\na: 1\n",
        b"%TAG ! tag:yaml.org,2002:python/object/apply:\n---\n!os.system ['true']\n",
    ],
)
def test_broken_files_are_refused_with_a_problem(raw):
    refused(raw)


def test_the_validate_command_reports_instead_of_crashing(tmp_path):
    files = {
        "tags.yaml": "format: 1\nid: !!python/object/apply:os.system ['true']\n",
        "alias.yaml": "a: &a [1]\nb: *a\n",
        "deep.yaml": "a: " + "[" * 10_000,
        "bigint.yaml": "format: 1\nid: x\nmax: 1" + "0" * 5_000 + "\n",
        "binary.yaml": b"\x00\xff\xfe\x01",
    }
    for name, content in files.items():
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
        result = CliRunner().invoke(main, ["validate", str(path)])
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            f"{name}: verkosto validate crashed: {result.exception!r}"
        )
        assert result.exit_code == 1 and "INVALID" in result.output, (name, result.output)


def test_a_valid_questionnaire_still_loads():
    """The control: the safe loader still takes the shipped and test questionnaires."""
    assert load_file(DATA / "small.yaml").id == "small"
    assert from_definition(small_definition()).id == "small"
