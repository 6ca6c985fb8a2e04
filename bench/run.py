"""Run the benchmark: start the server(s), run the load generator against them in its own
process, then the same load against the floor server on the same runtime, and print
each figure with its ratio to the floor.

    .venv/bin/python -m bench.run --case one-big --mode eventlet
    .venv/bin/python -m bench.run --case all --postgres postgresql://... --json out.json

Server processes go on the first core, the load generator on the second (where there are
two). Everything listens and connects on 127.0.0.1 only.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import servers

CASES = {
    # name: phones, workshops, votes a second, seconds of voting, server processes
    "one-big": dict(phones=2000, workshops=1, rate=400, seconds=15, processes=1),
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
         server_cpu=None):
    """Run bench.loadgen in a process of its own and return what it measured."""
    argv = [sys.executable, "-m", "bench.loadgen", "--target", target,
            "--phones", str(phones), "--workshops", str(workshops), "--rate", str(rate),
            "--seconds", str(seconds), "--join-concurrency", str(join_concurrency),
            "--idle-seconds", str(idle_seconds), "--seed", str(seed)]
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
    limit = 360 + join_deadline + seconds * 2 + idle_seconds
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
             settings=None, seed=1, profile=None):
    """One load against Roundtable (and, with_floor, against the floor server)."""
    workdir = Path(workdir or tempfile.mkdtemp(prefix="roundtable-bench-"))
    server_cpu, load_cpu = placement()
    wanted = {**bench_settings(phones), **(settings or {})}
    result = {"mode": mode, "processes": processes,
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
                                    join_concurrency, idle_seconds, seed,
                                    profile=profile and f"{profile}-{mode}",
                                    server_cpu=server_cpu)
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
        with servers.floor(mode, workdir / f"floor-{mode}.log", cpu=server_cpu) as floor:
            floor.start()
            result["floor"] = load([floor.url], [floor.pid], "floor", phones, workshops, rate,
                                   seconds, load_cpu, None, join_concurrency, idle_seconds,
                                   seed, server_cpu=server_cpu)
        result["ratio"] = ratios(result["roundtable"], result["floor"])
    return result


def ratios(ours, floor):
    """Each figure divided by the floor's (how many times the floor's cost it is)."""
    def ratio(a, b):
        return round(a / b, 1) if a is not None and b else None

    found = {"joins_per_second": ratio(floor["joins_per_second"], ours["joins_per_second"])}
    for name in ("join_ms", "ack_ms", "presenter_ms"):
        found[name] = {k: ratio(ours[name][k], floor[name][k]) for k in ours[name]}
    server, base = ours.get("server", {}), floor.get("server", {})
    for name in ("kb_per_phone", "vote_cpu_percent", "cpu_ms_per_vote", "idle_cpu_percent"):
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
            "kernel": platform.release(),
            "libraries": {n: version(n) for n in (
                "eventlet", "gevent", "greenlet", "python-socketio", "python-engineio",
                "Flask-SocketIO", "simple-websocket", "SQLAlchemy", "psycopg2-binary", "redis",
                "aiohttp")}}


def row(label, r):
    s = r.get("server", {})
    triple = lambda d: "/".join("-" if d[k] is None else f"{d[k]:g}" for k in ("p50", "p95", "p99"))  # noqa: E731
    return (f"| {label} | {r['joined']}/{r['phones']} | {r['joins_per_second']} | "
            f"{r['join_ms']['p95']} | {triple(r['ack_ms'])} | {triple(r['presenter_ms'])} | "
            f"{r['votes_acked']}/{r['votes_reflected']} | {r['votes_refused']} | "
            f"{s.get('vote_cpu_percent')} | {s.get('idle_cpu_percent')} | "
            f"{s.get('kb_per_phone')} | {r['loadgen_cpu_percent']} | "
            f"{r.get('others_on_server_core_percent', '-')} |")


HEADER = ("| run | joined | joins/s | join p95 ms | ack p50/p95/p99 ms | "
          "presenter p50/p95/p99 ms | acked/reflected | refused | server CPU % voting | "
          "server CPU % idle | server KB/phone | loadgen CPU % | others on server core % |\n"
          "|---|---|---|---|---|---|---|---|---|---|---|---|---|")


def table(results):
    lines = [HEADER]
    for name, r in results:
        label = f"{name}, {r['mode']}, {r['processes']}×{r['database']}"
        lines.append(row(label, r["roundtable"]))
        if "floor" in r:
            lines.append(row(f"↳ floor ({r['mode']})", r["floor"]))
            q = r["ratio"]
            lines.append(f"| ↳ ratio to floor | | ×{q['joins_per_second']} slower | "
                         f"×{q['join_ms']['p95']} | ×{q['ack_ms']['p50']}/{q['ack_ms']['p95']}/"
                         f"{q['ack_ms']['p99']} | ×{q['presenter_ms']['p50']}/"
                         f"{q['presenter_ms']['p95']}/{q['presenter_ms']['p99']} | | | "
                         f"×{q['vote_cpu_percent']} | ×{q['idle_cpu_percent']} | "
                         f"×{q['kb_per_phone']} | | |")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--case", action="append", choices=[*CASES, "all"],
                        help="a named load (default: one-big); 'all' runs one-big, "
                             "many-small and two-processes")
    parser.add_argument("--mode", action="append",
                        choices=("eventlet", "gevent"),
                        help="async runtime (default: both, one after the other)")
    parser.add_argument("--postgres", default=os.environ.get("ROUNDTABLE_BENCH_POSTGRES_URL"),
                        help="PostgreSQL URL: single-process cases use it instead of SQLite; "
                             "two-processes needs it")
    parser.add_argument("--single-db", choices=("sqlite", "postgresql"), default="sqlite",
                        help="database for one-process cases")
    parser.add_argument("--phones", type=int)
    parser.add_argument("--workshops", type=int)
    parser.add_argument("--rate", type=float)
    parser.add_argument("--seconds", type=float)
    parser.add_argument("--join-concurrency", type=int, default=20)
    parser.add_argument("--no-floor", action="store_true")
    parser.add_argument("--profile", help="sample the Roundtable server(s) with py-spy while "
                                          "the phones vote; raw stacks go to "
                                          "PROFILE-<mode>-<pid>.txt")
    parser.add_argument("--json", help="write every result here as JSON")
    parser.add_argument("--nice", type=int, default=0,
                        help="run servers, Redis and the load generator at this priority "
                             "(e.g. -10, as root) so that other jobs on a shared machine "
                             "disturb the measurement less")
    args = parser.parse_args(argv)

    servers.NICE = args.nice
    names = args.case or ["one-big"]
    if "all" in names:
        names = ["one-big", "many-small", "two-processes"]
    modes = args.mode or ["eventlet", "gevent"]
    results = []
    for name in names:
        case = dict(CASES[name])
        for field in ("phones", "workshops", "rate", "seconds"):
            if getattr(args, field) is not None:
                case[field] = getattr(args, field)
        single_pg = args.single_db == "postgresql"
        if single_pg and not args.postgres:
            parser.error("--single-db postgresql needs --postgres URL")
        for mode in modes:
            began = time.monotonic()
            print(f"… {name} under {mode}: {case}", file=sys.stderr, flush=True)
            postgres = args.postgres if (case["processes"] > 1 or single_pg) else None
            outcome = run_case(mode, case["phones"], case["workshops"], case["rate"],
                               case["seconds"], case["processes"], postgres,
                               not args.no_floor, join_concurrency=args.join_concurrency,
                               profile=args.profile)
            outcome["case"], outcome["wall_seconds"] = name, round(time.monotonic() - began)
            results.append((name, outcome))
            print(table([(name, outcome)]), file=sys.stderr, flush=True)
    report = {"machine": {**machine(), "nice": args.nice},
              "results": [r for _n, r in results]}
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1))
    print(json.dumps(report["machine"]))
    print(table(results))


if __name__ == "__main__":
    main()
