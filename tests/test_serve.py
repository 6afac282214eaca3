"""The app under gunicorn, as deployed: a real server process on loopback."""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from http.cookiejar import CookieJar
from urllib.parse import urlencode

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    port = free_port()
    env = {**os.environ, "VERKOSTO_PORT": str(port), "DATABASE_URL": str(tmp_path / "served.sqlite3")}
    log = tmp_path / "server.log"
    with log.open("w") as handle:
        process = subprocess.Popen(
            [sys.executable, "-m", "surveyapp.cli", "demo", "--host", "127.0.0.1", "--workers", "2"],
            env=env, stdout=handle, stderr=subprocess.STDOUT, text=True,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        process.wait()
        pytest.fail("gunicorn did not start:\n" + log.read_text())
    yield base, process, log
    process.terminate()
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        process.kill()


def test_demo_serves_the_survey_under_gunicorn(server):
    base, process, log = server
    with urllib.request.urlopen(base + "/healthz") as response:
        assert response.read() == b'{"status":"ok"}\n'
    out = log.read_text()
    links = re.findall(r"http://localhost:\d+(/s/[\w-]+)(?=\s)", out)
    assert len(links) >= 3, out
    assert "Serving on" in out
    for link in links:
        with urllib.request.urlopen(base + link) as response:  # follows /s/x -> /s/x/
            assert response.status == 200 and "lang=" in response.read().decode()


def test_a_respondent_answers_through_two_worker_processes(server, tmp_path):
    base, _, _ = server
    from sqlalchemy import select

    from surveyapp.database import make_engine
    from surveyapp.models import Campaign
    from sqlalchemy.orm import Session

    engine = make_engine(str(tmp_path / "served.sqlite3"))
    with Session(engine) as session:
        slug = session.scalars(select(Campaign).where(Campaign.name.like("%guardians%"))).first().slug
    engine.dispose()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    page = opener.open(f"{base}/s/{slug}/page/background?lang=en").read().decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    data = urlencode({"csrf_token": token, "grade_band": "grades_3_6", "absence_band": "under_10",
                      "action": "next"}).encode()
    with opener.open(f"{base}/s/{slug}/page/background", data=data) as response:
        assert response.status == 200  # followed the 303 to the next page
        assert "/page/" in response.url and "background" not in response.url
    for _ in range(6):  # later pages land on either worker; the state is in the database
        with opener.open(response.url) as again:
            assert again.status == 200
