"""Where our turn's time goes, for ``make bench-turn``: NLU, action server, request size, Rasa core.

Why not a proxy between Rasa and the action server: it would add its own milliseconds to ours (more action
calls per turn) and not to the baseline's. Instead, after the timed rounds, on the same running servers:

- NLU: ``POST /model/parse`` of each message, timed (the pipeline alone, no tracker, no policies).
- Action calls: the finished conversation's events (``include_events=ALL``) are cut before each custom
  action, rebuilt into the exact request Rasa sends (``RemoteAction._action_call_format``: the tracker's
  ``current_state(EventVerbosity.ALL)`` plus the whole domain), measured in bytes (the ``pathway`` slot's
  share counted: its value and every ``SlotSet`` of it in the events) and replayed straight at the action
  server: its time per action, HTTP and JSON included.
- Rasa core pieces, in this process on the same trackers: building and encoding that request, the tracker
  store's retrieve and save (ForgettingSQLTrackerStore on a temp SQLite), and one ``past_states`` (the
  featurisation every policy runs per prediction, over the whole history).
- In-process cProfile of the recommendation turn's heaviest action (rasa-sdk's executor, our actions).

What is left of the turn's median after NLU and the action server is Rasa core: policies, event
application, tracker store, the HTTP hops.
"""

from __future__ import annotations

import asyncio
import cProfile
import io
import json
import os
import pstats
import statistics
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.e2e.servers import Servers, http, latest_model

REPS = 10


def median_ms(fn: Callable[[], object], reps: int = REPS) -> float:
    """Median wall-clock of ``fn`` in ms after one untimed call (first calls pay for caches)."""
    fn()
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def post_raw(url: str, body: bytes) -> bytes:
    req = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return resp.read()


def parse_ms(servers: Servers, text: str) -> float:
    return median_ms(lambda: http("POST", f"{servers.rasa_url}/model/parse", {"text": text}, token=servers.token))


def turns_of(events: list[dict]) -> list[tuple[int, int]]:
    """(start, end) event indices of each user turn: from a user event to the next one."""
    starts = [i for i, e in enumerate(events) if e.get("event") == "user"]
    return list(zip(starts, starts[1:] + [len(events)], strict=True))


def pathway_bytes(state: dict[str, Any]) -> int:
    """Bytes of the ``pathway`` slot in a request's tracker: its current value and every SlotSet of it."""
    total = len(json.dumps(state.get("slots", {}).get("pathway")))
    for e in state.get("events", []):
        if e.get("event") == "slot" and e.get("name") == "pathway" and e.get("value") is not None:
            total += len(json.dumps(e["value"]))
    return total


def bytes_by_part(body: dict[str, Any]) -> dict[str, int]:
    """What a request to the action server is made of: the domain, the tracker's slots and latest message, and
    its events by type (user events carry their whole parse, bot events their custom payload)."""
    tracker = body["tracker"]
    parts = {"domain": len(json.dumps(body.get("domain"))), "slots": len(json.dumps(tracker.get("slots"))),
             "latest_message": len(json.dumps(tracker.get("latest_message")))}
    for e in tracker.get("events", []):
        key = f"events:{e.get('event')}"
        parts[key] = parts.get(key, 0) + len(json.dumps(e)) + 2
    return dict(sorted(parts.items(), key=lambda kv: -kv[1]))


def action_calls(servers: Servers, sender: str) -> tuple[list[dict], dict, Any]:
    """Every custom action call of ``sender``'s conversation as the request Rasa sent, turn by turn."""
    import rasa
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

    _, domain_json = http("GET", f"{servers.rasa_url}/domain", token=servers.token)
    domain = Domain.from_dict(domain_json)  # type: ignore[arg-type]
    custom = {a for a in domain_json.get("actions", []) if not a.startswith("utter_")}  # type: ignore[union-attr]
    _, tracker = http("GET", f"{servers.rasa_url}/conversations/{sender}/tracker?include_events=ALL",
                      token=servers.token)
    events: list[dict] = tracker["events"]  # type: ignore[index]
    turns = []
    for number, (start, end) in enumerate(turns_of(events), 1):
        calls = []
        # Rasa's action_extract_slots calls action_validate_slot_mappings after every user message, on the
        # tracker up to that message, and logs no ActionExecuted for it: a call the events do not show.
        hidden = [(start + 1, "action_validate_slot_mappings")] if "action_validate_slot_mappings" in custom else []
        logged = [(k, events[k]["name"]) for k in range(start, end)
                  if events[k].get("event") == "action" and events[k].get("name") in custom]
        for k, action in hidden + logged:

            def build(k: int = k, name: str = action) -> bytes:
                t = DialogueStateTracker.from_dict(sender, events[:k], domain.slots)
                body = {"next_action": name, "sender_id": sender, "tracker": t.current_state(EventVerbosity.ALL),
                        "version": rasa.__version__, "domain": domain_json}
                return json.dumps(body).encode()

            raw = build()
            body = json.loads(raw)
            calls.append({"action": action, "build": build, "raw": raw,
                          "request_bytes": len(raw),
                          "tracker_bytes": len(json.dumps(body["tracker"])),
                          "domain_bytes": len(json.dumps(body["domain"])),
                          "pathway_bytes": pathway_bytes(body["tracker"]),
                          "events_in_tracker": len(body["tracker"]["events"]),
                          "bytes_by_part": bytes_by_part(body)})
        actions = [e.get("name") for e in events[start:end] if e.get("event") == "action"]
        turns.append({"turn": number, "text": events[start].get("text"), "calls": calls, "actions": actions,
                      "events": (start, end)})
    return turns, domain, events


def schema_check_ms(response: dict[str, Any]) -> dict[str, float]:
    """Rasa's check of an action server response as Rasa 3.6 does it (``jsonschema.validate``, which checks
    the schema against its metaschema first, every call) and with a validator built once."""
    from jsonschema import validate, validators
    from rasa.core.actions.action import RemoteAction

    spec = RemoteAction.action_response_format_spec()
    cached = validators.validator_for(spec)(spec)
    return {"schema_check_ms": median_ms(lambda: validate(response, spec)),
            "schema_check_cached_ms": median_ms(lambda: cached.validate(response))}


def store_ms(domain: Any, sender: str, events: list[dict], start: int, end: int) -> dict[str, float]:
    """ForgettingSQLTrackerStore (endpoints.yml's store) on a temp SQLite: retrieve of the tracker as it was
    before the turn and save of the turn's events, as Rasa does once each per message."""
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.stores.forgetting_tracker_store import ForgettingSQLTrackerStore

    with tempfile.TemporaryDirectory() as tmp:
        store = ForgettingSQLTrackerStore(domain, dialect="sqlite", db=str(Path(tmp) / "t.db"))
        loop = asyncio.new_event_loop()
        retrieve, save = [], []
        try:
            for rep in range(REPS + 1):
                sid = f"{sender}-{rep}"
                loop.run_until_complete(store.save(DialogueStateTracker.from_dict(sid, events[:start], domain.slots)))
                t0 = time.perf_counter()
                loop.run_until_complete(store.retrieve(sid))
                t1 = time.perf_counter()
                loop.run_until_complete(store.save(DialogueStateTracker.from_dict(sid, events[:end], domain.slots)))
                t2 = time.perf_counter()
                if rep:
                    retrieve.append((t1 - t0) * 1000)
                    save.append((t2 - t1) * 1000)
        finally:
            loop.close()
            store.engine.dispose()
    return {"retrieve_ms": statistics.median(retrieve), "save_ms": statistics.median(save)}


def past_states_ms(domain: Any, sender: str, events: list[dict], end: int) -> float:
    from rasa.shared.core.trackers import DialogueStateTracker

    tracker = DialogueStateTracker.from_dict(sender, events[:end], domain.slots)
    return median_ms(lambda: tracker.past_states(domain))


def cprofile_action(raw: bytes, top: int = 14) -> list[str]:
    """cProfile of one action run in this process through rasa-sdk's executor, JSON decoding included; the
    catalogue lives in a temp SQLite like the servers'."""
    tmp = tempfile.mkdtemp(prefix="bench-turn-cat-")
    os.environ.setdefault("CATALOG_DB_URL", f"sqlite:///{tmp}/catalog.db")
    os.environ.setdefault("CASES_DB_URL", f"sqlite:///{tmp}/cases.db")
    from rasa_sdk.executor import ActionExecutor

    executor = ActionExecutor()
    executor.register_package("actions")
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(executor.run(json.loads(raw)))  # warm: seeds the catalogue, loads the taxonomy
        prof = cProfile.Profile()
        prof.enable()
        for _ in range(REPS):
            loop.run_until_complete(executor.run(json.loads(raw)))
        prof.disable()
    finally:
        loop.close()
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out)
    stats.sort_stats("cumulative").print_stats(top * 3)
    prefixes = (str(Path(json.__file__).parent.parent) + "/", str(Path(asyncio.__file__).parent.parent.parent) + "/")
    lines = [ln for ln in out.getvalue().splitlines()
             if ln.strip()[:1].isdigit() and "{" not in ln and "function calls" not in ln and "asyncio/" not in ln]
    for prefix in (*prefixes, str(Path.cwd()) + "/"):
        lines = [ln.replace(prefix, "") for ln in lines]
    lines = lines[:top]
    total = stats.total_tt  # type: ignore[attr-defined]
    return [f"total {total / REPS * 1000:.1f} ms per run (cProfile overhead included)"] + lines


def profile(ours: Servers, base: Servers, sender: str, conversation: list[str], base_message: str,
            stats: dict[str, dict[str, float]], recommendation_turn: int) -> dict[str, Any]:
    """The breakdown of each of our turns at medians, and the baseline's for comparison."""
    turns, domain, events = action_calls(ours, sender)
    out: dict[str, Any] = {"turns": []}
    for i, turn in enumerate(turns):
        text = conversation[i] if i < len(conversation) else turn["text"]
        start, end = turn["events"]
        row = {"turn": i + 1, "text": text, "turn_p50_ms": stats.get(f"turn{i + 1}", {}).get("p50"),
               "nlu_parse_ms": parse_ms(ours, text), "actions": turn["actions"], "calls": []}
        for call in turn["calls"]:
            raw = call["raw"]
            row["calls"].append({
                **{k: v for k, v in call.items() if k not in ("build", "raw")},
                "action_server_ms": median_ms(lambda raw=raw: post_raw(f"{ours.action_url}/webhook", raw)),
                "build_request_ms": median_ms(call["build"]),
                **schema_check_ms(json.loads(post_raw(f"{ours.action_url}/webhook", raw))),
            })
        row.update(store_ms(domain, sender, events, start, end))
        row["past_states_ms"] = past_states_ms(domain, sender, events, end)
        row["events_after_turn"] = end
        out["turns"].append(row)
    rec = out["turns"][recommendation_turn]
    heaviest = max(turns[recommendation_turn]["calls"], key=lambda c: c["request_bytes"])
    advise = next((c for c in turns[recommendation_turn]["calls"] if c["action"] == "action_advise"), heaviest)
    rec["cprofile_action"] = advise["action"]
    rec["cprofile"] = cprofile_action(advise["raw"])
    base_turns, _, _ = action_calls(base, base_sender(base))
    last = base_turns[-1]
    out["baseline"] = {"nlu_parse_ms": parse_ms(base, base_message), "actions": last["actions"],
                       "calls": [{**{k: v for k, v in c.items() if k not in ("build", "raw")},
                                  "action_server_ms": median_ms(lambda c=c: post_raw(f"{base.action_url}/webhook",
                                                                                      c["raw"])),
                                  **schema_check_ms(json.loads(post_raw(f"{base.action_url}/webhook", c["raw"])))}
                                 for c in last["calls"]],
                       "turn_p50_ms": stats["baseline"]["p50"]}
    out["rasa_core"] = rasa_core_profile(latest_model(), ours.action_url, conversation)
    return out


def base_sender(base: Servers) -> str:
    """A fresh baseline conversation of five turns, as in the timed rounds, to rebuild its requests from."""
    sender = f"bench-base-profile-{time.time_ns()}"
    for _ in range(5):
        base.say(sender, "are you a bot?")
    return sender


def breakdown_markdown(b: dict[str, Any]) -> str:
    """The per-turn table of where our time goes, at medians, and the baseline's line beside it."""
    lines = ["Where our time goes, per README turn, at medians (one fresh conversation rebuilt from its events "
             "and replayed piece by piece after the timed rounds; `benchmarks/turn_profile.py`). "
             "*Action server* = the custom actions' requests replayed straight at it (HTTP and JSON included); "
             "*request* = bytes Rasa posts to the action server per call (tracker with every event, plus the whole "
             "domain), *pathway* = the part of it that is the `pathway` slot (its value and each SlotSet of it); "
             "*schema check* = Rasa's `jsonschema.validate` of each response "
             "(in brackets: the same check with a validator built once); *store* = ForgettingSQLTrackerStore retrieve + save on SQLite; *past_states* = one featurisation of "
             "the tracker's history, which every policy prediction runs (several per action); *rest* = turn p50 "
             "minus NLU and action server: Rasa core (predictions, events, store, HTTP hops).", "",
             "| turn | p50 ms | NLU parse | custom actions (calls) | action server | request KB per call | "
             "pathway KB | build request | schema check (cached) | store | past_states | rest |",
             "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    rows = [*b["turns"], {**b["baseline"], "turn": "baseline", "retrieve_ms": None}]
    for t in rows:
        calls = t["calls"]
        server = sum(c["action_server_ms"] for c in calls)
        total = t["turn_p50_ms"] or 0.0
        kb = "/".join(f"{c['request_bytes'] / 1024:.0f}" for c in calls) or "-"
        pkb = "/".join(f"{c['pathway_bytes'] / 1024:.1f}" for c in calls) or "-"
        build = f"{sum(c.get('build_request_ms', 0) for c in calls):.1f}" if t["turn"] != "baseline" else "-"
        schema = (f"{sum(c.get('schema_check_ms', 0) for c in calls):.1f} "
                  f"({sum(c.get('schema_check_cached_ms', 0) for c in calls):.1f})")
        store = f"{t['retrieve_ms'] + t['save_ms']:.1f}" if t.get("retrieve_ms") is not None else "-"
        past = f"{t['past_states_ms']:.1f}" if t.get("past_states_ms") is not None else "-"
        names = ", ".join(c["action"].removeprefix("action_") for c in calls) or "-"
        lines.append(f"| {t['turn']} | {total:.0f} | {t['nlu_parse_ms']:.1f} | {names} ({len(calls)}) | "
                     f"{server:.1f} | {kb} | {pkb} | {build} | {schema} | {store} | {past} | "
                     f"{total - t['nlu_parse_ms'] - server:.0f} |")
    last = b["turns"][-1]["calls"][-1]
    lines += ["", f"The largest request (turn {b['turns'][-1]['turn']}, `{last['action']}`, "
              f"{last['request_bytes'] / 1024:.0f} KB, {last['events_in_tracker']} events) is made of: "
              + ", ".join(f"{k} {v / 1024:.1f} KB" for k, v in last["bytes_by_part"].items()) + "."]
    rec = next((t for t in b["turns"] if t.get("cprofile")), None)
    if rec:
        lines += ["", f"cProfile of `{rec['cprofile_action']}` on turn {rec['turn']} in one process "
                  "(cumulative, top entries):", "", "```text", *rec["cprofile"], "```"]
    if b.get("rasa_core"):
        lines += ["", rasa_core_markdown(b["rasa_core"])]
    return "\n".join(lines)


#: Functions whose cumulative CPU time (coroutines: only while running, never while awaiting) names a part of
#: Rasa's turn; (file suffix, function name).
RASA_PARTS = {
    "whole turn (handle_message)": ("rasa/core/processor.py", "handle_message"),
    "NLU pipeline (parse_message)": ("rasa/core/processor.py", "parse_message"),
    "slot extraction (action_extract_slots, calls the validation action)": ("rasa/core/processor.py",
                                                                            "run_action_extract_slots"),
    "policy predictions": ("rasa/core/processor.py", "_predict_next_with_tracker"),
    "state featurisation (states_for_tracker_history)": ("rasa/shared/core/domain.py", "states_for_tracker_history"),
    "running actions (_run_action)": ("rasa/core/processor.py", "_run_action"),
    "request build (current_state + domain.as_dict)": ("rasa/core/actions/action.py", "_action_call_format"),
    "HTTP client (EndpointConfig.request)": ("rasa/utils/endpoints.py", "request"),
    "response schema check (jsonschema validate)": ("jsonschema/validators.py", "validate"),
    "tracker store retrieve": ("bot/stores/forgetting_tracker_store.py", "retrieve"),
    "tracker store save": ("bot/stores/forgetting_tracker_store.py", "save"),
    "tracker rebuilt from events (DialogueStateTracker.from_events)": ("rasa/shared/core/trackers.py",
                                                                      "from_events"),
}


def _cumulative_ms(stats: pstats.Stats, suffix: str, func: str, calls: int) -> float:
    total = 0.0
    for (filename, _, name), (_, _, _, ct, _) in stats.stats.items():  # type: ignore[attr-defined]
        if name == func and filename.endswith(suffix):
            total += ct
    return total / calls * 1000


def rasa_core_profile(model: Path, action_url: str, conversation: list[str], rounds: int = 4) -> dict[str, Any]:
    """Our model's turns handled by Rasa's own processor in this process (the servers' code path minus the
    REST channel), under cProfile per README turn, against the running action server: CPU ms per turn of each
    part of ``RASA_PARTS``. cProfile inflates every figure alike; read them as shares."""
    from rasa.core.agent import load_agent
    from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
    from rasa.core.utils import AvailableEndpoints

    tmp = Path(tempfile.mkdtemp(prefix="bench-turn-rasa-"))
    endpoints = tmp / "endpoints.yml"
    endpoints.write_text(f'action_endpoint:\n  url: "{action_url}/webhook"\n'
                         "tracker_store:\n  type: bot.stores.forgetting_tracker_store.ForgettingSQLTrackerStore\n"
                         f'  dialect: "sqlite"\n  db: "{tmp}/tracker.db"\n')
    import logging

    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    configure_logging_and_warnings(logging.WARNING)  # as `rasa run` logs at INFO: no debug formatting timed
    configure_structlog(logging.WARNING)
    loop = asyncio.new_event_loop()
    profiles = [cProfile.Profile() for _ in conversation]
    wall: list[list[float]] = [[] for _ in conversation]
    try:
        agent = loop.run_until_complete(load_agent(model_path=str(model),
                                                   endpoints=AvailableEndpoints.read_endpoints(str(endpoints))))
        for r in range(rounds + 1):
            sender = f"bench-turn-inproc-{r}-{time.time_ns()}"
            for i, text in enumerate(conversation):
                message = UserMessage(text, CollectingOutputChannel(), sender_id=sender)
                if r == 0:  # warm-up
                    loop.run_until_complete(agent.handle_message(message))
                    continue
                t0 = time.perf_counter()
                profiles[i].enable()
                loop.run_until_complete(agent.handle_message(message))
                profiles[i].disable()
                wall[i].append((time.perf_counter() - t0) * 1000)
    finally:
        loop.close()
    out: dict[str, Any] = {"rounds": rounds, "turns": []}
    for i, prof in enumerate(profiles):
        stats = pstats.Stats(prof)
        parts = {label: round(_cumulative_ms(stats, suffix, func, rounds), 2)
                 for label, (suffix, func) in RASA_PARTS.items()}
        text = io.StringIO()
        pstats.Stats(prof, stream=text).sort_stats("tottime").print_stats(12)
        top = [ln for ln in text.getvalue().splitlines() if ln.strip()[:1].isdigit()][:12]
        out["turns"].append({"turn": i + 1, "wall_ms_profiled": statistics.median(wall[i]), "parts_ms": parts,
                             "top_tottime": top})
    return out


def rasa_core_markdown(p: dict[str, Any]) -> str:
    labels = list(RASA_PARTS)
    lines = [f"Inside Rasa (our model in this process, Rasa's processor under cProfile, {p['rounds']} conversations, "
             "CPU ms per turn, mean; parts overlap: the whole turn contains the rest, running actions contains the "
             "request build, HTTP client and schema check; time spent waiting on the action server is not in these):", "",
             "| part | " + " | ".join(f"turn {t['turn']}" for t in p["turns"]) + " |",
             "|---|" + "---:|" * len(p["turns"])]
    for label in labels:
        lines.append(f"| {label} | " + " | ".join(f"{t['parts_ms'][label]:.1f}" for t in p["turns"]) + " |")
    return "\n".join(lines)
