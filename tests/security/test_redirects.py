"""Open redirects and Host-header poisoning: every link and redirect stays on this site.

Open redirect. No respondent endpoint takes a redirect target from the request: ``next``,
``lang``, crafted page ids, language buttons and ``//evil.example`` paths are tried on every
endpoint; every ``Location`` must be a path on this site (or an absolute URL to our own host).

Host header. Flask builds relative ``Location`` headers and the templates relative links, so
an attacker's ``Host`` or ``X-Forwarded-Host`` does not reach them. Werkzeug's routing
redirects are the exception: the "add the trailing slash" redirect (``/s/<slug>`` ->
``/s/<slug>/``) and the "merge slashes" redirect are absolute URLs built from the request's
Host header unless ``SERVER_NAME`` is set. The links that ``verkosto campaign create`` and
``verkosto demo`` print have no trailing slash, so every respondent's first request takes that
redirect.

Deployments: set ``VERKOSTO_SERVER_NAME`` to the public host name (e.g.
``kysely.example.fi``), or ``VERKOSTO_TRUSTED_HOSTS='["kysely.example.fi"]'`` (Flask 3.1 and
later answer any other Host with 400), and have the reverse proxy pass only its own
``server_name`` as Host. ProxyFix is not used, so ``X-Forwarded-*`` headers are ignored; if it
is ever added, trust exactly one proxy hop.
"""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from ..respondent import Respondent
from .helpers import is_local_location, no_crash, reach_review

EVIL = "evil.example"
TARGETS = [
    "//evil.example",
    "https://evil.example/",
    "http://evil.example@survey.test",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "%2F%2Fevil.example",
    "https:evil.example",
]


def every_request(slug: str, target: str, csrf: str, submit_key: str) -> list[tuple[str, str, dict | None]]:
    """Every respondent endpoint with the target in every parameter that could carry one."""
    q = f"next={target}&lang={target}&return_to={target}&url={target}&redirect={target}"
    base = f"/s/{slug}"
    return [
        ("GET", f"{base}?{q}", None),
        ("GET", f"{base}/?{q}", None),
        ("GET", f"{base}/privacy?{q}", None),
        ("GET", f"{base}/page/background?{q}&check=1", None),
        ("GET", f"{base}/page/details?{q}", None),  # hidden: redirects to the next page
        ("GET", f"{base}/page/{target.replace('/', '%2F')}?{q}", None),
        ("GET", f"{base}/review?{q}", None),
        ("GET", f"{base}/saved?{q}", None),
        ("GET", f"{base}/thanks?{q}", None),
        ("GET", f"{base}/resume?{q}", None),
        ("GET", f"{base}//{target.lstrip('/')}", None),
        ("GET", f"/s//{slug}/privacy?{q}", None),
        ("POST", f"{base}/page/cooperation?{q}",
         {"csrf_token": csrf, "action": "save", "next": target, "coop.heard": "1"}),
        ("POST", f"{base}/page/cooperation?{q}",
         {"csrf_token": csrf, "action": f"language:{target}", "next": target}),
        ("POST", f"{base}/page/cooperation?{q}", {"csrf_token": csrf, "action": "back", "next": target}),
        ("POST", f"{base}/resume?{q}", {"csrf_token": csrf, "code": target, "next": target}),
        ("POST", f"{base}/submit?{q}", {"csrf_token": csrf, "submit_key": "0" * 32, "next": target}),
        ("POST", f"{base}/start-over?{q}", {"csrf_token": csrf, "next": target}),
        ("POST", f"{base}/submit?{q}", {"csrf_token": csrf, "submit_key": submit_key, "next": target}),
        ("GET", f"{base}/thanks?{q}", None),
    ]


@pytest.mark.parametrize("target", TARGETS)
def test_no_endpoint_redirects_off_site(client, slug, target):
    respondent = Respondent(client, slug)
    review = reach_review(respondent)
    for method, url, data in every_request(slug, target, review.csrf, review.value("submit_key")):
        response = client.open(url, method=method, data=data)
        assert response.status_code < 500, (method, url, response.status_code)
        location = response.headers.get("Location")
        assert is_local_location(location), f"{method} {url} redirects to {location!r}"


def test_a_single_language_campaign_start_redirect_stays_local(client, make_campaign):
    slug = make_campaign(languages=["en"])
    response = client.get(f"/s/{slug}/?next=//evil.example&lang=//evil.example")
    assert response.status_code == 302
    assert is_local_location(response.headers["Location"])


def links_and_locations(response) -> list[str]:
    found = [response.headers.get("Location") or ""]
    found += [v for k, v in response.headers.items() if k.lower() in ("content-location", "refresh", "link")]
    if response.mimetype == "text/html":
        soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
        for tag in soup.find_all(True):
            for name in ("href", "src", "action", "formaction", "content"):
                if tag.has_attr(name):
                    found.append(str(tag[name]))
    return found


HOSTILE_HEADERS = [
    {"Host": EVIL},
    {"X-Forwarded-Host": EVIL},
    {"Forwarded": f"host={EVIL};proto=https"},
    {"X-Forwarded-Host": EVIL, "X-Forwarded-Proto": "https", "X-Original-URL": f"//{EVIL}/"},
    {"X-Host": EVIL, "X-Forwarded-Server": EVIL},
]


@pytest.fixture
def default_deployment(app):
    """The app as deployed with the defaults: no SERVER_NAME, no trusted hosts."""
    app.config["SERVER_NAME"] = None
    return app


@pytest.mark.parametrize("headers", HOSTILE_HEADERS, ids=lambda h: ",".join(h))
def test_links_and_redirects_never_carry_an_attacker_host(default_deployment, make_campaign, headers):
    slug = make_campaign()
    client = default_deployment.test_client()
    host = headers.get("Host", "localhost")

    def request(method, path, data=None):
        response = client.open(path, method=method, data=data, headers=headers, base_url=f"http://{host}")
        for value in links_and_locations(response):
            assert EVIL not in value, f"{method} {path} with {headers}: {value!r}"
        return response

    first = request("GET", f"/s/{slug}")  # the link as `verkosto campaign create` prints it
    assert first.status_code in (200, 301, 302, 308)
    request("GET", f"//s/{slug}/")  # merge-slashes redirect
    request("GET", f"/s/{slug}/")
    notice = request("GET", f"/s/{slug}/privacy?lang=en")
    start = BeautifulSoup(notice.get_data(as_text=True), "html.parser").select_one("a.button")["href"]
    page = request("GET", start)
    csrf = BeautifulSoup(page.get_data(as_text=True), "html.parser").find("input", attrs={"name": "csrf_token"})["value"]
    request("POST", start, {"csrf_token": csrf, "absence_band": "under_10", "action": "save"})
    request("GET", f"/s/{slug}/saved")
    request("POST", start, {"csrf_token": csrf, "absence_band": "under_10", "action": "next"})
    request("GET", f"/s/{slug}/review")
    request("GET", f"/s/{slug}/page/details")
    request("GET", f"/s/{slug}/resume")
    request("GET", f"/s/{slug}/thanks")
    request("GET", f"/s/{slug}/nowhere")
    request("GET", "/")


def test_with_trusted_hosts_an_unknown_host_is_refused(default_deployment, make_campaign):
    """The deployment setting that closes the hole: any other Host gets 400."""
    default_deployment.config["TRUSTED_HOSTS"] = ["survey.test"]
    slug = make_campaign()
    client = default_deployment.test_client()
    response = no_crash(client, "GET", f"/s/{slug}", headers={"Host": EVIL})
    assert response.status_code == 400
    assert EVIL not in (response.headers.get("Location") or "")
    ours = client.get(f"/s/{slug}", headers={"Host": "survey.test"})
    assert ours.status_code in (200, 308)


def test_with_server_name_set_redirects_name_our_host(app, make_campaign):
    """The other deployment setting: routing redirects then name the configured host."""
    assert app.config["SERVER_NAME"] == "survey.test"
    slug = make_campaign()
    response = app.test_client().get(f"/s/{slug}", headers={"Host": EVIL})
    assert EVIL not in (response.headers.get("Location") or "")
