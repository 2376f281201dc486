"""Slack for employees: Rasa's Slack connector, with every reply rendered as Block Kit and each event
answered once.

What this adds to ``rasa.core.channels.slack``:
- replies go through ``slack_renderer`` (Rasa's ``send_custom_json`` would pass a pathway to
  ``chat.postMessage`` as unknown keyword arguments);
- an ``event_id`` already seen (a retry or a repeat, whatever its reason) is answered 200 without a second
  reply; a retry of an event whose first delivery never arrived is processed (``SeenEvents``: in memory, or
  Redis when several servers share it);
- the workspace (``team_id``) goes into the message metadata, where the employer's policy is looked up;
- replies to a mention go into its thread; a direct message is answered inline unless it was in a thread;
- ``api_url`` points the Web API client at a stand-in (tests) instead of slack.com.
Rasa itself checks the signature (v0 HMAC, 5 minutes) and processes the turn in a background task after
answering, so Slack's 3-second limit is met however slow the recommendation is.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from typing import Any

from rasa.core.channels.slack import SlackBot, SlackInput
from sanic import response
from slack_sdk.web.async_client import AsyncWebClient

from bot.channels import slack_renderer
from bot.channels.turns import answered_turn

logger = logging.getLogger(__name__)
DEDUPE_SECONDS = 3600  # Slack retries within minutes; an hour covers them with room to spare


class RenderedSlackBot(SlackBot):
    def __init__(self, token: str, slack_channel: str | None = None, thread_id: str | None = None,
                 proxy: str | None = None, api_url: str | None = None) -> None:
        super().__init__(token, slack_channel, thread_id, proxy)
        if api_url:
            self.client = AsyncWebClient(token, proxy=proxy, base_url=api_url.rstrip("/") + "/")

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        channel = self.slack_channel or recipient_id
        for kwargs in slack_renderer.render(message):
            await self._post_message(channel=channel, **kwargs)

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"custom": json_message})


class SeenEvents:
    """Event ids seen in the last ``DEDUPE_SECONDS``; with ``redis_url`` shared by every server."""

    def __init__(self, redis_url: str | None = None, prefix: str = "career-advisor:slack-event:") -> None:
        self._memory: OrderedDict[str, float] = OrderedDict()
        self._prefix = prefix
        self._redis = None
        if redis_url:
            import redis.asyncio as aioredis

            self._redis = aioredis.from_url(redis_url)

    async def first_time(self, event_id: str) -> bool:
        if self._redis is not None:
            # SET NX is atomic: of two servers receiving the same event, exactly one gets True.
            return bool(await self._redis.set(self._prefix + event_id, "1", nx=True, ex=DEDUPE_SECONDS))
        now = time.monotonic()
        while self._memory and next(iter(self._memory.values())) < now - DEDUPE_SECONDS:
            self._memory.popitem(last=False)
        if event_id in self._memory:
            return False
        self._memory[event_id] = now
        return True


class SlackChannel(SlackInput):
    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> SlackChannel:
        if not credentials:
            cls.raise_missing_credentials_exception()
        channel = cls(
            credentials.get("slack_token"),
            credentials.get("slack_channel"),
            credentials.get("proxy"),
            slack_retry_reason_header="x-slack-retry-reason",
            slack_retry_number_header="x-slack-retry-num",
            slack_signing_secret=credentials.get("slack_signing_secret", ""),
            use_threads=True,
            conversation_granularity=credentials.get("conversation_granularity", "sender"),
        )
        channel.api_url = credentials.get("api_url")
        channel.seen = SeenEvents(credentials.get("dedupe_redis_url"))
        return channel

    api_url: str | None = None
    seen: SeenEvents = SeenEvents()

    def get_output_channel(self, channel: str | None = None, thread_id: str | None = None) -> RenderedSlackBot:
        # Without a channel (a counsellor's reply through Rasa's API, output_channel=latest) the message goes to
        # the learner's own DM (their user id), never to the shared SLACK_CHANNEL.
        return RenderedSlackBot(self.slack_token, channel, thread_id, self.proxy, self.api_url)

    def get_metadata(self, request: Any) -> dict[str, Any]:
        metadata = super().get_metadata(request)
        content_type = request.headers.get("content-type")
        if content_type == "application/json":
            body = request.json or {}
            event = body.get("event") or {}
            metadata["team_id"] = body.get("team_id") or event.get("team")
            metadata["event_id"] = body.get("event_id")
            # A mention is answered in its thread; a direct message inline, unless it was in a thread.
            if event.get("channel_type") == "im" and not event.get("thread_ts"):
                metadata["thread_id"] = None
        elif metadata:
            import json

            payload = json.loads(request.form["payload"][0])
            metadata["team_id"] = (payload.get("team") or {}).get("id")
            message = payload.get("message") or {}
            if (payload.get("channel") or {}).get("name") == "directmessage" and not message.get("thread_ts"):
                metadata["thread_id"] = None
        return metadata

    async def process_message(self, request: Any, on_new_message: Any, text: str, sender_id: str | None,
                              metadata: dict | None) -> Any:
        retry = request.headers.get(self.retry_num_header)
        event_id = (metadata or {}).get("event_id")
        if event_id:
            try:
                first = await self.seen.first_time(event_id)
            except Exception:  # the shared list is down: a duplicate reply is better than a lost message
                logger.exception("could not check slack event %s; processing it", event_id)
                first = True
            if not first:
                logger.info("slack event %s already answered (retry %s)", event_id, retry)
                return response.text("", headers={"X-Slack-No-Retry": "1"})
        elif retry:
            # No event id to recognise it by, and the first delivery is already being processed.
            return response.text("", headers={"X-Slack-No-Retry": "1"})
        # A retry of an event never seen here (its first delivery failed, e.g. during a restart) is processed.
        return await super().process_message(request, answered_turn(on_new_message), text, sender_id, metadata)
