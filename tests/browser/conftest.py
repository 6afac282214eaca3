"""A real browser (Debian's Chromium driven by Playwright) against the app on loopback."""
from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from surveyapp import create_app

from ..conftest import PROJECT

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Debian's Chromium runs headless as root only without the sandbox; the rest keeps it from
# calling home on a machine without internet.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(os.environ.get("VERKOSTO_ARTIFACTS", PROJECT / "test-artifacts"))
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests: {CHROMIUM} is missing")
        pytest.skip(f"browser tests need Chromium at {CHROMIUM} (scripts/test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def app(sqlite_template, tmp_path):
    """Browser tests look at what a person sees; one database (SQLite) is enough for that."""
    path = tmp_path / "browser.sqlite3"
    shutil.copy(sqlite_template, path)
    app = create_app({"DATABASE_URL": f"sqlite:///{path}", "SECRET_KEY": "browser tests"})
    yield app
    from surveyapp.extensions import db

    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def live_server(app):
    """The test app served over HTTP on a free loopback port, in a thread."""
    app.config["SERVER_NAME"] = None
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(5)


@pytest.fixture
def phone(browser, request):
    """A phone-sized page with JavaScript on or off (parametrise ``javascript``)."""
    javascript = getattr(request, "param", True)
    context = browser.new_context(java_script_enabled=javascript, locale="fi-FI", **PHONE)
    page = context.new_page()
    external: list[str] = []
    page.on("request", lambda r: None if r.url.startswith("http://127.0.0.1") else external.append(r.url))
    page.external_requests = external  # type: ignore[attr-defined]
    failed: list[str] = []
    page.on("requestfailed", lambda r: failed.append(f"{r.url}: {r.failure}"))
    page.on("response", lambda r: failed.append(f"{r.url}: {r.status}") if r.status >= 400 else None)
    page.failed_requests = failed  # type: ignore[attr-defined]
    yield page
    context.close()


def screenshot(page, name: str, *, full_page: bool = True) -> Path:
    """Save what the person sees to test-artifacts/ (the whole page, or the first screen)."""
    folder = "screenshots" if full_page else "first-screen"
    path = ARTIFACTS / folder / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=full_page)
    return path
