"""One catalogue per action-server process: taxonomy, store and the in-memory recommendation index.

The index is rebuilt when the store's version changes (every import bumps it in the same transaction),
checked at most every ``RECHECK_SECONDS``: a re-priced credential shows its new price within that time,
without restarting the action server.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass

from catalog.catalogue.importer import ensure_seeded
from catalog.catalogue.index import CatalogIndex
from catalog.catalogue.store import CatalogStore
from catalog.catalogue.taxonomy import Taxonomy, default_taxonomy

logger = logging.getLogger(__name__)
RECHECK_SECONDS = float(os.environ.get("CATALOG_RECHECK_SECONDS", "5"))


@dataclass
class CatalogService:
    taxonomy: Taxonomy
    store: CatalogStore
    index: CatalogIndex
    version: int
    checked_at: float


_lock = threading.Lock()
_service: CatalogService | None = None


def catalog_service() -> CatalogService:
    global _service
    with _lock:
        if _service is None:
            taxonomy = default_taxonomy()
            store = CatalogStore()
            count = ensure_seeded(store, taxonomy)
            _service = CatalogService(taxonomy, store, CatalogIndex(*store.snapshot()), store.version(),
                                      time.monotonic())
            logger.info("catalogue loaded: %d credentials from %s (version %d)", count, store.shown_url, _service.version)
        elif time.monotonic() - _service.checked_at >= RECHECK_SECONDS:
            _service.checked_at = time.monotonic()
            version = _service.store.version()
            if version != _service.version:
                _service.index = CatalogIndex(*_service.store.snapshot())
                _service.version = version
                logger.info("catalogue changed: index rebuilt at version %d", version)
        return _service


def reset_catalog_service() -> None:
    """Forget the loaded catalogue (tests point ``CATALOG_DB_URL`` at a new database)."""
    global _service
    with _lock:
        if _service is not None:
            _service.store.dispose()
        _service = None
