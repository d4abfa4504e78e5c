"""The keystoneauth1-shaped face of the request pipeline.

A :class:`Session` holds an auth plugin and an
:class:`~stackclient.apiclient.client.HTTPClient`, and adds what
keystoneauth users expect: endpoints looked up from the plugin for a
relative URL, auth headers added for them, and one re-authentication when
a token is rejected. Everything else (TLS, retries, redirects, timings,
errors, the redacted debug log) is the pipeline's.
"""

from __future__ import annotations

import typing as _t

import requests

from stackclient import _redact, _verbs
from stackclient.apiclient import client as _client
from stackclient.apiclient import exceptions

__all__ = ["Session"]


def _describe(endpoint_filter: _t.Mapping[str, _t.Any]) -> str:
    return ", ".join("%s=%r" % item for item in sorted(endpoint_filter.items())) or "no filter"


class Session(_verbs.VerbsMixin):
    """Send requests with an auth plugin's token to its catalog's endpoints.

    ``verify``, ``cert``, ``timeout``, ``user_agent`` and ``original_ip``
    mean what they mean for :class:`~stackclient.apiclient.client.HTTPClient`;
    ``session`` is a ``requests.Session`` to send through. Pass
    ``http_client=`` instead to share an existing pipeline (its settings
    then apply, and the ones given here are ignored).

    Example::

        sess = Session(auth=v3.Password(auth_url=..., username=..., ...))
        sess.get("/projects", endpoint_filter={"service_type": "identity"})   # <identity endpoint>/projects
    """

    def __init__(
        self,
        auth: _t.Any = None,
        verify: bool | str = True,
        cert: str | tuple[str, str] | None = None,
        timeout: float | None = None,
        user_agent: str | None = None,
        original_ip: str | None = None,
        *,
        session: requests.Session | None = None,
        http_client: _client.HTTPClient | None = None,
        debug: bool = False,
        timings: bool = False,
        connect_retries: int = 0,
        status_code_retries: int = 0,
    ) -> None:
        if http_client is None:
            http_client = _client.HTTPClient(
                auth,
                original_ip=original_ip,
                verify=verify,
                cert=cert,
                timeout=float(timeout) if timeout is not None else None,
                timings=timings,
                debug=debug,
                user_agent=user_agent,
                http=session,
                connect_retries=connect_retries,
                status_code_retries=status_code_retries,
            )
        self.http_client = http_client
        self.auth = auth

    # -- settings live in the pipeline --------------------------------------

    @property
    def session(self) -> requests.Session:
        """The ``requests.Session`` (connection pool) requests go through."""
        return self.http_client.http

    @property
    def verify(self) -> bool | str:
        """True, False or a CA bundle path."""
        return self.http_client.verify

    @verify.setter
    def verify(self, value: bool | str) -> None:
        self.http_client.verify = value

    @property
    def cert(self) -> str | tuple[str, str] | None:
        """The client certificate (path, or (cert, key) paths)."""
        return self.http_client.cert

    @cert.setter
    def cert(self, value: str | tuple[str, str] | None) -> None:
        self.http_client.cert = value

    @property
    def timeout(self) -> float | None:
        """Seconds to wait for the server, or None to wait forever."""
        return self.http_client.timeout

    @timeout.setter
    def timeout(self, value: float | None) -> None:
        self.http_client.timeout = value

    @property
    def user_agent(self) -> str:
        """The ``User-Agent`` sent unless a request sets its own."""
        return self.http_client.user_agent

    @user_agent.setter
    def user_agent(self, value: str | None) -> None:
        self.http_client.user_agent = value

    @property
    def original_ip(self) -> str | None:
        """The end user's address, sent as ``Forwarded: for=<ip>``."""
        return self.http_client.original_ip

    @original_ip.setter
    def original_ip(self, value: str | None) -> None:
        self.http_client.original_ip = value

    # -- requests -----------------------------------------------------------

    def request(
        self,
        url: str,
        method: str,
        endpoint_filter: _t.Mapping[str, _t.Any] | None = None,
        authenticated: bool | None = None,
        raise_exc: bool = True,
        json: _t.Any = None,
        headers: _t.Mapping[str, str] | None = None,
        endpoint_override: str | None = None,
        params: _t.Any = None,
        *,
        auth: _t.Any = None,
        allow_reauth: bool = True,
        user_agent: str | None = None,
        redirect: bool | int | None = None,
        global_request_id: str | None = None,
        **kwargs: _t.Any,
    ) -> requests.Response:
        """Send a request and return the response.

        A relative ``url`` is joined to ``endpoint_override`` or to the
        endpoint the auth plugin gives for ``endpoint_filter`` (service_type,
        interface, region_name, ...). ``authenticated=None`` adds the
        plugin's auth headers when there is a plugin. A 401 invalidates the
        token that failed and re-sends once with a new one. Other keyword
        arguments go to :meth:`HTTPClient.request` (``timeout``, ``data``,
        ``stream``, ``connect_retries``, ...).
        """
        auth = auth or self.auth
        headers = dict(headers) if headers else {}
        if user_agent:
            headers["User-Agent"] = user_agent
        if global_request_id:
            headers["X-OpenStack-Request-ID"] = global_request_id
        if redirect is not None:
            kwargs["allow_redirects"] = bool(redirect)
        if authenticated is None:
            authenticated = auth is not None
        auth_headers = self._auth_headers_for_request(auth) if authenticated else None
        if auth_headers:
            headers.update(auth_headers)
        url = self._full_url(url, endpoint_filter, endpoint_override, auth)
        send = self.http_client.request
        resp = send(
            method, url, headers=headers, json=json, params=params, raise_exc=False, **kwargs
        )
        if resp.status_code == 401 and auth_headers is not None and allow_reauth:
            new_headers = self._renew_auth(auth, auth_headers)
            if new_headers is not None:
                resp.close()  # a streamed 401 would keep its connection out of the pool
                headers.update(new_headers)
                resp = send(method, url, headers=headers, json=json, params=params,
                            raise_exc=False, **kwargs)  # fmt: skip
        if raise_exc and resp.status_code >= 400:
            raise exceptions.from_response(resp, method.upper(), _redact.url(url))
        return resp

    def _auth_headers_for_request(self, auth: _t.Any) -> dict[str, str]:
        headers = self.get_auth_headers(auth)
        if headers is None:
            raise exceptions.AuthorizationFailure(
                "Auth plugin %s has no valid credentials to send; check its options"
                % type(auth).__name__
            )
        return headers

    def _renew_auth(self, auth: _t.Any, failed: _t.Mapping[str, str]) -> dict[str, str] | None:
        """Invalidate the rejected token; return new headers if they differ."""
        _client._invalidate_token(auth, failed.get("X-Auth-Token"))
        headers = self.get_auth_headers(auth)
        if headers is None or headers == failed:
            return None
        return headers

    def _full_url(
        self,
        url: str,
        endpoint_filter: _t.Mapping[str, _t.Any] | None,
        endpoint_override: str | None,
        auth: _t.Any,
    ) -> str:
        if url.startswith(("http://", "https://")):
            return url
        base = endpoint_override
        if not base:
            if not endpoint_filter:
                raise exceptions.EndpointNotFound(
                    "Relative URL %r needs an endpoint: pass endpoint_filter= "
                    "(e.g. service_type=) or endpoint_override=" % url
                )
            base = self.get_endpoint(auth, **endpoint_filter)
            if not base:
                raise exceptions.EndpointNotFound(
                    "No endpoint found for %s; check the service catalog, or "
                    "pass endpoint_override=" % _describe(endpoint_filter)
                )
        if not url:
            return base
        return "%s/%s" % (base.rstrip("/"), url.lstrip("/"))

    # -- auth ---------------------------------------------------------------

    def _auth_required(self, auth: _t.Any, purpose: str) -> _t.Any:
        auth = auth or self.auth
        if auth is None:
            raise exceptions.AuthorizationFailure(
                "This Session has no auth plugin, so it cannot %s. Create it "
                "with Session(auth=...), or send with authenticated=False to an "
                "absolute URL or endpoint_override=." % purpose
            )
        return auth

    def get_auth_headers(self, auth: _t.Any = None, **kwargs: _t.Any) -> dict[str, str] | None:
        """Return the headers that authenticate a request (may authenticate)."""
        auth = self._auth_required(auth, "authenticate a request")
        return auth.get_headers(self, **kwargs)

    def get_token(self, auth: _t.Any = None) -> str | None:
        """Return the current token (authenticating if needed), or None."""
        return (self.get_auth_headers(auth) or {}).get("X-Auth-Token")

    def get_endpoint(self, auth: _t.Any = None, **kwargs: _t.Any) -> str | None:
        """Return the plugin's endpoint for ``service_type``, ``interface``, ...

        ``endpoint_override=`` is returned as is. None when nothing matches
        (some plugins raise :class:`EndpointNotFound` instead).
        """
        if kwargs.get("endpoint_override"):
            return kwargs["endpoint_override"]
        auth = self._auth_required(auth, "find an endpoint for %s" % _describe(kwargs))
        return auth.get_endpoint(self, **kwargs)

    def invalidate(self, auth: _t.Any = None) -> bool:
        """Drop the plugin's cached token; True if a new one can be fetched."""
        return bool(self._auth_required(auth, "invalidate a token").invalidate())

    def get_user_id(self, auth: _t.Any = None) -> str | None:
        """Return the id of the user the token belongs to."""
        return self._access_attr(auth, "user_id")

    def get_project_id(self, auth: _t.Any = None) -> str | None:
        """Return the id of the project the token is scoped to, or None."""
        return self._access_attr(auth, "project_id")

    def _access_attr(self, auth: _t.Any, name: str) -> str | None:
        auth = self._auth_required(auth, "tell the %s" % name)
        getter = getattr(auth, "get_" + name, None)
        if getter is not None:
            return getter(self)
        if not hasattr(auth, "get_access"):
            raise exceptions.AuthorizationFailure(
                "Auth plugin %s holds no token details, so it cannot tell the %s"
                % (type(auth).__name__, name)
            )
        return getattr(auth.get_access(self), name, None)

    # -- timings ------------------------------------------------------------

    def get_timings(self) -> list[tuple[str, float, float]]:
        """Return ``("METHOD URL", start, end)`` per request (``timings=True``)."""
        return self.http_client.get_timings()

    def reset_timings(self) -> None:
        """Forget the recorded timings."""
        self.http_client.reset_timings()

    def close(self) -> None:
        """Close the connection pool if this session's pipeline created it."""
        self.http_client.close()
