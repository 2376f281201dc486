"""Play README's example conversations on the trained model and write what the assistant answered into README.

README shows a transcript and two pathways; written by hand they drift from what the assistant says once the
catalogue or the wording changes. This starts the action server and the Rasa server (as the end-to-end tests
do, on a scratch copy of the seed catalogue), plays each conversation over the REST channel and replaces the
blocks between ``<!-- transcript:start -->`` and ``<!-- pathways:end -->`` markers' code fences with the
replies. Run it after ``make train``: ``.venv/bin/python -m scripts.readme_examples``.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.servers import Servers, start_servers  # noqa: E402 - after the path is set

README = ROOT / "README.md"
TRANSCRIPT = ["hi",
              "I'm a retail supervisor and I want to become a data analyst. I know Excel and some SQL",
              "why this one?",
              "is it recognised by employers?",
              "actually I don't know SQL"]
# Each a conversation: the learner's messages, the last of which gets the pathway.
PATHWAYS = [["I'm a retail supervisor, I want to become a cybersecurity analyst. I know customer service and some "
             "networking"],
            ["I've been a registered nurse for 4 years and want to move into critical care nursing. I have a BSN",
             "patient assessment, medication administration and IV therapy", "I can study 5 hours a week"]]
INDENT = "     "


def _payload(custom: dict) -> str:
    """A pathway payload abbreviated to what a reader checks: goal, gap and the steps' ids."""
    if custom.get("type") != "pathway":
        return f"type={custom.get('type')}"
    steps = [s.get("id") for s in custom.get("steps", [])]
    return f"type=pathway goal={custom.get('goal')} gap={custom.get('gap')} steps={steps}"


def transcript_lines(messages: list[dict]) -> list[str]:
    lines = []
    for message in messages:
        if "text" in message:
            first, *rest = message["text"].split("\n")
            lines.append(f"BOT: {first}")
            lines += [f"{INDENT}{line}" for line in rest]
        if message.get("buttons"):
            lines.append(f"{INDENT}[buttons: {' | '.join(b['title'] for b in message['buttons'])}]")
        if message.get("custom"):
            lines.append(f"{INDENT}[custom payload: {_payload(message['custom'])}]")
    return lines


def play_transcript(servers: Servers) -> str:
    lines: list[str] = []
    for text in TRANSCRIPT:
        lines.append(f"USER: {text}")
        lines += transcript_lines(servers.say("readme-transcript", text))
        lines.append("")
    return "\n".join(lines).rstrip()


def play_pathways(servers: Servers) -> str:
    blocks = []
    for n, texts in enumerate(PATHWAYS):
        for text in texts:
            replies = servers.say(f"readme-pathway-{n}", text)
        pathway = next((m["text"] for m in replies if m.get("text", "").startswith("Your pathway")), None)
        if pathway is None:
            raise SystemExit(f"no pathway after {texts!r}: {replies}")
        blocks.append("\n".join(f"> {text}" for text in texts) + f"\n{pathway}")
    return "\n\n".join(blocks)


def replace_fence(readme: str, marker: str, body: str) -> str:
    """The first ```text fence between the marker's start and end comments, with ``body`` inside."""
    start, end = f"<!-- {marker}:start -->", f"<!-- {marker}:end -->"
    head, rest = readme.split(start, 1)
    section, tail = rest.split(end, 1)
    section, count = re.subn(r"```text\n.*?\n```", lambda _: f"```text\n{body}\n```", section, count=1, flags=re.S)
    if count != 1:
        raise SystemExit(f"README: no ```text block between {start} and {end}")
    return f"{head}{start}{section}{end}{tail}"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        servers = start_servers(Path(tmp))
        try:
            transcript, pathways = play_transcript(servers), play_pathways(servers)
        finally:
            servers.stop()
    readme = README.read_text(encoding="utf-8")
    readme = replace_fence(readme, "transcript", transcript)
    readme = replace_fence(readme, "pathways", pathways)
    today = dt.date.today().isoformat()
    readme = re.sub(r"(This ran on the trained model over the REST channel .*?, )\d{4}-\d{2}-\d{2}", rf"\g<1>{today}", readme)
    readme = re.sub(r"(Two pathways as the assistant gives them \(seed catalogue, )\d{4}-\d{2}-\d{2}",
                    rf"\g<1>{today}", readme)
    README.write_text(readme, encoding="utf-8")
    print(transcript, pathways, sep="\n\n")


if __name__ == "__main__":
    main()
