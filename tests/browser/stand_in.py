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

import socketio
from aiohttp import web

from bot.channels.socketio_renderer import render
from bot.channels.turns import TURN_FAILED
from catalog.advice import wording
from catalog.advice.payload import pathway_payload
from catalog.advice.recommender import Constraints, recommend_pathway
from catalog.catalogue.index import CatalogIndex
from catalog.catalogue.records import CredentialRecord, ProviderRecord
from catalog.catalogue.taxonomy import Role, Skill, Taxonomy

GREETING = "Stand-in greeting: the adviser's stand-in is listening."
MARKUP = '<img src="x" onerror="window.__injected = 1"> <b>not bold</b>\nsecond line'
# Two pathways from a small hand-made catalogue, so the widget's layout of estimated, unknown and stated
# hours, flags and uncovered skills is tested whatever the seed catalogue's pathways are today.
SKILLS = ["SQL", "Python", "Tableau", "Statistics", "Data Cleaning"]
ANALYST = Role("Data Analyst", "it", {"SQL": 1.0, "Python": 0.8, "Statistics": 0.7, "Tableau": 0.5,
                                      "Data Cleaning": 0.6})
PROVIDERS = [ProviderRecord(id="uni", name="Example University", kind="university", accreditation=["QA body"]),
             ProviderRecord(id="web", name="Example Platform", kind="platform")]


def _credential(cid: str, skills: list[str], **facts) -> CredentialRecord:
    return CredentialRecord(id=cid, title=f"{cid.replace('-', ' ').title()} Certificate", provider="uni",
                            type="course_certificate", skills=skills, currency="USD", badge="credly",
                            recognized_by=["Example Employers Council"], url=f"https://example.org/{cid}",
                            **facts)


CATALOGUES = {
    # hours estimated from stated weeks, and a step with no figure at all
    "estimated": [_credential("sql-in-six-weeks", ["SQL", "Data Cleaning"], weeks=6, cost=49),
                  _credential("python-for-analysts", ["Python", "Statistics"], cost=79, pricing="one_off"),
                  _credential("tableau-basics", ["Tableau"], weeks=2, cost=0, pricing="free")],
    # stated hours; Tableau taught by nothing, so it is named below the cards; a step rated low is flagged
    "stated": [_credential("sql-forty-hours", ["SQL", "Data Cleaning"], hours=40, cost=49),
               _credential("python-stats", ["Python", "Statistics"], hours=60, cost=99, rating=3.5),  # a flag
               CredentialRecord(id="stats-refresher", title="Stats Refresher", provider="web",
                                type="course_certificate", skills=["Statistics", "SQL"], hours=10, cost=20,
                                currency="USD", badge="none")],
}


def pathway_messages() -> dict[str, list[dict]]:
    taxonomy = Taxonomy([Skill(s, category="data") for s in SKILLS], [ANALYST])
    out = {}
    for key, creds in CATALOGUES.items():
        index = CatalogIndex(PROVIDERS, creds)
        payload = pathway_payload(recommend_pathway(taxonomy, index, "Data Analyst", [],
                                                    Constraints(hours_per_week=5)))
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
