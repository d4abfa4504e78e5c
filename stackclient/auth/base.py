"""The identity plugin base: token caching, refresh before expiry, one lock.

:class:`BaseIdentityPlugin` turns "send credentials to Keystone" (its
subclasses' :meth:`~BaseIdentityPlugin.get_auth_ref`) into a token cache
that is safe to share between threads:

* the token (an :class:`~stackclient.access.AccessInfo`, the ``auth_ref``)
  is reused until it has less than :data:`MIN_TOKEN_LIFE_SECONDS` to live,
  or less than half its life for a token shorter than twice that (a 60 s
  token is replaced after 30 s, not before every request); the life of a
  token this plugin fetched is counted on the local clock from when it was
  requested, so a server clock that is off does not shorten it;
* refreshing happens under a :class:`threading.Lock` with a second check
  inside it, so N threads that find the token stale cause one auth request;
* :meth:`~BaseIdentityPlugin.invalidate` drops only the token that failed;
* a stored ``auth_ref`` can be put back (``plugin.auth_ref = ref``) and is
  used without any request until it expires.
"""

from __future__ import annotations

import datetime
import threading
import typing as _t

from stackclient import _jsonutils
from stackclient.apiclient import auth as _apiauth
from stackclient.apiclient import exceptions

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

    from stackclient import access

__all__ = [
    "AUTH_INTERFACE",
    "MIN_TOKEN_LIFE_SECONDS",
    "AccessInfoPlugin",
    "BaseIdentityPlugin",
    "refresh_margin",
]

#: A cached token with fewer seconds than this left to live is replaced
#: before it is used, so a request never leaves with a token that expires
#: on the way (clock skew between client and server included).
MIN_TOKEN_LIFE_SECONDS = 120


def refresh_margin(lifetime: float | None) -> float:
    """Seconds before its expiry at which a token living ``lifetime`` seconds is replaced.

    :data:`MIN_TOKEN_LIFE_SECONDS`, or half the lifetime when that is
    shorter; the full margin when the lifetime is unknown.
    """
    if lifetime is None or lifetime <= 0:
        return float(MIN_TOKEN_LIFE_SECONDS)
    return min(float(MIN_TOKEN_LIFE_SECONDS), lifetime / 2)


def _utcnow() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)


def _issued(ref: access.AccessInfo) -> datetime.datetime | None:
    try:
        return ref.issued
    except exceptions.InvalidResponse:
        return None  # an unreadable issue time only costs the adaptive margin


#: The ``interface`` value that asks :meth:`BaseIdentityPlugin.get_endpoint`
#: for the auth URL itself (keystoneauth spells it the same way).
AUTH_INTERFACE = "auth"


class BaseIdentityPlugin(_apiauth.BaseAuthPlugin):
    """Base of the plugins that get their token from Keystone.

    Subclasses implement :meth:`get_auth_ref` (one auth request) and list
    their options in ``opt_names``; everything else -- caching, refresh,
    endpoints from the catalog, the apiclient face -- lives here.

    ``reauthenticate=False`` makes the first token the only one: once it
    expires, :class:`~stackclient.apiclient.exceptions.AuthorizationFailure`
    is raised instead of authenticating again.
    """

    opt_names: _t.ClassVar[list[str]] = ["auth_url"]

    #: Said in the error raised when Keystone rejects the credentials.
    _credentials_hint = "the credentials"

    #: The Identity API version the plugin's auth request is for.
    _api_version = "v3"

    def __init__(
        self, auth_url: str | None = None, *, reauthenticate: bool = True, **opts: _t.Any
    ) -> None:
        super().__init__(auth_url=auth_url, **opts)
        self.reauthenticate = reauthenticate
        self._auth_ref: access.AccessInfo | None = None
        # The token this plugin fetched and the local time it was asked for.
        self._fetched: tuple[access.AccessInfo, datetime.datetime] | None = None
        self._lock = threading.Lock()

    @property
    def auth_url(self) -> str | None:
        """The identity URL credentials are sent to."""
        return self.opts.get("auth_url")

    @auth_url.setter
    def auth_url(self, value: str | None) -> None:
        self.opts["auth_url"] = value

    @property
    def auth_ref(self) -> access.AccessInfo | None:
        """The cached token, or None. Set it to reuse a stored token."""
        return self._auth_ref

    @auth_ref.setter
    def auth_ref(self, value: access.AccessInfo | None) -> None:
        with self._lock:
            self._auth_ref = value

    # -- what subclasses provide --------------------------------------

    def get_auth_ref(self, session: _t.Any) -> access.AccessInfo:
        """Send the credentials to Keystone and return the new token (no caching)."""
        raise NotImplementedError("%s does not implement get_auth_ref" % type(self).__name__)

    def _missing_options(self) -> list[str]:
        return [] if self.auth_url else ["auth_url"]

    # -- the cache -----------------------------------------------------

    def _can_reauthenticate(self) -> bool:
        """Whether a new token may be requested now."""
        return self.reauthenticate or self._auth_ref is None

    def _time_left(self, ref: access.AccessInfo) -> tuple[float, float] | None:
        """(seconds ``ref`` has left, its refresh margin); None when it never expires."""
        expires = ref.expires
        if expires is None:
            return None
        issued = _issued(ref)
        lifetime = (expires - issued).total_seconds() if issued is not None else None
        now = _utcnow()
        fetched = self._fetched
        if fetched is not None and fetched[0] is ref and lifetime is not None:
            left = lifetime - (now - fetched[1]).total_seconds()  # on the local clock
        else:
            left = (expires - now).total_seconds()
        return left, refresh_margin(lifetime)

    def _usable(self, ref: access.AccessInfo) -> bool:
        timing = self._time_left(ref)
        if timing is None or timing[0] > timing[1]:
            return True
        # Nothing better can be had: keep using it until it really expires.
        return not self._can_reauthenticate() and timing[0] > 0

    def get_access(self, session: _t.Any) -> access.AccessInfo:
        """Return a token with time to live, authenticating only when needed.

        Thread-safe: when several threads find the cached token missing or
        about to expire, exactly one of them sends the auth request and the
        others wait for its result.
        """
        ref = self._auth_ref
        if ref is not None and self._usable(ref):
            return ref
        with self._lock:
            ref = self._auth_ref
            if ref is not None and self._usable(ref):
                return ref
            if not self._can_reauthenticate():
                raise self._cannot_refresh(ref)
            self.sufficient_options()
            asked = _utcnow()
            self._auth_ref = ref = self.get_auth_ref(session)
            self._fetched = (ref, asked)
            return ref

    def _no_refresh_reason(self) -> str:
        return "re-authentication is turned off (reauthenticate=False)"

    def _cannot_refresh(self, ref: access.AccessInfo | None) -> exceptions.AuthorizationFailure:
        reason = self._no_refresh_reason()
        if ref is None:
            return exceptions.AuthorizationFailure(
                "No token is available and %s; give the plugin credentials" % reason
            )
        return exceptions.AuthorizationFailure(
            "The token expired at %s; %s. Authenticate again with credentials."
            % (ref.expires, reason)
        )

    def invalidate(self, token: str | None = None) -> bool:
        """Drop the cached token so the next use fetches a new one.

        ``token`` is the token a request failed with. When it is not the
        cached one (another thread already replaced it), the cached token is
        kept and False is returned. False too when the plugin cannot
        re-authenticate. Otherwise the token is dropped and True returned.
        """
        with self._lock:
            ref = self._auth_ref
            if token is not None and (ref is None or ref.auth_token != token):
                return False
            if not self.reauthenticate:
                return False
            self._auth_ref = None
            return True

    # -- session face --------------------------------------------------

    def get_token(self, session: _t.Any) -> str | None:
        """Return a valid token, authenticating if needed."""
        return self.get_access(session).auth_token

    def get_headers(self, session: _t.Any, **kwargs: _t.Any) -> dict[str, str] | None:
        """Return ``{'X-Auth-Token': token}`` for a valid token."""
        return {"X-Auth-Token": self.get_token(session)}

    def get_endpoint(
        self,
        session: _t.Any,
        service_type: str | None = None,
        interface: str | None = None,
        region_name: str | None = None,
        service_name: str | None = None,
        **kwargs: _t.Any,
    ) -> str | None:
        """Return the URL of a service from the token's catalog.

        ``interface`` defaults to public and accepts ``publicURL``-style
        spellings (also as ``endpoint_type=``); ``interface='auth'`` returns
        the auth URL. Without ``service_type``, None. For
        ``service_type='identity'`` and a token without catalog, the auth
        URL. Raises :class:`EndpointNotFound` when the catalog has no match.
        """
        interface = interface or kwargs.get("endpoint_type")
        if interface == AUTH_INTERFACE:
            return self.auth_url
        if not service_type:
            return None
        ref = self.get_access(session)
        return self._endpoint_from(
            ref, service_type, _apiauth.normalize_interface(interface), region_name, service_name
        )

    def _identity_fallback_url(self) -> str | None:
        return self.auth_url

    def _endpoint_from(
        self,
        ref: access.AccessInfo,
        service_type: str,
        interface: str,
        region_name: str | None,
        service_name: str | None,
    ) -> str | None:
        if ref.has_service_catalog():
            return ref.service_catalog.url_for(
                service_type=service_type,
                interface=interface,
                region_name=region_name,
                service_name=service_name,
            )
        if service_type == "identity":
            return self._identity_fallback_url()
        raise exceptions.EndpointNotFound(
            "The token has no service catalog (unscoped, or requested without "
            "one), so no %s endpoint for service type %r can be found; scope the "
            "token to a project or domain, or give the endpoint explicitly"
            % (interface, service_type)
        )

    # -- apiclient face ------------------------------------------------

    def _do_authenticate(self, http_client: _t.Any) -> None:
        from stackclient import session as _session

        self.get_access(_session.Session(http_client=http_client))

    def token_and_endpoint(
        self, endpoint_type: str, service_type: str | None, region_name: str | None = None
    ) -> tuple[str | None, str | None]:
        """Return ``(token, endpoint)`` from the cached token, without any request.

        ``(None, None)`` when there is no usable cached token yet: the caller
        then runs :meth:`authenticate` and asks again.
        """
        interface = _apiauth.normalize_interface(endpoint_type)
        ref = self._auth_ref
        if ref is None or not self._usable(ref):
            return None, None
        if not service_type:
            return ref.auth_token, None
        endpoint = self._endpoint_from(ref, service_type, interface, region_name, None)
        return ref.auth_token, endpoint

    # -- helpers for subclasses ----------------------------------------

    def _url(self, path: str) -> str:
        from stackclient.auth import _discover

        base = _discover.check_auth_url(self.auth_url)
        return "%s/%s" % (base.rstrip("/"), path.lstrip("/"))

    def _post_auth(self, session: _t.Any, url: str, body: dict[str, _t.Any]) -> requests.Response:
        """POST an auth request; say what to check when it is refused.

        A 401 names what was rejected (never the secret); a 404 or 405 means
        the auth URL is not an Identity endpoint of this API version.
        """
        try:
            return session.post(url, json=body, authenticated=False)
        except exceptions.Unauthorized as error:
            message = "The identity service at %s rejected %s: %s" % (
                url,
                self._credentials_hint,
                error.message,
            )
            raise _rewritten(error, message, url) from None
        except (exceptions.NotFound, exceptions.MethodNotAllowed) as error:
            raise _rewritten(error, self._not_identity(url, error), url) from None

    def _not_identity(self, url: str, error: exceptions.HttpError) -> str:
        from stackclient.auth import _discover

        auth_url = self.auth_url or url
        hint = _discover.suggest_url(auth_url, self._api_version)
        if self._api_version == "v2.0":
            hint = "%s, or use a v3 plugin with %s (Keystone no longer serves v2.0)" % (
                hint,
                _discover.suggest_url(auth_url, "v3"),
            )
        return (
            "The auth URL %s does not look like an Identity %s endpoint: POST %s answered "
            "HTTP %s (%s). Give the versioned Identity URL, e.g. %s"
            % (auth_url, self._api_version, url, error.http_status, error.message, hint)
        )

    @staticmethod
    def _token_body(response: requests.Response, key: str) -> dict[str, _t.Any]:
        """Decode an auth response; InvalidResponse unless it holds ``{key: {...}}``."""
        body = _jsonutils.response_json(response)
        if not isinstance(body, dict) or not isinstance(body.get(key), dict):
            raise exceptions.InvalidResponse(
                "The identity service answered %s %s with HTTP %s but no %r "
                "object in the body; is the auth URL an identity endpoint?"
                % (
                    getattr(response.request, "method", "POST"),
                    response.url,
                    response.status_code,
                    key,
                ),
                response=response,
            )
        return body


def _rewritten(error: exceptions.HttpError, message: str, url: str) -> exceptions.HttpError:
    """``error`` again, of the same class, with ``message``."""
    return type(error)(
        message=message,
        details=error.details,
        response=error.response,
        request_id=error.request_id,
        url=error.url or url,
        method=error.method or "POST",
        http_status=error.http_status,
        retry_after=error.retry_after,
    )


class AccessInfoPlugin(BaseIdentityPlugin):
    """A plugin that only holds a stored token and cannot get another.

    Used to rebuild a client from an ``auth_ref`` without credentials: it
    makes no request; once the token expires it raises
    :class:`AuthorizationFailure`::

        plugin = AccessInfoPlugin(access.AccessInfo.from_json(saved))
    """

    def __init__(self, auth_ref: access.AccessInfo | None = None, auth_url: str | None = None):
        super().__init__(auth_url=auth_url, reauthenticate=False)
        self._auth_ref = auth_ref

    def _missing_options(self) -> list[str]:
        return []

    def _can_reauthenticate(self) -> bool:
        return False

    def _no_refresh_reason(self) -> str:
        return "no credentials to re-authenticate (the client was built from a stored auth_ref)"
