"""openstacksdk-style verbs over a client's managers, written once.

A client with managers (``client.projects``) also answers, for every
manager, ``list_projects(**filters)``, ``get_project(project)``,
``find_project(name_or_id, ignore_missing=True)``,
``create_project(**attrs)``, ``update_project(project, **attrs)`` and
``delete_project(project, ignore_missing=True)``; ``client.projects()``
itself is the generator (see ``CrudManager.__call__``). Nothing is
generated per resource: the verb and the manager are read from the name.
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import base as _base
from stackclient.apiclient import exceptions

__all__ = ["SdkVerbsMixin"]

_VERBS = ("list", "get", "find", "create", "update", "delete")


def _plural(noun: str) -> list[str]:
    """Manager names a noun may stand for: itself, then its plurals."""
    if noun.endswith("y"):
        return [noun, noun[:-1] + "ies"]
    return [noun, noun + "s"]


class SdkVerbsMixin:
    """``<verb>_<noun>`` methods resolved from the managers the class declares."""

    def __getattr__(self, name: str) -> _t.Any:
        verb, _, noun = name.partition("_")
        if verb in _VERBS and noun and not name.startswith("_"):
            for candidate in _plural(noun):
                manager = _manager(self, candidate)
                if manager is not None:
                    return _bind(verb, manager)
        raise AttributeError("%r object has no attribute %r" % (type(self).__name__, name))


def _manager(client: object, name: str) -> _t.Any:
    """``client.<name>`` if it is a manager (never reads a property: that may authenticate)."""
    found = vars(client).get(name)
    if found is None:
        for klass in type(client).__mro__:
            if name in vars(klass):
                found = vars(klass)[name]
                break
    lazy = hasattr(found, "module") and hasattr(found, "class_name")  # a LazyManager
    if not (lazy or isinstance(found, _base.BaseManager)):
        return None
    return getattr(client, name)


def _bind(verb: str, manager: _t.Any) -> _t.Callable[..., _t.Any]:
    if verb == "find":
        return lambda name_or_id, ignore_missing=True, **filters: _find(
            manager, name_or_id, ignore_missing, filters
        )
    if verb == "delete":
        return lambda item, ignore_missing=True: _delete(manager, item, ignore_missing)
    return getattr(manager, verb)  # type: ignore[no-any-return]


def _find(
    manager: _t.Any, name_or_id: str, ignore_missing: bool, filters: dict[str, _t.Any]
) -> _t.Any:
    """By id first, then by name; None (or NotFound) when neither matches."""
    try:
        return manager.get(name_or_id)
    except exceptions.NotFound:
        pass
    try:
        return manager.find(name=name_or_id, **filters)
    except exceptions.NotFound:
        if ignore_missing:
            return None
        raise


def _delete(manager: _t.Any, item: _t.Any, ignore_missing: bool) -> None:
    try:
        manager.delete(item)
    except exceptions.NotFound:
        if not ignore_missing:
            raise
