"""How close the greedy pathway comes to the best one the same model allows, found by exhaustive search on
small random catalogues: the same fitting candidates, the same effort weighted by relevance (and level for
a newcomer), the same step limit. Reported by ``make bench-advice`` and ``make bench-catalog``."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import statistics
from typing import Any

from benchmarks.synthetic import synthetic_catalog
from catalog.advice.recommender import Constraints, candidate_pool, effort_factor, recommend_pathway
from catalog.advice.relevance import fits
from catalog.catalogue.index import CatalogIndex
from catalog.catalogue.taxonomy import Role, Taxonomy

TODAY = dt.date(2026, 12, 1)


def _objective(items: list, factor_of: dict[str, float]) -> float:
    return sum(i.effort_cost() * factor_of[i.id] for i in items)


def optimality_run(taxonomy: Taxonomy, cases: int = 200, seed: int = 5) -> dict[str, Any]:
    """Greedy vs the exhaustive optimum over the same fitting candidates and the same weighted effort
    (relevance, and level for a newcomer: the learner here starts with no skills), on small random cases."""
    rnd = random.Random(seed)
    skills = list(taxonomy.skills)[:40]
    within = 0
    ratios = []
    for case in range(cases):
        role_skills = rnd.sample(skills, rnd.randint(3, 6))
        role = Role(name=f"Case role {case}", industry="it",
                    skills={s: round(rnd.uniform(0.3, 1.0), 2) for s in role_skills})
        tx = Taxonomy(list(taxonomy.skills.values()), [role])
        providers, creds = synthetic_catalog(tx, rnd.randint(8, 14), seed=case)
        index = CatalogIndex(providers, creds)
        c = Constraints(max_steps=4)
        pathway = recommend_pathway(tx, index, role.name, [], c, today=TODAY)
        pool = [i for i in candidate_pool(index, list(role.skills), c) if fits(i, role, tx.categories)]
        # The learner here starts with no skills: a newcomer.
        fit_of = {i.id: effort_factor(i, role, True, tx.categories) for i in pool}
        best_cover, best_cost = -1.0, float("inf")
        for k in range(1, min(4, len(pool)) + 1):
            for combo in itertools.combinations(pool, k):
                cover = round(sum(role.skills[s] for s in set().union(*(i.skills for i in combo)) & set(role.skills)), 6)
                cost = _objective(list(combo), fit_of)
                if cover > best_cover + 1e-9 or (abs(cover - best_cover) < 1e-9 and cost < best_cost):
                    best_cover, best_cost = cover, cost
        got_cover = round(sum(role.skills[s] for s in set(role.skills) - set(pathway.uncovered)), 6)
        got_cost = _objective([s.item for s in pathway.steps], fit_of) if pathway.steps else 0.0
        ok_cover = got_cover >= best_cover - 1e-9 or best_cover <= 0
        ratio = got_cost / best_cost if best_cost not in (0.0, float("inf")) else 1.0
        ratios.append(ratio if ok_cover else float("inf"))
        within += ok_cover and got_cost <= 1.10 * best_cost + 1e-9
    finite = [r for r in ratios if r != float("inf")]
    return {"cases": cases, "within_10pct": within / cases,
            "median_ratio": statistics.median(finite) if finite else float("nan"), "full_cover": len(finite) / cases}
