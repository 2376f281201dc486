"""A TCP proxy that tests can cut and restore, to take a real service (PostgreSQL) "down" for one client.

The system's PostgreSQL serves every test and CI on this machine, so it is never stopped; instead a
server under test connects through this proxy, and ``down()`` does to it what a crashed or unreachable
database does: open connections are reset and new ones are refused. ``up()`` listens again on the same
port, so the server's configuration stays valid.
"""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import Future


class TcpProxy:
    def __init__(self, target_host: str, target_port: int, listen_port: int, host: str = "127.0.0.1") -> None:
        self.target = (target_host, target_port)
        self.host, self.port = host, listen_port
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.AbstractServer | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._thread.start()

    def _run(self, coro) -> object:  # type: ignore[no-untyped-def]
        future: Future = asyncio.run_coroutine_threadsafe(coro, self._loop)
        return future.result(timeout=10)

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            writer.close()

    async def _serve(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(*self.target)
        except OSError:
            client_writer.close()
            return
        self._writers |= {client_writer, upstream_writer}
        await asyncio.gather(self._pipe(client_reader, upstream_writer), self._pipe(upstream_reader, client_writer))
        self._writers -= {client_writer, upstream_writer}

    async def _up(self) -> None:
        self._server = await asyncio.start_server(self._serve, self.host, self.port, reuse_address=True)

    async def _down(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
        for writer in list(self._writers):
            transport = writer.transport
            transport.abort()  # a reset, as when the server process dies
        self._writers.clear()

    def up(self) -> TcpProxy:
        self._run(self._up())
        return self

    def down(self) -> None:
        self._run(self._down())

    def close(self) -> None:
        self.down()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)
