"""Employers' learning policies: sponsored and excluded providers and a budget cap, by Slack workspace.

An employee's pathway respects their employer's policy and their own limits at once: excluded providers
are added to the ones they avoid, the lower of the two budgets applies, and sponsored providers are
ranked first without excluding the rest (a sponsor is a preference, not a wall).
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catalog.advice.recommender import Constraints
from catalog.catalogue.money import USD_PER_UNIT, to_usd
from catalog.yaml_files import read_yaml_file

POLICIES_FILE = Path(__file__).parent / "data" / "employer_policies.yaml"
TEAM_ID = re.compile(r"^[TE][A-Z0-9]{2,}$")
PROVIDER_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
FIELDS = {"team_id", "organisation", "sponsored_providers", "excluded_providers", "budget_cap", "currency", "message"}


class PolicyError(ValueError):
    """A policy file that cannot be used; the message names the file, the entry and the field."""


@dataclass(frozen=True)
class EmployerPolicy:
    team_id: str
    organisation: str
    sponsored_providers: tuple[str, ...] = ()
    excluded_providers: tuple[str, ...] = ()
    budget_cap: float | None = None
    currency: str = "USD"
    message: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)


def _provider_list(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and PROVIDER_ID.match(v) for v in value):
        raise PolicyError(f"{where}: must be a list of provider ids (lower-case, as in providers.yaml)")
    return tuple(value)


def parse_policy(entry: Any, where: str) -> EmployerPolicy:
    if not isinstance(entry, dict):
        raise PolicyError(f"{where}: expected a mapping")
    unknown = set(entry) - FIELDS
    if unknown:
        raise PolicyError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    team = entry.get("team_id")
    if not isinstance(team, str) or not TEAM_ID.match(team):
        raise PolicyError(f"{where}, field 'team_id': a Slack team id such as T0123ABCD is required")
    where = f"{where} ({team})"
    name = entry.get("organisation")
    if not isinstance(name, str) or not name.strip():
        raise PolicyError(f"{where}, field 'organisation': required")
    cap = entry.get("budget_cap")
    if cap is not None and (isinstance(cap, bool) or not isinstance(cap, (int, float)) or cap < 0):
        raise PolicyError(f"{where}, field 'budget_cap': must be a number >= 0")
    currency = str(entry.get("currency") or "USD").upper()
    if currency not in USD_PER_UNIT:
        raise PolicyError(f"{where}, field 'currency': '{currency}' has no known exchange rate")
    sponsored = _provider_list(entry.get("sponsored_providers"), f"{where}, field 'sponsored_providers'")
    excluded = _provider_list(entry.get("excluded_providers"), f"{where}, field 'excluded_providers'")
    both = set(sponsored) & set(excluded)
    if both:
        raise PolicyError(f"{where}: {', '.join(sorted(both))} both sponsored and excluded")
    message = entry.get("message")
    if message is not None and not isinstance(message, str):
        raise PolicyError(f"{where}, field 'message': must be text")
    return EmployerPolicy(team, name.strip(), sponsored, excluded, float(cap) if cap is not None else None,
                          currency, message)


def parse_policies(content: Any, source: str) -> dict[str, EmployerPolicy]:
    if not isinstance(content, dict) or not isinstance(content.get("policies"), list):
        raise PolicyError(f"{source}: expected a top-level 'policies' list")
    out: dict[str, EmployerPolicy] = {}
    for i, entry in enumerate(content["policies"], 1):
        policy = parse_policy(entry, f"{source}: policy #{i}")
        if policy.team_id in out:
            raise PolicyError(f"{source}: policy #{i} ({policy.team_id}): duplicate team_id")
        out[policy.team_id] = policy
    return out


def unknown_providers(policies: dict[str, EmployerPolicy], provider_ids: set[str]) -> list[str]:
    """Problems naming the entry, for providers a policy names that the catalogue does not have."""
    problems = []
    for p in policies.values():
        for kind, ids in (("sponsored_providers", p.sponsored_providers), ("excluded_providers", p.excluded_providers)):
            missing = [i for i in ids if i not in provider_ids]
            if missing:
                problems.append(f"policy {p.team_id} ({p.organisation}), field '{kind}': unknown provider(s) "
                                f"{', '.join(missing)}")
    return problems


@functools.lru_cache(maxsize=4)
def load_policies(path: str | None = None) -> dict[str, EmployerPolicy]:
    """The policies of env ``EMPLOYER_POLICIES_FILE``, or the packaged example file."""
    file = Path(path or os.environ.get("EMPLOYER_POLICIES_FILE") or POLICIES_FILE)
    content = read_yaml_file(file, PolicyError)
    return parse_policies(content, str(file))


def policy_for(team_id: str | None) -> EmployerPolicy | None:
    return load_policies().get(team_id) if team_id else None


def apply_policy(c: Constraints, policy: EmployerPolicy | None) -> Constraints:
    """The learner's constraints inside the employer's policy: the tighter one wins."""
    if policy is None:
        return c
    avoid = tuple(dict.fromkeys(c.avoid_providers + policy.excluded_providers))
    prefer = tuple(p for p in c.prefer_providers if p not in policy.excluded_providers)
    changes: dict[str, Any] = {"avoid_providers": avoid, "prefer_providers": prefer,
                               "sponsored_providers": policy.sponsored_providers}
    cap_usd = to_usd(policy.budget_cap, policy.currency) if policy.budget_cap is not None else None
    own_usd = c.budget_usd
    if cap_usd is not None and (own_usd is None or cap_usd < own_usd):
        changes.update(budget=policy.budget_cap, currency=policy.currency)
    return c.with_changes(**changes)


def policy_binds_budget(c: Constraints, policy: EmployerPolicy) -> bool:
    """Whether the employer's cap, not the learner's own budget, is the limit that applied."""
    return policy.budget_cap is not None and c.budget == policy.budget_cap and c.currency == policy.currency
