"""Write one section of BENCHMARKS.md, leaving the other sections as they are."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

HEADER = ("# Benchmarks\n\nEach section is rewritten by the command it names; figures in one table were measured "
          "side by side in one run. Shared, noisy machines: read medians and ratios, not single numbers.\n")


def write_section(path: Path, key: str, title: str, body: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    block = f"<!-- {key}:start -->\n## {title}\n\nMeasured {stamp}.\n\n{body.strip()}\n<!-- {key}:end -->"
    pattern = re.compile(rf"<!-- {key}:start -->.*?<!-- {key}:end -->", re.DOTALL)
    text = pattern.sub(block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")
