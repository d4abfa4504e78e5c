"""The plugin for services running without authentication.

No token is sent at all; every service is reached at the one endpoint
given (a standalone service with ``auth_strategy = noauth``)::

    plugin = NoAuth(endpoint="http://127.0.0.1:8774/v2.1")
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import auth as _apiauth

__all__ = ["NoAuth"]


class NoAuth(_apiauth.TokenEndpointPlugin):
    """An endpoint and no token: a token-endpoint plugin whose token is never set."""

    auth_system = "none"
    opt_names: _t.ClassVar[list[str]] = ["endpoint"]

    def __init__(self, endpoint: str | None = None) -> None:
        super().__init__(endpoint=endpoint)

    @property
    def endpoint(self) -> str | None:
        """The URL used for every service."""
        return self.opts.get("endpoint")

    def get_headers(self, session: _t.Any, **kwargs: _t.Any) -> dict[str, str] | None:
        """Return an empty dict: the request is sent, with no auth header."""
        return {}
