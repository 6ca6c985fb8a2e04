"""Run the benchmark: start the server(s), run the load generator against them in its own
process, then the same load against the floor server on the same runtime, and print
each figure with its ratio to the floor.

    .venv/bin/python -m bench.run --case one-big --mode eventlet
    .venv/bin/python -m bench.run --case all --postgres postgresql://... --json out.json
    .venv/bin/python -m bench.run --knee 2000,3000,4000 --mode gevent --json knee.json

Server processes go on the first core, the load generator on the second (where there are
two). Everything listens and connects on 127.0.0.1 only.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import servers

CASES = {
    # name: phones, workshops, votes a second, seconds of voting, server processes, and
    # whether the vote's results are shown as they come (every phone is sent totals)
    "one-big": dict(phones=2000, workshops=1, rate=400, seconds=15, processes=1),
    "one-big-revealed": dict(phones=2000, workshops=1, rate=400, seconds=15, processes=1,
                             revealed=True),
    "many-small": dict(phones=2000, workshops=50, rate=400, seconds=15, processes=1),
    "two-processes": dict(phones=2000, workshops=1, rate=400, seconds=15, processes=2),
    "small": dict(phones=50, workshops=1, rate=40, seconds=3, processes=1),
}

# All phones come from 127.0.0.1, as a venue's wi-fi behind one address would: the
# per-address connection limit (500) is raised to let them in, and so is the pace of
# joining from one address (60 at once, then 2 a second), which thousands of phones
# joining in a few seconds exceed. The per-connection and per-participant message
# limits are left as shipped: a phone votes about 0.2 times a second, far below them.
def bench_settings(phones):
    return {"MAX_CONNECTIONS_PER_ADDRESS": phones + 100, "JOIN_BURST": phones + 100}


def placement():
    """(core for servers, core for the load generator), or (None, None) on one core."""
    available = servers.cores()
    if len(available) >= 2:
        return available[0], available[1]
    return None, None


def load(urls, pids, target, phones, workshops, rate, seconds, cpu=None, presenter_url=None,
         join_concurrency=20, idle_seconds=2.0, seed=1, join_deadline=120.0, profile=None,
         server_cpu=None, revealed=False, patience=1.0):
    """Run bench.loadgen in a process of its own and return what it measured."""
    argv = [sys.executable, "-m", "bench.loadgen", "--target", target,
            "--phones", str(phones), "--workshops", str(workshops), "--rate", str(rate),
            "--seconds", str(seconds), "--join-concurrency", str(join_concurrency),
            "--idle-seconds", str(idle_seconds), "--seed", str(seed),
            "--patience", str(patience)]
    if revealed:
        argv += ["--revealed"]
    for url in urls:
        argv += ["--url", url]
    for pid in pids:
        argv += ["--server-pid", str(pid)]
    if presenter_url:
        argv += ["--presenter-url", presenter_url]
    if cpu is not None:
        argv += ["--cpu", str(cpu)]
    if server_cpu is not None:
        argv += ["--server-cpu", str(server_cpu)]
    # Bounded: the join deadline, voting, and every later wait's deadline.
    limit = 360 * patience + join_deadline + seconds * 2 + idle_seconds
    argv += ["--join-deadline", str(join_deadline)]
    if profile:
        argv += ["--profile", str(profile)]
    done = subprocess.run(argv, cwd=servers.ROOT, stdout=subprocess.PIPE, text=True,
                          timeout=limit,  # its progress and errors go to our stderr
                          preexec_fn=servers._pinned(None))
    if done.returncode != 0:
        raise RuntimeError(f"the load generator failed ({done.returncode})")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_case(mode, phones, workshops, rate, seconds, processes=1, postgres=None,
             with_floor=True, workdir=None, join_concurrency=20, idle_seconds=2.0,
             settings=None, seed=1, profile=None, revealed=False, pinned=True,
             join_deadline=120.0, patience=1.0):
    """One load against Roundtable (and, with_floor, against the floor server). `pinned`
    puts the servers and the load generator on cores of their own, for figures; a test
    of correctness alone on a busy machine leaves them free to run wherever a core is,
    and may give every wait more `patience` (bench.loadgen --patience)."""
    workdir = Path(workdir or tempfile.mkdtemp(prefix="roundtable-bench-"))
    server_cpu, load_cpu = placement() if pinned else (None, None)
    wanted = {**bench_settings(phones), **(settings or {})}
    result = {"mode": mode, "processes": processes, "phones": phones, "revealed": revealed,
              "database": "postgresql" if postgres else "sqlite",
              "pinned": {"servers": server_cpu, "loadgen": load_cpu}}
    started = []
    try:
        if processes > 1:
            if not postgres:
                raise SystemExit("several processes need PostgreSQL: pass --postgres URL")
            redis = servers.Redis(workdir / "redis.log").start()
            started.append(redis)
            wanted["MESSAGE_QUEUE"] = redis.url
        if postgres:  # a schema of its own, dropped afterwards
            started.append(servers.DatabaseOnCore(load_cpu).__enter__())
            schema = servers.PostgresSchema(postgres, prefix="bench").__enter__()
            started.append(schema)
            database = schema.url
        else:
            database = f"sqlite:///{workdir / f'bench-{mode}.db'}"
        web = []
        for number in range(processes):  # one after the other: each creates the tables
            server = servers.roundtable(mode, database,
                                        workdir / f"server-{mode}-{number}.log", wanted,
                                        cpu=server_cpu).start()
            started.append(server)
            web.append(server)
        urls = [s.url for s in web]
        result["roundtable"] = load(urls, [s.pid for s in web], "roundtable", phones,
                                    workshops, rate, seconds, load_cpu, urls[-1],
                                    join_concurrency, idle_seconds, seed, join_deadline,
                                    profile=profile and f"{profile}-{mode}",
                                    server_cpu=server_cpu, revealed=revealed,
                                    patience=patience)
        for server in web:
            if not server.alive:
                raise RuntimeError(f"{server.name} died during the run:\n{server.log()}")
    finally:
        for process in reversed(started):
            if isinstance(process, (servers.PostgresSchema, servers.DatabaseOnCore)):
                process.__exit__(None, None, None)
            else:
                process.stop()
    if with_floor:
        with servers.floor(mode, workdir / f"floor-{mode}.log", cpu=server_cpu,
                           revealed=revealed) as floor:
            floor.start()
            result["floor"] = load([floor.url], [floor.pid], "floor", phones, workshops, rate,
                                   seconds, load_cpu, None, join_concurrency, idle_seconds,
                                   seed, join_deadline, server_cpu=server_cpu,
                                   profile=profile and f"{profile}-floor-{mode}",
                                   revealed=revealed, patience=patience)
        result["ratio"] = ratios(result["roundtable"], result["floor"])
    return result


def ratios(ours, floor):
    """Each figure divided by the floor's (how many times the floor's cost it is)."""
    def ratio(a, b):
        return round(a / b, 1) if a is not None and b else None

    found = {"joins_per_second": ratio(floor["joins_per_second"], ours["joins_per_second"])}
    for name in ("join_ms", "ack_ms", "presenter_ms", "phone_ms"):
        found[name] = {k: ratio(ours[name][k], floor[name][k]) for k in ours[name]}
    server, base = ours.get("server", {}), floor.get("server", {})
    for name in ("kb_per_phone", "vote_cpu_percent", "cpu_ms_per_vote", "idle_cpu_percent",
                 "idle_late_cpu_percent"):
        found[name] = ratio(server.get(name), base.get(name))
    return found


# ---------------------------------------------------------------------- reporting
def machine():
    import platform
    from importlib import metadata

    def version(name):
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return None

    memory = None
    try:
        with open("/proc/meminfo") as handle:
            memory = round(int(handle.readline().split()[1]) / 2**20, 1)
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "memory_gib": memory, "python": platform.python_version(),
            "cpu": cpu_model(),
            "kernel": platform.release(),
            "libraries": {n: version(n) for n in (
                "eventlet", "gevent", "greenlet", "python-socketio", "python-engineio",
                "Flask-SocketIO", "simple-websocket", "SQLAlchemy", "psycopg2-binary", "redis",
                "aiohttp")}}


def _triple(d):
    return "/".join("-" if d.get(k) is None else f"{d[k]:g}" for k in ("p50", "p95", "p99"))


def cpu_model():
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def load_average():
    """The machine's load (1, 5, 15 minutes) when the run ended: others' work shows here."""
    try:
        return os.getloadavg()
    except OSError:
        return None


def row(label, r):
    s = r.get("server", {})
    phone = _triple(r["phone_ms"]) if r.get("revealed") else "-"
    return (f"| {label} | {r['joined']}/{r['phones']} | {r['joins_per_second']} | "
            f"{r['join_ms']['p95']} | {_triple(r['ack_ms'])} | {_triple(r['presenter_ms'])} | "
            f"{phone} | {r.get('phone_views_per_second', '-')} | "
            f"{r.get('phone_view_bytes') or '-'} | "
            f"{r['votes_acked']}/{r['votes_reflected']} | {r['votes_refused']} | "
            f"{s.get('vote_cpu_percent')} | {s.get('idle_cpu_percent')} | "
            f"{s.get('kb_per_phone')} | {r['loadgen_cpu_percent']} | "
            f"{r.get('others_on_server_core_percent', '-')} |")


HEADER = ("| run | joined | joins/s | join p95 ms | ack p50/p95/p99 ms | "
          "presenter p50/p95/p99 ms | phone p50/p95/p99 ms | views/phone/s | "
          "bytes/view | acked/reflected | refused | server CPU % voting | "
          "server CPU % idle | server KB/phone | loadgen CPU % | others on server core % |\n"
          "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")


def label_of(name, r):
    shown = "revealed" if r.get("revealed") else "hidden"
    return (f"{name}, {r.get('phones', r['roundtable']['phones'])} phones {shown}, "
            f"{r['mode']}, {r['processes']}×{r['database']}")


def table(results):
    lines = [HEADER]
    for name, r in results:
        lines.append(row(label_of(name, r), r["roundtable"]))
        if "floor" in r:
            lines.append(row(f"↳ floor ({r['mode']})", r["floor"]))
            q = r["ratio"]
            phone = "/".join(str(q["phone_ms"][k]) for k in ("p50", "p95", "p99")) \
                if r.get("revealed") else ""
            lines.append(f"| ↳ ratio to floor | | ×{q['joins_per_second']} slower | "
                         f"×{q['join_ms']['p95']} | ×{q['ack_ms']['p50']}/{q['ack_ms']['p95']}/"
                         f"{q['ack_ms']['p99']} | ×{q['presenter_ms']['p50']}/"
                         f"{q['presenter_ms']['p95']}/{q['presenter_ms']['p99']} | "
                         f"{'×' + phone if phone else ''} | | | | | "
                         f"×{q['vote_cpu_percent']} | ×{q['idle_cpu_percent']} | "
                         f"×{q['kb_per_phone']} | | |")
    return "\n".join(lines)


# ---------------------------------------------------------------------- pairs
def pairs_table(outcomes):
    """Server CPU of Roundtable against the floor's, pair by pair (each pair measured one
    after the other, so that both meet about the same machine), and the median ratio: on
    a shared machine the floor's own CPU moves by half between runs minutes apart."""
    lines = ["| pair | server CPU % voting | floor | ratio | CPU ms/vote | floor | "
             "idle CPU % (2nd half) | floor | ack p95 ms | floor | others on server core % "
             "(floor) |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    ratios = []
    for number, outcome in enumerate(outcomes, 1):
        ours, floor = outcome["roundtable"], outcome["floor"]
        mine, base = ours.get("server", {}), floor.get("server", {})
        ratio = outcome["ratio"]["vote_cpu_percent"]
        if ratio is not None:
            ratios.append(mine["vote_cpu_percent"] / base["vote_cpu_percent"])
        lines.append(
            f"| {number} | {mine.get('vote_cpu_percent')} | {base.get('vote_cpu_percent')} | "
            f"×{ratio} | {mine.get('cpu_ms_per_vote')} | {base.get('cpu_ms_per_vote')} | "
            f"{mine.get('idle_cpu_percent')} ({mine.get('idle_late_cpu_percent')}) | "
            f"{base.get('idle_cpu_percent')} ({base.get('idle_late_cpu_percent')}) | "
            f"{ours['ack_ms']['p95']} | {floor['ack_ms']['p95']} | "
            f"{ours.get('others_on_server_core_percent', '-')} "
            f"({floor.get('others_on_server_core_percent', '-')}) |")
    if ratios:
        lines.append(f"\nMedian ratio of server CPU while voting: ×{statistics.median(ratios):.2f} "
                     f"(each pair: {', '.join(f'×{r:.2f}' for r in ratios)})")
    return "\n".join(lines)


# ---------------------------------------------------------------------- the knee
def _at_most(value, limit):
    return None if value is None or limit is None else value <= limit


def _times_floor(name, point, factor):
    def check(ours, floor):
        if floor is None:
            return None  # the floor against itself: not a target
        mine, base = ours[name][point], floor[name][point]
        return _at_most(mine, None if base is None else factor * base)
    return check


def _cpu_times_floor(factor):
    def check(ours, floor):
        if floor is None:
            return None
        base = floor.get("server", {}).get("vote_cpu_percent")
        return _at_most(ours.get("server", {}).get("vote_cpu_percent"),
                        None if base is None else factor * base)
    return check


def _nothing_lost(ours, floor):
    return not ours["problems"]


# The targets (bench/README.md), for results shown as they come and for results hidden:
# (words, check(result, the floor's result in the same run or None)).
TARGETS = {
    "revealed": [
        ("0 lost, 0 double", _nothing_lost),
        ("ack p95 ≤ 150 ms", lambda r, f: _at_most(r["ack_ms"]["p95"], 150)),
        ("presenter p95 ≤ 250 ms", lambda r, f: _at_most(r["presenter_ms"]["p95"], 250)),
        ("presenter p95 ≤ 1.5× the floor's", _times_floor("presenter_ms", "p95", 1.5)),
        ("phone p95 ≤ 1.5 s", lambda r, f: _at_most(r["phone_ms"]["p95"], 1500)),
        ("≤ 100 KB per phone",
         lambda r, f: _at_most(r.get("server", {}).get("kb_per_phone"), 100)),
    ],
    "hidden": [
        ("0 lost, 0 double", _nothing_lost),
        ("ack p95 ≤ 50 ms", lambda r, f: _at_most(r["ack_ms"]["p95"], 50)),
        ("presenter p95 ≤ 250 ms", lambda r, f: _at_most(r["presenter_ms"]["p95"], 250)),
        ("presenter p95 ≤ 1.5× the floor's", _times_floor("presenter_ms", "p95", 1.5)),
        ("server CPU ≤ 1.5× the floor's", _cpu_times_floor(1.5)),
        ("≤ 100 KB per phone",
         lambda r, f: _at_most(r.get("server", {}).get("kb_per_phone"), 100)),
    ],
}


def knee(outcomes, shown, target, check):
    """The largest room at which `check` held for `target` ("roundtable" or "floor") at
    that size and every smaller one measured; 0 if not even at the smallest; None where
    the check does not apply."""
    largest, applies = 0, False
    for outcome in sorted((o for o in outcomes if o["revealed"] == (shown == "revealed")),
                          key=lambda o: o["phones"]):
        if target not in outcome:
            continue
        floor = outcome.get("floor") if target == "roundtable" else None
        held = check(outcome[target], floor)
        if held is None:
            continue
        applies = True
        if not held:
            break
        largest = outcome["phones"]
    return largest if applies else None


def knee_table(outcomes):
    """For each target, whether it held at each size measured, and the knee."""
    sizes = sorted({o["phones"] for o in outcomes})
    lines = ["| results | target | " + " | ".join(f"{n:,} phones" for n in sizes) +
             " | knee, Roundtable | knee, floor |",
             "|---|---|" + "---|" * len(sizes) + "---|---|"]
    for shown, targets in TARGETS.items():
        for words, check in targets:
            cells = []
            for size in sizes:
                found = [o for o in outcomes if o["phones"] == size and
                         o["revealed"] == (shown == "revealed")]
                held = check(found[0]["roundtable"], found[0].get("floor")) if found else None
                cells.append("-" if held is None else ("yes" if held else "**no**"))
            ours, floor = (knee(outcomes, shown, t, check) for t in ("roundtable", "floor"))
            lines.append(f"| {shown} | {words} | " + " | ".join(cells) +
                         f" | {_size(ours)} | {_size(floor)} |")
    return "\n".join(lines)


def _size(n):
    if n is None:
        return "-"
    return f"{n:,}" if n else "none"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--case", action="append", choices=[*CASES, "all"],
                        help="a named load (default: one-big); 'all' runs one-big, "
                             "one-big-revealed, many-small and two-processes")
    parser.add_argument("--mode", action="append",
                        choices=("eventlet", "gevent"),
                        help="async runtime (default: both, one after the other)")
    parser.add_argument("--postgres", default=os.environ.get("ROUNDTABLE_BENCH_POSTGRES_URL"),
                        help="PostgreSQL URL: single-process cases use it instead of SQLite; "
                             "two-processes needs it")
    parser.add_argument("--single-db", choices=("sqlite", "postgresql"), default="sqlite",
                        help="database for one-process cases")
    parser.add_argument("--knee", metavar="SIZES",
                        help="rooms of these sizes (comma separated, e.g. 2000,3000,4000), "
                             "one workshop each, results hidden and then revealed, each "
                             "against Roundtable and the floor; then the largest size at "
                             "which each target holds")
    parser.add_argument("--pairs", type=int, default=1, metavar="N",
                        help="run each case N times, Roundtable then the floor each time "
                             "(A/B/A/B), and report each pair's server CPU ratio and the "
                             "median")
    parser.add_argument("--revealed", action="store_true",
                        help="show the vote's results as they come (every phone gets totals)")
    parser.add_argument("--phones", type=int)
    parser.add_argument("--workshops", type=int)
    parser.add_argument("--rate", type=float)
    parser.add_argument("--seconds", type=float)
    parser.add_argument("--join-concurrency", type=int, default=20)
    parser.add_argument("--idle-seconds", type=float, default=2.0,
                        help="how long connected phones sit idle (measured) before voting")
    parser.add_argument("--no-floor", action="store_true")
    parser.add_argument("--profile", help="sample the servers with py-spy while the phones "
                                          "vote; raw stacks go to PROFILE-<mode>-<pid>.txt "
                                          "(the floor's to PROFILE-floor-<mode>-<pid>.txt; "
                                          "while the phones sit idle, to "
                                          "PROFILE-...-idle-<pid>.txt)")
    parser.add_argument("--json", help="write every result here as JSON")
    parser.add_argument("--nice", type=int, default=0,
                        help="run servers, Redis and the load generator at this priority "
                             "(e.g. -10, as root) so that other jobs on a shared machine "
                             "disturb the measurement less")
    args = parser.parse_args(argv)

    servers.NICE = args.nice
    names = args.case or ["one-big"]
    if "all" in names:
        names = ["one-big", "one-big-revealed", "many-small", "two-processes"]
    modes = args.mode or ["eventlet", "gevent"]
    if args.knee:
        sizes = [int(n) for n in args.knee.split(",")]
        cases = [(f"knee-{n}-{shown}", dict(CASES["one-big"], phones=n,
                                             revealed=shown == "revealed"))
                 for shown in ("hidden", "revealed") for n in sizes]
    else:
        cases = [(name, dict(CASES[name])) for name in names]
    results = []
    for name, case in cases:
        for field in ("phones", "workshops", "rate", "seconds"):
            if getattr(args, field) is not None and not (args.knee and field == "phones"):
                case[field] = getattr(args, field)
        if args.revealed:
            case["revealed"] = True
        single_pg = args.single_db == "postgresql"
        if single_pg and not args.postgres:
            parser.error("--single-db postgresql needs --postgres URL")
        for mode in [m for m in modes for _pair in range(args.pairs)]:
            began, load_before = time.monotonic(), load_average()
            print(f"… {name} under {mode}: {case}", file=sys.stderr, flush=True)
            postgres = args.postgres if (case["processes"] > 1 or single_pg) else None
            outcome = run_case(mode, case["phones"], case["workshops"], case["rate"],
                               case["seconds"], case["processes"], postgres,
                               not args.no_floor, join_concurrency=args.join_concurrency,
                               idle_seconds=args.idle_seconds,
                               profile=args.profile, revealed=case.get("revealed", False))
            outcome["case"], outcome["wall_seconds"] = name, round(time.monotonic() - began)
            outcome["load_average"] = {"before": load_before, "after": load_average()}
            results.append((name, outcome))
            print(table([(name, outcome)]), file=sys.stderr, flush=True)
    report = {"machine": {**machine(), "nice": args.nice, "load_average": load_average()},
              "results": [r for _n, r in results]}
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1))
    print(json.dumps(report["machine"]))
    print(table(results))
    if args.pairs > 1 and not args.no_floor:
        for name, _case in cases:
            for mode in modes:
                print(f"\nPairs, {name} under {mode}:\n")
                print(pairs_table([r for n, r in results if n == name and r["mode"] == mode]))
    if args.knee:
        for mode in modes:
            print(f"\nThe knee ({mode}):\n")
            print(knee_table([r for _n, r in results if r["mode"] == mode]))


if __name__ == "__main__":
    main()
