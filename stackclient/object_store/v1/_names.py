"""Container and object names: checked before anything is sent, then quoted.

Swift refuses some names with an error that does not say much (an empty
name addresses the parent, ``\\x00`` gives 412 "Invalid UTF8 or contains
NULL", a name over the length limit gives 400), and some names cannot be
sent at all (a lone surrogate cannot be encoded, a ``/`` in a container
name addresses an object, ``a/../b`` is normalised to ``b`` on the way). Every manager puts names into URLs through
:func:`container_path` and :func:`object_path`, which refuse those names
with a :class:`~stackclient.apiclient.exceptions.ValidationError` that
says what is wrong, before any request.
"""

from __future__ import annotations

import typing as _t
import urllib.parse

from stackclient.apiclient import exceptions

__all__ = [
    "MAX_CONTAINER_NAME_LENGTH",
    "MAX_OBJECT_NAME_LENGTH",
    "check_container",
    "check_object",
    "container_path",
    "object_path",
    "unquoted_object_path",
]

#: Swift's default limit on a container name, in UTF-8 bytes.
MAX_CONTAINER_NAME_LENGTH = 256

#: Swift's default limit on an object name, in UTF-8 bytes.
MAX_OBJECT_NAME_LENGTH = 1024

#: Path segments that URL normalisation removes or resolves.
_DOT_SEGMENTS = frozenset((".", ".."))


def _text(value: _t.Any, what: str) -> str:
    """The name in ``value``: a string, or the ``name`` of a resource."""
    name = value if isinstance(value, str) else getattr(value, "name", value)
    if isinstance(name, bytes):
        try:
            name = name.decode("utf-8")
        except UnicodeDecodeError:
            raise exceptions.ValidationError(
                "The %s name %r is not valid UTF-8; Swift names are UTF-8 text" % (what, name)
            ) from None
    if not isinstance(name, str):
        raise exceptions.ValidationError(
            "A %s name must be a string (or a resource with a name), not %s"
            % (what, type(name).__name__)
        )
    return name


def _check(name: str, what: str, limit: int) -> str:
    if not name:
        raise exceptions.ValidationError("A %s name cannot be empty" % what)
    if "\x00" in name:
        raise exceptions.ValidationError(
            "The %s name %r contains a NUL character, which Swift refuses" % (what, name)
        )
    try:
        size = len(name.encode("utf-8"))
    except UnicodeEncodeError:
        raise exceptions.ValidationError(
            "The %s name %r contains a lone surrogate and cannot be encoded as UTF-8"
            % (what, name)
        ) from None
    if size > limit:
        raise exceptions.ValidationError(
            "The %s name is %d bytes long in UTF-8; Swift allows at most %d (%r...)"
            % (what, size, limit, name[:40])
        )
    return name


def _no_dot_segments(name: str, what: str) -> str:
    if any(segment in _DOT_SEGMENTS for segment in name.split("/")):
        raise exceptions.ValidationError(
            "The %s name %r has a '.' or '..' path segment: URL normalisation on the way "
            "(client libraries, proxies, the server's own middleware) turns it into another "
            "path, so it would address something else" % (what, name)
        )
    return name


def check_container(value: _t.Any, limit: int = MAX_CONTAINER_NAME_LENGTH) -> str:
    """Return the container name in ``value`` (a string or a resource), or raise.

    Refused: a non-string, an empty name, a ``/`` (it would name an
    object), ``.`` and ``..``, a NUL, text that is not UTF-8, and names
    over ``limit`` bytes.
    """
    name = _no_dot_segments(_check(_text(value, "container"), "container", limit), "container")
    if "/" in name:
        raise exceptions.ValidationError(
            "The container name %r contains '/', which Swift does not allow in container names"
            % name
        )
    return name


def check_object(value: _t.Any, limit: int = MAX_OBJECT_NAME_LENGTH) -> str:
    """Return the object name in ``value`` (a string or a resource), or raise.

    ``/`` is allowed (pseudo-directories); refused: a non-string, an empty
    name, a ``.`` or ``..`` path segment (``a/../b`` reaches the server
    as ``b``), a NUL, text that is not UTF-8 and names over ``limit`` bytes.
    """
    return _no_dot_segments(_check(_text(value, "object"), "object", limit), "object")


def container_path(container: _t.Any) -> str:
    """``/<container>``, quoted, for a URL relative to the account."""
    return "/" + urllib.parse.quote(check_container(container), safe="")


def object_path(container: _t.Any, name: _t.Any) -> str:
    """``/<container>/<object>``, quoted (``/`` in the object name kept)."""
    return "%s/%s" % (
        container_path(container),
        urllib.parse.quote(check_object(name), safe="/"),
    )


def unquoted_object_path(container: _t.Any, name: _t.Any) -> str:
    """``/<container>/<object>`` as Swift sees it after unquoting (for manifests)."""
    return "/%s/%s" % (check_container(container), check_object(name))
