"""Identity v3 groups: ``/v3/groups``.

Members are managed from the user side: ``users.add_to_group(user, group)``,
``users.list(group=group)``.

Example::

    admins = keystone.groups.create("admins", domain="default")
    keystone.groups.list(user=alice)  # the groups alice belongs to
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import _ids, base

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

__all__ = ["Group", "GroupManager"]


class Group(base.Resource):
    """An Identity group: ``id``, ``name``, ``description``, ``domain_id``.

    Unlike keystoneclient's, :meth:`update` raises errors instead of
    returning None for them, and refreshes this object in place.
    """

    def update(self, name: str | None = None, description: str | None = None) -> Group:
        """Change the given fields on the server; refresh and return ``self``.

        Only the fields given are sent; with none, nothing is sent.
        """
        changes = {
            k: v for k, v in (("name", name), ("description", description)) if v is not None
        }
        if changes:
            updated = self._require_manager("update").update(self.id, **changes)
            if updated is not None:
                self._add_details(updated._info)
        return self


class GroupManager(base.CrudManager):
    """Create, read, update, list and delete groups."""

    resource_class = Group
    collection_key = "groups"
    key = "group"

    def create(
        self, name: str, domain: _t.Any = None, description: str | None = None, **kwargs: _t.Any
    ) -> Group:
        """Create a group; other keywords are sent as extra attributes."""
        return super().create(
            name=name, domain_id=base.getid(domain), description=description, **kwargs
        )

    def list(self, user: _t.Any = None, domain: _t.Any = None, **kwargs: _t.Any) -> list[Group]:
        """Return the groups matching the filters, one request (one page).

        ``user`` lists the groups that user belongs to (``/users/{id}/groups``);
        ``domain`` filters by ``domain_id``; other keywords are query filters.
        """
        return super().list(**_list_args(user, domain, kwargs))

    def iterate(
        self, user: _t.Any = None, domain: _t.Any = None, **kwargs: _t.Any
    ) -> _t.Iterator[Group]:
        """Like :meth:`list`, but yield every group, fetching pages as needed."""
        return super().iterate(**_list_args(user, domain, kwargs))

    def get(self, group: _t.Any) -> Group:
        """Return one group (by id or :class:`Group`)."""
        return super().get(group_id=base.getid(group))

    def update(
        self,
        group: _t.Any,
        name: str | None = None,
        description: str | None = None,
        **kwargs: _t.Any,
    ) -> Group:
        """Change the given attributes of a group (None means unchanged)."""
        return super().update(
            group_id=base.getid(group), name=name, description=description, **kwargs
        )

    def delete(self, group: _t.Any) -> requests.Response:
        """Delete a group (its members are not deleted)."""
        return super().delete(group_id=base.getid(group))


def _list_args(user: _t.Any, domain: _t.Any, kwargs: dict[str, _t.Any]) -> dict[str, _t.Any]:
    args = dict(kwargs, domain_id=base.getid(domain))
    if user is not None:
        args["base_url"] = "/users/%s" % _ids.path_segment(user, "user")
    return args
