"""Identity v2.0 tokens: issue, validate, inspect and revoke (``/tokens``).

Example::

    token = keystone.tokens.authenticate(username="alice", password="s3cret",
                                         tenant_name="demo")
    token.id, token.expires, token.tenant
    ref = keystone.tokens.validate_access_info(token.id)   # an AccessInfoV2
    keystone.tokens.delete(token)

Token ids are credentials: a :class:`Token`'s repr never shows its id and
the debug log masks them.
"""

from __future__ import annotations

import typing as _t

from stackclient import _jsonutils, access
from stackclient.apiclient import base, exceptions
from stackclient.v2_0 import _paths, endpoints

__all__ = ["Token", "TokenManager"]

#: The ``interface`` that asks the auth plugin for its auth URL.
_AUTH_INTERFACE = "auth"


class Token(base.Resource):
    """A v2.0 token: the ``access`` object of a token response.

    ``id``, ``expires`` (as written by the server) and ``tenant`` read
    ``token``; ``user``, ``serviceCatalog`` and ``metadata`` are there as
    the server sent them.
    """

    def __repr__(self) -> str:
        return "<Token expires=%r tenant=%r>" % (self.expires, (self.tenant or {}).get("id"))

    @property
    def _token(self) -> dict[str, _t.Any]:
        token = self._info.get("token")
        return token if isinstance(token, dict) else {}

    @property
    def id(self) -> str | None:
        """The token id (a credential: keep it out of logs)."""
        return self._token.get("id")

    @property
    def expires(self) -> str | None:
        """When the token expires, an ISO 8601 string as the server wrote it."""
        return self._token.get("expires")

    @property
    def tenant(self) -> dict[str, _t.Any] | None:
        """The tenant the token is scoped to (``{"id", "name"}``), or None."""
        return self._token.get("tenant")


def _token_id(token: _t.Any) -> str:
    """The id of a token given as a string, a :class:`Token` or an AccessInfo."""
    if isinstance(token, access.AccessInfo):
        token = token.auth_token
    _paths.segment(token, "token")  # refuses a missing id
    return str(base.getid(token))


def _token_url(token: _t.Any, *rest: str) -> str:
    """``/tokens/{id}/...``. The id is a credential in the path: the
    pipeline's redaction hashes it in logs, timings and error messages.
    """
    return _paths.join("tokens", _paths.segment(_token_id(token), "token"), *rest)


def _auth_body(
    username: str | None,
    tenant_id: str | None,
    tenant_name: str | None,
    password: str | None,
    token: str | None,
) -> dict[str, _t.Any]:
    if token:
        auth: dict[str, _t.Any] = {"token": {"id": token}}
    elif username and password:
        auth = {"passwordCredentials": {"username": username, "password": password}}
    else:
        raise exceptions.ValidationError(
            "A username and password or a token is required to authenticate"
        )
    if tenant_id:
        auth["tenantId"] = tenant_id
    elif tenant_name:
        auth["tenantName"] = tenant_name
    return {"auth": auth}


class TokenManager(base.BaseManager):
    """Issue, validate and revoke tokens on behalf of other users.

    Validation calls need an admin token; :meth:`authenticate` needs none.
    """

    resource_class = Token

    def authenticate(
        self,
        username: str | None = None,
        tenant_id: str | None = None,
        tenant_name: str | None = None,
        password: str | None = None,
        token: str | None = None,
        return_raw: bool = False,
    ) -> _t.Any:
        """Get a new token: ``POST /tokens`` with password or token credentials.

        A ``token`` wins over ``username``/``password``; ``tenant_id`` over
        ``tenant_name``. Returns a :class:`Token`, or with ``return_raw``
        the ``access`` dict. Sent to the client's endpoint, or to the auth
        URL when the catalog has no such endpoint. No credentials raise a
        ValidationError (which is also a ValueError, as in keystoneclient);
        wrong ones raise Unauthorized.
        """
        body = _auth_body(username, tenant_id, tenant_name, password, token)
        try:
            return self._post("/tokens", body, "access", return_raw=return_raw)
        except exceptions.EndpointNotFound:
            return self._post(
                "/tokens",
                body,
                "access",
                return_raw=return_raw,
                endpoint_filter={"interface": _AUTH_INTERFACE},
            )

    def delete(self, token: _t.Any) -> _t.Any:
        """Revoke a token (id, :class:`Token` or AccessInfo): ``DELETE /tokens/{id}``."""
        return self._delete(_token_url(token))

    def endpoints(self, token: _t.Any) -> list[endpoints.Endpoint]:
        """Return the endpoints of the token's catalog: ``GET /tokens/{id}/endpoints``.

        Keystone answers ``{"endpoints": [...]}``; python-keystoneclient
        looked under ``token`` and failed on every real server, so the
        endpoints are returned as a list of
        :class:`~stackclient.v2_0.endpoints.Endpoint`.
        """
        url = _token_url(token, "endpoints")
        return self._list(url, "endpoints", obj_class=endpoints.Endpoint)

    def get_token_data(self, token: _t.Any) -> dict[str, _t.Any]:
        """Return the decoded body of ``GET /tokens/{id}`` (``{"access": {...}}``).

        An unknown, expired or revoked token raises NotFound.
        """
        url = _token_url(token)
        resp = self._request("GET", url)
        body = _jsonutils.response_json(resp)
        if not isinstance(body, dict) or not isinstance(body.get("access"), dict):
            raise exceptions.InvalidResponse(
                "GET %s answered HTTP %s without an 'access' object; is the "
                "endpoint an Identity v2.0 service?" % (resp.url or url, resp.status_code),
                response=resp,
            )
        return body

    def validate(self, token: _t.Any) -> Token:
        """Validate a token and return what the server says as a :class:`Token`."""
        return Token(self, self.get_token_data(token)["access"], loaded=True)

    def validate_access_info(self, token: _t.Any) -> access.AccessInfo:
        """Validate a token (id, :class:`Token` or AccessInfo); return an AccessInfoV2."""
        token_id = _token_id(token)
        body = self.get_token_data(token_id)
        return access.AccessInfo.factory(body=body, auth_token=token_id)

    def get_revoked(self) -> dict[str, _t.Any]:
        """Return the body of ``GET /tokens/revoked`` (``{"signed": <CMS text>}``)."""
        body = _jsonutils.response_json(self._request("GET", "/tokens/revoked"))
        return body if isinstance(body, dict) else {}
