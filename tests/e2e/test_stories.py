"""`rasa test core` on tests/test_stories.yml: every conversation story must pass (NLU + dialogue policy)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.e2e.servers import RASA, ROOT, latest_model, server_env

pytestmark = pytest.mark.e2e


def test_conversation_stories_pass(tmp_path: Path) -> None:
    model = latest_model()
    out = tmp_path / "results"
    run = subprocess.run(
        [RASA, "test", "core", "--stories", str(ROOT / "tests" / "test_stories.yml"), "--model", str(model),
         "--out", str(out), "--no-plot"],
        cwd=ROOT, env=server_env({}), capture_output=True, text=True, timeout=900,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert (out / "story_report.json").exists()
    failed = out / "failed_test_stories.yml"
    failures = failed.read_text() if failed.exists() else ""
    stories = len([line for line in (ROOT / "tests" / "test_stories.yml").read_text().splitlines()
                   if line.startswith("- story:")])
    assert stories >= 25
    assert "story:" not in failures, failures[:6000]
