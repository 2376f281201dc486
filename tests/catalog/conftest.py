from __future__ import annotations

from pathlib import Path

import pytest

from catalog.catalogue.importer import import_files
from catalog.catalogue.store import CatalogStore

PROVIDERS_YAML = """
providers:
  - {id: acme, name: Acme Learning, kind: platform, url: https://acme.example}
  - {id: uni, name: Example University, kind: university, accreditation: [Quality Agency]}
credentials:
  - id: sql-basics
    title: SQL Basics
    provider: acme
    type: course_certificate
    skills: [SQL]
    hours: 10
    cost: 49
    currency: USD
  - id: py-basics
    title: Python Basics
    provider: uni
    type: course_certificate
    skills: [Python]
    hours: 20
    cost: 0
    pricing: free
"""


def with_base_records(store: CatalogStore, tmp_path: Path) -> CatalogStore:
    """Two providers and two credentials every catalogue test starts from."""
    base = tmp_path / "base.yaml"
    base.write_text(PROVIDERS_YAML)
    import_files(store, [base])
    return store


@pytest.fixture()
def store(tmp_path: Path) -> CatalogStore:
    s = with_base_records(CatalogStore(f"sqlite:///{tmp_path}/catalog.db"), tmp_path)
    yield s
    s.dispose()
