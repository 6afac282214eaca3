"""SQL injection: every parameter a respondent controls is data, never SQL.

The slug, the page id, the resume code, form field names and values, ``lang`` (query and
language buttons), ``check`` and the submit key are sent with classic injection strings, a NUL
byte among them (PostgreSQL refuses NUL in text: a lookup that passes one through crashes).
The app must answer with its normal statuses (404, 410, 422, ...), never a server error; the
database must be unchanged by lookups; an answer that is stored must be stored verbatim.
"""
from __future__ import annotations

import time
from urllib.parse import quote

import pytest
from sqlalchemy import select

from surveyapp.models import Draft

from ..respondent import Respondent
from .helpers import SQL_PAYLOADS, no_crash, table_counts

NORMAL = {200, 302, 303, 400, 404, 405, 410, 413, 422, 429}


def token(client, slug: str) -> str:
    return Respondent(client, slug).get("resume?lang=en").csrf


@pytest.mark.parametrize("payload", SQL_PAYLOADS)
def test_lookups_with_injection_strings(client, slug, query, payload):
    respondent = Respondent(client, slug)
    respondent.start("en")
    respondent.answer({"absence_band": "under_10"}, action="save")  # a draft exists to be attacked
    before = table_counts(query)
    csrf = token(client, slug)
    quoted = quote(payload, safe="")
    started = time.monotonic()
    requests = [
        ("GET", f"/s/{quoted}/"),
        ("GET", f"/s/{quoted}/privacy"),
        ("GET", f"/s/{slug}/page/{quoted}"),
        ("GET", f"/s/{slug}/privacy?lang={quoted}"),
        ("GET", f"/s/{slug}/page/background?lang={quoted}&check={quoted}"),
        ("GET", f"/s/{slug}/review?lang={quoted}"),
    ]
    for method, url in requests:
        response = no_crash(client, method, url)
        assert response.status_code in NORMAL, (url, response.status_code)
    posts = [
        (f"/s/{quoted}/resume", {"csrf_token": csrf, "code": payload}),
        (f"/s/{slug}/resume", {"csrf_token": csrf, "code": payload}),
        (f"/s/{slug}/resume", {"csrf_token": csrf, "code": payload * 3}),
        (f"/s/{slug}/submit", {"csrf_token": csrf, "submit_key": payload}),
        (f"/s/{slug}/submit", {"csrf_token": csrf, "submit_key": payload * 40}),
        (f"/s/{slug}/page/{quoted}", {"csrf_token": csrf, "absence_band": "under_10", "action": "save"}),
        (f"/s/{slug}/page/background", {"csrf_token": csrf, "absence_band": payload, "action": "next"}),
        (f"/s/{slug}/page/background", {"csrf_token": csrf, "absence_band": "x", "action": f"language:{payload}"}),
        (f"/s/{slug}/page/background", {"csrf_token": payload, "absence_band": "under_10"}),
    ]
    for url, data in posts:
        response = no_crash(client, "POST", url, data=data)
        assert response.status_code in NORMAL, (url, data, response.status_code)
    assert time.monotonic() - started < 5, "no request waited on an injected sleep"
    assert table_counts(query) == before, "lookups changed the database"


@pytest.mark.parametrize("payload", SQL_PAYLOADS)
def test_form_field_names_and_values_are_data(client, slug, query, payload):
    respondent = Respondent(client, slug)
    respondent.start("en")
    before = table_counts(query)
    page = respondent.answer({"absence_band": "under_10", payload: payload, f"reasons{payload}": "illness"})
    assert page.status == 303, "unknown fields are ignored"
    respondent.follow(page)
    page = respondent.answer(
        {"coop.heard": "1", "coop.informed": "1", "name_of_school": payload, "change": payload, "overall": payload}
    )
    assert page.status == 422, "a choice outside the scale is refused"
    page = respondent.answer({"coop.heard": "1", "coop.informed": "1", "name_of_school": payload, "change": payload})
    assert page.status == 303
    from surveyapp.survey.answers import clean_text

    [draft] = query(lambda s: s.scalars(select(Draft)).all())
    expected = {"absence_band": "under_10", "coop.heard": 1, "coop.informed": 1}
    if clean_text(payload):
        expected.update(name_of_school=clean_text(payload), change=clean_text(payload))
    assert draft.answers == expected, "stored verbatim (normalised), and nothing else"
    after = table_counts(query)
    unchanged = {name: count for name, count in before.items() if name not in ("drafts", "funnel_counts")}
    assert {name: after[name] for name in unchanged} == unchanged
    assert after["drafts"] == before["drafts"] + 1


@pytest.mark.parametrize("where", ["slug", "slug suffix", "submit key", "resume code", "page id", "lang"])
def test_nul_bytes_in_lookups_are_not_a_server_error(client, slug, where):
    """Separately from the list above, so that a failure names the parameter: PostgreSQL
    refuses NUL in text, so a value passed to a query as it is crashes the request there."""
    csrf = token(client, slug)
    request = {
        "slug": ("GET", "/s/%00/", None),
        "slug suffix": ("GET", f"/s/{slug}%00/privacy", None),
        "submit key": ("POST", f"/s/{slug}/submit", {"csrf_token": csrf, "submit_key": "\x00"}),
        "resume code": ("POST", f"/s/{slug}/resume", {"csrf_token": csrf, "code": "ABCDE\x0023456"}),
        "page id": ("GET", f"/s/{slug}/page/background%00", None),
        "lang": ("GET", f"/s/{slug}/privacy?lang=en%00", None),
    }[where]
    method, url, data = request
    no_crash(client, method, url, data=data)
