"""The held-out sets share no utterance with the training data, so their scores measure generalisation."""

import itertools
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]


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


SETS = {"nlu_heldout.yml": 300, "nlu_fresh.yml": 140, "nlu_fresh2.yml": 250, "nlu_fresh3.yml": 280, "nlu_fresh4.yml": 280,
        "nlu_fresh5.yml": 200}


def training_utterances() -> set[str]:
    lines: set[str] = set()
    for path in sorted((ROOT / "data").glob("*.yml")):
        if "nlu" in (yaml.safe_load(path.read_text()) or {}):
            lines |= utterances(path)
    return plain(lines)


@pytest.mark.parametrize(("name", "minimum"), sorted(SETS.items()))
def test_no_heldout_utterance_is_in_the_training_data(name: str, minimum: int) -> None:
    heldout = plain(utterances(ROOT / "tests" / name))
    training = training_utterances()
    assert len(heldout) >= minimum
    assert not heldout & training, sorted(heldout & training)[:20]


@pytest.mark.parametrize(("first", "second"), list(itertools.combinations(sorted(SETS), 2)))
def test_the_heldout_sets_are_disjoint(first: str, second: str) -> None:
    a = plain(utterances(ROOT / "tests" / first))
    b = plain(utterances(ROOT / "tests" / second))
    assert not a & b, sorted(a & b)[:20]
