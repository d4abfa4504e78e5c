"""The request pipeline (:class:`HTTPClient`) and the classic client base.

Every request stackclient sends goes through :meth:`HTTPClient.request`,
whatever face it came from (:meth:`HTTPClient.client_request`,
:class:`stackclient.session.Session`, :class:`stackclient.adapter.Adapter`).
The send path is a few stacked steps::

    request                    prepare headers/body/TLS, raise on >= 400,
                               decode JSON
      _send_with_retries       connect failures; 429/503 for idempotent calls
        _send_following_redirects   auth headers never leave the origin
          _send_once           timing, debug log, requests, error translation
"""

from __future__ import annotations

import importlib
import logging
import time
import typing as _t
import warnings

import requests

import stackclient
from stackclient import _jsonutils, _redact, _transport
from stackclient.apiclient import _timeouts, exceptions

__all__ = [
    "DEFAULT_CONNECT_TIMEOUT",
    "DEFAULT_READ_TIMEOUT",
    "DEFAULT_RETRIABLE_STATUS_CODES",
    "DEFAULT_RETRY_DELAY",
    "DEFAULT_TIMEOUT",
    "BaseClient",
    "HTTPClient",
    "InsecureTLSWarning",
    "default_user_agent",
]

#: Seconds to wait for a connection (TCP and TLS) to be made, and for each
#: write while the request is sent. Longer means a wrong address or a
#: firewall dropping packets, rarely a slow server.
DEFAULT_CONNECT_TIMEOUT = 10.0

#: Seconds to wait for each read from the server: for its answer to start,
#: then between two pieces of it. Not a limit on the whole call: a long
#: download that keeps moving is never cut. Longer than the 60 s most load
#: balancers in front of OpenStack allow a backend, so their 504 (which
#: says more) arrives first.
DEFAULT_READ_TIMEOUT = 120.0

#: The ``(connect, read)`` timeout used when none is given (``timeout=None``).
DEFAULT_TIMEOUT = (DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT)

Timeout = _timeouts.Timeout

#: Seconds to wait before the first retry; each further retry doubles it.
DEFAULT_RETRY_DELAY = 0.5

#: Statuses re-sent (idempotent requests only) when status_code_retries > 0.
DEFAULT_RETRIABLE_STATUS_CODES = (429, 503)


#: Failures re-sent when connect_retries allow (a request that may have
#: reached the server only when it is idempotent or marked retriable).
_RETRIED_ERRORS = (exceptions.ConnectionRefused, exceptions.ConnectionDropped, exceptions.Timeout)


class InsecureTLSWarning(UserWarning):
    """A client sends requests without verifying the server's certificate."""


def default_user_agent() -> str:
    """Return ``stackclient/<version> python-requests/<version>``."""
    return "stackclient/%s python-requests/%s" % (stackclient.__version__, requests.__version__)


def _forwarded(original_ip: str) -> str:
    # RFC 7239: an IPv6 address is bracketed and quoted.
    if ":" in original_ip and not original_ip.startswith('"'):
        return 'for="[%s]"' % original_ip.strip("[]")
    return "for=%s" % original_ip


def _invalidate_token(plugin: _t.Any, token: str | None) -> bool:
    """Call ``plugin.invalidate(token)``, or ``invalidate()`` if it takes no token."""
    invalidate = getattr(plugin, "invalidate", None)
    if invalidate is None:
        return False
    import inspect  # only after a 401; importing it costs a few ms

    try:
        params = inspect.signature(invalidate).parameters.values()
    except (TypeError, ValueError):
        params = ()  # type: ignore[assignment]
    positional = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD,
                  inspect.Parameter.VAR_POSITIONAL)  # fmt: skip
    if any(p.kind in positional or p.name == "token" for p in params):
        return bool(invalidate(token))
    return bool(invalidate())


class HTTPClient:
    """One connection pool, one auth plugin, and the one request pipeline.

    ``verify`` is True (check the server certificate), False (don't; warned
    once per client) or a CA bundle path; ``cert`` a client certificate path
    or (cert, key) pair; ``timeout`` seconds for connect and for each read,
    or a ``(connect, read)`` pair, None for :data:`DEFAULT_TIMEOUT`
    (``(None, None)`` waits forever); a request's own ``timeout=`` wins. With
    ``timings=True`` every request sent is recorded (see
    :meth:`get_timings`). ``connect_retries`` re-sends a request whose
    connection failed (default 0: a refused or unreachable service is
    reported at once, since a wrong URL or a stopped service rarely heals
    within a backoff); ``status_code_retries`` re-sends idempotent requests
    answered with 429 or 503, honouring ``Retry-After``. Waits start at
    ``retry_delay`` seconds and double.

    Example::

        http = HTTPClient(auth_plugin, timeout=30)
        http.request("GET", "http://127.0.0.1:5000/v3").json()
    """

    def __init__(
        self,
        auth_plugin: _t.Any,
        region_name: str | None = None,
        endpoint_type: str = "publicURL",
        original_ip: str | None = None,
        verify: bool | str = True,
        cert: str | tuple[str, str] | None = None,
        timeout: Timeout | None = None,
        timings: bool = False,
        keyring_saver: _t.Any = None,
        debug: bool = False,
        user_agent: str | None = None,
        http: requests.Session | None = None,
        *,
        connect_retries: int = 0,
        status_code_retries: int = 0,
        retry_delay: float = DEFAULT_RETRY_DELAY,
        retriable_status_codes: _t.Iterable[int] = DEFAULT_RETRIABLE_STATUS_CODES,
    ) -> None:
        self.auth_plugin = auth_plugin
        self.region_name = region_name
        self.endpoint_type = endpoint_type
        self.verify = verify
        self.cert = cert
        self.timeout = timeout  # type: ignore[assignment]  # None gives the defaults
        self.timings = timings
        self.times: list[tuple[str, float, float]] = []
        self.keyring_saver = keyring_saver
        self.debug = debug
        self.http = http if http is not None else _transport.PooledSession()
        self.connect_retries = connect_retries
        self.status_code_retries = status_code_retries
        self.retry_delay = retry_delay
        self.retriable_status_codes = frozenset(retriable_status_codes)
        self.cached_token: str | None = None
        self.last_request_id: str | None = None
        self._owns_http = http is None
        self._tokenless = False  # the plugin sends no token at all (e.g. "none")
        self._warned_insecure = False
        self._sleep = time.sleep
        self._user_agent = user_agent or default_user_agent()
        self._original_ip = original_ip
        self._default_headers = self._build_default_headers()
        if debug:
            _transport.enable_debug_log()

    # -- settings -------------------------------------------------------------

    @property
    def timeout(self) -> Timeout:
        """Seconds for connect and each read, or a ``(connect, read)`` pair.

        Setting None restores :data:`DEFAULT_TIMEOUT`.
        """
        return self._timeout

    @timeout.setter
    def timeout(self, value: Timeout | None) -> None:
        self._timeout = _timeouts.check(value, DEFAULT_TIMEOUT)

    @property
    def user_agent(self) -> str:
        """The ``User-Agent`` sent unless a request sets its own."""
        return self._user_agent

    @user_agent.setter
    def user_agent(self, value: str | None) -> None:
        self._user_agent = value or default_user_agent()
        self._default_headers = self._build_default_headers()

    @property
    def original_ip(self) -> str | None:
        """The end user's address, sent as ``Forwarded: for=<ip>``."""
        return self._original_ip

    @original_ip.setter
    def original_ip(self, value: str | None) -> None:
        self._original_ip = value
        self._default_headers = self._build_default_headers()

    def _build_default_headers(self) -> dict[str, str]:
        headers = {"User-Agent": self._user_agent, "Accept": "application/json"}
        if self._original_ip:
            headers["Forwarded"] = _forwarded(self._original_ip)
        return headers

    # -- the pipeline ---------------------------------------------------------

    def request(self, method: str, url: str, **kwargs: _t.Any) -> requests.Response:
        """Send one request through the pipeline and return the response.

        Besides the keyword arguments of ``requests`` it takes ``json=``
        (encoded, with ``Content-Type: application/json``), ``raise_exc=True``
        (a status >= 400 raises the matching :class:`~exceptions.HttpError`),
        ``log=True`` (curl-style debug log, secrets redacted),
        ``connect_retries=`` and ``status_code_retries=`` (override the
        client's), and ``retriable=True`` to allow re-sending a non-idempotent
        request such as POST. A JSON body of a successful response is decoded
        here, so a body that is not JSON raises
        :class:`~exceptions.InvalidResponse`.
        """
        method = method.upper()
        raise_exc = kwargs.pop("raise_exc", True)
        log = kwargs.pop("log", True) and _transport.LOG.isEnabledFor(logging.DEBUG)
        follow = kwargs.pop("allow_redirects", True)
        retries = (
            kwargs.pop("connect_retries", None),
            kwargs.pop("status_code_retries", None),
            kwargs.pop("retriable", None) or method in _transport.IDEMPOTENT_METHODS,
        )
        self._prepare(kwargs)
        resp = self._send_with_retries(method, url, kwargs, retries, follow, log)
        headers = resp.headers
        self.last_request_id = headers.get("x-openstack-request-id") or headers.get(
            "x-compute-request-id"
        )
        if resp.status_code >= 400:
            if raise_exc:
                raise exceptions.from_response(resp, method, _redact.url(url))
        elif not kwargs.get("stream") and "json" in resp.headers.get("Content-Type", ""):
            _jsonutils.response_json(resp)
        return resp

    def _prepare(self, kwargs: dict[str, _t.Any]) -> None:
        """Fill in headers, body encoding, timeout and TLS settings in place."""
        headers = self._default_headers.copy()
        given = kwargs.get("headers")
        if given:
            headers.update(given)
        kwargs["headers"] = headers
        self.serialize(kwargs)
        kwargs["timeout"] = _timeouts.check(kwargs.get("timeout"), self._timeout)
        verify = kwargs.setdefault("verify", self.verify)
        if verify is False and not self._warned_insecure:
            self._warn_insecure()
        if self.cert is not None:
            kwargs.setdefault("cert", self.cert)

    def _warn_insecure(self) -> None:
        self._warned_insecure = True
        warnings.warn(
            "TLS certificate verification is disabled (verify=False): anyone on the "
            "network path can read and change these requests, tokens included. "
            "Pass verify=True or the path of a CA bundle instead.",
            InsecureTLSWarning,
            stacklevel=4,
        )

    def _send_with_retries(
        self,
        method: str,
        url: str,
        kwargs: dict[str, _t.Any],
        retries: tuple[int | None, int | None, bool],
        follow: bool,
        log: bool,
    ) -> requests.Response:
        """Send, re-sending after connect failures and retriable statuses."""
        connect_left, status_left, may_resend = retries
        connect_left = self.connect_retries if connect_left is None else connect_left
        status_left = self.status_code_retries if status_left is None else status_left
        attempt = 0
        while True:
            try:
                resp = self._send_following_redirects(method, url, kwargs, follow, log)
            except _RETRIED_ERRORS as exc:
                if connect_left <= 0 or not (may_resend or _transport.nothing_sent(exc.__cause__)):
                    raise
                connect_left -= 1
                delay = _transport.backoff_delay(attempt, self.retry_delay)
                why = type(exc).__name__
            else:
                if (
                    status_left <= 0
                    or not may_resend
                    or resp.status_code not in self.retriable_status_codes
                ):
                    return resp
                status_left -= 1
                delay = _transport.retry_after_delay(resp)
                if delay is None:
                    delay = _transport.backoff_delay(attempt, self.retry_delay)
                why = "HTTP %s" % resp.status_code
                resp.close()
            _transport.LOG.info(
                "Retrying %s %s in %.2f s after %s", method, _redact.url(url), delay, why
            )
            self._sleep(delay)
            attempt += 1

    def _send_following_redirects(
        self, method: str, url: str, kwargs: dict[str, _t.Any], follow: bool, log: bool
    ) -> requests.Response:
        """Send, following redirects ourselves so credentials stay with their origin.

        Once a hop leaves the origin, auth headers and every cookie stay
        behind for the rest of the chain; a 307/308 that would carry
        credentials in the body to another origin is refused.
        """
        history: list[requests.Response] = []
        cookies = True
        for _ in range(_transport.MAX_REDIRECTS + 1):
            resp = self._send_once(method, url, kwargs, log, cookies)
            if not (follow and resp.is_redirect):
                if history:
                    resp.history = history
                return resp
            try:  # read the body so the connection returns to the pool
                resp.content  # noqa: B018
            except _transport.SEND_ERRORS as exc:
                raise _transport.translate_error(exc, method, url, kwargs.get("timeout")) from exc
            finally:
                resp.close()
            history.append(resp)
            new_method, new_url = _transport.redirect_target(resp, method, url)
            _transport.check_body_may_follow(resp, method, url, new_url, kwargs.get("data"))
            cookies = cookies and _transport.same_origin(url, new_url)
            kwargs = _transport.redirect_kwargs(kwargs, new_method != method, url, new_url)
            method, url = new_method, new_url
        raise exceptions.TransportError(
            "Too many redirects (more than %d) following %s %s"
            % (_transport.MAX_REDIRECTS, method, _redact.url(history[0].url)),
            url=_redact.url(url),
            method=method,
        )

    def _send_once(
        self, method: str, url: str, kwargs: dict[str, _t.Any], log: bool, cookies: bool = True
    ) -> requests.Response:
        """Put one request on the wire: log, time, and translate failures."""
        if log:
            _transport.log_request(self.http.headers, method, url, kwargs, self.verify)
        start = time.monotonic() if self.timings else 0.0
        try:
            resp = _transport.send(self.http, method, url, kwargs, cookies)
        except exceptions.ClientException:
            raise  # ours, from code run while sending (an upload body's iterator)
        except _transport.SEND_ERRORS as exc:
            raise _transport.translate_error(exc, method, url, kwargs.get("timeout")) from exc
        finally:
            if self.timings:
                self.times.append(("%s %s" % (method, _redact.url(url)), start, time.monotonic()))
        if log:
            _transport.log_response(resp, bool(kwargs.get("stream")))
        return resp

    def serialize(self, kwargs: dict[str, _t.Any]) -> None:
        """Turn a ``json=`` argument into an encoded ``data=`` body, in place.

        Sets ``Content-Type: application/json`` unless the headers already
        name a content type.
        """
        body = kwargs.pop("json", None)
        if body is None:
            return
        headers = kwargs.setdefault("headers", {})
        if not any(name.lower() == "content-type" for name in headers):
            headers["Content-Type"] = "application/json"
        try:
            kwargs["data"] = _jsonutils.dumps(body)
        except (TypeError, ValueError) as exc:
            raise exceptions.ValidationError(
                "The json= body cannot be encoded as JSON: %s" % exc
            ) from exc

    # -- timings ----------------------------------------------------------------

    def get_timings(self) -> list[tuple[str, float, float]]:
        """Return ``("METHOD URL", start, end)`` for every request sent.

        Recorded only with ``timings=True``; one entry per request put on
        the wire (each retry and redirect hop, failures included). Start
        and end are ``time.monotonic()`` seconds: subtract them.
        """
        return self.times

    def reset_timings(self) -> None:
        """Forget the recorded timings."""
        self.times = []

    def close(self) -> None:
        """Close the connection pool if this client created it."""
        if self._owns_http:
            self.http.close()

    # -- the classic apiclient face ---------------------------------------------

    def authenticate(self) -> None:
        """Authenticate with the plugin, then let the keyring saver store it."""
        self.auth_plugin.authenticate(self)
        if self.keyring_saver:
            self.keyring_saver.save(self)

    def add_client(self, base_client_instance: BaseClient) -> None:
        """Make a client reachable as ``self.<service_type>`` (e.g. ``identity``)."""
        service_type = base_client_instance.service_type
        if not service_type:
            return
        for name in {service_type, service_type.replace("-", "_")}:
            if not hasattr(self, name):
                setattr(self, name, base_client_instance)

    @staticmethod
    def concat_url(endpoint: str, url: str) -> str:
        """Join an endpoint and a path with exactly one slash between them.

        An absolute ``url`` (a link the server gave) is returned unchanged.
        """
        if not url:
            return endpoint
        if url.startswith(("http://", "https://")):
            return url
        return "%s/%s" % (endpoint.rstrip("/"), url.lstrip("/"))

    def client_request(
        self, client: BaseClient, method: str, url: str, **kwargs: _t.Any
    ) -> requests.Response:
        """Send a request for ``client``'s service with a token.

        The endpoint comes from ``client.cached_endpoint`` or from the auth
        plugin's catalog for the client's service and endpoint type; the
        token from the plugin (authenticating first when it has none). A 401
        re-authenticates once and re-sends once: it never loops.
        """
        endpoint_type = client.endpoint_type or self.endpoint_type
        service_type = client.service_type
        raise_exc = kwargs.pop("raise_exc", True)
        token, endpoint, fresh = self._token_and_endpoint(client, endpoint_type, service_type)
        headers = dict(kwargs.pop("headers", None) or {})
        if token:
            headers["X-Auth-Token"] = token
        full_url = self.concat_url(endpoint, url)
        resp = self.request(method, full_url, headers=headers, raise_exc=False, **kwargs)
        if resp.status_code == 401 and not fresh:
            self.cached_token = client.cached_endpoint = None
            _invalidate_token(self.auth_plugin, token)
            new_token, endpoint, _ = self._token_and_endpoint(
                client, endpoint_type, service_type, reauth=True
            )
            if new_token and new_token != token:
                resp.close()  # a streamed 401 would keep its connection out of the pool
                headers["X-Auth-Token"] = new_token
                full_url = self.concat_url(endpoint, url)
                resp = self.request(method, full_url, headers=headers, raise_exc=False, **kwargs)
        if raise_exc and resp.status_code >= 400:
            raise exceptions.from_response(resp, method.upper(), _redact.url(full_url))
        return resp

    def _token_and_endpoint(
        self,
        client: BaseClient,
        endpoint_type: str,
        service_type: str | None,
        reauth: bool = False,
    ) -> tuple[str | None, str, bool]:
        """Return (token, endpoint, just_authenticated) for ``client``.

        Authenticates (once) when ``reauth`` is set or the plugin has no token.
        """
        token = endpoint = None
        if not reauth:
            # The plugin owns token freshness (it refreshes before expiry),
            # so it is asked every time; the endpoint is cached per client.
            try:
                token, endpoint = self._ask_plugin(endpoint_type, service_type)
            except exceptions.EndpointException:
                token = endpoint = None  # maybe no catalog yet: authenticate and ask again
            endpoint = client.cached_endpoint or endpoint
            if endpoint and (token or self._tokenless):
                self.cached_token = token
                return token, endpoint, False
        fresh = reauth or not token
        if fresh:
            self.authenticate()
            token, endpoint = self._ask_plugin(endpoint_type, service_type)
            self._tokenless = not token  # a plugin that authenticated and has no token
        if not endpoint:
            raise exceptions.EndpointNotFound(
                "No %s endpoint for service type %r (region %r) from auth plugin %s. "
                "Check the service catalog, or give the endpoint explicitly."
                % (endpoint_type, service_type, self.region_name, type(self.auth_plugin).__name__)
            )
        self.cached_token, client.cached_endpoint = token, endpoint
        return token, endpoint, fresh

    def _ask_plugin(
        self, endpoint_type: str, service_type: str | None
    ) -> tuple[str | None, str | None]:
        """Call ``token_and_endpoint``, passing our region to plugins that take one."""
        method = self.auth_plugin.token_and_endpoint
        if not self.region_name:
            return method(endpoint_type, service_type)
        import inspect  # only with a region; importing it costs a few ms

        if "region_name" in inspect.signature(method).parameters:
            return method(endpoint_type, service_type, region_name=self.region_name)
        return method(endpoint_type, service_type)


class BaseClient:
    """A client for one service type over a shared :class:`HTTPClient`.

    Subclasses set ``service_type`` (and may set ``endpoint_type``); each
    extension with a ``manager_class`` becomes an attribute named after it.

    Example::

        class IdentityClient(BaseClient):
            service_type = "identity"

        identity = IdentityClient(HTTPClient(plugin))
        identity.get("/projects")
    """

    service_type: str | None = None
    endpoint_type: str | None = None
    cached_endpoint: str | None = None

    def __init__(self, http_client: HTTPClient, extensions: _t.Iterable[_t.Any] | None = None):
        self.http_client = http_client
        http_client.add_client(self)
        self.extensions = list(extensions or ())
        for extension in self.extensions:
            manager_class = getattr(extension, "manager_class", None)
            if manager_class:
                setattr(self, extension.name, manager_class(self))

    @property
    def last_request_id(self) -> str | None:
        """The request id (``x-openstack-request-id`` or ``x-compute-request-id``) of the last response."""
        return self.http_client.last_request_id

    def client_request(self, method: str, url: str, **kwargs: _t.Any) -> requests.Response:
        """Send a request to this client's service; see HTTPClient.client_request."""
        return self.http_client.client_request(self, method, url, **kwargs)

    def head(self, url: str, **kwargs: _t.Any) -> requests.Response:
        """HEAD ``url`` relative to the service endpoint."""
        return self.client_request("HEAD", url, **kwargs)

    def get(self, url: str, **kwargs: _t.Any) -> requests.Response:
        """GET ``url`` relative to the service endpoint."""
        return self.client_request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: _t.Any) -> requests.Response:
        """POST to ``url`` relative to the service endpoint."""
        return self.client_request("POST", url, **kwargs)

    def put(self, url: str, **kwargs: _t.Any) -> requests.Response:
        """PUT to ``url`` relative to the service endpoint."""
        return self.client_request("PUT", url, **kwargs)

    def patch(self, url: str, **kwargs: _t.Any) -> requests.Response:
        """PATCH ``url`` relative to the service endpoint."""
        return self.client_request("PATCH", url, **kwargs)

    def delete(self, url: str, **kwargs: _t.Any) -> requests.Response:
        """DELETE ``url`` relative to the service endpoint."""
        return self.client_request("DELETE", url, **kwargs)

    @staticmethod
    def get_class(api_name: str, version: _t.Any, version_map: _t.Mapping[str, _t.Any]) -> type:
        """Return the client class registered for ``version`` in ``version_map``.

        Map values are classes or dotted paths (``"pkg.module.Client"``).
        ``"v3"``, ``3`` and ``"3.0"`` all find a ``"3"`` entry. An unknown
        version raises :class:`~exceptions.UnsupportedVersion` listing the
        valid ones.
        """
        wanted = str(version).lstrip("vV")
        for key in (wanted, wanted[:-2] if wanted.endswith(".0") else wanted + ".0"):
            if key in version_map:
                return _load_class(api_name, key, version_map[key])
        raise exceptions.UnsupportedVersion(
            "Invalid %s client version %r. Must be one of: %s"
            % (api_name, str(version), ", ".join(sorted(map(str, version_map))))
        )


def _load_class(api_name: str, version: str, target: _t.Any) -> type:
    if not isinstance(target, str):
        return target
    module_name, _, class_name = target.rpartition(".")
    try:
        return getattr(importlib.import_module(module_name), class_name)
    except (ImportError, AttributeError, ValueError) as exc:
        raise exceptions.UnsupportedVersion(
            "%s client version %s is registered as %r, which cannot be loaded: %s"
            % (api_name, version, target, exc)
        ) from exc
