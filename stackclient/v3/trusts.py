"""Identity v3 trusts (OS-TRUST): ``/OS-TRUST/trusts``.

A trust lets a *trustor* user delegate some of their roles on a project to
a *trustee* user, who can then get a token scoped to the trust::

    trust = keystone.trusts.create(trustee_user=bot_id, trustor_user=me_id,
                                   project=project_id, role_names=["member"])
    keystone.trusts.list(trustor_user=me_id)
    keystone.trusts.delete(trust)

Trusts are immutable: :meth:`TrustManager.update` is refused.
"""

from __future__ import annotations

import datetime
import typing as _t

from stackclient.apiclient import base, exceptions
from stackclient.v3._common import isotime

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

__all__ = ["Trust", "TrustManager"]


class Trust(base.Resource):
    """A trust: ``id``, ``trustor_user_id``, ``trustee_user_id``, ``project_id``,
    ``impersonation``, ``roles``, ``expires_at``, ``remaining_uses``."""


def _trust_roles(
    role_names: _t.Iterable[str] | None, role_ids: _t.Iterable[_t.Any] | None
) -> list[dict[str, str]] | None:
    roles = [{"name": name} for name in role_names or ()]
    roles += [{"id": base.getid(role)} for role in role_ids or ()]
    return roles or None


class TrustManager(base.CrudManager):
    """Create, get, list, find and delete trusts."""

    resource_class = Trust
    collection_key = "trusts"
    key = "trust"
    base_url = "/OS-TRUST"

    def create(  # type: ignore[override]
        self,
        trustee_user: _t.Any,
        trustor_user: _t.Any,
        role_names: _t.Iterable[str] | None = None,
        role_ids: _t.Iterable[_t.Any] | None = None,
        project: _t.Any = None,
        impersonation: bool = False,
        expires_at: datetime.datetime | str | None = None,
        remaining_uses: int | None = None,
        **kwargs: _t.Any,
    ) -> Trust:
        """Create a trust from ``trustor_user`` (the caller) to ``trustee_user``.

        ``role_names``/``role_ids`` pick the delegated subset of the
        trustor's roles on ``project``. ``impersonation`` makes tokens from
        the trust act as the trustor. ``expires_at`` is a datetime (naive
        means UTC) or an ISO 8601 string; ``remaining_uses`` limits how
        many tokens the trust can issue (None: unlimited).
        """
        return super().create(
            expires_at=isotime(expires_at),
            impersonation=impersonation,
            project_id=base.getid(project),
            remaining_uses=remaining_uses,
            roles=_trust_roles(role_names, role_ids),
            trustee_user_id=base.getid(trustee_user),
            trustor_user_id=base.getid(trustor_user),
            **kwargs,
        )

    def list(  # type: ignore[override]
        self, trustee_user: _t.Any = None, trustor_user: _t.Any = None, **kwargs: _t.Any
    ) -> list[base.Resource]:
        """List trusts, optionally only those to ``trustee_user`` or from ``trustor_user``."""
        return super().list(
            trustee_user_id=base.getid(trustee_user),
            trustor_user_id=base.getid(trustor_user),
            **kwargs,
        )

    def get(self, trust: _t.Any) -> Trust:  # type: ignore[override]
        """Return one trust."""
        return super().get(trust_id=base.getid(trust))

    def delete(self, trust: _t.Any) -> requests.Response:  # type: ignore[override]
        """Delete a trust; tokens issued from it stop working."""
        return super().delete(trust_id=base.getid(trust))

    def update(self, *args: _t.Any, **kwargs: _t.Any) -> _t.NoReturn:  # type: ignore[override]
        """Refused: Keystone has no update for trusts."""
        raise exceptions.MethodNotImplemented(
            "Trusts are immutable: delete the trust and create a new one"
        )
