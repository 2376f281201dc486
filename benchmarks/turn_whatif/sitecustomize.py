"""Our fix of Rasa's response check (``bot/action_response_check.py``), for the *baseline* of
``make bench-turn --like-for-like``, so that our turn can also be compared with an equally patched Rasa.

Why: Rasa 3.6 checks every action server response with ``jsonschema.validate(result, spec)``, and
``validate`` first checks the *schema itself* against the 2020-12 metaschema, every call: about 16 ms of pure
Python per custom action call on this machine, while validating the response with a validator built once
takes under 1 ms. Our turns make two calls (``action_validate_slot_mappings`` after every message, then the
answering action); the baseline makes one. The baseline is a ``rasa init`` project that cannot import
``bot``, so the same patch is loaded through ``PYTHONPATH`` into its Rasa server.
"""

from __future__ import annotations

import sys
from pathlib import Path


def install() -> None:
    """The project's own module, imported from the project's folder (the baseline's cwd is elsewhere)."""
    root = str(Path(__file__).resolve().parents[2])
    if root not in sys.path:
        sys.path.append(root)
    from bot.action_response_check import install as install_check

    install_check()


if sys.argv[1:2] == ["run"] and sys.argv[2:3] != ["actions"]:
    install()
