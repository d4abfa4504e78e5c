"""Managers and resources for the service clients (network, image, compute, ...).

:class:`ServiceManager` is the one manager every service collection is
built from: a table of class attributes (``collection_key``, ``key``,
``path``, ``update_method``, ``name_filter``) instead of code::

    class Network(ServiceResource):
        pass

    class NetworkManager(ServiceManager):
        resource_class = Network
        collection_key = "networks"
        key = "network"

    networks = NetworkManager(client)
    net = networks.create(name="zuul")
    networks.find("zuul")                     # by id, then by name; never an arbitrary pick
    for net in networks(shared=True):         # a generator over every page
        ...
    networks.update(net, description="CI")    # a resource or an id wherever an id goes
    networks.delete(net)

Ids go into URLs through :func:`~stackclient.apiclient._ids.path_segment`
(``None``, ``''``, ``'.'`` and ``'..'`` are refused before anything is
sent); lists follow the server's pagination; waits use
:mod:`stackclient.apiclient.waiters`.
"""

from __future__ import annotations

import re
import time
import typing as _t
import urllib.parse

from stackclient import _jsonutils
from stackclient.apiclient import _ids, _responses, exceptions, waiters
from stackclient.apiclient.base import BaseManager, Resource

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

__all__ = ["ServiceManager", "ServiceResource", "query_pairs"]

#: What a UUID looks like (with or without dashes): such a value is tried as an id first.
_UUID = re.compile(
    r"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$"
)

#: How many candidates a NoUniqueMatch message lists.
_MAX_CANDIDATES_SHOWN = 10


class ServiceResource(Resource):
    """A resource of a service client: the server's fields as attributes.

    Adds ``microversion``: the API microversion the server answered with
    (from its ``OpenStack-API-Version`` header), which decides the shape of
    the fields -- e.g. a compute server's ``flavor`` is an id reference
    before 2.47 and an embedded dict from 2.47. None for services without
    microversions.
    """

    __slots__ = ("_microversion",)

    @property
    def microversion(self) -> str | None:
        """The microversion the fields were sent in, or None."""
        return getattr(self, "_microversion", None)


_set_microversion = ServiceResource.__dict__["_microversion"].__set__


def query_pairs(filters: _t.Mapping[str, _t.Any]) -> list[tuple[str, str]]:
    """Turn list filters into query pairs, sorted by key.

    None is dropped, a bool becomes ``true``/``false``, a resource its id,
    a list or tuple repeats the key (``fields=id&fields=name``).
    """
    pairs: list[tuple[str, str]] = []
    for key in sorted(filters):
        value = filters[key]
        for item in value if isinstance(value, (list, tuple, set, frozenset)) else (value,):
            if item is None:
                continue
            if isinstance(item, bool):
                pairs.append((key, "true" if item else "false"))
            else:
                pairs.append((key, str(getattr(item, "id", item))))
    return pairs


class ServiceManager(BaseManager):
    """The manager of one REST collection of a service: ``<path>[/<id>]``.

    Class attributes say what differs between collections:

    ``collection_key``
        the list body key (``networks``)
    ``key``
        the one-item body key (``network``); None when the item is the body
        itself (Glance)
    ``path``
        the collection's URL path (default ``/<collection_key>``)
    ``update_method``
        ``PUT`` (Neutron, Nova) or ``PATCH``
    ``name_filter``
        the list filter that selects by name for :meth:`find` (None: list
        everything and compare names here)
    ``envelope``
        whether create/update bodies wrap the fields in ``key``
    ``verbs``
        the verbs the API has for this collection (None: all of list, get,
        create, update, delete); the others raise MethodNotImplemented
        before anything is sent
    ``uuid_ids``
        whether every id is a UUID, so that :meth:`find` never tries a value
        that is not one as an id (one request)
    ``find_or_create_scope``
        the attributes given to :meth:`find_or_create` that narrow the name
        search (a subnet's name is looked for on its network)
    ``twin_settle``
        seconds :meth:`find_or_create` waits after creating before it looks
        for a concurrent twin (see there)
    ``name_filter_regex``
        whether the server reads ``name_filter`` as a regular expression
        (Nova): :meth:`find` then sends the name escaped and anchored
        (``^web$``), so ``web-2`` is not even listed

    Calling the manager is :meth:`iterate`: ``client.networks(shared=True)``.
    A resource class whose ``NAME_ATTR`` is None has no names: :meth:`find`
    then only takes ids.
    """

    resource_class: type[Resource] | None = ServiceResource
    collection_key: str = ""
    key: str | None = None
    path: str | None = None
    update_method: str = "PUT"
    name_filter: str | None = "name"
    envelope: bool = True
    verbs: _t.ClassVar[frozenset[str] | None] = None
    uuid_ids: bool = False
    find_or_create_scope: tuple[str, ...] = ("project_id", "tenant_id")
    twin_settle: float = 1.0
    name_filter_regex: bool = False

    # -- URLs ------------------------------------------------------------------

    def _collection_path(self) -> str:
        return self.path if self.path is not None else "/" + self.collection_key

    def _member_path(self, resource: _t.Any, argument: str | None = None) -> str:
        """The member URL path; refuses ids that would address another resource."""
        return "%s/%s" % (
            self._collection_path(),
            _ids.path_segment(resource, argument or (self.key or "id")),
        )

    def _query(self, filters: _t.Mapping[str, _t.Any]) -> str:
        pairs = query_pairs(filters)
        return "?" + urllib.parse.urlencode(pairs) if pairs else ""

    def _require(self, verb: str) -> None:
        """Refuse a verb the API does not have for this collection, before sending."""
        if self.verbs is not None and verb not in self.verbs:
            raise exceptions.MethodNotImplemented(
                "The API cannot %s %s; it can %s them"
                % (verb, self.collection_key or "these", ", ".join(sorted(self.verbs)) or "not")
            )

    # -- answers ---------------------------------------------------------------

    def _stamp(self, resp: requests.Response, items: list[Resource]) -> list[Resource]:
        """Record the microversion the server answered with on each resource."""
        header = resp.headers.get("OpenStack-API-Version")
        if header:
            version = header.rsplit(" ", 1)[-1]
            for item in items:
                _set_microversion(item, version)
        return items

    def _resource(self, resp: requests.Response, url: str, loaded: bool = True) -> Resource:
        body = _jsonutils.response_json(resp)
        info = _responses.one_object(body, self.key if self.envelope else None, resp, url)
        return self._stamp(resp, [self._resource_class()(self, info, loaded)])[0]

    def _fetch_page(  # type: ignore[override]
        self,
        url: str,
        response_key: str | None,
        cls: type[Resource],
        walk: _responses.PageWalk,
        kwargs: dict[str, _t.Any],
    ) -> tuple[list[Resource] | None, str | None]:
        resp = self.client.get(url, **kwargs)
        body = _jsonutils.response_json(resp)
        items = _responses.collection(body, response_key, resp, url)
        if walk.should_stop(items):
            return None, None
        link = self._page_link(_responses.next_link(body, response_key, resp.headers))
        next_url = walk.advance(link, resp.url or url) if link else None
        page = self._build_all(cls, items, resp, url)
        return self._stamp(resp, page), next_url

    def _page_link(self, link: str | None) -> str | None:
        """The next-page link as the server gave it; services whose links miss a
        path prefix of their endpoint (Glance behind a proxy) fix it here."""
        return link

    def _body(self, attrs: _t.Mapping[str, _t.Any]) -> _t.Any:
        fields = {
            k: getattr(v, "id", v) if isinstance(v, Resource) else v for k, v in attrs.items()
        }
        return {self.key: fields} if self.envelope and self.key else fields

    # -- verbs -----------------------------------------------------------------

    def __call__(self, **filters: _t.Any) -> _t.Iterator[Resource]:
        """Same as :meth:`iterate`: ``client.networks(**filters)`` is a generator."""
        return self.iterate(**filters)

    def iterate(self, **filters: _t.Any) -> _t.Iterator[Resource]:
        """Yield every item matching ``filters``, fetching pages as they are consumed.

        Filters become the query string (see :func:`query_pairs`);
        ``limit`` sets the page size and ``marker`` where to start.
        """
        self._require("list")
        url = self._collection_path() + self._query(filters)
        return self._iterate(url, self.collection_key)

    def list(self, **filters: _t.Any) -> list[Resource]:
        """Return every item matching ``filters``, following the server's pages."""
        return list(self.iterate(**filters))

    def get(self, resource: _t.Any, **params: _t.Any) -> Resource:
        """GET one item by id (or resource); ``params`` become the query string."""
        self._require("get")
        url = self._member_path(resource) + self._query(params)
        return self._resource(self.client.get(url), url)

    def create(self, **attrs: _t.Any) -> Resource:
        """POST a new item with the fields ``attrs``; return it as the server made it."""
        self._require("create")
        url = self._collection_path()
        return self._resource(self.client.post(url, json=self._body(attrs)), url)

    def create_many(self, items: _t.Iterable[_t.Mapping[str, _t.Any]]) -> list[Resource]:
        """Create several items in one POST (``{collection_key: [...]}``).

        The service decides atomicity; Neutron creates all or none.
        """
        self._require("create")
        bodies = [self._body(item)[self.key] if self.key else item for item in items]
        if not bodies:
            raise exceptions.ValidationError("create_many() needs at least one item")
        url = self._collection_path()
        resp = self.client.post(url, json={self.collection_key: bodies})
        listed = _responses.collection(
            _jsonutils.response_json(resp), self.collection_key, resp, url
        )
        return self._stamp(resp, self._build_all(self._resource_class(), listed, resp, url))

    def update(self, resource: _t.Any, **attrs: _t.Any) -> Resource:
        """Change the fields ``attrs`` of an item with ``update_method``; return it."""
        self._require("update")
        url = self._member_path(resource)
        send = self.client.patch if self.update_method == "PATCH" else self.client.put
        return self._resource(send(url, json=self._body(attrs)), url)

    def delete(self, resource: _t.Any, ignore_missing: bool = False) -> None:
        """DELETE an item; a missing one raises NotFound unless ``ignore_missing``."""
        self._require("delete")
        url = self._member_path(resource)
        try:
            self.client.delete(url)
        except exceptions.NotFound:
            if not ignore_missing:
                raise

    # -- find ------------------------------------------------------------------

    def find(
        self, name_or_id: _t.Any, ignore_missing: bool = False, **filters: _t.Any
    ) -> Resource | None:
        """Return the one item with this id or this name.

        A value that looks like a UUID is tried as an id first, anything
        else as a name first (one request when it is found); each falls
        back to the other. ``filters`` (e.g. ``project_id=``) narrow the
        name search. Several items with the name raise NoUniqueMatch listing
        them -- never an arbitrary pick; none raises NotFound, or returns
        None with ``ignore_missing``.
        """
        value = _ids.check_id(name_or_id, "name_or_id")
        attempts: tuple[_t.Callable[[str, _t.Any], Resource | None], ...] = (
            self._by_id,
            self._by_name,
        )
        if not _UUID.match(value):
            attempts = (self._by_name,) if self.uuid_ids else (self._by_name, self._by_id)
        if self.verbs is not None and "get" not in self.verbs:
            attempts = (self._by_name,)
        for attempt in attempts:
            found = attempt(value, filters)
            if found is not None:
                return found
        if ignore_missing:
            return None
        raise exceptions.NotFound(
            "No %s with name or id %r%s" % (self._noun(), value, _filters_text(filters))
        )

    def _by_id(self, value: str, filters: _t.Mapping[str, _t.Any]) -> Resource | None:
        try:
            found = self.get(value)
        except (exceptions.NotFound, exceptions.BadRequest):
            return None
        if any(getattr(found, k, v) != getattr(v, "id", v) for k, v in filters.items()):
            return None
        return found

    def _by_name(self, value: str, filters: _t.Mapping[str, _t.Any]) -> Resource | None:
        matches = self._named(value, filters)
        if len(matches) > 1:
            raise exceptions.NoUniqueMatch(_ambiguity(self._noun(), value, matches))
        return matches[0] if matches else None

    def _named(self, value: str, filters: _t.Mapping[str, _t.Any]) -> list[Resource]:
        """Items whose name is exactly ``value`` (server-side filter, checked here)."""
        attr = self._resource_class().NAME_ATTR
        if attr is None:
            return []
        query = dict(filters)
        if self.name_filter:
            query[self.name_filter] = _exact_regex(value) if self.name_filter_regex else value
        return [item for item in self.iterate(**query) if getattr(item, attr, None) == value]

    def find_or_create(self, name: str, **attrs: _t.Any) -> Resource:
        """Return the item named ``name``, creating it with ``attrs`` when there is none.

        The name is looked for within ``find_or_create_scope`` (the project
        given, the network of a subnet ...). Tolerates concurrent creators:
        when several callers create the same name at once, all end up with
        the oldest (``created_at``, then id) and the others are deleted; a
        Conflict from a service with unique names is answered by finding the
        winner. To make "oldest" reliable with timestamps of one-second
        resolution, a caller that created waits ``twin_settle`` seconds
        before it looks for twins: a twin it does not see then was created
        in a later second, and its creator will see this one as older.
        """
        scope = {k: attrs[k] for k in self.find_or_create_scope if attrs.get(k)}
        found = self.find(name, ignore_missing=True, **scope)
        if found is not None:
            return found
        try:
            created = self.create(name=name, **attrs)
        except exceptions.Conflict:
            return self._only(name, scope)
        if self.twin_settle > 0:
            time.sleep(self.twin_settle)
        twins = self._named(name, scope)
        if len(twins) <= 1:
            return created
        winner = min(twins, key=lambda r: (str(getattr(r, "created_at", "")), str(r.id)))
        if winner.id != getattr(created, "id", None):
            self.delete(created, ignore_missing=True)
        return winner

    def _only(self, name: str, scope: _t.Mapping[str, _t.Any]) -> Resource:
        # Without ignore_missing, find() raises rather than return None.
        return _t.cast(Resource, self.find(name, **scope))

    def _noun(self) -> str:
        return (self.key or self.collection_key or "item").replace("_", " ")

    # -- waiting -----------------------------------------------------------------

    def wait_for_status(self, resource: _t.Any, status: str, **kwargs: _t.Any) -> Resource:
        """Wait until the item reaches ``status``; see :func:`waiters.wait_for_status`."""
        return waiters.wait_for_status(self._bound(resource), status, **kwargs)

    def wait_while_status(
        self, resource: _t.Any, status: str | _t.Iterable[str], **kwargs: _t.Any
    ) -> Resource:
        """Wait while the item's status is ``status``; see :func:`waiters.wait_while_status`."""
        return waiters.wait_while_status(self._bound(resource), status, **kwargs)

    def wait_for_delete(self, resource: _t.Any, **kwargs: _t.Any) -> None:
        """Wait until the item is gone; see :func:`waiters.wait_for_delete`."""
        waiters.wait_for_delete(self._bound(resource), **kwargs)

    def _bound(self, resource: _t.Any) -> Resource:
        """``resource`` as a Resource of this manager (an id becomes a stub).

        A resource read through another client (another project's
        credentials, another endpoint) is re-read through this one.
        """
        if isinstance(resource, Resource) and getattr(resource, "manager", None) is self:
            return resource
        return self._resource_class()(self, {"id": _ids.check_id(resource, self.key or "id")})


def _exact_regex(value: str) -> str:
    """A regular expression that matches exactly ``value`` (for servers that filter by regex)."""
    return "^%s$" % re.escape(value)


def _filters_text(filters: _t.Mapping[str, _t.Any]) -> str:
    if not filters:
        return ""
    return " (filters: %s)" % ", ".join(
        "%s=%r" % (k, getattr(v, "id", v)) for k, v in sorted(filters.items())
    )


def _ambiguity(noun: str, value: str, matches: list[Resource]) -> str:
    shown = []
    for item in matches[:_MAX_CANDIDATES_SHOWN]:
        owner = (
            getattr(item, "project_id", None)
            or getattr(item, "tenant_id", None)
            or getattr(item, "owner", None)
        )
        shown.append("%s (project %s)" % (item.id, owner) if owner else str(item.id))
    more = len(matches) - len(shown)
    return "%d %ss are named %r: %s%s. Use the id, or narrow the search (e.g. project_id=)." % (
        len(matches),
        noun,
        value,
        ", ".join(shown),
        " and %d more" % more if more > 0 else "",
    )
