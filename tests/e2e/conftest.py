from __future__ import annotations

import pytest

from tests.e2e.servers import Servers, start_servers


@pytest.fixture(scope="session")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Servers:
    running = start_servers(tmp_path_factory.mktemp("servers"))
    yield running
    running.stop()
