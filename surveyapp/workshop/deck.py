"""The workshop presentation: a full-screen deck of slides made from the campaigns' analysis.

    >>> deck = build_deck([3, 4, 5], language="fi")
    >>> render_template("workshop/deck.html", deck=deck)

Each campaign is exported in memory with the web app's own exporter (the JSON export of
``surveyapp.exports``), read back with ``analysis.export_reader``, campaigns of the same
questionnaire are stacked, and :func:`analysis.report.analyse` finds what the report finds. The
slides then reuse the report's pieces (``analysis.report.sections``) and charts
(``analysis.charts``), so that:

- every number is a suppressed :class:`analysis.tables.CrossTab` display text ("12 (40 %)",
  "<5", ".."), a theme size of at least 5, or a total of at least 5;
- every quote is a screened answer of a theme of at least 5 answers, and an answer in which the
  personal-data screening found anything is never quoted, not even masked;
- with fewer than 5 responses in all the deck is one slide that says so.

Labels come from the ``analysis`` catalog (:mod:`analysis.i18n`) and :mod:`analysis.labels`; the
few texts of the deck's frame (keyboard help, "Slide 2 of 9") from the ``staff`` catalog,
translated here into the deck's language so the template needs no locale of its own.
"""
from __future__ import annotations

import hashlib
import io
import re
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from markupsafe import Markup
from sqlalchemy.orm import Session

from analysis import charts
from analysis.export_reader import Export, read_json_export
from analysis.i18n import LANGUAGES, translator
from analysis.labels import language_names, theme_families
from analysis.report import Findings, analyse
from analysis.report.findings import CODED_FAMILIES, FamilyFindings, OpinionFindings
from analysis.report.render import Table
from analysis.report.sections import (
    FAMILY_TITLES,
    GROUP_NAMES,
    group_labels,
    group_letter,
    percent_text,
    statement_texts,
    display_table,
    theme_label,
)
from analysis.screening import KINDS, contains_personal_data, placeholder, screen
from analysis.suppression import MIN_COUNT
from analysis.tables import CrossTab, crosstab

__all__ = ["Chart", "Deck", "Quote", "Slide", "ThemeSummary", "build_deck", "deck_texts", "safe_svg"]

MAX_QUOTES = 2
"""Quotes per new theme."""
MAX_CONSENSUS = 6
"""Consensus statements per opinion-group slide."""
THEMES_PER_SLIDE = 3
CHART_ROWS = 8
"""Themes in a chart (the largest); the table beside it has them all."""
QUOTE_LENGTH = 200
"""Characters of a quote on a slide; a longer one is cut at a word."""
CACHE_SIZE = 8


# --- the deck as plain values -------------------------------------------------------------------

@dataclass(frozen=True)
class Chart:
    svg: Markup
    """An inline ``<svg>`` (no style attributes or elements: the CSP allows none)."""
    caption: str
    """What the chart shows; also its text alternative."""
    table: Table | None = None
    """The same figures as a table (display strings), for screen readers and for checking."""


@dataclass(frozen=True)
class Quote:
    text: str
    language: str
    """The quote's language code (for ``lang``)."""


@dataclass(frozen=True)
class ThemeSummary:
    label: str
    size: str
    """E.g. "12 answers" (at least 5)."""
    quotes: tuple[Quote, ...] = ()


@dataclass(frozen=True)
class Slide:
    id: str
    kind: str
    """title, contents, who_answered, known_themes, new_themes, differences, opinions, end, too_few."""
    title: str
    subtitle: str = ""
    paragraphs: tuple[str, ...] = ()
    charts: tuple[Chart, ...] = ()
    tables: tuple[Table, ...] = ()
    themes: tuple[ThemeSummary, ...] = ()
    links: tuple[tuple[str, str], ...] = ()
    """The contents slide: (slide id, title)."""


@dataclass(frozen=True)
class Deck:
    language: str
    title: str
    slides: tuple[Slide, ...]
    texts: Mapping[str, str] = field(default_factory=dict)
    """The frame's texts in the deck's language (see :func:`deck_texts`)."""
    responses: int = 0
    too_few: bool = False
    synthetic: str = ""
    """A banner when the data are SYNTHETIC (empty otherwise)."""


# --- building -----------------------------------------------------------------------------------

def build_deck(campaign_ids: Sequence[int], *, language: str, families: Sequence[str] | None = None,
               session: Session | None = None) -> Deck:
    """The deck for the campaigns ``campaign_ids`` in ``language`` (fi, sv or en).

    ``families``: the theme families to show, in order (default: reasons for absence, then
    barriers to cooperation). Needs an application context (the database session and the
    ``staff`` catalog); ``session`` defaults to the request's.
    """
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    chosen = tuple(families) if families is not None else CODED_FAMILIES
    unknown = [f for f in chosen if f not in CODED_FAMILIES]
    if unknown:
        raise ValueError(f"unknown theme families {unknown}; known: {', '.join(CODED_FAMILIES)}")
    if session is None:
        from ..extensions import db

        session = db.session
    exports, names = campaign_exports(session, campaign_ids, language)
    texts = {**deck_texts(language), "total": translator(language).gettext("Total")}
    total = sum(len(export.data) for export in exports.values())
    if total < MIN_COUNT:
        return _too_few_deck(language, texts, total)
    findings = _findings(session, exports)
    flagged = _flagged_texts(exports)
    return _deck(findings, flagged, language=language, families=chosen, texts=texts, campaigns=names)


def campaign_exports(session: Session, campaign_ids: Sequence[int], language: str) -> tuple[dict[str, Export], list[str]]:
    """The campaigns' JSON exports, read back and keyed by questionnaire id (campaigns of the
    same questionnaire stacked into one), and the campaigns' names."""
    from ..exports import write_json
    from ..models import Campaign
    from ..staff.downloads import export_input
    from ..survey.campaigns import questionnaire_version

    grouped: dict[str, list[Export]] = {}
    names = []
    for campaign_id in dict.fromkeys(campaign_ids):
        campaign = session.get(Campaign, campaign_id)
        if campaign is None:
            raise LookupError(f"no campaign {campaign_id}")
        questionnaire = questionnaire_version(session, campaign.questionnaire_version_id)
        labels = language if language in questionnaire.languages else (
            "en" if "en" in questionnaire.languages else questionnaire.languages[0])
        buffer = io.BytesIO()
        write_json(export_input(session, campaign, questionnaire, labels), buffer)
        buffer.seek(0)
        grouped.setdefault(questionnaire.id, []).append(read_json_export(buffer))
        names.append(campaign.name)
    return {questionnaire: _stack(parts) for questionnaire, parts in grouped.items()}, names


def _stack(exports: Sequence[Export]) -> Export:
    if len(exports) == 1:
        return exports[0]
    codebook: dict[str, Any] = {}
    for export in exports:
        for name, info in export.codebook.items():
            codebook.setdefault(name, info)
    frames = [export.data for export in exports if len(export.data)]
    data = pd.concat(frames, ignore_index=True) if frames else exports[0].data
    metadata = dict(exports[0].metadata)
    metadata["campaign"] = {"name": "; ".join(str((e.metadata.get("campaign") or {}).get("name", "")) for e in exports)}
    return Export(data, codebook, exports[0].format_version, metadata)


# Findings take seconds to compute; a facilitator reloads the deck and switches its language, so
# the last few are kept, keyed by the database, the campaigns' questionnaires and response ids.
_cache: OrderedDict[str, Findings] = OrderedDict()
_cache_lock = threading.Lock()


def _findings(session: Session, exports: Mapping[str, Export]) -> Findings:
    digest = hashlib.sha256(str(session.get_bind().url).encode())
    for name in sorted(exports):
        export = exports[name]
        digest.update(name.encode())
        digest.update(str((export.metadata.get("questionnaire") or {}).get("version")).encode())
        ids = export.data["response_id"].astype(str) if "response_id" in export.data else pd.Series(dtype=str)
        digest.update("\n".join(sorted(ids)).encode())
    key = digest.hexdigest()
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    findings = analyse(exports)
    with _cache_lock:
        _cache[key] = findings
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return findings


_PLACEHOLDER = re.compile("|".join(re.escape(placeholder(kind)) for kind in KINDS))


def _flagged_texts(exports: Mapping[str, Export]) -> frozenset[str]:
    """The screened forms of every themed answer in which the screening found personal data.

    The analysis keeps only screened texts, so a quote cannot be traced back to its original;
    an answer that was flagged is known here by what the screening made of it."""
    import unicodedata

    flagged = set()
    for name, export in exports.items():
        for column in theme_families(name):
            if column not in export.data:
                continue
            for text in export.data[column].dropna():
                if not isinstance(text, str):
                    continue
                result = screen(unicodedata.normalize("NFC", text))
                if result.flagged:
                    flagged.add(result.text.strip())
    return frozenset(flagged)


def quotable(text: str, flagged: frozenset[str] | set[str] = frozenset()) -> bool:
    """Whether a (screened) quote may be shown: none of the screening's placeholders in it, the
    screening finds nothing in it, and it is not what a flagged answer became when screened."""
    return not (_PLACEHOLDER.search(text) or text.strip() in flagged or contains_personal_data(text))


def _deck(findings: Findings, flagged: frozenset[str], *, language: str, families: Sequence[str],
          texts: Mapping[str, str], campaigns: Sequence[str]) -> Deck:
    _ = translator(language).gettext
    by_family = {family.family: family for family in findings.families}
    body: list[Slide] = [_who_answered(findings, language)]
    differences: list[Slide] = []
    for number, name in enumerate(families, start=1):
        family = by_family.get(name)
        if family is None:
            continue
        body += _family_slides(family, flagged, language, number, texts)
        if family.codes is not None:
            differences.append(_differences(family, language, number))
    body += differences
    for number, opinion in enumerate(findings.opinions, start=1):
        body.append(_opinions(opinion, language, number, texts))
    n = len(findings.respondents.data)
    title = _("What families, pupils and staff said")
    first = Slide(
        id="title", kind="title", title=title,
        subtitle=_("%(n)s responses from %(exports)s questionnaires.") % {"n": n, "exports": len(findings.exports)},
        paragraphs=(", ".join(campaigns), _(
            "Every figure describes at least 5 respondents: smaller numbers are shown as <5, and numbers "
            "from which a small one could be worked out as '..'. Quotes are screened for names, "
            "contact details and identity numbers before they are shown.")),
    )
    end = Slide(id="end", kind="end", title=texts["end"], paragraphs=(_(
        "Made with the Verkosto analysis package. Themes are suggestions for discussion, found by "
        "a computer; read the answers before drawing conclusions."),))
    contents = Slide(id="contents", kind="contents", title=_("Contents"),
                     links=tuple((s.id, _heading(s)) for s in (*body, end)))
    synthetic = _("SYNTHETIC DATA: invented for demonstration. No real person answered.") if findings.synthetic else ""
    return Deck(language, title, (first, contents, *body, end), texts, n, False, synthetic)


def _heading(slide: Slide) -> str:
    return f"{slide.title}: {slide.subtitle}" if slide.subtitle else slide.title


def _too_few_deck(language: str, texts: Mapping[str, str], total: int) -> Deck:
    slide = Slide(id="too-few", kind="too_few", title=texts["too_few"], paragraphs=(texts["too_few_why"],))
    return Deck(language, texts["too_few"], (slide,), texts, total, True)


def _who_answered(findings: Findings, language: str) -> Slide:
    _ = translator(language).gettext
    table = display_table(findings.by_role_and_language, _("Respondents by group and language"), language,
                   rows=group_labels(language), columns=language_names(language))
    return Slide(id="who-answered", kind="who_answered", title=_("Who answered"),
                 paragraphs=(_("Responses by respondent group and by the language they answered in."),),
                 tables=(_compact(table),))


def _compact(table: Table) -> Table:
    """The table without the columns in which every cell, total included, is hidden (the rare
    languages): they say nothing on a slide, and their respondents are still in the totals."""
    hidden = ("<5", "..", "")
    keep = [0] + [j for j in range(1, len(table.columns))
                  if not all(str(row[j]) in hidden for row in table.rows if j < len(row))]
    return Table(table.caption, [table.columns[j] for j in keep],
                 [[row[j] for j in keep if j < len(row)] for row in table.rows], table.numeric)


def _family_slides(family: FamilyFindings, flagged: frozenset[str], language: str, number: int,
                   texts: Mapping[str, str]) -> list[Slide]:
    _ = translator(language).gettext
    title = _(FAMILY_TITLES.get(family.family, family.family))
    answered = len(family.answers)
    count = str(answered) if answered >= MIN_COUNT else charts.SUPPRESSED_TEXT
    slides = []
    known = _known(family)
    if known is not None:
        labels = _code_labels(family, language)
        caption = texts["known_caption"] % {"title": title}
        everyone = {"n": texts["all_answers"]}
        figure = charts.theme_sizes_chart(crosstab(family.answers, known.frame[list(known.top)]), language=language,
                                          row_labels=labels, column_labels=everyone, title=texts["known_themes"])
        slides.append(Slide(
            id=f"known-{number}", kind="known_themes", title=title, subtitle=texts["known_themes"],
            paragraphs=(texts["answers_count"] % {"n": count},),
            charts=(Chart(safe_svg(charts.svg_text(figure, prefix=f"deck-known{number}"), caption), caption,
                          display_table(known.overall, texts["known_themes"], language, rows=labels, columns=everyone)),),
        ))
    themes = _theme_summaries(family, flagged, language) if family.themes is not None else []
    paragraphs = [] if themes else [texts["no_new_themes"]]
    if family.themes is not None:
        hidden = sum(1 for theme in family.themes.themes if theme.size < MIN_COUNT)
        if hidden:
            paragraphs.append(_("%(n)s new themes with fewer than 5 answers are not shown.") % {"n": hidden})
    chunks = [themes[i:i + THEMES_PER_SLIDE] for i in range(0, len(themes), THEMES_PER_SLIDE)] or [[]]
    for part, chunk in enumerate(chunks, start=1):
        subtitle = texts["new_themes"] if len(chunks) == 1 else f"{texts['new_themes']} ({part}/{len(chunks)})"
        slides.append(Slide(id=f"new-{number}" + (f"-{part}" if part > 1 else ""), kind="new_themes", title=title,
                            subtitle=subtitle, paragraphs=tuple(paragraphs) if part == 1 else (),
                            themes=tuple(chunk)))
    return slides


@dataclass(frozen=True)
class _Known:
    frame: pd.DataFrame
    """0/1 per answer and codebook theme."""
    overall: CrossTab
    """The themes among all the family's answers, largest first (suppressed as ever)."""
    top: tuple[str, ...]
    """The largest themes with any answer, for the charts (the tables keep every theme)."""


def _known(family: FamilyFindings) -> _Known | None:
    """Known themes ranked by their published sizes. A theme's row is suppressed on its own
    (its cells against its total), so a chart of some rows shows what the full table shows."""
    if family.codes is None or not len(family.answers):
        return None
    codes = list(family.code_labels)
    chosen = family.answers["codes"].fillna("").str.split(";")
    frame = pd.DataFrame({code: chosen.map(lambda c, code=code: int(code in c)) for code in codes},
                         index=family.answers.index)
    published = crosstab(family.answers, frame).suppression.published.drop(index="Total", errors="ignore")
    sizes = {code: (0.5 if pd.isna(value) else float(value))  # hidden: 1 to 4, between 0 and 5
             for code, value in published.iloc[:, 0].items()}
    order = sorted(codes, key=lambda code: (-sizes.get(code, 0.0), codes.index(code)))
    top = tuple(code for code in order if sizes.get(code, 0.0) > 0)[:CHART_ROWS]
    return _Known(frame, crosstab(family.answers, frame[order]), top or tuple(order[:CHART_ROWS]))


def _code_labels(family: FamilyFindings, language: str) -> dict[str, str]:
    return {code: labels.get(language) or labels.get("en") or code for code, labels in family.code_labels.items()}


def _theme_summaries(family: FamilyFindings, flagged: frozenset[str], language: str) -> list[ThemeSummary]:
    _ = translator(language).gettext
    summaries = []
    for theme in sorted(family.themes.themes, key=lambda t: -t.size):
        if theme.size < MIN_COUNT:
            continue
        found = theme.quotes_by_language
        order = [language, *sorted(code for code in found if code != language)]
        quotes, seen = [], set()
        for code in order:
            for text in found.get(code, ()):
                key = " ".join(re.findall(r"\w+", text.casefold()))
                if key not in seen and quotable(text, flagged):  # "En osaa sanoa." once, not twice
                    seen.add(key)
                    quotes.append(Quote(_shortened(text), code))
        summaries.append(ThemeSummary(theme_label(theme, language), _("%(n)s answers") % {"n": theme.size},
                                      tuple(quotes[:MAX_QUOTES])))
    return summaries


def _shortened(text: str, limit: int = QUOTE_LENGTH) -> str:
    """A long quote cut at a word boundary, with an ellipsis (a slide has room for little)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.-–")
    return f"{cut} …"


def _differences(family: FamilyFindings, language: str, number: int) -> Slide:
    _ = translator(language).gettext
    title = _(FAMILY_TITLES.get(family.family, family.family))
    labels, groups = _code_labels(family, language), group_labels(language)
    heading = _("Themes by respondent group")
    known = _known(family)
    rows = known.frame[list(known.top)] if known is not None else None
    table = family.codes if rows is None else crosstab(
        pd.DataFrame({"group": family.answers["group"].astype("string")}), rows, "group", shares="column")
    figure = charts.theme_role_heatmap(table, language=language, row_labels=labels, column_labels=groups,
                                       title=heading)
    caption = _("%(title)s: share of each group's answers in each known theme") % {"title": title}
    return Slide(id=f"differences-{number}", kind="differences", title=title, subtitle=heading,
                 charts=(Chart(safe_svg(charts.svg_text(figure, prefix=f"deck-heat{number}"), caption), caption,
                               display_table(family.codes, _("Known themes (codebook) by respondent group"), language,
                                      rows=labels, columns=groups)),))


def _opinions(opinion: OpinionFindings, language: str, number: int, texts: Mapping[str, str]) -> Slide:
    _ = translator(language).gettext
    report = opinion.report
    statements = statement_texts(opinion, language)
    letters = {f"group {g + 1}": _("Group %(name)s") % {"name": group_letter(g)} for g in range(26)}
    sizes = Table(_("Opinion groups and their sizes"), (_("Group"), _("Respondents")),
                  [(letters.get(row["group"], _("Small groups together")), str(row["shown"]))
                   for _index, row in report.groups.iterrows()])
    consensus = [(statements.get(row["statement"], str(row["label"])), percent_text(row["lowest_share"]))
                 for _index, row in report.consensus.iterrows() if row["direction"] == "agree"]
    tables = [sizes]
    if consensus:
        tables.append(Table(_("Statements every group agrees with"), (_("Statement"), _("Agree at least")),
                            consensus[:MAX_CONSENSUS], numeric=False))
    who = _(GROUP_NAMES.get(opinion.questionnaire, opinion.questionnaire))
    return Slide(id=f"opinions-{number}", kind="opinions", title=_("Opinion groups: %(who)s") % {"who": who},
                 paragraphs=() if consensus else (texts["no_consensus"],), tables=tuple(tables))


# --- charts inline under the CSP ------------------------------------------------------------------

_STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"')
_STYLE_ELEMENT = re.compile(r"<style\b[^>]*>(.*?)</style>", re.S)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.S)
_ROOT = re.compile(r"<svg\b([^>]*)>")
_SIZE = re.compile(r'\s(?:width|height)="[^"]*"')
_FONT_SHORTHAND = re.compile(r"^\s*(?:(italic|oblique|normal)\s+)?(?:(bold|normal|\d{3})\s+)?([\d.]+px)\s+(.+)$")


def safe_svg(svg: str, label: str) -> Markup:
    """A matplotlib SVG made fit to inline under ``style-src 'self'``: each ``style`` attribute
    becomes SVG presentation attributes (which the CSP allows), the ``<style>`` element's rules
    move onto the root (inherited), the metadata go, and the root gets ``role="img"`` with
    ``label`` as its accessible name. Sizes go too: the stylesheet scales the chart."""
    root_rules = ""
    match = _STYLE_ELEMENT.search(svg)
    if match:
        root_rules = re.sub(r"^\s*\*\s*\{|\}\s*$", "", match.group(1).strip())
    svg = _STYLE_ELEMENT.sub("", svg)
    svg = re.sub(r"<defs>\s*</defs>\s*", "", svg)
    svg = _METADATA.sub("", svg)
    svg = _STYLE_ATTRIBUTE.sub(lambda m: _attributes(m.group(1)), svg)

    def root(m: re.Match[str]) -> str:
        attributes = _SIZE.sub("", m.group(1))
        return (f'<svg{attributes}{_attributes(root_rules)} role="img" aria-label="{_escape(label)}"'
                ' focusable="false" preserveAspectRatio="xMinYMin meet">')

    svg = _ROOT.sub(root, svg, count=1)
    # matplotlib names its groups figure_1, axes_1, ... in every chart: ids that nothing refers
    # to go, so that ids stay unique on a page of charts (the referenced ones are salted)
    referenced = set(re.findall(r"#([^\s\"')]+)", svg))
    root_id = re.search(r'<svg\b[^>]*?\sid="([^"]*)"', svg)
    keep = referenced | ({root_id.group(1)} if root_id else set())
    svg = re.sub(r'\sid="([^"]*)"', lambda m: m.group(0) if m.group(1) in keep else "", svg)
    return Markup(svg)


def _attributes(style: str) -> str:
    parts = []
    for declaration in style.split(";"):
        name, _sep, value = declaration.partition(":")
        name, value = name.strip().lower(), value.strip()
        if not name or not value or not re.fullmatch(r"[a-z-]+", name):
            continue
        if name == "font":  # the shorthand is not an attribute: its parts are
            found = _FONT_SHORTHAND.match(value)
            if found:
                style_, weight, size, family = found.groups()
                parts += [f'font-size="{size}"', f'font-family="{_escape(family)}"']
                if weight:
                    parts.append(f'font-weight="{weight}"')
                if style_:
                    parts.append(f'font-style="{style_}"')
            continue
        parts.append(f'{name}="{_escape(value)}"')
    return "".join(f" {part}" for part in parts)


def _escape(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


# --- the frame's texts (staff catalog) -------------------------------------------------------------

def deck_texts(language: str) -> dict[str, str]:
    """The deck's own texts in ``language``, from the ``staff`` catalog (Flask-Babel)."""
    from flask import has_app_context
    from flask_babel import force_locale
    from flask_babel import gettext as _

    if not has_app_context():
        return _frame_texts(lambda text: text)
    with force_locale(language):
        return _frame_texts(_)


def _frame_texts(_) -> dict[str, str]:
    return {
        "page_title": _("Workshop presentation"),
        "keyboard": _("Keys: arrows or Page Up and Page Down move between slides, Home and End go to the "
                      "first and the last slide, F switches full screen."),
        "counter": _("Slide %(current)s of %(total)s") % {"current": "{current}", "total": "{total}"},
        "full_screen": _("Full screen"),
        "data_table": _("The figures as a table"),
        "known_themes": _("Known themes"),
        "new_themes": _("New themes"),
        "all_answers": _("All answers"),
        "known_caption": _("%(title)s: share of all the answers in each known theme"),
        "answers_count": _("Free-text answers: %(n)s"),
        "no_new_themes": _("No new themes with at least 5 answers."),
        "no_consensus": _("No statement that every group agrees with."),
        "quotes": _("Quotes"),
        "end": _("Thank you"),
        "too_few": _("Too few responses to show"),
        "too_few_why": _("Fewer than 5 people have answered. Every figure must describe at least 5 "
                         "respondents, so nothing is shown yet."),
    }
