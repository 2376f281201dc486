"""Synthetic catalogues for the benchmarks: credentials whose skills cluster around roles, like a real
catalogue's, at any size."""

from __future__ import annotations

import random

from catalog.catalogue.records import CredentialRecord, ProviderRecord
from catalog.catalogue.taxonomy import Taxonomy

TYPES = ["badge", "course_certificate", "professional_certificate", "specialization", "certification"]


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
