"""The resource object: one item an API returned, as attributes.

:class:`Resource` and :func:`getid` are documented and imported as
``stackclient.apiclient.base.Resource`` and ``.getid``; they live here to
keep the managers' module small.
"""

from __future__ import annotations

import copy
import typing as _t
from collections import deque as _consume
from itertools import repeat as _repeat
from operator import setitem as _setitem

from stackclient.apiclient import exceptions

__all__ = ["Resource", "all_dicts", "build_many", "getid", "set_in_each"]

#: Scalars shared, not copied, by Resource.to_dict().
_IMMUTABLE = (str, int, float, bool, type(None))


def getid(obj: _t.Any) -> _t.Any:
    """Return ``obj.id`` when ``obj`` has one (a :class:`Resource`), else ``obj``.

    Lets every call accept either a resource or its id.
    """
    try:
        return obj.id
    except AttributeError:
        return obj


class _Protocol:
    """A method that a field of the same name cannot hide.

    ``copy.deepcopy`` and ``pickle`` look ``__deepcopy__``, ``__reduce_ex__``
    and ``__getstate__`` up on the object, where a field would win over a
    plain method; a data descriptor wins over the object's fields.
    """

    def __init__(self, func: _t.Callable[..., _t.Any]) -> None:
        self.func = func
        self.__doc__ = func.__doc__

    def __get__(self, instance: _t.Any, owner: type | None = None) -> _t.Any:
        return self.func if instance is None else self.func.__get__(instance, owner)

    def __set__(self, instance: _t.Any, value: _t.Any) -> None:
        raise AttributeError("%s cannot be replaced" % self.func.__name__)


def _fields(cls: type, info: _t.Any) -> dict[str, _t.Any]:
    """``info`` as a dict of fields; InvalidResponse when it is not an object at all."""
    try:
        fields = dict(info or ())
    except (TypeError, ValueError):
        raise exceptions.InvalidResponse(
            "A %s is built from a JSON object, but the server sent a JSON %s where one "
            "was expected; check the URL and the API version" % (cls.__name__, type(info).__name__)
        ) from None
    if not all(isinstance(key, str) for key in fields):
        raise exceptions.InvalidResponse(
            "A %s is built from a JSON object with text keys, but the server sent pairs "
            "whose first items are not text" % cls.__name__
        )
    return fields


class Resource:
    """One object returned by an API: the server's fields as attributes.

    ``res.name`` is ``res._info["name"]``: the dict given becomes the
    object's own attribute dict, without a copy, so building one costs the
    same for ten fields as for one and reading a field is a plain attribute
    read. A field that is not there raises AttributeError at once: reading
    an attribute never sends a request, call :meth:`get` to refresh from the
    server. The dict given is never changed by the resource: the first
    assignment (``res.name = "x"``) or deletion of a field copies it.

    Fields never replace ``manager``, ``_info``, ``_loaded`` or the class's
    properties. A field named like a method (``get``, ``delete``, ...)
    hides that method on the object, as on keystoneclient's resources (they
    set every field as an attribute); ``type(res).get(res)`` still reaches it.

    Two resources are equal when they are of the same class and have the same
    ``id`` (without ids: the same fields), and hash accordingly.

    ``copy.copy`` and ``copy.deepcopy`` keep the same manager. Pickling drops
    the manager, because it holds the HTTP session and credentials: an
    unpickled resource has ``manager = None`` until one is assigned.

    Example::

        project = Resource(manager, {"id": "a1", "name": "demo"})
        project.name       # 'demo'
        project.to_dict()  # {'id': 'a1', 'name': 'demo'}
    """

    # _owns_info is left unset until the fields dict is the resource's own copy;
    # _partial is left unset by build_many(), which reads as loaded.
    __slots__ = ("manager", "_partial", "_owns_info", "__dict__", "__weakref__")

    HUMAN_ID = False
    NAME_ATTR = "name"

    def __init__(self, manager: _t.Any, info: dict[str, _t.Any], loaded: bool = False) -> None:
        # Set through the descriptors: __setattr__ (copy on first change) is for callers.
        try:
            _set_fields(self, info)
        except TypeError:  # a mapping that is not a dict, or pairs
            _set_fields(self, _fields(type(self), info))
        _set_manager(self, manager)
        _set_partial(self, not loaded)

    @property
    def _loaded(self) -> bool:
        """Whether the fields are complete (see :meth:`is_loaded`)."""
        return not getattr(self, "_partial", False)

    @_loaded.setter
    def _loaded(self, value: bool) -> None:
        _set_partial(self, not value)

    @property
    def _info(self) -> dict[str, _t.Any]:
        """The fields, as the server sent them (the object's attribute dict)."""
        return self.__dict__

    @_info.setter
    def _info(self, info: dict[str, _t.Any]) -> None:
        _set_fields(self, info)
        _set_owns_info(self, False)

    def __setattr__(self, name: str, value: _t.Any) -> None:
        if not _is_data_descriptor(type(self), name):
            self._own_info()
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        if not _is_data_descriptor(type(self), name):
            self._own_info()
        object.__delattr__(self, name)

    def _own_info(self) -> None:
        """Copy the fields once, before the first change, so the given dict stays as it was."""
        if not getattr(self, "_owns_info", False):
            _set_fields(self, dict(self.__dict__))
            _set_owns_info(self, True)

    def __dir__(self) -> list[str]:
        return sorted(name for name in set(super().__dir__()) if isinstance(name, str))

    def __repr__(self) -> str:
        info = self.__dict__
        parts = [type(self).__name__]
        for field in ("id", self.NAME_ATTR):
            if field in info:
                parts.append("%s=%r" % (field, info[field]))
        return "<%s>" % " ".join(parts)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Resource):
            return NotImplemented
        if type(other) is not type(self):
            return False
        mine, theirs = self.__dict__.get("id"), other.__dict__.get("id")
        if mine is not None and theirs is not None:
            return bool(mine == theirs)
        return self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        ident = self.__dict__.get("id")
        return hash((type(self), ident)) if ident is not None else hash(type(self))

    @property
    def human_id(self) -> str | None:
        """A slug of the ``NAME_ATTR`` field when ``HUMAN_ID`` is set, else None.

        Computed on each access (for shell completion), never on construction.
        """
        if not self.HUMAN_ID:
            return None
        name = getattr(self, self.NAME_ATTR, None)
        if name is None:
            return None
        from oslo_utils import strutils

        return strutils.to_slug(str(name))

    def _add_details(self, info: _t.Mapping[str, _t.Any]) -> None:
        """Merge ``info`` into the fields (the dict given at construction is left alone)."""
        merged = dict(self.__dict__)
        merged.update(info)
        _set_fields(self, merged)
        _set_owns_info(self, True)

    def is_loaded(self) -> bool:
        """Whether :meth:`get` was called, or the manager said the fields are complete."""
        return self._loaded

    def set_loaded(self, val: bool) -> None:
        self._loaded = val

    def get(self) -> Resource:
        """Refresh the fields from ``manager.get(self.id)``; return ``self``."""
        self.set_loaded(True)
        manager = self._require_manager("refresh")
        if not hasattr(manager, "get"):
            raise exceptions.ClientException(
                "Cannot refresh %r: its manager %s has no get()" % (self, type(manager).__name__)
            )
        if "id" not in self.__dict__:
            raise exceptions.ClientException("Cannot refresh %r: it has no id" % self)
        new = manager.get(self.id)
        if isinstance(new, Resource):
            self._add_details(new._info)
        elif isinstance(new, dict):
            self._add_details(new)
        return self

    def delete(self) -> _t.Any:
        """Delete this resource through its manager (``manager.delete(self)``)."""
        return self._require_manager("delete").delete(self)

    def _require_manager(self, action: str) -> _t.Any:
        if getattr(self, "manager", None) is None:
            raise exceptions.ClientException(
                "Cannot %s %r: it has no manager (resources lose it when pickled); "
                "assign one first, e.g. res.manager = client.projects" % (action, self)
            )
        return self.manager

    def to_dict(self) -> dict[str, _t.Any]:
        """Return a deep copy of the fields; changing it never changes the resource."""
        return _deep_copy(self.__dict__)

    def _blank(self) -> Resource:
        """A new object of this class with this manager and loaded flag, and no fields."""
        new = type(self).__new__(type(self))
        _set_manager(new, getattr(self, "manager", None))
        _set_partial(new, not self._loaded)
        _set_owns_info(new, True)
        return new

    def __copy__(self) -> Resource:
        new = self._blank()
        _set_fields(new, dict(self.__dict__))
        return new

    @_Protocol
    def __deepcopy__(self, memo: dict[int, _t.Any]) -> Resource:
        new = self._blank()
        memo[id(self)] = new
        _set_fields(new, copy.deepcopy(self.__dict__, memo))
        return new

    @_Protocol
    def __reduce_ex__(self, protocol: _t.SupportsIndex) -> _t.Any:
        return object.__reduce_ex__(self, protocol)

    @_Protocol
    def __getstate__(self) -> dict[str, _t.Any]:
        # The manager is left out: it holds the session and credentials.
        return {"_info": self.__dict__, "_loaded": self._loaded}

    def __setstate__(self, state: dict[str, _t.Any]) -> None:
        # Pickles made before fields became the attribute dict carry values
        # assigned by hand beside "_info"; they win, as they did then.
        state = dict(state)
        state.pop("manager", None)
        loaded = state.pop("_loaded", False)
        fields = dict(state.pop("_info", None) or {})
        fields.update(state)
        _set_fields(self, fields)
        _set_manager(self, None)
        _set_partial(self, not loaded)
        _set_owns_info(self, True)


_set_fields = Resource.__dict__["__dict__"].__set__
_set_manager = Resource.__dict__["manager"].__set__
_set_partial = Resource.__dict__["_partial"].__set__
_set_owns_info = Resource.__dict__["_owns_info"].__set__


def _is_data_descriptor(cls: type, name: str) -> bool:
    """Whether setting ``name`` goes to the class (a slot or property), not to the fields."""
    for klass in cls.__mro__:
        if name in klass.__dict__:
            return hasattr(type(klass.__dict__[name]), "__set__")
    return False


def _deep_copy(value: _t.Any) -> _t.Any:
    # JSON-shaped data copied several times faster than copy.deepcopy.
    if isinstance(value, dict):
        return {k: _deep_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_deep_copy(v) for v in value]
    if isinstance(value, _IMMUTABLE):
        return value
    return copy.deepcopy(value)


_DICT_ONLY = frozenset({dict})


def all_dicts(items: _t.Iterable[_t.Any]) -> bool:
    """Whether every item is a plain ``dict`` (as decoded JSON objects are), checked in C."""
    return _DICT_ONLY.issuperset(map(type, items))


def set_in_each(items: _t.Iterable[dict[str, _t.Any]], key: str, value: _t.Any) -> None:
    """``item[key] = value`` for every item, in the interpreter's C loop."""
    _consume(map(_setitem, items, _repeat(key), _repeat(value)), 0)


def build_many(
    cls: type[Resource], manager: _t.Any, items: _t.Iterable[_t.Any], loaded: bool = True
) -> list[Resource]:
    """``[cls(manager, item, loaded) for item in items if item]``, at a fraction of the cost.

    A page of dicts is built without calling ``__init__`` for each item
    and without a Python-level loop: the objects are made and their fields
    and manager set by ``map`` over the slot descriptors, so the per-item
    work is the interpreter's own. Each such pass costs about as much as
    making the objects, so the loaded flag is only set for ``loaded=False``
    (an unset flag reads as loaded). The objects are the same (each item
    dict becomes the attribute dict, uncopied). A class that defines its own
    ``__init__``, and a page with an item that is not a dict, go through
    ``cls(...)`` item by item.
    """
    items = list(filter(None, items))
    if cls.__init__ is not Resource.__init__ or not all_dicts(items):
        return [cls(manager, item, loaded) for item in items]
    built = list(map(object.__new__, _repeat(cls, len(items))))
    _consume(map(_set_fields, built, items), 0)
    _consume(map(_set_manager, built, _repeat(manager)), 0)
    if not loaded:  # unset reads as loaded: one pass fewer for a listing
        _consume(map(_set_partial, built, _repeat(True)), 0)
    return built
