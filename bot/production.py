"""What ``make run-prod`` needs before it starts servers: the services, their databases, nginx's config.

    python -m bot.production check                       # PostgreSQL, Redis, RabbitMQ reachable?
    python -m bot.production create-database VAR [VAR...] # CREATE DATABASE of the URL in each env variable
    python -m bot.production render-nginx TEMPLATE OUT   # ${NAME}s from the environment

Each check names the service, where it was looked for and the variable that says where it is, so a
missing service is a one-line message, not a Rasa server retrying in a loop.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

PLACEHOLDER = re.compile(r"\$\{([A-Z][A-Z0-9_]*)\}")


@dataclass(frozen=True)
class Service:
    name: str
    host_var: str
    port_var: str
    default_port: int
    why: str


SERVICES = (
    Service("PostgreSQL", "TRACKER_DB_HOST", "TRACKER_DB_PORT", 5432, "conversations, catalogue and cases"),
    Service("Redis", "REDIS_HOST", "REDIS_PORT", 6379, "conversation locks"),
    Service("RabbitMQ", "RABBITMQ_HOST", "RABBITMQ_PORT", 5672, "tracker events for the console"),
)


def missing_services(env: dict[str, str], timeout: float = 2.0) -> list[str]:
    """One line per service that does not accept a connection."""
    problems = []
    for service in SERVICES:
        host = env.get(service.host_var) or "127.0.0.1"
        port = int(env.get(service.port_var) or service.default_port)
        try:
            with socket.create_connection((host, port), timeout=timeout):
                pass
        except OSError as exc:
            problems.append(f"{service.name} ({service.why}) is not reachable at {host}:{port} "
                            f"({exc.strerror or exc}); start it or set {service.host_var}/{service.port_var}")
    return problems


def create_database(url: str) -> bool:
    """Creates the URL's database, connecting to the server's ``postgres`` database; True if it was new."""
    target = make_url(url)
    if not target.drivername.startswith("postgresql"):
        return False
    admin = sa.create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            exists = conn.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"),
                                  {"n": target.database}).scalar()
            if exists:
                return False
            conn.execute(sa.text(f'CREATE DATABASE "{target.database}"'))
            return True
    except sa.exc.ProgrammingError:  # created by a concurrent start in between
        return False
    finally:
        admin.dispose()


def render_template(text: str, env: dict[str, str]) -> str:
    """``${NAME}`` replaced from ``env``, as the nginx image's envsubst does; nginx's ``$name`` untouched.
    An unset name is an error rather than an empty string in a ``listen`` or ``server`` line."""
    unset = sorted({name for name in PLACEHOLDER.findall(text) if name not in env})
    if unset:
        raise KeyError("not set: " + ", ".join(unset))
    return PLACEHOLDER.sub(lambda m: env[m.group(1)], text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.production", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check")
    create = sub.add_parser("create-database")
    create.add_argument("variables", nargs="+", help="names of environment variables holding database URLs")
    render = sub.add_parser("render-nginx")
    render.add_argument("template", type=Path)
    render.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    if args.command == "check":
        problems = missing_services(dict(os.environ))
        for line in problems:
            print(f"run-prod: {line}", file=sys.stderr)
        return 1 if problems else 0
    if args.command == "create-database":  # URLs by variable name: no password on a command line
        for url in dict.fromkeys(os.environ[name] for name in args.variables if os.environ.get(name)):
            try:
                create_database(url)
            except sa.exc.OperationalError as exc:
                print(f"run-prod: cannot create the database of {make_url(url).render_as_string(hide_password=True)}"
                      f": {str(exc.orig).strip()}", file=sys.stderr)
                return 1
        return 0
    try:
        args.out.write_text(render_template(args.template.read_text(encoding="utf-8"), dict(os.environ)),
                            encoding="utf-8")
    except KeyError as exc:
        print(f"run-prod: {args.template}: {exc.args[0]}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
