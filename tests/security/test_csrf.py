"""CSRF: every POST of the respondent blueprint refuses a missing, wrong or foreign token.

A page on another site must not be able to save, submit, forget or take over a respondent's
answers. Each POST endpoint is tried without a token, with a forged one, with a token that is
well-formed but signed with another key, and with a valid token of another browser's session;
each must be refused (400) and change nothing. GET never changes anything.
"""
from __future__ import annotations

import pytest
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import select

from surveyapp.models import Draft

from ..respondent import Respondent
from .helpers import reach_review, save_for_later, table_counts

ENDPOINTS = ["page", "submit", "start-over", "resume"]


def foreign_token(app) -> str:
    """A token in the right format, signed with a key that is not the app's."""
    return URLSafeTimedSerializer("not the secret key", salt="wtf-csrf-token").dumps("f" * 40)


def bad_tokens(app, other_session_token: str) -> dict[str, str | None]:
    return {
        "missing": None,
        "empty": "",
        "forged": "x" * 40,
        "signed with another key": foreign_token(app),
        "valid for another session": other_session_token,
    }


@pytest.fixture
def victim(app, slug):
    """A respondent half-way: a draft with answers, the review page open, a resume code known."""
    client = app.test_client()
    respondent = Respondent(client, slug)
    code = save_for_later(Respondent(app.test_client(), slug))  # someone else's saved draft
    review = reach_review(respondent)
    return respondent, review, code


def post_without_valid_token(respondent: Respondent, endpoint: str, token, review, code):
    data = {
        "page": {"absence_band": "under_10", "action": "next"},
        "submit": {"submit_key": review.value("submit_key")},
        "start-over": {},
        "resume": {"code": code},
    }[endpoint]
    path = "page/background" if endpoint == "page" else endpoint
    if token is not None:
        data = {**data, "csrf_token": token}
    response = respondent.client.post(respondent.url(path), data=data)
    return response


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("kind", ["missing", "empty", "forged", "signed with another key", "valid for another session"])
def test_post_without_a_valid_token_is_refused_and_changes_nothing(app, slug, query, victim, endpoint, kind):
    respondent, review, code = victim
    other = Respondent(app.test_client(), slug)
    token = bad_tokens(app, other.get("resume?lang=en").csrf)[kind]
    before = table_counts(query)
    answers_before = {d.id: d.answers for d in query(lambda s: s.scalars(select(Draft)).all())}

    response = post_without_valid_token(respondent, endpoint, token, review, code)
    assert response.status_code == 400, f"{endpoint} with a {kind} token: {response.status_code}"

    assert table_counts(query) == before
    assert {d.id: d.answers for d in query(lambda s: s.scalars(select(Draft)).all())} == answers_before
    notice = respondent.get("privacy")
    assert notice.soup.select_one("a.button").get_text(strip=True) == "Continue answering", (
        "the browser still has its own draft (not forgotten, not swapped for another)"
    )
    assert respondent.get("review").status == 200


def test_a_valid_token_is_accepted(victim):
    """The control: the same posts with the page's own token work."""
    respondent, review, _ = victim
    response = respondent.client.post(
        respondent.url("submit"), data={"csrf_token": review.csrf, "submit_key": review.value("submit_key")}
    )
    assert response.status_code == 303


@pytest.mark.parametrize("endpoint", ["submit", "start-over"])
def test_state_changing_endpoints_refuse_get(client, slug, endpoint):
    response = client.get(f"/s/{slug}/{endpoint}")
    assert response.status_code == 405


def test_the_session_cookie_is_not_sent_with_cross_site_posts(client, slug):
    response = client.get(f"/s/{slug}/privacy?lang=en")  # stores the language: sets the cookie
    [session_cookie] = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    attributes = {part.strip().split("=")[0].lower(): part for part in session_cookie.split(";")}
    assert attributes.get("samesite", "").lower().endswith(("lax", "strict"))
    assert "httponly" in attributes
