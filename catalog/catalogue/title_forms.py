"""The forms a written title may stand for: people hyphenate freely ("wind-turbine technician", "cyber-security
analyst", "e-learning developer") where the taxonomy and O*NET write a space or nothing."""

from __future__ import annotations

import re

TIGHT_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")


def hyphen_forms(text: str) -> list[str]:
    """``text`` (lower case) as written and, where a hyphen joins two letters, with it as a space and as
    nothing; the written form first, so that a title that has the hyphen itself ("x-ray technician") wins."""
    if not TIGHT_HYPHEN.search(text):
        return [text]
    return [text, TIGHT_HYPHEN.sub(" ", text), TIGHT_HYPHEN.sub("", text)]
