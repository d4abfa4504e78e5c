"""The paged walk, timed and checked the same way in every service harness.

A client walks a collection of ``total`` items in pages of ``limit``,
consuming it as its library offers (a generator where it has one, its own
``limit``/``marker`` loop where it has none) and reading ``id`` and
``name`` of every item inside the timed section. :func:`walk` measures
client CPU and wall per item and peak RSS growth, and checks the count,
the first and last items, and that the server really was asked for pages.
A harness may give the walk a time budget, for clients too slow to walk
the whole collection in a run: they stop at the end of a page.
"""

from __future__ import annotations

import gc
import itertools
import time
from collections.abc import Callable, Iterator
from typing import Any

from benchmarks.clients.scenarios import current_rss_kib, peak_rss_kib

__all__ = ["walk"]

#: The warm-up walks a few items on tiny pages: imports, auth and the paging path.
WARMUP_LIMIT = 2
WARMUP_ITEMS = 5

Row = tuple[str, str]


def _close(items: Iterator[Any]) -> None:
    close = getattr(items, "close", None)
    if close is not None:
        close()


def walk(
    rows: Callable[[int], Iterator[Row]],
    params: dict[str, Any],
    expected: Callable[[int], Row],
    page_requests: Callable[[], int],
) -> dict[str, Any]:
    """Walk ``rows(params["limit"])`` once after a warm-up; figures and counters.

    ``rows(limit)`` yields ``(id, name)`` of each item as the caller reads
    it, fetching pages as they are consumed; ``expected(index)`` is the
    ``(id, name)`` of item ``index``; ``page_requests()`` is the server's
    count of list requests so far (read outside the timing). Given
    ``params["walk_budget_s"]``, the walk stops at the end of the first
    page that ends after the budget is spent, two pages at least; ``items``
    says how many it walked and ``partial`` whether that is fewer than
    ``params["total"]``. Checked: every item, or whole pages of them when
    the budget stopped the walk; the first and last of them; at least one
    list request per page walked. Peak RSS growth is ``ru_maxrss`` after
    the walk minus the current RSS before it.
    """
    total, limit = params["total"], params["limit"]
    warm = rows(WARMUP_LIMIT)
    for _ in itertools.islice(warm, WARMUP_ITEMS):
        pass
    _close(warm)
    del warm
    gc.collect()
    budget = params.get("walk_budget_s")
    before = page_requests()
    rss_before, peak_before = current_rss_kib(), peak_rss_kib()
    count, first, last, stopped = 0, None, None, False
    boundary = 2 * limit if budget is not None else -1  # the next page end to look at the clock
    cpu, wall = time.process_time(), time.perf_counter()
    deadline = wall + (budget or 0.0)
    items = rows(limit)
    for last in items:
        if first is None:
            first = last
        count += 1
        if count == boundary:
            if time.perf_counter() > deadline:
                stopped = True
                break
            boundary += limit
    _close(items)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    peak_after = peak_rss_kib()
    requests = page_requests() - before
    whole = count == total or (stopped and count < total)
    if not whole or (first, last) != (expected(0), expected(count - 1)):
        raise AssertionError(
            "walked %d of %d items from %r to %r, expected %r to %r"
            % (count, total, first, last, expected(0), expected(max(count, 1) - 1))
        )
    pages = -(-count // limit)
    if requests < pages:
        raise AssertionError("%d list requests for %d pages: not paged" % (requests, pages))
    return {
        "cpu_us_per_item": cpu / count * 1e6,
        "wall_us_per_item": wall / count * 1e6,
        "cpu_s": cpu,
        "wall_s": wall,
        "rss_growth_mib": max(peak_after - rss_before, 0) / 1024,
        "items": count,
        "partial": int(count < total),
        "page_requests": requests,
        "rss_before_kib": rss_before,
        "peak_before_kib": peak_before,
        "peak_after_kib": peak_after,
    }
