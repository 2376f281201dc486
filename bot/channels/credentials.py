"""Writes the credentials file Rasa runs with: ``credentials.yml`` plus Slack when it is configured.

Slack is on only when env ``SLACK_BOT_TOKEN`` and ``SLACK_SIGNING_SECRET`` are both set (optional:
``SLACK_CHANNEL``, ``SLACK_API_URL`` for a stand-in, ``SLACK_DEDUPE_REDIS_URL`` to share seen event ids
between servers). Rasa cannot leave a channel out when an env variable is unset, so the file is composed
here, and the caller is told which channels are on.

    python -m bot.channels.credentials var/credentials.yml
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SLACK_CLASS = "bot.channels.slack.SlackChannel"


def compose(base: Path = ROOT / "credentials.yml", env: dict[str, str] | None = None) -> tuple[dict, list[str]]:
    env = dict(os.environ if env is None else env)
    content = yaml.safe_load(base.read_text(encoding="utf-8")) or {}
    notes = []
    token, secret = env.get("SLACK_BOT_TOKEN"), env.get("SLACK_SIGNING_SECRET")
    if token and secret:
        slack = {"slack_token": token, "slack_signing_secret": secret}
        for key, var in (("slack_channel", "SLACK_CHANNEL"), ("api_url", "SLACK_API_URL"),
                         ("dedupe_redis_url", "SLACK_DEDUPE_REDIS_URL")):
            if env.get(var):
                slack[key] = env[var]
        content[SLACK_CLASS] = slack
        notes.append("Slack: on (events and interactivity at /webhooks/slack/webhook)")
    elif token or secret:
        notes.append("Slack: off (set both SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET)")
    else:
        notes.append("Slack: off (SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are not set)")
    return content, notes


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else ROOT / "var" / "credentials.yml")
    content, notes = compose()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(yaml.safe_dump(content, sort_keys=False), encoding="utf-8")
    os.chmod(out, 0o600)  # it may hold the Slack token
    for note in notes:
        print(note)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
