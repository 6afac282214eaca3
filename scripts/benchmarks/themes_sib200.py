#!/usr/bin/env python3
"""Benchmark of the theme representations on SIB-200 (fi, sv, en). See docs/benchmarks.md.

The three SIB-200 files (training split) are translations of the same 701 sentences in 7
topics. Source: the SIB-200 repository (dadelani/sib-200 on GitHub, Apache-2.0); the sentences
come from FLORES-200 (CC BY-SA 4.0). The data is read where it lies (--data), never copied into
this repository. The sentences are pooled (2,103) and clustered, and the clusters are compared
with scikit-learn's metrics:

* topic agreement: V-measure and adjusted Rand index (ARI) against ``category``;
* language leakage: normalised mutual information (NMI) against the sentence's language
  (0 = clusters mix languages evenly, 1 = each cluster is one language);
* each language on its own, for comparison.

first for the three representations a pipeline can be given (``--compare``: the lexical default,
the plain centred multilingual-e5-small embeddings that are the issue's baseline, and the
embedding representation's default: embeddings + lexical vectors, 20 half-whitened principal
components), as medians over seeds, on SIB-200 and on the synthetic answers; then for several
lexical representations, with and without per-language centring, with k = 7 fixed and with
the automatic choice of k. For the comparison with the README figures the clusterer is plain
KMeans here (no "other" group). Then the same on the SYNTHETIC survey answers of
``analysis.synthetic`` (reasons for absence, barriers to cooperation) with each source of shared
concepts, and speed and peak memory of the default pipeline on 1,000 and 10,000 answers made
from the SIB sentences with small perturbations.

    .venv/bin/python scripts/benchmarks/themes_sib200.py               # everything (~5 minutes)
    .venv/bin/python scripts/benchmarks/themes_sib200.py --runs 1 --sizes 1000
    .venv/bin/python scripts/benchmarks/themes_sib200.py --data /path/to/sib200
    .venv/bin/python scripts/benchmarks/themes_sib200.py --compare-only --runs 7 --sizes

The embeddings are cached (``$VERKOSTO_CACHE_DIR``, else ``~/.cache/verkosto/embeddings``): the
first run embeds the 2,103 sentences (about a minute here), later runs read them.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import resource
import shlex
import statistics
import subprocess
from collections import Counter
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.metrics import (  # noqa: E402
    adjusted_rand_score, normalized_mutual_info_score, v_measure_score,
)

from analysis.text import prepare  # noqa: E402
from analysis.themes import (  # noqa: E402
    ClassTfidfLabeller, EmbeddingRepresentation, LexicalRepresentation, ThemeClusterer,
    ThemePipeline,
)

DATA = Path("/work/shared/benchmarks/sib200")
FILES = {"fi": "sib_fin_Latn_train.tsv", "sv": "sib_swe_Latn_train.tsv",
         "en": "sib_eng_Latn_train.tsv"}
REPRESENTATIONS = {
    # name: LexicalRepresentation parameters
    "words (lemmas)": dict(word_weight=1.0, concept_weight=0.0, char_weight=0.0),
    "chars 3-5": dict(word_weight=0.0, concept_weight=0.0, char_weight=1.0),
    "words + chars": dict(word_weight=1.0, concept_weight=0.0, char_weight=1.0),
    "words + glossary (default)": dict(word_weight=1.0, concept_weight=1.0, char_weight=0.0),
    "words + glossary + chars": dict(word_weight=1.0, concept_weight=1.0, char_weight=1.0),
    "words + codebooks": dict(word_weight=1.0, concept_weight=1.0, char_weight=0.0,
                              concepts="codebooks"),
}
CONCEPT_SOURCES = {"none": None, "glossary (default)": "attendance", "codebooks": "codebooks"}
SYNTHETIC_FAMILIES = {  # theme family: (survey, free-text column) pairs of analysis.synthetic
    "reasons for absence": [("guardians", "reasons.other"), ("pupils", "hard_reasons.other")],
    "barriers to cooperation": [("guardians", "what_should_change"), ("staff", "what_hinders")],
}
PLAIN_KMEANS = dict(other=None, min_theme_size=1)
COMPARED = {  # name: a function of the seed that makes the representation
    "lexical (the default)": lambda seed: LexicalRepresentation(random_state=seed),
    "embeddings centred (baseline)": lambda seed: EmbeddingRepresentation(
        lexical_weight=0.0, n_components=None),
    "embeddings + lexical, PCA 20 half-whitened (embedding default)":
        lambda seed: EmbeddingRepresentation(lexical=LexicalRepresentation(random_state=seed)),
}


def load(data: Path) -> dict[str, list[dict[str, str]]]:
    rows = {}
    for language, name in FILES.items():
        with open(data / name, encoding="utf-8", newline="") as file:
            rows[language] = list(csv.DictReader(file, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows


def cluster(documents, representation: dict, centre: bool, k: int | None, seed: int):
    vectors = LexicalRepresentation(**representation, center_languages=centre,
                                    random_state=seed).fit_transform(documents)
    return ThemeClusterer(n_themes=k, random_state=seed, **PLAIN_KMEANS).fit(vectors)


def repeated(function, seeds: range) -> tuple[float, list]:
    """Median seconds and the results of ``function(seed)`` for each seed."""
    times, results = [], []
    for seed in seeds:
        start = time.perf_counter()
        results.append(function(seed))
        times.append(time.perf_counter() - start)
    return statistics.median(times), results


def spread(values: list[float]) -> str:
    if len(values) == 1:
        return f"{values[0]:.3f}"
    return f"{statistics.mean(values):.3f} ± {statistics.stdev(values):.3f}"


def quality(args) -> None:
    rows = load(args.data)
    texts, topics, truth_languages = [], [], []
    for language, items in rows.items():
        texts += [row["text"] for row in items]
        topics += [row["category"] for row in items]
        truth_languages += [language] * len(items)
    print(f"SIB-200 train split: {len(texts)} sentences pooled "
          f"({', '.join(f'{len(v)} {k}' for k, v in rows.items())}), "
          f"{len(set(topics))} topics\n")

    prepare(["koulussa", "skolan", "school"])  # load the dictionaries before timing
    start = time.perf_counter()
    documents = prepare(texts)
    first = time.perf_counter() - start
    seconds, _ = repeated(lambda seed: prepare(texts), range(args.runs))
    accuracy = np.mean([d.language == t for d, t in zip(documents, truth_languages)])
    print(f"prepare() on {len(texts)} sentences: {first:.2f} s the first time, {seconds:.2f} s "
          f"again (median of {args.runs}; word look-ups cached); language identified correctly "
          f"for {accuracy:.1%}\n")
    by_language = {language: [d for d, t in zip(documents, truth_languages) if t == language]
                   for language in FILES}
    topics_by_language = {language: [c for c, t in zip(topics, truth_languages) if t == language]
                          for language in FILES}
    seeds = range(args.runs)
    auto_seeds = range(max(1, args.runs_auto))

    print("| representation | centred | k | pooled topic V | pooled topic ARI | language NMI "
          "| fi V | sv V | en V | stability | fit s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, representation in REPRESENTATIONS.items():
        alone = {language: spread([v_measure_score(
                     topics_by_language[language],
                     cluster(by_language[language], representation, True, 7, seed).labels_)
                     for seed in seeds])
                 for language in FILES}
        for centre in (False, True):
            for k in (7, None):
                seconds, models = repeated(
                    lambda seed: cluster(documents, representation, centre, k, seed),
                    seeds if k else auto_seeds)
                chosen = "7" if k else "auto: " + ", ".join(str(m.n_clusters_) for m in models)
                per_language = (" | ".join(alone[language] for language in FILES) if k
                                else "- | - | -")
                topic_v = spread([v_measure_score(topics, m.labels_) for m in models])
                topic_ari = spread([adjusted_rand_score(topics, m.labels_) for m in models])
                leakage = spread([normalized_mutual_info_score(truth_languages, m.labels_)
                                  for m in models])
                print(f"| {name} | {'yes' if centre else 'no'} | {chosen} "
                      f"| {topic_v} | {topic_ari} | {leakage} | {per_language} "
                      f"| {statistics.mean(m.stability_ for m in models):.2f} | {seconds:.2f} |",
                      flush=True)
    print(f"\nMean ± standard deviation over random_state 0..{args.runs - 1} (auto k: "
          f"0..{len(auto_seeds) - 1}; the k chosen by each). fi V, sv V, en V: V-measure with "
          "k = 7 on that language alone (701 sentences, centred). stability: mean adjusted Rand "
          "index between 5 KMeans runs from different seeds. fit s: representation + clustering "
          "(auto: k from 2 to 12), median seconds per run.\n")


def median(values: list[float]) -> str:
    return f"{statistics.median(values):.3f}"


def compare(args) -> None:
    """The representations a pipeline can be given, as medians over seeds (k fixed)."""
    rows = load(args.data)
    texts = [row["text"] for items in rows.values() for row in items]
    topics = np.array([row["category"] for items in rows.values() for row in items])
    truth_languages = np.array([language for language, items in rows.items() for _ in items])
    documents = prepare(texts)
    seeds = range(args.runs)
    sets = {"SIB-200": (documents, topics, 7)}
    for family in SYNTHETIC_FAMILIES:
        family_texts, truth = synthetic_answers(family)
        prepared = prepare(family_texts)
        keep = [i for i, document in enumerate(prepared) if document.lemmas]
        sets[family] = ([prepared[i] for i in keep], np.array([truth[i] for i in keep]),
                        len(set(truth[i] for i in keep)))

    def labels(make, docs, k, seed):
        vectors = make(seed).fit_transform(docs)
        return ThemeClusterer(n_themes=k, random_state=seed, **PLAIN_KMEANS).fit(vectors).labels_

    print("| representation | pooled topic V | pooled ARI | language NMI | fi V | sv V | en V "
          "| reasons for absence V (ARI) | barriers to cooperation V (ARI) | fit s |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, make in COMPARED.items():
        start = time.perf_counter()
        pooled = [labels(make, documents, 7, seed) for seed in seeds]
        seconds = (time.perf_counter() - start) / len(pooled)
        alone = []
        for language in FILES:
            mask = truth_languages == language
            docs = [d for d, keep in zip(documents, mask) if keep]
            alone.append(median([v_measure_score(topics[mask], labels(make, docs, 7, seed))
                                 for seed in seeds]))
        synthetic_cells = []
        for family in SYNTHETIC_FAMILIES:
            docs, truth, k = sets[family]
            found = [labels(make, docs, k, seed) for seed in seeds]
            synthetic_cells.append(f"{median([v_measure_score(truth, f) for f in found])} "
                                   f"({median([adjusted_rand_score(truth, f) for f in found])})")
        print(f"| {name} | {median([v_measure_score(topics, p) for p in pooled])} "
              f"| {median([adjusted_rand_score(topics, p) for p in pooled])} "
              f"| {median([normalized_mutual_info_score(truth_languages, p) for p in pooled])} "
              f"| {' | '.join(alone)} | {' | '.join(synthetic_cells)} | {seconds:.1f} |",
              flush=True)
    print(f"\nMedians over random_state 0..{args.runs - 1} (the KMeans seeds and the lexical "
          "SVD), plain KMeans (5 seeds, the lowest inertia kept), k = 7 on SIB-200 and the "
          "true number of themes on the synthetic answers (answers with one true theme). fi V, "
          "sv V, en V: SIB-200 V-measure of that language clustered alone. fit s: one pooled "
          "SIB-200 fit (representation + clustering), embeddings read from the cache.\n")


# --- speed and memory ------------------------------------------------------------------------

def perturbed_answers(data: Path, n: int, seed: int = 0) -> tuple[list[str], list[str]]:
    """n answers: SIB sentences (any language) with a word dropped, doubled or swapped."""
    rng = random.Random(seed)
    pool = [(row["text"], language) for language, items in load(data).items() for row in items]
    texts, languages = [], []
    for _ in range(n):
        text, language = rng.choice(pool)
        words = text.split()
        operation = rng.randrange(4)
        if operation == 0 and len(words) > 3:
            del words[rng.randrange(len(words))]
        elif operation == 1:
            index = rng.randrange(len(words))
            words.insert(index, words[index])
        elif operation == 2 and len(words) > 2:
            index = rng.randrange(len(words) - 1)
            words[index], words[index + 1] = words[index + 1], words[index]
        else:
            words = [word.lower() for word in words]
        texts.append(" ".join(words))
        languages.append(language)
    return texts, languages


def peak_rss_mb() -> float:
    """The process's peak resident set size. /proc's VmHWM starts afresh at exec; ru_maxrss may
    carry the parent's peak over into a child, so it is only the fallback."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def scale_worker(data: Path, n: int, k: int | None) -> dict:
    """Run in a fresh process: the pipeline's stages timed one by one (caches cold), then a whole
    ``ThemePipeline().fit`` under tracemalloc, then the process's peak RSS."""
    texts, _ = perturbed_answers(data, n)
    start = time.perf_counter()
    prepare(["koulussa", "skolan", "school"])
    times = {"load": time.perf_counter() - start}

    start = time.perf_counter()
    documents = [document for document in prepare(texts) if document.lemmas]
    times["prepare"] = time.perf_counter() - start
    start = time.perf_counter()
    vectors = LexicalRepresentation().fit_transform(documents)
    times["represent"] = time.perf_counter() - start
    start = time.perf_counter()
    clusterer = ThemeClusterer(n_themes=k).fit(vectors)
    times["cluster"] = time.perf_counter() - start
    start = time.perf_counter()
    ClassTfidfLabeller().fit(documents, clusterer.labels_, embeddings=vectors,
                             centers=clusterer.cluster_centers_)
    times["label"] = time.perf_counter() - start
    times["total"] = sum(times[stage] for stage in ("prepare", "represent", "cluster", "label"))

    tracemalloc.start()
    start = time.perf_counter()
    result = ThemePipeline(clusterer=ThemeClusterer(n_themes=k)).fit(texts)
    times["pipeline_traced"] = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {"n": n, **times, "k": clusterer.n_clusters_, "themes": result.n_themes,
            "other": result.other_size, "peak_mb": peak / 2**20, "rss_mb": peak_rss_mb()}


def synthetic_answers(family: str) -> tuple[list[str], list[str]]:
    """The single-theme free texts of a theme family in analysis.synthetic, and their themes."""
    from analysis.synthetic import generate

    data = generate()
    texts, themes = [], []
    for survey, column in SYNTHETIC_FAMILIES[family]:
        frame, labels = data.surveys[survey].data, data.surveys[survey].labels
        for index in frame[column].dropna().index:
            true = labels[f"{column}__true_themes"][index]
            if isinstance(true, str) and true and ";" not in true:
                texts.append(frame.loc[index, column])
                themes.append(true)
    return texts, themes


def synthetic(args) -> None:
    print("| theme family | answers (fi/sv/en) | themes | concepts | topic V (k = themes) "
          "| ARI (k = themes) | auto k | fit s |")
    print("|---|---|---|---|---|---|---|---|")
    for family in SYNTHETIC_FAMILIES:
        texts, truth = synthetic_answers(family)
        prepared = prepare(texts)
        keep = [i for i, document in enumerate(prepared) if document.lemmas]
        documents, truth = [prepared[i] for i in keep], [truth[i] for i in keep]
        counts = Counter(document.language for document in documents)
        k = len(set(truth))
        for name, concepts in CONCEPT_SOURCES.items():
            def run(seed: int, concepts=concepts):
                vectors = LexicalRepresentation(
                    concepts=concepts, concept_weight=1.0 if concepts else 0.0, random_state=seed,
                ).fit_transform(documents)
                fixed = ThemeClusterer(n_themes=k, random_state=seed, **PLAIN_KMEANS).fit(vectors)
                return fixed, ThemeClusterer(random_state=seed).fit(vectors)
            seconds, models = repeated(run, range(args.runs))
            topic_v = spread([v_measure_score(truth, fixed.labels_) for fixed, _ in models])
            topic_ari = spread([adjusted_rand_score(truth, fixed.labels_) for fixed, _ in models])
            chosen = ", ".join(str(auto.n_clusters_) for _, auto in models)
            print(f"| {family} | {len(documents)} ({counts['fi']}/{counts['sv']}/{counts['en']}) "
                  f"| {k} | {name} | {topic_v} | {topic_ari} | {chosen} | {seconds:.2f} |",
                  flush=True)
    print("\nSYNTHETIC answers of analysis.synthetic (generate(), default seed), those with one "
          "true theme. Its templates and the codebooks' seed terms were written by the same "
          "people, so the codebooks row is an optimistic upper bound; the glossary was written "
          f"independently. Mean ± sd over random_state 0..{args.runs - 1}; fit s: representation "
          "+ both clusterings, median per run.\n")


def speed(args) -> None:
    print("| answers | k | total s | prepare s | represent s | cluster s | label s | k chosen "
          "| themes (other) | tracemalloc peak MB | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for n in args.sizes:
        for k in (7, None):
            command = [sys.executable, __file__, "--worker", str(n), str(k or 0),
                       "--data", str(args.data)]
            output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
            row = json.loads(output.strip().splitlines()[-1])
            print(f"| {n:,} | {k or 'auto'} | {row['total']:.2f} | {row['prepare']:.2f} "
                  f"| {row['represent']:.2f} | {row['cluster']:.2f} | {row['label']:.2f} "
                  f"| {row['k']} | {row['themes']} ({row['other']}) | {row['peak_mb']:.0f} "
                  f"| {row['rss_mb']:.0f} |", flush=True)
    print("\nOne run per row, each in a fresh process, after the simplemma dictionaries were "
          "loaded (about 2 s, not counted). total: prepare + represent + cluster + label, the "
          "default pipeline's stages (low-memory dictionaries, words + glossary, auto k from 2 to "
          "12 with 5 seeds each, the 'other' group on). themes (other): themes kept and answers "
          "in 'other'. tracemalloc peak: Python and NumPy allocations during a second, whole "
          "ThemePipeline().fit. peak RSS: the whole process (interpreter, libraries, "
          "dictionaries, caches).\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--runs", type=int, default=3, help="runs per timing (median)")
    parser.add_argument("--runs-auto", type=int, default=1, help="runs per timing with auto k")
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument("--compare-only", action="store_true",
                        help="only the representations a pipeline can be given")
    parser.add_argument("--worker", nargs=2, type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        n, k = args.worker
        print(json.dumps(scale_worker(args.data, n, k or None)))
        return

    print("# Themes on SIB-200\n")
    command = [os.path.relpath(sys.executable, ROOT), os.path.relpath(__file__, ROOT),
               *sys.argv[1:]]
    print(f"    {shlex.join(command)}\n")
    print(f"Python {platform.python_version()}, scikit-learn {sklearn.__version__}, "
          f"NumPy {np.__version__}, {os.cpu_count()} CPUs, {platform.machine()}, "
          f"{time.strftime('%Y-%m-%d')}, load average {os.getloadavg()[0]:.1f} at the start\n")
    started = time.perf_counter()
    if not args.skip_quality:
        compare(args)
        if not args.compare_only:
            quality(args)
            synthetic(args)
    if args.sizes:
        speed(args)
    print(f"Total {time.perf_counter() - started:.0f} s; load average {os.getloadavg()[0]:.1f} "
          "at the end (timings on a shared machine are only indicative)")


if __name__ == "__main__":
    main()
