"""The REST channel refuses a body that is not the contract's shape with a 400 naming what is wrong; Rasa's
own channel answered some with a 500, some with [] and a missing sender by sharing one conversation.
(Over HTTP, against the running server: tests/e2e/test_rest_fuzz.py.)"""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from sanic.exceptions import InvalidUsage

from bot.channels.rest import AnsweredRestInput

BAD_BODIES = [None, ["hi"], "hi", 5, {"sender": "x"}, {"sender": "x", "message": None},
              {"sender": "x", "message": 5}, {"sender": "x", "message": ["hi"]}, {"message": "hi"},
              {"sender": None, "message": "hi"}, {"sender": "", "message": "hi"}, {"sender": {}, "message": "hi"},
              {"sender": "x", "message": "hi", "metadata": "x"}]


async def read(body: object) -> tuple[str, str, str, object]:
    channel, request = AnsweredRestInput(), SimpleNamespace(json=body)
    return (await channel._extract_sender(request), channel._extract_message(request),  # type: ignore[arg-type]
            channel._extract_input_channel(request), channel.get_metadata(request))  # type: ignore[arg-type]


@pytest.mark.parametrize("body", BAD_BODIES, ids=json.dumps)
async def test_a_malformed_body_is_refused_with_what_is_wrong(body: object) -> None:
    with pytest.raises(InvalidUsage) as refused:
        await read(body)
    assert refused.value.status_code == 400
    assert any(word in str(refused.value) for word in ('"sender"', '"message"', "JSON object", '"metadata"'))


async def test_the_contracts_shape_is_read_as_rasa_reads_it() -> None:
    assert await read({"sender": "learner-1", "message": "hi", "metadata": {"page": "/"}}) == (
        "learner-1", "hi", "rest", {"page": "/"})
    assert (await read({"sender": 42, "message": ""}))[:2] == ("42", "")
    # A REST client cannot pass as another channel (Slack picks an employer's policy by its workspace).
    assert (await read({"sender": "x", "message": "hi", "input_channel": "slack"}))[2] == "rest"
