"""The bootstrap plugin: a fixed admin token and one endpoint.

Keystone's ``admin_token`` (or any token obtained elsewhere) is sent as
``X-Auth-Token`` to the given endpoint, whatever service is asked for.
No auth request is made and there is no catalog::

    plugin = AdminToken(token="ADMIN", endpoint="http://127.0.0.1:5000/v3")
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import auth as _apiauth

__all__ = ["AdminToken"]


class AdminToken(_apiauth.TokenEndpointPlugin):
    """A fixed token and endpoint; nothing to refresh, nothing to invalidate."""

    auth_system = "admin_token"
    opt_names: _t.ClassVar[list[str]] = ["token", "endpoint"]

    def __init__(self, token: str | None = None, endpoint: str | None = None) -> None:
        super().__init__(token=token, endpoint=endpoint)

    @property
    def token(self) -> str | None:
        """The token sent with every request."""
        return self.opts.get("token")

    @property
    def endpoint(self) -> str | None:
        """The URL used for every service."""
        return self.opts.get("endpoint")

    def get_headers(self, session: _t.Any, **kwargs: _t.Any) -> dict[str, str] | None:
        """Return ``{'X-Auth-Token': token}``."""
        return {"X-Auth-Token": self.token} if self.token else None

    def invalidate(self, token: str | None = None) -> bool:
        """Return False: a fixed token cannot be replaced, so a retry would fail again."""
        return False
