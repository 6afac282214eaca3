"""Oversized input: bodies over MAX_CONTENT_LENGTH get 413, every answer has a length limit,
and many or very long form fields are handled quickly without being stored.

Limits under test (docs/operators.md and docs/questionnaire-format.md): a request body of at
most ``MAX_CONTENT_LENGTH`` bytes (256 KiB), a long text of at most ``MAX_TEXT_LENGTH`` (5,000)
characters or the question's ``max_length``, a short text and an "other" text of 200, a resume
code of 40 characters as typed. The deployment defaults are used, not reduced ones.
"""
from __future__ import annotations

import io
import time

import pytest
from sqlalchemy import select

from surveyapp.models import Draft

from ..respondent import Respondent
from .helpers import no_crash, reach_review, table_counts

BODY_LIMIT = 256 * 1024


def saved_answers(query):
    found = query(lambda s: s.scalars(select(Draft)).all())
    return found[0].answers if found else None


@pytest.mark.parametrize("endpoint", ["page/background", "submit", "start-over", "resume"])
def test_bodies_over_the_limit_get_413_on_every_post(app, respondent, query, endpoint):
    assert app.config["MAX_CONTENT_LENGTH"] == BODY_LIMIT, "the deployment default"
    review = reach_review(respondent)
    before = table_counts(query)
    data = {"csrf_token": review.csrf, "absence_band": "under_10", "action": "next", "code": "x",
            "submit_key": review.value("submit_key"), "filler": "x" * (BODY_LIMIT + 1)}
    response = no_crash(respondent.client, "POST", respondent.url(endpoint), data=data)
    assert response.status_code == 413
    assert table_counts(query) == before


def test_a_streamed_body_without_content_length_is_cut_off(respondent, query):
    page = respondent.start("en")
    body = f"csrf_token={page.csrf}&absence_band=under_10&action=next&filler=".encode() + b"x" * (2 * BODY_LIMIT)
    response = no_crash(
        respondent.client, "POST", respondent.url("page/background"),
        input_stream=io.BytesIO(body), content_type="application/x-www-form-urlencoded",
        environ_overrides={"wsgi.input_terminated": True},
    )
    assert response.status_code == 413
    assert saved_answers(query) is None


def test_multipart_with_too_many_parts_or_files_is_refused(respondent, query):
    page = respondent.start("en")
    data = {"csrf_token": page.csrf, "absence_band": "under_10", "action": "next"}
    many = {**data, **{f"f{i}": "x" for i in range(1500)}}
    response = no_crash(respondent.client, "POST", respondent.url("page/background"), data=many,
                        content_type="multipart/form-data")
    assert response.status_code == 413
    files = {**data, "upload": (io.BytesIO(b"x" * 1000), "evil.html", "text/html")}
    response = no_crash(respondent.client, "POST", respondent.url("page/background"), data=files,
                        content_type="multipart/form-data")
    assert response.status_code == 303, "a file field is ignored"
    assert saved_answers(query) == {"absence_band": "under_10"}


@pytest.mark.parametrize(
    ("field", "limit"),
    [("name_of_school", 200), ("change", 5000), ("bullying_help", 300), ("reasons.other", 200)],
)
def test_every_free_text_has_its_limit(respondent, query, field, limit):
    """At the limit it is stored; one character more is refused, with nothing stored."""
    reach_review(respondent)
    page_of = {"name_of_school": "cooperation", "change": "cooperation", "bullying_help": "details",
               "reasons.other": "background"}[field]
    base = {
        "background": {"absence_band": "over_20", "reasons": ["bullying", "other"], "reasons.other": "x"},
        "details": {"hours": "3"},
        "cooperation": {"coop.heard": "1", "coop.informed": "1"},
    }[page_of]
    respondent.get(f"page/{page_of}")
    before = saved_answers(query)
    page = respondent.answer({**base, field: "ä" * (limit + 1)})
    assert page.status == 422, f"{field}: {limit + 1} characters accepted"
    assert str(limit) in page.errors()[0].replace(",", "").replace("\u00a0", "")
    assert saved_answers(query) == before
    page = respondent.answer({**base, field: "ä" * limit})
    assert page.status == 303
    assert saved_answers(query)[field] == "ä" * limit


def test_characters_are_counted_after_normalisation(respondent, query):
    """200 letters typed as letter + combining accent are 200 characters, not 400."""
    reach_review(respondent)
    respondent.get("page/cooperation")
    page = respondent.answer({"coop.heard": "1", "coop.informed": "1", "name_of_school": "e\u0301" * 200})
    assert page.status == 303
    assert saved_answers(query)["name_of_school"] == "\u00e9" * 200


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("hours", "1" * 100_000),
        ("hours", "9" * 400 + ".5"),
        ("hours", "-" + "0" * 50_000 + "1"),
        ("absence_band", "under_10" * 20_000),
        ("reasons", "illness" * 20_000),
    ],
)
def test_huge_values_in_choice_and_number_fields_are_refused_quickly(respondent, query, field, value):
    reach_review(respondent)
    page_id = "details" if field == "hours" else "background"
    respondent.get(f"page/{page_id}")
    before = saved_answers(query)
    started = time.monotonic()
    base = {"hours": "3"} if field == "hours" else {"absence_band": "over_20"}
    page = respondent.answer({**base, field: value})
    assert time.monotonic() - started < 2
    assert page.status == 422
    assert saved_answers(query) == before


def test_a_long_resume_code_is_cut_to_forty_characters(respondent):
    form = respondent.get("resume?lang=en")
    page = respondent.post("resume", {"code": "A" * 100_000}, csrf=form.csrf)
    assert page.status == 422
    assert len(page.value("code")) == 40


def test_many_form_fields_are_handled_quickly_and_not_stored(respondent, query):
    page = respondent.start("en")
    fields = "&".join(f"f{i}=x" for i in range(25_000))
    body = f"csrf_token={page.csrf}&absence_band=under_10&action=next&{fields}"
    assert len(body) < BODY_LIMIT
    started = time.monotonic()
    response = no_crash(respondent.client, "POST", respondent.url("page/background"), data=body,
                        content_type="application/x-www-form-urlencoded")
    assert time.monotonic() - started < 2
    assert response.status_code == 303
    assert saved_answers(query) == {"absence_band": "under_10"}


def test_repeated_fields_are_not_stored_many_times(respondent, query):
    page = respondent.start("en")
    body = f"csrf_token={page.csrf}&action=next&absence_band=under_10&" + "&".join(["reasons=illness"] * 12_000)
    response = no_crash(respondent.client, "POST", respondent.url("page/background"), data=body,
                        content_type="application/x-www-form-urlencoded")
    assert response.status_code == 303
    assert saved_answers(query) == {"absence_band": "under_10", "reasons": ["illness"]}


def test_very_long_field_names_are_handled_and_not_stored(respondent, query):
    page = respondent.start("en")
    data = {"absence_band": "under_10", "n" * 200_000: "x", "absence_band" + "." * 50_000: "over_20"}
    started = time.monotonic()
    page = respondent.answer(data)
    assert time.monotonic() - started < 2
    assert page.status == 303
    assert saved_answers(query) == {"absence_band": "under_10"}


def test_a_page_shown_again_after_a_lost_session_ignores_unknown_fields(app, slug, query):
    """The CSRF-failure path shows every posted field again: it must not echo unknown ones."""
    respondent = Respondent(app.test_client(), slug)
    respondent.start("en")
    data = {"csrf_token": "", "absence_band": "under_10", "action": "next", "n" * 100_000: "evil-value"}
    response = no_crash(respondent.client, "POST", respondent.url("page/background"), data=data)
    assert response.status_code == 400
    assert b"evil-value" not in response.data and b"n" * 1000 not in response.data
    assert saved_answers(query) is None
