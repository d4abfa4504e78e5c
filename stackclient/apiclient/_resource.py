"""The resource object: one item an API returned, as attributes.

:class:`Resource` and :func:`getid` are documented and imported as
``stackclient.apiclient.base.Resource`` and ``.getid``; they live here to
keep the managers' module small.
"""

from __future__ import annotations

import copy
import typing as _t

from stackclient.apiclient import exceptions

__all__ = ["Resource", "getid"]

#: Attributes a Resource keeps for itself; server fields never replace them.
_OWN_ATTRS = frozenset(("manager", "_info", "_loaded"))
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


class Resource:
    """One object returned by an API: attributes over the server's dict.

    ``res.name`` reads ``res._info["name"]``. A field that is not there raises
    AttributeError at once: reading an attribute never sends a request, call
    :meth:`get` to refresh from the server. ``info`` is kept as given, not
    copied (managers pass freshly decoded JSON), so building one is cheap.

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

    HUMAN_ID = False
    NAME_ATTR = "name"

    def __init__(self, manager: _t.Any, info: dict[str, _t.Any], loaded: bool = False) -> None:
        self.manager = manager
        self._info = info
        self._loaded = loaded

    def __getattr__(self, name: str) -> _t.Any:
        # Only reached when normal lookup fails. Dunder names (copy, pickle
        # protocols) and a half-built object (no _info yet) must not recurse.
        info = self.__dict__.get("_info")
        if info is None or name[:2] == "__":
            raise AttributeError(name)
        try:
            return info[name]
        except (KeyError, TypeError):
            raise AttributeError(
                "%r object has no attribute %r" % (type(self).__name__, name)
            ) from None

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | {k for k in self._info if isinstance(k, str)})

    def __repr__(self) -> str:
        parts = [type(self).__name__]
        for field in ("id", self.NAME_ATTR):
            if field in self._info:
                parts.append("%s=%r" % (field, self._info[field]))
        return "<%s>" % " ".join(parts)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Resource):
            return NotImplemented
        if type(other) is not type(self):
            return False
        mine, theirs = self._info.get("id"), other._info.get("id")
        if mine is not None and theirs is not None:
            return bool(mine == theirs)
        return self._info == other._info

    def __hash__(self) -> int:
        ident = self._info.get("id")
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
        merged = dict(self._info)
        merged.update(info)
        self._info = merged
        own = self.__dict__
        for name in info:
            if name in own and name not in _OWN_ATTRS:
                del own[name]  # a value assigned by hand would hide the fresh one

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
        if "id" not in self._info:
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
        if self.manager is None:
            raise exceptions.ClientException(
                "Cannot %s %r: it has no manager (resources lose it when pickled); "
                "assign one first, e.g. res.manager = client.projects" % (action, self)
            )
        return self.manager

    def to_dict(self) -> dict[str, _t.Any]:
        """Return a deep copy of the fields; changing it never changes the resource."""
        return _deep_copy(self._info)

    def __copy__(self) -> Resource:
        new = type(self).__new__(type(self))
        new.__dict__.update(self.__dict__)
        new._info = dict(self._info)
        return new

    def __deepcopy__(self, memo: dict[int, _t.Any]) -> Resource:
        new = type(self).__new__(type(self))
        memo[id(self)] = new
        for name, value in self.__dict__.items():
            new.__dict__[name] = value if name == "manager" else copy.deepcopy(value, memo)
        return new

    def __getstate__(self) -> dict[str, _t.Any]:
        state = dict(self.__dict__)
        state.pop("manager", None)
        return state

    def __setstate__(self, state: dict[str, _t.Any]) -> None:
        self.__dict__.update(state)
        self.__dict__.setdefault("manager", None)


def _deep_copy(value: _t.Any) -> _t.Any:
    # JSON-shaped data copied several times faster than copy.deepcopy.
    if isinstance(value, dict):
        return {k: _deep_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_deep_copy(v) for v in value]
    if isinstance(value, _IMMUTABLE):
        return value
    return copy.deepcopy(value)
