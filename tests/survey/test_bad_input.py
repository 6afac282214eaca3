"""Bad input gets a clear, translated error next to the question, and nothing of the page is stored."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from surveyapp.models import Campaign, Draft

from ..respondent import Respondent


@pytest.fixture
def respondent(client, make_campaign):
    return Respondent(client, make_campaign())


def saved_answers(query):
    drafts = query(lambda s: s.scalars(select(Draft)).all())
    return drafts[0].answers if drafts else None


def test_missing_required_answer(respondent, query):
    respondent.start("en")
    page = respondent.answer({"reasons": ["illness"]})
    assert page.status == 422
    assert page.errors() == ["Answer this question."]
    assert page.summary() == ["How much absence? Answer this question."]
    assert page.soup.select_one(".error-summary a")["href"] == "#f-absence_band"
    assert page.soup.find(id="f-absence_band") is not None, "the summary links to the first radio"
    assert page.soup.title.get_text().startswith("Error:")
    assert page.checked("reasons") == ["illness"], "what was given is shown again"
    assert saved_answers(query) is None, "nothing is stored from a page with errors"


def test_choice_that_is_not_offered(respondent, query):
    respondent.start("en")
    page = respondent.answer({"absence_band": "over_9000"})
    assert page.status == 422
    assert page.errors() == ["Choose one of the options shown."]
    assert saved_answers(query) is None


def test_too_many_choices_and_unspecified_other(respondent):
    respondent.start("en")
    page = respondent.answer({"absence_band": "under_10", "reasons": ["illness", "bullying", "other"]})
    assert page.errors() == ["Choose at most 2 options."]
    page = respondent.answer({"absence_band": "under_10", "reasons": ["other"]})
    assert page.errors() == ["Tell us what you mean by “other”."]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("many", "Enter a number, for example 12."),
        ("12,5", "Enter a whole number, without decimals."),
        ("501", "Enter a number from 0 to 500."),
        ("-1", "Enter a number from 0 to 500."),
        ("1e3", "Enter a number, for example 12."),
    ],
)
def test_number_errors(respondent, query, typed, message):
    respondent.start("en")
    respondent.answer({"absence_band": "over_20"})
    respondent.follow(respondent.last)
    before = saved_answers(query)
    page = respondent.answer({"hours": typed})
    assert page.status == 422
    assert page.errors() == [message]
    assert page.value("hours") == typed, "the typed value is kept for correcting"
    assert saved_answers(query) == before


def test_text_over_the_limit_in_finnish(respondent, query):
    respondent.start("fi")
    respondent.answer({"absence_band": "over_20", "reasons": ["bullying"]})
    respondent.follow(respondent.last)
    text = "ä" * 301  # the question allows 300 characters
    page = respondent.answer({"hours": "3", "bullying_help": text})
    assert page.status == 422
    assert page.lang == "fi"
    [message] = page.errors()
    assert "300" in message and "301" in message
    assert "Shorten" not in message, "the error is in the respondent's language"
    assert page.value("bullying_help") == text
    assert "hours" not in saved_answers(query)


def test_deployment_text_limit_applies_to_long_text(app, client, make_campaign):
    app.config["MAX_TEXT_LENGTH"] = 50
    respondent = Respondent(client, make_campaign())
    respondent.start("en")
    respondent.answer({"absence_band": "under_10"})
    respondent.follow(respondent.last)
    page = respondent.answer({"coop.heard": "1", "coop.informed": "1", "change": "x" * 51})
    assert page.errors() == ["Shorten your answer to 50 characters or fewer. It now has 51."]


def test_request_body_over_the_limit_gets_413(app, respondent):
    app.config["MAX_CONTENT_LENGTH"] = 10_000
    respondent.start("en")
    page = respondent.answer({"absence_band": "under_10", "filler": "x" * 20_000})
    assert page.status == 413
    assert "Too much text was sent" in page.h1


def test_missing_csrf_token_is_refused_and_stores_nothing(client, make_campaign, query):
    respondent = Respondent(client, make_campaign())
    respondent.start("en")
    page = respondent.post("page/background", {"absence_band": "under_10", "action": "next"}, csrf="")
    assert page.status == 400
    assert page.checked("absence_band") == ["under_10"], "the page is shown again with the answer"
    assert saved_answers(query) is None


def test_unknown_campaign_is_a_friendly_404(client):
    page = Respondent(client, "no-such-campaign").get("", headers={"Accept-Language": "sv"})
    assert page.status == 404
    assert page.lang == "sv"
    assert page.h1 and page.h1 != "Page not found"


@pytest.mark.parametrize(
    ("fields", "status", "heading"),
    [
        ({"status": "closed"}, 410, "This survey has closed"),
        ({"closes_on": dt.date.today() - dt.timedelta(days=1)}, 410, "This survey has closed"),
        ({"status": "paused"}, 403, "This survey is paused"),
        ({"opens_on": dt.date.today() + dt.timedelta(days=3)}, 403, "This survey is not open yet"),
    ],
)
def test_campaign_that_is_not_open(client, make_campaign, fields, status, heading):
    respondent = Respondent(client, make_campaign(**fields))
    for path in ("", "privacy", "page/background", "review"):
        page = respondent.get(path + ("?lang=en" if "?" not in path else ""))
        assert page.status == status, path
        assert page.h1 == heading


def test_closed_campaign_refuses_a_submission(client, make_campaign, query):
    slug = make_campaign()
    respondent = Respondent(client, slug)
    respondent.start("en")
    respondent.answer({"absence_band": "under_10"})
    review_csrf = respondent.last and respondent.follow(respondent.last).csrf

    def close(session):
        session.scalars(select(Campaign)).one().status = "closed"
        session.commit()

    query(close)
    page = respondent.post("submit", {"submit_key": "whatever"}, csrf=review_csrf)
    assert page.status == 410


def test_over_https_posts_from_the_same_site_pass_and_others_fail(client, make_campaign, query):
    respondent = Respondent(client, make_campaign())
    page = respondent.start("en")
    assert page.soup.find("meta", attrs={"name": "referrer"})["content"] == "same-origin"
    url = f"https://survey.test/s/{respondent.slug}/page/background"
    data = {"csrf_token": page.csrf, "absence_band": "under_10", "action": "next"}
    foreign = client.post(url, data=data, headers={"Referer": "https://evil.example/"})
    assert foreign.status_code == 400
    same = client.post(url, data=data, headers={"Referer": url})
    assert same.status_code == 303
    assert saved_answers(query) == {"absence_band": "under_10"}


def test_back_with_an_invalid_value_shows_the_error_instead_of_dropping_it(respondent, query):
    respondent.start("en")
    respondent.answer({"absence_band": "over_20"})
    respondent.follow(respondent.last)
    page = respondent.answer({"hours": "many"}, action="back")
    assert page.status == 422 and page.errors() == ["Enter a number, for example 12."]
    assert page.value("hours") == "many"
    page = respondent.answer({"hours": "x" * 3}, action="save")
    assert page.status == 422


def test_other_errors_get_a_friendly_translated_page(app, client):
    from werkzeug.exceptions import Forbidden

    @app.get("/forbidden-for-test")
    def forbidden():
        raise Forbidden()

    response = client.get("/forbidden-for-test", headers={"Accept-Language": "fi"})
    assert response.status_code == 403
    page = Respondent(client, "x").get("/forbidden-for-test", headers={"Accept-Language": "fi"})
    assert page.lang == "fi" and page.h1 and "Forbidden" not in page.html


def test_csrf_failure_on_a_closed_campaign_shows_that_it_is_closed(client, make_campaign):
    respondent = Respondent(client, make_campaign(status="closed"))
    page = respondent.post("page/background", {"absence_band": "under_10", "action": "next"}, csrf="")
    assert page.status == 410
