"""Recording request timings from many threads, and summarising them."""
from __future__ import annotations

import math
import os
import resource
import threading
import time
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field

ERROR_CATEGORIES = ("status", "timeout", "connection")


class Recorder:
    """Thread-safe: respondents' threads record into it; every mutation holds the lock."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._latencies: dict[str, list[float]] = defaultdict(list)
        self._errors: Counter[tuple[str, str]] = Counter()
        self._in_flight: Counter[str] = Counter()
        self._peak: Counter[str] = Counter()
        self._submitting: set[str] = set()
        self._events: Counter[str] = Counter()

    def success(self, kind: str, seconds: float) -> None:
        with self._lock:
            self._latencies[kind].append(seconds)

    def error(self, kind: str, category: str) -> None:
        with self._lock:
            self._errors[(kind, category)] += 1

    def count(self, event: str, n: int = 1) -> None:
        with self._lock:
            self._events[event] += n

    @contextmanager
    def in_flight(self, kind: str):
        with self._lock:
            self._in_flight[kind] += 1
            self._peak[kind] = max(self._peak[kind], self._in_flight[kind])
        try:
            yield
        finally:
            with self._lock:
                self._in_flight[kind] -= 1

    def in_flight_now(self) -> dict[str, int]:
        with self._lock:
            return {k: v for k, v in self._in_flight.items() if v}

    @contextmanager
    def submitting(self, key: str):
        """A submission under way (from its first attempt until acknowledged or given up)."""
        with self._lock:
            self._submitting.add(key)
        try:
            yield
        finally:
            with self._lock:
                self._submitting.discard(key)

    def submitting_now(self) -> set[str]:
        with self._lock:
            return set(self._submitting)

    def peak(self, kind: str) -> int:
        """The most ``kind`` ever in flight at once."""
        with self._lock:
            return self._peak[kind]

    def events(self) -> dict[str, int]:
        with self._lock:
            return dict(self._events)

    def successes(self, kind: str) -> int:
        with self._lock:
            return len(self._latencies.get(kind, ()))

    def snapshot(self) -> tuple[dict[str, list[float]], Counter[tuple[str, str]]]:
        with self._lock:
            return {k: list(v) for k, v in self._latencies.items()}, Counter(self._errors)


@dataclass(frozen=True)
class KindSummary:
    """One kind of request in one run: throughput over the run's wall time, latency in ms."""

    kind: str
    ok: int
    rate: float
    p50_ms: float
    p95_ms: float
    errors: dict[str, int] = field(default_factory=dict)

    @property
    def error_total(self) -> int:
        return sum(self.errors.values())


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def summarise(recorder: Recorder, seconds: float, kinds: list[str]) -> dict[str, KindSummary]:
    latencies, errors = recorder.snapshot()
    summaries = {}
    for kind in kinds:
        values = latencies.get(kind, [])
        summaries[kind] = KindSummary(
            kind=kind,
            ok=len(values),
            rate=len(values) / seconds if seconds > 0 else math.nan,
            p50_ms=percentile(values, 50) * 1000,
            p95_ms=percentile(values, 95) * 1000,
            errors={c: errors[(kind, c)] for c in ERROR_CATEGORIES if errors[(kind, c)]},
        )
    return summaries


# -- where the CPU went -------------------------------------------------------------------
@dataclass(frozen=True)
class CpuUse:
    """Over one measurement. Process figures are in percent of ONE core (200% = both of 2)."""

    busy_percent: float
    """Of the whole machine (all cores together = 100%): user + system + irq."""
    iowait_percent: float
    app_percent: float
    """The gunicorn servers started by this benchmark (masters and workers)."""
    postgres_percent: float
    """The throw-away PostgreSQL cluster (postmaster and backends); NaN on SQLite."""
    client_percent: float
    """The load generator itself (this process)."""
    other_percent: float
    """Everything else on the machine (other people's tests, the kernel): the noise."""


class CpuMeter:
    """Machine-wide ticks from /proc/stat and per-process CPU time from /proc/<pid>/stat."""

    def __init__(self, postmaster_pid: int | None = None) -> None:
        self._postmaster = postmaster_pid
        self._machine = _machine_ticks()
        self._processes = _process_ticks()
        self._client = _client_seconds()
        self._wall = time.monotonic()

    def stop(self) -> CpuUse:
        wall = time.monotonic() - self._wall
        processes = _process_ticks()
        app = _tree_ticks(self._processes, processes, os.getpid(), include_root=False)
        postgres = (_tree_ticks(self._processes, processes, self._postmaster, include_root=True)
                    if self._postmaster else math.nan)
        tick = os.sysconf("SC_CLK_TCK")

        def percent(ticks: float) -> float:
            return ticks / tick / wall * 100 if wall > 0 else math.nan

        busy, iowait = _machine_percent(self._machine, _machine_ticks())
        client = (_client_seconds() - self._client) / wall * 100 if wall > 0 else math.nan
        ours = percent(app) + client + (0.0 if math.isnan(postgres) else percent(postgres))
        return CpuUse(busy, iowait, percent(app), percent(postgres), client,
                      max(0.0, busy * cores() - ours))


def _machine_ticks() -> list[int]:
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            return [int(x) for x in stat.readline().split()[1:9]]
    except OSError:
        return []


def _machine_percent(before: list[int], after: list[int]) -> tuple[float, float]:
    deltas = [b - a for a, b in zip(before, after)]
    total = sum(deltas)
    if not deltas or total <= 0:
        return math.nan, math.nan
    idle, iowait = deltas[3], deltas[4]
    return (total - idle - iowait) / total * 100, iowait / total * 100


def _process_ticks() -> dict[int, tuple[int, int]]:
    """pid -> (parent pid, utime + stime in clock ticks), for every process we may read."""
    found = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="utf-8", errors="replace") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        found[int(entry.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    return found


def _tree_ticks(before: dict[int, tuple[int, int]], after: dict[int, tuple[int, int]], root: int,
                *, include_root: bool) -> int:
    """CPU ticks used meanwhile by the descendants of ``root`` that are alive at the end."""
    children: dict[int, list[int]] = defaultdict(list)
    for pid, (parent, _ticks) in after.items():
        children[parent].append(pid)
    members, todo = [], [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        if pid != root or include_root:
            members.append(pid)
    return sum(after[pid][1] - before.get(pid, (0, 0))[1] for pid in members if pid in after)


def _client_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def cores() -> int:
    return os.cpu_count() or 1
