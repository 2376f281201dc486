"""``make bench-triage``: how well the assistant recognises what it must hand to a person.

On ``tests/triage_fresh.yml`` (345 messages written by someone who saw neither the training data nor the
phrase lists; its errors are not read while tuning), it parses every message with the trained model and
scores the label the assistant acts on: risk_of_harm, distress, request_human, out_of_remit:<topic>,
delete_data or none. It reports the whole pipeline (intent model plus ConcernGuard) beside the phrase
lists alone, in the same run. A missed risk costs more than a false alarm, so recall comes first.
"""

from __future__ import annotations

import asyncio
import collections
from pathlib import Path

import yaml

from benchmarks.report import write_section
from catalog.reading.concerns import read_concerns

ROOT = Path(__file__).resolve().parents[1]
TEST_SET = ROOT / "tests" / "triage_fresh.yml"
HANDOVER = ("risk_of_harm", "distress", "request_human", "out_of_remit")


def label_of_parse(parse: dict) -> str:
    entities = parse.get("entities") or []
    concern = next((e["value"] for e in entities if e.get("entity") == "concern"), None)
    topics = [e["value"] for e in entities if e.get("entity") == "remit_topic"]
    intent = (parse.get("intent") or {}).get("name")
    if concern == "risk_of_harm" or (intent == "distress" and concern is None):
        return "risk_of_harm"  # what the assistant acts on: catalog/triage/rules.py treats it as possible risk
    if concern == "distress":
        return "distress"
    if intent == "request_human":
        return "request_human"
    if intent == "outside_remit":
        return f"out_of_remit:{topics[0] if topics else 'unknown'}"
    if intent == "delete_data":
        return "delete_data"
    return "none"


def label_of_lists(text: str) -> str:
    c = read_concerns(text)
    if c.level:
        return c.level
    if c.delete_data:
        return "delete_data"
    return f"out_of_remit:{c.topics[0]}" if c.topics else "none"


def scores(gold: list[str], predicted: list[str]) -> dict[str, tuple[float, float, int]]:
    """Precision, recall and support per label, plus the hand-over as one yes/no decision."""
    out = {}
    for label in sorted(set(gold)):
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == label and g != label for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, predicted, strict=True))
        out[label] = (tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0, tp + fn)

    def to_person(label: str) -> bool:
        return label.split(":")[0] in HANDOVER

    tp = sum(to_person(g) and to_person(p) for g, p in zip(gold, predicted, strict=True))
    fp = sum(not to_person(g) and to_person(p) for g, p in zip(gold, predicted, strict=True))
    fn = sum(to_person(g) and not to_person(p) for g, p in zip(gold, predicted, strict=True))
    out["handed to a person (any reason)"] = (tp / (tp + fp), tp / (tp + fn), tp + fn)
    concern = {"risk_of_harm", "distress"}
    tp = sum(g in concern and p in concern for g, p in zip(gold, predicted, strict=True))
    fn = sum(g in concern and p not in concern for g, p in zip(gold, predicted, strict=True))
    fp = sum(g not in concern and p in concern for g, p in zip(gold, predicted, strict=True))
    out["distress or risk (either)"] = (tp / (tp + fp), tp / (tp + fn), tp + fn)
    return out


def parse_all(model: Path, texts: list[str]) -> list[dict]:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))

    async def run() -> list[dict]:
        return [await agent.parse_message(t) for t in texts]

    return asyncio.run(run())


def main() -> None:
    examples = yaml.safe_load(TEST_SET.read_text(encoding="utf-8"))["examples"]
    texts, gold = [e["text"] for e in examples], [e["label"] for e in examples]
    model = max((ROOT / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    pipeline = [label_of_parse(p) for p in parse_all(model, texts)]
    lists = [label_of_lists(t) for t in texts]
    ours, alone = scores(gold, pipeline), scores(gold, lists)
    counts = collections.Counter(gold)
    rows = ["| label | n | pipeline precision | pipeline recall | phrase lists alone P / R |", "|---|---|---|---|---|"]
    for label in ours:
        p, r, n = ours[label]
        pa, ra, _ = alone[label]
        rows.append(f"| {label} | {n if label in counts else n} | {p:.3f} | {r:.3f} | {pa:.3f} / {ra:.3f} |")
    body = (
        f"Command: `make bench-triage` (`python -m benchmarks.triage`), model `{model.name}`. Test set "
        f"`tests/triage_fresh.yml`: {len(examples)} messages written on 2026-12-01 by a helper who saw no training "
        "data, code or phrase list; only these aggregates are read, never its errors. The pipeline is what the "
        "assistant acts on (intent model plus ConcernGuard); the phrase lists alone are "
        "`catalog/reading/data/concern_cues.yaml` without the intent model.\n\n" + "\n".join(rows))
    write_section(ROOT / "BENCHMARKS.md", "triage", "Recognising what a person must handle (triage)", body)
    print(body)


if __name__ == "__main__":
    main()
