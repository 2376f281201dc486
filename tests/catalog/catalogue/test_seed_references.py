"""Every role and credential the seed catalogue's relations and entry requirements name exists, so a typo
in the data can't silently make a requirement unmeetable or a relation vanish."""

from __future__ import annotations

from catalog.catalogue.index import CatalogIndex
from catalog.catalogue.records import CREDENTIAL_REF_FIELDS
from catalog.catalogue.taxonomy import default_taxonomy


def test_roles_named_by_credentials_and_requirements_are_taxonomy_roles(seed_index: CatalogIndex) -> None:
    roles = set(default_taxonomy().roles)
    unknown = []
    for item in seed_index.by_id.values():
        rec = item.record
        unknown += [(rec.id, r) for r in rec.roles if r not in roles]
        unknown += [(rec.id, r) for req in rec.entry_requirements for r in req.roles if r not in roles]
    assert unknown == []


def test_relations_point_at_credentials_and_a_whole_never_contains_itself(seed_index: CatalogIndex) -> None:
    ids = set(seed_index.by_id)
    dangling = [(i, f, ref) for i, item in seed_index.by_id.items() for f in CREDENTIAL_REF_FIELDS
                for ref in getattr(item.record, f) if ref not in ids]
    assert dangling == []
    assert not [i for i in ids if seed_index.contains(i, i)]


def test_the_seed_catalogue_states_entry_requirements_with_their_source(seed_index: CatalogIndex) -> None:
    requirements = [req for item in seed_index.by_id.values() for req in item.record.entry_requirements]
    assert len(requirements) >= 25
    assert all(req.source_url for req in requirements)
