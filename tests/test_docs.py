"""The guides keep up with the code: every setting and every command is documented."""
from __future__ import annotations

import re

import click

from surveyapp.cli import main
from surveyapp.config import defaults

from .conftest import PROJECT

OPERATORS = (PROJECT / "docs" / "operators.md").read_text(encoding="utf-8")
README = (PROJECT / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented():
    missing = [name for name in defaults("/tmp") if f"`{name}`" not in OPERATORS]
    assert not missing, f"document these settings in docs/operators.md: {missing}"


def _commands(group: click.Group, prefix: str = "verkosto") -> list[str]:
    names = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            names += _commands(command, f"{prefix} {name}")
        else:
            names.append(f"{prefix} {name}")
    return names


def test_every_command_is_documented():
    missing = [name for name in _commands(main) if f"`{name}" not in OPERATORS]
    assert not missing, f"document these commands in docs/operators.md: {missing}"


def test_readme_gives_the_two_commands_and_they_exist():
    commands = re.findall(r"^    (scripts/\S+)$", README, flags=re.MULTILINE)
    assert commands == ["scripts/demo", "scripts/test"]
    for command in commands:
        path = PROJECT / command
        assert path.exists() and path.stat().st_mode & 0o111, command
    ci = (PROJECT / ".ci" / "run").read_text()
    assert "scripts/test" in ci


def test_guides_linked_from_the_readme_exist():
    for link in re.findall(r"\]\((docs/[^)]+)\)", README):
        assert (PROJECT / link).exists(), link
