"""The processes under test: a throw-away PostgreSQL cluster and gunicorn app servers.

Every process started here is stopped here, also after an exception or Ctrl+C (the callers
use them as context managers). Everything listens on 127.0.0.1 only.
"""
from __future__ import annotations

import glob
import http.client
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
VENV_BIN = ROOT / ".venv" / "bin"
HOST = "127.0.0.1"


class Unavailable(Exception):
    """A prerequisite (PostgreSQL) cannot be started here."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _run(command: list[str], *, timeout: float, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr[-2000:]}")
    return result.stdout


# -- PostgreSQL ----------------------------------------------------------------------------
def _find_pg_bin() -> Path | None:
    """As scripts/lib/setup.sh: Debian's /usr/lib/postgresql/*/bin first, then the PATH."""
    for directory in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if os.access(os.path.join(directory, "initdb"), os.X_OK):
            return Path(directory)
    found = shutil.which("initdb")
    return Path(found).parent if found else None


class PostgresCluster:
    """A throw-away cluster in a temporary directory on a free loopback port.

    Unlike the test suite's cluster (fsync=off for speed) this one keeps PostgreSQL's
    durable defaults (fsync=on, synchronous_commit=on), to compare fairly with SQLite's
    synchronous=FULL.
    """

    def __init__(self) -> None:
        self.bin = _find_pg_bin()
        self.dir: Path | None = None
        self.port = 0
        self.version = "?"
        self._as_postgres: list[str] = []

    def __enter__(self) -> "PostgresCluster":
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()

    def start(self) -> None:
        if self.bin is None:
            raise Unavailable("PostgreSQL is not installed (no initdb found)")
        self.dir = Path(tempfile.mkdtemp(prefix="verkosto-bench-pg."))
        self.dir.chmod(0o755)
        if os.geteuid() == 0:  # initdb refuses to run as root
            shutil.chown(self.dir, "postgres")
            self._as_postgres = ["runuser", "-u", "postgres", "--"]
        self.port = free_port()
        data = self.dir / "data"
        _run([*self._as_postgres, str(self.bin / "initdb"), "-D", str(data), "-U", "verkosto", "-A", "trust",
              "-E", "UTF8", "--no-locale"], timeout=120)
        options = f"-c listen_addresses={HOST} -p {self.port} -k {self.dir} -c max_connections=200"
        _run([*self._as_postgres, str(self.bin / "pg_ctl"), "-D", str(data), "-l", str(self.dir / "server.log"),
              "-w", "-t", "60", "-o", options, "start"], timeout=90)
        self.version = _run([str(self.bin / "postgres"), "--version"], timeout=10).split()[2]

    def postmaster_pid(self) -> int | None:
        try:
            return int((self.dir / "data" / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError, TypeError):
            return None

    def create_database(self, name: str) -> str:
        _run([str(self.bin / "createdb"), "-h", HOST, "-p", str(self.port), "-U", "verkosto", name], timeout=60)
        return f"postgresql+psycopg://verkosto@{HOST}:{self.port}/{name}"

    def stop(self) -> None:
        if self.dir is None:
            return
        if (self.dir / "data" / "postmaster.pid").exists():
            try:
                _run([*self._as_postgres, str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "fast",
                      "-w", "-t", "30", "stop"], timeout=60)
            except (RuntimeError, subprocess.TimeoutExpired):
                subprocess.run([*self._as_postgres, str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"),
                                "-m", "immediate", "stop"], capture_output=True, timeout=60)
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir = None


# -- the app -------------------------------------------------------------------------------
def prepare_demo_database(url: str) -> str:
    """Migrate, create the demo campaigns (``verkosto demo --no-serve``); the pupils' slug."""
    _run([str(VENV_BIN / "verkosto"), "demo", "--no-serve", "--db", url], timeout=180)
    return campaign_slug(url, "pupils")


def campaign_slug(url: str, questionnaire_key: str) -> str:
    from sqlalchemy import select

    from surveyapp.database import make_engine
    from surveyapp.models import Campaign, QuestionnaireVersion

    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            slug = connection.scalar(
                select(Campaign.slug)
                .join(QuestionnaireVersion, Campaign.questionnaire_version_id == QuestionnaireVersion.id)
                .where(QuestionnaireVersion.questionnaire_key == questionnaire_key, Campaign.name.like("Demo: %"))
                .order_by(Campaign.id.desc())
            )
    finally:
        engine.dispose()
    if slug is None:
        raise RuntimeError(f"no demo campaign for the {questionnaire_key!r} questionnaire in {url}")
    return slug


@dataclass(frozen=True)
class ServerSettings:
    workers: int
    threads: int
    secret_key: str


class AppServer:
    """``verkosto serve`` in its own process group, so that a kill reaches every worker."""

    def __init__(self, url: str, port: int, settings: ServerSettings, log_dir: Path):
        self.url = url
        self.port = port
        self.settings = settings
        self.log_dir = log_dir
        self.process: subprocess.Popen | None = None
        self.starts = 0

    @property
    def command(self) -> list[str]:
        return [str(VENV_BIN / "verkosto"), "serve", "--host", HOST, "--port", str(self.port), "--db", self.url,
                "--workers", str(self.settings.workers), "--threads", str(self.settings.threads)]

    def __enter__(self) -> "AppServer":
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()

    def start(self, ready_timeout: float = 60.0) -> float:
        """Start and wait until /healthz answers; the seconds that took."""
        started = time.monotonic()
        runtime = self.log_dir / f"runtime-{self.port}"
        runtime.mkdir(mode=0o700, exist_ok=True)
        env = {
            **os.environ,
            "SECRET_KEY": self.settings.secret_key,  # the same on every server and after restarts
            "DATABASE_URL": self.url,
            # gunicorn's control socket defaults to ~/.gunicorn/gunicorn.ctl, one path for every
            # server on the machine; give each server its own.
            "XDG_RUNTIME_DIR": str(runtime),
        }
        log = open(self.log_dir / f"gunicorn-{self.port}.log", "ab")
        try:
            self.process = subprocess.Popen(self.command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL, start_new_session=True)
        finally:
            log.close()
        self.starts += 1
        self._wait_ready(started + ready_timeout)
        return time.monotonic() - started

    def _wait_ready(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn on port {self.port} exited ({self.process.returncode}); "
                                   f"see {self.log_dir}/gunicorn-{self.port}.log")
            if health_ok(self.port):
                return
            time.sleep(0.05)
        raise RuntimeError(f"gunicorn on port {self.port} did not become ready")

    def kill(self) -> None:
        """SIGKILL the master and every worker at once (the whole process group)."""
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=30)
        self.process = None

    def stop(self) -> None:
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            self.kill()
        self.process = None


def health_ok(port: int) -> bool:
    connection = http.client.HTTPConnection(HOST, port, timeout=2)
    try:
        connection.request("GET", "/healthz")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()
