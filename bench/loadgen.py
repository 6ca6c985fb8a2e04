"""The load generator: real Socket.IO clients over WebSocket, in a process of its own.

Phones join through the path a phone uses (POST /j/<code>, the redirect to the
participant page, then a Socket.IO connection with the cookie and `sync`), one presenter
per workshop connects first, and the phones vote (`act` add) at a steady random (Poisson)
rate. With `--revealed` the vote's results are shown as they come, so every phone is sent
the totals; without, they stay hidden and no phone may see them. What it measures is
printed as one JSON object (see `summarise`).

    python -m bench.loadgen --url http://127.0.0.1:5000 --phones 2000 --rate 400 \
        --seconds 15 --server-pid 1234

Everything is bounded: each wait has a deadline, the vote schedule has an end, and every
address is on 127.0.0.1 (anything else is refused).
"""
import argparse
import asyncio
import bisect
import gc
import json
import os
import random
import resource
import sys
import time
from urllib.parse import urlsplit

import aiohttp
import socketio

OPTIONS = ["Shared records", "One contact each", "Joint training", "A common form",
           "Weekly huddle", "Named lead"]
DOTS = 20  # the most a dot vote allows each person; the schedule never needs more
ACK_TIMEOUT = 10.0  # seconds for one submission's answer
RETRIES = 5  # a submission answered {retry: true} is sent again (same cid) this often
CONNECT_TIMEOUT = 20.0
SETTLE_TIMEOUT = 30.0  # for presence and the last presenter view to arrive


class Failure(RuntimeError):
    """The run could not go on (setup refused, phones not connecting in time)."""


def loopback_only(url):
    host = urlsplit(url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"refusing to send load to {host}: this tool only targets loopback")
    return url.rstrip("/")


# ---------------------------------------------------------------------- /proc
TICKS = os.sysconf("SC_CLK_TCK")


def proc_sample(pids):
    """CPU seconds (user+system) and resident memory (bytes) of each pid, now."""
    cpu = rss = 0.0
    for pid in pids:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        cpu += (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    rss += int(line.split()[1]) * 1024
    return {"t": time.monotonic(), "cpu": cpu, "rss": rss, "own_cpu": sum(os.times()[:2]),
            "cores": core_busy()}


def core_busy():
    """Busy CPU seconds of each core so far (all processes): to see who else ran."""
    busy = {}
    try:
        with open("/proc/stat") as handle:
            for line in handle:
                if line.startswith("cpu") and line[3].isdigit():
                    name, *values = line.split()
                    values = [int(v) for v in values]
                    busy[int(name[3:])] = (sum(values[:8]) - values[3] - values[4]) / TICKS
    except OSError:
        pass
    return busy


def percentiles(values, points=(50, 95, 99)):
    """Nearest-rank percentiles in milliseconds (None when there are no values)."""
    ordered = sorted(values)
    found = {}
    for point in points:
        if not ordered:
            found[f"p{point}"] = None
            continue
        rank = max(1, -(-point * len(ordered) // 100))
        found[f"p{point}"] = round(ordered[rank - 1] * 1000, 1)
    found["max"] = round(ordered[-1] * 1000, 1) if ordered else None
    return found


# ---------------------------------------------------------------------- screens
class Timeline:
    """When a screen first showed each version: views arrive with the workshop's version,
    and a later view may carry an earlier one (a screen sent nothing in between)."""

    def __init__(self):
        self.times, self.highest = [], []

    def add(self, at, version):
        self.times.append(at)
        self.highest.append(max(version, self.highest[-1] if self.highest else -1))

    @property
    def top(self):
        return self.highest[-1] if self.highest else -1

    def first_reflecting(self, version):
        """When this screen first showed a view of at least `version` (None: never)."""
        position = bisect.bisect_left(self.highest, version)
        return self.times[position] if position < len(self.times) else None


class Presenter:
    """One presenter screen: every `view` it receives, with the time it arrived."""

    def __init__(self, url, code, compress=True):
        self.url, self.code = url, code
        self.sio = client(compress)
        self.arrivals = []  # (monotonic time, version, dots placed, connected)
        self.timeline = Timeline()
        self.changed = asyncio.Event()
        self.sio.on("view", self._on_view)

    def _on_view(self, view):
        try:
            placed = view["activity"]["view"]["dots_placed"]
        except (KeyError, TypeError):
            placed = None
        at, version = time.monotonic(), view.get("version", -1)
        self.arrivals.append((at, version, placed, view.get("workshop", {}).get("connected")))
        self.timeline.add(at, version)
        self.changed.set()

    async def connect(self):
        await self.sio.connect(self.url, auth={"code": self.code, "role": "presenter"},
                               transports=["websocket"], wait_timeout=CONNECT_TIMEOUT)
        answer = await self.sio.call("sync", {}, timeout=ACK_TIMEOUT)
        if not answer.get("ok"):
            raise Failure(f"presenter sync refused: {answer}")
        self.first_view = answer["view"]
        self._on_view(answer["view"])

    def latest(self):
        """The newest view received: the highest version, the last of equals."""
        if not self.arrivals:
            return None
        return max(enumerate(self.arrivals), key=lambda pair: (pair[1][1], pair[0]))[1]

    async def wait_for(self, condition, what, timeout):
        deadline = time.monotonic() + timeout
        while not (self.arrivals and condition(self.latest())):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            self.changed.clear()
            try:
                await asyncio.wait_for(self.changed.wait(), min(remaining, 1.0))
            except TimeoutError:
                pass
        return True



def client(compress):
    """A Socket.IO client over WebSocket; `compress` offers permessage-deflate, as every
    browser does (aiohttp's own default is not to)."""
    options = {"compress": 15} if compress else {}
    return socketio.AsyncClient(reconnection=False, websocket_extra_options=options)


def shows_results(view):
    """Whether a view carries the activity's results (counts, totals, rankings)."""
    activity = view.get("activity") if isinstance(view, dict) else None
    inner = activity.get("view") if isinstance(activity, dict) else None
    return isinstance(inner, dict) and "results" in inner


class Phone:
    def __init__(self, number, url, code, activity_id, observer=False, compress=True):
        self.number, self.url, self.code = number, url, code
        self.activity_id = activity_id
        self.sio = client(compress)
        self.left = DOTS
        self.disconnects = 0
        self.views = 0  # room views received
        self.with_results = 0  # of which carried results
        # An observer keeps when each view came and how large it was: submit->phone.
        self.timeline = Timeline() if observer else None
        self.view_bytes = 0
        self.changed = asyncio.Event()
        self.sio.on("disconnect", self._gone)
        self.sio.on("view", self._on_view)

    def _gone(self, *reason):
        self.disconnects += 1

    def _on_view(self, view):
        self.views += 1
        self.with_results += shows_results(view)
        if self.timeline is not None:
            self.timeline.add(time.monotonic(), view.get("version", -1))
            self.view_bytes += len(json.dumps(view, separators=(",", ":"),
                                              ensure_ascii=False).encode())
            self.changed.set()

    async def wait_for_version(self, version, timeout):
        """Until this observer has shown `version` (False at the deadline)."""
        deadline = time.monotonic() + timeout
        while self.timeline.top < version:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            self.changed.clear()
            try:
                await asyncio.wait_for(self.changed.wait(), min(remaining, 1.0))
            except TimeoutError:
                pass
        return True

    async def join(self, http):
        """POST the join form, follow the redirect with the cookie, connect, sync."""
        async with http.post(f"{self.url}/j/{self.code}", data={"name": "", "organisation": ""},
                             allow_redirects=False) as answer:
            if answer.status != 303:
                raise Failure(f"join answered {answer.status}: {(await answer.text())[:200]}")
            morsel = answer.cookies.get(f"rt_p_{self.code}")
            location = answer.headers.get("Location", f"/j/{self.code}")
        if morsel is None:
            raise Failure("joining set no participant cookie")
        cookie = f"rt_p_{self.code}={morsel.value}"
        page = location if location.startswith("http") else self.url + location
        async with http.get(page, headers={"Cookie": cookie}, allow_redirects=False) as answer:
            if answer.status != 200:
                raise Failure(f"the participant page answered {answer.status}")
            await answer.read()
        await self.sio.connect(self.url, headers={"Cookie": cookie},
                               auth={"code": self.code, "role": "participant"},
                               transports=["websocket"], wait_timeout=CONNECT_TIMEOUT)
        answer = await self.sio.call("sync", {}, timeout=ACK_TIMEOUT)
        if not answer.get("ok"):
            raise Failure(f"sync refused: {answer}")
        self.with_results += shows_results(answer.get("view"))

    async def vote(self, number):
        """One dot on a random option; (ok, answer, retries). Timeouts are answers too."""
        data = {"activity_id": self.activity_id, "action": "add",
                "payload": {"option": random.choice(self.options)},
                "cid": f"b{self.number}-{number}"}
        for attempt in range(RETRIES + 1):
            try:
                answer = await self.sio.call("act", data, timeout=ACK_TIMEOUT)
            except socketio.exceptions.TimeoutError:
                return False, {"error": "no answer in time"}, attempt
            except socketio.exceptions.SocketIOError as exc:
                return False, {"error": f"not sent: {exc}"}, attempt
            if answer.get("ok") or not answer.get("retry") or attempt == RETRIES:
                return bool(answer.get("ok")), answer, attempt
            await asyncio.sleep(0.2 + random.random() * 0.3)  # as live.js, shorter
        raise AssertionError("unreachable")

    async def close(self):
        try:
            await asyncio.wait_for(self.sio.disconnect(), 5)
        except Exception:  # gone already, or the server is slow to say goodbye
            pass


# ---------------------------------------------------------------------- setup
async def roundtable_workshops(http, url, count, revealed):
    """Workshops with a running dot vote, made over the JSON API as a script would; with
    `revealed`, its results are shown to everyone as the votes come."""
    made = []
    for number in range(count):
        async with http.post(f"{url}/api/workshops",
                             json={"title": f"Bench {number + 1}"}) as answer:
            if answer.status != 201:
                raise Failure(f"creating a workshop answered {answer.status}")
            created = await answer.json()
        code, bearer = created["code"], {"Authorization": f"Bearer {created['facilitator_key']}"}
        config = {"prompt": "Which should we do first?", "options": "\n".join(OPTIONS),
                  "dots": DOTS, "hide_results": not revealed}
        async with http.post(f"{url}/api/workshops/{code}/activities", headers=bearer,
                             json={"type": "dotvote", "config": config}) as answer:
            if answer.status != 201:
                raise Failure(f"adding the vote answered {answer.status}: "
                              f"{await answer.text()}")
            activity = (await answer.json())["activity"]
        async with http.post(f"{url}/api/workshops/{code}/control", headers=bearer,
                             json={"command": "start"}) as answer:
            if answer.status != 200:
                raise Failure(f"starting answered {answer.status}")
        made.append({"code": code, "activity_id": activity["id"], "options": None})
    return made


def floor_workshops(count):
    return [{"code": f"FLOOR{n:03d}", "activity_id": 1, "options": ["a", "b", "c"]}
            for n in range(count)]


# ---------------------------------------------------------------------- the run
def start_profilers(prefix, pids, seconds):
    """py-spy sampling each server process for `seconds` (with --profile): while the
    phones are idle, and while they vote."""
    if not prefix:
        return []
    spy = os.path.join(os.path.dirname(sys.executable), "py-spy")
    started = []
    for pid in pids:
        argv = [spy, "record", "--pid", str(pid), "--duration", str(max(1, int(seconds))),
                "--rate", "200", "--format", "raw", "--nonblocking", "--idle",
                "--output", f"{prefix}-{pid}.txt"]
        started.append(asyncio.ensure_future(asyncio.create_subprocess_exec(
            *argv, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)))
    return [Spy(task) for task in started]


async def stop_profilers(profilers):
    for profiler in profilers:  # py-spy stops by itself after its duration
        try:
            await asyncio.wait_for(profiler.wait(), 30)
        except TimeoutError:
            profiler.kill()


class Spy:
    def __init__(self, starting):
        self.starting = starting

    async def wait(self):
        process = await self.starting
        await process.wait()

    def kill(self):
        if self.starting.done():
            self.starting.result().kill()


async def report_progress(join_times, join_errors, total, every=5.0):
    while True:
        await asyncio.sleep(every)
        print(f"  joined {len(join_times)}/{total}, {len(join_errors)} failed", file=sys.stderr,
              flush=True)


async def run(args):
    urls = [loopback_only(u) for u in args.url]
    presenter_url = loopback_only(args.presenter_url or urls[-1])
    pids = args.server_pid
    marks = {}

    def mark(name):
        if pids:
            marks[name] = proc_sample(pids)
        else:
            marks[name] = {"t": time.monotonic(), "own_cpu": sum(os.times()[:2]),
                       "cores": core_busy()}

    jar = aiohttp.DummyCookieJar()  # each phone keeps its own cookie, sent by hand
    connector = aiohttp.TCPConnector(limit=args.join_concurrency * 2)
    async with aiohttp.ClientSession(cookie_jar=jar, connector=connector,
                                     timeout=aiohttp.ClientTimeout(total=30 * args.patience)
                                     ) as http:
        if args.target == "roundtable":
            workshops = await roundtable_workshops(http, urls[0], args.workshops,
                                                   args.revealed)
        else:
            workshops = floor_workshops(args.workshops)

        presenters = [Presenter(presenter_url, w["code"], args.compress) for w in workshops]
        await asyncio.gather(*(p.connect() for p in presenters))
        for room, presenter in zip(workshops, presenters):
            if room["options"] is None:  # the ids the server gave the options
                room["options"] = [o["id"] for o in presenter.first_view["activity"]["view"]
                                   ["options"]]

        phones = []
        every = max(1, args.phones // max(1, args.observers))  # observers, spread evenly
        for number in range(args.phones):
            room = workshops[number % len(workshops)]
            observer = args.observers > 0 and number % every == 0 and \
                number // every < args.observers
            phone = Phone(number, urls[number % len(urls)], room["code"], room["activity_id"],
                          observer, args.compress)
            phone.options, phone.room = room["options"], number % len(workshops)
            phones.append(phone)

        # ---- joining
        mark("before_join")
        gate = asyncio.Semaphore(args.join_concurrency)
        join_times, join_errors = [], []

        async def join(phone):
            async with gate:
                started = time.monotonic()
                try:
                    await asyncio.wait_for(phone.join(http), CONNECT_TIMEOUT + ACK_TIMEOUT)
                except Exception as exc:  # counted and reported; the run goes on
                    join_errors.append(f"{type(exc).__name__}: {exc}"[:200])
                    return
                join_times.append(time.monotonic() - started)

        began = time.monotonic()
        joining = [asyncio.ensure_future(join(p)) for p in phones]
        progress = asyncio.ensure_future(report_progress(join_times, join_errors, len(phones)))
        _done, late = await asyncio.wait(joining, timeout=args.join_deadline)
        for task in late:  # still joining at the deadline: counted as not joined
            task.cancel()
        if late:
            await asyncio.wait(late, timeout=10)
            join_errors.append(f"{len(late)} phones still joining after {args.join_deadline}s")
        progress.cancel()
        join_seconds = time.monotonic() - began
        mark("joined")
        joined = [p for p in phones if p.sio.connected]

        # Every presenter counts its phones as connected (presence, from any process).
        expected = [sum(1 for p in joined if p.room == i) for i in range(len(workshops))]
        presence_ok = all(await asyncio.gather(*(
            p.wait_for(lambda v, n=n: v[3] == n, "presence", SETTLE_TIMEOUT)
            for p, n in zip(presenters, expected))))

        # ---- idle: what connected phones cost with nothing happening
        idle_profilers = start_profilers(args.profile and f"{args.profile}-idle", pids,
                                         args.idle_seconds)
        mark("idle_start")  # measuring windows, not waits for a result: its two halves
        await asyncio.sleep(args.idle_seconds / 2)
        mark("idle_mid")
        await asyncio.sleep(args.idle_seconds / 2)
        mark("idle_end")
        await stop_profilers(idle_profilers)

        # ---- voting: open loop, Poisson arrivals at `rate`
        votes, lags = [], []
        tasks = set()
        rng = random.Random(args.seed)
        spare = list(joined)

        async def one_vote(phone, number):
            started = time.monotonic()
            ok, answer, retries = await phone.vote(number)
            finished = time.monotonic()
            own = answer.get("own") if isinstance(answer, dict) else None
            votes.append({"room": phone.room, "sent": started, "acked": finished, "ok": ok,
                          "retries": retries, "error": None if ok else answer.get("error"),
                          "version": own.get("version") if isinstance(own, dict) else None})

        # The load generator's own pauses must not count against the server: its
        # 2,000 clients are long-lived objects, so move them out of the collector's
        # way and do not collect during the voting window (it is short and bounded).
        gc.collect()
        gc.freeze()
        gc.disable()
        profilers = start_profilers(args.profile, pids, args.seconds)
        views_before = sum(p.views for p in joined)
        mark("vote_start")
        start = time.monotonic()
        due, number = start, 0
        end = start + args.seconds
        while spare:
            due += rng.expovariate(args.rate)
            if due >= end:
                break
            delay = due - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            lags.append(max(0.0, time.monotonic() - due))
            phone = spare[rng.randrange(len(spare))]
            phone.left -= 1
            if phone.left <= 0:
                spare.remove(phone)
            number += 1
            task = asyncio.ensure_future(one_vote(phone, number))
            tasks.add(task)
            task.add_done_callback(tasks.discard)
        remaining = end - time.monotonic()
        if remaining > 0:
            await asyncio.sleep(remaining)
        mark("vote_end")
        phone_views = sum(p.views for p in joined) - views_before
        gc.enable()
        await stop_profilers(profilers)
        if tasks:  # each is bounded by ACK_TIMEOUT times (RETRIES + 1)
            await asyncio.wait(set(tasks), timeout=ACK_TIMEOUT * (RETRIES + 2))

        # ---- settling: each presenter's total reaches what was acknowledged
        acked_per_room = [0] * len(workshops)
        for vote in votes:
            if vote["ok"]:
                acked_per_room[vote["room"]] += 1
        settled = await asyncio.gather(*(
            p.wait_for(lambda v, n=n: v[2] is not None and v[2] >= n, "totals",
                       SETTLE_TIMEOUT)
            for p, n in zip(presenters, acked_per_room)))
        observers = [p for p in joined if p.timeline is not None]
        if args.revealed:  # and every observing phone shows its room's last vote
            last = [max((v["version"] for v in votes if v["ok"] and v["room"] == room
                         and v["version"] is not None), default=-1)
                    for room in range(len(workshops))]
            settled += await asyncio.gather(*(
                p.wait_for_version(last[p.room], SETTLE_TIMEOUT) for p in observers))
        mark("settled")

        reflected_per_room = [p.latest()[2] or 0 for p in presenters]
        disconnects = sum(p.disconnects for p in joined)
        await asyncio.gather(*(p.close() for p in phones))
        for presenter in presenters:
            try:
                await asyncio.wait_for(presenter.sio.disconnect(), 5)
            except Exception:
                pass
        mark("closed")

    result = summarise(args, marks, join_times, join_errors, join_seconds, joined, presence_ok,
                       votes, lags, presenters, acked_per_room, reflected_per_room, settled,
                       disconnects, number)
    result.update(phone_figures(args, votes, joined, observers, phone_views,
                                marks["vote_end"]["t"] - marks["vote_start"]["t"]))
    return result


def phone_figures(args, votes, joined, observers, phone_views, window):
    """What the phones were sent: how often, how large, how soon after a vote (each
    acknowledged vote against each observing phone of its workshop: when that phone first
    showed a view at least as new), and whether any saw results it must not."""
    to_phone, never = [], 0
    if args.revealed:
        by_room = {}
        for phone in observers:
            by_room.setdefault(phone.room, []).append(phone)
        for vote in votes:
            if not vote["ok"] or vote["version"] is None:
                continue
            for phone in by_room.get(vote["room"], ()):
                seen = phone.timeline.first_reflecting(vote["version"])
                if seen is None:
                    never += 1
                else:
                    to_phone.append(max(0.0, seen - vote["sent"]))
    received = sum(len(p.timeline.times) for p in observers)
    return {
        "revealed": args.revealed,
        "observers": len(observers),
        "phone_ms": percentiles(to_phone),
        "acked_never_seen_by_phone": never,
        "phone_views_per_second": round(phone_views / max(1, len(joined)) / window, 2)
        if window else None,
        "phone_view_bytes": round(sum(p.view_bytes for p in observers) / received)
        if received else None,
        "phones_shown_results": sum(1 for p in joined if p.with_results),
    }


def summarise(args, marks, join_times, join_errors, join_seconds, joined, presence_ok, votes,
              lags, presenters, acked_per_room, reflected_per_room, settled, disconnects,
              planned):
    acked = [v for v in votes if v["ok"]]
    to_presenter, never = [], 0
    for vote in acked:
        if vote["version"] is None:
            never += 1
            continue
        seen = presenters[vote["room"]].timeline.first_reflecting(vote["version"])
        if seen is None:
            never += 1
        else:
            to_presenter.append(max(0.0, seen - vote["sent"]))
    errors = {}
    for vote in votes:
        if not vote["ok"]:
            errors[vote["error"]] = errors.get(vote["error"], 0) + 1
    result = {
        "target": args.target,
        "phones": args.phones,
        "workshops": args.workshops,
        "rate": args.rate,
        "seconds": args.seconds,
        "join_concurrency": args.join_concurrency,
        "joined": len(joined),
        "join_errors": join_errors[:10],
        "not_joined": args.phones - len(joined),
        "joins_per_second": round(len(join_times) / join_seconds, 1) if join_seconds else None,
        "join_ms": percentiles(join_times),
        "presence_ok": presence_ok,
        "votes_planned": planned,
        "votes_sent": len(votes),
        "votes_acked": len(acked),
        "votes_refused": len(votes) - len(acked),
        "refusals": errors,
        "retries": sum(v["retries"] for v in votes),
        "acked_per_workshop": acked_per_room,
        "reflected_per_workshop": reflected_per_room,
        "votes_reflected": sum(reflected_per_room),
        "all_settled": all(settled),
        "acked_never_seen_by_presenter": never,
        "ack_ms": percentiles([v["acked"] - v["sent"] for v in acked]),
        "presenter_ms": percentiles(to_presenter),
        "schedule_lag_ms": percentiles(lags),
        "phone_disconnects": disconnects,
        "presenter_views": sum(len(p.arrivals) for p in presenters),
    }
    window = marks["vote_end"]["t"] - marks["vote_start"]["t"]
    names = list(marks)
    result["phase_seconds"] = {b: round(marks[b]["t"] - marks[a]["t"], 2)
                               for a, b in zip(names, names[1:])}
    joining = marks["joined"]["t"] - marks["before_join"]["t"]
    result["loadgen_join_cpu_percent"] = round(
        100 * (marks["joined"]["own_cpu"] - marks["before_join"]["own_cpu"]) / joining, 1)
    result["achieved_rate"] = round(len(votes) / window, 1) if window else None
    result["loadgen_cpu_percent"] = round(
        100 * (marks["vote_end"]["own_cpu"] - marks["vote_start"]["own_cpu"]) / window, 1)
    # Everything else that ran on each core while the phones voted (other programs on a
    # shared machine distort the figures; this says by how much).
    start_cores, end_cores = marks["vote_start"]["cores"], marks["vote_end"]["cores"]
    result["core_busy_percent"] = {core: round(100 * (end_cores[core] - start_cores[core]) /
                                               window, 1) for core in end_cores}
    if args.cpu is not None and args.cpu in end_cores:
        result["others_on_loadgen_core_percent"] = round(
            result["core_busy_percent"][args.cpu] - result["loadgen_cpu_percent"], 1)
    if args.server_cpu is not None and "rss" in marks["joined"] and \
            args.server_cpu in end_cores:
        server_cpu = 100 * (marks["vote_end"]["cpu"] - marks["vote_start"]["cpu"]) / window
        result["others_on_server_core_percent"] = round(
            result["core_busy_percent"][args.server_cpu] - server_cpu, 1)
    if "rss" in marks["joined"]:
        idle = marks["idle_end"]["t"] - marks["idle_start"]["t"]
        result["server"] = {
            "rss_before_join_mb": round(marks["before_join"]["rss"] / 2**20, 1),
            "rss_joined_mb": round(marks["joined"]["rss"] / 2**20, 1),
            "rss_end_mb": round(marks["settled"]["rss"] / 2**20, 1),
            "kb_per_phone": round((marks["joined"]["rss"] - marks["before_join"]["rss"])
                                  / 1024 / max(1, len(joined)), 1),
            "join_cpu_percent": round(100 * (marks["joined"]["cpu"] -
                                             marks["before_join"]["cpu"]) /
                                      max(1e-9, marks["joined"]["t"] -
                                          marks["before_join"]["t"]), 1),
            "idle_cpu_percent": round(100 * (marks["idle_end"]["cpu"] -
                                             marks["idle_start"]["cpu"]) / idle, 1)
            if idle else None,
            # The second half alone: the first carries what joining left to do (for
            # Roundtable, the collector's full collection once the joins stop).
            "idle_late_cpu_percent": round(100 * (marks["idle_end"]["cpu"] -
                                                  marks["idle_mid"]["cpu"]) / (idle / 2), 1)
            if idle else None,
            "vote_cpu_percent": round(100 * (marks["vote_end"]["cpu"] -
                                             marks["vote_start"]["cpu"]) / window, 1),
            "cpu_ms_per_vote": round(1000 * (marks["vote_end"]["cpu"] -
                                             marks["vote_start"]["cpu"]) /
                                     max(1, len(votes)), 2),
        }
    return result


def problems(result):
    """What went wrong in a run, in words (empty: nothing lost, nothing refused, every
    acknowledged vote shown exactly once on its workshop's presenter)."""
    found = []
    if result["joined"] != result["phones"]:
        found.append(f"{result['phones'] - result['joined']} phones did not join: "
                     f"{result['join_errors']}")
    if not result["presence_ok"]:
        found.append("a presenter never counted every phone as connected")
    if result["votes_sent"] != result["votes_planned"] or not result["votes_planned"]:
        found.append(f"{result['votes_sent']} votes sent of {result['votes_planned']} planned")
    if result["votes_acked"] != result["votes_sent"]:
        found.append(f"{result['votes_sent'] - result['votes_acked']} votes not acknowledged: "
                     f"{result['refusals']}")
    if result["reflected_per_workshop"] != result["acked_per_workshop"]:
        found.append(f"presenters show {result['reflected_per_workshop']} votes, "
                     f"{result['acked_per_workshop']} were acknowledged")
    if not result["all_settled"]:
        found.append("a presenter never reached its acknowledged total")
    if result["acked_never_seen_by_presenter"]:
        found.append(f"{result['acked_never_seen_by_presenter']} acknowledged votes never "
                     "reached a presenter")
    if len(result["acked_per_workshop"]) != result["workshops"]:
        found.append("a workshop is missing from the results")
    if result["phone_disconnects"]:
        found.append(f"{result['phone_disconnects']} phones were disconnected")
    if result["acked_never_seen_by_phone"]:
        found.append(f"{result['acked_never_seen_by_phone']} times an observing phone never "
                     "showed an acknowledged vote")
    if not result["revealed"] and result["phones_shown_results"]:
        found.append(f"{result['phones_shown_results']} phones were shown hidden results")
    if result["revealed"] and result["phones_shown_results"] < result["joined"]:
        found.append(f"only {result['phones_shown_results']} of {result['joined']} phones "
                     "were shown the revealed results")
    return found


def parse(argv=None):
    parser = argparse.ArgumentParser(description="Real Socket.IO phones voting at a rate.")
    parser.add_argument("--url", action="append", required=True,
                        help="a server; give it twice or more to spread phones over them")
    parser.add_argument("--presenter-url", help="where the presenters connect (default: "
                                                "the last --url)")
    parser.add_argument("--target", choices=("roundtable", "floor"), default="roundtable")
    parser.add_argument("--phones", type=int, default=50)
    parser.add_argument("--workshops", type=int, default=1)
    parser.add_argument("--rate", type=float, default=20.0, help="votes a second, in all")
    parser.add_argument("--seconds", type=float, default=3.0, help="how long phones vote")
    parser.add_argument("--join-concurrency", type=int, default=20)
    parser.add_argument("--join-deadline", type=float, default=120.0,
                        help="phones not joined by then are counted as failed")
    parser.add_argument("--patience", type=float, default=1.0,
                        help="multiplies every wait for an answer, a connection or a view "
                             "(a test of correctness on a busy machine: 3)")
    parser.add_argument("--idle-seconds", type=float, default=2.0)
    parser.add_argument("--server-pid", type=int, action="append", default=[])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--revealed", action="store_true",
                        help="show the vote's results as they come: every phone gets totals")
    parser.add_argument("--observers", type=int, default=100,
                        help="phones that time each view they receive (submit->phone)")
    parser.add_argument("--no-compress", dest="compress", action="store_false",
                        help="do not offer permessage-deflate (browsers do)")
    parser.add_argument("--profile", help="py-spy each server while voting: raw stacks go "
                                          "to PROFILE-<pid>.txt (and while idle, to "
                                          "PROFILE-idle-<pid>.txt)")
    parser.add_argument("--cpu", type=int, help="pin this process to one core")
    parser.add_argument("--server-cpu", type=int, help="the core the servers are pinned to "
                                                       "(to tell what else ran there)")
    args = parser.parse_args(argv)
    if not 1 <= args.phones <= 20000 or not 1 <= args.workshops <= args.phones:
        parser.error("phones: 1 to 20,000, workshops: 1 to phones")
    if not 0 < args.rate <= 5000 or not 0 < args.seconds <= 600:
        parser.error("rate: up to 5,000 a second; seconds: up to 600")
    if not 1 <= args.patience <= 10:
        parser.error("patience: 1 to 10")
    return args


def main(argv=None):
    global ACK_TIMEOUT, CONNECT_TIMEOUT, SETTLE_TIMEOUT
    args = parse(argv)
    ACK_TIMEOUT, CONNECT_TIMEOUT, SETTLE_TIMEOUT = (
        t * args.patience for t in (ACK_TIMEOUT, CONNECT_TIMEOUT, SETTLE_TIMEOUT))
    if args.cpu is not None and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {args.cpu})
    # One socket per phone: from the usual soft limit of 1,024 open files to the hard one.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    result = asyncio.run(run(args))
    result["problems"] = problems(result)
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
