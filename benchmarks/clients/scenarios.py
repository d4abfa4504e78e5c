"""The measured scenarios, written once against :class:`~benchmarks.clients.base.Adapter`.

Each function runs in a fresh runner process, authenticates and warms up
first, then times the steady state.  Every returned object is used: the
caller reads ``id`` and ``name`` of each item, inside the timed section.
Server counters are read through :mod:`benchmarks.control`, outside it.
"""

from __future__ import annotations

import gc
import itertools
import json
import logging
import os
import resource
import statistics
import sys
import threading
import time
import types
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from benchmarks import control, documents
from benchmarks.clients.base import Adapter

Params = dict[str, Any]
Result = dict[str, Any]
WARMUP_PAGE = 2
WARMUP_ITEMS = 5
EXPIRY_SLACK = 0.3


def auth_url(params: Params) -> str:
    """Return the v3 auth URL of the collection of ``params['total']`` projects."""
    return f"{params['server']}/c/{params['total']}/v3"


def peak_rss_kib() -> int:
    """Return this process's peak RSS in KiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


def current_rss_kib() -> int:
    """Return this process's current RSS in KiB (peak where not available)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[1])
    except (OSError, ValueError, IndexError):
        return peak_rss_kib()
    return pages * os.sysconf("SC_PAGE_SIZE") // 1024


def touch(adapter: Adapter, items: Iterable[Any]) -> int:
    """Use every object as a caller would: read its id and name; count them."""
    count = 0
    for item in items:
        adapter.item_id(item)
        adapter.item_name(item)
        count += 1
    return count


def check_list(adapter: Adapter, items: Any, total: int) -> None:
    """Fail unless ``items`` is the whole collection of ``total`` projects."""
    found = len(items)
    if found != total:
        raise AssertionError(f"expected {total} projects, got {found}")
    if total and adapter.item_id(items[0]) != documents.project_id(0):
        raise AssertionError("first project has the wrong id")
    if total and adapter.item_id(items[-1]) != documents.project_id(total - 1):
        raise AssertionError("last project has the wrong id")


def timed(call: Callable[[], object], params: Params) -> tuple[float, float, int]:
    """Time ``call``: ``calls`` times, or fewer once ``budget_s`` has passed.

    At least ``min_calls`` calls always run.  Returns (CPU s, wall s) per
    call and the number of calls, so slow clients stay within the round's
    time without measuring anything but the same call.
    """
    most, least = params["calls"], min(params["min_calls"], params["calls"])
    deadline = time.perf_counter() + params["budget_s"]
    count = 0
    cpu, wall = time.process_time(), time.perf_counter()
    while count < most and (count < least or time.perf_counter() < deadline):
        call()
        count += 1
    return (time.process_time() - cpu) / count, (time.perf_counter() - wall) / count, count


#: What a runner in lockstep prints when it is ready for a block, and after each one.
LOCKSTEP_READY = "LOCKSTEP-READY"
LOCKSTEP_DONE = "LOCKSTEP-DONE"


def _add(total: dict[str, int], more: dict[str, int]) -> None:
    for key, value in more.items():
        total[key] = total.get(key, 0) + value


def lockstep_timed(
    call: Callable[[], object], params: Params
) -> tuple[float, float, int, dict[str, int]]:
    """:func:`timed` in short blocks that the harness starts one client at a time.

    The harness keeps every client's runner alive and asks each in turn
    for a block (``block`` on stdin; this prints :data:`LOCKSTEP_DONE`
    after it), so the clients alternate every few milliseconds and a slow
    spell of the machine falls on all of them alike. A block is
    ``block_calls`` calls, or fewer once ``block_budget_s`` has passed
    (never none). Returns the median over blocks of CPU and wall time per
    call, the number of calls, and the server's counters summed over the
    blocks (read between blocks, when no other client is sending).
    """
    cpu_per_call: list[float] = []
    wall_per_call: list[float] = []
    seen: dict[str, int] = {}
    calls = 0
    print(LOCKSTEP_READY, flush=True)
    for line in sys.stdin:
        if line.strip() != "block":
            break
        before = control.stats(params["server"])
        most, deadline = params["block_calls"], time.perf_counter() + params["block_budget_s"]
        count = 0
        cpu, wall = time.process_time(), time.perf_counter()
        while count < most and (count < 1 or time.perf_counter() < deadline):
            call()
            count += 1
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        _add(seen, server_counters(params, before))
        cpu_per_call.append(cpu / count)
        wall_per_call.append(wall / count)
        calls += count
        print(LOCKSTEP_DONE, flush=True)
    if not calls:
        raise RuntimeError("the harness asked for no block")
    return statistics.median(cpu_per_call), statistics.median(wall_per_call), calls, seen


def warm(call: Callable[[], object], params: Params) -> None:
    """Run ``call`` ``warmup`` times, or fewer after a quarter of the budget."""
    deadline = time.perf_counter() + params["budget_s"] / 4
    for _ in range(params["warmup"]):
        call()
        if time.perf_counter() > deadline:
            return


def server_counters(params: Params, before: dict[str, int]) -> dict[str, int]:
    """Counters the server saw since ``before``."""
    return control.diff(control.stats(params["server"]), before)


def list_projects(adapter: Adapter, params: Params) -> Result:
    """Scenarios 1 and 2: ``projects.list()`` of ``total`` items, ``calls`` times."""
    adapter.connect()
    start = control.stats(params["server"])
    check_list(adapter, adapter.list_projects(), params["total"])
    warm(lambda: touch(adapter, adapter.list_projects()), params)
    if params.get("lockstep"):
        cpu, wall, calls, seen = lockstep_timed(
            lambda: touch(adapter, adapter.list_projects()), params
        )
    else:
        before = control.stats(params["server"])
        cpu, wall, calls = timed(lambda: touch(adapter, adapter.list_projects()), params)
        seen = server_counters(params, before)
    return {
        "metrics": {"cpu_us": cpu * 1e6, "wall_us": wall * 1e6},
        "counters": {
            "auth_requests": control.auth_count(server_counters(params, start)),
            "auth_requests_timed": control.auth_count(seen),
            "server_requests_timed": seen["requests"],
            "calls": calls,
            "errors": 0,
        },
    }


def touch_until(adapter: Adapter, items: Iterator[Any], deadline: float, every: int) -> int:
    """:func:`touch` that stops at a page boundary once ``deadline`` has passed.

    Items are read by the same loop as a list's (:func:`touch`), ``every``
    at a time, and the clock is read once per page: a test on every item
    would add the harness's own cost to the walk's CPU per item, which is
    compared with a list's.
    """
    count = 0
    while True:
        done = touch(adapter, itertools.islice(items, every))
        count += done
        if done < every or time.perf_counter() > deadline:
            return count


def _close(iterator: Iterator[Any]) -> None:
    close = getattr(iterator, "close", None)
    if close is not None:
        close()


def _warm_pages(adapter: Adapter) -> None:
    """Authenticate and exercise the paging path on tiny pages."""
    pages = adapter.iterate_projects(WARMUP_PAGE)
    touch(adapter, itertools.islice(pages, WARMUP_ITEMS))
    _close(pages)
    gc.collect()


def walk(adapter: Adapter, params: Params) -> Result:
    """Scenario 3: consume ``total`` items in ``limit``-item pages as a generator."""
    adapter.connect()
    _warm_pages(adapter)
    rss_before, peak_before = current_rss_kib(), peak_rss_kib()
    before = control.stats(params["server"])
    cpu, wall = time.process_time(), time.perf_counter()
    pages = adapter.iterate_projects(params["limit"])
    count = touch_until(adapter, pages, wall + params["walk_budget_s"], params["limit"])
    _close(pages)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    peak_after = peak_rss_kib()
    seen = server_counters(params, before)
    partial = count < params["total"]
    if count > params["total"] or (partial and count % params["limit"]):
        raise AssertionError(f"expected {params['total']} projects, got {count}")
    return {
        "metrics": {
            "cpu_us_per_item": cpu / count * 1e6,
            "wall_us_per_item": wall / count * 1e6,
            "cpu_s": cpu,
            "wall_s": wall,
            "rss_growth_kib": max(peak_after - rss_before, 0),
        },
        "counters": {
            "items": count,
            "partial": int(partial),
            "page_requests": seen["projects_list"],
            "auth_requests_timed": control.auth_count(seen),
            "rss_before_kib": rss_before,
            "peak_before_kib": peak_before,
            "peak_after_kib": peak_after,
            "errors": 0,
        },
    }


def page_size(adapter: Adapter, params: Params) -> Result:
    """Scenario 3, second process: RSS growth for holding one page of objects."""
    adapter.connect()
    _warm_pages(adapter)
    rss_before = current_rss_kib()
    pages = adapter.iterate_projects(params["limit"])
    items = list(itertools.islice(pages, params["limit"]))
    _close(pages)
    count = touch(adapter, items)
    peak_after = peak_rss_kib()
    if count != params["limit"]:
        raise AssertionError(f"expected {params['limit']} projects, got {count}")
    return {
        "metrics": {"page_kib": max(peak_after - rss_before, 1)},
        "counters": {"items": count, "rss_before_kib": rss_before, "errors": 0},
    }


def get_create(adapter: Adapter, params: Params) -> Result:
    """Scenario 4: ``projects.get(id)`` and ``projects.create(...)``, timed apart."""
    adapter.connect()
    wanted = documents.project_id(params["total"] // 2)
    if adapter.item_id(adapter.get_project(wanted)) != wanted:
        raise AssertionError("get returned the wrong project")
    names = (f"bench-{number}" for number in itertools.count())
    if adapter.item_name(adapter.create_project("bench-check")) != "bench-check":
        raise AssertionError("create did not echo the name")
    warm(
        lambda: touch(adapter, [adapter.get_project(wanted), adapter.create_project(next(names))]),
        params,
    )
    before = control.stats(params["server"])
    get_cpu, get_wall, gets = timed(lambda: touch(adapter, [adapter.get_project(wanted)]), params)
    new_cpu, new_wall, creates = timed(
        lambda: touch(adapter, [adapter.create_project(next(names))]), params
    )
    seen = server_counters(params, before)
    return {
        "metrics": {
            "get_cpu_us": get_cpu * 1e6,
            "get_wall_us": get_wall * 1e6,
            "create_cpu_us": new_cpu * 1e6,
            "create_wall_us": new_wall * 1e6,
        },
        "counters": {
            "auth_requests_timed": control.auth_count(seen),
            "server_requests_timed": seen["requests"],
            "calls": gets + creates,
            "errors": 0,
        },
    }


def save_auth(adapter: Adapter, params: Params) -> Result:
    """Scenario 5a, first process: authenticate and store the auth state."""
    adapter.connect()
    check_list(adapter, adapter.list_projects(), params["total"])
    state = adapter.auth_state()
    with open(params["state_file"], "w", encoding="utf-8") as stored:
        stored.write(state)
    return {"metrics": {}, "counters": {"state_bytes": len(state.encode()), "errors": 0}}


def restore_auth(adapter: Adapter, params: Params) -> Result:
    """Scenario 5a, second process: a new client from the stored state, one list."""
    with open(params["state_file"], encoding="utf-8") as stored:
        state = stored.read()
    before = control.stats(params["server"])
    cpu, wall = time.process_time(), time.perf_counter()
    adapter.connect_from_state(state)
    items = adapter.list_projects()
    touch(adapter, items)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    seen = server_counters(params, before)
    check_list(adapter, items, params["total"])
    return {
        "metrics": {"restore_cpu_ms": cpu * 1e3, "restore_wall_ms": wall * 1e3},
        "counters": {
            "auth_requests": control.auth_count(seen),
            "server_requests": seen["requests"],
            "discovery_requests": seen["discovery"],
            "errors": 0,
        },
    }


def _short_token_client(adapter: Adapter, params: Params) -> float:
    """Connect with a token that lives ``short_ttl`` s; return when it was issued."""
    control.set_token_ttl(params["server"], params["short_ttl"])
    try:
        adapter.connect()
        check_list(adapter, adapter.list_projects(), params["total"])
        return time.time()
    finally:
        control.set_token_ttl(params["server"], params["long_ttl"])


def _burst(adapter: Adapter, threads: int, total: int) -> list[str]:
    """``threads`` threads call list() at once on the shared client; return errors."""
    errors: list[str] = []
    barrier = threading.Barrier(threads)

    def worker() -> None:
        barrier.wait()
        try:
            items = adapter.list_projects()
            if touch(adapter, items) != total:
                errors.append("short list")
        except Exception as exc:  # noqa: BLE001 - counted, reported
            errors.append(f"{type(exc).__name__}: {exc}"[:200])

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(timeout=120)
    return errors


def expiry(adapter: Adapter, params: Params) -> Result:
    """Scenario 5b: ``threads`` threads share one client right after its token expired."""
    issued = _short_token_client(adapter, params)
    time.sleep(max(0.0, issued + params["short_ttl"] + EXPIRY_SLACK - time.time()))
    before = control.stats(params["server"])
    wall = time.perf_counter()
    errors = _burst(adapter, params["threads"], params["total"])
    wall = time.perf_counter() - wall
    seen = server_counters(params, before)
    return {
        "metrics": {"burst_wall_ms": wall * 1e3},
        "counters": {
            "auth_requests": control.auth_count(seen),
            "unauthorized": seen["unauthorized"],
            "errors": len(errors),
            "threads": params["threads"],
        },
        "info": {"first_errors": errors[:3]},
    }


#: Part of every password the scenario-8 error body quotes.
PASSWORD_MARK = "not-for-logs"


class _DebugSink(logging.Handler):
    """Formats every record, as a real handler would, and remembers only what matters."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records = 0
        self.leaked = False

    def emit(self, record: logging.LogRecord) -> None:
        text = self.format(record)
        self.records += 1
        self.leaked = self.leaked or PASSWORD_MARK in text


def _error_body(params: Params) -> bytes:
    """The bytes of the scenario-8 answer, fetched with the standard library."""
    url = auth_url(params) + "/users"
    request = urllib.request.Request(url, data=b"{}", method="POST")
    try:
        with urllib.request.urlopen(request, timeout=60) as resp:  # noqa: S310 - loopback
            return resp.read()  # type: ignore[no-any-return]
    except urllib.error.HTTPError as error:
        return error.read()  # type: ignore[no-any-return]


def error_body(adapter: Adapter, params: Params) -> Result:
    """Scenario 8: a create refused with an 8 MiB error body that quotes passwords.

    Debug logging is on for every library (the root logger at DEBUG, each
    record formatted), as when a user turns it on to see what went wrong;
    the call must end in the library's error. Timed per call next to the
    standard library's ``json.loads`` of the same body in the same process.
    """
    adapter.connect()
    adapter.list_projects()  # authenticated before the timing
    body = _error_body(params)
    sink, root = _DebugSink(), logging.getLogger()
    level = root.level
    root.addHandler(sink)
    root.setLevel(logging.DEBUG)

    def refused() -> None:
        try:
            adapter.create_user("bench-user", "bench-pw-" + PASSWORD_MARK)
        except Exception:  # noqa: BLE001 - each library raises its own error
            return
        raise AssertionError("the server refused the user, but the call returned")

    try:
        warm(refused, params)
        cpu, wall, calls = timed(refused, params)
    finally:
        root.removeHandler(sink)
        root.setLevel(level)
    loads_cpu, _, _ = timed(lambda: json.loads(body), params)
    return {
        "metrics": {
            "cpu_ms": cpu * 1e3,
            "wall_ms": wall * 1e3,
            "json_loads_ms": loads_cpu * 1e3,
            "json_ratio": cpu / loads_cpu,
        },
        "counters": {"calls": calls, "body_bytes": len(body), "password_logged": int(sink.leaked)},
    }


SCENARIOS: types.MappingProxyType[str, Callable[[Adapter, Params], Result]] = (
    types.MappingProxyType(
        {
            "list": list_projects,
            "walk": walk,
            "page": page_size,
            "get-create": get_create,
            "save-auth": save_auth,
            "restore-auth": restore_auth,
            "expiry": expiry,
            "error-body": error_body,
        }
    )
)
