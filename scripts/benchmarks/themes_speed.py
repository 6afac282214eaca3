#!/usr/bin/env python3
"""Speed and peak memory of the theme pipelines on 1,000, 10,000 and 100,000 answers.

The answers are made from the free texts of ``analysis.synthetic`` (every coded free-text
column of the three surveys, a larger draw than the default): each is one to three sentences
of texts written in the same language, so they read like survey answers, carry the synthetic
personal data that screening must mask, and are mostly distinct (the share is printed).

Each measurement runs in a fresh process, so that its peak resident set size (``VmHWM``) is its
own and no cache of an earlier run helps it:

* ``lexical``: ``ThemePipeline()`` stage by stage (prepare, represent, cluster, label), after the
  simplemma dictionaries were loaded (not counted), automatic k from 2 to 12;
* ``embed cold`` / ``embed warm``: ``EmbeddingRepresentation().embed`` of the prepared answers
  with an empty cache folder, then again in a new process with the cache it left;
* ``embedding``: ``ThemePipeline(representation="embedding")`` stage by stage, cache warm.

    .venv/bin/python scripts/benchmarks/themes_speed.py                   # 1,000 and 10,000
    .venv/bin/python scripts/benchmarks/themes_speed.py --sizes 1000 10000 100000
    .venv/bin/python scripts/benchmarks/themes_speed.py --sizes 100000 --cold-max 10000

``--cold-max``: above this many answers the embedding rows are skipped unless the cache folder
(``--cache``) already holds them (a cold run at 100,000 answers takes about half an hour here).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

SIZES = {"guardians": 2000, "pupils": 2000, "staff": 1000}
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def answers(n: int, seed: int = 0) -> list[str]:
    """``n`` answers recombined from the synthetic free texts (see the module doc)."""
    from analysis.synthetic import generate

    data = generate(**SIZES)
    pools: dict[str, list[str]] = {}
    for survey in data.surveys.values():
        frame = survey.data
        for column in survey.coded_columns:
            for index in frame[column].dropna().index:
                sentences = [s for s in _SENTENCE.split(str(frame.loc[index, column])) if s]
                pools.setdefault(frame.loc[index, "language"], []).extend(sentences)
    languages = sorted(pools)
    weights = [len(pools[language]) for language in languages]
    rng = random.Random(seed)
    texts = []
    for _ in range(n):
        pool = pools[rng.choices(languages, weights)[0]]
        texts.append(" ".join(rng.choice(pool) for _ in range(rng.choice((1, 2, 2, 3)))))
    return texts


def peak_rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _timed(times: dict, name: str, function):
    start = time.perf_counter()
    value = function()
    times[name] = time.perf_counter() - start
    return value


def worker(kind: str, n: int, cache: str) -> dict:
    """One measurement in this (fresh) process."""
    from analysis.text import prepare
    from analysis.themes import (
        ClassTfidfLabeller, EmbeddingRepresentation, LexicalRepresentation, ThemeClusterer,
    )

    texts = answers(n)
    prepare(["koulussa", "skolan", "school"])  # the dictionaries: loaded once per process
    times: dict[str, float] = {}
    documents = _timed(times, "prepare", lambda: [d for d in prepare(texts) if d.lemmas])
    row = {"kind": kind, "n": n, "distinct": len(set(texts)), "content": len(documents)}
    if kind.startswith("embed "):
        representation = EmbeddingRepresentation(cache=cache)
        _timed(times, "embed", lambda: representation.embed(documents))
        row["per_second"] = len(documents) / times["embed"]
    else:
        representation = (LexicalRepresentation() if kind == "lexical"
                          else EmbeddingRepresentation(cache=cache))
        vectors = _timed(times, "represent", lambda: representation.fit_transform(documents))
        clusterer = _timed(times, "cluster", lambda: ThemeClusterer().fit(vectors))
        _timed(times, "label", lambda: ClassTfidfLabeller().fit(
            documents, clusterer.labels_, embeddings=vectors, centers=clusterer.cluster_centers_))
        times["total"] = sum(times.values())
        row.update(k=clusterer.n_clusters_, themes=clusterer.n_themes_,
                   other=int((clusterer.labels_ == -1).sum()))
    return {**row, **times, "rss_mb": peak_rss_mb()}


def run(kind: str, n: int, cache: Path) -> dict:
    command = [sys.executable, __file__, "--worker", kind, str(n), str(cache)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def cached_rows(cache: Path) -> int:
    from analysis.themes import EmbeddingCache

    return len(EmbeddingCache(cache))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--cold-max", type=int, default=10000)
    parser.add_argument("--cache", type=Path, default=None,
                        help="embedding cache folder (default: a new temporary one per size)")
    parser.add_argument("--skip-embedding", action="store_true")
    parser.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        kind, n, cache = args.worker
        print(json.dumps(worker(kind, int(n), cache)))
        return

    print(f"# Theme pipelines: speed and memory\n\n    {' '.join(sys.argv)}\n")
    print(f"Python {platform.python_version()}, {os.cpu_count()} CPUs, {platform.machine()}, "
          f"{time.strftime('%Y-%m-%d %H:%M')}, load average {os.getloadavg()[0]:.1f}\n")
    print("| answers (distinct) | path | total s | prepare s | represent s | cluster s | label s "
          "| k (themes, other) | embed answers/s | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for n in args.sizes:
        folder = args.cache or Path(tempfile.mkdtemp(prefix="verkosto-embeddings-"))
        kinds = ["lexical"]
        if not args.skip_embedding:
            if n <= args.cold_max:
                kinds += ["embed cold", "embed warm", "embedding"]
            elif cached_rows(folder) >= n * 0.9:
                kinds += ["embed warm", "embedding"]
        for kind in kinds:
            row = run(kind, n, folder)
            fmt = lambda key: f"{row[key]:.2f}" if key in row else "-"  # noqa: E731
            themes = (f"{row['k']} ({row['themes']}, {row['other']})" if "k" in row else "-")
            rate = f"{row['per_second']:.0f}" if "per_second" in row else "-"
            total = fmt("total") if "total" in row else fmt("embed") + " (embed)"
            print(f"| {n:,} ({row['distinct']:,}) | {kind} | {total} | {fmt('prepare')} "
                  f"| {fmt('represent')} | {fmt('cluster')} | {fmt('label')} | {themes} | {rate} "
                  f"| {row['rss_mb']:.0f} |", flush=True)
        if args.cache is None:
            shutil.rmtree(folder, ignore_errors=True)
    print(f"\nOne run per row, each in a fresh process; load average {os.getloadavg()[0]:.1f} at "
          "the end (a shared 2-core machine: timings are indicative). prepare: screening, "
          "language identification, lemmas (not counted in the embed rows' total). embed: "
          "the embeddings alone, through the cache (cold: empty; warm: filled by the cold "
          "run). embedding: the whole embedding pipeline with the cache warm.")


if __name__ == "__main__":
    main()
