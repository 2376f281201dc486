"""The trained model on the held-out NLU set (never trained on, no utterance shared with data/) stays above floors set from BENCHMARKS.md."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from benchmarks.nlu import HELDOUT, read_scores
from tests.e2e.servers import RASA, ROOT, latest_model, server_env

pytestmark = pytest.mark.e2e

# Floors a little under the measured figures (see BENCHMARKS.md), so a real regression fails the build.
FLOORS = {"intent_f1": 0.90, "skill_f1": 0.88, "role_f1": 0.97}


def test_heldout_scores_stay_above_the_floor(tmp_path: Path) -> None:
    out = tmp_path / "results"
    subprocess.run([RASA, "test", "nlu", "--nlu", str(HELDOUT), "--model", str(latest_model()), "--out", str(out)],
                   cwd=ROOT, env=server_env({}), check=True, capture_output=True, timeout=900)
    scores = read_scores(out, "CareerEntityExtractor")
    for key, floor in FLOORS.items():
        assert scores[key] >= floor, f"{key} = {scores[key]:.3f} fell below {floor}"
