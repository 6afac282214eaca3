"""The kill scenario: SIGKILL every gunicorn process while submissions are in flight."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable

from .checks import verify
from .respondent import NO_THINK, Outcome, Retry
from .scenarios import Config, Environment, KillEvent, ScenarioResult, run_journeys
from .servers import AppServer
from .stats import Recorder

KILL_RETRY = Retry(attempts=60, backoff=0.2, max_backoff=1.0)  # about a minute, like a patient person


def kill(env: Environment, database: str) -> ScenarioResult:
    """SIGKILL the server repeatedly while respondents submit; then check the database.

    After the run the database is compared with what each respondent was told.

    Besides, every ``lost_reply_every``-th respondent hangs up right after sending its
    submission and sends it again 0.3-1 s later: the reply lost after the commit, which a
    kill only rarely hits.
    """
    config = env.config
    result = ScenarioResult("kill", database)
    url, slug = env.fresh_database(database)
    recorder = Recorder()
    with KeyProbe(url, slug) as probe, env.server(url) as server:
        killer = _Killer(server, recorder, config, env.stop, probe.stored_keys)
        killer.start()
        try:
            measurement, outcomes = run_journeys(
                env, "kill", [server.port], slug, count=config.kill_respondents,
                workers=config.kill_respondents, think=NO_THINK, spread=config.kill_ramp, limit=300,
                retry=KILL_RETRY, recorder=recorder,
                lost_reply=lambda n: probe.is_stored if n % config.lost_reply_every == 0 else None)
        finally:
            killer.finish()
        result.add(measurement)
        result.kills = killer.events
        if killer.error:
            result.notes.append(f"the killer thread failed: {killer.error}")
    result.integrity = verify(url, slug, outcomes)
    result.notes += [_committed_at_kills(killer.events, outcomes), _lost_on_purpose(outcomes)]
    return result


class KeyProbe:
    """Reads the database beside the server: is a submission stored yet? (thread-safe)"""

    def __init__(self, url: str, slug: str):
        self.url = url
        self.slug = slug
        self.engine = None
        self.campaign_id = None

    def __enter__(self) -> "KeyProbe":
        from sqlalchemy import select

        from surveyapp.database import make_engine
        from surveyapp.models import Campaign

        self.engine = make_engine(self.url, pool_size=10, max_overflow=20)
        with self.engine.connect() as connection:
            self.campaign_id = connection.scalar(select(Campaign.id).where(Campaign.slug == self.slug))
        return self

    def __exit__(self, *_exc) -> None:
        self.engine.dispose()

    def is_stored(self, key: str) -> bool:
        from sqlalchemy import select

        from surveyapp.models import Response

        with self.engine.connect() as connection:
            return connection.scalar(select(Response.id).where(Response.idempotency_key == key)) is not None

    def stored_keys(self) -> set[str]:
        from sqlalchemy import select

        from surveyapp.models import Response

        with self.engine.connect() as connection:
            return set(connection.scalars(
                select(Response.idempotency_key).where(Response.campaign_id == self.campaign_id)))


def _committed_at_kills(events: list[KillEvent], outcomes: list[Outcome]) -> str:
    """Committed, the reply destroyed by the kill, the browser sending it again."""
    by_key = {o.submit_key: o for o in outcomes if o.submit_key}
    committed = [by_key[key] for event in events for key in event.committed_unacknowledged if key in by_key]
    ordinary = [o for o in committed if not o.lost_reply]
    destroyed = [o for o in ordinary if o.submit_attempts > 1]
    return (f"kills: {len(committed)} submission(s) under way at a kill were already in the database; "
            f"{len(committed) - len(ordinary)} of them from clients that had hung up on purpose (below), "
            f"{len(ordinary) - len(destroyed)} got their reply just before the kill, and {len(destroyed)} "
            f"had their reply destroyed by the kill and were sent again: "
            f"{sum(1 for o in destroyed if o.acknowledged)} of those acknowledged")


def _lost_on_purpose(outcomes: list[Outcome]) -> str:
    lost = [o for o in outcomes if o.lost_reply]
    stored = sum(1 for o in lost if o.stored_before_resend)
    acknowledged = sum(1 for o in lost if o.acknowledged)
    return (f"replies lost on purpose: {len(lost)} respondents hung up right after sending their submission; "
            f"when they sent it again {stored} were already stored (the repeat must return the stored receipt) "
            f"and {len(lost) - stored} not yet (the original still queued, or dropped); {acknowledged} of "
            f"{len(lost)} acknowledged in the end")


class _Killer:
    """Kills the server ``kills`` times, each when a share of the submissions is acknowledged
    and at least one submission is in flight. Only this thread touches the server meanwhile."""

    POLL_SECONDS = 0.002
    MANY_IN_FLIGHT = 3
    PATIENCE_SECONDS = 1.0

    def __init__(self, server: AppServer, recorder: Recorder, config: Config, stop: threading.Event,
                 stored_keys: Callable[[], set[str]]):
        self.server = server
        self.stored_keys = stored_keys
        self.recorder = recorder
        self.config = config
        self.stop = stop
        self.done = threading.Event()
        self.events: list[KillEvent] = []
        self.error: str | None = None
        self._thread = threading.Thread(target=self._run, name="killer", daemon=True)
        self._started = time.monotonic()

    def start(self) -> None:
        self._started = time.monotonic()
        self._thread.start()

    def finish(self) -> None:
        self.done.set()
        self._thread.join(120)

    def _run(self) -> None:
        try:
            for number in range(self.config.kills):
                target = (number + 1) * self.config.kill_respondents // (self.config.kills + 1)
                if not self._wait_for(target):
                    return
                self._kill_and_restart()
        except Exception as exc:  # noqa: BLE001 - reported in the result
            self.error = repr(exc)

    def _wait_for(self, acknowledged: int) -> bool:
        """Until ``acknowledged`` submissions are, and then until several are in flight
        (MANY_IN_FLIGHT, or after PATIENCE_SECONDS at least one)."""
        deadline = time.monotonic() + 240
        reached: float | None = None
        while time.monotonic() < deadline and not (self.stop.is_set() or self.done.is_set()):
            if reached is None and self.recorder.successes("submit") >= acknowledged:
                reached = time.monotonic()
            if reached is not None:
                flying = self.recorder.in_flight_now().get("submit", 0)
                patient = time.monotonic() - reached < self.PATIENCE_SECONDS
                if flying >= (self.MANY_IN_FLIGHT if patient else 1):
                    return True
            time.sleep(self.POLL_SECONDS)
        return False

    def _kill_and_restart(self) -> None:
        in_flight = self.recorder.in_flight_now()
        acknowledged = self.recorder.successes("submit")
        under_way = self.recorder.submitting_now()
        at = time.monotonic() - self._started
        self.server.kill()
        committed = under_way & self.stored_keys()  # read while the server is down
        time.sleep(self.config.kill_downtime)
        restart = self.server.start()
        self.events.append(KillEvent(at, in_flight, restart, acknowledged, frozenset(committed)))
