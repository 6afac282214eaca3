"""WCAG 2.1 A and AA: axe-core on every respondent page, in every language it is offered in.

axe-core comes from the npm registry (scripts/test installs it into .cache/npm) and is
injected into each page. A violation of any impact fails the test, which lists them all.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from ..conftest import PROJECT, QUESTIONNAIRES
from .conftest import PHONE
from .test_phone import fill_visible

AXE = Path(os.environ.get("AXE_PATH", PROJECT / ".cache/npm/node_modules/axe-core/axe.min.js"))
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CASES = [("guardians", lang) for lang in ("fi", "sv", "en", "ar", "uk", "ru", "so", "et", "fa")] + [
    (name, lang) for name in ("pupils", "staff") for lang in ("fi", "sv", "en")
]


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the accessibility tests: {AXE} is missing")
        pytest.skip(f"accessibility tests need axe-core at {AXE} (scripts/test installs it)")
    return AXE.read_text(encoding="utf-8")


def violations(page, axe_source: str) -> list[str]:
    page.wait_for_load_state("load")
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    found = []
    for violation in result["violations"]:
        for node in violation["nodes"]:
            found.append(f"{page.url}: {violation['id']} ({violation['impact']}): {violation['help']} at {node['target']}")
    return found


@pytest.mark.parametrize(("name", "language"), CASES, ids=[f"{n}-{l}" for n, l in CASES])
def test_every_respondent_page_has_no_wcag_violations(live_server, make_campaign, browser, axe_source, name, language):
    path = QUESTIONNAIRES / f"{name}.yaml"
    from surveyapp.questionnaire.loader import load_file

    slug = make_campaign(path, languages=list(load_file(path).languages))
    context = browser.new_context(locale="fi-FI", bypass_csp=True, **PHONE)  # to inject axe
    page = context.new_page()
    found: list[str] = []
    try:
        page.goto(f"{live_server}/s/{slug}/?lang={language}")
        found += violations(page, axe_source)
        page.goto(f"{live_server}/s/{slug}/privacy")
        found += violations(page, axe_source)
        page.goto(f"{live_server}/s/{slug}/resume")
        page.locator("#code").fill("nonsense")
        page.locator("form button[type=submit]").click()
        found += violations(page, axe_source)  # the resume form with its error

        page.goto(f"{live_server}/s/{slug}/privacy")
        page.locator("a.button").first.click()
        page.locator("button[value=next]").click()  # the first page with its errors
        found += violations(page, axe_source)
        for _ in range(12):
            fill_visible(page)
            page.locator("button[value=next]").click()
            page.wait_for_load_state("load")
            found += violations(page, axe_source)  # each page, and at last the review
            if "/review" in page.url:
                break
        page.goto(f"{live_server}/s/{slug}/privacy")  # with a draft: continue / start again
        found += violations(page, axe_source)
        page.locator("a.button").first.click()
        page.locator("button[value=save]").click()
        found += violations(page, axe_source)  # the resume code page
        page.goto(f"{live_server}/s/{slug}/review")
        page.locator("form[action$='/submit'] button").click()
        found += violations(page, axe_source)  # thanks
        page.goto(f"{live_server}/s/{slug}/page/no-such-page")
        found += violations(page, axe_source)  # not found
    finally:
        context.close()
    assert not found, "\n".join(found)


def test_closed_and_unknown_campaign_pages(live_server, make_campaign, browser, axe_source):
    slug = make_campaign(QUESTIONNAIRES / "pupils.yaml", status="closed")
    context = browser.new_context(bypass_csp=True, **PHONE)
    page = context.new_page()
    found: list[str] = []
    for url in (f"/s/{slug}/?lang=sv", "/s/unknown/", "/"):
        page.goto(live_server + url)
        found += violations(page, axe_source)
    context.close()
    assert not found, "\n".join(found)


def test_axe_finds_violations_when_there_are_some(browser, axe_source):
    """The check can fail: an unlabeled input and missing lang are reported."""
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.set_content("<html><body><input type='text'><img src='data:,'></body></html>")
    found = violations(page, axe_source)
    context.close()
    assert any("label" in f for f in found) and any("html-has-lang" in f for f in found), found
