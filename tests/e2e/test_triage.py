"""Hand-over to a counsellor as learners reach it: cases open with the right priority, the conversation
pauses, a counsellor logged into the console replies in the learner's own channel and hands back, and
"delete my data" removes the learner from the tracker store and the case store."""

from __future__ import annotations

import re
import sqlite3
import uuid

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.console.app import make_app
from bot.console.auth import create_counsellor
from bot.console.rasa_client import HANDBACK_EVENTS, RasaClient
from catalog.triage.store import CaseStore
from tests.e2e.servers import Servers, http
from tests.e2e.socket_client import WidgetClient

pytestmark = pytest.mark.e2e
PASSWORD = "a long enough password"


def texts(replies: list[dict]) -> str:
    return "\n".join(r.get("text", "") for r in replies if r.get("text"))


@pytest.fixture(scope="module")
def cases(servers: Servers) -> CaseStore:
    store = CaseStore(f"sqlite:///{servers.workdir}/cases.db")
    if not store.counsellor("carol"):
        create_counsellor(store, "carol", "Carol Counsellor", PASSWORD)
    yield store
    store.dispose()


def me() -> str:
    return f"triage-{uuid.uuid4().hex[:8]}"


def test_asking_for_a_person_opens_a_case_and_pauses(servers: Servers, cases: CaseStore) -> None:
    learner = me()
    servers.say(learner, "I want to become a data analyst and I know Excel")
    reply = texts(servers.say(learner, "can I talk to a real person please?"))
    assert "passed your conversation to a careers counsellor" in reply
    tracker = servers.tracker(learner)
    assert tracker["paused"] is True
    case = cases.open_case_for(learner)
    assert case and case["priority"] == 3 and case["reason"] == "request_human" and case["channel"] == "rest"
    assert case["summary"]["headline"].startswith("Aiming for Data Analyst")
    assert any(m["text"] == "can I talk to a real person please?" for m in case["summary"]["last_messages"])
    # While paused the assistant stays quiet, but the message is kept for the counsellor.
    assert servers.say(learner, "hello? anyone there?") == []
    assert any(e.get("text") == "hello? anyone there?" for e in servers.tracker(learner)["events"])


def test_distress_gets_care_and_emergency_contacts_first_at_top_priority(servers: Servers, cases: CaseStore) -> None:
    learner = me()
    replies = servers.say(learner, "I lost my job and I feel hopeless, I don't see the point anymore")
    first = replies[0]["text"]
    assert "988" in first and "116 123" in first and "emergency" in first
    assert "counsellor" in texts(replies[1:])
    case = cases.open_case_for(learner)
    assert case["priority"] == 1 and case["reason"] == "risk_of_harm" and "risk of harm" in case["rule"]
    assert servers.tracker(learner)["paused"] is True


@pytest.mark.parametrize(("message", "reason", "priority", "words"), [
    ("can I get a student loan to pay for the google certificate?", "outside_remit", 3, "funding and loans"),
    ("my boss refuses to let me use the training budget, is that even legal?", "outside_remit", 3, "dispute"),
])
def test_questions_outside_the_remit_open_a_case(servers: Servers, cases: CaseStore, message: str, reason: str,
                                                 priority: int, words: str) -> None:
    learner = me()
    reply = texts(servers.say(learner, message))
    assert "counsellor" in reply and words.split()[0] in reply
    case = cases.open_case_for(learner)
    assert case["reason"] == reason and case["priority"] == priority and words in case["rule"]


def test_two_misunderstandings_in_a_row_open_a_case(servers: Servers, cases: CaseStore) -> None:
    learner = me()
    assert "say it another way" in texts(servers.say(learner, "blorp zzkx fnord qwpl"))
    assert cases.open_case_for(learner) is None
    reply = texts(servers.say(learner, "zzkx blorp qwpl fnord"))
    assert "counsellor" in reply
    case = cases.open_case_for(learner)
    assert case["priority"] == 4 and case["reason"] == "not_understood"
    assert servers.tracker(learner)["paused"] is True


def resume(servers: Servers, learner: str) -> None:
    status, body = http("POST", f"{servers.rasa_url}/conversations/{learner}/tracker/events",
                        HANDBACK_EVENTS, token=servers.token)
    assert status == 200, body


def test_a_second_request_adds_to_the_open_case(servers: Servers, cases: CaseStore) -> None:
    learner = me()
    servers.say(learner, "I need to speak to a human adviser")
    first = cases.open_case_for(learner)
    resume(servers, learner)  # a counsellor handed back without resolving
    servers.say(learner, "I'm desperate, I can't cope with this job search anymore")
    again = cases.open_case_for(learner)
    assert again["id"] == first["id"] and again["priority"] == 2
    assert [e["action"] for e in cases.get(first["id"])["log"]] == ["opened", "added"]


async def console_login(servers: Servers, cases: CaseStore) -> tuple[TestClient, dict[str, str]]:
    client = TestClient(TestServer(make_app(cases, RasaClient(servers.rasa_url, servers.token), key=b"c" * 32)))
    await client.start_server()
    page = await (await client.get("/login")).text()
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    await client.post("/login", data={"username": "carol", "password": PASSWORD, "csrf": csrf})
    queue = await (await client.get("/queue")).text()
    return client, {"X-CSRF-Token": re.search(r'name="csrf-token" content="([^"]+)"', queue).group(1)}


async def test_a_counsellor_replies_over_the_widget_and_hands_back(servers: Servers, cases: CaseStore) -> None:
    widget = WidgetClient(servers.rasa_url)
    await widget.connect()
    console, h = await console_login(servers, cases)
    try:
        await widget.say("I want to become a data analyst, I know SQL")
        assert "counsellor" in texts(await widget.say("I'd like to talk to a careers counsellor"))
        case = cases.open_case_for(widget.session_id)
        assert case["channel"] == "socketio"

        assert (await console.post(f"/api/cases/{case['id']}/claim", headers=h)).status == 200
        resp = await console.post(f"/api/cases/{case['id']}/reply", headers=h,
                                  json={"text": "Hi, I'm Carol. Shall we look at funding options together?"})
        assert resp.status == 200, await resp.text()
        arrived = await widget.say("thanks Carol, yes please")  # the counsellor's message came in meanwhile
        assert "Hi, I'm Carol" in texts(widget.received)
        assert "Got it" not in texts(arrived)  # still paused: the assistant does not butt in

        detail = await (await console.get(f"/api/cases/{case['id']}")).json()
        said = [m for m in detail["transcript"] if m["from"].startswith("counsellor")]
        assert said and said[-1]["text"].startswith("Hi, I'm Carol")
        assert any(m["text"] == "thanks Carol, yes please" for m in detail["transcript"])

        assert (await console.post(f"/api/cases/{case['id']}/handback", headers=h)).status == 200
        back = await widget.say("ok, what about my pathway?")
        assert "pathway" in texts(back).lower() or any("attachment" in r for r in back)
        assert (await console.post(f"/api/cases/{case['id']}/resolve", headers=h,
                                   json={"note": "Talked through funding; pathway resumed"})).status == 200
        assert [e["action"] for e in cases.get(case["id"])["log"]][-3:] == ["replied", "handed_back", "resolved"]
    finally:
        await widget.close()
        await console.close()


async def test_a_counsellor_reply_to_a_rest_learner_is_kept_in_their_conversation(servers: Servers,
                                                                                  cases: CaseStore) -> None:
    learner = me()
    servers.say(learner, "can a human help me instead?")
    case = cases.open_case_for(learner)
    console, h = await console_login(servers, cases)
    try:
        await console.post(f"/api/cases/{case['id']}/claim", headers=h)
        assert (await console.post(f"/api/cases/{case['id']}/reply", headers=h,
                                   json={"text": "Hello from Carol"})).status == 200
    finally:
        await console.close()
    bots = [e for e in servers.tracker(learner)["events"] if e["event"] == "bot"]
    assert bots[-1]["text"] == "Hello from Carol" and bots[-1]["metadata"]["counsellor"] == "Carol Counsellor"


def test_delete_my_data_asks_first_then_removes_everything(servers: Servers, cases: CaseStore) -> None:
    learner = me()
    servers.say(learner, "I'm a nurse and I want to become a telehealth nurse")
    servers.say(learner, "I want to talk to someone")
    assert cases.open_case_for(learner) is not None
    resume(servers, learner)

    ask = servers.say(learner, "please delete my data")
    assert "can't be undone" in texts(ask) and [b["title"] for b in ask[-1]["buttons"]][0].startswith("Yes")
    done = texts(servers.say(learner, "/affirm"))
    assert done.startswith("Done: I've deleted")

    with sqlite3.connect(servers.workdir / "tracker.db") as db:
        rows = db.execute("select count(*) from events where sender_id = ?", (learner,)).fetchone()[0]
    assert rows == 0
    with sqlite3.connect(servers.workdir / "cases.db") as db:
        assert db.execute("select count(*) from triage_cases where sender_id = ?", (learner,)).fetchone()[0] == 0
    assert servers.tracker(learner)["slots"]["career_goal"] is None  # a new conversation starts empty


def test_saying_no_keeps_the_data(servers: Servers) -> None:
    learner = me()
    servers.say(learner, "I want to become a data analyst")
    servers.say(learner, "erase all my details please")
    assert "haven't deleted" in texts(servers.say(learner, "/deny"))
    assert servers.tracker(learner)["slots"]["career_goal"] == "Data Analyst"


async def test_distress_in_a_paused_conversation_is_answered_and_escalated(servers: Servers, cases: CaseStore) -> None:
    from bot.console.watcher import check_paused_conversations

    learner = me()
    servers.say(learner, "can I talk to someone please")
    case = cases.open_case_for(learner)
    assert case["priority"] == 3
    assert servers.say(learner, "honestly i don't want to be here anymore") == []  # paused: Rasa says nothing
    rasa = RasaClient(servers.rasa_url, servers.token)
    assert await check_paused_conversations(cases, rasa) >= 1
    again = cases.get(case["id"])
    assert again["priority"] == 1 and again["reason"] == "risk_of_harm"
    assert any(e["action"] == "escalated" and "utter_risk_of_harm" in e["text"] for e in again["log"])
    bots = [e for e in servers.tracker(learner)["events"] if e["event"] == "bot"]
    assert "988" in bots[-1]["text"] and "116 123" in bots[-1]["text"]
    await check_paused_conversations(cases, rasa)  # a second pass must not act on the same message again
    assert len([e for e in cases.get(case["id"])["log"] if e["action"] == "escalated"]) == 1  # once only
