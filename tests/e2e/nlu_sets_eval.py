"""Evaluate one trained model on several NLU test sets with one model load, as `rasa test nlu` does per set.

    python -m tests.e2e.nlu_sets_eval MODEL OUT_DIR NAME=PATH [NAME=PATH ...]

Writes ``OUT_DIR/<i>/`` with the same reports `rasa test nlu --out` writes (Rasa's own ``run_evaluation``);
loading the model is most of the cost of a run, so one process for all sets saves a load per set.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path


async def evaluate(model: str, out_dir: Path, sets: list[tuple[str, str]]) -> dict[str, str]:
    from rasa.core.agent import Agent
    from rasa.nlu.test import run_evaluation

    agent = Agent.load(model_path=model)
    written = {}
    for i, (name, path) in enumerate(sets):
        out = out_dir / str(i)
        out.mkdir(parents=True, exist_ok=True)
        await run_evaluation(path, agent.processor, output_directory=str(out), disable_plotting=True)
        written[name] = str(out)
    return written


def main(argv: list[str]) -> int:
    model, out_dir, *pairs = argv
    sets = [tuple(pair.split("=", 1)) for pair in pairs]
    written = asyncio.run(evaluate(model, Path(out_dir), sets))  # type: ignore[arg-type]
    (Path(out_dir) / "index.json").write_text(json.dumps(written), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
