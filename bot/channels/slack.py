"""Rasa's Slack channel with every reply rendered as Block Kit (``slack_renderer``).

Rasa's ``SlackBot.send_custom_json`` passes a custom payload as keyword arguments of ``chat.postMessage``,
so a pathway would be sent as unknown API arguments; here every bot message is rendered first.
"""

from __future__ import annotations

from typing import Any

from rasa.core.channels.slack import SlackBot

from bot.channels import slack_renderer


class RenderedSlackBot(SlackBot):
    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        channel = self.slack_channel or recipient_id
        for kwargs in slack_renderer.render(message):
            await self._post_message(channel=channel, **kwargs)

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"custom": json_message})
