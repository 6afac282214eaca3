#!/usr/bin/env python3
"""Load and crash-safety benchmark for Verkosto's respondent pages. See docs/benchmarks.md.

Starts the app under gunicorn (``verkosto serve``) on SQLite and on a throw-away PostgreSQL
cluster, drives simulated respondents through the pupils' questionnaire over HTTP on
127.0.0.1, and prints figures. Scenarios:

    --lesson       500 respondents at once, pausing 2-8 s between pages like people
    --ceiling      no pauses: throughput and latency next to the floor (GET /healthz)
    --two-servers  two servers on one PostgreSQL database, requests alternating between them
    --kill         SIGKILL gunicorn while submissions are in flight, restart, check the database

    .venv/bin/python scripts/benchmarks/load.py --all            # everything, 3 runs (about 16 minutes)
    .venv/bin/python scripts/benchmarks/load.py --quick          # everything, small (2-4 minutes)
    .venv/bin/python scripts/benchmarks/load.py --kill --db sqlite

Every server and database started here is stopped on exit, on Ctrl+C and on errors.
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import platform
import secrets
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from pathlib import Path

from loadbench import crash, scenarios  # beside this file; surveyapp comes from the project's venv
from loadbench.report import scenario_report
from loadbench.respondent import Think
from loadbench.scenarios import Config, Environment, ScenarioResult
from loadbench.servers import ROOT, PostgresCluster, Unavailable

SCENARIOS = {
    "lesson": scenarios.lesson,
    "ceiling": scenarios.ceiling,
    "two-servers": scenarios.two_servers,
    "kill": crash.kill,
}
# two servers share one database: PostgreSQL only (SQLite is for one server)
DATABASES_OF = {"two-servers": ["postgresql"]}

QUICK = dict(
    runs=1, warm_up_journeys=24, lesson_respondents=150, think=Think(scale=0.2), ramp=6.0,
    concurrency=16, ceiling_seconds=2.0, submit_burst=80,
    two_server_respondents=50, kill_respondents=100, kills=2, kill_ramp=3.0,
)


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    chosen = parser.add_argument_group("scenarios (none chosen: all)")
    chosen.add_argument("--all", action="store_true", help="every scenario")
    for name, function in SCENARIOS.items():
        chosen.add_argument(f"--{name}", dest=name.replace("-", "_"), action="store_true",
                            help=(function.__doc__ or "").strip().splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: every scenario in 2-4 minutes")
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--runs", type=int, help="repetitions of lesson and ceiling (default 3; quick 1)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (default 2)")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker (default 4)")
    parser.add_argument("--respondents", type=int, help="lesson: respondents at once (default 500)")
    parser.add_argument("--think", type=float, help="lesson: scale the 2-8 s pauses (default 1; quick 0.2)")
    parser.add_argument("--ramp", type=float, help="lesson: seconds over which respondents arrive (default 30)")
    parser.add_argument("--concurrency", type=int, help="ceiling and two servers: clients at once (default 16)")
    parser.add_argument("--seconds", type=float, help="ceiling: seconds per measurement (default 10)")
    parser.add_argument("--burst", type=int, help="ceiling: submissions in the submit burst (default 400)")
    parser.add_argument("--two-server-respondents", type=int, help="default 300")
    parser.add_argument("--kill-respondents", type=int, help="default 300")
    parser.add_argument("--kills", type=int, help="kills per kill run (default 3)")
    parser.add_argument("--quiet-wait", type=float, default=0.0, metavar="SECONDS",
                        help="before each lesson or ceiling run, wait up to this long until other processes "
                             "use less than a quarter of a core (default 0: do not wait)")
    parser.add_argument("--keep", action="store_true", help="keep the work directory (databases, gunicorn logs)")
    return parser.parse_args(argv)


def build_config(args: argparse.Namespace) -> Config:
    values = dict(QUICK) if args.quick else {}
    values.update(workers=args.workers, threads=args.threads, quiet_wait=args.quiet_wait)
    overrides = {
        "runs": args.runs, "lesson_respondents": args.respondents, "ramp": args.ramp,
        "concurrency": args.concurrency, "ceiling_seconds": args.seconds, "submit_burst": args.burst,
        "two_server_respondents": args.two_server_respondents, "kill_respondents": args.kill_respondents,
        "kills": args.kills,
    }
    values.update({k: v for k, v in overrides.items() if v is not None})
    if args.think is not None:
        values["think"] = Think(scale=args.think)
    return Config(**values)


def chosen_scenarios(args: argparse.Namespace) -> list[str]:
    picked = [name for name in SCENARIOS if getattr(args, name.replace("-", "_"))]
    return list(SCENARIOS) if args.all or not picked else picked


def chosen_databases(args: argparse.Namespace) -> list[str]:
    return ["sqlite", "postgresql"] if args.db == "both" else [args.db]


def describe(config: Config, command: str, workdir: Path) -> str:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return "\n".join([
        f"Verkosto load benchmark, {dt.datetime.now():%Y-%m-%d %H:%M}",
        f"command: {command}",
        f"code: {code_version()}",
        f"machine: {os.cpu_count()} cores, {platform.machine()}, Linux {platform.release()}, "
        f"Python {platform.python_version()}; load average before starting {load}",
        disk_line(workdir),
        f"server: verkosto serve (gunicorn gthread) --workers {config.workers} --threads {config.threads}; "
        f"questionnaire: pupils (demo campaign, English)",
        f"settings: {', '.join(f'{k}={v}' for k, v in dataclasses.asdict(config).items())}",
    ])


def code_version() -> str:
    """The commit measured, and whether the working tree differed from it."""
    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=20).stdout
        except (OSError, subprocess.TimeoutExpired):
            return ""

    commit = git("rev-parse", "--short", "HEAD").strip() or "unknown"
    changed = len([line for line in git("status", "--porcelain", "--untracked-files=no").splitlines() if line])
    return f"commit {commit}" + (f" with {changed} modified file(s) in the working tree" if changed else "")


def fsync_ms(directory: Path, count: int = 100) -> float:
    """Median time of appending 4 KiB to a file and fsync-ing it, in the given directory."""
    path = directory / "fsync-probe"
    times = []
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for _ in range(count):
            started = time.perf_counter()
            os.write(fd, b"x" * 4096)
            os.fsync(fd)
            times.append(time.perf_counter() - started)
    finally:
        os.close(fd)
        path.unlink()
    return sorted(times)[len(times) // 2] * 1000


def disk_line(workdir: Path) -> str:
    ms = fsync_ms(workdir)
    return (f"disk: appending 4 KiB and fsync-ing it in {workdir} takes {ms:.1f} ms (median of 100), "
            f"so one writer at a time commits at most ~{1000 / max(ms, 0.01):.0f} times a second")


def _raise_interrupt(_signum, _frame):
    raise KeyboardInterrupt


def main(argv: list[str]) -> int:
    args = parse_arguments(argv)
    config = build_config(args)
    command = shlex.join([os.path.relpath(sys.executable, ROOT), os.path.relpath(__file__, ROOT), *argv])
    signal.signal(signal.SIGTERM, _raise_interrupt)
    stop = threading.Event()
    workdir = Path(tempfile.mkdtemp(prefix="verkosto-bench."))
    print(describe(config, command, workdir), flush=True)
    results: list[ScenarioResult] = []
    started = time.monotonic()
    failed = False
    try:
        with ExitStack() as stack:
            postgres = start_postgres(stack) if "postgresql" in chosen_databases(args) else None
            env = Environment(workdir, config, secrets.token_hex(32), stop, postgres)
            for name in chosen_scenarios(args):
                for database in chosen_databases(args):
                    if database not in DATABASES_OF.get(name, [database]):
                        continue
                    if database == "postgresql" and postgres is None:
                        print(f"\n== {name} on postgresql: SKIPPED (PostgreSQL could not be started)", flush=True)
                        continue
                    began = time.monotonic()
                    result = SCENARIOS[name](env, database)
                    result.seconds = time.monotonic() - began
                    results.append(result)
                    print("\n" + scenario_report(result, config.runs), flush=True)
    except KeyboardInterrupt:
        stop.set()
        print("\ninterrupted: stopping servers", file=sys.stderr)
        failed = True
    except Exception:
        stop.set()
        failed = True
        args.keep = True
        raise
    finally:
        stop.set()
        if not failed:
            print("\nafterwards, " + disk_line(workdir))
        if args.keep:
            print(f"work directory kept: {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    failures = [f"{r.scenario} on {r.database}" for r in results if r.integrity is not None and not r.integrity.ok]
    if failures:
        verdict = f"database checks FAILED: {', '.join(failures)}"
    elif failed:
        verdict = "stopped before the end"
    else:
        verdict = "every database check OK"
    print(f"\n{len(results)} scenario run(s) in {time.monotonic() - started:.0f} s; {verdict}. command: {command}")
    return 1 if failed or failures else 0


def start_postgres(stack: ExitStack) -> PostgresCluster | None:
    cluster = PostgresCluster()
    try:
        stack.enter_context(cluster)
    except (Unavailable, RuntimeError, OSError, subprocess.SubprocessError) as exc:
        print(f"PostgreSQL could not be started, its scenarios are skipped: {exc}", flush=True)
        return None
    print(f"database: throw-away PostgreSQL {cluster.version} on 127.0.0.1:{cluster.port} "
          f"(fsync=on, synchronous_commit=on); SQLite in WAL mode with synchronous=FULL", flush=True)
    return cluster


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
