"""The compiled check of action server responses gives Rasa's own verdicts and errors."""

from __future__ import annotations

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

from bot import action_response_check

GOOD = [{"events": [], "responses": []}, {"events": [{"event": "slot", "name": "x", "value": 1}],
                                          "responses": [{"text": "hi"}]}, {}]
BAD = [{"events": "x"}, {"responses": 5}, {"events": [5]}]


@pytest.mark.parametrize("result", GOOD + BAD)
def test_same_verdict_and_error_as_jsonschema_validate(result: dict) -> None:
    action_response_check.install()
    action = RemoteAction("action_x", None)
    try:
        jsonschema.validate(result, RemoteAction.action_response_format_spec())
        expected = None
    except jsonschema.ValidationError as exc:
        expected = exc.message
    if expected is None:
        assert action._validate_action_result(result) is True
    else:
        with pytest.raises(jsonschema.ValidationError) as raised:
            action._validate_action_result(result)
        assert raised.value.message.startswith(expected) and "Failed to validate Action server response" in \
            raised.value.message
