"""Printing the results: medians over runs, with the spread, and the integrity checks."""
from __future__ import annotations

import math
import statistics

from .checks import Integrity
from .scenarios import Measurement, ScenarioResult
from .stats import ERROR_CATEGORIES

KIND_LABELS = {"view": "GET (views)", "save": "POST page (saves)", "submit": "POST submit"}


def _median(values: list[float]) -> float:
    values = [v for v in values if not math.isnan(v)]
    return statistics.median(values) if values else math.nan


def _spread(values: list[float], fmt: str) -> str:
    values = [v for v in values if not math.isnan(v)]
    if len(values) < 2:
        return ""
    return f" ({min(values):{fmt}}–{max(values):{fmt}})"


def _number(value: float, fmt: str) -> str:
    return "–" if math.isnan(value) else f"{value:{fmt}}"


def median_rate(runs: list[Measurement], kind: str) -> float:
    return _median([run.rate(kind) for run in runs])


def measurement_rows(runs: list[Measurement]) -> list[list[str]]:
    """One row per kind of request: req/s, p50 and p95 (medians over runs), errors (sum)."""
    rows = []
    label = runs[0].name
    for kind in runs[0].summaries:
        summaries = [run.summaries[kind] for run in runs]
        rates = [s.rate for s in summaries]
        p95s = [s.p95_ms for s in summaries]
        errors = {c: sum(s.errors.get(c, 0) for s in summaries) for c in ERROR_CATEGORIES}
        rows.append([
            label,
            KIND_LABELS.get(kind, kind),
            f"{_median([s.ok for s in summaries]):.0f}",
            _number(_median(rates), ".1f") + _spread(rates, ".1f"),
            _number(_median([s.p50_ms for s in summaries]), ".0f"),
            _number(_median(p95s), ".0f") + _spread(p95s, ".0f"),
            "/".join(str(errors[c]) for c in ERROR_CATEGORIES),
        ])
        label = ""
    return rows


HEADER = ["measurement", "requests", "ok/run", "req/s (min–max)", "p50 ms", "p95 ms (min–max)",
          "errors s/t/c"]


def table(rows: list[list[str]], header: list[str] = HEADER) -> str:
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(header, widths)).rstrip()]
    lines.append("  ".join("-" * width for width in widths))
    lines += ["  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]
    return "\n".join("    " + line for line in lines)


def cpu_line(runs: list[Measurement], database: str) -> str:
    def med(attribute: str) -> float:
        return _median([getattr(r.cpu, attribute) for r in runs])

    postgres = f", PostgreSQL {med('postgres_percent'):.0f}%" if database == "postgresql" else ""
    return (f"{runs[0].name}: {_median([r.seconds for r in runs]):.1f} s; CPU in % of one core: "
            f"app servers {med('app_percent'):.0f}%{postgres}, load generator {med('client_percent'):.0f}%, "
            f"other processes {med('other_percent'):.0f}%; machine busy {med('busy_percent'):.0f}% of all "
            f"cores, iowait {med('iowait_percent'):.0f}%")


def per_run_line(runs: list[Measurement]) -> str | None:
    """Each run's p95 beside the CPU other processes took meanwhile: is the spread noise?"""
    if len(runs) < 2:
        return None
    parts = []
    for number, run in enumerate(runs, 1):
        p95 = "/".join(_number(s.p95_ms, ".0f") for s in run.summaries.values())
        parts.append(f"run {number}: p95 {p95} ms, other processes {run.cpu.other_percent:.0f}%")
    return "per run: " + "; ".join(parts)


def integrity_lines(check: Integrity | None) -> list[str]:
    if check is None:
        return []
    verdict = "OK" if check.ok else "FAILED"
    return [
        f"database check: {verdict}. {check.acknowledged} of {check.respondents} respondents acknowledged; "
        f"{check.found_once} of those stored exactly once; missing {check.missing}; duplicated {check.duplicated}; "
        f"rows stored {check.stored}",
        f"  stored but never acknowledged {check.stored_unacknowledged}; stored under an unknown key "
        f"{check.stored_unknown}; receipt shown ≠ stored {check.receipt_mismatches}; incomplete answers "
        f"{check.incomplete}; drafts left for submitted answers {check.drafts_of_submitted}; "
        f"drafts left in all {check.drafts_left}",
    ]


def events_line(runs: list[Measurement]) -> str | None:
    totals: dict[str, int] = {}
    for run in runs:
        for name, count in run.events.items():
            totals[name] = totals.get(name, 0) + count
    if not totals:
        return None
    return "events (all runs): " + ", ".join(f"{name} {count}" for name, count in sorted(totals.items()))


def completed_line(runs: list[Measurement]) -> str | None:
    if not any(r.respondents for r in runs):
        return None
    parts = [f"{r.completed}/{r.respondents}" for r in runs]
    line = f"respondents acknowledged per run: {', '.join(parts)}"
    if any(r.peak_respondents for r in runs):
        line += "; most respondents under way at once: " + ", ".join(str(r.peak_respondents) for r in runs)
    return line


def scenario_report(result: ScenarioResult, runs: int) -> str:
    title = f"== {result.scenario} on {result.database}"
    if runs > 1 and result.scenario in ("lesson", "ceiling"):
        title += f" (medians of {runs} runs; min–max in brackets; errors summed over runs)"
    lines = [title]
    rows: list[list[str]] = []
    for runs_of in result.measurements.values():
        rows += measurement_rows(runs_of)
    if rows:
        lines.append(table(rows))
    if result.scenario == "ceiling":
        lines += ratio_lines(result)
    for runs_of in result.measurements.values():
        if not result.kills:  # killed processes take their CPU accounting with them
            lines.append("  " + cpu_line(runs_of, result.database))
        for line in (per_run_line(runs_of), completed_line(runs_of), events_line(runs_of)):
            if line:
                lines.append("  " + line)
    for event in result.kills:
        requests = {k: v for k, v in event.in_flight.items() if k != "respondent"}
        flying = ", ".join(f"{k} {v}" for k, v in sorted(requests.items())) or "nothing"
        lines.append(f"  kill at {event.at_seconds:.1f} s after {event.acknowledged_before} acknowledged submissions, "
                     f"{event.in_flight.get('respondent', 0)} respondents under way; requests in flight: {flying}; "
                     f"{len(event.committed_unacknowledged)} submission(s) under way already in the database; "
                     f"restarted and healthy in {event.restart_seconds:.1f} s")
    lines += ["  " + line for line in integrity_lines(result.integrity)]
    lines += ["  note: " + note for note in result.notes]
    lines.append(f"  ({result.scenario} on {result.database} took {result.seconds:.0f} s in all)")
    return "\n".join(lines)


def ratio_lines(result: ScenarioResult) -> list[str]:
    measurements = result.measurements
    floor = median_rate(measurements["floor: GET /healthz"], "view")
    if not floor or math.isnan(floor):
        return ["  (no floor measured)"]
    journeys = measurements["journey"]
    journey_requests = _median([sum(s.ok for s in r.summaries.values()) / r.seconds for r in journeys])
    journeys_per_s = _median([r.completed / r.seconds for r in journeys])
    rows = [
        ("page view alone (GET)", median_rate(measurements["page view alone"], "view")),
        ("page save alone (POST)", median_rate(measurements["page save alone"], "save")),
        ("submit burst (POST)", median_rate(measurements["submit burst"], "submit")),
        ("journeys: all requests", journey_requests),
    ]
    lines = [f"  throughput as a share of the floor ({floor:.0f} req/s of GET /healthz):"]
    lines += [f"    {name:<24} {rate:7.1f} req/s = {rate / floor:4.2f} × floor" for name, rate in rows]
    lines.append(f"    complete journeys (notice to thanks, {_requests_per_journey(journeys):.0f} requests each): "
                 f"{journeys_per_s:.1f} respondents/s = {journeys_per_s * 60:.0f} a minute")
    return lines


def _requests_per_journey(runs: list[Measurement]) -> float:
    completed = sum(r.completed for r in runs)
    requests = sum(sum(s.ok for s in r.summaries.values()) for r in runs)
    return requests / completed if completed else math.nan
