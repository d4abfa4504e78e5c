"""Identity v2.0 EC2 credentials (``/users/{user_id}/credentials/OS-EC2``).

An EC2 credential is an ``access``/``secret`` pair for a user on a tenant.
The secret is a password: it is never shown by ``repr`` and the debug log
masks it::

    cred = keystone.ec2.create(user.id, tenant.id)
    cred.access, cred.secret
    keystone.ec2.delete(user.id, cred)      # or cred.delete()
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import base
from stackclient.v2_0 import _paths

__all__ = ["EC2", "CredentialsManager"]


class EC2(base.Resource):
    """An EC2 credential: ``access``, ``secret``, ``user_id``, ``tenant_id``.

    Its repr names the access key and user, never the secret.
    """

    NAME_ATTR = "access"

    def __repr__(self) -> str:
        return "<EC2 access=%r user_id=%r tenant_id=%r>" % (
            self._info.get("access"),
            self._info.get("user_id"),
            self._info.get("tenant_id"),
        )

    def delete(self) -> _t.Any:
        """Delete this credential.

        python-keystoneclient's ``EC2.delete()`` called ``manager.delete(self)``
        without the user id and always failed with a TypeError; the user id
        and access key are read from the credential itself.
        """
        manager = self._require_manager("delete")
        return manager.delete(self._info.get("user_id"), self)


def _access_key(access: _t.Any) -> _t.Any:
    """The access key of an :class:`EC2` (which has no ``id``), or the key itself."""
    if isinstance(access, EC2):
        return access._info.get("access")
    return access


def _credentials_path(user_id: _t.Any, access: _t.Any = None) -> str:
    parts = ["users", _paths.segment(user_id, "user"), "credentials", "OS-EC2"]
    if access is not None:
        parts.append(_paths.segment(_access_key(access), "EC2 access key"))
    return _paths.join(*parts)


class CredentialsManager(base.ManagerWithFind):
    """Create, list, get and delete a user's EC2 credentials.

    Example::

        for cred in keystone.ec2.list(user.id):
            print(cred.access, cred.tenant_id)
    """

    resource_class = EC2

    def create(self, user_id: _t.Any, tenant_id: _t.Any) -> EC2:
        """Create a credential for the user on the tenant (ids or resources).

        ``POST /users/{user_id}/credentials/OS-EC2`` with ``{"tenant_id": ...}``.
        """
        _paths.segment(tenant_id, "tenant")
        body = {"tenant_id": base.getid(tenant_id)}
        return self._create(_credentials_path(user_id), body, "credential")

    def list(self, user_id: _t.Any) -> list[EC2]:
        """Return the user's credentials (secrets included)."""
        return self._list(_credentials_path(user_id), "credentials")

    def get(self, user_id: _t.Any, access: _t.Any) -> EC2:
        """Return the credential with the access key ``access`` (or an :class:`EC2`)."""
        return self._get(_credentials_path(user_id, access), "credential")

    def delete(self, user_id: _t.Any, access: _t.Any) -> _t.Any:
        """Delete the user's credential with the access key ``access`` (or an :class:`EC2`)."""
        return self._delete(_credentials_path(user_id, access))
