"""How well a credential fits the role a learner is aiming for.

A generic skill (customer service, communication) appears on credentials built for every kind of job;
covering it with whichever credential lists it sends a telemedicine coordinator to an IT-support exam.
A credential counts as fitting a role when it is built for that role, or when a fair share of what it
teaches is what the role needs (a skill the role lists counts fully, a skill of the same kind as the
role's half: Network+'s subnetting for a security analyst who needs networking), in the role's own
industry and in a field the role works in (a Kubernetes exam is about DevOps, whatever networking it
includes).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from catalog.catalogue.index import IndexedCredential
from catalog.catalogue.taxonomy import Role

# Below this a credential is not a step for the role, whatever gap skill it happens to list. Chosen on
# small hand-made cases (tests/catalog/advice/test_counsellor_rules.py), not on the advice panel.
MIN_RELEVANCE = 0.3
# A credential its provider aims at other industries counts for this share of its skill overlap.
OTHER_INDUSTRY_FACTOR = 0.5
# A skill the role doesn't list but of a kind (taxonomy category) it does counts this much.
SAME_KIND = 0.5
# A credential mostly about a kind of skill the role has none of counts for this share.
OTHER_FIELD_FACTOR = 0.5


def relevance(item: IndexedCredential, role: Role, categories: Mapping[str, str] | None = None) -> float:
    """1.0 for a credential built for the role; else the share of its listed skills the role needs (those of
    the role's kinds at half), halved when it is aimed at other industries or mostly at another field.
    ``categories`` maps skill names to their taxonomy category; without it only exact skills count."""
    if role.name in item.record.roles:
        return 1.0
    own = list(dict.fromkeys(item.record.skills))  # what the listing is about; a whole's parts would dilute
    if not own:
        return 0.0
    categories = categories or {}
    role_kinds = {categories[s] for s in role.skills if s in categories}
    score = sum(1.0 if s in role.skills else SAME_KIND if categories.get(s) in role_kinds else 0.0 for s in own)
    share = score / len(own)
    kinds = Counter(categories[s] for s in own if s in categories)
    if kinds and role_kinds:
        main, _ = max(kinds.items(), key=lambda kv: (kv[1], kv[0] in role_kinds))
        if main not in role_kinds:
            share *= OTHER_FIELD_FACTOR
    if item.record.industries and role.industry not in item.record.industries:
        share *= OTHER_INDUSTRY_FACTOR
    return round(share, 3)


def fits(item: IndexedCredential, role: Role, categories: Mapping[str, str] | None = None) -> bool:
    return relevance(item, role, categories) >= MIN_RELEVANCE
