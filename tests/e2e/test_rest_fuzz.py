"""Fuzzing the REST channel (``POST /webhooks/rest/webhook``) with random text and malformed bodies.

The channel (``bot.channels.turns``) promises that every learner turn is answered, that a turn which
raises is put into words instead of a 500, and that an over-long message gets the limit message. Example
tests only ever send sentences someone thought of; here hypothesis sends what a learner's keyboard, a
paste from a PDF or a broken client can produce (control characters, NUL, lone surrogates, emoji, RTL text,
huge numbers, Rasa's own ``/intent{...}`` syntax with entities of the wrong type) and checks the promises
hold: HTTP 200, a non-empty list of real messages, never the channel's failure messages while every
service is up, and a Rasa server that still answers afterwards. Malformed bodies may be refused (4xx) but
must never give a 500 or hang.

Everything runs against a Rasa server and an action server of its own (module fixture ``servers``); the
example counts keep the whole module around a minute of test time on two cores.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
import uuid
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.channels.turns import MAX_MESSAGE_CHARS, NO_REPLY, STORE_DOWN, TURN_FAILED, too_long
from tests.e2e.servers import Servers, http, start_servers

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Servers:
    """A pair of its own: the fuzzing provokes errors that Rasa logs with tracebacks (a bare "/faq"), and other
    modules assert that the session servers' log has none."""
    running = start_servers(tmp_path_factory.mktemp("fuzz-servers"))
    yield running
    running.stop()

# A hung request is a failure in itself: the widget and REST clients wait on it.
TIMEOUT = 30.0

# The channel's own failure words. With both servers up and SQLite stores none of them is ever right:
# TURN_FAILED means a turn raised, NO_REPLY that a turn said nothing, STORE_DOWN that a store failed.
FAILURE_TEXTS = {TURN_FAILED["text"]: "TURN_FAILED", NO_REPLY["text"]: "NO_REPLY",
                 STORE_DOWN["text"]: "STORE_DOWN"}


def fuzz(max_examples: int) -> settings:
    """The module's settings: no per-example deadline (a pathway turn can take a second on two busy cores),
    the session fixture is fine to share, and a fixed seed with no example database, so a failure
    reproduces on the next run and the run writes nothing into the work tree."""
    return settings(max_examples=max_examples, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


# Words of the product's domain, so that random mixes reach the entity extractor, the constraint reader
# and the recommender instead of stopping at the gibberish guard.
DOMAIN_WORDS = [
    "I want to become", "I'm a", "I know", "I don't know", "data analyst", "nurse", "software engineer",
    "retail supervisor", "budget", "$", "€", "£", "¥", "₹", "hours a week", "per week", "within", "months",
    "years", "weeks", "python", "Excel", "SQL", "react", "lean", "free", "only", "cheaper", "online",
    "Coursera", "edX", "not Udemy", "?", "!", ",", "and", "or", "no", "why step 1?", "is it recognised?",
    "something cheaper", "what are micro-credentials?", "0", "-5", "1e309", "NaN", "inf", "99999999999",
    "1,000", "2000 CAD", "½", "٣", "/greet", "/inform{\"x\":1}", "/ask_why", "/affirm", "/deny",
]

# Rasa's ``/intent{entities}`` syntax bypasses the NLU: entities of any JSON type reach slot mappings and
# the actions directly, so these probe type assumptions behind the slots.
SLASH_COMMANDS = [
    "/greet", "/inform{\"x\":1}", "/inform{\"budget\": \"abc\"}", "/inform{\"budget\": -5}",
    "/inform{\"hours_per_week\": 1e308}", "/inform{\"skill\": 5}", "/inform{\"skill\": [\"SQL\", null]}",
    "/inform{\"job_role\": {\"a\": 1}}", "/inform{\"deadline_weeks\": \"NaN\"}", "/inform{\"provider\": true}",
    "/request_pathway{\"budget\": null}", "/nonexistent_intent", "/", "//", "/inform{", "/inform{}}",
    "/ask_why{\"focus_step\": 99}", "/refine_pathway", "/ask_next", "/faq", "/chitchat", "/nlu_fallback",
    "/restart", "/session_start", "/back", "/out_of_scope", "/request_human", "/delete_data",
]

CONSTRAINT_PHRASES = [
    "budget -5 dollars", "0 hours a week", "within 99999999999 years", "budget NaN", "€1e309",
    "budget $0", "-10 hours a week", "within 0 weeks", "budget inf", "1e309 hours a week", "budget $1,000,000,000,000",
    "within -3 months", "budget ¥ NaN per week", "24 hours a day, 8 days a week", "budget 0.0000001 dollars",
]

# Every code point, surrogates (category Cs) included: Python's json escapes a lone surrogate as \udXXX
# with ensure_ascii, which is what a JavaScript client's JSON.stringify produces too.
ANY_CHAR = st.one_of(st.characters(), st.characters(categories=["Cs"]))
UNICODE_TEXT = st.text(ANY_CHAR, min_size=0, max_size=200)
EMOJI_RTL = st.text(st.sampled_from(list("😀👩🏽‍💻🇫🇷❤️‍🔥שלום مرحبا\u200f\u200e\u202e\u2066\u0301\ufeff\u00a0 ")), max_size=60)
LONG_WORD = st.integers(min_value=200, max_value=MAX_MESSAGE_CHARS).map(lambda n: "a" * n)
NUMBERS = st.one_of(st.integers(), st.floats(allow_nan=True, allow_infinity=True)).map(str)
CURRENCY_AMOUNT = st.tuples(st.sampled_from(["$", "€", "£", "¥", "₹", "CAD ", "USD ", ""]), NUMBERS,
                            st.sampled_from(["", " dollars", " a month", " hours a week", " weeks"])).map("".join)
DOMAIN_TEXT = st.lists(st.one_of(st.sampled_from(DOMAIN_WORDS), NUMBERS, CURRENCY_AMOUNT), min_size=1,
                       max_size=12).map(" ".join)
# Free text: what a learner can type or paste. Two slash commands are among the domain words (Rasa reads
# "/greet" as an intent even mid-mix); typed intent syntax with entities is fuzzed on its own below.
ANY_MESSAGE = st.one_of(UNICODE_TEXT, EMOJI_RTL, LONG_WORD, NUMBERS, CURRENCY_AMOUNT, DOMAIN_TEXT,
                        st.sampled_from(CONSTRAINT_PHRASES))

INTENTS = ["greet", "goodbye", "affirm", "deny", "inform", "ask_role_suggestions", "request_pathway",
           "no_preference", "refine_pathway", "already_have", "ask_why", "ask_step_details", "ask_recognition",
           "ask_accreditation", "ask_verification", "ask_next", "browse_catalogue", "compare_providers",
           "ask_career_stage", "help", "out_of_scope", "nlu_fallback", "not_an_intent"]
ENTITIES = ["budget", "hours_per_week", "deadline_weeks", "free_only", "optimise", "delivery", "provider", "skill",
            "job_role", "skill_candidate", "focus_step", "x"]
JSON_VALUE = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
                          lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner,
                                                                                       max_size=2), max_leaves=4)
# ``/intent{"entity": value}``: Rasa's RegexMessageHandler turns it into an intent and entities with no NLU in
# between, so any JSON value reaches the slot mappings and actions as it was typed.
SLASH_COMMAND = st.one_of(
    st.sampled_from(SLASH_COMMANDS),
    st.builds(lambda intent, entities: f"/{intent}{json.dumps(entities) if entities else ''}",
              st.sampled_from(INTENTS), st.dictionaries(st.sampled_from(ENTITIES), JSON_VALUE, max_size=2)),
)
# What a conversation really carries: free text and the payloads of the assistant's own buttons.
BUTTON_PAYLOADS = ["/affirm", "/deny", "/ask_role_suggestions", "/request_pathway", "/ask_why", "/ask_recognition",
                   "/no_preference", "What are micro-credentials?", "something cheaper"]
CONVERSATION_TURN = st.one_of(DOMAIN_TEXT, st.sampled_from(CONSTRAINT_PHRASES), st.sampled_from(BUTTON_PAYLOADS),
                              UNICODE_TEXT, EMOJI_RTL, st.sampled_from([
                                  "I want to become a data analyst", "I know python and SQL", "I'm a nurse",
                                  "yes", "no", "why step 1?", "is it recognised?", "hi"]))


def new_sender() -> str:
    """A fresh conversation, so one example's slots (or a handoff pause) never leak into another."""
    return f"fuzz-{uuid.uuid4().hex[:12]}"


def post_raw(servers: Servers, body: bytes | None, content_type: str = "application/json") -> tuple[int, str]:
    """POST ``body`` as given: malformed bodies must reach the server byte for byte; a timeout raises."""
    req = urllib.request.Request(f"{servers.rasa_url}/webhooks/rest/webhook", data=body, method="POST",
                                 headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT) as resp:
            return resp.status, resp.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", errors="replace")


def is_paused(servers: Servers, sender: str) -> bool:
    """Whether the conversation is handed to a counsellor: the one case where the channel stays silent."""
    status, tracker = http("GET", f"{servers.rasa_url}/conversations/{urllib.parse.quote(sender, safe='')}/tracker",
                           token=servers.token, timeout=TIMEOUT)
    return status == 200 and isinstance(tracker, dict) and bool(tracker.get("paused"))


def turn(servers: Servers, sender: str, message: str) -> list[dict[str, Any]]:
    """One learner turn, checked against the channel's promises; returns the reply for further checks.

    ``ensure_ascii`` turns every non-ASCII character (lone surrogates included, which UTF-8 can't carry)
    into a ``\\u`` escape, so the body is always valid JSON and the server decides what the text means."""
    body = json.dumps({"sender": sender, "message": message}, ensure_ascii=True).encode("ascii")
    status, raw = post_raw(servers, body)
    assert status == 200, f"HTTP {status} for message {message!r}: {raw[:500]}"
    reply = json.loads(raw)
    assert isinstance(reply, list), f"not a list for {message!r}: {raw[:500]}"
    if not reply:
        assert is_paused(servers, sender), f"empty reply (and the conversation isn't paused) for {message!r}"
        return reply
    for item in reply:
        assert isinstance(item, dict) and (item.get("text") or item.get("buttons") or item.get("custom")), (
            f"message with nothing to show for {message!r}: {item!r}")
        failure = FAILURE_TEXTS.get(item.get("text") or "")
        assert failure is None, f"{failure} for message {message!r} (sender {sender})"
    return reply


def expected_length(message: str) -> int:
    """The length the channel measures: Rasa's ``UserMessage`` strips the text before the channel sees it."""
    return len(message.strip())


@fuzz(150)
@given(message=ANY_MESSAGE)
@example(message="")
@example(message="\x00")
@example(message="\ud800")
@example(message="a\udfffb\x00c\x1b[31m")
@example(message="€1e309")
@example(message="a" * MAX_MESSAGE_CHARS)
def test_any_message_is_answered(servers: Servers, message: str) -> None:
    """Whatever the text, a fresh conversation gets HTTP 200 and a real answer, never a failure message."""
    turn(servers, new_sender(), message)


@fuzz(80)
@given(message=SLASH_COMMAND)
@example(message="/inform{\"x\":1}")
@example(message="/greet")
def test_typed_intent_syntax_is_answered(servers: Servers, message: str) -> None:
    """Anyone can type Rasa's intent syntax into the widget or REST; it must not break a turn, whatever
    intent or entity values it names (wrong types included), since the actions then see them as facts."""
    turn(servers, new_sender(), message)


@fuzz(30)
@given(typed=st.lists(SLASH_COMMAND, min_size=1, max_size=2))
def test_typed_intent_slots_then_a_pathway_are_answered(servers: Servers, typed: list[str]) -> None:
    """A slot set from typed intent syntax (a budget of -5, a provider that is a dict, 0 hours a week) stays
    in the conversation, so the pathway built after it, and its refinement, must cope with it."""
    me = new_sender()
    for message in [*typed, "I want to become a data analyst and I know Excel and SQL", "something cheaper"]:
        turn(servers, me, message)


@fuzz(20)
@given(phrase=st.sampled_from(CONSTRAINT_PHRASES), filler=st.sampled_from(["", "my ", "and ", "max "]))
@example(phrase="budget -5 dollars", filler="")
@example(phrase="budget NaN", filler="")
@example(phrase="€1e309", filler="")
def test_absurd_constraints_after_a_goal_are_answered(servers: Servers, phrase: str, filler: str) -> None:
    """Constraints in words reach the recommender only once there is a goal and skills, so they are sent
    after them: an impossible budget, zero hours or a deadline of 10^11 years must give an answer, not a
    crash inside the pathway arithmetic (NaN, infinity, negative or zero divisors)."""
    me = new_sender()
    turn(servers, me, "I want to become a data analyst and I know Excel and SQL")
    turn(servers, me, f"{filler}{phrase}")


@fuzz(8)
@given(extra=st.integers(min_value=1, max_value=3 * MAX_MESSAGE_CHARS),
       chars=st.text(st.characters(codec="utf-8", exclude_categories=("Zs", "Cc", "Zl", "Zp")), min_size=1,
                     max_size=20))
@example(extra=1, chars="a")
@example(extra=1, chars="😀")
def test_too_long_message_gets_the_limit_message(servers: Servers, extra: int, chars: str) -> None:
    """Over ``MAX_MESSAGE_CHARS`` the reply is exactly the limit message (with the length as measured),
    so a pasted file is never run through the NLU."""
    message = (chars * (MAX_MESSAGE_CHARS // len(chars) + extra + 1))[: MAX_MESSAGE_CHARS + extra]
    reply = turn(servers, new_sender(), message)
    assert [m.get("text") for m in reply] == [too_long(expected_length(message))["text"]]


@fuzz(20)
@given(messages=st.lists(CONVERSATION_TURN, min_size=2, max_size=7))
def test_random_conversation_is_answered_every_turn(servers: Servers, messages: list[str]) -> None:
    """Slots carry across turns, so a value one random turn set (a goal, a NaN budget, zero hours) is
    still there when a later turn builds, refines or explains a pathway from it; two turns it can't
    understand hand the conversation to a counsellor, after which silence is right (``turn`` checks)."""
    me = new_sender()
    for message in messages:
        turn(servers, me, message)


# The smallest inputs the fuzzing found that break a promise (see each id), kept as plain cases so that each
# one fails on its own, with its own message, until it is fixed; hypothesis reports one per test at most.
FOUND_INPUTS = [
    "/chitchat",  # retrieval intent without a sub-intent: utter_chitchat raises KeyError 'response_selector'
    "/faq",  # the same for utter_faq
    "/restart",  # Rasa's default intents, whose default actions say nothing: the channel then claims an outage
    "/session_start",
    "/back",
    "/inform{\"budget\": null}",  # actions/slot_extraction.py extract_budget: float(None)
    "/inform{\"budget\": \"abc\"}",  # float("abc")
    "/inform{\"budget\": \"5\"}",  # catalog/advice/wording.py constraint_text formats a str with :,.0f
    "/inform{\"hours_per_week\": \"5\"}",  # the same with :g
    "/inform{\"deadline_weeks\": \"\"}",  # the simple extractor's float("")
    "/inform{\"hours_per_week\": null}",  # the same with float(None)
    "/browse_catalogue{\"budget\": null}",  # actions/longtail.py ActionBrowseCatalogue: float(None)
    "/browse_catalogue{\"skill\": {}}",  # longtail.py: `e["value"] in service.taxonomy.skills` on a dict
    "/compare_providers{\"provider\": {}}",  # catalog/advice/provider_comparison.py: dict.fromkeys on a dict
]


@pytest.mark.parametrize("message", FOUND_INPUTS)
def test_found_inputs_are_answered(servers: Servers, message: str) -> None:
    """Each input once gave the learner the channel's outage message while every service was up."""
    turn(servers, new_sender(), message)


MALFORMED_BODIES: list[tuple[str, bytes | None, str]] = [
    ("not JSON", b"hello there", "application/json"),
    ("truncated JSON", b'{"sender": "x", "message": "hi', "application/json"),
    ("empty body", b"", "application/json"),
    ("no body at all", None, "application/json"),
    ("JSON null", b"null", "application/json"),
    ("JSON list", b'["hi"]', "application/json"),
    ("JSON string", b'"hi"', "application/json"),
    ("JSON number", b"5", "application/json"),
    ("no message", b'{"sender": "fuzz-malformed-1"}', "application/json"),
    ("message is a number", b'{"sender": "fuzz-malformed-2", "message": 5}', "application/json"),
    ("message is a list", b'{"sender": "fuzz-malformed-3", "message": ["hi"]}', "application/json"),
    ("message is an object", b'{"sender": "fuzz-malformed-4", "message": {"text": "hi"}}', "application/json"),
    ("message is null", b'{"sender": "fuzz-malformed-5", "message": null}', "application/json"),
    ("message is true", b'{"sender": "fuzz-malformed-6", "message": true}', "application/json"),
    ("sender missing", b'{"message": "hi"}', "application/json"),
    ("sender is a list", b'{"sender": ["a"], "message": "hi"}', "application/json"),
    ("sender is null", b'{"sender": null, "message": "hi"}', "application/json"),
    ("metadata is a string", b'{"sender": "fuzz-malformed-7", "message": "hi", "metadata": "x"}',
     "application/json"),
    ("invalid UTF-8", b'{"sender": "fuzz-malformed-8", "message": "\xff\xfe"}', "application/json"),
    ("form-encoded", b"sender=x&message=hi", "application/x-www-form-urlencoded"),
]


@pytest.mark.parametrize(("name", "body", "content_type"), MALFORMED_BODIES, ids=[m[0] for m in MALFORMED_BODIES])
def test_malformed_body_is_refused_not_crashed(servers: Servers, name: str, body: bytes | None,
                                               content_type: str) -> None:
    """A broken client may be refused (4xx), but a 500 says the server failed, and a hang blocks it."""
    status, raw = post_raw(servers, body, content_type)
    assert status < 500, f"HTTP {status} for {name} ({body!r}): {raw[:300]}"
    if status == 200:  # accepted, so it is a turn like any other and must be answered like one
        reply = json.loads(raw)
        assert isinstance(reply, list) and reply, f"accepted but not answered: {name} ({body!r}): {raw[:300]}"
        for item in reply:
            failure = FAILURE_TEXTS.get(item.get("text") or "")
            assert failure is None, f"{failure} for {name} ({body!r})"


@fuzz(15)
@given(sender=st.text(ANY_CHAR, min_size=1, max_size=40))
def test_any_sender_id_is_answered(servers: Servers, sender: str) -> None:
    """The sender id is the conversation's key in the tracker store and in URLs; any string a client
    sends must still give its learner an answer."""
    turn(servers, sender, "hi")


def test_rasa_server_is_still_up_after_the_fuzzing(servers: Servers) -> None:
    """Last in the module: none of the inputs above may have taken the server down or wedged it."""
    status, body = http("GET", f"{servers.rasa_url}/", timeout=TIMEOUT)
    assert status == 200, f"GET / answered {status}: {body}"
    assert servers.say(new_sender(), "hi")
