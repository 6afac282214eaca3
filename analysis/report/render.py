"""Render a report's sections into one self-contained HTML file (no scripts, no external links).

The page is built from plain values (:class:`Section`, :class:`Table`, :class:`Figure`,
:class:`ThemeCard`), so what goes into a report can be tested without parsing HTML, and the
template (``templates/report.html``) only lays them out. Texts go through the ``analysis``
gettext catalog (:mod:`analysis.i18n`); Jinja's autoescaping is on, and only the SVG charts that
matplotlib drew are inserted as markup.
"""
from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import translator

__all__ = ["Figure", "Section", "Table", "ThemeCard", "render_report"]

TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True)
class Table:
    caption: str
    columns: Sequence[str]
    rows: Sequence[Sequence[str]]
    """Cells as display strings ("<5" for a suppressed cell); the first cell heads its row."""
    numeric: bool = True


@dataclass(frozen=True)
class Figure:
    svg: str
    caption: str
    """Says what the chart shows; also its text alternative (the table beside it has the data)."""


@dataclass(frozen=True)
class ThemeCard:
    heading: str
    size: str
    terms: Sequence[tuple[str, str]] = ()
    """(language name, top terms) pairs."""
    quotes: Sequence[tuple[str, str, Sequence[str]]] = ()
    """(language code, language name, screened quotes) triples."""


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    paragraphs: Sequence[str] = ()
    figures: Sequence[Figure] = ()
    tables: Sequence[Table] = ()
    themes: Sequence[ThemeCard] = ()
    notes: Sequence[str] = ()


@dataclass(frozen=True)
class Page:
    title: str
    summary: str
    privacy: str
    footer: str
    sections: Sequence[Section] = field(default_factory=tuple)
    synthetic: str = ""


@functools.cache
def _environment(language: str):
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                              undefined=StrictUndefined, extensions=["jinja2.ext.i18n"],
                              trim_blocks=True, lstrip_blocks=True)
    environment.install_gettext_translations(translator(language), newstyle=True)
    return environment


def render_report(page: Page, *, language: str) -> str:
    """The report as one HTML document in ``language``."""
    template = _environment(language).get_template("report.html")
    return template.render(language=language, title=page.title, summary=page.summary,
                           privacy=page.privacy, footer=page.footer, sections=page.sections,
                           synthetic=page.synthetic)
