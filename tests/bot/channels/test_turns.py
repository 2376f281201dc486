"""Every turn leaves the learner with a reply: silence (a failed custom action) and raised turns are put
into words, and a turn that answered is left alone."""

from __future__ import annotations

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot.channels import socketio_renderer
from bot.channels.turns import MAX_MESSAGE_CHARS, NO_REPLY, STORE_DOWN, TURN_FAILED, answered_turn
from bot.stores.unavailable import ConversationStoreUnavailable, LockStoreUnavailable


def message(text: str = "hi") -> UserMessage:
    return UserMessage(text, CollectingOutputChannel(), "learner-1", input_channel="rest")


async def test_a_silent_turn_says_the_service_is_not_answering() -> None:
    async def silent(_: UserMessage) -> None:  # what Rasa does when the action server is down
        return None

    msg = message()
    await answered_turn(silent)(msg)
    assert [m["text"] for m in msg.output_channel.messages] == [NO_REPLY["text"]]


async def test_a_raised_turn_says_it_failed() -> None:
    async def broken(_: UserMessage) -> None:
        raise RuntimeError("tracker store down")

    msg = message()
    await answered_turn(broken)(msg)
    assert [m["text"] for m in msg.output_channel.messages] == [TURN_FAILED["text"]]


async def test_a_store_that_is_down_is_said_and_the_message_called_unsaved() -> None:
    for error in (ConversationStoreUnavailable("pg down"), LockStoreUnavailable("redis down")):
        async def down(_: UserMessage, error: Exception = error) -> None:
            raise error

        msg = message()
        await answered_turn(down)(msg)
        assert [m["text"] for m in msg.output_channel.messages] == [STORE_DOWN["text"]]
        assert "couldn't read or save that message" in STORE_DOWN["text"]


async def test_a_message_over_the_limit_is_answered_with_the_limit_and_not_processed() -> None:
    processed: list[str] = []

    async def turn(m: UserMessage) -> None:
        processed.append(m.text)
        await m.output_channel.send_response(m.sender_id, {"text": "ok"})

    long = message("x" * (MAX_MESSAGE_CHARS + 1))
    await answered_turn(turn)(long)
    assert processed == [] and f"{MAX_MESSAGE_CHARS + 1:,} characters" in long.output_channel.messages[0]["text"]
    at_limit = message("x" * MAX_MESSAGE_CHARS)
    await answered_turn(turn)(at_limit)
    assert processed == [at_limit.text]


async def test_an_answered_turn_gets_nothing_extra_and_the_output_is_restored() -> None:
    async def answered(m: UserMessage) -> None:
        await m.output_channel.send_response(m.sender_id, {"text": "Hello!"})

    msg = message()
    original = msg.output_channel.send_response
    await answered_turn(answered)(msg)
    assert [m["text"] for m in msg.output_channel.messages] == ["Hello!"]
    assert msg.output_channel.send_response == original


def test_the_widget_gets_the_failure_marked_as_an_error() -> None:
    [part] = socketio_renderer.render(dict(NO_REPLY))
    assert part == {"text": NO_REPLY["text"], "error": "service_unavailable"}


async def test_a_paused_conversation_stays_silent(monkeypatch) -> None:
    """Messages of a conversation handed to a counsellor go to the counsellor: no "service down" reply."""
    from bot.channels import turns

    async def paused(_: str) -> bool:
        return True

    async def silent(_: UserMessage) -> None:
        return None

    monkeypatch.setattr(turns, "is_paused", paused)
    msg = message()
    await answered_turn(silent)(msg)
    assert msg.output_channel.messages == []
