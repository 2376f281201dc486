"""Rasa's check of every action server response, with its JSON schema compiled once instead of every call.

Rasa 3.6 validates each response of the action server with ``jsonschema.validate(result, spec)``, and
``validate`` first checks the *schema itself* against the 2020-12 metaschema, on every call: 16-19 ms of
pure Python per custom action on this machine, about half of a whole learner turn (each of our turns makes
two calls: ``action_validate_slot_mappings`` after every message, then the answering action). A validator
built once gives the same verdict and the same ``ValidationError`` in under 1 ms (measured by
``make bench-turn``, BENCHMARKS.md "Turn latency"). ``install`` replaces ``RemoteAction._validate_action_result``
with it; the channels install it when the Rasa server loads them (``bot.channels.turns``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jsonschema import exceptions, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


@lru_cache(maxsize=1)
def response_validator() -> Any:
    spec = RemoteAction.action_response_format_spec()
    cls = validators.validator_for(spec)
    cls.check_schema(spec)  # once per process, as jsonschema.validate does on every call
    return cls(spec)


def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    error = exceptions.best_match(response_validator().iter_errors(result))
    if error is not None:
        error.message += (". Failed to validate Action server response from API, make sure your response from the "
                          f"Action endpoint is valid. For more information about the format visit "
                          f"{DOCS_BASE_URL}/custom-actions")
        raise error
    return True


def install() -> None:
    """Idempotent."""
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]
