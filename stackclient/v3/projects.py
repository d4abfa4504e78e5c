"""Identity v3 projects: ``/v3/projects``, their hierarchy and their tags.

Example::

    demo = keystone.projects.create("demo", domain="default")
    keystone.projects.add_tag(demo, "blue")
    keystone.projects.list(domain="default", tags="blue")
    keystone.projects.get(demo, subtree_as_ids=True).subtree
"""

from __future__ import annotations

import types
import typing as _t

from stackclient import _jsonutils
from stackclient.apiclient import _ids, _responses, base, exceptions

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

__all__ = ["Project", "ProjectManager"]

#: The key-only query flags of ``GET /projects/{id}``, in the order sent.
_HIERARCHY_FLAGS = ("subtree_as_list", "subtree_as_ids", "parents_as_list", "parents_as_ids")


#: Tag filter keywords and the query names Keystone reads. keystoneclient
#: sent the keywords as they were, which Keystone silently ignored.
_TAG_FILTERS = types.MappingProxyType(
    {"tags_any": "tags-any", "not_tags": "not-tags", "not_tags_any": "not-tags-any"}
)
_TAG_KEYS = frozenset(("tags", *_TAG_FILTERS, *_TAG_FILTERS.values()))


class Project(base.Resource):
    """An Identity project.

    Fields: ``id``, ``name``, ``description``, ``enabled``, ``domain_id``,
    ``parent_id``, ``is_domain``, ``tags`` (``[]`` when the server sent
    none), and ``parents``/``subtree`` when asked for with ``get``.

    The helpers below act on the server at once through the manager.
    Unlike keystoneclient's, :meth:`update` raises errors instead of
    returning None for them, and refreshes this object in place.
    """

    @property
    def tags(self) -> list[str]:
        """The project's tags (``[]`` when the server sent none)."""
        return self._info.get("tags", [])

    @tags.setter
    def tags(self, value: list[str]) -> None:
        self._info = dict(self._info, tags=value)

    def update(
        self, name: str | None = None, description: str | None = None, enabled: bool | None = None
    ) -> Project:
        """Change the given fields on the server; refresh and return ``self``.

        Only the fields given are sent; with none, nothing is sent.
        """
        changes = {"name": name, "description": description, "enabled": enabled}
        changes = {k: v for k, v in changes.items() if v is not None}
        if changes:
            updated = self._require_manager("update").update(self.id, **changes)
            if updated is not None:
                self._add_details(updated._info)
        return self

    def add_tag(self, tag: str) -> None:
        """Add one tag to this project."""
        self._require_manager("tag").add_tag(self, tag)

    def update_tags(self, tags: _t.Iterable[str]) -> list[str]:
        """Replace this project's tags; return the new list."""
        return self._require_manager("tag").update_tags(self, tags)

    def delete_tag(self, tag: str) -> None:
        """Remove one tag from this project."""
        self._require_manager("tag").delete_tag(self, tag)

    def delete_all_tags(self) -> list[str]:
        """Remove every tag from this project; return ``[]``."""
        return self._require_manager("tag").update_tags(self, [])

    def list_tags(self) -> list[str]:
        """Return this project's tags as the server has them now."""
        return self._require_manager("tag").list_tags(self)

    def check_tag(self, tag: str) -> bool:
        """Whether this project has the tag."""
        return self._require_manager("tag").check_tag(self, tag)


class ProjectManager(base.CrudManager):
    """Create, read, update, list and delete projects, and manage their tags."""

    resource_class = Project
    collection_key = "projects"
    key = "project"

    def create(
        self,
        name: str,
        domain: _t.Any,
        description: str | None = None,
        enabled: bool = True,
        parent: _t.Any = None,
        **kwargs: _t.Any,
    ) -> Project:
        """Create a project in ``domain``, below ``parent`` when given.

        ``parent`` wins over a ``parent_id`` keyword.
        """
        if parent is not None:
            kwargs["parent_id"] = base.getid(parent)
        return super().create(
            domain_id=base.getid(domain),
            name=name,
            description=description,
            enabled=enabled,
            **kwargs,
        )

    def list(
        self, domain: _t.Any = None, user: _t.Any = None, parent: _t.Any = None, **kwargs: _t.Any
    ) -> list[Project]:
        """Return the projects matching the filters, one request (one page).

        ``user`` lists the projects that user has roles on
        (``/users/{id}/projects``); ``domain`` and ``parent`` filter by
        ``domain_id`` and ``parent_id``. Other keywords are query filters,
        e.g. ``name``, ``enabled``, ``is_domain``, ``limit``. Tag filters
        take a comma-separated string or a list: ``tags`` (all of them),
        ``tags_any``, ``not_tags``, ``not_tags_any``; they are sent as the
        ``tags-any``, ``not-tags``, ``not-tags-any`` Keystone reads
        (keystoneclient sent the underscore names, which Keystone ignores).
        """
        return super().list(fallback_to_auth=True, **_list_args(domain, user, parent, kwargs))

    def iterate(
        self, domain: _t.Any = None, user: _t.Any = None, parent: _t.Any = None, **kwargs: _t.Any
    ) -> _t.Iterator[Project]:
        """Like :meth:`list`, but yield every project, fetching pages as needed."""
        return super().iterate(**_list_args(domain, user, parent, kwargs))

    def get(
        self,
        project: _t.Any,
        subtree_as_list: bool = False,
        parents_as_list: bool = False,
        subtree_as_ids: bool = False,
        parents_as_ids: bool = False,
    ) -> Project:
        """Return one project, optionally with its place in the hierarchy.

        ``*_as_list`` adds ``subtree``/``parents`` as flat lists of the
        projects the caller has roles on; ``*_as_ids`` adds them as nested
        dicts of ids. Asking for both forms of the same side raises
        ValidationError.
        """
        flags = {
            "subtree_as_list": subtree_as_list,
            "subtree_as_ids": subtree_as_ids,
            "parents_as_list": parents_as_list,
            "parents_as_ids": parents_as_ids,
        }
        for side in ("parents", "subtree"):
            if flags[side + "_as_list"] and flags[side + "_as_ids"]:
                raise exceptions.ValidationError(
                    "Specify either %s_as_ids or %s_as_list, not both" % (side, side)
                )
        query = self.build_key_only_query(f for f in _HIERARCHY_FLAGS if flags[f])
        url = self.build_url(project_id=_ids.check_id(project, "project"))
        return self._get(url + query, self.key)

    def update(
        self,
        project: _t.Any,
        name: str | None = None,
        domain: _t.Any = None,
        description: str | None = None,
        enabled: bool | None = None,
        **kwargs: _t.Any,
    ) -> Project:
        """Change the given attributes of a project (None means unchanged)."""
        return super().update(
            project_id=base.getid(project),
            domain_id=base.getid(domain),
            name=name,
            description=description,
            enabled=enabled,
            **kwargs,
        )

    def delete(self, project: _t.Any) -> requests.Response:
        """Delete a project (one with child projects is refused by Keystone)."""
        return super().delete(project_id=base.getid(project))

    # -- tags -----------------------------------------------------------------

    def add_tag(self, project: _t.Any, tag: str) -> None:
        """Add one tag (``PUT /projects/{id}/tags/{tag}``)."""
        self._request("PUT", _tag_url(project, tag))

    def update_tags(self, project: _t.Any, tags: _t.Iterable[str]) -> list[str]:
        """Replace all tags of a project; return the tags the server now has."""
        url = _tags_url(project)
        resp = self._request("PUT", url, json={"tags": list(tags)})
        return _tag_list(resp, url)

    def delete_tag(self, project: _t.Any, tag: str) -> requests.Response:
        """Remove one tag (a tag the project does not have raises NotFound)."""
        return self._delete(_tag_url(project, tag))

    def delete_tags(self, project: _t.Any) -> requests.Response:
        """Remove every tag of a project (``DELETE /projects/{id}/tags``)."""
        return self._delete(_tags_url(project))

    def list_tags(self, project: _t.Any) -> list[str]:
        """Return the tags of a project."""
        url = _tags_url(project)
        return _tag_list(self._request("GET", url), url)

    def check_tag(self, project: _t.Any, tag: str) -> bool:
        """Whether the project has the tag.

        Only a 404 means False; any other error is raised (keystoneclient
        answered False to every HTTP error, hiding auth and server faults).
        """
        try:
            self._request("HEAD", _tag_url(project, tag))
        except exceptions.NotFound:
            return False
        return True


def _list_args(domain: _t.Any, user: _t.Any, parent: _t.Any, kwargs: dict[str, _t.Any]) -> dict:
    args = {_TAG_FILTERS.get(k, k): _tag_filter(k, v) for k, v in kwargs.items()}
    args.update(domain_id=base.getid(domain), parent_id=base.getid(parent))
    if user is not None:
        args["base_url"] = "/users/%s" % _ids.path_segment(user, "user")
    return args


def _tag_filter(key: str, value: _t.Any) -> _t.Any:
    if key in _TAG_KEYS and isinstance(value, (list, tuple, set, frozenset)):
        return ",".join(value)
    return value


def _tags_url(project: _t.Any) -> str:
    return "/projects/%s/tags" % _ids.path_segment(project, "project")


def _tag_url(project: _t.Any, tag: str) -> str:
    # Keystone forbids "/" and "," in tags; a "/" would also be routed as a
    # path separator (even escaped) and answer a misleading 404.
    if not isinstance(tag, str) or not tag or "/" in tag or "," in tag:
        raise exceptions.ValidationError(
            "A project tag must be a non-empty string without '/' or ',', got %r" % (tag,)
        )
    return "%s/%s" % (_tags_url(project), _ids.path_segment(tag, "tag"))


def _tag_list(resp: requests.Response, url: str) -> list[str]:
    tags = _responses.value(_jsonutils.response_json(resp), "tags", resp, url)
    if not isinstance(tags, list):
        raise exceptions.InvalidResponse(
            "Expected a list of tags in the answer to %s, got %r" % (url, type(tags).__name__),
            response=resp,
        )
    return tags
