"""Every console input has a maximum length: too long is refused whole, says the limit, and changes nothing."""

from __future__ import annotations

import json

import pytest
from aiohttp.test_utils import TestServer

from bot.console.auth import AccountError, create_counsellor
from bot.console.limits import (
    CSRF_MAX,
    DISPLAY_NAME_MAX,
    NOTE_MAX,
    PASSWORD_MAX,
    REPLY_MAX,
    REQUEST_MAX_BYTES,
    USERNAME_MAX,
)
from catalog.triage.store import CaseStore
from tests.bot.console.test_console import PASSWORD, FakeRasa, a_case, client_for, csrf_in, login


def test_the_limits_are_sensible() -> None:
    assert REPLY_MAX == NOTE_MAX == 2_000
    assert 32 <= USERNAME_MAX <= DISPLAY_NAME_MAX and PASSWORD_MAX >= 128 and CSRF_MAX >= 43
    assert REQUEST_MAX_BYTES > 6 * max(REPLY_MAX, NOTE_MAX)  # any field JSON-escaped still fits


async def test_a_too_long_login_is_refused_with_the_limit_and_is_not_an_attempt(server: TestServer,
                                                                                store: CaseStore) -> None:
    client = await client_for(server)
    page = await (await client.get("/login")).text()
    assert f'maxlength="{USERNAME_MAX}"' in page and f'maxlength="{PASSWORD_MAX}"' in page
    for username, password, says in (
            ("a" * (USERNAME_MAX + 1), PASSWORD, f"The username is too long: {USERNAME_MAX + 1} characters, "
                                                 f"at most {USERNAME_MAX}."),
            ("alice", "p" * (PASSWORD_MAX + 1), f"The password is too long: {PASSWORD_MAX + 1} characters, "
                                                f"at most {PASSWORD_MAX}.")):
        for _ in range(6):  # more than the rate limit allows failures
            resp = await client.post("/login", data={"username": username, "password": password,
                                                     "csrf": csrf_in(page)}, allow_redirects=False)
            assert resp.status == 400
            assert f'<p class="error" role="alert">{says}</p>' in await resp.text()
    assert (await client.get("/queue", allow_redirects=False)).status == 302  # nobody signed in
    assert (await login(client, "alice"))[0] == 302  # and none of it counted as a failed attempt
    await client.close()


async def test_a_too_long_reply_is_not_sent_nor_logged(server: TestServer, store: CaseStore,
                                                       rasa: FakeRasa) -> None:
    client = await client_for(server)
    _, token = await login(client, "alice")
    h = {"X-CSRF-Token": token}
    case_id = a_case(store)
    assert (await client.post(f"/api/cases/{case_id}/claim", headers=h)).status == 200
    page = await (await client.get(f"/cases/{case_id}")).text()
    assert f'data-max="{REPLY_MAX}"' in page and f'data-max="{NOTE_MAX}"' in page
    log_before = store.get(case_id)["log"]

    resp = await client.post(f"/api/cases/{case_id}/reply", json={"text": "é" * (REPLY_MAX + 1)}, headers=h)
    assert resp.status == 400
    assert await resp.json() == {"sent": False, "field": "The reply", "limit": REPLY_MAX,
                                 "error": "The reply is too long: 2,001 characters, at most 2,000."}
    assert rasa.replies == [] and store.get(case_id)["log"] == log_before

    # Surrounding blanks are not counted (they are not sent); exactly the limit is fine.
    resp = await client.post(f"/api/cases/{case_id}/reply", json={"text": f"  {'x' * REPLY_MAX}\n"}, headers=h)
    assert resp.status == 200 and rasa.replies == [("learner-1", "x" * REPLY_MAX, "Alice Adviser")]
    await client.close()


async def test_a_too_long_resolution_note_resolves_nothing(server: TestServer, store: CaseStore,
                                                           rasa: FakeRasa) -> None:
    client = await client_for(server)
    _, token = await login(client, "alice")
    h = {"X-CSRF-Token": token}
    case_id = a_case(store)
    await client.post(f"/api/cases/{case_id}/claim", headers=h)
    resp = await client.post(f"/api/cases/{case_id}/resolve", json={"note": "n" * (NOTE_MAX + 1)}, headers=h)
    assert resp.status == 400
    body = await resp.json()
    assert body["resolved"] is False and body["error"].startswith("The resolution note is too long")
    assert store.get(case_id)["status"] == "claimed" and rasa.resumed == []
    await client.close()


async def test_an_oversized_csrf_token_or_body_is_refused(server: TestServer, store: CaseStore,
                                                          rasa: FakeRasa) -> None:
    client = await client_for(server)
    _, token = await login(client, "alice")
    case_id = a_case(store)
    resp = await client.post(f"/api/cases/{case_id}/claim", headers={"X-CSRF-Token": token + "x" * CSRF_MAX})
    assert resp.status == 403 and store.get(case_id)["status"] == "new"
    assert (await client.post(f"/api/cases/{case_id}/claim", headers={"X-CSRF-Token": token})).status == 200
    big = json.dumps({"text": "x" * REQUEST_MAX_BYTES})
    resp = await client.post(f"/api/cases/{case_id}/reply", data=big,
                             headers={"X-CSRF-Token": token, "Content-Type": "application/json"})
    assert resp.status == 413 and rasa.replies == []
    assert [e["action"] for e in store.get(case_id)["log"]] == ["opened", "claimed"]
    await client.close()


def test_accounts_keep_to_the_same_limits(store: CaseStore) -> None:
    for username, name, password, field in (("u" * (USERNAME_MAX + 1), "", PASSWORD, "username"),
                                            ("carol", "C" * (DISPLAY_NAME_MAX + 1), PASSWORD, "display name"),
                                            ("carol", "", "p" * (PASSWORD_MAX + 1), "password")):
        with pytest.raises(AccountError, match=f"^{field} is too long"):
            create_counsellor(store, username, name, password)
    assert store.counsellor("carol") is None
    create_counsellor(store, "u" * USERNAME_MAX, "C" * DISPLAY_NAME_MAX, "p" * PASSWORD_MAX)
