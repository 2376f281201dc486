"""Fixtures shared across the suite: one seeded catalogue per run, and the pathways built from it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from catalog.advice import wording
from catalog.advice.payload import pathway_payload
from catalog.advice.recommender import Constraints, recommend_pathway
from catalog.catalogue.importer import ensure_seeded
from catalog.catalogue.index import CatalogIndex
from catalog.catalogue.store import CatalogStore
from catalog.catalogue.taxonomy import default_taxonomy


@pytest.fixture(scope="session")
def seeded_catalog_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An SQLite catalogue holding the seed data; ``CATALOG_DB_URL`` points at it for the action tests."""
    path: Path = tmp_path_factory.mktemp("catalog") / "catalog.db"
    url = f"sqlite:///{path}"
    store = CatalogStore(url)
    ensure_seeded(store, default_taxonomy())
    store.dispose()
    old = os.environ.get("CATALOG_DB_URL")
    os.environ["CATALOG_DB_URL"] = url
    yield url
    if old is None:
        os.environ.pop("CATALOG_DB_URL", None)
    else:
        os.environ["CATALOG_DB_URL"] = old


@pytest.fixture(scope="session")
def seed_index(seeded_catalog_url: str) -> CatalogIndex:
    store = CatalogStore(seeded_catalog_url)
    index = CatalogIndex(*store.snapshot())
    store.dispose()
    return index


@pytest.fixture(scope="session")
def analyst_payload(seed_index: CatalogIndex) -> dict:
    """The README's pathway: a retail supervisor with Excel and SQL aiming for Data Analyst, 4 h a week."""
    pathway = recommend_pathway(default_taxonomy(), seed_index, "Data Analyst", ["Microsoft Excel", "SQL"],
                                Constraints(hours_per_week=4))
    return pathway_payload(pathway)


@pytest.fixture(scope="session")
def analyst_message(analyst_payload: dict) -> dict:
    """The neutral bot message the adviser sends for that pathway, as Rasa hands it to a channel."""
    return {"text": wording.pathway_text(analyst_payload), "buttons": wording.FOLLOW_UP_BUTTONS,
            "custom": analyst_payload}
