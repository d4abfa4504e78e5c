"""Identity v3 credentials: ``/v3/credentials`` (EC2, TOTP, certificates, ...).

``blob`` is a string the server stores as given; for ``type="ec2"`` it is
JSON text such as ``'{"access": "...", "secret": "..."}'`` and a
``project`` is required. The pipeline's debug log masks blobs.

Example::

    cred = keystone.credentials.create(alice, "totp", blob="JBSWY3DPEHPK3PXP")
    keystone.credentials.list(user_id=alice.id, type="totp")
"""

from __future__ import annotations

import typing as _t
import warnings

from stackclient.apiclient import base

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

__all__ = ["Credential", "CredentialManager"]


class Credential(base.Resource):
    """A credential: ``id``, ``user_id``, ``project_id``, ``type``, ``blob``.

    Its repr shows the id and type, never the blob.
    """

    def __repr__(self) -> str:
        return "<Credential id=%r type=%r>" % (self._info.get("id"), self._info.get("type"))


class CredentialManager(base.CrudManager):
    """Create, read, update, list and delete credentials."""

    resource_class = Credential
    collection_key = "credentials"
    key = "credential"

    def create(
        self, user: _t.Any, type: str, blob: str, project: _t.Any = None, **kwargs: _t.Any
    ) -> Credential:
        """Create a credential of ``type`` for ``user`` (``project`` needed for ec2)."""
        return super().create(
            user_id=base.getid(user),
            type=type,
            blob=blob,
            project_id=base.getid(project),
            **kwargs,
        )

    def get(self, credential: _t.Any) -> Credential:
        """Return one credential (by id or :class:`Credential`)."""
        return super().get(credential_id=base.getid(credential))

    def list(self, **kwargs: _t.Any) -> list[Credential]:
        """Return the credentials matching the filters (``user_id``, ``type``, ...)."""
        return super().list(**kwargs)

    def update(
        self,
        credential: _t.Any,
        user: _t.Any = None,
        type: str | None = None,
        blob: str | None = None,
        project: _t.Any = None,
        **kwargs: _t.Any,
    ) -> Credential:
        """Change a credential's ``blob`` (and, on older Keystones, ``type``/``project``).

        Keystone 30 accepts only ``blob`` here and answers 400 to anything
        else. ``user`` is kept for keystoneclient's signature, where it was
        required, but is not sent: keystoneclient always sent it as
        ``user_id``, which makes every update fail on current Keystone, and
        a credential's owner does not change. Passing it warns.
        """
        if user is not None:
            warnings.warn(
                "credentials.update(): 'user' is ignored; a credential's owner cannot change",
                DeprecationWarning,
                stacklevel=2,
            )
        return super().update(
            credential_id=base.getid(credential),
            type=type,
            blob=blob,
            project_id=base.getid(project),
            **kwargs,
        )

    def delete(self, credential: _t.Any) -> requests.Response:
        """Delete a credential."""
        return super().delete(credential_id=base.getid(credential))
