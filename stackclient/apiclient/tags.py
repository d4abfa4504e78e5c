"""Tags on the members of a collection: ``<member>/tags[/<tag>]``.

Neutron (networks, subnets, ports, routers, floating IPs, security groups,
subnet pools ...) and Nova (servers) tag resources with the same API:

=====================================  =========================  ==========
call                                   request                    answer
=====================================  =========================  ==========
``get_tags(res)``                      ``GET <member>/tags``      the tags
``set_tags(res, tags)`` (replace all)  ``PUT <member>/tags``      the tags
``add_tag(res, tag)``                  ``PUT <member>/tags/<t>``  None
``check_tag(res, tag)``                ``GET <member>/tags/<t>``  True/False
``remove_tag(res, tag)``               ``DELETE .../tags/<t>``    None
``remove_all_tags(res)``               ``DELETE <member>/tags``   None
=====================================  =========================  ==========

and filter lists the same way: ``tags`` (all of), ``tags_any`` (any of),
``not_tags`` (none of all), ``not_tags_any`` (none of), each a string or a
list, sent as ``tags-any=red,blue``. :class:`TagsMixin` adds these to a
:class:`~stackclient.apiclient.service.ServiceManager`;
:class:`TaggableResource` gives resources the same verbs and keeps their
``tags`` field current.

Example::

    class NetworkManager(TagsMixin, ServiceManager): ...

    networks.add_tag(net, "ci")
    networks.set_tags(net, ["ci", "zuul"])      # exactly these
    networks.list(tags_any=["ci", "prod"])      # ?tags-any=ci,prod
    net.remove_tag("zuul")
"""

from __future__ import annotations

import typing as _t

from stackclient import _jsonutils
from stackclient.apiclient import _ids, _responses, exceptions
from stackclient.apiclient.service import ServiceResource

__all__ = ["TAG_FILTERS", "TaggableResource", "TagsMixin", "tag_filters"]

#: List filters on tags: Python-friendly spelling -> what goes on the wire.
TAG_FILTERS: dict[str, str] = {
    "tags": "tags",
    "tags_any": "tags-any",
    "tags-any": "tags-any",
    "not_tags": "not-tags",
    "not-tags": "not-tags",
    "not_tags_any": "not-tags-any",
    "not-tags-any": "not-tags-any",
}


class TagsMixin:
    """Tag verbs and tag filters for a ServiceManager (put it first in the bases)."""

    if _t.TYPE_CHECKING:  # pragma: no cover - provided by ServiceManager
        client: _t.Any

        def _member_path(self, resource: _t.Any, argument: str | None = None) -> str: ...

    def _query(self, filters: _t.Mapping[str, _t.Any]) -> str:
        return super()._query(tag_filters(filters))  # type: ignore[misc]

    def _tags_path(self, resource: _t.Any, *tag: _t.Any) -> str:
        path = self._member_path(resource) + "/tags"
        return path + "".join("/" + _ids.path_segment(t, "tag") for t in tag)

    def get_tags(self, resource: _t.Any) -> list[str]:
        """Return the tags of ``resource`` (a resource or an id) as the server has them."""
        return self._tag_list(self.client.get(self._tags_path(resource)))

    def set_tags(self, resource: _t.Any, tags: _t.Iterable[str]) -> list[str]:
        """Replace every tag of ``resource`` with ``tags`` (one request); return them."""
        wanted = _tag_values(tags)
        return self._tag_list(self.client.put(self._tags_path(resource), json={"tags": wanted}))

    #: ``replace_tags`` is another name for :meth:`set_tags`.
    replace_tags = set_tags

    def add_tag(self, resource: _t.Any, tag: str) -> None:
        """Add one tag (adding a tag it already has changes nothing)."""
        self.client.put(self._tags_path(resource, tag))

    def add_tags(self, resource: _t.Any, tags: _t.Iterable[str]) -> None:
        """Add each of ``tags``, one request each, keeping the tags it has."""
        for tag in _tag_values(tags):
            self.add_tag(resource, tag)

    def check_tag(self, resource: _t.Any, tag: str) -> bool:
        """Whether ``resource`` has ``tag``."""
        try:
            self.client.get(self._tags_path(resource, tag))
        except exceptions.NotFound:
            return False
        return True

    def remove_tag(self, resource: _t.Any, tag: str, ignore_missing: bool = False) -> None:
        """Remove one tag; a tag it does not have raises NotFound unless ``ignore_missing``."""
        try:
            self.client.delete(self._tags_path(resource, tag))
        except exceptions.NotFound:
            if not ignore_missing:
                raise

    def remove_all_tags(self, resource: _t.Any) -> None:
        """Remove every tag of ``resource``."""
        self.client.delete(self._tags_path(resource))

    def _tag_list(self, resp: _t.Any) -> list[str]:
        body = _jsonutils.response_json(resp)
        tags = _responses.value(body, "tags", resp, resp.url or "")
        if not isinstance(tags, list):
            raise exceptions.InvalidResponse(
                "Expected a list of tags in the answer to %s, got %r"
                % (resp.url, type(tags).__name__),
                response=resp,
            )
        return tags


class TaggableResource(ServiceResource):
    """A resource with tag verbs that keep its ``tags`` field current.

    Example::

        net.add_tag("ci"); net.tags        # [..., 'ci']
        net.set_tags(["a", "b"]); net.tags  # ['a', 'b']
    """

    __slots__ = ()

    def add_tag(self, tag: str) -> None:
        """Add ``tag`` (see :meth:`TagsMixin.add_tag`)."""
        self._require_manager("tag").add_tag(self, tag)
        tags = list(self.__dict__.get("tags") or ())
        if tag not in tags:
            self.tags = tags + [tag]

    def remove_tag(self, tag: str, ignore_missing: bool = False) -> None:
        """Remove ``tag`` (see :meth:`TagsMixin.remove_tag`)."""
        self._require_manager("untag").remove_tag(self, tag, ignore_missing=ignore_missing)
        self.tags = [t for t in self.__dict__.get("tags") or () if t != tag]

    def set_tags(self, tags: _t.Iterable[str]) -> list[str]:
        """Replace every tag with ``tags``; return the tags the server kept."""
        self.tags = self._require_manager("tag").set_tags(self, tags)
        return list(self.tags)

    replace_tags = set_tags

    def remove_all_tags(self) -> None:
        """Remove every tag."""
        self._require_manager("untag").remove_all_tags(self)
        self.tags = []

    def check_tag(self, tag: str) -> bool:
        """Whether the server says this resource has ``tag`` (one request)."""
        return bool(self._require_manager("read the tags of").check_tag(self, tag))

    def get_tags(self) -> list[str]:
        """Read the tags from the server and keep them in ``tags``."""
        self.tags = self._require_manager("read the tags of").get_tags(self)
        return list(self.tags)


def tag_filters(filters: _t.Mapping[str, _t.Any]) -> _t.Mapping[str, _t.Any]:
    """``filters`` with tag filters spelled for the wire and lists joined by commas."""
    if not any(key in TAG_FILTERS for key in filters):
        return filters
    out = {}
    for key, value in filters.items():
        wire = TAG_FILTERS.get(key)
        if wire is None:
            out[key] = value
        elif value is not None:
            out[wire] = ",".join(_tag_values([value] if isinstance(value, str) else value))
    return out


def _tag_values(tags: _t.Iterable[str]) -> list[str]:
    """``tags`` as a list of non-empty strings; anything else is refused before sending."""
    if isinstance(tags, str):
        raise exceptions.ValidationError(
            "tags must be a list of strings, not the string %r: use [%r]" % (tags, tags)
        )
    values = list(tags)
    for tag in values:
        if not isinstance(tag, str) or not tag.strip():
            raise exceptions.ValidationError(
                "Each tag must be a non-empty string, got %r" % (tag,)
            )
    return values
