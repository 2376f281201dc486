"""Recommendation latency and memory on synthetic catalogues of 1k, 10k and 100k credentials, and pathway
cost against an exhaustive optimum on 200 small random cases.

Run with ``make bench-catalog``; results are written to BENCHMARKS.md (section "catalog").
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import itertools
import os
import platform
import random
import statistics
import time
from pathlib import Path

from benchmarks.report import write_section
from catalog.advice.recommender import Constraints, candidate_pool, recommend_pathway
from catalog.catalogue.index import CatalogIndex
from catalog.catalogue.records import CredentialRecord, ProviderRecord
from catalog.catalogue.taxonomy import Role, Taxonomy, default_taxonomy

TYPES = ["badge", "course_certificate", "professional_certificate", "specialization", "certification"]


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def synthetic_catalog(taxonomy: Taxonomy, n: int, seed: int = 7) -> tuple[list[ProviderRecord], list[CredentialRecord]]:
    """Credentials whose skills cluster around roles, like a real catalogue's."""
    rnd = random.Random(seed)
    providers = [ProviderRecord(id=f"p{i}", name=f"Provider {i}", kind=rnd.choice(["platform", "university",
                 "employer", "professional_body"]), accreditation=["Body"] if i % 3 == 0 else []) for i in range(60)]
    roles = taxonomy.target_roles()
    all_skills = list(taxonomy.skills)
    creds = []
    for i in range(n):
        role = rnd.choice(roles)
        k = rnd.randint(1, min(5, len(role.skills)))
        skills = rnd.sample(list(role.skills), k) + rnd.sample(all_skills, rnd.randint(0, 2))
        priced = rnd.random() < 0.8
        creds.append(CredentialRecord(
            id=f"c{i}", title=f"Credential {i}", provider=rnd.choice(providers).id, type=rnd.choice(TYPES),
            skills=list(dict.fromkeys(skills)), hours=round(rnd.uniform(2, 200), 1),
            cost=round(rnd.uniform(0, 900), 0) if priced else None, currency="USD",
            pricing="one_off" if priced else "subscription",
            recognized_by=["Employer"] if rnd.random() < 0.4 else [],
            quality_assurance=["QA body"] if rnd.random() < 0.3 else [],
            rating=round(rnd.uniform(3.2, 4.9), 1) if rnd.random() < 0.5 else None,
            review_count=rnd.randint(0, 5000) if rnd.random() < 0.5 else None,
            assessment=rnd.choice(["quiz", "graded_assignments", "proctored_exam", "none"]),
            badge=rnd.choice(["credly", "certificate_url", "none"]),
            industries=[role.industry], level=rnd.choice(["beginner", "intermediate", "advanced"]),
        ))
    return providers, creds


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


def _objective(items, c: Constraints) -> float:
    return sum(i.effort_cost() for i in items)


def optimality_run(taxonomy: Taxonomy, cases: int = 200, seed: int = 5) -> dict:
    """Greedy pathway vs the exhaustive optimum over the same candidate pool, on small random cases."""
    rnd = random.Random(seed)
    skills = list(taxonomy.skills)[:40]
    within = within_money = 0
    ratios = []
    for case in range(cases):
        role_skills = rnd.sample(skills, rnd.randint(3, 6))
        role = Role(name=f"Case role {case}", industry="it", skills={s: round(rnd.uniform(0.3, 1.0), 2)
                                                                       for s in role_skills})
        tx = Taxonomy(list(taxonomy.skills.values()), [role])
        providers, creds = synthetic_catalog(tx, rnd.randint(8, 14), seed=case)
        index = CatalogIndex(providers, creds)
        c = Constraints(max_steps=4)
        pathway = recommend_pathway(tx, index, role.name, [], c, today=dt.date(2026, 11, 28))
        pool = candidate_pool(index, list(role.skills), c)
        best_cover, best_cost, best_money = -1.0, float("inf"), float("inf")
        for k in range(1, min(4, len(pool)) + 1):
            for combo in itertools.combinations(pool, k):
                covered = set().union(*(i.skills for i in combo)) & set(role.skills)
                cover = round(sum(role.skills[s] for s in covered), 6)
                cost = _objective(combo, c)
                if cover > best_cover + 1e-9 or (abs(cover - best_cover) < 1e-9 and cost < best_cost):
                    best_cover, best_cost = cover, cost
                    best_money = sum(i.est_usd for i in combo)
        got_cover = round(sum(role.skills[s] for s in set(role.skills) - set(pathway.uncovered)), 6)
        got_cost = _objective([s.item for s in pathway.steps], c)
        got_money = sum(s.item.est_usd for s in pathway.steps)
        ok_cover = got_cover >= best_cover - 1e-9
        ratio = got_cost / best_cost if best_cost else 1.0
        ratios.append(ratio if ok_cover else float("inf"))
        within += ok_cover and got_cost <= 1.10 * best_cost + 1e-9
        within_money += ok_cover and got_money <= 1.10 * best_money + 1e-9
    finite = [r for r in ratios if r != float("inf")]
    return {
        "cases": cases,
        "within_10pct": within / cases,
        "within_10pct_money": within_money / cases,
        "median_ratio": statistics.median(finite) if finite else float("nan"),
        "full_cover": len(finite) / cases,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
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
        "every subset of up to 4 candidates): ",
        f"- pathway effort cost within 10% of the optimum (same or better coverage): **{opt['within_10pct']:.1%}**",
        f"- money alone within 10% of the optimum's money: {opt['within_10pct_money']:.1%}",
        f"- median cost ratio (pathway / optimum): {opt['median_ratio']:.3f}; full optimum coverage reached in "
        f"{opt['full_cover']:.1%}",
    ]
    if not args.no_write:
        write_section(Path("BENCHMARKS.md"), "catalog", "Recommender latency, memory and optimality", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
