"""Load on the production shape: many learners at once, on one Rasa server and on two, in one run.

    make bench-load                    # 50 learners x 6 turns, one server then two
    python -m benchmarks.load --learners 80 --pairs 8

The shape is the one `make run-prod` starts (scripts/run_prod.sh, with ports, databases and a Redis of
its own; loopback only). Each simulated learner plays a whole six-turn conversation, waiting for each
reply before the next message (a person does); with two servers, the messages of one conversation
alternate between them, and a few learners send two messages at once (a double send), so the lock store
must serialise them across servers. Afterwards every tracker is compared with what was sent: each message
recorded exactly once, in the order sent (either order for a double send), each followed by a reply; and
every reply checked for an error. The figures: throughput (turns per second over the run) and turn
latency p50/p95, one server and two side by side.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

from benchmarks.report import write_section
from benchmarks.turn import percentile
from tests.e2e.production_shape import ProductionShape, production_shape

ROOT = Path(__file__).resolve().parents[1]
CONVERSATION = ["hi", "I want to become a data analyst", "I know Excel and some SQL",
                "5 hours a week, budget 300 dollars", "why that first step?", "thanks"]
ERRORS = ("turn_failed", "service_unavailable", "store_unavailable", "message_too_long")
REQUEST_TIMEOUT = aiohttp.ClientTimeout(total=120)


@dataclass
class Learner:
    sender: str
    double_send: bool  # turns 2 and 3 sent at once
    sent: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


async def _turn(session: aiohttp.ClientSession, base: str, learner: Learner, message: str) -> None:
    started = time.perf_counter()
    try:
        async with session.post(f"{base}/webhooks/rest/webhook", json={"sender": learner.sender, "message": message},
                                timeout=REQUEST_TIMEOUT) as resp:
            body = await resp.json(content_type=None) if resp.status == 200 else await resp.text()
            if resp.status != 200:
                learner.errors.append(f"HTTP {resp.status} on {message!r}: {str(body)[:200]}")
            elif not body:
                learner.errors.append(f"no reply to {message!r}")
            elif any(m.get("error") in ERRORS for m in body):
                learner.errors.append(f"{[m.get('error') for m in body]} on {message!r}")
    except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
        learner.errors.append(f"{exc.__class__.__name__} on {message!r}")
    learner.latencies.append(time.perf_counter() - started)


async def _converse(session: aiohttp.ClientSession, bases: list[str], learner: Learner) -> None:
    i = 0
    while i < len(CONVERSATION):
        if learner.double_send and i == 1:
            pair = CONVERSATION[1:3]
            learner.sent += pair
            await asyncio.gather(*(_turn(session, bases[(i + k) % len(bases)], learner, m) for k, m in enumerate(pair)))
            i += 2
            continue
        learner.sent.append(CONVERSATION[i])
        await _turn(session, bases[i % len(bases)], learner, CONVERSATION[i])
        i += 1


def check_tracker(events: list[dict], learner: Learner) -> list[str]:
    """Lost, duplicated or reordered messages, and messages left without a reply."""
    users = [e["text"] for e in events if e.get("event") == "user"]
    problems = []
    expected = learner.sent
    if learner.double_send:  # the two sent at once may be recorded in either order
        same = users[:1] + sorted(users[1:3]) + users[3:] == expected[:1] + sorted(expected[1:3]) + expected[3:]
    else:
        same = users == expected
    if not same:
        problems.append(f"{learner.sender}: recorded {users}, sent {expected}")
    for i, event in enumerate(events):
        if event.get("event") == "user":
            rest = events[i + 1:]
            following = rest[:next((j for j, e in enumerate(rest) if e.get("event") == "user"), len(rest))]
            if not any(e.get("event") == "bot" for e in following):
                problems.append(f"{learner.sender}: no reply recorded after {event.get('text')!r}")
    return problems


def machine_busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy (all cores, /proc/stat), for what a turn costs in CPU."""
    fields = [float(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def process_cpu_seconds(pid: int) -> float:
    try:
        parts = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (float(parts[11]) + float(parts[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


async def run_load(shape: ProductionShape, bases: list[str], learners: int, pairs: int, label: str) -> dict:
    crowd = [Learner(f"load-{label}-{uuid.uuid4().hex[:8]}", double_send=i < pairs) for i in range(learners)]
    connector = aiohttp.TCPConnector(limit=0)
    rasa_pids = [shape.pid(f"rasa-{n}") for n in (1, 2)]
    async with aiohttp.ClientSession(connector=connector) as session:
        busy, rasa_cpu = machine_busy_seconds(), sum(map(process_cpu_seconds, rasa_pids))
        started = time.perf_counter()
        await asyncio.gather(*(_converse(session, bases, learner) for learner in crowd))
        wall = time.perf_counter() - started
        busy, rasa_cpu = machine_busy_seconds() - busy, sum(map(process_cpu_seconds, rasa_pids)) - rasa_cpu
        problems: list[str] = []
        for learner in crowd:
            async with session.get(f"{bases[0]}/conversations/{learner.sender}/tracker",
                                   params={"token": shape.token}, timeout=REQUEST_TIMEOUT) as resp:
                tracker = await resp.json(content_type=None)
            problems += check_tracker(tracker.get("events", []), learner)
    latencies = [t for learner in crowd for t in learner.latencies]
    errors = [e for learner in crowd for e in learner.errors]
    return {"servers": len(bases), "learners": learners, "double_sends": pairs, "turns": len(latencies),
            "seconds": round(wall, 2), "turns_per_second": round(len(latencies) / wall, 2),
            "p50_ms": round(statistics.median(latencies) * 1000), "p95_ms": round(percentile(latencies, 0.95) * 1000),
            "machine_cpu_ms_per_turn": round(busy * 1000 / len(latencies), 1),
            "rasa_cpu_ms_per_turn": round(rasa_cpu * 1000 / len(latencies), 1),
            "cores_busy": round(busy / wall, 2),
            "errors": errors, "tracker_problems": problems}


def table(results: list[dict]) -> str:
    rows = ["| Rasa servers | learners × turns | double sends | wall time | throughput | p50 turn | p95 turn | "
            "machine CPU per turn | of it Rasa | cores busy | errors | lost/duplicated/reordered |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        rows.append(f"| {r['servers']} | {r['learners']} × {len(CONVERSATION)} | {r['double_sends']} | {r['seconds']} s | "
                    f"{r['turns_per_second']} turns/s | {r['p50_ms']} ms | {r['p95_ms']} ms | {r['machine_cpu_ms_per_turn']} ms | "
                    f"{r['rasa_cpu_ms_per_turn']} ms | {r['cores_busy']} | {len(r['errors'])} | "
                    f"{len(r['tracker_problems'])} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--learners", type=int, default=50)
    parser.add_argument("--pairs", type=int, default=5, help="learners who send turns 2 and 3 at once")
    parser.add_argument("--rounds", type=int, default=2, help="alternate one/two servers this many times each")
    parser.add_argument("--no-write", action="store_true", help="print, don't update BENCHMARKS.md")
    args = parser.parse_args(argv)
    results: list[dict] = []
    with tempfile.TemporaryDirectory() as work, production_shape(Path(work), cuttable_database=False) as shape:
        print("warming up both servers ...", flush=True)
        asyncio.run(run_load(shape, [shape.rasa(1), shape.rasa(2)], 4, 0, "warm"))
        for round_ in range(args.rounds):  # interleaved, so a noisy minute hits both configurations
            for bases in ([shape.rasa(1)], [shape.rasa(1), shape.rasa(2)]):
                result = asyncio.run(run_load(shape, bases, args.learners, args.pairs, f"{len(bases)}s{round_}"))
                result["round"] = round_ + 1
                print(json.dumps({k: v for k, v in result.items() if k not in ("errors", "tracker_problems")}),
                      flush=True)
                for line in result["errors"][:5] + result["tracker_problems"][:5]:
                    print("   ", line)
                results.append(result)
    out = ROOT / "results" / "bench_load.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    by_servers = {n: [r for r in results if r["servers"] == n] for n in (1, 2)}
    median_tps = {n: statistics.median(r["turns_per_second"] for r in rs) for n, rs in by_servers.items()}
    speedup = median_tps[2] / median_tps[1]
    clean = all(not r["errors"] and not r["tracker_problems"] for r in results)
    cores = os.cpu_count() or 1
    cpu_per_turn = statistics.median(r["machine_cpu_ms_per_turn"] for r in by_servers[2])
    ceiling = cores * 1000 / cpu_per_turn  # turns/s if every core did nothing but this shape's work
    ceiling_ratio = ceiling / median_tps[1]
    one_server_cores = statistics.median(r["rasa_cpu_ms_per_turn"] * r["turns_per_second"] / 1000 for r in by_servers[1])
    print(table(results))
    print(f"two servers / one server throughput (medians over rounds): {speedup:.2f}x; "
          f"{'no' if clean else 'SOME'} errors or lost/duplicated/reordered messages")
    body = f"""Command: `make bench-load` (`python -m benchmarks.load --learners {args.learners} --pairs {args.pairs} --rounds {args.rounds}`).
The production shape of `make run-prod` (nginx, two action servers behind it, PostgreSQL, Redis, RabbitMQ),
loopback only, on this machine's **2 shared cores**, which also run the load generator, both action servers,
PostgreSQL, Redis, RabbitMQ and nginx. Each learner plays a six-turn conversation (the README's, with the
recommendation), waiting for each reply; with two servers the turns of a conversation alternate between them;
{args.pairs} learners send turns 2 and 3 at once. Configurations interleaved over {args.rounds} rounds.

{table(results)}

**Two servers vs one: {speedup:.2f}× throughput** (median turns/s over the rounds; goal ≥ 1.7×).
{'Every tracker matched what was sent: zero lost, duplicated or reordered messages, every message answered, zero errors.' if clean else 'Errors or tracker mismatches occurred: see results/bench_load.json.'}

How to read it: the goal presumes a second server gets CPU of its own. Here everything shares {cores} cores: a
turn costs the machine {cpu_per_turn:.0f} ms of CPU in all (Rasa, actions, PostgreSQL, Redis, RabbitMQ, nginx
and the load generator; median with two servers), so no configuration can exceed {cores} x 1000 / {cpu_per_turn:.0f}
= **{ceiling:.0f} turns/s** here, which is **{ceiling_ratio:.2f}×** the one-server throughput: at today's CPU per
turn the 1.7× goal cannot be reached on this machine, and the measured speed-up is a floor for a deployment
with a core (or a machine) per server, not an estimate of it. The same work costs more CPU time when both
cores are busy (compare the CPU per turn of the two configurations), as when two hardware threads share one
physical core. Alone, the one Rasa server kept
{one_server_cores:.2f} cores busy (its CPU per turn times its throughput; one Python process runs on one core).
The correctness columns are what this benchmark
guarantees on any machine."""
    if not args.no_write:
        write_section(ROOT / "BENCHMARKS.md", "load", "Load: one Rasa server and two (make bench-load)", body)
    return 0 if clean else 1


if __name__ == "__main__":
    raise SystemExit(main())
