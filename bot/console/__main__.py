"""``python -m bot.console serve`` runs the console; ``python -m bot.console create-counsellor NAME`` adds an
account (the password is read from env COUNSELLOR_PASSWORD, or asked for twice)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from aiohttp import web

from bot.console.app import make_app
from bot.console.auth import AccountError, create_counsellor
from bot.console.live import LiveEvents
from bot.console.rasa_client import RasaClient
from catalog.triage.store import CaseStore


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.console")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the console")
    serve.add_argument("--port", type=int, default=int(os.environ.get("CONSOLE_PORT", "8090")))
    serve.add_argument("--host", default=os.environ.get("CONSOLE_HOST", "127.0.0.1"))
    add = sub.add_parser("create-counsellor", help="add a counsellor account")
    add.add_argument("username")
    add.add_argument("--name", default="", help="the name learners and colleagues see")
    args = parser.parse_args(argv)

    store = CaseStore()
    if args.command == "create-counsellor":
        password = os.environ.get("COUNSELLOR_PASSWORD")
        if password is None:
            password = getpass.getpass("Password: ")
            if getpass.getpass("Again: ") != password:
                print("the passwords differ", file=sys.stderr)
                return 1
        try:
            create_counsellor(store, args.username, args.name, password)
        except AccountError as exc:
            print(f"not created: {exc}", file=sys.stderr)
            return 1
        print(f"counsellor '{args.username}' created")
        return 0
    token = os.environ.get("RASA_API_TOKEN", "")
    if not token:
        print("RASA_API_TOKEN must be set: the console reads transcripts through Rasa's HTTP API", file=sys.stderr)
        return 1
    rasa = RasaClient(os.environ.get("RASA_URL", "http://localhost:5005"), token)
    try:
        live = LiveEvents.from_env()  # None without RABBITMQ_HOST: the case page polls only
    except ValueError as exc:
        print(f"live transcripts: {exc}", file=sys.stderr)
        return 1
    app = make_app(store, rasa, secure_cookie=os.environ.get("CONSOLE_SECURE_COOKIE") == "1",
                   watch_seconds=float(os.environ.get("CONSOLE_WATCH_SECONDS", "5")), live=live)
    live_note = f"live transcripts from RabbitMQ queue {live.queue_name!r} at {live.address}" if live \
        else "live transcripts off (no RABBITMQ_HOST)"
    web.run_app(app, host=args.host, port=args.port, print=lambda *_: print(
        f"Counsellor console on http://{args.host}:{args.port}/ (cases: {store.shown_url}; {live_note})", flush=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
