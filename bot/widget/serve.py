"""Serves the learner-facing chat widget: the page, its script and style, and the socket.io browser client.

    python -m bot.widget.serve        # env WIDGET_PORT (8080), WIDGET_HOST (localhost), RASA_URL

The page learns where the Rasa server is from ``/config.js``, generated from env ``RASA_URL`` (default
``http://localhost:5005``), so the same static files work on any deployment. The browser client is
``socket.io-client``'s self-contained ``dist/socket.io.min.js`` from ``node_modules``, installed by
``npm ci`` in this folder; no CDN is involved. The Rasa server must list this page's origin in its env
``WIDGET_ORIGINS`` (e.g. ``http://localhost:8080``), or it refuses the socket.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

from aiohttp import web

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
SOCKET_IO_JS = HERE / "node_modules" / "socket.io-client" / "dist" / "socket.io.min.js"
DEFAULT_RASA_URL = "http://localhost:5005"
FILES = {  # URL path -> (file, content type); nothing else is served
    "/": (STATIC / "index.html", "text/html"),
    "/widget.js": (STATIC / "widget.js", "text/javascript"),
    "/widget.css": (STATIC / "widget.css", "text/css"),
    "/vendor/socket.io.min.js": (SOCKET_IO_JS, "text/javascript"),
}


def rasa_url() -> str:
    """``RASA_URL`` without a trailing slash; an http(s) URL, or the server refuses to start."""
    url = os.environ.get("RASA_URL", DEFAULT_RASA_URL).strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SystemExit(f"RASA_URL must be an http(s) URL such as {DEFAULT_RASA_URL}, not {url!r}")
    return url


def security_headers(url: str) -> dict[str, str]:
    """The page may only talk to itself and to the Rasa server (polling over http(s), then a websocket).

    The widget never puts server strings into HTML; this policy is the second line of defence, so a
    slip there still cannot run a script or load anything from elsewhere.
    """
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}"
    socket_origin = f"{'wss' if parts.scheme == 'https' else 'ws'}://{parts.netloc}"
    return {
        "Content-Security-Policy": (f"default-src 'self'; connect-src 'self' {origin} {socket_origin}; "
                                    "img-src 'self' https: data:; style-src 'self'; script-src 'self'; "
                                    "base-uri 'none'; form-action 'none'; frame-ancestors 'self'"),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        # The page is small and changes with the code; a stale cached widget.js is worse than a refetch.
        "Cache-Control": "no-cache",
    }


def make_app(url: str | None = None) -> web.Application:
    url = url or rasa_url()
    missing = [str(path) for path, _ in FILES.values() if not path.is_file()]
    if missing:
        hint = " (run `npm ci` in bot/widget)" if str(SOCKET_IO_JS) in missing else ""
        raise SystemExit(f"widget files missing{hint}: {', '.join(missing)}")
    headers = security_headers(url)
    config = "window.ADVISER_CONFIG = " + json.dumps({"rasaUrl": url}) + ";\n"

    async def config_js(request: web.Request) -> web.Response:
        return web.Response(text=config, content_type="text/javascript", headers=headers)

    def serve(path: Path, content_type: str):
        async def handler(request: web.Request) -> web.Response:
            return web.Response(body=path.read_bytes(), content_type=content_type, charset="utf-8",
                                headers=headers)
        return handler

    app = web.Application()
    app.router.add_get("/config.js", config_js)
    for route, (path, content_type) in FILES.items():
        app.router.add_get(route, serve(path, content_type))
    return app


def main() -> None:
    port = int(os.environ.get("WIDGET_PORT", "8080"))
    host = os.environ.get("WIDGET_HOST", "localhost")
    url = rasa_url()
    app = make_app(url)
    print(f"Widget on http://{host}:{port}/ talking to Rasa at {url} "
          f"(Rasa's WIDGET_ORIGINS must include http://{host}:{port})", file=sys.stderr, flush=True)
    web.run_app(app, host=host, port=port, print=None)


if __name__ == "__main__":
    main()
