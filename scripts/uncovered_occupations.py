"""Rank the O*NET occupations of the five industries that no taxonomy role covers (re-runnable analysis).

Why: a learner whose goal is an occupation no target role has as its ``onet`` code is offered the "closest
roles" (``OccupationReader.closest_roles``), and for some common jobs those are poor (a licensed practical
nurse offered RN specialties, a childcare centre director offered a SEN coordinator). This script is the
documented rule for choosing which roles to add next, so the choice can be checked and repeated after the
taxonomy or O*NET changes:

    .venv/bin/python scripts/uncovered_occupations.py [--industry healthcare] [--top 25] [--all]
    .venv/bin/python scripts/uncovered_occupations.py --detail 29-2061.00 25-1072.00

Selection rule. An occupation is a candidate when
- its O*NET-SOC code falls in one of the groups chosen per industry below (``INDUSTRY_GROUPS``; the longest
  matching prefix decides the industry),
- its job zone is 2-4, or 5 where micro-credentials are still a plausible route (``ZONE5_EXCLUDED`` drops the
  professions entered only through a doctorate or a medical licence: physicians, dentists, pharmacists...),
- it is neither the ``onet`` code of any existing role nor in the ``onet_close`` of a target role (those were
  reviewed as served; a background role's ``onet_close`` is not, see ``served_codes``).
Candidates are ranked by ``score = log2(1 + titles) * gap * zone_weight``:
- ``titles``: how commonly people name it, the number of O*NET alternate and reported titles filed under it
  (``titles.tsv``, which ``derive_onet.py`` builds from both files), counted up to ``TITLE_CAP``;
- ``gap``: how poorly the closest covered role serves it, ``1 - closeness``, where closeness is the product's
  own profile similarity (``OnetVocabulary.similarity``, cosine of O*NET skill and knowledge importance) between
  the occupation and what the closest role is (its ``onet`` code, else the best of its ``onet_close``), rescaled so that
  ``MIN_SIMILARITY`` of the reader (below which it offers nothing as close) is 0.5 and 1.0 stays 1.0; minus
  ``LICENCE_PENALTY`` when the closest role needs a licence (``licences``) this occupation's people do not
  hold, since they cannot take that job; minus ``ZONE_PENALTY`` per job zone between the two; minus
  ``KIND_PENALTY`` when none of the role's codes is in the occupation's SOC major group (a teacher offered a
  non-teaching role, a manager an analyst's) and ``INDUSTRY_PENALTY`` when the role is of another industry.
  O*NET rates no skills for a few occupations; their closeness comes from O*NET's related occupations
  instead (the rank of the role's best code among them), or is taken as the threshold's 0.5;
- ``zone_weight``: how micro-credential-friendly the job zone is (``ZONE_WEIGHTS``: 0.7 for zone 2, 1.0 for
  zones 3-4, 0.5 for zone 5).

It reads only the project's derived O*NET files (``catalog/catalogue/data/onet/``) and the taxonomy, never
``../shared``; ``--detail`` shows, for chosen codes, the O*NET evidence a reviewer builds a skill profile from
(the most important O*NET skills and knowledge areas and the occupation's tools that are taxonomy skills).
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from catalog.catalogue.onet import ONET_DIR, OnetVocabulary, default_onet  # noqa: E402
from catalog.catalogue.taxonomy import Role, Taxonomy, default_taxonomy  # noqa: E402
from catalog.reading.occupations import MIN_SIMILARITY, OccupationReader  # noqa: E402

# SOC prefixes per industry ("29-" a major group, "43-3" a minor group, "11-3021" a broad occupation); the
# longest prefix that matches a code decides its industry, so "11-3021" is IT although "11-3" is business.
INDUSTRY_GROUPS: dict[str, tuple[str, ...]] = {
    "it": ("15-", "11-3021", "43-9011", "49-2011"),
    "healthcare": ("29-", "31-", "11-9111", "21-1022", "21-1091", "21-1094", "43-6013"),
    "education": ("25-", "11-9031", "11-9032", "11-9033", "11-9039", "39-9011", "13-1151", "11-3131",
                  "21-1012"),
    "business_finance": ("13-", "11-1021", "11-2", "11-3", "11-9199", "43-", "41-3", "23-2011"),
    "manufacturing": ("17-", "51-", "49-", "11-3051", "11-9041", "19-1012", "19-4013", "19-4031", "19-5011",
                      "19-5012"),
}
# How plausibly micro-credentials are a route in, by job zone: zone 2 jobs are learnt mostly on the job (a short
# course helps, rarely decides), zones 3-4 are where certificates and stackable credentials lead, zone 5 needs
# a degree first (micro-credentials add a specialty).
ZONE_WEIGHTS = {2: 0.7, 3: 1.0, 4: 1.0, 5: 0.5}
# O*NET keeps hundreds of legacy machine titles for some operator occupations (430 for shoe machine
# operators); past this many, more titles say more about O*NET's history than about how commonly it is named.
TITLE_CAP = 60
# Zone-5 professions no micro-credential leads into: doctorates and medical or legal licences.
ZONE5_EXCLUDED = ("29-1021", "29-1022", "29-1023", "29-1024", "29-1029", "29-1041", "29-1051", "29-1081",
                  "29-1131", "29-12", "29-1161", "29-1171", "29-1181", "23-1")
LICENCE_PENALTY = 0.3
ZONE_PENALTY = 0.05
KIND_PENALTY = 0.25
INDUSTRY_PENALTY = 0.1
# Licences a role lists (``licences``) and the occupations whose people hold them.
LICENCE_HOLDERS = {"rn": ("29-1141", "29-1151", "29-1161", "29-1171")}


@dataclass(frozen=True)
class Candidate:
    code: str
    title: str
    industry: str
    zone: int
    titles: int
    closest: tuple[str, ...]
    similarity: float  # raw profile cosine to the closest role's best code
    closeness: float  # rescaled and penalised, 0..1
    score: float


def industry_of(code: str) -> str | None:
    best: tuple[int, str] | None = None
    for industry, prefixes in INDUSTRY_GROUPS.items():
        for prefix in prefixes:
            if code.startswith(prefix) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), industry)
    return best[1] if best else None


def title_counts(onet: OnetVocabulary) -> dict[str, int]:
    """Titles filed under each occupation, its own title left out (O*NET alternate and reported titles)."""
    counts: dict[str, int] = defaultdict(int)
    for table in (onet.titles, onet.short_titles):
        for codes in table.values():
            for code in codes:
                counts[code] += 1
    return {code: max(0, n - 1) for code, n in counts.items()}


def role_codes(role: Role) -> tuple[str, ...]:
    """Every occupation a role serves: its own and those reviewed as close to it."""
    return tuple(c for c in (role.onet, *role.onet_close) if c)


def own_codes(role: Role) -> tuple[str, ...]:
    """What the role itself is: its O*NET code, else (no single occupation is the same job) its close ones."""
    return (role.onet,) if role.onet else role.onet_close


def served_codes(taxonomy: Taxonomy) -> set[str]:
    """Occupations a goal already resolves to a role for: every role's ``onet`` and the ``onet_close`` of target
    roles. A background role's ``onet_close`` (Medical Assistants under Healthcare Assistant) is left out: the
    reader never offers a background role as the closest goal, so those occupations are not served as goals."""
    served = {role.onet for role in taxonomy.roles.values() if role.onet}
    served |= {c for role in taxonomy.roles.values() if role.target for c in role.onet_close}
    return served


def closeness(onet: OnetVocabulary, code: str, role: Role, industry: str) -> tuple[float, float]:
    """Raw similarity of the occupation to the role's best code, and the rescaled, penalised closeness."""
    codes = own_codes(role)
    # A new O*NET occupation has no ratings yet (Data Scientists): the role's close occupations stand in.
    rated = [c for c in codes if c in onet.profiles] or [c for c in role_codes(role) if c in onet.profiles]
    raw = max((onet.similarity(code, c) for c in rated), default=0.0)
    if code in onet.profiles and raw > 0:
        # MIN_SIMILARITY -> 0.5, 1.0 -> 1.0, linear, floored at 0.
        scaled = max(0.0, 1.0 - (1.0 - raw) * 0.5 / (1.0 - MIN_SIMILARITY))
    else:  # O*NET rates no skills for it: its related occupations say how near, else as near as the threshold
        related = onet.occupations[code].related
        ranks = [related.index(c) for c in codes if c in related]
        scaled = 1.0 - 0.5 * (min(ranks) + 1) / len(related) if ranks else 0.5
    if not any(c[:2] == code[:2] for c in codes):
        scaled -= KIND_PENALTY
    if role.industry != industry:
        scaled -= INDUSTRY_PENALTY
    for licence in role.licences:
        if not code.startswith(LICENCE_HOLDERS.get(licence, ())):
            scaled -= LICENCE_PENALTY
    zone = onet.occupations[code].job_zone
    role_zones = [onet.occupations[c].job_zone for c in codes if c in onet.occupations]
    role_zones = [z for z in role_zones if z]
    if zone and role_zones:
        scaled -= ZONE_PENALTY * min(abs(zone - z) for z in role_zones)
    return raw, max(0.0, scaled)


def candidates(taxonomy: Taxonomy, onet: OnetVocabulary) -> list[Candidate]:
    reader = OccupationReader(taxonomy, onet)
    served = served_codes(taxonomy)
    counts = title_counts(onet)
    found = []
    for code, occupation in onet.occupations.items():
        industry = industry_of(code)
        zone = occupation.job_zone
        if industry is None or code in served or zone not in ZONE_WEIGHTS:
            continue
        if zone == 5 and code.startswith(ZONE5_EXCLUDED):
            continue
        closest = tuple(reader.closest_roles(code))
        if closest:
            raw, close = closeness(onet, code, taxonomy.roles[closest[0]], industry)
        else:
            raw, close = 0.0, 0.0
        weight = ZONE_WEIGHTS[zone]
        n = counts.get(code, 0)
        found.append(Candidate(code, occupation.title, industry, zone, n, closest, raw, close,
                               math.log2(1 + min(n, TITLE_CAP)) * (1.0 - close) * weight))
    return sorted(found, key=lambda c: (-c.score, c.code))


def print_table(rows: list[Candidate]) -> None:
    print(f"{'rank':>4}  {'score':>5}  {'code':<10}  {'zone':>4}  {'titles':>6}  {'sim':>5}  {'close':>5}  "
          f"{'occupation':<58}  closest roles")
    for i, c in enumerate(rows, 1):
        print(f"{i:>4}  {c.score:5.2f}  {c.code:<10}  {c.zone:>4}  {c.titles:>6}  {c.similarity:5.3f}  "
              f"{c.closeness:5.2f}  {c.title[:58]:<58}  {'; '.join(c.closest) or '-'}")


def print_detail(taxonomy: Taxonomy, onet: OnetVocabulary, codes: list[str], top: int = 12) -> None:
    """The O*NET evidence for a skill profile: top skills/knowledge and the tools that are taxonomy skills."""
    header = (ONET_DIR / "occupation_profiles.tsv").read_text(encoding="utf-8").splitlines()[1].split("\t")[1:]
    reader = OccupationReader(taxonomy, onet)
    for code in codes:
        occupation = onet.occupations.get(code)
        if occupation is None:
            print(f"{code}: not an O*NET occupation")
            continue
        print(f"\n{code} {occupation.title} (zone {occupation.job_zone}); closest: "
              f"{'; '.join(reader.closest_roles(code)) or '-'}")
        profile = onet.profiles.get(code)
        if profile:
            ranked = sorted(zip(header, profile, strict=True), key=lambda t: -t[1])[:top]
            print("  importance: " + ", ".join(f"{name} {value:.1f}" for name, value in ranked))
        else:
            print("  importance: O*NET rates no skills or knowledge for it")
        tools = sorted(t.name for t in onet.tools.values() if code in t.codes)
        skills = sorted({onet.tool_skills[t] for t in tools if t in onet.tool_skills} & set(taxonomy.skills))
        print(f"  tools ({len(tools)}) that are taxonomy skills: {', '.join(skills) or '-'}")
        classes = sorted({onet.tools[t.lower()].kind for t in tools})
        print(f"  tool classes: {', '.join(classes[:15])}{' ...' if len(classes) > 15 else ''}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--industry", choices=sorted(INDUSTRY_GROUPS), help="only this industry")
    parser.add_argument("--top", type=int, default=20, help="rows per industry (default 20)")
    parser.add_argument("--all", action="store_true", help="every candidate, not only the top rows")
    parser.add_argument("--detail", nargs="+", metavar="CODE", help="the O*NET evidence for these occupations")
    args = parser.parse_args()
    taxonomy, onet = default_taxonomy(), default_onet()
    if args.detail:
        print_detail(taxonomy, onet, args.detail)
        return
    rows = candidates(taxonomy, onet)
    for industry in sorted(INDUSTRY_GROUPS):
        if args.industry and industry != args.industry:
            continue
        mine = [c for c in rows if c.industry == industry]
        print(f"\n== {industry}: {len(mine)} uncovered occupations ==")
        print_table(mine if args.all else mine[: args.top])


if __name__ == "__main__":
    main()
