"""Shared helpers of the security tests: payloads, HTML checks, crash detection, table counts."""
from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from ..conftest import DATA
from ..respondent import Respondent

# Classic stored-XSS payloads. Each must come out of the app as text, never as markup.
XSS_PAYLOADS = [
    '<script>alert("xss-script")</script>',
    '"><img src=x onerror=alert("xss-img")>',
    "'><svg onload=alert('xss-svg')>",
    "javascript:alert('xss-url')",
    '<a href="javascript:alert(1)">xss-link</a>',
    "</textarea><script>alert('xss-textarea')</script>",
    "</title><iframe srcdoc='<script>alert(1)</script>'></iframe>",
    "<xss-probe onmouseover=alert(1)>xss-probe</xss-probe>",
    "{{ 7*7 }} {{ config }} {% raw %}%(max)s %s",
]

FORBIDDEN_TAGS = {
    "script", "img", "svg", "iframe", "frame", "object", "embed", "math", "style", "base",
    "video", "audio", "xss-probe", "marquee", "applet", "meta-refresh",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "srcdoc"}

SQL_PAYLOADS = [
    "' OR '1'='1",
    "'; DROP TABLE responses; --",
    '" OR 1=1 --',
    "1; SELECT pg_sleep(5) --",
    "') UNION SELECT id, resume_code FROM drafts --",
    "' || (SELECT resume_code FROM drafts LIMIT 1) || '",
    "%",
    "_",
    "\\",
    "admin'--",
    "1' AND SLEEP(5)#",
    "\x00",
    "a\x00' OR 1=1 --",
]


def assert_no_injected_markup(html: str, where: str = "") -> BeautifulSoup:
    """No element or attribute that a payload could have injected; returns the parsed page."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        assert tag.name not in FORBIDDEN_TAGS, f"{where}: injected <{tag.name}> element: {tag}"
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), f"{where}: injected event handler {name}= on <{tag.name}>"
            if name.lower() in URL_ATTRIBUTES:
                text = "".join(value if isinstance(value, list) else [value])
                compact = "".join(ch for ch in text if not ch.isspace() and ord(ch) >= 32).lower()
                assert not compact.startswith(("javascript:", "data:text/html", "vbscript:")), (
                    f"{where}: a {name}= with a script URL on <{tag.name}>: {value!r}"
                )
    assert "SECRET_KEY" not in html and "test secret key" not in html, f"{where}: the config was rendered"
    return soup


def shown_as_text(soup: BeautifulSoup, payload: str) -> bool:
    """The payload appears literally, as text or as an attribute value (escaped in the HTML)."""
    if payload in soup.get_text():
        return True
    for tag in soup.find_all(True):
        for value in tag.attrs.values():
            if payload in ("".join(value) if isinstance(value, list) else str(value)):
                return True
    return False


def no_crash(client, method: str, url: str, **kwargs):
    """Make a request; a crash (a 500 in production) fails the test with the exception."""
    try:
        response = client.open(url, method=method, **kwargs)
    except Exception as exc:  # noqa: BLE001 - TESTING propagates what would be a 500
        pytest.fail(f"{method} {url!r} crashed the app (a 500 in production): {type(exc).__name__}: {exc}")
    assert response.status_code < 500, f"{method} {url!r} answered {response.status_code}"
    return response


def table_counts(query) -> dict[str, int]:
    """Rows in every table of the schema (whatever tables it has by now)."""
    from surveyapp.models import Base

    def count(session):
        return {
            table.name: session.execute(select(func.count()).select_from(table)).scalar_one()
            for table in Base.metadata.sorted_tables
        }

    return query(count)


def is_local_location(location: str | None, own_hosts: tuple[str, ...] = ("survey.test", "localhost")) -> bool:
    """A redirect that stays on this site: a path, or an absolute URL to our own host."""
    if location is None:
        return True
    if any(ch in location for ch in "\r\n\t"):
        return False
    parts = urlsplit(location)
    if parts.scheme not in ("", "http", "https"):
        return False
    if parts.netloc:
        return parts.hostname in own_hosts
    return location.startswith("/") and not location.startswith(("//", "/\\"))


# -- questionnaires ------------------------------------------------------------------------
def small_definition() -> dict[str, Any]:
    return yaml.safe_load((DATA / "small.yaml").read_text(encoding="utf-8"))


def is_text(node: Any) -> bool:
    return (
        isinstance(node, dict)
        and node
        and {"fi", "sv", "en"} <= set(node)
        and all(isinstance(v, str) for v in node.values())
    )


def texts_of(node: Any) -> Iterator[dict[str, str]]:
    """Every text mapping (language -> string) in a definition."""
    if is_text(node):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from texts_of(value)
    elif isinstance(node, list):
        for value in node:
            yield from texts_of(value)


def with_every_text(definition: dict[str, Any], change: Callable[[str], str]) -> dict[str, Any]:
    """A copy in which every text of every language is ``change(text)``; adds the optional
    texts (page intro, privacy contact) so that every kind of text field is present."""
    result = copy.deepcopy(definition)
    result["privacy_notice"]["contact"] = {"fi": "Yhteys", "sv": "Kontakt", "en": "Contact"}
    result["pages"][0]["intro"] = {"fi": "Johdanto", "sv": "Inledning", "en": "Introduction"}
    for text in texts_of(result):
        for language in list(text):
            text[language] = change(text[language])
    return result


def write_questionnaire(path: Path, definition: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(definition, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# -- a respondent's way through small.yaml -------------------------------------------------
def reach_review(respondent: Respondent, language: str = "en", **texts: str):
    """Answer every page of small.yaml (with the given free texts) and open the review page."""
    respondent.start(language)
    page = respondent.answer(
        {"absence_band": "over_20", "reasons": ["bullying", "other"], "reasons.other": texts.get("other", "Sports")}
    )
    assert page.status == 303, page.status
    respondent.follow(page)
    page = respondent.answer({"hours": "3", "bullying_help": texts.get("bullying_help", "Talk")})
    assert page.status == 303, page.status
    respondent.follow(page)
    page = respondent.answer(
        {
            "overall": "dont_know",
            "coop.heard": "1",
            "coop.informed": "2",
            "name_of_school": texts.get("name_of_school", "Kilo school"),
            "change": texts.get("change", "Quicker replies."),
        }
    )
    assert page.status == 303, page.status
    review = respondent.follow(page)
    assert review.status == 200, review.status
    return review


def save_for_later(respondent: Respondent) -> str:
    """Answer the first page, save, and return the resume code shown."""
    respondent.start("en")
    page = respondent.answer({"absence_band": "under_10"}, action="save")
    assert page.status == 303, page.status
    saved = respondent.follow(page)
    return saved.soup.select_one(".code").get_text(strip=True)


def receipt_of(page) -> str | None:
    code = page.soup.select_one(".code")
    return code.get_text(strip=True) if code is not None else None


# Python code for a child process: its own peak resident memory in kB. ``ru_maxrss`` is no
# good there: Linux keeps the parent's high-water mark across fork and exec, VmHWM starts anew.
PEAK_MEMORY_CODE = '''
def peak_kb():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
'''
