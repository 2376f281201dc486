"""One catalogue per action-server process: taxonomy, store and the in-memory recommendation index.

The index is rebuilt when the store's credential count changes, so ``python -m catalog import`` takes
effect without restarting the action server.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

from catalog.catalogue.importer import ensure_seeded
from catalog.catalogue.index import CatalogIndex
from catalog.catalogue.store import CatalogStore
from catalog.catalogue.taxonomy import Taxonomy, default_taxonomy

logger = logging.getLogger(__name__)
RECHECK_SECONDS = 30.0


@dataclass
class CatalogService:
    taxonomy: Taxonomy
    store: CatalogStore
    index: CatalogIndex
    count: int
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
            _service = CatalogService(taxonomy, store, CatalogIndex(*store.snapshot()), count, time.monotonic())
            logger.info("catalogue loaded: %d credentials from %s", count, store.url)
        elif time.monotonic() - _service.checked_at > RECHECK_SECONDS:
            _service.checked_at = time.monotonic()
            count = _service.store.count()
            if count != _service.count:
                _service.index = CatalogIndex(*_service.store.snapshot())
                _service.count = count
        return _service
