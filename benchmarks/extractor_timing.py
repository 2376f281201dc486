"""Per-message time and memory of the entity extractor alone, on the development conversations' user turns.

Why a separate script: ``make bench-conversations`` starts servers and plays whole conversations; the question
"does a bigger vocabulary keep the extractor under its 5 ms p95 budget, and what does it cost in memory" needs
only the finder, so this loads it once, reports the process RSS before and after, and times every user turn of
``tests/conversations_dev.yml`` (mentions and constraints, as ``benchmarks/nlu.py`` times them, without importing Rasa).

    .venv/bin/python -m benchmarks.extractor_timing [--rounds 5]
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "conversations_dev.yml"


def rss_mb() -> float:
    """Resident set size now (Linux /proc), in MB; peak RSS where /proc is missing."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def user_turns(path: Path = DEV) -> list[str]:
    content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [t["text"] for c in content.get("conversations", []) for t in c.get("turns", []) if t.get("text")]


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[int(q * (len(values) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    texts = user_turns()
    import spacy  # noqa: F401  (the libraries' own memory is not the vocabulary's)

    from catalog.reading.constraints import parse_constraints
    from catalog.reading.mentions import finder_for

    before = rss_mb()
    t0 = time.perf_counter()
    finder = finder_for()
    load_s = time.perf_counter() - t0
    after = rss_mb()
    for text in texts[:20]:  # warm-up
        finder.find(text)
    providers = {"coursera": "coursera", "udemy": "udemy", "edx": "edx"}
    timings = []
    for _ in range(args.rounds):
        for text in texts:
            t1 = time.perf_counter()
            finder.find(text)
            parse_constraints(text, providers)
            timings.append((time.perf_counter() - t1) * 1000)
    print(f"{len(texts)} user turns x {args.rounds} rounds; finder built in {load_s:.1f} s")
    print(f"RSS before loading {before:.0f} MB, after {after:.0f} MB (+{after - before:.0f} MB)")
    print(f"per message: p50 {pct(timings, 0.5):.2f} ms, p95 {pct(timings, 0.95):.2f} ms, "
          f"max {max(timings):.2f} ms")


if __name__ == "__main__":
    main()
