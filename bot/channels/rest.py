"""Rasa's REST channel (``POST /webhooks/rest/webhook``, the README's contract), with every turn answered
(``bot.channels.turns``): a failed custom action or a raised turn returns a message saying so instead of
an empty list."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint

from bot.channels.turns import answered_turn


class AnsweredRestInput(RestInput):
    """Same name (``rest``), path and payloads as Rasa's; only silence and failures are put into words."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        return super().blueprint(answered_turn(on_new_message))
