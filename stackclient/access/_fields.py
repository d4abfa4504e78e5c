"""Safe reads from nested token bodies."""

from __future__ import annotations

import typing as _t

__all__ = ["dig", "Field"]


def dig(data: _t.Any, path: _t.Sequence[str | int]) -> _t.Any:
    """Follow ``path`` (dict keys and list indexes) into ``data``.

    Returns None as soon as a step is missing or has the wrong type, so a
    partial or odd body never raises KeyError, IndexError or TypeError.
    """
    for step in path:
        if isinstance(step, int):
            if not isinstance(data, list) or not -len(data) <= step < len(data):
                return None
            data = data[step]
        elif isinstance(data, dict):
            data = data.get(step)
        else:
            return None
    return data


class Field:
    """A read-only attribute whose value is found at ``path`` in the token dict.

    The docstring is taken from the attribute of the same name on a base
    class, so the base class stays the one place that documents it.
    """

    def __init__(self, *path: str | int) -> None:
        self._path = path
        self._name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name
        for base in owner.__mro__[1:]:
            if name in base.__dict__:
                self.__doc__ = base.__dict__[name].__doc__
                break

    def __get__(self, obj: _t.Any, objtype: type | None = None) -> _t.Any:
        if obj is None:
            return self
        return dig(obj, self._path)

    def __set__(self, obj: _t.Any, value: _t.Any) -> None:
        raise AttributeError("%s is read-only; change the token dict instead" % self._name)
