"""Resources and managers: the objects every API client is built from.

A manager turns calls such as ``projects.list(domain=d)`` into requests sent
through its *client* -- any object with ``get/post/put/patch/delete/head(url,
**kwargs)`` that returns a :class:`requests.Response` and raises an
:class:`~stackclient.apiclient.exceptions.HttpError` for a status >= 400
(``apiclient.client.BaseClient`` or ``stackclient.adapter.Adapter``) -- and
turns the JSON that comes back into :class:`Resource` objects.

Example::

    class Project(Resource):
        pass

    class ProjectManager(CrudManager):
        resource_class = Project
        collection_key = "projects"
        key = "project"

    projects = ProjectManager(client)
    demo = projects.create(name="demo", domain=default_domain)
    for project in projects.iterate(limit=100):  # one page in memory at a time
        print(project.name)
"""

from __future__ import annotations

import abc
import itertools
import types
import typing as _t
import urllib.parse

from stackclient import _jsonutils
from stackclient.apiclient import _ids, _responses, exceptions
from stackclient.apiclient._resource import Resource, build_many, getid

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

__all__ = [
    "getid",
    "Resource",
    "ResourceList",
    "HookableMixin",
    "Extension",
    "BaseManager",
    "ManagerWithFind",
    "CrudManager",
]


ResourceList = _responses.ResourceList


class _class_or_instance_method:
    """Bind to the instance when looked up on one, else to the class."""

    def __init__(self, func: _t.Callable[..., _t.Any]) -> None:
        self.__func__ = func
        self.__doc__ = func.__doc__

    def __get__(self, instance: _t.Any, owner: type | None = None) -> _t.Any:
        return types.MethodType(self.__func__, owner if instance is None else instance)


class HookableMixin:
    """Lets classes and objects register hooks and run them.

    ``SomeClass.add_hook(...)`` registers for that class and its subclasses,
    never for its parents or siblings; ``obj.add_hook(...)`` registers for
    that one object. ``run_hooks`` runs the class's hooks (base classes
    first), then the object's own.
    """

    @_class_or_instance_method
    def add_hook(target: _t.Any, hook_type: str, hook_func: _t.Callable[..., _t.Any]) -> None:
        """Register ``hook_func`` to run on ``run_hooks(hook_type, ...)``."""
        hooks = vars(target).get("_hooks_map")
        if hooks is None:
            hooks = {}
            target._hooks_map = hooks
        hooks.setdefault(hook_type, []).append(hook_func)

    @_class_or_instance_method
    def run_hooks(target: _t.Any, hook_type: str, *args: _t.Any, **kwargs: _t.Any) -> None:
        """Call every hook registered for ``hook_type`` with the arguments given."""
        is_class = isinstance(target, type)
        owners = list(reversed((target if is_class else type(target)).__mro__))
        if not is_class:
            owners.append(target)
        for owner in owners:
            hooks = getattr(owner, "__dict__", {}).get("_hooks_map")
            for hook in (hooks or {}).get(hook_type, ()):
                hook(*args, **kwargs)


class BaseManager(HookableMixin):
    """Sends requests for one kind of resource and builds :class:`Resource` objects.

    ``client`` is the object requests go through (see the module docstring).
    Bodies are sent as ``json=``; a body without the expected key raises
    :class:`~stackclient.apiclient.exceptions.InvalidResponse`.
    """

    resource_class: type[Resource] | None = None

    def __init__(self, client: _t.Any) -> None:
        self.client = client

    def _resource_class(self) -> type[Resource]:
        return self.resource_class or Resource

    def _list(
        self,
        url: str,
        response_key: str | None = None,
        obj_class: type[Resource] | None = None,
        body: _t.Any = None,
        **kwargs: _t.Any,
    ) -> list[Resource]:
        """GET ``url`` (POST ``body`` when given); return the listed items.

        The list is the body itself, or ``body[response_key]``, or the
        ``{"values": [...]}`` wrapper Keystone uses under that key. It is a
        :class:`ResourceList`: its ``truncated`` is True (and a warning
        is logged) when the server cut the listing, e.g. at Keystone's
        ``list_limit``; :meth:`_iterate` follows every page.
        """
        if body is not None:
            resp = _responses.final(self.client.post(url, json=body, **kwargs), "POST", url)
        else:
            resp = _responses.final(self.client.get(url, **kwargs), "GET", url)
        data = _jsonutils.response_json(resp)
        items = _responses.collection(data, response_key, resp, url)
        found = ResourceList(self._build_all(obj_class, items, resp, url))
        found.truncated = _responses.truncated(data, response_key, resp, url)
        return found

    def _build_all(
        self,
        obj_class: type[Resource] | None,
        items: list[_t.Any],
        resp: requests.Response,
        url: str,
    ) -> list[Resource]:
        """Resources for the listed items (empty ones skipped); InvalidResponse for non-objects."""
        cls = obj_class or self._resource_class()
        try:
            return build_many(cls, self, items)
        except exceptions.InvalidResponse:  # Resource() refused an item: say which request
            raise _responses.not_objects(items, resp, url) from None

    def _request(self, method: str, url: str, **kwargs: _t.Any) -> requests.Response:
        """Send ``method url`` through the client; a 1xx or 3xx left as the answer raises.

        For manager calls that read the response themselves.
        """
        send = getattr(self.client, method.lower())
        return _responses.final(send(url, **kwargs), method.upper(), url)

    def _get(self, url: str, response_key: str | None = None, **kwargs: _t.Any) -> Resource:
        """GET ``url``; return ``body[response_key]`` (or the body) as a resource."""
        resp = _responses.final(self.client.get(url, **kwargs), "GET", url)
        return self._one(resp, url, response_key, loaded=True)

    def _head(self, url: str, **kwargs: _t.Any) -> bool:
        """HEAD ``url``; True for any 2xx answer.

        keystoneclient answered True only for 204, but Keystone answers 200
        to HEAD on most resources; errors (404, ...) raise as usual.
        """
        resp = _responses.final(self.client.head(url, **kwargs), "HEAD", url)
        return 200 <= resp.status_code < 300

    def _post(
        self,
        url: str,
        body: _t.Any,
        response_key: str | None = None,
        return_raw: bool = False,
        **kwargs: _t.Any,
    ) -> _t.Any:
        """POST ``body``; return the created resource (the raw value with ``return_raw``)."""
        resp = _responses.final(self.client.post(url, json=body, **kwargs), "POST", url)
        if return_raw:
            return _responses.value(_jsonutils.response_json(resp), response_key, resp, url)
        return self._one(resp, url, response_key)

    _create = _post

    def _put(
        self, url: str, body: _t.Any = None, response_key: str | None = None, **kwargs: _t.Any
    ) -> Resource | None:
        """PUT ``body`` (none when None); return the resource, or None for an empty answer."""
        resp = _responses.final(self.client.put(url, **_with_json(body, kwargs)), "PUT", url)
        return self._one(resp, url, response_key, required=False)

    def _patch(
        self, url: str, body: _t.Any = None, response_key: str | None = None, **kwargs: _t.Any
    ) -> Resource | None:
        """PATCH ``body``; return the resource, or None for an empty answer."""
        resp = _responses.final(self.client.patch(url, **_with_json(body, kwargs)), "PATCH", url)
        return self._one(resp, url, response_key, required=False)

    def _update(
        self,
        url: str,
        body: _t.Any = None,
        response_key: str | None = None,
        method: str = "PUT",
        **kwargs: _t.Any,
    ) -> Resource | None:
        """Send ``body`` with PUT, PATCH or POST; return the resource or None."""
        senders = {"PUT": self.client.put, "PATCH": self.client.patch, "POST": self.client.post}
        if method not in senders:
            raise exceptions.ValidationError(
                "Invalid update method %r: use one of PUT, PATCH, POST" % (method,)
            )
        resp = _responses.final(senders[method](url, **_with_json(body, kwargs)), method, url)
        return self._one(resp, url, response_key, required=False)

    def _delete(self, url: str, **kwargs: _t.Any) -> requests.Response:
        """DELETE ``url``; return the response."""
        return _responses.final(self.client.delete(url, **kwargs), "DELETE", url)

    def _one(
        self,
        resp: requests.Response,
        url: str,
        response_key: str | None,
        loaded: bool = False,
        required: bool = True,
    ) -> _t.Any:
        body = _jsonutils.response_json(resp)
        if body is None and not required:
            return None
        info = _responses.one_object(body, response_key, resp, url)
        return self._resource_class()(self, info, loaded=loaded)

    def _list_pages(
        self,
        url: str,
        response_key: str | None = None,
        obj_class: type[Resource] | None = None,
        **kwargs: _t.Any,
    ) -> _t.Iterator[list[Resource]]:
        """Yield the collection at ``url`` one page (a list) at a time.

        Follows the server's next link (Keystone ``links.next``, Nova and
        Neutron ``<response_key>_links``, Glance ``next``; absolute or
        relative; a link to another host only lends its query). Stops on an
        empty page, a page repeating the one before, or a page URL or
        ``marker`` already requested. Only the current page is in memory:
        nothing of a page is held here once it has been yielded.
        """
        cls = obj_class or self._resource_class()
        walk = _responses.PageWalk(url)
        next_url: str | None = url
        while next_url is not None:
            page, next_url = self._fetch_page(next_url, response_key, cls, walk, kwargs)
            if page is None:
                return
            yield page
            del page  # not kept while the next page is fetched

    def _fetch_page(
        self,
        url: str,
        response_key: str | None,
        cls: type[Resource],
        walk: _responses.PageWalk,
        kwargs: dict[str, _t.Any],
    ) -> tuple[list[Resource] | None, str | None]:
        """GET one page: its resources (None when the walk must stop) and the next URL."""
        resp = _responses.final(self.client.get(url, **kwargs), "GET", url)
        body = _jsonutils.response_json(resp)
        items = _responses.collection(body, response_key, resp, url)
        if walk.should_stop(items):
            return None, None
        link = _responses.next_link(body, response_key, resp.headers)
        next_url = walk.advance(link, resp.url or url, resp) if link else None
        return self._build_all(cls, items, resp, url), next_url

    def _iterate(
        self,
        url: str,
        response_key: str | None = None,
        obj_class: type[Resource] | None = None,
        **kwargs: _t.Any,
    ) -> _t.Iterator[Resource]:
        """Return an iterator over every resource, fetching pages as they are consumed.

        ``itertools.chain`` hands items over without a Python frame per item
        and lets go of each page before asking for the next one.
        """
        return itertools.chain.from_iterable(
            self._list_pages(url, response_key, obj_class, **kwargs)
        )


class ManagerWithFind(BaseManager, metaclass=abc.ABCMeta):
    """A manager with client-side ``find``/``findall`` over :meth:`list`."""

    @abc.abstractmethod
    def list(self) -> list[Resource]:
        """Return every item of the collection."""

    def find(self, **kwargs: _t.Any) -> Resource:
        """Return the one item whose attributes equal ``kwargs``.

        Raises NotFound when none match, NoUniqueMatch when several do.
        """
        return _only_one(self.findall(**kwargs), self._resource_class(), kwargs)

    def findall(self, **kwargs: _t.Any) -> list[Resource]:
        """Return the items of :meth:`list` whose attributes equal ``kwargs``.

        When :meth:`list` requires arguments (``ec2.list(user_id)``), they
        are taken from ``kwargs`` by name, not used as filters; a missing one
        raises ValidationError.
        """
        list_args, filters = _list_arguments(self.list, kwargs)
        found = []
        for obj in self.list(**list_args):
            try:
                if all(getattr(obj, attr) == value for attr, value in filters.items()):
                    found.append(obj)
            except AttributeError:
                continue
        return found


def _list_arguments(
    list_method: _t.Callable[..., _t.Any], kwargs: dict[str, _t.Any]
) -> tuple[dict[str, _t.Any], dict[str, _t.Any]]:
    """Split find()'s keywords into list()'s required arguments and the filters."""
    import inspect  # only for find(); importing it costs a few ms

    required = [
        param.name
        for param in inspect.signature(list_method).parameters.values()
        if param.default is param.empty
        and param.kind in (param.POSITIONAL_OR_KEYWORD, param.KEYWORD_ONLY)
    ]
    missing = [name for name in required if kwargs.get(name) is None]
    if missing:
        raise exceptions.ValidationError(
            "find() lists with list(%s): pass %s" % (", ".join(required), ", ".join(missing))
        )
    filters = {key: value for key, value in kwargs.items() if key not in required}
    return {name: kwargs[name] for name in required}, filters


class CrudManager(BaseManager):
    """A manager for a REST collection: ``/<collection_key>[/<id>]``.

    ``collection_key`` names the collection in URLs and list bodies
    (``projects``), ``key`` one member in bodies (``project``) and its id
    argument (``project_id``). Wherever an id is expected a resource works
    too: ``domain=domain_obj`` is sent as ``domain_id=<its id>``. None
    values are dropped. ``base_url`` (class attribute or keyword) prefixes
    the URL, e.g. ``/domains/<id>/config``.
    """

    collection_key: str | None = None
    key: str | None = None
    base_url: str | None = None

    def build_url(
        self, dict_args_in_out: _t.Mapping[str, _t.Any] | str | None = None, **kwargs: _t.Any
    ) -> str:
        """Return ``[base_url]/<collection_key>[/<key>_id][tail]``.

        Arguments come as a mapping (keystoneclient's ``build_url(dict)``),
        as keywords (``build_url(base_url=..., project_id=...)``), or both;
        neither is changed. The id may be a resource; it becomes one escaped
        path segment, and one that would address another resource (``''``,
        ``'.'``, ``'..'``, a float, a structure) raises ValidationError.
        """
        if isinstance(dict_args_in_out, str):
            args: dict[str, _t.Any] = {"base_url": dict_args_in_out}
        else:
            args = dict(dict_args_in_out or {})
        args.update(kwargs)
        url = (args.get("base_url") or self.base_url or "") + "/%s" % self.collection_key
        entity_id = args.get("%s_id" % self.key)
        if entity_id is not None:
            url += "/" + _ids.path_segment(entity_id, str(self.key))
        if args.get("tail"):
            url += args["tail"]
        return url

    def _url_and_rest(self, kwargs: dict[str, _t.Any]) -> tuple[str, dict[str, _t.Any]]:
        # build_url gets a private copy: a keystoneclient-style override may
        # pop the extra keys it consumed from it.
        rest = dict(kwargs)
        url = self.build_url(rest)
        for name in ("base_url", "tail", "%s_id" % self.key):
            rest.pop(name, None)
        return url, rest

    def _build_query(self, params: _t.Mapping[str, _t.Any]) -> str:
        """Return ``?k=v&...`` (sorted, escaped, None dropped; lists repeat the key) or ''."""
        pairs = sorted((k, v) for k, v in params.items() if v is not None)
        return "?" + urllib.parse.urlencode(pairs, doseq=True) if pairs else ""

    def build_key_only_query(self, params_list: _t.Iterable[str]) -> str:
        """Return ``?a&b`` for query flags that take no value, or ''."""
        params = list(params_list)
        return "?" + "&".join(params) if params else ""

    def _filter_kwargs(self, kwargs: _t.Mapping[str, _t.Any]) -> dict[str, _t.Any]:
        """Drop None values; turn ``thing=<resource>`` into ``thing_id=<id>``."""
        out = {}
        for key, value in kwargs.items():
            if value is None:
                continue
            ident = getid(value)
            if ident is not value and not key.endswith("_id"):
                key = "%s_id" % key
            out[key] = ident
        return out

    def _collection_url(self, kwargs: _t.Mapping[str, _t.Any]) -> tuple[str, dict[str, _t.Any]]:
        """Return the collection URL with its query, and the query filters."""
        url, params = self._url_and_rest(self._filter_kwargs(kwargs))
        return url + self._build_query(params), params

    def __call__(self, *args: _t.Any, **kwargs: _t.Any) -> _t.Iterator[Resource]:
        """``manager(**filters)`` is :meth:`iterate`: openstacksdk's ``conn.identity.projects()``."""
        return self.iterate(*args, **kwargs)

    def create(self, **kwargs: _t.Any) -> Resource:
        """POST ``{key: kwargs}`` to the collection; return the new resource."""
        url, body = self._url_and_rest(self._filter_kwargs(kwargs))
        return self._post(url, {self.key: body}, self.key)

    def _member_url(self, kwargs: _t.Mapping[str, _t.Any]) -> tuple[str, dict[str, _t.Any]]:
        """Like :meth:`_url_and_rest`, refusing a missing or unusable ``<key>_id`` first.

        Without it the URL would name the whole collection (``DELETE
        /users``) instead of one member.
        """
        filtered = self._filter_kwargs(kwargs)
        if "%s_id" % self.key not in filtered:  # None or not given
            _ids.check_id(None, str(self.key))
        return self._url_and_rest(filtered)

    def get(self, **kwargs: _t.Any) -> Resource:
        """GET one member, named by ``<key>_id``."""
        url, _ = self._member_url(kwargs)
        return self._get(url, self.key)

    def head(self, **kwargs: _t.Any) -> bool:
        """HEAD one member; True when it exists (a missing one raises NotFound)."""
        url, _ = self._member_url(kwargs)
        return self._head(url)

    def list(self, fallback_to_auth: bool = False, **kwargs: _t.Any) -> list[Resource]:
        """GET the collection with ``kwargs`` as query filters: one request, one page.

        With ``fallback_to_auth``, a catalog without this service retries
        against the auth endpoint (``endpoint_filter={'interface': 'auth'}``).
        Use :meth:`iterate` to walk every page.
        """
        if "id" in kwargs:
            raise exceptions.ValidationError(
                "list() does not filter by 'id': use get(%s_id=...) for one item" % self.key
            )
        url, _ = self._collection_url(kwargs)
        try:
            return self._list(url, self.collection_key)
        except exceptions.EndpointNotFound:
            if not fallback_to_auth:
                raise
            return self._list(url, self.collection_key, endpoint_filter={"interface": "auth"})

    def iterate(self, **kwargs: _t.Any) -> _t.Iterator[Resource]:
        """Yield every item of the collection, fetching pages as they are consumed.

        Takes the same filters as :meth:`list` (``limit`` sets the page size).
        """
        url, _ = self._collection_url(kwargs)
        return self._iterate(url, self.collection_key)

    def put(self, **kwargs: _t.Any) -> Resource | None:
        """PUT (no body) to the member or collection URL."""
        url, _ = self._url_and_rest(self._filter_kwargs(kwargs))
        return self._update(url, method="PUT")

    def update(self, **kwargs: _t.Any) -> Resource | None:
        """PATCH ``{key: <kwargs except the id>}`` to the member."""
        url, body = self._member_url(kwargs)
        return self._update(url, {self.key: body}, self.key, method="PATCH")

    def delete(self, **kwargs: _t.Any) -> requests.Response:
        """DELETE the member named by ``<key>_id``."""
        url, _ = self._member_url(kwargs)
        return self._delete(url)

    def find(self, **kwargs: _t.Any) -> Resource:
        """Return the one item the server lists for the filters ``kwargs``.

        Raises NotFound when none match, NoUniqueMatch when several do.
        """
        url, filters = self._collection_url(kwargs)
        return _only_one(self._list(url, self.collection_key), self._resource_class(), filters)


class Extension(HookableMixin):
    """An API extension: a module with a manager class and optional hooks.

    ``manager_class`` is the :class:`BaseManager` subclass found in the
    module (one defined there wins over an imported one). Module functions
    named like ``SUPPORTED_HOOKS`` are registered as this extension's hooks.
    """

    SUPPORTED_HOOKS = ("__pre_parse_args__", "__post_parse_args__")
    manager_class: type[BaseManager] | None = None

    def __init__(self, name: str, module: types.ModuleType) -> None:
        self.name = name
        self.module = module
        self.manager_class = _find_manager_class(module)
        for hook_type in self.SUPPORTED_HOOKS:
            hook = vars(module).get(hook_type)
            if callable(hook):
                self.add_hook(hook_type, hook)

    def __repr__(self) -> str:
        return "<Extension %r>" % self.name


_BASE_MANAGERS = (BaseManager, ManagerWithFind, CrudManager)


def _find_manager_class(module: _t.Any) -> type[BaseManager] | None:
    found = [
        value
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, BaseManager)
        if value not in _BASE_MANAGERS
    ]
    own = [cls for cls in found if cls.__module__ == getattr(module, "__name__", None)]
    return (own or found or [None])[0]


def _only_one(found: list[Resource], cls: type, filters: _t.Mapping[str, _t.Any]) -> Resource:
    if len(found) == 1:
        return found[0]
    wanted = ", ".join(_describe_filter(k, v) for k, v in sorted(filters.items())) or "no filters"
    if not found:
        raise exceptions.NotFound("No %s matching %s." % (cls.__name__, wanted))
    raise exceptions.NoUniqueMatch(
        "%d %s objects match %s; add filters or use the id." % (len(found), cls.__name__, wanted)
    )


def _describe_filter(key: str, value: _t.Any) -> str:
    """``name='x'`` for a lookup message; a secret's value (``secret=``) is masked."""
    from stackclient import _redact

    return "%s=%s" % (key, _redact.MASK if _redact.is_secret_key(key) else repr(value))


def _with_json(body: _t.Any, kwargs: dict[str, _t.Any]) -> dict[str, _t.Any]:
    return dict(kwargs, json=body) if body is not None else kwargs
