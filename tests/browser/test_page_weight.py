"""Page weight: the first questionnaire page on a cold load, as a phone on a slow network sees it.

Budget: 30 KB transferred (HTML, CSS, any script, images), no third-party request, no web
font. For comparison, a 12-question SurveyJS page measured the same way transfers about
421 KB gzipped and shows nothing without JavaScript.
"""
from __future__ import annotations

from ..conftest import QUESTIONNAIRES
from .conftest import PHONE

BUDGET_BYTES = 30 * 1024


def test_first_page_is_under_budget_on_a_cold_load(live_server, make_campaign, browser):
    slug = make_campaign(QUESTIONNAIRES / "guardians.yaml")
    context = browser.new_context(**PHONE)
    page = context.new_page()
    # reach the first page once so that the session exists, then measure it with a cold cache
    page.goto(f"{live_server}/s/{slug}/privacy?lang=fi")
    first_page_url = page.locator("a.button").first.get_attribute("href")
    context.close()

    context = browser.new_context(**PHONE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    requests: dict[str, dict] = {}
    cdp.on("Network.requestWillBeSent", lambda e: requests.setdefault(e["requestId"], {}).update(
        url=e["request"]["url"], type=e.get("type")))
    cdp.on("Network.loadingFinished", lambda e: requests.setdefault(e["requestId"], {}).update(
        bytes=e["encodedDataLength"]))
    page.goto(live_server + first_page_url, wait_until="load")
    page.wait_for_timeout(300)  # let the last loadingFinished events arrive
    context.close()

    total = sum(r.get("bytes", 0) for r in requests.values())
    urls = [r["url"] for r in requests.values()]
    print(f"\nfirst page, cold load: {len(urls)} requests, {total} bytes transferred: {urls}")
    assert all(url.startswith(live_server) or url.startswith("data:") for url in urls), urls
    assert not [r for r in requests.values() if r.get("type") == "Font"], "no web fonts"
    assert not [r for r in requests.values() if r.get("type") == "Script"], "no script is needed"
    assert 0 < total <= BUDGET_BYTES, f"{total} bytes is over the {BUDGET_BYTES} byte budget"
