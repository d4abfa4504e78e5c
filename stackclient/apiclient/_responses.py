"""Reading what an API answered: one object, a collection, the next page.

Used by the managers in :mod:`stackclient.apiclient.base`. A body that does
not have the promised shape raises
:class:`~stackclient.apiclient.exceptions.InvalidResponse` naming the
request and what was found instead -- never a KeyError or TypeError.
"""

from __future__ import annotations

import logging
import typing as _t
import urllib.parse

from stackclient import _redact
from stackclient.apiclient import exceptions

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

__all__ = [
    "PageWalk",
    "ResourceList",
    "collection",
    "final",
    "next_link",
    "not_final",
    "not_objects",
    "one_object",
    "truncated",
    "value",
]

#: How many key names an InvalidResponse message lists.
_MAX_KEYS_SHOWN = 20

_LOG = logging.getLogger("stackclient.pagination")

_TRUNCATED_WARNING = (
    "%s returned %d items and a listing the server cut short (it caps each answer, as "
    "Keystone's list_limit does): list() sends one request, as python-keystoneclient did. "
    "Use iterate() to get every item, page by page."
)

_REPEAT_WARNING = (
    "Stopped following the pages of %s: the server sent %s it had already sent "
    "(it may not support 'marker' for this collection), so the listing may be "
    "incomplete. Ask for a larger 'limit' to see more in one page."
)


class ResourceList(list):  # type: ignore[type-arg]
    """The list a manager's ``list()`` returns: a plain list plus ``truncated``.

    ``truncated`` is True when the server said the listing was cut
    (``"truncated": true``, Keystone's ``list_limit``) or gave a next page
    that the request did not ask to page through (no ``limit``); a
    warning on ``stackclient.pagination`` says so too. ``iterate()``
    walks every page instead.
    """

    truncated = False


def _asked_for_a_page(url: str) -> bool:
    query = urllib.parse.urlsplit(url).query
    return bool(query) and any(
        key in ("limit", "marker") for key, _ in urllib.parse.parse_qsl(query)
    )


def truncated(body: _t.Any, key: str | None, resp: requests.Response, url: str) -> bool:
    """Tell whether a list answer is only part of the listing; warn when nobody asked for a part."""
    if not isinstance(body, dict):
        return False
    cut = body.get("truncated") is True
    paged = _asked_for_a_page(url)
    if not (cut or paged) and next_link(body, key, getattr(resp, "headers", None)):
        cut = True  # a next page nobody asked for: the server's own page size
    if cut and not paged:
        items = collection(body, key, resp, url)
        _LOG.warning(_TRUNCATED_WARNING, _where(resp, url), len(items))
    return cut


def not_objects(
    items: list[_t.Any], resp: requests.Response, url: str
) -> exceptions.ClientException:
    """The error for a list whose items are not all JSON objects."""
    position, bad = next(
        ((n, item) for n, item in enumerate(items) if item and not isinstance(item, dict)),
        (0, None),
    )
    return exceptions.InvalidResponse(
        "Expected a list of JSON objects in the answer to %s, got %s at position %d"
        % (_where(resp, url), _kind(bad), position),
        response=resp,
        url=_redact.url(resp.url or url),
    )


def final(resp: requests.Response, method: str, url: str) -> requests.Response:
    """``resp`` when it is a 2xx; a redirect not followed or a 1xx raises.

    A manager's call has a result only in a 2xx: a 3xx (no usable
    Location, or redirects turned off) or a 1xx left as the final answer
    must not be read as one.
    """
    if 200 <= resp.status_code < 300:
        return resp
    raise not_final(resp, method, url)


def not_final(resp: requests.Response, method: str, url: str) -> exceptions.ClientException:
    """The error for a manager call answered with neither a 2xx nor an error status."""
    status = resp.status_code
    where = "%s %s" % (method, _redact.url(resp.url or url))
    if 300 <= status < 400:
        error = exceptions.from_response(resp, method, _redact.url(resp.url or url))
        why = "no Location" if not resp.headers.get("Location") else "redirects were not followed"
        error.message = (
            "%s was answered with a redirect (%s) instead of a result%s; check the URL or "
            "the endpoint in the catalog" % (where, why, _server_says(error))
        )
        return error
    return exceptions.InvalidResponse(
        "%s was answered with HTTP %s, which is not a final answer" % (where, status),
        response=resp,
        method=method,
        url=_redact.url(resp.url or url),
    )


def _server_says(error: exceptions.HttpError) -> str:
    default = type(error).message
    return "" if error.message == default else " (the server said: %s)" % error.message


def value(body: _t.Any, key: str | None, resp: requests.Response, url: str) -> _t.Any:
    """Return ``body[key]`` (the body itself when ``key`` is None)."""
    if key is None:
        return body
    if isinstance(body, dict) and key in body:
        return body[key]
    raise exceptions.InvalidResponse(
        "Expected key %r in the answer to %s, got %s; check the URL and the API version"
        % (key, _where(resp, url), _kind(body)),
        response=resp,
    )


def one_object(
    body: _t.Any, key: str | None, resp: requests.Response, url: str
) -> dict[str, _t.Any]:
    """Return the JSON object at ``body[key]`` (or the body)."""
    info = value(body, key, resp, url)
    if not isinstance(info, dict):
        raise exceptions.InvalidResponse(
            "Expected a JSON object%s in the answer to %s, got %s"
            % (_under(key), _where(resp, url), _kind(info)),
            response=resp,
        )
    return info


def collection(body: _t.Any, key: str | None, resp: requests.Response, url: str) -> list[_t.Any]:
    """Return the listed items: the body itself when it is a list, else ``body[key]``.

    Keystone's ``{key: {"values": [...]}}`` wrapper is unwrapped.
    """
    data = body if isinstance(body, list) else value(body, key, resp, url)
    if isinstance(data, dict) and isinstance(data.get("values"), list):
        data = data["values"]
    if not isinstance(data, list):
        raise exceptions.InvalidResponse(
            "Expected a JSON list%s in the answer to %s, got %s"
            % (_under(key), _where(resp, url), _kind(data)),
            response=resp,
        )
    return data


def next_link(
    body: _t.Any, key: str | None, headers: _t.Mapping[str, str] | None = None
) -> str | None:
    """Return the next-page link of a list body, or None on the last page.

    Understands Keystone ``links.next``, Nova/Neutron ``<key>_links`` (and a
    ``links`` list) with ``rel=next``, Glance's top-level ``next``, and an
    RFC 8288 ``Link: <url>; rel="next"`` response header.
    """
    if headers:
        link = _link_header_next(headers.get("Link") or headers.get("link"))
        if link:
            return link
    if not isinstance(body, dict):
        return None
    links = body.get("links")
    if isinstance(links, dict) and isinstance(links.get("next"), str):
        return links["next"] or None
    for candidates in (links, body.get("%s_links" % key)):
        for link in candidates if isinstance(candidates, list) else ():
            if isinstance(link, dict) and link.get("rel") == "next":
                href = link.get("href")
                return href if isinstance(href, str) and href else None
    nxt = body.get("next")
    return nxt if isinstance(nxt, str) and nxt else None


def _link_header_next(value: _t.Any) -> str | None:
    """The target of the ``rel="next"`` entry of a Link header, or None."""
    if not isinstance(value, str):
        return None
    for part in value.split(","):
        target, _, params = part.partition(";")
        target = target.strip()
        if not (target.startswith("<") and target.endswith(">")):
            continue
        for param in params.split(";"):
            name, _, rel = param.partition("=")
            if name.strip().lower() == "rel" and "next" in rel.strip().strip('"').lower().split():
                return target[1:-1].strip() or None
    return None


class PageWalk:
    """What a paginated walk has seen, so that it stops instead of looping.

    Some servers answer a marker they do not support with the same page
    again (Keystone does for roles and endpoints), so an empty page, a page
    that repeats the one before (same length, same first and last ids), and
    a URL or ``marker`` already requested all end the walk; a repeat is
    logged as a warning on ``stackclient.pagination``, since the listing
    may then be incomplete. Memory grows by one URL per page, never by the
    items.
    """

    def __init__(self, url: str) -> None:
        self._where = _redact.url(url.split("?", 1)[0])
        self._urls = {url}
        marker = _marker(url)
        self._markers = {marker} if marker is not None else set()
        self._last_page: tuple[int, _t.Any, _t.Any] | None = None

    def should_stop(self, items: list[_t.Any]) -> bool:
        """True for an empty page, or one that repeats the page before.

        A page repeats the one before when it has the same length and the
        same first and last ids (pages of one listing never share an id);
        pages whose items have no ids are never taken for repeats.
        """
        if not items:
            return True
        first, last = _id(items[0]), _id(items[-1])
        page = (len(items), first, last) if first is not None or last is not None else None
        repeated = page is not None and page == self._last_page
        self._last_page = page
        if repeated:
            _LOG.warning(_REPEAT_WARNING, self._where, "a page")
        return repeated

    def advance(self, link: str, current: str, resp: _t.Any = None) -> str | None:
        """Return the URL to fetch after ``current``, or None if it was fetched before.

        ``link`` may be relative to ``current``. A link to another host is
        not followed as it is (the token would go with it): its query
        (marker, limit) is applied to ``current`` instead. A link that is
        not a URL raises InvalidResponse.
        """
        self._urls.add(current)  # the absolute form of a relative first URL
        self._where = _redact.url(current.split("?", 1)[0])
        if _plain_on_origin(link, current):
            url = link  # what servers send: nothing to resolve, nothing requests would refuse
        else:
            url = _resolve_checked(link, current, resp)
        marker = _marker(url)
        if url in self._urls or (marker is not None and marker in self._markers):
            _LOG.warning(_REPEAT_WARNING, self._where, "a next link")
            return None
        self._urls.add(url)
        if marker is not None:
            self._markers.add(marker)
        return url


def _id(item: _t.Any) -> _t.Any:
    return item.get("id") if isinstance(item, dict) else None


def _plain_on_origin(link: str, current: str) -> bool:
    """Whether ``link`` is an absolute URL under ``current``'s own scheme, host and port,
    written in printable ASCII without spaces.

    ``current`` was just fetched, so its origin is one requests can send
    to, and such a link needs neither resolving nor checking.
    """
    from stackclient import _transport

    if "://" not in current:
        return False
    origin = _transport._origin_key(current)
    return (
        link.startswith(origin)
        and link[len(origin) : len(origin) + 1] in ("/", "?")
        and link.isascii()
        and link.isprintable()
        and " " not in link
    )


def _marker(url: str) -> str | None:
    if "marker=" not in url:
        return None
    markers = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query).get("marker")
    return markers[-1] if markers else None


def _resolve_checked(link: str, current: str, resp: _t.Any) -> str:
    from stackclient import _transport

    try:
        url = _resolve(link, current)
        _transport.check_url(url)
    except ValueError as exc:
        raise exceptions.InvalidResponse(
            "The next-page link in the answer to GET %s is not a usable URL (%r: %s)"
            % (_redact.url(current), _redact.message(link[:200]), exc),
            response=resp,
            method="GET",
            url=_redact.url(current),
        ) from None
    return url


def _resolve(link: str, current: str) -> str:
    url = urllib.parse.urljoin(current, link)
    here, there = urllib.parse.urlsplit(current), urllib.parse.urlsplit(url)
    if here.netloc and (here.scheme, here.netloc) != (there.scheme, there.netloc):
        url = urllib.parse.urlunsplit(here._replace(query=there.query, fragment=""))
    return url


def _where(resp: requests.Response, url: str) -> str:
    method = getattr(getattr(resp, "request", None), "method", None)
    where = _redact.url(resp.url or url)
    return "%s%s (HTTP %s)" % (method + " " if method else "", where, resp.status_code)


def _under(key: str | None) -> str:
    return " under %r" % key if key is not None else ""


def _kind(data: _t.Any) -> str:
    if data is None:
        return "nothing (an empty body or null)"
    if isinstance(data, dict):
        return "an object with keys %s" % sorted(map(str, data))[:_MAX_KEYS_SHOWN]
    return "a JSON %s" % type(data).__name__
