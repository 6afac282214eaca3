"""IDOR: a draft, a resume code, a submit key or a receipt of one campaign or one browser is
never usable from another campaign or another browser.

Drafts are found through the signed session (a draft id per campaign slug) or a resume code;
submissions through a per-draft submit key; receipts are shown once, to the browser that sent
the answers. Each lookup must be scoped to the campaign in the URL and to the session.
"""
from __future__ import annotations

from sqlalchemy import func, select

from surveyapp.models import Draft, Response

from ..respondent import Respondent
from .helpers import reach_review, receipt_of, save_for_later


def drafts(query) -> list[Draft]:
    return query(lambda s: s.scalars(select(Draft)).all())


def responses(query) -> int:
    return query(lambda s: s.scalar(select(func.count()).select_from(Response)))


def test_a_resume_code_works_only_in_its_own_campaign(app, make_campaign, query):
    campaign_a, campaign_b = make_campaign(), make_campaign()
    code = save_for_later(Respondent(app.test_client(), campaign_a))

    other = Respondent(app.test_client(), campaign_b)
    form = other.get("resume?lang=en")
    page = other.post("resume", {"code": code}, csrf=form.csrf)
    assert page.status == 422 and "No saved answers were found" in page.summary()[0]
    assert other.get("review").status == 302, "campaign B's session got no draft"
    [draft] = drafts(query)
    assert draft.answers == {"absence_band": "under_10"}


def test_a_draft_id_of_another_campaign_in_the_session_is_ignored(app, make_campaign, query):
    campaign_a, campaign_b = make_campaign(), make_campaign()
    owner = Respondent(app.test_client(), campaign_a)
    save_for_later(owner)
    [draft_a] = drafts(query)

    attacker_client = app.test_client()
    attacker = Respondent(attacker_client, campaign_b)
    attacker.get("privacy?lang=en")
    with attacker_client.session_transaction() as session:  # as if the cookie were mixed up
        session["drafts"] = {campaign_b: draft_a.id}
    assert attacker.get("review").status == 302
    assert attacker.get("saved").status == 302
    page = attacker.get("page/background")
    assert page.checked("absence_band") == [], "A's answers are not shown on B"
    attacker.answer({"absence_band": "over_20"}, action="save")
    assert query(lambda s: s.get(Draft, draft_a.id).answers) == {"absence_band": "under_10"}, "A's draft unchanged"


def test_another_browser_cannot_read_or_submit_a_draft(app, slug, query):
    owner = Respondent(app.test_client(), slug)
    review = reach_review(owner, name_of_school="Secret school")
    key = review.value("submit_key")

    stranger = Respondent(app.test_client(), slug)
    assert stranger.get("review?lang=en").status == 302
    assert stranger.get("saved").status == 302
    assert stranger.get("thanks").status == 302
    assert "Secret school" not in stranger.get("page/cooperation").html
    form = stranger.get("resume")
    page = stranger.post("submit", {"submit_key": key}, csrf=form.csrf)
    assert page.status == 410, "no draft in this browser: nothing to send"
    assert responses(query) == 0
    [draft] = drafts(query)
    assert draft.answers["name_of_school"] == "Secret school"


def test_the_thanks_page_shows_no_receipt_to_another_browser(app, slug):
    owner = Respondent(app.test_client(), slug)
    review = reach_review(owner)
    thanks = owner.follow(owner.post("submit", {"submit_key": review.value("submit_key")}, csrf=review.csrf))
    assert receipt_of(thanks)

    stranger = Respondent(app.test_client(), slug)
    page = stranger.get("thanks?lang=en")
    assert page.status == 302 and receipt_of(page) is None


def test_a_submit_key_of_another_campaign_reveals_no_receipt(app, make_campaign, query):
    """The submit key of a response in campaign A, posted to campaign B, must not show A's
    receipt code on B's thanks page (nor submit anything)."""
    campaign_a, campaign_b = make_campaign(), make_campaign()
    owner = Respondent(app.test_client(), campaign_a)
    review = reach_review(owner)
    key = review.value("submit_key")
    receipt = receipt_of(owner.follow(owner.post("submit", {"submit_key": key}, csrf=review.csrf)))
    assert receipt

    attacker = Respondent(app.test_client(), campaign_b)
    own_review = reach_review(attacker)  # with a draft of its own on B
    page = attacker.post("submit", {"submit_key": key}, csrf=own_review.csrf)
    shown = attacker.follow(page) if page.location else page
    assert receipt_of(shown) != receipt and receipt not in shown.html, (
        "campaign B showed the receipt code of a response to campaign A"
    )
    assert responses(query) == 1

    fresh = Respondent(app.test_client(), campaign_b)  # and without any draft
    form = fresh.get("resume?lang=en")
    page = fresh.post("submit", {"submit_key": key}, csrf=form.csrf)
    shown = fresh.follow(page) if page.location else page
    assert receipt not in shown.html, "campaign B showed the receipt code of a response to campaign A"


def test_a_submit_key_replayed_from_another_browser_reveals_no_receipt(app, slug, query):
    """The receipt lets its holder have the answers deleted; it is shown once, to the browser
    that sent them. Another browser that got hold of the submit key (it is in the review page's
    HTML) must not be shown the receipt."""
    owner = Respondent(app.test_client(), slug)
    review = reach_review(owner)
    key = review.value("submit_key")
    receipt = receipt_of(owner.follow(owner.post("submit", {"submit_key": key}, csrf=review.csrf)))

    stranger = Respondent(app.test_client(), slug)
    form = stranger.get("resume?lang=en")
    page = stranger.post("submit", {"submit_key": key}, csrf=form.csrf)
    shown = stranger.follow(page) if page.location else page
    assert receipt not in shown.html, "another browser was shown the receipt code"
    assert responses(query) == 1
