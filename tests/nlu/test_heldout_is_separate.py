"""The held-out set shares no utterance with the training data, so its scores measure generalisation."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def utterances(path: Path) -> set[str]:
    out = set()
    for block in yaml.safe_load(path.read_text())["nlu"]:
        for line in block.get("examples", "").splitlines():
            if line.strip().startswith("- "):
                out.add(line.strip()[2:].strip().lower())
    return out


def test_no_heldout_utterance_is_in_the_training_data() -> None:
    heldout = utterances(ROOT / "tests" / "nlu_heldout.yml")
    training = utterances(ROOT / "data" / "nlu.yml") | utterances(ROOT / "data" / "faq.yml")
    assert len(heldout) >= 300
    assert not heldout & training, sorted(heldout & training)[:20]
