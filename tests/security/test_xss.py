"""Stored XSS: questionnaire texts, respondents' answers and imported translations are text.

Questionnaires are written by project staff and translated by outside translators, answers by
anyone with the link: none of them may become markup in a respondent's browser. Every page
a respondent can reach is rendered with payloads in every text field, and parsed: no injected
element or attribute may exist, and the payload must be visible as text (escaped).
"""
from __future__ import annotations

import shutil

import pytest
from babel.messages.pofile import read_po, write_po
from openpyxl import load_workbook

from surveyapp.questionnaire.loader import load_file
from surveyapp.questionnaire.translation_workflow import export_po, export_spreadsheet, import_po, import_spreadsheet

from ..respondent import Respondent
from .helpers import (
    XSS_PAYLOADS,
    assert_no_injected_markup,
    reach_review,
    shown_as_text,
    small_definition,
    with_every_text,
    write_questionnaire,
)

ALL_PAYLOADS = " ".join(XSS_PAYLOADS)


@pytest.fixture
def hostile_questionnaire(tmp_path):
    """small.yaml with every payload in every text (titles, questions, help, options, scale
    labels, "other" labels, matrix statements, units, page intro, privacy notice)."""
    return write_questionnaire(
        tmp_path / "hostile" / "small.yaml", with_every_text(small_definition(), lambda t: f"{t} {ALL_PAYLOADS}")
    )


def check(page, where: str, *, expect_payloads: bool = True) -> None:
    soup = assert_no_injected_markup(page.html, where)
    if expect_payloads:
        for payload in XSS_PAYLOADS:
            assert shown_as_text(soup, payload), f"{where}: {payload!r} is not shown as text"


def walk_every_page(respondent: Respondent, language: str) -> None:
    """Every respondent page, in one language, checked for injected markup."""
    language_choice = respondent.get("")
    check(language_choice, f"{language} language choice", expect_payloads=False)
    notice = respondent.get(f"privacy?lang={language}")
    assert notice.status == 200
    check(notice, f"{language} privacy notice")
    first = respondent.get(notice.soup.select_one("a.button")["href"])
    check(first, f"{language} first page")
    errors = respondent.answer({})  # a required question left unanswered: the error summary
    assert errors.status == 422
    check(errors, f"{language} first page with errors")
    review = reach_review(respondent, language)
    check(review, f"{language} review")
    saved = respondent.follow(respondent.post("page/cooperation", {"action": "save"}, csrf=review.csrf))
    check(saved, f"{language} saved", expect_payloads=False)
    missing = respondent.get("page/no-such-page")
    assert missing.status == 404
    check(missing, f"{language} not found", expect_payloads=False)


def test_every_text_field_of_a_questionnaire_is_escaped(client, make_campaign, hostile_questionnaire):
    slug = make_campaign(hostile_questionnaire)
    walk_every_page(Respondent(client, slug), "en")


def test_questionnaire_texts_on_the_closed_and_expired_pages(client, make_campaign, hostile_questionnaire):
    closed = Respondent(client, make_campaign(hostile_questionnaire, status="closed"))
    check(closed.get("privacy?lang=en"), "closed campaign", expect_payloads=False)
    respondent = Respondent(client, make_campaign(hostile_questionnaire))
    notice = respondent.get("resume?lang=en")
    expired = respondent.post("submit", {"submit_key": "0" * 32}, csrf=notice.csrf)
    assert expired.status == 410
    check(expired, "expired", expect_payloads=False)


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_answers_shown_back_are_escaped(client, slug, payload):
    """The review page, the "other" text, and values shown again in the form after an error."""
    respondent = Respondent(client, slug)
    review = reach_review(respondent, other=payload, bullying_help=payload, name_of_school=payload, change=payload)
    soup = assert_no_injected_markup(review.html, "review")
    answers = [li.get_text() for li in soup.select(".answer-list li")]
    assert sum(payload.strip() in a for a in answers) >= 4, answers

    # re-rendered values: a number field with text in it, and a text over its limit
    details = respondent.get("page/details")
    shown = respondent.answer({"hours": payload, "bullying_help": payload + "x" * 300})
    assert shown.status == 422
    soup = assert_no_injected_markup(shown.html, "details with errors")
    assert shown.value("hours") == payload.strip()
    assert shown.value("bullying_help") == payload + "x" * 300
    assert details.status == 200

    # the form shows saved answers again
    cooperation = respondent.get("page/cooperation")
    assert_no_injected_markup(cooperation.html, "cooperation with saved answers")
    assert cooperation.value("name_of_school") == payload.strip()
    assert cooperation.value("change") == payload.strip()
    first = respondent.get("page/background")
    assert_no_injected_markup(first.html, "first page with saved answers")
    assert first.value("reasons.other") == payload.strip()


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_a_typed_resume_code_shown_again_is_escaped(client, slug, payload):
    respondent = Respondent(client, slug)
    form = respondent.get("resume?lang=en")
    page = respondent.post("resume", {"code": payload}, csrf=form.csrf)
    assert page.status == 422
    assert_no_injected_markup(page.html, "resume with error")
    assert page.value("code") == payload[:40]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_payloads_in_the_url_are_escaped(client, slug, payload):
    from urllib.parse import quote

    respondent = Respondent(client, slug)
    for path in (f"page/{quote(payload, safe='')}", f"privacy?lang={quote(payload, safe='')}",
                 f"page/background?check={quote(payload, safe='')}"):
        page = respondent.get(path)
        assert page.status in (200, 302, 404), (path, page.status)
        assert_no_injected_markup(page.html, path)


def translate_po(path, prefix: str) -> None:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if message.id:
            message.string = f"{prefix} {message.id}"
            message.flags.discard("fuzzy")
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100)


def test_translations_imported_from_a_po_file_are_escaped(client, make_campaign, tmp_path):
    questionnaire = tmp_path / "q" / "small.yaml"
    questionnaire.parent.mkdir()
    shutil.copy(small_yaml(), questionnaire)
    delivered = tmp_path / "from-translator" / "ar.po"
    export_po(questionnaire, "ar", output=delivered)
    translate_po(delivered, ALL_PAYLOADS)
    import_po(questionnaire, delivered)
    assert "ar" in load_file(questionnaire).languages

    slug = make_campaign(questionnaire, languages=["en", "ar"])
    walk_every_page(Respondent(client, slug), "ar")


def test_translations_imported_from_a_spreadsheet_are_escaped(client, make_campaign, tmp_path):
    questionnaire = tmp_path / "q" / "small.yaml"
    questionnaire.parent.mkdir()
    shutil.copy(small_yaml(), questionnaire)
    sheet_path = export_spreadsheet(questionnaire, tmp_path / "uk.xlsx", ["uk"])
    workbook = load_workbook(sheet_path)
    sheet = workbook.active
    column = [cell.value for cell in sheet[1]].index("uk") + 1
    for row in range(3, sheet.max_row + 1):
        sheet.cell(row=row, column=column).value = f"{ALL_PAYLOADS} {sheet.cell(row=row, column=4).value}"
    workbook.save(sheet_path)
    import_spreadsheet(questionnaire, sheet_path)
    assert "uk" in load_file(questionnaire).languages

    slug = make_campaign(questionnaire, languages=["en", "uk"])
    walk_every_page(Respondent(client, slug), "uk")


def small_yaml():
    from ..conftest import DATA

    return DATA / "small.yaml"


@pytest.mark.parametrize(
    "html",
    [
        '<p><script>alert(1)</script></p>',
        '<input value=""><img src=x onerror=alert(1)>">',
        '<a href=" javascript:alert(1)">x</a>',
        '<div onmouseover="alert(1)">x</div>',
    ],
)
def test_the_check_itself_finds_injected_markup(html):
    with pytest.raises(AssertionError):
        assert_no_injected_markup(html, "meta")
