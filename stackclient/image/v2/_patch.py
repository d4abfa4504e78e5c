"""The JSON patch that makes a change to an image, computed from the change alone.

Glance updates images with ``PATCH`` and a JSON patch document
(``application/openstack-images-v2.1-json-patch``). Which operation a field
needs follows from the field, not from the image's current state, so no
request is needed to build the patch:

* core attributes (``name``, ``visibility``, ``min_disk`` ...) always exist
  on an image: ``replace``;
* any other property may or may not exist yet: ``add``, which in the v2.1
  patch format sets a property whether it exists or not;
* properties named in ``remove``: ``remove`` (Glance answers 409 when the
  property does not exist, and 403 for core attributes).

Example::

    patch_for({"name": "web", "hw_disk_bus": "scsi"}, remove=("os_distro",))
    # [{"op": "replace", "path": "/name", "value": "web"},
    #  {"op": "add", "path": "/hw_disk_bus", "value": "scsi"},
    #  {"op": "remove", "path": "/os_distro"}]
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import exceptions

__all__ = ["CONTENT_TYPE", "CORE_ATTRIBUTES", "patch_for", "pointer"]

#: The media type of Glance's JSON patch (v2.1: ``add`` also replaces).
CONTENT_TYPE = "application/openstack-images-v2.1-json-patch"

#: Attributes every image has (so ``replace`` always applies), that a caller may change.
CORE_ATTRIBUTES = frozenset(
    (
        "name",
        "visibility",
        "protected",
        "os_hidden",
        "min_disk",
        "min_ram",
        "disk_format",
        "container_format",
        "tags",
        "owner",
    )
)


def pointer(name: str) -> str:
    """The JSON pointer (RFC 6901) of a top-level field: ``/`` and ``~`` escaped."""
    if not isinstance(name, str) or not name:
        raise exceptions.ValidationError("An image property name must be a non-empty string")
    return "/" + name.replace("~", "~0").replace("/", "~1")


def patch_for(
    changes: _t.Mapping[str, _t.Any], remove: _t.Iterable[str] = ()
) -> list[dict[str, _t.Any]]:
    """Return the JSON patch operations that set ``changes`` and drop ``remove``.

    Operations come in a stable order: the changes sorted by name, then the
    removals in the order given. A name both set and removed is refused.
    """
    removed = list(dict.fromkeys(remove))
    both = sorted(set(removed) & set(changes))
    if both:
        raise exceptions.ValidationError(
            "Cannot both set and remove %s in one update" % ", ".join(both)
        )
    operations: list[dict[str, _t.Any]] = []
    for name in sorted(changes):
        value = changes[name]
        if name == "tags" and isinstance(value, (set, frozenset, tuple)):
            value = sorted(value) if isinstance(value, (set, frozenset)) else list(value)
        op = "replace" if name in CORE_ATTRIBUTES else "add"
        operations.append({"op": op, "path": pointer(name), "value": value})
    operations.extend({"op": "remove", "path": pointer(name)} for name in removed)
    return operations
