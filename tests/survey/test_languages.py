"""The respondent's language: explicit choice, campaign default, Accept-Language, Finnish."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from surveyapp.i18n import choose_language
from surveyapp.models import Draft
from werkzeug.datastructures import LanguageAccept

from ..respondent import Respondent


@pytest.mark.parametrize(
    ("allowed", "explicit", "default", "accept", "expected"),
    [
        (["fi", "sv", "en"], "sv", "en", [("en", 1)], "sv"),
        (["fi", "sv", "en"], "de", "en", [("sv", 1)], "en"),  # not offered: ignored
        (["fi", "sv", "en"], None, None, [("sv-FI", 1), ("en", 0.5)], "sv"),
        (["fi", "sv", "en"], None, None, [("de", 1), ("en-GB", 0.8)], "en"),
        (["fi", "sv", "en"], None, None, [("de", 1)], "fi"),
        (["sv", "en"], None, None, [("de", 1)], "sv"),  # Finnish not offered: the first language
    ],
)
def test_choose_language(allowed, explicit, default, accept, expected):
    assert choose_language(allowed, explicit=explicit, default=default, accept=LanguageAccept(accept)) == expected


def test_accept_language_and_fallback_through_the_app(client, make_campaign):
    slug = make_campaign()
    assert Respondent(client, slug).get("privacy", headers={"Accept-Language": "en-US,en;q=0.9"}).lang == "en"
    fresh = Respondent(client.application.test_client(), slug)
    assert fresh.get("privacy", headers={"Accept-Language": "de-DE"}).lang == "fi"


def test_campaign_default_beats_the_browser(client, make_campaign):
    slug = make_campaign(default_language="sv")
    assert Respondent(client, slug).get("privacy", headers={"Accept-Language": "en"}).lang == "sv"


def test_explicit_choice_sticks_across_pages(client, make_campaign):
    respondent = Respondent(client, make_campaign(default_language="sv"))
    assert respondent.start("en").lang == "en"
    respondent.answer({"absence_band": "under_10"})
    assert respondent.follow(respondent.last).lang == "en"


def test_switching_language_mid_page_keeps_the_answers_on_that_page(client, make_campaign, query):
    respondent = Respondent(client, make_campaign())
    first = respondent.start("fi")
    assert first.h1 == "Tausta"
    switched = respondent.answer({"absence_band": "over_20", "reasons": ["illness"]}, action="language:sv")
    assert switched.status == 303
    page = respondent.follow(switched)
    assert page.lang == "sv" and page.h1 == "Bakgrund"
    assert page.checked("absence_band") == ["over_20"]
    assert page.checked("reasons") == ["illness"]
    assert query(lambda s: s.scalars(select(Draft)).one()).answers["absence_band"] == "over_20"


def test_switching_language_with_an_invalid_answer_shows_it_again(client, make_campaign):
    respondent = Respondent(client, make_campaign())
    respondent.start("fi")
    respondent.answer({"absence_band": "over_20"})
    respondent.follow(respondent.last)
    page = respondent.answer({"hours": "paljon"}, action="language:en")
    assert page.status == 422 and page.lang == "en"
    assert page.value("hours") == "paljon"
    assert page.errors() == ["Enter a number, for example 12."]


def test_every_page_without_a_form_links_to_the_other_languages(client, make_campaign):
    respondent = Respondent(client, make_campaign())
    respondent.start("fi")
    respondent.answer({"absence_band": "under_10"})
    respondent.follow(respondent.last)
    review = respondent.follow(respondent.answer({"coop.heard": "1", "coop.informed": "2"}))
    for page in (review, respondent.get("privacy"), respondent.get("resume")):
        links = {a["lang"]: a["href"] for a in page.soup.select(".language-switch a")}
        assert set(links) == {"sv", "en"}, page.h1
    switched = respondent.get(links["sv"])
    assert switched.lang == "sv"
    review = respondent.get("review")
    assert review.lang == "sv" and review.h1 == "Kontrollera dina svar"
