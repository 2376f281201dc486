"""The console over HTTP, in process: authentication, CSRF, rate limits, claim races, reply, hand back, resolve."""

from __future__ import annotations

import asyncio
import re

from aiohttp.test_utils import TestClient, TestServer

from catalog.triage.store import CaseStore

PASSWORD = "correct horse battery"


class FakeRasa:
    """Stands in for Rasa's HTTP API; records what the console sends."""

    def __init__(self) -> None:
        self.replies: list[tuple[str, str, str]] = []
        self.resumed: list[str] = []

    async def tracker(self, sender_id: str) -> dict:
        return {"paused": True, "events": [{"event": "user", "text": "can I talk to a person?", "timestamp": 1.0},
                                           {"event": "pause", "timestamp": 1.1}]}

    async def send_reply(self, sender_id: str, text: str, counsellor: str) -> None:
        self.replies.append((sender_id, text, counsellor))

    async def resume(self, sender_id: str) -> None:
        self.resumed.append(sender_id)


async def client_for(server: TestServer) -> TestClient:
    client = TestClient(server)
    await client.start_server()
    return client


def csrf_in(html: str) -> str:
    return re.search(r'name="csrf(?:-token)?" (?:value|content)="([^"]+)"', html).group(1)


async def login(client: TestClient, user: str, password: str = PASSWORD) -> tuple[int, str]:
    page = await (await client.get("/login")).text()
    resp = await client.post("/login", data={"username": user, "password": password, "csrf": csrf_in(page)},
                             allow_redirects=False)
    if resp.status != 302:
        return resp.status, ""
    queue = await (await client.get("/queue")).text()
    return 302, csrf_in(queue)


def a_case(store: CaseStore, sender: str = "learner-1", priority: int = 3) -> int:
    case_id, _ = store.open_or_add(sender, "socketio", priority, "request_human", "Priority 3: asked for a person.",
                                   {"headline": "Aiming for Data Analyst; knows SQL."}, "can I talk to a person?")
    return case_id


async def test_nothing_is_served_without_a_login(server: TestServer, store: CaseStore) -> None:
    client = await client_for(server)
    case_id = a_case(store)
    for path in ("/queue", f"/cases/{case_id}", "/"):
        resp = await client.get(path, allow_redirects=False)
        assert resp.status in (302, 303) and resp.headers["Location"] in ("/login", "/queue"), path
    for method, path in (("GET", "/api/cases"), ("GET", f"/api/cases/{case_id}"),
                         ("POST", f"/api/cases/{case_id}/claim"), ("POST", f"/api/cases/{case_id}/reply")):
        assert (await client.request(method, path)).status == 401, path
    await client.close()


async def test_wrong_password_missing_csrf_and_too_many_attempts(server: TestServer) -> None:
    client = await client_for(server)
    assert (await login(client, "alice", "wrong password!"))[0] == 401
    assert (await login(client, "nobody", PASSWORD))[0] == 401
    await client.get("/login")
    resp = await client.post("/login", data={"username": "alice", "password": PASSWORD}, allow_redirects=False)
    assert resp.status == 403  # no CSRF token
    for _ in range(4):
        await login(client, "alice", "still wrong!!")
    assert (await login(client, "alice"))[0] == 429  # locked for a while, even with the right password
    await client.close()


async def test_the_session_cookie_is_httponly_and_strict(server: TestServer) -> None:
    client = await client_for(server)
    page = await (await client.get("/login")).text()
    resp = await client.post("/login", data={"username": "bob", "password": PASSWORD, "csrf": csrf_in(page)},
                             allow_redirects=False)
    cookie = resp.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "counsellor_session=" in cookie
    await client.close()


async def test_state_changes_need_the_csrf_token(server: TestServer, store: CaseStore) -> None:
    client = await client_for(server)
    _, token = await login(client, "alice")
    case_id = a_case(store)
    assert (await client.post(f"/api/cases/{case_id}/claim")).status == 403
    assert (await client.post(f"/api/cases/{case_id}/claim", headers={"X-CSRF-Token": "forged"})).status == 403
    assert (await client.post(f"/api/cases/{case_id}/claim", headers={"X-CSRF-Token": token})).status == 200
    await client.close()


async def test_two_counsellors_claiming_at_once_one_wins(server: TestServer, store: CaseStore) -> None:
    alice, bob = await client_for(server), await client_for(server)
    (_, ta), (_, tb) = await login(alice, "alice"), await login(bob, "bob")
    case_id = a_case(store)
    ra, rb = await asyncio.gather(alice.post(f"/api/cases/{case_id}/claim", headers={"X-CSRF-Token": ta}),
                                  bob.post(f"/api/cases/{case_id}/claim", headers={"X-CSRF-Token": tb}))
    statuses = sorted([ra.status, rb.status])
    assert statuses == [200, 409]
    loser = rb if rb.status == 409 else ra
    winner = "alice" if loser is rb else "bob"
    assert (await loser.json())["holder"] == winner
    assert store.get(case_id)["claimed_by"] == winner
    await alice.close()
    await bob.close()


async def test_reply_hand_back_and_resolve_are_delivered_and_logged(server: TestServer, store: CaseStore,
                                                                    rasa: FakeRasa) -> None:
    client = await client_for(server)
    _, token = await login(client, "alice")
    h = {"X-CSRF-Token": token}
    case_id = a_case(store, "learner-7")
    assert (await client.post(f"/api/cases/{case_id}/reply", json={"text": "Hi"}, headers=h)).status == 409
    await client.post(f"/api/cases/{case_id}/claim", headers=h)
    resp = await client.post(f"/api/cases/{case_id}/reply", json={"text": "Hello, I'm Alice."}, headers=h)
    assert resp.status == 200 and rasa.replies == [("learner-7", "Hello, I'm Alice.", "Alice Adviser")]
    assert (await client.post(f"/api/cases/{case_id}/handback", headers=h)).status == 200
    assert rasa.resumed == ["learner-7"]
    assert (await client.post(f"/api/cases/{case_id}/resolve", json={"note": ""}, headers=h)).status == 400
    assert (await client.post(f"/api/cases/{case_id}/resolve", json={"note": "Referred to funding office"},
                              headers=h)).status == 200
    case = (await (await client.get(f"/api/cases/{case_id}")).json())
    assert case["case"]["status"] == "resolved" and case["case"]["resolved_by"] == "alice"
    assert [e["action"] for e in case["case"]["log"]] == ["opened", "claimed", "replied", "handed_back", "resolved"]
    assert all(e["actor"] in ("assistant", "alice") and e["at"] for e in case["case"]["log"])
    assert case["transcript"][0] == {"from": "learner", "text": "can I talk to a person?", "at": 1.0}
    await client.close()


async def test_the_queue_is_most_urgent_then_oldest(server: TestServer, store: CaseStore) -> None:
    client = await client_for(server)
    await login(client, "bob")
    a_case(store, "s1", 3)
    a_case(store, "s2", 1)
    a_case(store, "s3", 3)
    cases = (await (await client.get("/api/cases")).json())["cases"]
    assert [c["sender_id"] for c in cases] == ["s2", "s1", "s3"]
    page = await (await client.get("/queue")).text()
    # The cells, not the bare ids: the page's random CSRF token can contain "s1" too.
    assert page.index("<td>s2</td>") < page.index("<td>s1</td>") < page.index("<td>s3</td>")
    await client.close()
