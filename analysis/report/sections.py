"""The report's sections, in the reader's language, made from :class:`.findings.Findings`.

Every table is a suppressed :class:`analysis.tables.CrossTab` (its ``display`` texts), every
chart is drawn from the same tables, every quote is a screened answer of a theme of at least 5
answers, and no respondent-level value appears.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from .. import charts
from ..i18n import N_, translator
from ..labels import language_names
from ..suppression import MIN_COUNT, TOTAL
from ..tables import CrossTab
from .findings import FamilyFindings, Findings, OpinionFindings
from .render import Figure, Page, Section, Table, ThemeCard

__all__ = ["FAMILY_TITLES", "GROUP_NAMES", "band_labels", "build_page", "display_table", "group_labels",
           "group_letter", "percent_text", "statement_texts", "theme_cards", "theme_label"]

FAMILY_TITLES = {
    "reasons_for_absence": N_("Reasons for absence"),
    "barriers_to_cooperation": N_("Barriers to cooperation"),
}
GROUP_NAMES = {"guardians": N_("Guardians"), "pupils": N_("Pupils"), "staff": N_("Staff")}
TOTAL_TEXT = N_("Total")
MAX_QUOTES = 2


def build_page(findings: Findings, *, language: str = "fi") -> Page:
    _ = translator(language).gettext
    sections = [_who_answered(findings, language)]
    if findings.absence is not None:
        sections.append(_absence(findings, language))
    for number, family in enumerate(findings.families, start=1):
        sections.append(_family(family, language, number))
    for number, opinion in enumerate(findings.opinions, start=1):
        sections.append(_opinions(opinion, language, number))
    n = len(findings.respondents.data)
    return Page(
        title=_("What families, pupils and staff said"),
        summary=_("%(n)s responses from %(exports)s questionnaires.") % {"n": n, "exports": len(findings.exports)},
        privacy=_("Every figure describes at least 5 respondents: smaller numbers are shown as <5, and numbers "
                  "from which a small one could be worked out as '..'. Quotes are screened for names, "
                  "contact details and identity numbers before they are shown."),
        footer=_("Made with the Verkosto analysis package. Themes are suggestions for discussion, found by "
                 "a computer; read the answers before drawing conclusions."),
        sections=tuple(sections),
        synthetic=_("SYNTHETIC DATA: invented for demonstration. No real person answered.") if findings.synthetic else "",
    )


# --- sections -----------------------------------------------------------------------------------

def _who_answered(findings: Findings, language: str) -> Section:
    _ = translator(language).gettext
    table = findings.by_role_and_language
    languages = language_names(language)
    return Section(
        id="who-answered", title=_("Who answered"),
        paragraphs=(_("Responses by respondent group and by the language they answered in."),),
        tables=(display_table(table, _("Respondents by group and language"), language,
                       rows=group_labels(language), columns=languages),),
    )


def _absence(findings: Findings, language: str) -> Section:
    _ = translator(language).gettext
    table = findings.absence
    bands = band_labels(findings.thresholds)
    figure = charts.absence_band_chart(table, language=language, row_labels=bands,
                                       title=_("Absence from school, by area (guardians)"))
    return Section(
        id="absence", title=_("Absence from school"),
        paragraphs=(_("How much school the child has missed this term, as the guardians estimated it."),),
        figures=(Figure(charts.svg_text(figure, prefix="absence"),
                        _("Guardians' estimates of absence, share of respondents in each area")),),
        tables=(display_table(table, _("Absence bands by area"), language, rows=bands),),
    )


def _family(family: FamilyFindings, language: str, number: int) -> Section:
    _ = translator(language).gettext
    title = _(FAMILY_TITLES.get(family.family, family.family))
    groups = group_labels(language)
    figures, tables, cards, paragraphs = [], [], [], []
    answered = len(family.answers) if len(family.answers) >= MIN_COUNT else "<5"
    paragraphs.append(_("%(n)s free-text answers. First they were coded to the known themes of the codebook "
                        "(an answer can have several); the answers no known theme matched were then grouped "
                        "into new themes.") % {"n": answered})
    if family.codes is not None:
        themes = {code: labels.get(language) or labels.get("en") or code for code, labels in family.code_labels.items()}
        chart = charts.theme_sizes_chart(family.codes, language=language, row_labels=themes, column_labels=groups,
                                         title=_("Known themes by respondent group"))
        figures.append(Figure(charts.svg_text(chart, prefix=f"codes{number}"),
                              _("%(title)s: share of each group's answers in each known theme") % {"title": title}))
        tables.append(display_table(family.codes, _("Known themes (codebook) by respondent group"), language,
                             rows=themes, columns=groups))
    if family.themes is not None:
        cards = theme_cards(family.themes, language)
        if family.themes_by_role is not None:
            labels = {theme.id: theme_label(theme, language) for theme in family.themes.themes}
            tables.append(display_table(family.themes_by_role, _("New themes by respondent group"), language,
                                 rows=labels, columns=groups))
        hidden = sum(1 for theme in family.themes.themes if theme.size < MIN_COUNT)
        if hidden:
            paragraphs.append(_("%(n)s new themes with fewer than 5 answers are not shown.") % {"n": hidden})
    return Section(id=f"themes-{number}", title=title, paragraphs=tuple(paragraphs), figures=tuple(figures),
                   tables=tuple(tables), themes=tuple(cards), notes=tuple(family.edit_notes))


def _opinions(opinion: OpinionFindings, language: str, number: int) -> Section:
    _ = translator(language).gettext
    report = opinion.report
    statements = statement_texts(opinion, language)
    letters = {f"group {g + 1}": _("Group %(name)s") % {"name": group_letter(g)} for g in range(26)}
    groups = Table(_("Opinion groups and their sizes"), (_("Group"), _("Respondents")),
                   [(letters.get(row["group"], _("Small groups together")), row["shown"])
                    for _index, row in report.groups.iterrows()])
    representative = Table(
        _("What each group agrees with more than the others"), (_("Group"), _("Statement"), _("Agree in the group"),
                                                                 _("Agree in the others")),
        [(letters.get(row["group"], str(row["group"])), statements.get(row["statement"], row["label"]),
          percent_text(row["share_group"]), percent_text(row["share_rest"]))
         for _index, row in report.representative.iterrows() if row["direction"] == "agree"], numeric=False)
    consensus = Table(_("Statements every group agrees with"), (_("Statement"), _("Agree at least")),
                      [(statements.get(row["statement"], row["label"]), percent_text(row["lowest_share"]))
                       for _index, row in report.consensus.iterrows() if row["direction"] == "agree"],
                      numeric=False)
    group_names = {int(g): _("Group %(name)s") % {"name": group_letter(int(g))} for g in opinion.groups.reported_groups_}
    figure = charts.opinion_group_map(opinion.groups, language=language, group_labels=group_names)
    name = _(GROUP_NAMES.get(opinion.questionnaire, opinion.questionnaire))
    return Section(
        id=f"opinions-{number}", title=_("Opinion groups: %(who)s") % {"who": name},
        paragraphs=(_("Respondents were grouped by how they answered the agreement statements, as Pol.is does: "
                      "people in one group answered alike. Groups of fewer than 5 are not shown on their own."),),
        figures=(Figure(charts.svg_text(figure, prefix=f"opinions{number}"),
                        _("Each dot is one respondent placed by their answers; nearby dots answered alike.")),),
        tables=(groups, representative, consensus),
    )


# --- helpers -------------------------------------------------------------------------------------

def display_table(table: CrossTab, caption: str, language: str, *, rows: Mapping[Any, str] | None = None,
           columns: Mapping[Any, str] | None = None) -> Table:
    """A suppressed cross-table as display strings, with labels in the reader's language."""
    _ = translator(language).gettext
    display = table.suppression.display()
    shares = table.display  # "12 (40 %)" texts, labelled in English: use positions, not labels
    row_names = [_(TOTAL_TEXT) if code == TOTAL else (rows or {}).get(code, table.row_labels.get(code, str(code)))
                 for code in display.index]
    column_names = [_(TOTAL_TEXT) if code == TOTAL else (columns or {}).get(code, table.column_labels.get(code, str(code)))
                    for code in display.columns]
    body = []
    for i, name in enumerate(row_names):
        cells = [str(shares.iat[i, j]) if j < shares.shape[1] else str(display.iat[i, j])
                 for j in range(display.shape[1])]
        body.append([name, *cells])
    head = ["", *column_names] if table.columns is not None else ["", *column_names[: shares.shape[1]]]
    body = [row[: len(head)] for row in body]
    return Table(caption, head, body)


def theme_cards(result: Any, language: str) -> list[ThemeCard]:
    _ = translator(language).gettext
    names = language_names(language)
    cards = []
    for theme in result.themes:
        if theme.size < MIN_COUNT:
            continue
        terms = [(names.get(code, code), ", ".join(words[:8])) for code, words in theme.top_terms_by_language.items()
                 if words]
        quotes = [(code, names.get(code, code), tuple(found[:MAX_QUOTES]))
                  for code, found in theme.quotes_by_language.items() if found]
        cards.append(ThemeCard(heading=theme_label(theme, language),
                               size=_("%(n)s answers") % {"n": theme.size}, terms=terms, quotes=quotes))
    return cards


def theme_label(theme: Any, language: str) -> str:
    """The theme's label, or its top terms in the reader's language when it has them."""
    words = theme.top_terms_by_language.get(language) or ()
    return theme.label if not words or "·" not in theme.label else " · ".join(words[:3])


def statement_texts(opinion: OpinionFindings, language: str) -> dict[str, str]:
    from ..labels import statement_labels

    texts: dict[str, str] = {}
    for column in opinion.statements:
        question = column.split(".", 1)[0]
        texts.update(statement_labels(opinion.questionnaire, question, language))
    return texts


def group_labels(language: str) -> dict[str, str]:
    _ = translator(language).gettext
    return {code: _(name) for code, name in GROUP_NAMES.items()}


def band_labels(thresholds) -> dict[str, str]:
    from ..bands import band_codes

    codes = band_codes(thresholds)
    numbers = [f"{t:g}" for t in thresholds]
    labels = {codes[0]: f"< {numbers[0]} %", codes[-1]: f"> {numbers[-1]} %"}
    for code, low, high in zip(codes[1:-1], numbers, numbers[1:]):
        labels[code] = f"{low}–{high} %"
    return labels


def percent_text(value: Any) -> str:
    return "" if value is None or pd.isna(value) else f"{100 * float(value):.0f} %"


def group_letter(number: int) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[number % 26]

