"""Save and resume: a short code continues the answers on another device until it expires."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from surveyapp.codes import CODE_ALPHABET
from surveyapp.models import Draft

from ..respondent import Respondent


def save_for_later(respondent: Respondent) -> str:
    respondent.start("fi")
    respondent.answer({"absence_band": "over_20", "reasons": ["bullying"]})
    respondent.follow(respondent.last)
    respondent.answer({"hours": "7"}, action="save")
    saved = respondent.follow(respondent.last)
    assert saved.status == 200
    return saved.soup.select_one(".code").get_text(strip=True)


def test_resume_on_a_new_device_with_only_the_code(app, make_campaign):
    slug = make_campaign()
    code = save_for_later(Respondent(app.test_client(), slug))
    assert len(code) == 11 and code[5] == "-"
    assert set(code.replace("-", "")) <= set(CODE_ALPHABET)

    other_device = Respondent(app.test_client(), slug)
    form = other_device.get("resume")
    typed = code.lower().replace("-", " ")  # people type codes loosely
    page = other_device.post("resume", {"code": typed}, csrf=form.csrf)
    assert page.status == 303
    details = other_device.follow(page)
    assert details.value("hours") == "7", "the page saved last is where the respondent continues"
    assert details.value("bullying_help") == ""
    details_back = other_device.answer({"hours": "7"}, action="back")
    first = other_device.follow(details_back)
    assert first.checked("absence_band") == ["over_20"]


def test_wrong_or_malformed_code_is_explained(client, make_campaign):
    respondent = Respondent(client, make_campaign())
    form = respondent.get("resume?lang=en")
    page = respondent.post("resume", {"code": "ABCDE-FGHJK"}, csrf=form.csrf)
    assert page.status == 422
    assert "No saved answers were found" in page.summary()[0]
    assert page.value("code") == "ABCDE-FGHJK"
    page = respondent.post("resume", {"code": "hello"}, csrf=page.csrf)
    assert page.status == 422
    assert "10 letters and numbers" in page.summary()[0]


def test_expired_draft_cannot_be_resumed_and_is_purged(app, make_campaign, query):
    from surveyapp.models import utcnow
    from surveyapp.survey.drafts import purge_expired_drafts

    slug = make_campaign()
    code = save_for_later(Respondent(app.test_client(), slug))

    def expire(session):
        session.scalars(select(Draft)).one().expires_at = utcnow() - dt.timedelta(seconds=1)
        session.commit()

    query(expire)
    other = Respondent(app.test_client(), slug)
    form = other.get("resume")
    assert other.post("resume", {"code": code}, csrf=form.csrf).status == 422
    assert query(lambda s: purge_expired_drafts(s, utcnow())) == 1
    assert query(lambda s: s.scalars(select(Draft)).all()) == []


def test_drafts_expire_after_the_configured_time(app, make_campaign, query):
    app.config["DRAFT_TTL_DAYS"] = 3
    slug = make_campaign()
    save_for_later(Respondent(app.test_client(), slug))
    draft = query(lambda s: s.scalars(select(Draft)).one())
    from surveyapp.models import utcnow

    remaining = draft.expires_at - utcnow()
    assert dt.timedelta(days=2, hours=23) < remaining <= dt.timedelta(days=3)


def test_guessing_codes_is_rate_limited(app, client, make_campaign):
    app.config["RESUME_RATE_LIMIT"] = "5 per minute"
    respondent = Respondent(client, make_campaign())
    form = respondent.get("resume?lang=en")
    statuses = [respondent.post("resume", {"code": "ABCDE-FGHJK"}, csrf=form.csrf).status for _ in range(7)]
    assert statuses[:5] == [422] * 5 and statuses[-1] == 429
    assert respondent.last.h1 == "Too many attempts"
