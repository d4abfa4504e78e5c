"""Turning caller input into Identity v2.0 request paths and query strings.

Every id put into a path goes through :func:`segment`, that is through the
shared :func:`stackclient.apiclient._ids.path_segment`: a resource or an id
is accepted; a missing or empty id, ``.`` and ``..`` are refused before
anything is sent (``GET /tenants/`` would otherwise list every tenant
instead of failing, and ``..`` would reach the parent); and the id is
percent-encoded so that an id holding ``/`` or ``?`` cannot reach another
URL.
"""

from __future__ import annotations

import typing as _t
import urllib.parse

from stackclient.apiclient import _ids, exceptions
from stackclient.apiclient.base import getid

__all__ = ["join", "page_query", "segment"]


def segment(value: _t.Any, what: str) -> str:
    """Return the id of ``value`` (a resource or an id), escaped for a URL path.

    Raises :class:`~stackclient.apiclient.exceptions.ValidationError` naming
    ``what`` when there is no usable id.
    """
    return _ids.path_segment(value, what)


def join(*parts: str) -> str:
    """Return ``/part1/part2/...`` (parts already escaped)."""
    return "/" + "/".join(parts)


def page_query(limit: _t.Any = None, marker: _t.Any = None) -> str:
    """Return ``?limit=..&marker=..`` for the given values, or ``""``.

    ``limit`` must be a positive whole number (or its text); None or 0 sends
    none (as python-keystoneclient did). ``marker`` is the id of the last
    item of the previous page (a resource is accepted).
    """
    params: list[tuple[str, str]] = []
    if limit is not None and limit != 0 and limit != "":
        params.append(("limit", str(_positive_int(limit))))
    if marker is not None and marker != "":
        params.append(("marker", str(getid(marker))))
    return "?" + urllib.parse.urlencode(params) if params else ""


def _positive_int(value: _t.Any) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if isinstance(value, bool) or isinstance(value, float) or number < 1:
        raise exceptions.ValidationError(
            "limit must be a positive whole number of items, got %r" % (value,)
        )
    return number
