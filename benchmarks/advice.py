"""``make bench-advice``: pathways for a panel of learners, checked the way a career counsellor reads them.

The panel (benchmarks/data/advice_panel.yml) was written by a helper session acting as a counsellor who
saw neither the catalogue, the taxonomy nor the recommender; nobody tuning the recommender reads its
profiles. Each profile is read the way the assistant reads a learner (the product's mention finder for
the job and skills, its credential finder for what they hold), a pathway is built, and automatic checks
run on it, each independent of the rule in the recommender that should make it pass:

- ``contained``: no step is part of another step (CTDL hasPart/isPartOf, transitively);
- ``eligible``: no step has an entry requirement the profile clearly fails (experience in a role that
  counts, a licence, a degree, a credential), judged from the profile's own fields;
- ``relevant``: every step, prerequisites and all, reaches the documented relevance threshold to the goal
  role (``catalog/advice/relevance.py``: built for the role, or enough of its listed skills are the
  role's or of the role's kinds);
- ``honest_totals``: a total is null unless every step has a stated or estimated figure (never 0 for
  unknown), and the text never prices anything at $0;
- ``flags``: no flag kind on every step of a pathway of three or more steps (a flag on everything says
  nothing), and at most two flags a step.

Also: the optimality of the greedy choice against an exhaustive optimum of the same model (effort weighed
by relevance, fitting candidates only) on small random catalogues, as ``make bench-catalog`` measured it
before relevance was part of the cost.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from benchmarks.optimality import optimality_run
from benchmarks.report import write_section
from catalog.advice.eligibility import LearnerBackground
from catalog.advice.payload import pathway_payload
from catalog.advice.recommender import Constraints, Pathway, recommend_pathway
from catalog.advice.relevance import MIN_RELEVANCE, relevance
from catalog.advice.wording import pathway_text
from catalog.catalogue.importer import import_files, seed_files
from catalog.catalogue.index import CatalogIndex
from catalog.catalogue.records import DEGREE_LEVELS
from catalog.catalogue.store import CatalogStore
from catalog.catalogue.taxonomy import Role, Taxonomy, default_taxonomy
from catalog.reading.mentions import finder_for
from catalog.reading.references import find_credential

PANEL = Path(__file__).parent / "data" / "advice_panel.yml"
CHECKS = ("contained", "eligible", "relevant", "honest_totals", "flags")
RN = re.compile(r"\b(RN|registered nurse|NMC)\b", re.IGNORECASE)
MAX_FLAGS_PER_STEP = 2
TODAY = dt.date(2026, 12, 1)


def read_profile(p: dict[str, Any], taxonomy: Taxonomy, index: CatalogIndex) -> dict[str, Any]:
    """The profile in the catalogue's terms, read by the product's own readers."""
    finder = finder_for()
    roles: list[str] = []
    if p.get("current_job"):
        roles = [m.value for m in finder.find(f"I work as a {p['current_job']}") if m.kind == "role"
                 and m.value in taxonomy.roles]
    skills = sorted({m.value for m in finder.find("I know " + ", ".join(p.get("skills") or []))
                     if m.kind == "skill" and m.role != "lacks"})
    held = [c.id for c in (find_credential(name, index) for name in p.get("held_credentials") or []) if c]
    years = {r: float(p["years_experience"]) for r in roles if p.get("years_experience") is not None}
    licences = ["rn"] if any(RN.search(x) for x in p.get("licences") or []) else []
    degree = p.get("degree") if p.get("degree") in DEGREE_LEVELS else None
    c = p.get("constraints") or {}
    constraints = Constraints(budget=c.get("budget"), currency=c.get("currency") or "USD",
                              hours_per_week=c.get("hours_per_week"), deadline_weeks=c.get("deadline_weeks"),
                              free_only=bool(c.get("free_only")))
    background = LearnerBackground.from_profile(taxonomy, roles, years, licences, degree, held)
    return {"roles": roles, "skills": skills, "held": held, "background": background, "constraints": constraints,
            "years": p.get("years_experience"), "licences": licences, "degree": degree}


def _fails_requirement(req: Any, prof: dict[str, Any], earlier: set[str]) -> bool:
    """Whether the profile clearly fails ``req``: the panel's own facts, not the recommender's reading. A
    waiver counts only for someone whose degree the profile gives as a bachelor's or higher."""
    bg: LearnerBackground = prof["background"]
    if req.kind == "experience":
        counting = set(prof["roles"]) & (set(req.roles) | set(req.roles_partly))
        degree = prof["degree"]
        waived = degree is not None and DEGREE_LEVELS.index(degree) >= DEGREE_LEVELS.index("bachelor")
        least = req.years_with_waiver if req.years_with_waiver is not None and waived else req.years
        return not counting or (prof["years"] is not None and prof["years"] < least)
    if req.kind == "licence":
        return req.licence not in bg.licences
    if req.kind == "degree":
        return prof["degree"] is not None and DEGREE_LEVELS.index(prof["degree"]) < DEGREE_LEVELS.index(req.degree)
    if req.kind == "credential":
        return req.credential not in set(prof["held"]) | earlier
    return False


def raw_parts(index: CatalogIndex, whole: str) -> set[str]:
    """Everything ``whole`` contains, walked from the records' own has_part/is_part_of fields (not the
    index's relation maps the recommender uses)."""
    records = [i.record for i in index.by_id.values()]
    direct: dict[str, set[str]] = {}
    for rec in records:
        direct.setdefault(rec.id, set()).update(rec.has_part)
        for w in rec.is_part_of:
            direct.setdefault(w, set()).add(rec.id)
    found: set[str] = set()
    todo = list(direct.get(whole, ()))
    while todo:
        part = todo.pop()
        if part not in found:
            found.add(part)
            todo += direct.get(part, ())
    return found


def check_pathway(p: Pathway, payload: dict[str, Any], prof: dict[str, Any], role: Role,
                  index: CatalogIndex, categories: dict[str, str]) -> dict[str, bool]:
    ids = [s.item.id for s in p.steps]
    contained = not any(b in raw_parts(index, a) for a in ids for b in ids if a != b)
    earlier: set[str] = set()
    eligible = True
    for s in p.steps:
        eligible &= not any(_fails_requirement(r, prof, earlier) for r in s.item.record.entry_requirements)
        earlier.add(s.item.id)
    relevant = all(relevance(s.item, role, categories) >= MIN_RELEVANCE for s in p.steps)
    text = pathway_text(payload)
    honest = True
    for key, figure in (("total_hours", "hours"), ("total_cost", "cost")):
        known = [getattr(s.item, figure) for s in p.steps if getattr(s.item, figure) is not None]
        # A total is given only when every step has a figure; a part is never passed off as the whole.
        honest &= (payload[key] is None) == (len(known) < len(p.steps) or not p.steps)
        if payload[key] == 0:
            honest &= all(f.value == 0 for f in known)
    honest &= "$0" not in text
    kinds = [{f.kind for f in s.flags} for s in p.steps]
    on_all = set.intersection(*kinds) if len(kinds) >= 3 else set()
    flags_ok = not on_all and all(len(s.flags) <= MAX_FLAGS_PER_STEP for s in p.steps)
    return {"contained": contained, "eligible": eligible, "relevant": relevant, "honest_totals": honest,
            "flags": flags_ok}


def panel_run(taxonomy: Taxonomy, index: CatalogIndex) -> dict[str, Any]:
    profiles = yaml.safe_load(PANEL.read_text(encoding="utf-8"))["profiles"]
    results = []
    for raw in profiles:
        role = taxonomy.roles[raw["goal"]]
        prof = read_profile(raw, taxonomy, index)
        p = recommend_pathway(taxonomy, index, role.name, prof["skills"], prof["constraints"],
                              completed=prof["held"], today=TODAY, background=prof["background"])
        payload = pathway_payload(p)
        results.append({"id": raw["id"], "industry": raw["industry"], "steps": len(p.steps),
                        "flags": sum(len(s.flags) for s in p.steps), "later": len(p.later_goals),
                        "checks": check_pathway(p, payload, prof, role, index, taxonomy.categories),
                        "relevance": [relevance(s.item, role, taxonomy.categories) for s in p.steps]})
    return {"profiles": results}


def seeded_index() -> CatalogIndex:
    with tempfile.TemporaryDirectory() as tmp:
        store = CatalogStore(f"sqlite:///{tmp}/bench.db")
        import_files(store, seed_files(), show_progress=False)
        index = CatalogIndex(*store.snapshot())
        store.dispose()
    return index


def main() -> None:
    taxonomy = default_taxonomy()
    index = seeded_index()
    run = panel_run(taxonomy, index)
    rows = run["profiles"]
    by_industry: dict[str, list[dict]] = {}
    for r in rows:
        by_industry.setdefault(r["industry"], []).append(r)
    lines = [f"Command: `make bench-advice`. Panel: {len(rows)} learner profiles in "
             f"benchmarks/data/advice_panel.yml, written by a helper session acting as a career counsellor that "
             f"saw no catalogue, taxonomy or recommender; the recommender was not tuned on it.", "",
             "| industry | profiles | pass every check | " + " | ".join(CHECKS) + " | steps (median) | flags/step | "
             "later goals |", "|" + "---|" * (6 + len(CHECKS))]
    for name, group in sorted(by_industry.items()) + [("**all**", rows)]:
        passed = sum(all(r["checks"].values()) for r in group)
        per_check = [f"{sum(r['checks'][c] for r in group) / len(group):.0%}" for c in CHECKS]
        steps = sum(r["steps"] for r in group)
        lines.append(f"| {name} | {len(group)} | {passed / len(group):.0%} | " + " | ".join(per_check)
                     + f" | {statistics.median(r['steps'] for r in group):g} | "
                     f"{(sum(r['flags'] for r in group) / steps) if steps else 0:.2f} | "
                     f"{sum(r['later'] for r in group)} |")
    failing = Counter(c for r in rows for c, ok in r["checks"].items() if not ok)
    empty = [r["id"] for r in rows if r["steps"] == 0]
    opt = optimality_run(taxonomy)
    lines += ["", f"Failed checks: {dict(failing) or 'none'}. Profiles with no step at all: {len(empty)}.",
              "", "Optimality with relevance in the cost (200 random small catalogues, exhaustive optimum over the "
              "same fitting candidates and the same relevance-weighted effort):",
              f"- within 10% of the optimum (same or better coverage): **{opt['within_10pct']:.1%}**",
              f"- median cost ratio (pathway / optimum): {opt['median_ratio']:.3f}; full optimum coverage reached "
              f"in {opt['full_cover']:.1%}"]
    body = "\n".join(lines)
    print(body)
    if "--no-write" not in sys.argv:
        write_section(Path("BENCHMARKS.md"), "advice", "Advice a counsellor would sign (panel checks)", body)


if __name__ == "__main__":
    main()
