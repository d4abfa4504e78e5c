"""The plugin for services running without authentication.

No token is sent at all; every service is reached at the one endpoint
given (a standalone service with ``auth_strategy = noauth``)::

    plugin = NoAuth(endpoint="http://127.0.0.1:8774/v2.1")
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import auth as _apiauth

__all__ = ["NoAuth"]


class NoAuth(_apiauth.BaseAuthPlugin):
    """An endpoint and no token."""

    auth_system = "none"
    opt_names: _t.ClassVar[list[str]] = ["endpoint"]

    def __init__(self, endpoint: str | None = None) -> None:
        super().__init__(endpoint=endpoint)

    @property
    def endpoint(self) -> str | None:
        """The URL used for every service."""
        return self.opts.get("endpoint")

    def _do_authenticate(self, http_client: _t.Any) -> None:
        """Nothing to do: there is no token."""

    def token_and_endpoint(
        self, endpoint_type: str, service_type: str | None
    ) -> tuple[str | None, str | None]:
        """Return ``(None, endpoint)``: no token, the one endpoint."""
        _apiauth.normalize_interface(endpoint_type)
        return None, self.endpoint

    def get_token(self, session: _t.Any) -> str | None:
        """Return None: no token is used."""
        return None

    def get_headers(self, session: _t.Any, **kwargs: _t.Any) -> dict[str, str] | None:
        """Return an empty dict: the request is sent, with no auth header."""
        return {}

    def get_endpoint(
        self,
        session: _t.Any,
        service_type: str | None = None,
        interface: str | None = None,
        region_name: str | None = None,
        service_name: str | None = None,
        **kwargs: _t.Any,
    ) -> str | None:
        """Return the configured endpoint, whatever the service."""
        return self.endpoint
