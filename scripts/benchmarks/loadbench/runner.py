"""Running many respondents (or request loops) in threads, bounded in count and time."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from .browser import Browser, RequestFailed
from .stats import Recorder

T = TypeVar("T")

JOIN_GRACE_SECONDS = 120.0  # jobs under way at the deadline finish (bounded by their own deadlines)


class _Jobs:
    """Hands out job numbers 0..count-1 to worker threads; results kept under a lock."""

    def __init__(self, count: int):
        self.count = count
        self._next = 0
        self._lock = threading.Lock()
        self.results: list = []
        self.crashes: list[BaseException] = []

    def take(self) -> int | None:
        with self._lock:
            if self._next >= self.count:
                return None
            self._next += 1
            return self._next - 1

    def done(self, result) -> None:
        with self._lock:
            self.results.append(result)

    def crashed(self, exc: BaseException) -> None:
        with self._lock:
            self.crashes.append(exc)


def run_pool(count: int, workers: int, job: Callable[[int], T], *, stop: threading.Event, deadline: float,
             spread: float = 0.0) -> list[T]:
    """Run ``job(i)`` for i in range(count) on ``workers`` threads; job i starts no earlier than
    ``spread * i / count`` seconds from now (arrivals spread over a ramp). No new job starts
    after ``deadline``; returns the results of the jobs that ran."""
    jobs = _Jobs(count)
    started = time.monotonic()

    def work() -> None:
        while not stop.is_set() and time.monotonic() < deadline:
            number = jobs.take()
            if number is None:
                return
            delay = started + spread * number / max(count, 1) - time.monotonic()
            if delay > 0 and stop.wait(delay):
                return
            try:
                jobs.done(job(number))
            except Exception as exc:  # noqa: BLE001 - a bug in the benchmark: re-raised below
                jobs.crashed(exc)
                stop.set()
                return

    threads = [threading.Thread(target=work, name=f"respondent-{n}", daemon=True) for n in range(workers)]
    for thread in threads:
        thread.start()
    join_all(threads, deadline + JOIN_GRACE_SECONDS, stop)
    if jobs.crashes:
        raise RuntimeError(f"{len(jobs.crashes)} job(s) crashed") from jobs.crashes[0]
    return list(jobs.results)


def join_all(threads: list[threading.Thread], deadline: float, stop: threading.Event) -> None:
    """Join in short slices, so that Ctrl+C reaches the main thread; give up at ``deadline``."""
    try:
        for thread in threads:
            while thread.is_alive() and time.monotonic() < deadline:
                thread.join(0.2)
    except BaseException:
        stop.set()
        raise
    if any(thread.is_alive() for thread in threads):
        stop.set()


@dataclass(frozen=True)
class LoopTarget:
    """What one loop thread sends again and again, with its own browser (and cookies)."""

    browser: Browser
    path: str
    method: str = "GET"
    form: list[tuple[str, str]] | None = None
    expect: int = 200


def request_loop(target: LoopTarget, kind: str, recorder: Recorder, *, stop: threading.Event,
                 until: float, max_requests: int) -> None:
    """Send the target's request again and again until ``until`` (or ``max_requests``)."""
    for _ in range(max_requests):
        if stop.is_set() or time.monotonic() >= until:
            return
        try:
            with recorder.in_flight(kind):
                reply = target.browser.request(target.method, target.path, target.form)
        except RequestFailed as exc:
            recorder.error(kind, exc.category)
            stop.wait(0.05)
            continue
        if reply.status == target.expect:
            recorder.success(kind, reply.seconds)
        else:
            recorder.error(kind, "status")
            recorder.count(f"status {reply.status} on {kind}")
