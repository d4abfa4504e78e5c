"""Identity v3 tokens: validate, inspect and revoke tokens (``/auth/tokens``).

The token to act on travels in the ``X-Subject-Token`` header; the caller's
own token (from the client's auth plugin) authorises the call::

    ref = keystone.tokens.validate(some_token)       # an AccessInfoV3
    ref.user_id, ref.project_id, ref.expires
    keystone.tokens.revoke_token(some_token)
    keystone.tokens.validate(some_token)              # now raises NotFound
"""

from __future__ import annotations

import typing as _t

from stackclient import _jsonutils, access
from stackclient.apiclient import base, exceptions

__all__ = ["TokenManager"]

_TOKENS_URL = "/auth/tokens"
_REVOKED_URL = "/auth/tokens/OS-PKI/revoked"


def _token_id(token: _t.Any) -> str:
    """Return the token id of a string, an AccessInfo or a resource with an id."""
    if isinstance(token, access.AccessInfo):
        token = token.auth_token
    else:
        token = base.getid(token)
    if not token or not isinstance(token, str):
        raise exceptions.ValidationError(
            "A token id (a non-empty string or an AccessInfo holding one) is "
            "required, got %r" % (type(token).__name__ if token else token,)
        )
    return token


def _subject_headers(token: str, access_rules_support: _t.Any = None) -> dict[str, str]:
    headers = {"X-Subject-Token": token}
    if access_rules_support:
        # keystoneclient put the float itself in the header, which requests
        # refuses ("Header value must be str"): send its text.
        headers["OpenStack-Identity-Access-Rules"] = str(access_rules_support)
    return headers


class TokenManager(base.BaseManager):
    """Validate, inspect and revoke Identity v3 tokens.

    Example::

        data = keystone.tokens.get_token_data(token, include_catalog=False)
        data["token"]["user"]["id"]
    """

    def revoke_token(self, token: _t.Any) -> _t.Any:
        """Revoke ``token`` (a token id or an AccessInfo): ``DELETE /auth/tokens``.

        Returns the response (204). Afterwards validating the token raises
        NotFound.
        """
        return self._request("DELETE", _TOKENS_URL, headers=_subject_headers(_token_id(token)))

    def get_revoked(self, audit_id_only: bool = False) -> dict[str, _t.Any]:
        """Return the body of ``GET /auth/tokens/OS-PKI/revoked``.

        ``audit_id_only`` asks for audit ids instead of token ids. Keystone
        removed PKI tokens; current servers (Keystone 30) answer 403 by
        design, raised as :class:`~stackclient.apiclient.exceptions.Forbidden`.
        """
        url = _REVOKED_URL + ("?audit_id_only" if audit_id_only else "")
        body = _jsonutils.response_json(self._request("GET", url))
        return body if body is not None else {}

    def get_token_data(
        self,
        token: _t.Any,
        include_catalog: bool = True,
        allow_expired: bool = False,
        access_rules_support: _t.Any = None,
    ) -> dict[str, _t.Any]:
        """Return the decoded body of ``GET /auth/tokens`` for ``token``.

        ``include_catalog=False`` adds ``?nocatalog``; ``allow_expired``
        adds ``allow_expired=1`` so an expired (not revoked) token is still
        described. ``access_rules_support`` (e.g. ``1.0``) is sent as the
        ``OpenStack-Identity-Access-Rules`` header. An invalid or revoked
        token raises NotFound.
        """
        flags = []
        if not include_catalog:
            flags.append("nocatalog")
        if allow_expired:
            flags.append("allow_expired=1")
        url = _TOKENS_URL + ("?" + "&".join(flags) if flags else "")
        headers = _subject_headers(_token_id(token), access_rules_support)
        resp = self._request("GET", url, headers=headers)
        body = _jsonutils.response_json(resp)
        if not isinstance(body, dict) or not isinstance(body.get("token"), dict):
            raise exceptions.InvalidResponse(
                "GET %s answered HTTP %s without a 'token' object; is the "
                "endpoint an Identity v3 service?" % (resp.url or url, resp.status_code),
                response=resp,
            )
        return body

    def validate(
        self,
        token: _t.Any,
        include_catalog: bool = True,
        allow_expired: bool = False,
        access_rules_support: _t.Any = None,
    ) -> access.AccessInfo:
        """Validate ``token`` (id or AccessInfo) and return what it says as an AccessInfoV3.

        Same options as :meth:`get_token_data`. The returned AccessInfo
        holds the validated token's id as ``auth_token``.
        """
        token_id = _token_id(token)
        body = self.get_token_data(
            token_id,
            include_catalog=include_catalog,
            allow_expired=allow_expired,
            access_rules_support=access_rules_support,
        )
        return access.AccessInfo.factory(body=body, auth_token=token_id)

    def validate_access_info(self, token: _t.Any) -> access.AccessInfo:
        """Validate ``token`` and return an AccessInfo (the v2.0 manager's name).

        The same as :meth:`validate` with its defaults.
        """
        return self.validate(token)
