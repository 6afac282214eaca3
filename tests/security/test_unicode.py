"""Unicode edge cases in answers: stored as normalised text or refused cleanly, never a 500.

Bidi overrides (U+202E can make "txt.exe" read "exe.txt"), zero-width characters (which Persian
needs: U+200C is part of its spelling, so they are kept), NUL and other control characters
(removed: PostgreSQL cannot store NUL; C1 controls such as U+009B, the 8-bit terminal
escape, and U+0085, a line break, too), invalid UTF-8 (no lone surrogate may reach the
database: PostgreSQL's JSON refuses them), and CR/LF (stored as a line feed, never reaching a
header or a log line).
"""
from __future__ import annotations

import logging
import unicodedata

import pytest
from sqlalchemy import select

from surveyapp.models import Draft
from surveyapp.survey.answers import clean_text

from .helpers import assert_no_injected_markup, no_crash, reach_review

CASES = {
    "rtl override": "invoice\u202etxt.exe",
    "bidi isolates and marks": "\u2067\u05e9\u05dc\u05d5\u05dd\u2069 \u200fa\u200e",
    "zero-width": "a\u200bb\u200cc\u200dd\ufeffe\u2060f",
    "persian with zwnj": "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
    "nul": "before\x00after",
    "c0 controls": "a\x01\x02\x07\x08\x0b\x0c\x1b[31mred\x1b[0m\x7f",
    "crlf": "line one\r\nline two\rline three\n",
    "header injection": "x\r\nSet-Cookie: injected=1\r\n\r\n<script>alert(1)</script>",
    "combining": "e\u0301 A\u030a \u1100\u1161",
    "non-characters": "\ufffe\uffff\U0010ffff",
    "emoji and astral": "\U0001f469\u200d\U0001f467 \U0001d54f",
    "line separators": "a\u2028b\u2029c\x85d",
    "c1 controls": "a\x85b\x9b31mred\x9b0m\x90c",
    "control inside a letter": "e\x00\u0301 a\x1b\u030a",
}


def stored(query) -> dict:
    [draft] = query(lambda s: s.scalars(select(Draft)).all())
    return draft.answers


@pytest.mark.parametrize("name", list(CASES))
def test_text_answers_are_stored_normalised(respondent, query, name):
    text = CASES[name]
    review = reach_review(respondent, other=text, name_of_school=text, change=text, bullying_help=text)
    assert_no_injected_markup(review.html, name)
    answers = stored(query)
    expected = clean_text(text)  # what the app means to store; checked against its promises below
    for key in ("reasons.other", "name_of_school", "change", "bullying_help"):
        value = answers.get(key)
        if not expected:
            continue
        assert value == expected, (key, value)
        assert "\x00" not in value and "\r" not in value
        controls = [ch for ch in value if unicodedata.category(ch) == "Cc" and ch not in "\n\t"]
        assert not controls, f"{key}: control characters stored: {controls!r}"
        assert unicodedata.is_normalized("NFC", value), f"{key}: not NFC: {value!r}"
        value.encode("utf-8")  # no lone surrogate
    if name == "persian with zwnj":
        assert "\u200c" in answers["name_of_school"], "Persian spelling keeps its zero-width non-joiner"


@pytest.mark.parametrize(
    "raw",
    [b"\xff\xfe", b"\xed\xa0\x80", b"\xc0\xae", b"\xf4\x90\x80\x80", b"%ED%A0%80", b"%FF%FE", b"%C0%AE", b"%00"],
    ids=["ff-fe", "surrogate", "overlong", "beyond-unicode", "pct-surrogate", "pct-ff", "pct-overlong", "pct-nul"],
)
def test_invalid_utf8_in_a_form_is_refused_or_replaced(respondent, query, raw):
    page = respondent.start("en")
    body = f"csrf_token={page.csrf}&action=save&absence_band=under_10&reasons=other&reasons.other=x".encode() + raw
    response = no_crash(respondent.client, "POST", respondent.url("page/background"), data=body,
                        content_type="application/x-www-form-urlencoded")
    assert response.status_code in (303, 400, 422)
    drafts = query(lambda s: s.scalars(select(Draft)).all())
    for draft in drafts:
        for value in draft.answers.values():
            for text in value if isinstance(value, list) else [value]:
                if isinstance(text, str):
                    text.encode("utf-8")  # strict: raises on a lone surrogate
                    assert "\x00" not in text


@pytest.mark.parametrize(
    "url",
    ["/s/%FF%FE/", "/s/{slug}/page/%ED%A0%80", "/s/{slug}/privacy?lang=%ED%A0%80", "/s/{slug}/privacy?lang=%FF",
     "/s/{slug}/page/background?check=%C0%AE"],
)
def test_invalid_utf8_in_the_url_is_not_a_server_error(client, slug, url):
    response = no_crash(client, "GET", url.format(slug=slug))
    assert response.status_code in (200, 302, 404)


@pytest.mark.parametrize("charset", ["latin-1", "utf-7", "utf-16", "bogus", "utf-8; boundary=x"])
def test_a_strange_charset_parameter_is_not_a_server_error(respondent, charset):
    page = respondent.start("en")
    body = f"csrf_token={page.csrf}&action=save&absence_band=under_10&reasons.other=%E4%00".encode()
    response = no_crash(respondent.client, "POST", respondent.url("page/background"), data=body,
                        content_type=f"application/x-www-form-urlencoded; charset={charset}")
    assert response.status_code in (303, 400, 422)


@pytest.mark.parametrize(
    "injected",
    ["en\r\nSet-Cookie: injected=1", "en%0d%0aSet-Cookie:%20injected=1", "en\nLocation: //evil.example",
     "\u560d\u560aSet-Cookie: injected=1"],
)
def test_crlf_in_parameters_never_reaches_a_header(respondent, injected, caplog):
    caplog.set_level(logging.DEBUG)
    page = respondent.start("en")
    responses = [
        respondent.client.post(respondent.url("page/background"),
                               data={"csrf_token": page.csrf, "absence_band": "under_10",
                                     "action": f"language:{injected}"}),
        respondent.client.get(respondent.url(f"privacy?lang={injected}")),
        respondent.client.post(respondent.url("page/background"),
                               data={"csrf_token": page.csrf, "absence_band": "under_10", "action": "save",
                                     "reasons": "other", "reasons.other": injected}),
        respondent.client.post(respondent.url("resume"), data={"csrf_token": page.csrf, "code": injected}),
    ]
    for response in responses:
        assert response.status_code < 500
        for name, value in response.headers.items():
            assert "\r" not in value and "\n" not in value, (name, value)
            assert "injected" not in value and "evil.example" not in value, (name, value)
        assert "injected" not in [name.lower() for name in response.headers.keys()]
    for record in caplog.records:
        message = record.getMessage()
        assert "Set-Cookie: injected" not in message and "\r\n" not in message, message


def test_stored_text_has_unix_newlines_only(respondent, query):
    reach_review(respondent, change="one\r\ntwo\rthree\n\n\nfour")
    assert stored(query)["change"] == "one\ntwo\nthree\n\n\nfour"
