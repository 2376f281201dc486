"""Employer policies: validated with errors naming the entry; the tighter of policy and learner wins."""

from __future__ import annotations

import pytest

from catalog.advice.employer_policy import (
    PolicyError,
    apply_policy,
    load_policies,
    parse_policies,
    unknown_providers,
)
from catalog.advice.recommender import Constraints, recommend_pathway
from catalog.catalogue.index import CatalogIndex
from catalog.catalogue.records import CredentialRecord, ProviderRecord
from catalog.catalogue.taxonomy import Role, Skill, Taxonomy

ACME = {"team_id": "T0ACME001", "organisation": "Acme", "sponsored_providers": ["coursera"],
        "excluded_providers": ["udemy"], "budget_cap": 500, "currency": "USD"}


def test_the_packaged_example_loads_and_names_real_providers(seeded_catalog_url: str) -> None:
    from catalog.catalogue.store import CatalogStore

    policies = load_policies()
    assert policies["T0ACME001"].organisation == "Acme"
    store = CatalogStore(seeded_catalog_url)
    assert unknown_providers(policies, store.provider_ids()) == []
    store.dispose()


@pytest.mark.parametrize(("entry", "message"), [
    ({**ACME, "team_id": "acme"}, "policy #1, field 'team_id'"),
    ({**ACME, "organisation": ""}, "policy #1 (T0ACME001), field 'organisation'"),
    ({**ACME, "budget_cap": -5}, "field 'budget_cap'"),
    ({**ACME, "currency": "XYZ"}, "field 'currency'"),
    ({**ACME, "sponsored_providers": "coursera"}, "field 'sponsored_providers'"),
    ({**ACME, "excluded_providers": ["coursera"]}, "coursera both sponsored and excluded"),
    ({**ACME, "budget": 5}, "unknown field(s) budget"),
])
def test_a_bad_entry_is_named(entry: dict, message: str) -> None:
    with pytest.raises(PolicyError, match="policies.yaml: policy #1") as err:
        parse_policies({"policies": [entry]}, "policies.yaml")
    assert message in str(err.value)


def test_a_duplicate_workspace_is_refused() -> None:
    with pytest.raises(PolicyError, match="policy #2 \\(T0ACME001\\): duplicate team_id"):
        parse_policies({"policies": [ACME, ACME]}, "policies.yaml")


def test_the_tighter_budget_wins_and_exclusions_add_up() -> None:
    acme = parse_policies({"policies": [ACME]}, "p")["T0ACME001"]
    own = Constraints(budget=300, avoid_providers=("edx",), prefer_providers=("udemy", "coursera"))
    c = apply_policy(own, acme)
    assert c.budget == 300 and c.avoid_providers == ("edx", "udemy") and c.prefer_providers == ("coursera",)
    assert c.sponsored_providers == ("coursera",)
    assert apply_policy(Constraints(budget=900), acme).budget == 500
    assert apply_policy(Constraints(), acme).budget == 500
    assert apply_policy(Constraints(budget=400, currency="GBP"), acme).budget == 500  # £400 > $500
    assert apply_policy(own, None) is own


def test_sponsored_providers_are_ranked_first_but_not_forced() -> None:
    taxonomy = Taxonomy([Skill("SQL", "data")], [Role("Analyst", "it", {"SQL": 1.0})])
    providers = [ProviderRecord(id="coursera", name="Coursera", kind="platform"),
                 ProviderRecord(id="other", name="Other", kind="platform")]

    def cred(cid: str, provider: str, cost: float) -> CredentialRecord:
        return CredentialRecord(id=cid, title=cid, provider=provider, type="course_certificate", skills=["SQL"],
                                cost=cost, currency="USD", hours=10)

    index = CatalogIndex(providers, [cred("cheap", "other", 40), cred("sponsored", "coursera", 49)])
    plain = recommend_pathway(taxonomy, index, "Analyst", [], Constraints())
    assert [s.item.id for s in plain.steps] == ["cheap"]
    sponsored = recommend_pathway(taxonomy, index, "Analyst", [], Constraints(sponsored_providers=("coursera",)))
    assert [s.item.id for s in sponsored.steps] == ["sponsored"]
    only_other = CatalogIndex(providers, [cred("cheap", "other", 40)])
    assert recommend_pathway(taxonomy, only_other, "Analyst", [], Constraints(sponsored_providers=("coursera",))).steps
