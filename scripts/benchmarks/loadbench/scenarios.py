"""Lesson, ceiling and two servers (the kill scenario is in crash.py); shared plumbing.

Each scenario function takes the Environment and a database kind and returns a ScenarioResult.
"""
from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .browser import Browser
from .checks import Integrity, verify
from .respondent import NO_THINK, JourneyFailed, Outcome, Respondent, Retry, Stopped, Think
from .forms import parse_form, valid_answers
from .runner import LoopTarget, join_all, request_loop, run_pool
from .servers import AppServer, PostgresCluster, ServerSettings, free_port, prepare_demo_database
from .stats import CpuMeter, CpuUse, KindSummary, Recorder, summarise

JOURNEY_KINDS = ["view", "save", "submit"]
FINISH_SECONDS = 60.0  # a journey under way at its measurement's end may take this long to finish
PAGES_WITH_PAUSES = 7  # notice, 4 pages, review, a margin: bounds a lesson's duration


@dataclass(frozen=True)
class Config:
    workers: int = 2
    threads: int = 4
    runs: int = 3
    request_timeout: float = 30.0
    warm_up_journeys: int = 64
    # lesson
    lesson_respondents: int = 500
    think: Think = Think()
    ramp: float = 30.0
    # ceiling
    concurrency: int = 16
    ceiling_seconds: float = 10.0
    submit_burst: int = 400
    # two servers
    two_server_respondents: int = 300
    # kill
    kill_respondents: int = 300
    kills: int = 3
    kill_ramp: float = 6.0
    kill_downtime: float = 0.5
    lost_reply_every: int = 5
    """In the kill scenario every n-th respondent hangs up right after sending its submission."""
    # noise: before each measured run wait (at most this long) until the rest of the machine
    # uses less than quiet_percent of one core
    quiet_wait: float = 0.0
    quiet_percent: float = 25.0


@dataclass(frozen=True)
class Measurement:
    """One run of one measurement: per-kind summaries over ``seconds`` of wall time."""

    name: str
    seconds: float
    summaries: dict[str, KindSummary]
    cpu: CpuUse
    events: dict[str, int]
    respondents: int = 0
    completed: int = 0
    peak_respondents: int = 0
    """The most respondents in the middle of their journey at the same moment."""

    def rate(self, kind: str) -> float:
        return self.summaries[kind].rate


@dataclass(frozen=True)
class KillEvent:
    at_seconds: float
    in_flight: dict[str, int]
    """Requests sent and not yet answered, by kind, just before the kill."""
    restart_seconds: float
    acknowledged_before: int
    committed_unacknowledged: frozenset[str] = frozenset()
    """Submissions under way at the kill whose response was already in the database right
    after it: committed, but (unless the reply slipped out just in time) never acknowledged."""


@dataclass
class ScenarioResult:
    scenario: str
    database: str
    measurements: dict[str, list[Measurement]] = field(default_factory=dict)
    integrity: Integrity | None = None
    kills: list[KillEvent] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    """The whole scenario: database, servers, warm-up, every run, the check."""

    def add(self, measurement: Measurement) -> None:
        self.measurements.setdefault(measurement.name, []).append(measurement)


class Environment:
    """Where scenarios get fresh databases and servers; owned by the main thread."""

    def __init__(self, workdir: Path, config: Config, secret_key: str, stop: threading.Event,
                 postgres: PostgresCluster | None):
        self.workdir = workdir
        self.config = config
        self.settings = ServerSettings(config.workers, config.threads, secret_key)
        self.stop = stop
        self.postgres = postgres
        self._databases = 0

    def fresh_database(self, kind: str) -> tuple[str, str]:
        """A new database with the demo campaigns: (url, the pupils' campaign slug)."""
        self._databases += 1
        name = f"bench_{self._databases}"
        if kind == "sqlite":
            url = f"sqlite:///{self.workdir / (name + '.sqlite3')}"
        else:
            url = self.postgres.create_database(name)
        return url, prepare_demo_database(url)

    def settle(self, result: "ScenarioResult") -> None:
        """Wait, at most ``quiet_wait`` seconds, for other processes to leave the CPU alone."""
        config = self.config
        if config.quiet_wait <= 0:
            return
        deadline = time.monotonic() + config.quiet_wait
        other = float("nan")
        while time.monotonic() < deadline:
            meter = self.cpu_meter()
            if self.stop.wait(2.0):
                return
            other = meter.stop().other_percent
            if other < config.quiet_percent:
                return
        result.notes.append(f"the machine did not become quiet within {config.quiet_wait:.0f} s "
                            f"(other processes {other:.0f}% of a core); measured anyway")

    def cpu_meter(self) -> CpuMeter:
        return CpuMeter(self.postgres.postmaster_pid() if self.postgres else None)

    def server(self, url: str) -> AppServer:
        return AppServer(url, free_port(), self.settings, self.workdir)

    def respondent(self, ports: list[int], slug: str, recorder: Recorder, *, think: Think, deadline: float,
                   seed: int, retry: Retry = Retry(), alternate: bool = False,
                   lost_reply: Callable[[str], bool] | None = None) -> Respondent:
        browser = Browser(ports, timeout=self.config.request_timeout, alternate=alternate)
        return Respondent(browser, slug, recorder, think=think, retry=retry, stop=self.stop,
                          deadline=deadline, rng=random.Random(seed), lost_reply=lost_reply)


def run_journeys(env: Environment, name: str, ports: list[int], slug: str, *, count: int, workers: int,
                 think: Think, spread: float, limit: float, retry: Retry = Retry(), alternate: bool = False,
                 recorder: Recorder | None = None,
                 lost_reply: Callable[[int], Callable[[str], bool] | None] = lambda _number: None,
                 ) -> tuple[Measurement, list[Outcome]]:
    """``count`` complete journeys on ``workers`` threads; a Measurement and the outcomes.

    ``lost_reply(number)`` gives respondent ``number`` its Respondent ``lost_reply`` argument."""
    recorder = recorder or Recorder()
    deadline = time.monotonic() + limit  # no journey starts later; those under way may finish
    meter = env.cpu_meter()
    started = time.monotonic()

    def one(number: int) -> Outcome:
        respondent = env.respondent(ports, slug, recorder, think=think, deadline=deadline + FINISH_SECONDS,
                                    seed=number, retry=retry, alternate=alternate,
                                    lost_reply=lost_reply(number))
        with recorder.in_flight("respondent"):
            outcome = respondent.run()
        if alternate:
            for port, n in respondent.browser.requests_by_port.items():
                recorder.count(f"requests to port {port}", n)
        return outcome

    outcomes = run_pool(count, workers, one, stop=env.stop, deadline=deadline, spread=spread)
    seconds = time.monotonic() - started
    for outcome in outcomes:
        if outcome.failure:
            recorder.count(f"journey failed: {outcome.failure}")
    measurement = Measurement(
        name, seconds, summarise(recorder, seconds, JOURNEY_KINDS), meter.stop(), recorder.events(),
        respondents=len(outcomes), completed=sum(1 for o in outcomes if o.acknowledged),
        peak_respondents=recorder.peak("respondent"),
    )
    return measurement, outcomes


def _warm_up(env: Environment, port: int, slug: str) -> list[Outcome]:
    """A few unmeasured journeys, so that every worker has loaded its templates and catalogs."""
    _measurement, outcomes = run_journeys(env, "warm-up", [port], slug, count=env.config.warm_up_journeys,
                                          workers=env.config.concurrency, think=NO_THINK, spread=0, limit=60)
    return outcomes


# -- lesson --------------------------------------------------------------------------------
def lesson(env: Environment, database: str) -> ScenarioResult:
    """A class (or a school) answering at once: one thread per respondent, pauses like people."""
    config = env.config
    result = ScenarioResult("lesson", database)
    url, slug = env.fresh_database(database)
    limit = config.ramp + PAGES_WITH_PAUSES * config.think.high * config.think.scale + 180
    outcomes: list[Outcome] = []
    with env.server(url) as server:
        outcomes += _warm_up(env, server.port, slug)
        for _ in range(config.runs):
            env.settle(result)
            measurement, run_outcomes = run_journeys(
                env, "lesson", [server.port], slug, count=config.lesson_respondents,
                workers=config.lesson_respondents, think=config.think, spread=config.ramp, limit=limit)
            result.add(measurement)
            outcomes += run_outcomes
    result.integrity = verify(url, slug, outcomes)
    return result


# -- ceiling -------------------------------------------------------------------------------
def ceiling(env: Environment, database: str) -> ScenarioResult:
    """No pauses: the most the server does, next to the cost floor of a trivial endpoint."""
    config = env.config
    result = ScenarioResult("ceiling", database)
    url, slug = env.fresh_database(database)
    outcomes: list[Outcome] = []
    with env.server(url) as server:
        outcomes += _warm_up(env, server.port, slug)
        for _ in range(config.runs):
            env.settle(result)
            browsers = [Browser([server.port], timeout=config.request_timeout) for _ in range(config.concurrency)]
            result.add(_loop(env, "floor: GET /healthz", "view", [LoopTarget(b, "/healthz") for b in browsers]))
            views, saves = _respondents_on_a_page(env, server.port, slug)
            result.add(_loop(env, "page view alone", "view", views))
            result.add(_loop(env, "page save alone", "save", saves))
            journeys, run_outcomes = run_journeys(
                env, "journey", [server.port], slug, count=1_000_000, workers=config.concurrency,
                think=NO_THINK, spread=0, limit=config.ceiling_seconds)
            result.add(journeys)
            burst, burst_outcomes = _submit_burst(env, server.port, slug)
            result.add(burst)
            outcomes += run_outcomes + burst_outcomes
    result.integrity = verify(url, slug, outcomes)
    return result


def _loop(env: Environment, name: str, kind: str, targets: list[LoopTarget]) -> Measurement:
    """One thread per target: send it as fast as answers come, for a fixed time."""
    config = env.config
    recorder = Recorder()
    meter = env.cpu_meter()
    started = time.monotonic()
    until = started + config.ceiling_seconds
    threads = [
        threading.Thread(target=request_loop, args=(target, kind, recorder), daemon=True,
                         kwargs={"stop": env.stop, "until": until, "max_requests": 1_000_000})
        for target in targets
    ]
    for thread in threads:
        thread.start()
    join_all(threads, until + config.request_timeout + 10, env.stop)
    seconds = time.monotonic() - started
    for target in targets:
        target.browser.close()
    return Measurement(name, seconds, summarise(recorder, seconds, [kind]), meter.stop(), recorder.events())


def _respondents_on_a_page(env: Environment, port: int, slug: str) -> tuple[list[LoopTarget], list[LoopTarget]]:
    """``concurrency`` respondents who saved the first page, each on the second.

    Viewing that page loads the campaign and the respondent's draft and renders the page's
    questions; saving it (again with the same answers) validates the form and rewrites the
    draft in a write transaction. Returns the view targets and the save targets.
    """
    deadline = time.monotonic() + 120
    setup = Recorder()  # preparation is not measured

    def prepare(number: int) -> tuple[LoopTarget, LoopTarget] | None:
        respondent = env.respondent([port], slug, setup, think=NO_THINK, deadline=deadline, seed=number)
        try:
            saved = respondent.save_page(respondent.open_first_page().body)
            page = respondent.fetch("view", "GET", saved.location, expect=(200,)).body
        except (JourneyFailed, Stopped):
            respondent.browser.close()
            return None
        form = parse_form(page, "/page/")
        answers = [*valid_answers(form, page), ("action", "next")]
        browser = respondent.browser
        return (LoopTarget(browser, saved.location),
                LoopTarget(browser, form.action, method="POST", form=answers, expect=303))

    prepared = [p for p in run_pool(env.config.concurrency, env.config.concurrency, prepare, stop=env.stop,
                                    deadline=deadline) if p is not None]
    return [view for view, _save in prepared], [save for _view, save in prepared]


def _submit_burst(env: Environment, port: int, slug: str) -> tuple[Measurement, list[Outcome]]:
    """``submit_burst`` respondents brought to the review first; then only their submissions."""
    config = env.config
    deadline = time.monotonic() + 300
    setup = Recorder()

    def prepare(number: int) -> tuple[Respondent, str] | None:
        respondent = env.respondent([port], slug, setup, think=NO_THINK, deadline=deadline, seed=number)
        try:
            return respondent, respondent.answer_until_review()
        except (JourneyFailed, Stopped):  # counted below: respondents minus completed
            respondent.browser.close()
            return None

    prepared = [p for p in run_pool(config.submit_burst, config.concurrency, prepare, stop=env.stop,
                                    deadline=deadline) if p is not None]
    recorder = Recorder()
    meter = env.cpu_meter()
    started = time.monotonic()

    def submit(number: int) -> Outcome:
        respondent, review = prepared[number]
        respondent.recorder = recorder
        try:
            respondent.submit(review, read_receipt=False)
        except (JourneyFailed, Stopped) as exc:
            respondent.outcome.failure = str(exc) or "stopped"
        finally:
            respondent.browser.close()
        return respondent.outcome

    outcomes = run_pool(len(prepared), config.concurrency, submit, stop=env.stop, deadline=started + 300)
    seconds = time.monotonic() - started
    measurement = Measurement("submit burst", seconds, summarise(recorder, seconds, ["submit"]), meter.stop(),
                              recorder.events(), respondents=config.submit_burst,
                              completed=sum(1 for o in outcomes if o.acknowledged))
    return measurement, outcomes


# -- two servers ---------------------------------------------------------------------------
def two_servers(env: Environment, database: str) -> ScenarioResult:
    """Two gunicorn servers on one database; each respondent's requests alternate between them."""
    config = env.config
    result = ScenarioResult("two servers", database)
    url, slug = env.fresh_database(database)
    with env.server(url) as first, env.server(url) as second:
        measurement, outcomes = run_journeys(
            env, "two servers", [first.port, second.port], slug, count=config.two_server_respondents,
            workers=config.concurrency, think=NO_THINK, spread=0, limit=300, alternate=True)
        result.add(measurement)
    result.integrity = verify(url, slug, outcomes)
    return result
