"""Identity v3 policy blobs: ``/v3/policies`` (deprecated in Keystone, still served).

Keystone stores the blob and its MIME type; it never enforces them.

Example::

    policy = keystone.policies.create('{"default": ""}')
    keystone.policies.update(policy, blob='{"default": "rule:admin"}')
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import base

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

__all__ = ["Policy", "PolicyManager"]


class Policy(base.Resource):
    """A policy: ``id``, ``blob``, ``type`` (a MIME type).

    Unlike keystoneclient's, :meth:`update` raises errors instead of
    returning None for them, and refreshes this object in place.
    """

    NAME_ATTR = "type"

    def update(self, blob: str | None = None, type: str | None = None) -> Policy:
        """Change the given fields on the server; refresh and return ``self``."""
        changes = {k: v for k, v in (("blob", blob), ("type", type)) if v is not None}
        if changes:
            updated = self._require_manager("update").update(self.id, **changes)
            if updated is not None:
                self._add_details(updated._info)
        return self


class PolicyManager(base.CrudManager):
    """Create, read, update, list and delete policy blobs."""

    resource_class = Policy
    collection_key = "policies"
    key = "policy"

    def create(self, blob: str, type: str = "application/json", **kwargs: _t.Any) -> Policy:
        """Store a policy ``blob`` of MIME ``type``."""
        return super().create(blob=blob, type=type, **kwargs)

    def get(self, policy: _t.Any) -> Policy:
        """Return one policy (by id or :class:`Policy`)."""
        return super().get(policy_id=base.getid(policy))

    def list(self, **kwargs: _t.Any) -> list[Policy]:
        """Return the policies matching the filters (``type``, ...)."""
        return super().list(**kwargs)

    def update(
        self, policy: _t.Any, blob: str | None = None, type: str | None = None, **kwargs: _t.Any
    ) -> Policy:
        """Change the given attributes of a policy (None means unchanged)."""
        return super().update(policy_id=base.getid(policy), blob=blob, type=type, **kwargs)

    def delete(self, policy: _t.Any) -> requests.Response:
        """Delete a policy."""
        return super().delete(policy_id=base.getid(policy))
