"""Account and container listings: every page, as a generator.

Swift pages by ``marker``: the next page starts after the last name seen
(the last ``subdir`` with a ``delimiter``). There are no next links, so
the walk stops on an empty page, on a page shorter than the page size it
asked for, or -- when a server answers a marker with the same page again
-- on a marker it has already sent.
"""

from __future__ import annotations

import itertools
import typing as _t
import urllib.parse

from stackclient import _jsonutils
from stackclient.apiclient import _resource, _responses
from stackclient.object_store.v1 import _errors

if _t.TYPE_CHECKING:  # pragma: no cover
    from stackclient.apiclient.base import Resource

__all__ = ["LISTING_PARAMS", "Page", "query", "walk"]

#: Listing parameters Swift understands, besides ``format``.
LISTING_PARAMS = frozenset(
    {"limit", "marker", "end_marker", "prefix", "delimiter", "reverse", "path"}
)

Page = _t.Callable[[list[dict[str, _t.Any]]], list["Resource"]]


def query(params: _t.Mapping[str, _t.Any]) -> str:
    """``?format=json&...`` from listing parameters; None is dropped, bools become true/false."""
    pairs = [("format", "json")]
    for key in sorted(params):
        value = params[key]
        if value is None or (value is False and key == "reverse"):
            continue
        if isinstance(value, bool):
            value = "true" if value else "false"
        pairs.append((key, str(value)))
    return "?" + urllib.parse.urlencode(pairs, quote_via=urllib.parse.quote)


def _next_marker(item: _t.Mapping[str, _t.Any]) -> str | None:
    marker = item.get("name")
    if marker is None:
        marker = item.get("subdir")
    return marker if isinstance(marker, str) else None


def _pages(
    client: _t.Any,
    path: str,
    params: dict[str, _t.Any],
    page: Page,
    versions: bool,
    subject: str,
    page_size: int | None,
) -> _t.Iterator[list[Resource]]:
    size = params.get("limit") or page_size
    seen: set[tuple[str | None, str | None]] = set()
    while True:
        url = (path or client.endpoint) + query(params)
        if versions:
            url += "&versions"
        with _errors.explained(subject):
            resp = client.get(url)
        body = _jsonutils.response_json(resp) if resp.status_code != 204 else []
        items = _responses.collection(body, None, resp, url)
        if not items:
            return
        if not _resource.all_dicts(items) and not all(isinstance(i, dict) for i in items):
            raise _responses.not_objects(items, resp, url)
        yield page(items)
        last = items[-1]
        marker = _next_marker(last)
        version = last.get("version_id") if versions else None
        if marker is None or (size and len(items) < int(size)) or (marker, version) in seen:
            return
        seen.add((marker, version))
        params["marker"] = marker
        if versions:
            params["version_marker"] = version


def walk(
    client: _t.Any,
    path: str,
    params: _t.Mapping[str, _t.Any],
    page: Page,
    versions: bool = False,
    subject: str = "The listing",
    page_size: int | None = None,
) -> _t.Iterator[Resource]:
    """Yield every listed item, asking for the next page only when needed.

    ``page`` turns one page of decoded items into resources. ``versions``
    lists object versions (``?versions``; pages continue with
    ``version_marker``). HTTP errors are told in terms of ``subject``.
    ``page_size`` is how many items the server puts in a page when no
    ``limit`` is sent (when known from ``/info``): a shorter page is the
    last one, which saves asking for an empty page.
    """
    pages = _pages(client, path, dict(params), page, versions, subject, page_size)
    return itertools.chain.from_iterable(pages)
