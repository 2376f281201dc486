"""How well a credential fits the role a learner is aiming for.

A generic skill (customer service, communication) appears on credentials built for every kind of job;
covering it with whichever credential lists it sends a telemedicine coordinator to an IT-support exam.
A credential counts as fitting a role when it is built for that role, or when a fair share of what it
teaches is what the role needs, in the role's own industry.
"""

from __future__ import annotations

from catalog.catalogue.index import IndexedCredential
from catalog.catalogue.taxonomy import Role

# Below this a credential is not a step for the role, whatever gap skill it happens to list. Chosen on
# small hand-made cases (tests/catalog/advice/test_relevance.py), not on the advice panel.
MIN_RELEVANCE = 0.3
# A credential its provider aims at other industries counts for this share of its skill overlap.
OTHER_INDUSTRY_FACTOR = 0.5


def relevance(item: IndexedCredential, role: Role) -> float:
    """1.0 for a credential built for the role; else the share of its skills the role needs, halved when
    the credential is aimed at other industries."""
    if role.name in item.record.roles:
        return 1.0
    if not item.skills:
        return 0.0
    own = set(item.record.skills)  # what the listing is about; a whole also teaches its parts, which dilutes
    share = len(own & role.skills.keys()) / len(own)
    if item.record.industries and role.industry not in item.record.industries:
        share *= OTHER_INDUSTRY_FACTOR
    return round(share, 3)


def fits(item: IndexedCredential, role: Role) -> bool:
    return relevance(item, role) >= MIN_RELEVANCE
