"""Every learner turn gets an answer, whatever failed behind it.

When the action server is down, Rasa logs the failed custom action and carries on: the learner's message
is stored and nothing is said, so the widget waits forever and REST returns ``[]``. When a turn raises,
the channel's caller sees a 500 or nothing. ``answered_turn`` wraps a channel's ``on_new_message`` so
that a turn that sent nothing says plainly that the assistant couldn't answer (recommendations come from
the action server, the usual cause), and a turn that raised says so too; the next message works again as
soon as the service is back, with the conversation's history intact. Silence is right in one case: a
conversation paused for a counsellor, whose messages go to the counsellor; that is checked in the
tracker store before anything is said.

When a store the turn needs is down (PostgreSQL for conversations, Redis for their locks), the turn can
neither read nor save the conversation: the learner is told that this message was not saved and should be
sent again, and nothing else happens (see ``bot.stores.unavailable`` for why Rasa would otherwise forget
silently). A message longer than ``MAX_MESSAGE_CHARS`` is answered with the limit, not processed.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage

from bot import action_response_check
from bot.stores.unavailable import StoreUnavailable

action_response_check.install()  # every channel imports this module, so the Rasa server runs with it

logger = logging.getLogger(__name__)

# The learner-facing words of channel-level failures, in one place for every channel.
TURN_FAILED = {"text": "Sorry, something went wrong on my side and I couldn't answer that. Please try again "
                       "in a moment.", "error": "turn_failed"}
# A silent turn while the action server answers its health check: a typed command or a bare retrieval intent
# ("/faq") that Rasa's own actions could not answer, not an outage.
NOT_ANSWERED = {"text": "Sorry, I didn't manage to answer that. Could you put it another way? For a pathway, tell me "
                        "the role you're aiming for and the skills you have.", "error": "not_answered"}
NO_REPLY = {"text": "Sorry, I can't fetch recommendations right now: part of the service isn't responding. "
                    "Your message is saved; please try again in a minute.", "error": "service_unavailable"}
STORE_DOWN = {"text": "Sorry, I can't reach the place where our conversation is kept right now, so I couldn't "
                      "read or save that message. Please send it again in a minute.", "error": "store_unavailable"}
# About two pages of text: room for a pasted CV summary, not for a file.
MAX_MESSAGE_CHARS = 4000


def too_long(length: int) -> dict[str, Any]:
    return {"text": f"That message is {length:,} characters long; I can read up to {MAX_MESSAGE_CHARS:,} at a "
                    "time. Could you send the part about your goal and skills, or split it into a few messages?",
            "error": "message_too_long"}


def answered_turn(on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Callable[[UserMessage], Awaitable[Any]]:
    """``on_new_message`` that always leaves the learner with a reply."""

    async def handle(message: UserMessage) -> Any:
        output = message.output_channel
        if message.text and len(message.text) > MAX_MESSAGE_CHARS:
            await output.send_response(message.sender_id, too_long(len(message.text)))
            return None
        sent = [0]
        original = output.send_response

        async def counting(recipient_id: str, reply: dict[str, Any]) -> None:
            sent[0] += 1
            await original(recipient_id, reply)

        output.send_response = counting  # type: ignore[method-assign]  # this turn's output only
        try:
            result = await on_new_message(message)
        except StoreUnavailable as exc:
            logger.warning("turn for %s not processed: %s", message.sender_id, exc)
            await original(message.sender_id, dict(STORE_DOWN))
            return None
        except Exception:
            logger.exception("turn failed for %s", message.sender_id)
            await original(message.sender_id, dict(TURN_FAILED))
            return None
        finally:
            output.send_response = original  # type: ignore[method-assign]
        if sent[0] == 0 and not await is_paused(message.sender_id):
            if await action_server_answers():
                logger.warning("turn for %s produced no reply, with the action server up", message.sender_id)
                await original(message.sender_id, dict(NOT_ANSWERED))
            else:
                logger.error("turn for %s produced no reply (is the action server up?)", message.sender_id)
                await original(message.sender_id, dict(NO_REPLY))
        return result

    return handle


async def action_server_answers(timeout: float = 2.0) -> bool:
    """Whether the running Rasa server's action endpoint answers its health check (``/health`` beside
    ``/webhook``, as rasa-sdk serves it); False when that can't be told, so an outage is never hidden."""
    try:
        import aiohttp
        from sanic import Sanic

        url = Sanic.get_app("rasa_server").ctx.agent.action_endpoint.url
        health = url.rsplit("/", 1)[0] + "/health"
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout)) as session:
            async with session.get(health) as resp:
                return resp.status == 200
    except Exception:
        logger.debug("could not tell whether the action server answers", exc_info=True)
        return False


async def is_paused(sender_id: str) -> bool:
    """Whether the conversation is paused (handed to a counsellor), read from the running Rasa server's
    tracker store; False when that can't be told, so a failure is never hidden."""
    try:
        from sanic import Sanic

        agent = Sanic.get_app("rasa_server").ctx.agent
        tracker = await agent.tracker_store.retrieve(sender_id)
        return bool(tracker is not None and tracker.is_paused())
    except Exception:  # no running server (a unit test) or the store is down: say so rather than stay silent
        logger.debug("could not tell whether %s is paused", sender_id, exc_info=True)
        return False
