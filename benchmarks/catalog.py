"""Recommendation latency and memory on synthetic catalogues of 1k, 10k and 100k credentials, pathway
cost against an exhaustive optimum on 200 small random cases, and the import of a 50,000-row real-shaped
listing on SQLite and PostgreSQL with the skill mapping's precision and recall (benchmarks/catalog_import.py).

Run with ``make bench-catalog``; results are written to BENCHMARKS.md (sections "catalog" and "import").
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import random
import statistics
import time
from pathlib import Path

from benchmarks import catalog_import
from benchmarks.optimality import optimality_run
from benchmarks.report import write_section
from benchmarks.synthetic import synthetic_catalog
from catalog.advice.recommender import Constraints, recommend_pathway
from catalog.catalogue.index import CatalogIndex
from catalog.catalogue.taxonomy import Taxonomy, default_taxonomy


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def latency_run(taxonomy: Taxonomy, size: int, queries: int, seed: int = 11) -> dict:
    gc.collect()
    before = rss_mb()
    providers, creds = synthetic_catalog(taxonomy, size)
    t0 = time.perf_counter()
    index = CatalogIndex(providers, creds)
    build_s = time.perf_counter() - t0
    del creds
    gc.collect()
    after = rss_mb()
    rnd = random.Random(seed)
    roles = taxonomy.target_roles()
    timings = []
    today = dt.date(2026, 11, 28)
    for _ in range(queries):
        role = rnd.choice(roles)
        have = rnd.sample(list(role.skills), rnd.randint(0, max(0, len(role.skills) - 2)))
        c = Constraints(budget=rnd.choice([None, 300, 1000]), max_steps=4)
        t = time.perf_counter()
        recommend_pathway(taxonomy, index, role.name, have, c, today=today)
        timings.append((time.perf_counter() - t) * 1000)
    timings.sort()
    return {
        "size": size,
        "p50": statistics.median(timings),
        "p95": timings[int(0.95 * (len(timings) - 1))],
        "build_s": build_s,
        "index_mb": max(0.0, after - before),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--import-rows", type=int, default=50_000)
    parser.add_argument("--import-repeat", type=int, default=3, help="runs per import figure (the median is shown)")
    parser.add_argument("--sections", default="recommender,import", help="comma-separated: recommender, import")
    args = parser.parse_args()
    sections = set(args.sections.split(","))
    if "import" in sections:
        lines = catalog_import.section(args.import_rows, args.import_repeat)
        if not args.no_write:
            write_section(Path("BENCHMARKS.md"), "import", "Catalogue import: speed and skill mapping",
                          "\n".join(lines))
        print("\n".join(lines))
    if "recommender" in sections:
        recommender_section(args)


def recommender_section(args: argparse.Namespace) -> None:
    taxonomy = default_taxonomy()
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        r = latency_run(taxonomy, size, args.queries)
        rows.append(r)
        print(f"{size:>7} credentials: p50 {r['p50']:.2f} ms, p95 {r['p95']:.2f} ms, index build {r['build_s']:.1f} s,"
              f" +{r['index_mb']:.0f} MB")
    opt = optimality_run(taxonomy)
    print(f"optimality: {opt['within_10pct']:.1%} within 10% of the exhaustive optimum ({opt['cases']} cases)")
    lines = [
        "Command: `make bench-catalog` (`python -m benchmarks.catalog`), one process, one core, "
        f"{args.queries} random queries per size (random role, random subset of its skills held, budget "
        f"none/300/1000, max 4 steps). Machine: {platform.machine()}, Python {platform.python_version()}.",
        "",
        "| credentials | p50 ms | p95 ms | p95 / p95 at 1k | index build s | index memory MB |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    base = rows[0]["p95"] or 1e-9
    for r in rows:
        lines.append(f"| {r['size']:,} | {r['p50']:.2f} | {r['p95']:.2f} | {r['p95'] / base:.2f}x | "
                     f"{r['build_s']:.1f} | {r['index_mb']:.0f} |")
    lines += [
        "",
        f"Optimality on {opt['cases']} random small cases (3-6 gap skills, 8-14 credentials, exhaustive search over "
        "every subset of up to 4 fitting candidates, effort weighted by relevance to the role and, for a "
        "newcomer, by level, as the recommender weighs it; `make bench-advice` reports the same run): ",
        f"- pathway effort cost within 10% of the optimum (same or better coverage): **{opt['within_10pct']:.1%}**",
        f"- median cost ratio (pathway / optimum): {opt['median_ratio']:.3f}; full optimum coverage reached in "
        f"{opt['full_cover']:.1%}",
    ]
    if not args.no_write:
        write_section(Path("BENCHMARKS.md"), "catalog", "Recommender latency, memory and optimality", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
