"""A guardian answers on a phone (360 x 740, touch), with JavaScript on and off."""
from __future__ import annotations

import pytest


from ..conftest import QUESTIONNAIRES
from .conftest import screenshot

MIN_TARGET = 44


def layout_problems(page) -> list[str]:
    """Horizontal scrolling, and tappable controls smaller than 44 x 44 CSS pixels."""
    page.wait_for_load_state("load")  # a click returns once navigation commits, before the CSS applies
    problems = []
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    if overflow > 0:
        problems.append(f"scrolls sideways by {overflow}px")
    small = page.evaluate(
        """(min) => {
        const out = [];
        const box = (el) => el.getBoundingClientRect();
        for (const el of document.querySelectorAll('a[href], button, input, textarea, select')) {
          if (el.type === 'hidden') continue;
          let r = box(el);
          // a radio or checkbox counts with its label, which is what a finger hits
          if ((el.type === 'radio' || el.type === 'checkbox') && el.labels.length) {
            const l = box(el.labels[0]);
            const left = Math.min(r.left, l.left), right = Math.max(r.right, l.right);
            const top = Math.min(r.top, l.top), bottom = Math.max(r.bottom, l.bottom);
            r = {width: right - left, height: bottom - top};
          }
          if (el.closest('.skip-link')) continue;  // off-screen until focused
          if (r.width < min - 0.5 || r.height < min - 0.5)
            out.push(`${el.tagName.toLowerCase()}[${el.name || el.textContent.trim().slice(0, 30)}] ${Math.round(r.width)}x${Math.round(r.height)}`);
        }
        return out;
    }""",
        MIN_TARGET,
    )
    problems.extend(f"target too small: {s}" for s in small)
    problems.extend(f"failed request: {f}" for f in getattr(page, "failed_requests", []))
    return problems


def shoot(page, name: str) -> None:
    screenshot(page, name)
    screenshot(page, name, full_page=False)


def fill_visible(page) -> None:
    """Answer every question on the page as a person would: tap the first options, type text."""
    for fieldset in page.locator("fieldset:not(.statement)").all():
        radios = fieldset.locator("> .choices input[type=radio]")
        if radios.count():
            radios.first.check()
        boxes = fieldset.locator("> .choices input[type=checkbox]")
        if boxes.count():
            boxes.first.check()
        for statement in fieldset.locator("fieldset.statement").all():
            statement.locator("input[type=radio]").first.check()
    for field in page.locator("input[inputmode]").all():
        field.fill("3")
    for area in page.locator("textarea").all():
        area.fill("Opettaja soitti heti, ja se auttoi.")


@pytest.mark.parametrize("phone", [True, False], ids=["js", "nojs"], indirect=True)
@pytest.mark.parametrize("language", ["fi", "sv"])
@pytest.mark.parametrize("name", ["guardians", "pupils", "staff"])
def test_complete_a_shipped_questionnaire_on_a_phone(live_server, make_campaign, phone, language, name, request):
    slug = make_campaign(QUESTIONNAIRES / f"{name}.yaml")
    page = phone
    tag = f"{name}-{language}-{'js' if request.node.callspec.params['phone'] else 'nojs'}"
    page.goto(f"{live_server}/s/{slug}/")
    assert page.locator("html").get_attribute("lang") == "fi"  # the phone's locale
    shoot(page, f"{tag}-language")
    page.get_by_role("link", name={"fi": "Suomi", "sv": "Svenska"}[language]).click()
    assert page.locator("html").get_attribute("lang") == language
    problems = layout_problems(page)
    assert not problems, problems
    shoot(page, f"{tag}-privacy")
    page.locator("a.button").first.click()

    for number in range(1, 20):
        assert "/page/" in page.url, page.url
        shoot(page, f"{tag}-page{number}")
        problems = layout_problems(page)
        assert not problems, (page.url, problems)
        fill_visible(page)
        page.get_by_role("button", name={"fi": "Seuraava", "sv": "Nästa"}[language]).click()
        if "/review" in page.url:
            break
    problems = layout_problems(page)
    assert not problems, problems
    shoot(page, f"{tag}-review")
    page.get_by_role("button", name={"fi": "Lähetä vastaukset", "sv": "Skicka svaren"}[language]).click()
    assert "/thanks" in page.url
    shoot(page, f"{tag}-thanks")
    assert len(page.locator(".code").inner_text().strip()) == 11
    assert page.external_requests == []


@pytest.mark.parametrize("phone", [False], ids=["nojs"], indirect=True)
def test_errors_are_announced_and_linked_to_their_fields(live_server, make_campaign, phone):
    page = phone
    slug = make_campaign(QUESTIONNAIRES / "guardians.yaml")
    page.goto(f"{live_server}/s/{slug}/page/background?lang=fi")
    page.get_by_role("button", name="Seuraava").click()
    summary = page.locator(".error-summary")
    assert summary.get_attribute("role") == "alert"
    page.wait_for_load_state("load")
    # autofocus runs once the page has loaded; wait for it rather than race it
    page.wait_for_function("document.activeElement.classList.contains('error-summary')", timeout=5000)
    assert page.title().startswith("Virhe:")
    shoot(page, "guardians-fi-errors")
    first_link = summary.locator("a").first
    first_link.click()
    target = first_link.get_attribute("href")
    assert page.evaluate("document.activeElement.id") == target.lstrip("#")
    field = page.locator(target)
    described = page.locator(f"{target} >> xpath=ancestor::fieldset[1]").get_attribute("aria-describedby")
    assert described and "-error" in described and field.count() == 1


@pytest.mark.parametrize("phone", [False], ids=["nojs"], indirect=True)
def test_keyboard_only_answering(live_server, make_campaign, phone):
    page = phone
    slug = make_campaign(QUESTIONNAIRES / "pupils.yaml")
    page.goto(f"{live_server}/s/{slug}/page/about_you?lang=fi")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "grade_band"
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")  # the next grade band in the same group
    assert page.evaluate("document.activeElement.checked")
    chosen = page.evaluate("document.activeElement.value")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # Enter in a form presses its first button: Next
    assert "about_you" not in page.url
    page.go_back()
    assert page.locator(f"input[name=grade_band][value={chosen}]").is_checked()


def test_save_on_one_phone_and_continue_on_another(live_server, make_campaign, browser):
    from .conftest import PHONE

    slug = make_campaign(QUESTIONNAIRES / "guardians.yaml")
    first = browser.new_context(java_script_enabled=False, locale="sv-FI", **PHONE)
    page = first.new_page()
    page.goto(f"{live_server}/s/{slug}/privacy")
    assert page.locator("html").get_attribute("lang") == "sv"
    page.locator("a.button").first.click()
    page.locator("input[name=grade_band]").nth(1).check()
    page.locator("input[name=absence_band][value=over_20]").check()
    page.get_by_role("button", name="Nästa").click()
    page.locator("input[name=absence_hours]").fill("35")
    page.get_by_role("button", name="Spara och fortsätt senare").click()
    page.wait_for_load_state("load")
    shoot(page, "guardians-sv-saved")
    code = page.locator(".code").inner_text().strip()
    first.close()

    second = browser.new_context(java_script_enabled=False, locale="sv-FI", **PHONE)
    page = second.new_page()
    page.goto(f"{live_server}/s/{slug}/resume")
    page.get_by_label("Kod").fill(code.lower())
    page.get_by_role("button", name="Fortsätt").click()
    assert page.locator("input[name=absence_hours]").input_value() == "35"
    page.get_by_role("button", name="Tillbaka").click()
    assert page.locator("input[name=absence_band][value=over_20]").is_checked()
    second.close()


@pytest.mark.parametrize("phone", [True, False], ids=["js", "nojs"], indirect=True)
def test_arabic_is_right_to_left_and_mirrored(live_server, make_campaign, phone, request):
    page = phone
    tag = f"guardians-ar-{'js' if request.node.callspec.params['phone'] else 'nojs'}"
    slug = make_campaign(QUESTIONNAIRES / "guardians.yaml", languages=["fi", "sv", "en", "ar"])
    page.goto(f"{live_server}/s/{slug}/")
    page.locator("a[lang=ar]").click()
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    shoot(page, f"{tag}-privacy")
    page.locator("a.button").first.click()
    page.wait_for_load_state("load")
    mirrored = page.evaluate(
        """() => {
        const input = document.querySelector('.choice input');
        const label = input.labels[0];
        const main = document.querySelector('main h1');
        return {
          inputRight: input.getBoundingClientRect().right,
          labelRight: label.getBoundingClientRect().right,
          headingRight: main.getBoundingClientRect().right,
          headingAlign: getComputedStyle(main).textAlign,
          width: document.documentElement.clientWidth,
        };
    }"""
    )
    assert mirrored["inputRight"] > mirrored["labelRight"], "the radio sits right of its label"
    assert mirrored["width"] - mirrored["headingRight"] < 40, "headings start at the right edge"
    problems = layout_problems(page)
    assert not problems, problems
    shoot(page, f"{tag}-page1")
    for _ in range(10):
        fill_visible(page)
        page.locator("button[value=next]").click()
        page.wait_for_load_state("load")
        if "/review" in page.url:
            break
        assert page.locator("html").get_attribute("dir") == "rtl"
    shoot(page, f"{tag}-review")
    page.locator("form[action$='/submit'] button").click()
    assert "/thanks" in page.url
    code = page.locator(".code")
    assert code.get_attribute("dir") == "ltr", "the receipt code reads left to right inside Arabic"


@pytest.mark.parametrize("phone", [False], ids=["nojs"], indirect=True)
def test_a_submission_whose_answer_was_lost_is_sent_again_and_stored_once(live_server, make_campaign, phone, query):
    """The server stores the response, but the phone never hears back (the connection drops);
    the respondent presses "Send" again and gets the receipt of the one stored response."""
    from sqlalchemy import func, select

    from surveyapp.models import Response

    page = phone
    slug = make_campaign(QUESTIONNAIRES / "pupils.yaml")
    page.goto(f"{live_server}/s/{slug}/privacy?lang=fi")
    page.locator("a.button").first.click()
    for _ in range(10):
        fill_visible(page)
        page.locator("button[value=next]").click()
        page.wait_for_load_state("load")
        if "/review" in page.url:
            break
    lost = []

    def lose_the_answer(route):
        if not lost:
            route.fetch()  # the server handles the POST and commits
            lost.append(True)
            route.abort("aborted")  # but the answer never arrives: the review page stays
        else:
            route.continue_()

    page.route("**/submit", lose_the_answer)
    page.locator("form[action$='/submit'] button").click()
    page.wait_for_timeout(500)
    assert query(lambda s: s.scalar(select(func.count()).select_from(Response))) == 1
    # nothing happened, as far as the respondent can tell: they press "Send" again, and the
    # browser sends the same form, submit key and all
    assert "/review" in page.url
    page.locator("form[action$='/submit'] button").click()
    page.wait_for_url("**/thanks")
    assert len(page.locator(".code").inner_text().strip()) == 11
    assert query(lambda s: s.scalar(select(func.count()).select_from(Response))) == 1


@pytest.mark.parametrize("phone", [True, False], ids=["js", "nojs"], indirect=True)
def test_switching_language_mid_survey_keeps_what_was_given(live_server, make_campaign, phone):
    page = phone
    slug = make_campaign(QUESTIONNAIRES / "guardians.yaml")
    page.goto(f"{live_server}/s/{slug}/privacy?lang=fi")
    page.locator("a.button").first.click()
    page.locator("input[name=grade_band][value=grades_7_9]").check()
    page.locator("input[name=absence_band][value=over_20]").check()
    page.locator("button[value='language:sv']").click()
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.locator("input[name=grade_band][value=grades_7_9]").is_checked()
    assert page.locator("input[name=absence_band][value=over_20]").is_checked()
    page.locator("button[value=next]").click()
    page.locator("input[name=absence_hours]").fill("35")
    page.locator("button[value='language:ar']").click()
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("input[name=absence_hours]").input_value() == "35"


@pytest.mark.parametrize("phone", [False], ids=["nojs"], indirect=True)
def test_a_whole_questionnaire_answered_with_the_keyboard_only(live_server, make_campaign, phone):
    """Tab to each control, Space to choose, type into fields, Enter on the buttons."""
    page = phone
    slug = make_campaign(QUESTIONNAIRES / "pupils.yaml")
    page.goto(f"{live_server}/s/{slug}/privacy?lang=fi")

    def focused() -> dict:
        return page.evaluate(
            """() => { const e = document.activeElement;
                return {tag: e.tagName.toLowerCase(), type: e.type || '', name: e.name || '',
                        value: e.value || '', cls: e.className || '', checked: !!e.checked,
                        text: (e.textContent || '').trim()}; }"""
        )

    def tab_to(predicate, limit=80) -> dict:
        for _ in range(limit):
            page.keyboard.press("Tab")
            element = focused()
            if predicate(element):
                return element
        raise AssertionError("never reached the control by tabbing")

    tab_to(lambda e: e["tag"] == "a" and "button" in e["cls"])  # "Aloita vastaaminen"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    for _ in range(10):
        answered: set[str] = set()
        while True:
            element = tab_to(lambda e: e["tag"] in ("input", "textarea", "button"))
            if element["tag"] == "button" and element["value"] == "next":
                break
            if element["type"] in ("radio", "checkbox") and element["name"] not in answered:
                page.keyboard.press("Space")
                answered.add(element["name"])
            elif element["tag"] == "textarea" or element["type"] == "text":
                page.keyboard.type("Näppäimistöllä kirjoitettu")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        if "/review" in page.url:
            break
    tab_to(lambda e: e["tag"] == "button" and "button" in e["cls"])  # "Lähetä vastaukset"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/thanks" in page.url
