"""The counsellors' console: an aiohttp app with HTML pages and a JSON API over the case store and Rasa.

Every page and API call needs a logged-in counsellor (pages redirect to /login, the API answers 401);
sessions live in an encrypted, HttpOnly, SameSite=Strict cookie; every state-changing request carries
the session's CSRF token (a form field or the ``X-CSRF-Token`` header); failed logins are rate-limited.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import logging
import os
from pathlib import Path
from typing import Any

import aiohttp_session
import jinja2
from aiohttp import web
from aiohttp_session.cookie_storage import EncryptedCookieStorage

from bot.console.auth import LoginLimiter, check_password, csrf_ok, new_csrf_token
from bot.console.limits import (
    NOTE_MAX,
    PASSWORD_MAX,
    REPLY_MAX,
    REQUEST_MAX_BYTES,
    USERNAME_MAX,
    TooLong,
    bounded,
)
from bot.console.live import LiveEvents
from bot.console.live_stream import live_stream
from bot.console.rasa_client import RasaClient, RasaUnavailable
from bot.console.watcher import watch_forever
from catalog.triage.store import CaseStore
from catalog.triage.transcript import transcript_of

logger = logging.getLogger(__name__)
HERE = Path(__file__).parent
PUBLIC = {"/login", "/health", "/favicon.ico"}
STORE = web.AppKey("store", CaseStore)
RASA = web.AppKey("rasa", RasaClient)
LIMITER = web.AppKey("limiter", LoginLimiter)
TEMPLATES = web.AppKey("templates", jinja2.Environment)
WATCHER = web.AppKey("watcher", asyncio.Task)
LIVE = web.AppKey("live", LiveEvents)


def render(request: web.Request, name: str, status: int = 200, **context: Any) -> web.Response:
    html = request.app[TEMPLATES].get_template(name).render(**context)
    return web.Response(text=html, content_type="text/html", status=status,
                        headers={"Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'",
                                 "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin"})


async def session_user(request: web.Request) -> tuple[aiohttp_session.Session, str | None]:
    session = await aiohttp_session.get_session(request)
    return session, session.get("user")


@web.middleware
async def require_login(request: web.Request, handler: Any) -> web.StreamResponse:
    if request.path in PUBLIC or request.path.startswith("/static/"):
        return await handler(request)
    session, user = await session_user(request)
    if not user:
        if request.path.startswith("/api/"):
            return web.json_response({"error": "login required"}, status=401)
        raise web.HTTPFound("/login")
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        given = request.headers.get("X-CSRF-Token")
        if given is None and request.content_type == "application/x-www-form-urlencoded":
            given = (await request.post()).get("csrf")
        if not csrf_ok(session.get("csrf"), given):
            return web.json_response({"error": "missing or wrong CSRF token"}, status=403)
    request["user"] = user
    request["display_name"] = session.get("display_name", user)
    request["csrf"] = session.get("csrf")
    return await handler(request)


async def login_page(request: web.Request) -> web.Response:
    # The token is kept for the session: a second tab, or any request that lands here, must not expire the
    # form already on screen. A successful login starts a new session anyway (no fixation).
    session = await aiohttp_session.get_session(request)
    if not session.get("login_csrf"):
        session["login_csrf"] = new_csrf_token()
    return render(request, "login.html", csrf=session["login_csrf"], error=None)


async def favicon(request: web.Request) -> web.Response:
    return web.Response(status=404)  # browsers ask on their own; never a redirect to the login page


async def login(request: web.Request) -> web.Response:
    form = await request.post()
    session = await aiohttp_session.get_session(request)
    username, password = str(form.get("username", "")).strip(), str(form.get("password", ""))
    if not csrf_ok(session.get("login_csrf"), form.get("csrf")):
        return render(request, "login.html", status=403, csrf=session.get("login_csrf", ""),
                      error="The form expired; please try again.")
    try:  # before the rate limit and the hash: a too-long input is not an attempt, and costs nothing
        bounded("The username", username, USERNAME_MAX)
        bounded("The password", password, PASSWORD_MAX)
    except TooLong as exc:
        return render(request, "login.html", status=400, csrf=session["login_csrf"], error=str(exc))
    address = request.remote or "?"
    limiter = request.app[LIMITER]
    if limiter.blocked(address, username):
        return render(request, "login.html", status=429, csrf=session["login_csrf"],
                      error="Too many failed attempts; wait five minutes and try again.")
    account = check_password(request.app[STORE], username, password)
    if account is None:
        limiter.failed(address, username)
        logger.warning("failed console login for %r from %s", username, address)
        return render(request, "login.html", status=401, csrf=session["login_csrf"],
                      error="Wrong username or password.")
    limiter.succeeded(address, username)
    session = await aiohttp_session.new_session(request)  # a new session id at login (no fixation)
    session.update({"user": account["username"], "display_name": account["display_name"],
                    "csrf": new_csrf_token()})
    raise web.HTTPFound("/queue")


async def logout(request: web.Request) -> web.Response:
    session = await aiohttp_session.get_session(request)
    session.invalidate()
    raise web.HTTPFound("/login")


def _iso(value: Any) -> Any:
    """Times as ISO 8601 with their offset; SQLite returns them without one, and they are stored in UTC."""
    if isinstance(value, dt.datetime):
        return (value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)).isoformat()
    return value


def case_json(case: dict[str, Any]) -> dict[str, Any]:
    out = {k: _iso(v) for k, v in case.items() if k != "log"}
    if "log" in case:
        out["log"] = [{k: _iso(v) for k, v in e.items()} for e in case["log"]]
    return out


async def queue_page(request: web.Request) -> web.Response:
    cases = request.app[STORE].queue()
    return render(request, "queue.html", cases=cases, user=request["display_name"], csrf=request["csrf"])


async def api_queue(request: web.Request) -> web.Response:
    return web.json_response({"cases": [case_json(c) for c in request.app[STORE].queue()]})


def _holder_name(request: web.Request, username: str | None) -> str | None:
    account = request.app[STORE].counsellor(username) if username else None
    return account["display_name"] if account else username


def _case_or_404(request: web.Request) -> dict[str, Any]:
    raw = request.match_info["case_id"]
    case = request.app[STORE].get(int(raw)) if raw.isdigit() and len(raw) <= 9 else None
    if case is None:
        raise web.HTTPNotFound(text="no such case")
    return case


async def case_page(request: web.Request) -> web.Response:
    case = _case_or_404(request)
    holder = request.app[STORE].counsellor(case["claimed_by"]) if case["claimed_by"] else None
    return render(request, "case.html", case=case, user=request["display_name"], me=request["user"],
                  holder=holder["display_name"] if holder else case["claimed_by"], csrf=request["csrf"],
                  live=LIVE in request.app)


async def api_live(request: web.Request) -> web.StreamResponse:
    """Server-Sent Events: the case's learner's messages as Rasa publishes them (404 when live is off)."""
    case = _case_or_404(request)
    if LIVE not in request.app:
        return web.json_response({"error": "live updates are off (no RabbitMQ configured)"}, status=404)
    return await live_stream(request, request.app[LIVE], case["sender_id"])


async def api_case(request: web.Request) -> web.Response:
    case = _case_or_404(request)
    body: dict[str, Any] = {"case": case_json(case), "holder_name": _holder_name(request, case["claimed_by"]),
                            "mine": case["claimed_by"] == request["user"]}
    try:
        tracker = await request.app[RASA].tracker(case["sender_id"])
        body["transcript"] = transcript_of(tracker)
        body["paused"] = bool(tracker.get("paused"))
    except RasaUnavailable as exc:
        body["transcript"], body["transcript_error"] = [], str(exc)
    return web.json_response(body)


async def _json_body(request: web.Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError:
        raise web.HTTPBadRequest(text="expected a JSON body") from None
    return body if isinstance(body, dict) else {}


def _held_case(request: web.Request) -> dict[str, Any]:
    """The case of the URL, which the signed-in counsellor must hold to act on it."""
    case = _case_or_404(request)
    _must_hold(case, request["user"])
    return case


def _must_hold(case: dict[str, Any], user: str) -> None:
    if case["status"] != "claimed" or case["claimed_by"] != user:
        holder = case["claimed_by"]
        raise web.HTTPConflict(text=f"claim the case first (held by {holder})" if holder and case["status"] ==
                               "claimed" else "claim the case first")


async def api_claim(request: web.Request) -> web.Response:
    case = _case_or_404(request)
    result = request.app[STORE].claim(case["id"], request["user"])
    if not result.won:
        return web.json_response({"claimed": False, "holder": result.holder,
                                  "error": f"already claimed by {result.holder}" if result.holder
                                  else f"the case is {case['status']}"}, status=409)
    return web.json_response({"claimed": True, "holder": request["user"]})


def _too_long(exc: TooLong, **body: Any) -> web.Response:
    return web.json_response({**body, "error": str(exc), "field": exc.field, "limit": exc.limit}, status=400)


async def api_reply(request: web.Request) -> web.Response:
    case = _held_case(request)
    text = str((await _json_body(request)).get("text", "")).strip()
    if not text:
        raise web.HTTPBadRequest(text="the reply is empty")
    try:
        bounded("The reply", text, REPLY_MAX)
    except TooLong as exc:
        return _too_long(exc, sent=False)
    try:
        await request.app[RASA].send_reply(case["sender_id"], text, request["display_name"])
    except RasaUnavailable as exc:
        return web.json_response({"sent": False, "error": f"not delivered: {exc}"}, status=502)
    request.app[STORE].record(case["id"], request["user"], "replied", text)
    return web.json_response({"sent": True})


async def api_handback(request: web.Request) -> web.Response:
    case = _held_case(request)
    try:
        await request.app[RASA].resume(case["sender_id"])
    except RasaUnavailable as exc:
        return web.json_response({"handed_back": False, "error": str(exc)}, status=502)
    request.app[STORE].record(case["id"], request["user"], "handed_back", None)
    return web.json_response({"handed_back": True})


async def api_resolve(request: web.Request) -> web.Response:
    """Resolving also hands the conversation back: a resolved case must never leave the learner's chat silent."""
    case = _held_case(request)
    note = str((await _json_body(request)).get("note", "")).strip()
    if not note:
        raise web.HTTPBadRequest(text="say in a note how it was resolved")
    try:
        bounded("The resolution note", note, NOTE_MAX)
    except TooLong as exc:
        return _too_long(exc, resolved=False)
    try:
        await request.app[RASA].resume(case["sender_id"])
    except RasaUnavailable as exc:
        return web.json_response({"resolved": False, "error": f"not resolved: {exc}"}, status=502)
    request.app[STORE].resolve(case["id"], request["user"], note)
    return web.json_response({"resolved": True})


async def home(request: web.Request) -> web.Response:
    raise web.HTTPFound("/queue")


async def health(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


def secret_key() -> bytes:
    """Env ``CONSOLE_SECRET_KEY`` (32 bytes, url-safe base64), else a new one: sessions end at restart."""
    raw = os.environ.get("CONSOLE_SECRET_KEY")
    if raw:
        key = base64.urlsafe_b64decode(raw)
        if len(key) != 32:
            raise ValueError("CONSOLE_SECRET_KEY must be 32 bytes, url-safe base64 encoded")
        return key
    return os.urandom(32)


def make_app(store: CaseStore, rasa: RasaClient, key: bytes | None = None, secure_cookie: bool = False,
             watch_seconds: float | None = None, live: LiveEvents | None = None) -> web.Application:
    """``watch_seconds``: how often paused conversations are checked for distress (None: not watched);
    ``live``: the broker's events for live transcripts (None: the case page polls only, as without a broker)."""
    app = web.Application(middlewares=[], client_max_size=REQUEST_MAX_BYTES)
    storage = EncryptedCookieStorage(key or secret_key(), cookie_name="counsellor_session", httponly=True,
                                     samesite="Strict", secure=secure_cookie, max_age=8 * 3600)
    aiohttp_session.setup(app, storage)
    app.middlewares.append(require_login)
    app[STORE], app[RASA], app[LIMITER] = store, rasa, LoginLimiter()
    app[TEMPLATES] = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                                        autoescape=jinja2.select_autoescape(["html"]))
    app[TEMPLATES].globals.update(username_max=USERNAME_MAX, password_max=PASSWORD_MAX, reply_max=REPLY_MAX,
                                  note_max=NOTE_MAX)
    app.router.add_get("/health", health)
    app.router.add_get("/favicon.ico", favicon)
    app.router.add_get("/login", login_page)
    app.router.add_post("/login", login)
    app.router.add_post("/logout", logout)
    app.router.add_get("/", home)
    app.router.add_get("/queue", queue_page)
    app.router.add_get("/cases/{case_id}", case_page)
    app.router.add_get("/api/cases", api_queue)
    app.router.add_get("/api/cases/{case_id}", api_case)
    app.router.add_post("/api/cases/{case_id}/claim", api_claim)
    app.router.add_post("/api/cases/{case_id}/reply", api_reply)
    app.router.add_post("/api/cases/{case_id}/handback", api_handback)
    app.router.add_post("/api/cases/{case_id}/resolve", api_resolve)
    app.router.add_get("/api/cases/{case_id}/live", api_live)
    app.router.add_static("/static/", HERE / "static")
    if watch_seconds:
        async def start_watching(app: web.Application) -> None:
            app[WATCHER] = asyncio.create_task(watch_forever(store, rasa, watch_seconds))

        async def stop_watching(app: web.Application) -> None:
            app[WATCHER].cancel()

        app.on_startup.append(start_watching)
        app.on_cleanup.append(stop_watching)
    if live is not None:
        app[LIVE] = live

        async def start_live(app: web.Application) -> None:
            await live.start()

        async def end_streams(app: web.Application) -> None:
            live.end_streams()  # open event streams would otherwise hold the shutdown until they time out

        async def stop_live(app: web.Application) -> None:
            await live.stop()

        app.on_startup.append(start_live)
        app.on_shutdown.append(end_streams)
        app.on_cleanup.append(stop_live)
    return app
