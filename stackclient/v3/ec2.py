"""Identity v3 EC2 credentials: ``/v3/users/{user_id}/credentials/OS-EC2``.

Each is an access/secret pair bound to a user and a project. The secret is
returned by ``create``, ``get`` and ``list``; it never appears in a repr
and the pipeline's debug log masks it.

Example::

    pair = keystone.ec2.create(alice.id, demo.id)
    keystone.ec2.get(alice.id, pair.access).secret
    keystone.ec2.delete(alice.id, pair.access)
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import _ids, base, exceptions

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

__all__ = ["EC2", "EC2Manager"]


class EC2(base.Resource):
    """An EC2 pair: ``access``, ``secret``, ``user_id``, ``tenant_id``/``project_id``.

    The pair is named by its ``access`` key. keystoneclient's repr printed
    every field, the secret included; this one shows no secret.
    """

    def __repr__(self) -> str:
        info = self._info
        return "<EC2 access=%r user_id=%r project_id=%r>" % (
            info.get("access"),
            info.get("user_id"),
            info.get("project_id", info.get("tenant_id")),
        )


class EC2Manager(base.ManagerWithFind):
    """Create, get, list and delete a user's EC2 credentials.

    ``find``/``findall`` need the ``user_id`` whose pairs to search
    (keystoneclient's failed with a TypeError).
    """

    resource_class = EC2

    def create(self, user_id: _t.Any, project_id: _t.Any) -> EC2:
        """Create a pair for the user on the project.

        The body names the project ``tenant_id``, as Keystone's v3 OS-EC2
        API expects.
        """
        body = {"tenant_id": base.getid(project_id)}
        return self._post(_url(user_id), body, "credential")

    def get(self, user_id: _t.Any, access: _t.Any) -> EC2:
        """Return the user's pair with this access key (or :class:`EC2`)."""
        return self._get(_url(user_id, access), "credential")

    def list(self, user_id: _t.Any) -> list[EC2]:
        """Return every pair of the user."""
        return self._list(_url(user_id), "credentials")

    def delete(self, user_id: _t.Any, access: _t.Any) -> requests.Response:
        """Delete the user's pair with this access key."""
        return self._delete(_url(user_id, access))

    def findall(self, user_id: _t.Any = None, **kwargs: _t.Any) -> list[EC2]:
        """Return the user's pairs whose attributes equal ``kwargs``."""
        if user_id is None:
            raise exceptions.ValidationError("EC2 credentials belong to a user: pass user_id=")
        return [
            pair
            for pair in self.list(user_id)
            if all(pair._info.get(k) == v for k, v in kwargs.items())
        ]

    def find(self, user_id: _t.Any = None, **kwargs: _t.Any) -> EC2:
        """Return the one pair of the user matching ``kwargs`` (NotFound, NoUniqueMatch)."""
        found = self.findall(user_id, **kwargs)
        if len(found) == 1:
            return found[0]
        # The filter values are named, not shown: a caller may search by secret.
        wanted = ", ".join(sorted(kwargs)) or "no filters"
        if not found:
            raise exceptions.NotFound(
                "No EC2 credential of user %s matches the filters given (%s)" % (user_id, wanted)
            )
        raise exceptions.NoUniqueMatch(
            "%d EC2 credentials of user %s match the filters given (%s); add filters "
            "or use get(user_id, access)" % (len(found), user_id, wanted)
        )


def _url(user_id: _t.Any, access: _t.Any = None) -> str:
    if not user_id:
        raise exceptions.ValidationError("Specify the user whose EC2 credentials to use")
    url = "/users/%s/credentials/OS-EC2" % _ids.path_segment(user_id, "user_id")
    if access is not None:
        url += "/" + _ids.path_segment(getattr(access, "access", access), "access")
    return url
