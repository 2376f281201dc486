"""The trained model on both NLU test sets (never trained on, no utterance shared with data/) stays above floors set from BENCHMARKS.md."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from benchmarks.nlu import HELDOUT, fresh_unseen, read_scores
from tests.e2e.servers import RASA, ROOT, latest_model, server_env

pytestmark = pytest.mark.e2e

# Floors a little under the measured figures (see BENCHMARKS.md, 2026-11-29), so a real regression fails the build.
FLOORS = {
    "held-out": {"intent_f1": 0.90, "skill_f1": 0.93, "role_f1": 0.96},
    "fresh, unseen": {"intent_f1": 0.92, "skill_f1": 0.87, "role_f1": 0.89},
}


@pytest.mark.parametrize("test_set", sorted(FLOORS))
def test_scores_stay_above_the_floor(tmp_path: Path, test_set: str) -> None:
    path = HELDOUT if test_set == "held-out" else fresh_unseen()
    out = tmp_path / "results"
    subprocess.run([RASA, "test", "nlu", "--nlu", str(path), "--model", str(latest_model()), "--out", str(out)],
                   cwd=ROOT, env=server_env({}), check=True, capture_output=True, timeout=900)
    scores = read_scores(out, "CareerEntityExtractor")
    for key, floor in FLOORS[test_set].items():
        assert scores[key] >= floor, f"{test_set}: {key} = {scores[key]:.3f} fell below {floor}"
