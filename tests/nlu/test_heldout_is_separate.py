"""The held-out sets share no utterance with the training data, so their scores measure generalisation."""

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def utterances(path: Path) -> set[str]:
    out = set()
    for block in yaml.safe_load(path.read_text())["nlu"]:
        for line in block.get("examples", "").splitlines():
            if line.strip().startswith("- "):
                out.add(line.strip()[2:].strip().lower())
    return out


def plain(lines: set[str]) -> set[str]:
    """The text without entity markup, so an annotated copy still counts as the same utterance."""
    return {re.sub(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})", r"\1", line) for line in lines}


@pytest.mark.parametrize(("name", "minimum"), [("nlu_heldout.yml", 300), ("nlu_fresh.yml", 140)])
def test_no_heldout_utterance_is_in_the_training_data(name: str, minimum: int) -> None:
    heldout = plain(utterances(ROOT / "tests" / name))
    training = plain(utterances(ROOT / "data" / "nlu.yml") | utterances(ROOT / "data" / "faq.yml"))
    assert len(heldout) >= minimum
    assert not heldout & training, sorted(heldout & training)[:20]


def test_the_two_heldout_sets_are_disjoint() -> None:
    first = plain(utterances(ROOT / "tests" / "nlu_heldout.yml"))
    second = plain(utterances(ROOT / "tests" / "nlu_fresh.yml"))
    assert not first & second, sorted(first & second)[:20]
