"""Whole conversations written by someone else, played through the running assistant, scored as a whole.

``make bench-conversations``: starts the action server and the Rasa server on the trained model (as
``make test``'s end-to-end tests do), plays every conversation of ``tests/conversations_fresh.yml`` over the
REST channel (a new sender each), reads the final tracker's slots and scores them against the adjudicated
labels (``benchmarks/conversation_scoring.py``). It runs twice in the same run: with O*NET's job titles and
with them left out (``CAREER_ONET_TITLES=off``), so the table shows what they add with everything else equal.
"""

from __future__ import annotations

import argparse
import json
import math
import tempfile
import time
import uuid
from pathlib import Path

import yaml

from benchmarks.conversation_scoring import ConversationScore, by_industry, score_conversation, summarise
from benchmarks.report import write_section
from catalog.catalogue.onet import default_onet
from tests.e2e.servers import Servers, start_servers

ROOT = Path(__file__).resolve().parent.parent
CONVERSATIONS = ROOT / "tests" / "conversations_fresh.yml"
LABELS = ROOT / "tests" / "conversations_fresh_labels.yml"
VARIANTS = {"with O*NET titles": {}, "without O*NET titles": {"CAREER_ONET_TITLES": "off"}}


def load(conversation_files: list[Path] | None = None,
         label_files: list[Path] | None = None) -> tuple[list[dict], dict[str, dict]]:
    conversations: list[dict] = []
    labels: dict[str, dict] = {}
    for path in conversation_files or [CONVERSATIONS]:
        conversations += yaml.safe_load(path.read_text(encoding="utf-8"))["conversations"]
    for path in label_files or [LABELS]:
        labels.update(yaml.safe_load(path.read_text(encoding="utf-8"))["labels"])
    missing = [c["id"] for c in conversations if c["id"] not in labels]
    if missing:
        raise SystemExit(f"no labels for {', '.join(missing)}")
    onet = default_onet()
    for conv in conversations:  # every occupation O*NET files the writer's goal title under
        goal = conv["expect"].get("goal")
        labels[conv["id"]]["goal_title_codes"] = onet.title_codes(goal) if goal else ()
    return conversations, labels


def play(servers: Servers, conversations: list[dict], labels: dict[str, dict],
         transcripts: list[dict] | None = None) -> tuple[list[ConversationScore], list[float]]:
    """Every conversation from a new sender; ``transcripts``, when given, gets each one's turns, replies and
    final slots (for reading a development set's misses; never the unseen set's)."""
    scores, turn_ms = [], []
    for conv in conversations:
        sender = f"bench-{conv['id']}-{uuid.uuid4().hex[:8]}"
        replies = []
        for turn in conv["turns"]:
            t0 = time.perf_counter()
            replies.append(servers.say(sender, turn["text"]))
            turn_ms.append((time.perf_counter() - t0) * 1000)
        slots = servers.tracker(sender).get("slots", {})
        scores.append(score_conversation(conv, labels[conv["id"]], slots, replies))
        if transcripts is not None:
            transcripts.append({"id": conv["id"], "turns": [t["text"] for t in conv["turns"]],
                                "replies": [[r.get("text") for r in rs] for rs in replies], "slots": slots})
    return scores, turn_ms


def fmt(value: float) -> str:
    return "n/a" if isinstance(value, float) and math.isnan(value) else f"{value:.0%}" if value <= 1 else str(value)


def table(results: dict[str, list[ConversationScore]]) -> str:
    names = list(results)
    summaries = {n: summarise(s) for n, s in results.items()}
    rows = [("understood completely (goal, job, every skill; a skill the vocabulary lacks counts as missed)",
             "understood"),
            ("understood, skills the vocabulary lacks left out", "understood_in_vocabulary"),
            ("goal right", "goal"), ("current job recorded (the right role where one covers it)", "current"),
            ("skill recall", "skill_recall"), ("skill precision", "skill_precision"),
            ("questions answered (not the fallback)", "questions_answered")]
    lines = ["| measure | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    lines += [f"| {label} | " + " | ".join(fmt(summaries[n][key]) for n in names) + " |" for label, key in rows]
    lines.append("| skills said as missing but held | " + " | ".join(str(summaries[n]["lacks_kept"]) for n in names)
                 + " |")
    industries = by_industry(results[names[0]])
    lines += ["", f"By industry ({names[0]}):", "", "| industry | conversations | understood | goal | skill recall |",
              "|---|---:|---:|---:|---:|"]
    lines += [f"| {k} | {v['conversations']} | {fmt(v['understood'])} | {fmt(v['goal'])} | {fmt(v['skill_recall'])} |"
              for k, v in industries.items()]
    return "\n".join(lines)


def time_extractor(conversations: list[dict], rounds: int = 3) -> dict[str, tuple[float, float]]:
    """Milliseconds per message of the extractor alone (mentions and constraints) on every user turn, with and
    without O*NET's titles: p50 and p95."""
    from benchmarks.nlu import time_extractor
    from catalog.catalogue.taxonomy import default_taxonomy
    from catalog.reading.mentions import MentionFinder
    from catalog.reading.occupations import OccupationReader

    taxonomy = default_taxonomy()
    texts = [t["text"] for c in conversations for t in c["turns"]]
    finders = {"with O*NET titles": MentionFinder(taxonomy, OccupationReader(taxonomy, default_onet())),
               "without O*NET titles": MentionFinder(taxonomy)}
    out = {}
    for name, finder in finders.items():
        for text in texts[:20]:  # warm-up
            finder.find(text)
        timings = sorted(time_extractor(texts, rounds, finder))
        out[name] = (timings[len(timings) // 2], timings[int(0.95 * (len(timings) - 1))])
    return out


def development(conversation_files: list[Path], label_files: list[Path], details: Path | None) -> None:
    """A development set's scores, printed, and its transcripts for reading what went wrong."""
    conversations, labels = load(conversation_files, label_files)
    transcripts: list[dict] = []
    with tempfile.TemporaryDirectory() as work:
        servers = start_servers(Path(work), {})
        try:
            scores, _ = play(servers, conversations, labels, transcripts)
        finally:
            servers.stop()
    print(table({"development": scores}))
    if details:
        details.write_text(json.dumps([{**vars(s), **t} for s, t in zip(scores, transcripts, strict=True)], indent=1))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--details", type=Path, help="write every conversation's score as JSON here")
    parser.add_argument("--development", nargs=2, action="append", metavar=("CONVERSATIONS", "LABELS"), type=Path,
                        help="score a development set instead (with O*NET titles only; never written to "
                             "BENCHMARKS.md); --details then also holds each conversation's replies and slots")
    args = parser.parse_args()
    if args.development:
        development([c for c, _ in args.development], [lab for _, lab in args.development], args.details)
        return
    conversations, labels = load()
    results: dict[str, list[ConversationScore]] = {}
    timings: dict[str, list[float]] = {}
    for name, env in VARIANTS.items():
        print(f"== {name}: starting servers ...", flush=True)
        with tempfile.TemporaryDirectory() as work:
            servers = start_servers(Path(work), env)
            try:
                results[name], timings[name] = play(servers, conversations, labels)
            finally:
                servers.stop()
        print(json.dumps(summarise(results[name]), indent=1), flush=True)
    if args.details:
        args.details.write_text(json.dumps({n: [vars(s) for s in r] for n, r in results.items()}, indent=1))
    turns = sum(len(c["turns"]) for c in conversations)
    median = {n: sorted(t)[len(t) // 2] for n, t in timings.items()}
    extractor = time_extractor(conversations)
    body = (
        "Command: `make bench-conversations` (`python -m benchmarks.conversations`). "
        f"{len(conversations)} conversations ({turns} user turns) of `tests/conversations_fresh.yml`, written on "
        "2026-12-02 by a helper who saw neither the training data, the taxonomy nor O*NET; labels mapped to "
        "canonical names by a second helper who saw the taxonomy and O*NET but not the assistant's code or "
        "data (`tests/conversations_fresh_labels.yml`). Never trained on; not read by whoever changes the NLU. "
        "Each conversation is played over the REST channel against the trained model and both servers, and the "
        "final tracker's slots are scored. A conversation is understood when the goal is right (the covered role; "
        "for a job we don't cover: no role claimed and the O*NET occupation recorded is one O*NET files the "
        "writer's title under, or the adjudicated one), the current job is recorded, every skill said is held, "
        "none said as missing is held and none was invented. Both columns in the same run; the second leaves "
        "O*NET's job titles out of the extractor (`CAREER_ONET_TITLES=off`), everything else equal.\n\n"
        + table(results)
        + "\n\nMedian turn over REST: " + ", ".join(f"{n} {m:.0f} ms" for n, m in median.items()) + ". "
        + "CareerEntityExtractor alone (mentions and constraints, in one process, 3 rounds over the "
        + f"{turns} turns): " + "; ".join(f"{n} p50 {a:.2f} ms, p95 {b:.2f} ms" for n, (a, b) in extractor.items())
        + "."
    )
    print(body)
    if not args.no_write:
        write_section(ROOT / "BENCHMARKS.md", "conversations", "Whole conversations by others (understood or not)",
                      body)


if __name__ == "__main__":
    main()
