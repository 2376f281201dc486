"""A stand-in for the Rasa server's socketio channel, for the browser tests that need no model.

    python -m tests.browser.stand_in PORT ORIGIN

It speaks the channel's protocol (``session_request`` -> ``session_confirm``, ``user_uttered`` ->
``bot_uttered``) and answers a few fixed messages with what the real channel would emit for them: the
output of ``bot.channels.socketio_renderer.render`` on pathways the recommender builds from the seed
catalogue, and the channel's own ``TURN_FAILED``. So the widget's layout of shapes the README
conversation never produces (estimated and stated hours, uncovered skills, a failed turn) is tested
with real data, and the tests can kill and restart "Rasa" in a second.
"""

from __future__ import annotations

import sys
import tempfile

import socketio
from aiohttp import web

from bot.channels.socketio_renderer import render
from bot.channels.turns import TURN_FAILED
from catalog.advice import wording
from catalog.advice.payload import pathway_payload
from catalog.advice.recommender import Constraints, recommend_pathway
from catalog.catalogue.importer import ensure_seeded
from catalog.catalogue.index import CatalogIndex
from catalog.catalogue.store import CatalogStore
from catalog.catalogue.taxonomy import default_taxonomy

GREETING = "Stand-in greeting: the adviser's stand-in is listening."
MARKUP = '<img src="x" onerror="window.__injected = 1"> <b>not bold</b>\nsecond line'
# Goals and constraints whose pathways (seed catalogue) have a step with hours estimated from stated weeks,
# and one with stated hours plus skills no credential covers; the README's pathway has neither.
PATHWAYS = {
    "estimated": ("Special Educational Needs Coordinator", Constraints(hours_per_week=5, optimise="cost")),
    "stated": ("SEO Specialist", Constraints(hours_per_week=5, free_only=True)),
}


def pathway_messages() -> dict[str, list[dict]]:
    taxonomy = default_taxonomy()
    store = CatalogStore(f"sqlite:///{tempfile.mkdtemp()}/catalog.db")
    ensure_seeded(store, taxonomy)
    index = CatalogIndex(*store.snapshot())
    store.dispose()
    out = {}
    for key, (goal, constraints) in PATHWAYS.items():
        payload = pathway_payload(recommend_pathway(taxonomy, index, goal, [], constraints))
        out[key] = render({"custom": payload, "buttons": wording.FOLLOW_UP_BUTTONS})
    return out


def main(port: int, origin: str) -> None:
    replies = {
        "/greet": render({"text": GREETING, "buttons": [{"title": "Show markup", "payload": "markup"}]}),
        "fail": [TURN_FAILED],
        "markup": render({"text": MARKUP}),
        **pathway_messages(),
    }
    sio = socketio.AsyncServer(async_mode="aiohttp", cors_allowed_origins=[origin])

    @sio.on("session_request")
    async def session_request(sid: str, data: dict) -> None:
        await sio.emit("session_confirm", data["session_id"], room=sid)

    @sio.on("user_uttered")
    async def user_uttered(sid: str, data: dict) -> None:
        for message in replies.get(data.get("message"), [{"text": f"stand-in heard: {data.get('message')}"}]):
            await sio.emit("bot_uttered", message, room=sid)

    app = web.Application()
    sio.attach(app)
    web.run_app(app, host="127.0.0.1", port=port, print=None)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
