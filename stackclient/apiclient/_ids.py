"""Turning an id argument into one URL path segment, or refusing it.

Every manager puts ids into URLs through :func:`path_segment`, so that a
value that would address another resource than the one meant -- ``None``
or ``''`` (the collection), ``'.'`` and ``'..'`` (the parent after URL
normalisation), a bool, a float or a structure -- is refused before
anything is sent, with a :class:`~stackclient.apiclient.exceptions.ValidationError`
that names the argument.
"""

from __future__ import annotations

import typing as _t
import urllib.parse

from stackclient.apiclient import exceptions

__all__ = ["check_id", "path_segment"]

#: Segments that URL normalisation turns into another path.
_DOT_SEGMENTS = frozenset((".", ".."))


def check_id(value: _t.Any, argument: str = "id") -> str:
    """Return the id of ``value`` (a string, an int or a resource) as a string.

    Raises ValidationError for None, an empty string, ``.``/``..``, and
    values of other types (bool included), naming ``argument``.
    """
    ident = getattr(value, "id", value) if not isinstance(value, (str, int)) else value
    if isinstance(ident, bool) or not isinstance(ident, (str, int)):
        raise exceptions.ValidationError(
            "%s must be an id (a string or an integer) or a resource with an id, not %s"
            % (argument, _describe(ident))
        )
    text = str(ident)
    if not text.strip() or text in _DOT_SEGMENTS:
        raise exceptions.ValidationError(
            "%s must be a non-empty id, got %r: it would address another resource"
            % (argument, text)
        )
    return text


def path_segment(value: _t.Any, argument: str = "id") -> str:
    """Return :func:`check_id` of ``value``, escaped for use as one URL path segment."""
    return urllib.parse.quote(check_id(value, argument), safe="")


def _describe(value: _t.Any) -> str:
    if value is None:
        return "None"
    return "a %s" % type(value).__name__
