"""The production shape as `make run-prod` starts it (scripts/run_prod.sh), on ports and data of a test's own.

Real services with a handle to take each down: the machine's PostgreSQL in a scratch database, reached
through a proxy the test can cut (the database itself serves everyone on this machine); a Redis process of
the test's own, with a password; the machine's RabbitMQ with an exchange and queue named for the run.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import aio_pika

from tests.e2e.servers import RASA, ROOT, http, latest_model, server_env, wait_for_http
from tests.support.services import RedisProcess, free_port, scratch_database
from tests.support.tcp_proxy import TcpProxy

# Distinctive values, so a test can grep every log of the run for them.
SECRETS = {"RASA_API_TOKEN": "tok-" + uuid.uuid4().hex, "REDIS_PASSWORD": "redis-" + uuid.uuid4().hex,
           "TRACKER_DB_PASSWORD": "pg-" + uuid.uuid4().hex, "CONSOLE_SECRET_KEY": "Y29uc29sZS1zZWNyZXQta2V5LXRlc3QtMzJieXRlcyE="}


@dataclass
class ProductionShape:
    run_dir: Path
    env: dict[str, str]
    process: subprocess.Popen
    database_proxy: TcpProxy
    redis: RedisProcess
    ports: dict[str, int] = field(default_factory=dict)
    restarted: list[subprocess.Popen] = field(default_factory=list)  # servers a test started again

    @property
    def lb(self) -> str:
        return f"http://127.0.0.1:{self.ports['lb']}"

    def rasa(self, n: int) -> str:
        return f"http://127.0.0.1:{self.ports[f'rasa{n}']}"

    @property
    def token(self) -> str:
        return self.env["RASA_API_TOKEN"]

    def say(self, base: str, sender: str, message: str, timeout: float = 60.0) -> list[dict]:
        status, body = http("POST", f"{base}/webhooks/rest/webhook", {"sender": sender, "message": message},
                            timeout=timeout)
        assert status == 200, f"HTTP {status}: {body}"
        return body  # type: ignore[return-value]

    def user_texts(self, base: str, sender: str) -> list[str]:
        status, body = http("GET", f"{base}/conversations/{sender}/tracker", token=self.token)
        assert status == 200, f"HTTP {status}: {body}"
        return [e["text"] for e in body["events"] if e["event"] == "user"]  # type: ignore[index]

    def pid(self, name: str) -> int:
        return int((self.run_dir / f"{name}.pid").read_text())

    def logs(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in sorted(self.run_dir.glob("*.log")))


def _wait_ready(shape: ProductionShape, seconds: float = 400.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if shape.process.poll() is not None:
            raise RuntimeError(f"run_prod.sh exited {shape.process.returncode}:\n{shape.logs()[-6000:]}")
        if (shape.run_dir / "ready").exists():
            return
        time.sleep(0.5)
    raise RuntimeError(f"production shape not ready after {seconds}s:\n{shape.logs()[-6000:]}")


def restart_action_server(shape: ProductionShape, n: int) -> subprocess.Popen:
    """Action server ``n`` again, on its port, as run_prod.sh starts it."""
    log = shape.run_dir / f"actions-{n}-restarted.log"
    proc = subprocess.Popen([RASA, "run", "actions", "--port", str(shape.ports[f"actions{n}"]), "--actions", "actions"],
                            cwd=ROOT, env=shape.env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    shape.restarted.append(proc)
    wait_for_http(f"http://127.0.0.1:{shape.ports[f'actions{n}']}/health", proc, log, seconds=120.0)
    return proc


async def _delete_broker_objects(env: dict[str, str]) -> None:
    try:
        connection = await aio_pika.connect("amqp://guest:guest@127.0.0.1:5672/", timeout=5)
    except (OSError, aio_pika.exceptions.AMQPError):
        return
    async with connection:
        channel = await connection.channel()
        for queue in (env["RABBITMQ_QUEUE"], f"{env['RABBITMQ_QUEUE']}-probe"):
            await channel.queue_delete(queue)
        await channel.exchange_delete(env["RABBITMQ_EXCHANGE"])


@contextmanager
def production_shape(workdir: Path, cuttable_database: bool = True) -> Iterator[ProductionShape]:
    """``cuttable_database``: PostgreSQL through the proxy the fault tests cut; a benchmark goes direct, so
    that a Python proxy in its own process does not share the measurement."""
    latest_model()  # trained once per run by `make test`; trained here if pytest runs alone
    with ExitStack() as stack:
        database = stack.enter_context(scratch_database("career_e2e"))
        proxy = TcpProxy("127.0.0.1", 5432, free_port())
        if cuttable_database:
            proxy.up()
        stack.callback(proxy.close)
        db_port = proxy.port if cuttable_database else 5432
        redis_server = RedisProcess(workdir, password=SECRETS["REDIS_PASSWORD"]).start()
        stack.callback(redis_server.kill)
        ports = {name: free_port() for name in ("lb", "lb_actions", "rasa1", "rasa2", "actions1", "actions2",
                                                 "widget", "console")}
        run = uuid.uuid4().hex[:8]
        db_url = f"postgresql+psycopg2://postgres:{SECRETS['TRACKER_DB_PASSWORD']}@127.0.0.1:{db_port}/{database}"
        env = server_env({
            **SECRETS, "PROD_RUN_DIR": str(workdir / "prod"), "PROD_RESTART": "0",
            "TRACKER_DB_HOST": "127.0.0.1", "TRACKER_DB_PORT": str(db_port), "TRACKER_DB_NAME": database,
            "TRACKER_DB_USER": "postgres", "CATALOG_DB_URL": db_url, "CASES_DB_URL": db_url,
            "REDIS_HOST": "127.0.0.1", "REDIS_PORT": str(redis_server.port), "REDIS_KEY_PREFIX": f"e2e{run}",
            "RABBITMQ_EXCHANGE": f"career-e2e-{run}", "RABBITMQ_QUEUE": f"career-e2e-{run}",
            "LB_RASA_PORT": str(ports["lb"]), "LB_ACTIONS_PORT": str(ports["lb_actions"]),
            "RASA_1_PORT": str(ports["rasa1"]), "RASA_2_PORT": str(ports["rasa2"]),
            "ACTIONS_1_PORT": str(ports["actions1"]), "ACTIONS_2_PORT": str(ports["actions2"]),
            "WIDGET_PORT": str(ports["widget"]), "CONSOLE_PORT": str(ports["console"]),
            "WIDGET_ORIGINS": f"http://127.0.0.1:{ports['widget']}"})
        stack.callback(lambda: asyncio.run(_delete_broker_objects(env)))
        out = (workdir / "run_prod.out").open("w")
        process = subprocess.Popen(["bash", str(ROOT / "scripts" / "run_prod.sh")], cwd=ROOT, env=env,
                                   stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        shape = ProductionShape(workdir / "prod", env, process, proxy, redis_server, ports)

        def stop() -> None:
            for proc in shape.restarted:
                proc.kill()
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)

        stack.callback(stop)
        _wait_ready(shape)
        yield shape


async def bind_probe_queue(env: dict[str, str]) -> str:
    """A queue of the test's own on the run's exchange, to see what Rasa publishes."""
    queue_name = f"{env['RABBITMQ_QUEUE']}-probe"
    async with await aio_pika.connect("amqp://guest:guest@127.0.0.1:5672/", timeout=5) as connection:
        channel = await connection.channel()
        exchange = await channel.declare_exchange(env["RABBITMQ_EXCHANGE"], aio_pika.ExchangeType.FANOUT)
        queue = await channel.declare_queue(queue_name, durable=True)
        await queue.bind(exchange, "")
    return queue_name


async def broker_messages(queue_name: str) -> list[dict]:
    """Everything waiting in the probe queue, as Rasa published it."""
    bodies = []
    async with await aio_pika.connect("amqp://guest:guest@127.0.0.1:5672/", timeout=5) as connection:
        channel = await connection.channel()
        queue = await channel.get_queue(queue_name)
        while (message := await queue.get(no_ack=True, fail=False)) is not None:
            bodies.append(json.loads(message.body))
    return bodies


async def console_queue_state(env: dict[str, str]) -> tuple[int, int]:
    """(messages waiting, consumers) of the queue the console consumes."""
    async with await aio_pika.connect("amqp://guest:guest@127.0.0.1:5672/", timeout=5) as connection:
        channel = await connection.channel()
        queue = await channel.declare_queue(env["RABBITMQ_QUEUE"], passive=True)
        result = queue.declaration_result
        return result.message_count, result.consumer_count
