"""How long personal-data screening takes per answer (median of repeats), names included.

    .venv/bin/python scripts/benchmarks/screening.py [--repeats 5]

Answers: the free texts of the SYNTHETIC data set (analysis.synthetic), 10,000 of them, plus
three sentences with names, kinship words and inflected names, repeated.
"""
from __future__ import annotations

import argparse
import statistics
import time

from analysis.screening import mask
from analysis.synthetic import generate

NAMED = ["Poikani Eetu ei halua mennä kouluun, opettaja Virtasen kanssa on sovittu palaveri.",
         "Kuratorn Maria ringde tillbaka efter en vecka, men inget hände.",
         "The school never told us anything, and my son Jack is anxious."]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    repeats = parser.parse_args().repeats
    data = generate()
    texts = [t for name in data for column in data[name].coded_columns
             for t in data[name].data[column].dropna().astype(str)]
    synthetic = (texts * (10_000 // len(texts) + 1))[:10_000]
    for label, answers in (("synthetic answers", synthetic), ("answers with names", NAMED * 3334)):
        mask(answers[0])
        timings = []
        for _ in range(repeats):
            started = time.perf_counter()
            for answer in answers:
                mask(answer)
            timings.append((time.perf_counter() - started) / len(answers))
        print(f"{label}: {len(answers)} answers, median {statistics.median(timings) * 1e6:.1f} µs per answer "
              f"(min {min(timings) * 1e6:.1f}, max {max(timings) * 1e6:.1f})")


if __name__ == "__main__":
    main()
