"""Slack as an employee's workspace reaches it: signed events and clicks, replies through a Web API stand-in."""

from __future__ import annotations

import json
import os
import uuid

import pytest
import yaml

from bot.channels.credentials import compose
from bot.channels.slack_renderer import escape
from catalog.advice import wording
from tests.e2e.servers import Servers, start_servers
from tests.e2e.slack_standin import SlackSender, SlackWebApi

pytestmark = pytest.mark.e2e
SECRET = "test-signing-secret"
EXAMPLE = "I'm a retail supervisor and I want to become a data analyst. I know Excel and some SQL"


@pytest.fixture(scope="module")
def slack(tmp_path_factory: pytest.TempPathFactory):
    api = SlackWebApi()
    api.start()
    workdir = tmp_path_factory.mktemp("slack")
    content, notes = compose(env={"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": SECRET,
                                  "SLACK_API_URL": api.url})
    assert notes == ["Slack: on (events and interactivity at /webhooks/slack/webhook)"]
    credentials = workdir / "credentials.yml"
    credentials.write_text(yaml.safe_dump(content))
    no_proxy = ",".join(filter(None, [os.environ.get("NO_PROXY"), "127.0.0.1", "localhost"]))
    servers = start_servers(workdir, {"NO_PROXY": no_proxy, "no_proxy": no_proxy}, credentials=credentials)
    yield servers, api, SlackSender(f"{servers.rasa_url}/webhooks/slack/webhook", SECRET)
    servers.stop()
    api.stop()


def new_posts(api: SlackWebApi, before: int, count: int, quiet: float = 2.0) -> list[dict]:
    return api.wait_for(before + count, quiet=quiet)[before:]


def blocks_text(post: dict) -> str:
    blocks = post.get("blocks") or []
    if isinstance(blocks, str):
        blocks = json.loads(blocks)
    parts = []
    for b in blocks:
        if b.get("text"):
            parts.append(b["text"]["text"])
        parts += [e.get("text", "") if isinstance(e.get("text"), str) else e.get("text", {}).get("text", "")
                  for e in b.get("elements", [])]
    return "\n".join(parts)


def test_url_verification_is_answered(slack: tuple[Servers, SlackWebApi, SlackSender]) -> None:
    _, _, sender = slack
    body = json.dumps({"token": "x", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
                       "type": "url_verification"}).encode()
    status, text, _ = sender.post(body, "application/json")
    assert status == 200 and "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" in text


def test_a_direct_message_gets_a_block_kit_pathway_within_the_employers_policy(slack) -> None:
    servers, api, sender = slack
    user = f"U{uuid.uuid4().hex[:8].upper()}"
    before = len(api.posts)
    status, _, seconds = sender.event({"type": "message", "channel_type": "im", "channel": "D0DM001", "user": user,
                                       "text": EXAMPLE, "ts": "1700000000.000100"}, f"Ev{uuid.uuid4().hex[:10]}")
    assert status == 200 and seconds < 3.0  # Slack re-sends after 3 s
    intro, pathway = new_posts(api, before, 2)
    assert intro["channel"] == pathway["channel"] == "D0DM001" and "thread_ts" not in pathway
    assert intro["text"].startswith("Got it: you're aiming for Data Analyst")
    assert pathway["_auth"] == "Bearer xoxb-test"
    text = blocks_text(pathway)
    assert pathway["text"].startswith("Your pathway to Data Analyst")
    assert "Within Acme's $1,000 learning budget; Acme sponsors Coursera and LinkedIn Learning" in text
    assert "Claim it through Acme's Learning Hub" in text
    # Every flag of the pathway this learner got is shown with its reason (which steps carry flags is data).
    steps = (servers.tracker(user)["slots"].get("pathway") or {}).get("steps") or []
    flags = [f for step in steps for f in wording.inline_flags(step)]
    assert text.count("⚠ *") == len(flags), "flags with their reasons"
    for flag in flags:
        assert escape(flag["reason"])[:60] in text
    slots = servers.tracker(user)["slots"]
    assert slots["workspace"] == "T0ACME001"
    steps = slots["pathway"]["steps"]
    assert steps and all(s["provider"] != "Udemy" for s in steps)
    assert slots["pathway"]["policy"]["organisation"] == "Acme"


def test_a_mention_is_answered_in_its_thread_and_a_click_works_like_a_reply(slack) -> None:
    _, api, sender = slack
    user = f"U{uuid.uuid4().hex[:8].upper()}"
    before = len(api.posts)
    sender.event({"type": "app_mention", "channel": "C0GENERAL", "user": user, "ts": "1700000100.000200",
                  "text": f"<@UBOT> {EXAMPLE}"}, f"Ev{uuid.uuid4().hex[:10]}")
    replies = new_posts(api, before, 2)
    assert replies and all(p["channel"] == "C0GENERAL" and p.get("thread_ts") == "1700000100.000200"
                           for p in replies)

    before = len(api.posts)
    status, _, _ = sender.click("Why step 1?", user, "C0GENERAL", "1700000100.000200")
    assert status == 200
    [answer] = new_posts(api, before, 1)
    assert answer["text"].startswith("Step 1, ")


def test_unsigned_wrongly_signed_and_stale_requests_are_refused(slack) -> None:
    _, api, sender = slack
    event = {"type": "message", "channel_type": "im", "channel": "D0DM002", "user": "UATTACK", "text": "hi",
             "ts": "1700000200.000300"}
    before = len(api.posts)
    for kwargs in ({"sign": False}, {"secret": "not-the-secret"}, {"age": 6 * 60}):
        status, _, _ = sender.event(event, f"Ev{uuid.uuid4().hex[:10]}", **kwargs)
        assert status in (400, 401), kwargs
    api.wait_for(before, timeout=6, quiet=5)
    assert len(api.posts) == before, api.posts[before:]


def test_retries_and_repeated_events_get_one_reply(slack) -> None:
    _, api, sender = slack
    user = f"U{uuid.uuid4().hex[:8].upper()}"
    event = {"type": "message", "channel_type": "im", "channel": "D0DM003", "user": user, "text": "hello there",
             "ts": "1700000300.000400"}
    event_id = f"Ev{uuid.uuid4().hex[:10]}"
    before = len(api.posts)
    assert sender.event(event, event_id)[0] == 200
    for reason in ("http_timeout", "http_error", "unknown_error"):
        status, _, _ = sender.event(event, event_id, headers={"X-Slack-Retry-Num": "1",
                                                              "X-Slack-Retry-Reason": reason})
        assert status == 200
    assert sender.event(event, event_id)[0] == 200  # the same event id again, no retry header
    replies = new_posts(api, before, 1, quiet=5.0)  # long enough for a duplicate turn to arrive
    assert len(replies) == 1 and "career adviser" in replies[0]["text"]
