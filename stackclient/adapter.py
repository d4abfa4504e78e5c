"""A session bound to one service: what versioned clients are built on.

:class:`Adapter` fills in the service type, interface, region and version
of every request and raises stackclient exceptions for errors. It works
over a :class:`stackclient.session.Session` or, duck-typed, over a
keystoneauth1 ``Session`` (keystoneauth1 is never imported): requests are
sent with ``raise_exc=False`` and errors raised here, and keystoneauth1's
own exceptions are translated into stackclient's. keystoneauth1 (and
keystoneclient) sessions log request and response bodies unredacted (a new
user's password, a secret a server echoes), so they are asked not to log
(``log=False``) and stackclient writes its own redacted lines.
"""

from __future__ import annotations

import importlib
import typing as _t

from stackclient import _httplog, _redact, _verbs
from stackclient.apiclient import exceptions

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

__all__ = ["Adapter"]

#: keystoneauth1 exception class names and the stackclient class each becomes
#: (looked up along the class's MRO, so subclasses are covered).
_KEYSTONEAUTH_ERRORS: dict[str, type[exceptions.ClientException]] = {
    "SSLError": exceptions.SSLError,
    "ConnectTimeout": exceptions.Timeout,
    "ConnectFailure": exceptions.ConnectionRefused,
    "UnknownConnectionError": exceptions.TransportError,
    "RetriableConnectionFailure": exceptions.ConnectionRefused,
    "ConnectionError": exceptions.TransportError,
    "EndpointNotFound": exceptions.EndpointNotFound,
    "EmptyCatalog": exceptions.EndpointNotFound,
    "CatalogException": exceptions.EndpointException,
    "DiscoveryFailure": exceptions.EndpointException,
    "MissingAuthPlugin": exceptions.AuthorizationFailure,
    "AuthorizationFailure": exceptions.AuthorizationFailure,
    "AuthPluginException": exceptions.AuthorizationFailure,
    "ClientException": exceptions.ClientException,
}


#: What stackclient calls the interface of "the auth URL, not the catalog".
_AUTH_INTERFACE = "auth"

#: Where each foreign session library keeps its own sentinel for it.
_AUTH_INTERFACE_MODULES = {
    "keystoneauth1": "keystoneauth1.plugin",
    "keystoneclient": "keystoneclient.auth.base",
}


def _session_filter(session: _t.Any, endpoint_filter: dict[str, _t.Any]) -> dict[str, _t.Any]:
    """``endpoint_filter`` as ``session`` understands it.

    keystoneauth1 (and keystoneclient) sessions know the auth URL only as
    their ``AUTH_INTERFACE`` object; the string would be looked up in the
    catalog (and fail with "the service catalog is empty" for an unscoped
    token). Their library is imported already, since the session is theirs.
    """
    if endpoint_filter.get("interface") != _AUTH_INTERFACE:
        return endpoint_filter
    module_name = _AUTH_INTERFACE_MODULES.get(type(session).__module__.split(".")[0])
    if module_name is None:
        return endpoint_filter
    sentinel = getattr(importlib.import_module(module_name), "AUTH_INTERFACE", None)
    if sentinel is None:
        return endpoint_filter
    return dict(endpoint_filter, interface=sentinel)


def _is_foreign(session: _t.Any) -> bool:
    """Whether ``session`` is keystoneauth1's or keystoneclient's, not ours."""
    return type(session).__module__.split(".")[0] in _AUTH_INTERFACE_MODULES


def _log_exchange(resp: requests.Response) -> None:
    """Write the redacted debug lines for every hop of a keystoneauth1 exchange."""
    import logging

    if not _httplog.LOG.isEnabledFor(logging.DEBUG):
        return
    for hop in [*getattr(resp, "history", ()), resp]:
        request = getattr(hop, "request", None)
        if request is not None:
            kwargs = {"headers": dict(request.headers or {}), "data": request.body}
            _httplog.log_request({}, request.method, request.url, kwargs)
        _httplog.log_response(hop)


def _not_a_result(status: int, kwargs: _t.Mapping[str, _t.Any]) -> bool:
    """Whether a final status below 400 cannot be a call's result.

    A 1xx never is; nor is a 3xx the pipeline did not follow (it had no
    usable Location) -- unless the caller turned redirects off to see it,
    or it is a 304 Not Modified, the answer to a conditional request.
    Callers that read a 3xx on purpose (version discovery's 300) send
    with ``raise_exc=False``.
    """
    if status < 200:
        return True
    if status < 300 or status >= 400 or status == 304:
        return False
    return kwargs.get("allow_redirects", True) is not False and kwargs.get("redirect") is not False


def _translate(
    error: Exception, method: str | None, url: str | None
) -> exceptions.ClientException | None:
    """Return the stackclient exception for a keystoneauth1 one, else None."""
    if not type(error).__module__.startswith("keystoneauth1"):
        return None
    response = getattr(error, "response", None)
    if response is not None and getattr(response, "status_code", 0) >= 400:
        return exceptions.from_response(response, method, url)
    for cls in type(error).__mro__:
        target = _KEYSTONEAUTH_ERRORS.get(cls.__name__)
        if target is None or not cls.__module__.startswith("keystoneauth1"):
            continue
        message = str(error) or cls.__name__
        if issubclass(target, exceptions.TransportError):
            return target(message, url=url, method=method)
        return target(message)
    return None


class Adapter(_verbs.VerbsMixin):
    """Send requests to one service through a session.

    The service is picked by ``service_type``, ``service_name``,
    ``interface``, ``region_name`` and ``version`` (whatever the session's
    auth plugin understands), or fixed by ``endpoint_override``. Requests
    return ``requests.Response``; a status >= 400 raises the matching
    :class:`~stackclient.apiclient.exceptions.HttpError` unless
    ``raise_exc=False`` is passed, and so does a 1xx or a 3xx left as the
    final answer (a redirect without a usable ``Location``), which is never
    a result (a 304, and a 3xx asked for with redirects off, are returned).

    Example::

        identity = Adapter(sess, service_type="identity", interface="public")
        identity.get("/projects").json()
    """

    def __init__(
        self,
        session: _t.Any,
        service_type: str | None = None,
        service_name: str | None = None,
        interface: str | None = None,
        region_name: str | None = None,
        endpoint_override: str | None = None,
        version: _t.Any = None,
        user_agent: str | None = None,
        auth: _t.Any = None,
        *,
        connect_retries: int | None = None,
        status_code_retries: int | None = None,
        additional_headers: _t.Mapping[str, str] | None = None,
        global_request_id: str | None = None,
        raise_exc: bool = True,
    ) -> None:
        self.session = session
        self.service_type = service_type
        self.service_name = service_name
        self.interface = interface
        self.region_name = region_name
        self.endpoint_override = endpoint_override
        self.version = version
        self.user_agent = user_agent
        self.auth = auth
        self.connect_retries = connect_retries
        self.status_code_retries = status_code_retries
        self.additional_headers = dict(additional_headers or {})
        self.global_request_id = global_request_id
        self.raise_exc = raise_exc

    def _endpoint_filter(self) -> dict[str, _t.Any]:
        pairs = (
            ("service_type", self.service_type),
            ("service_name", self.service_name),
            ("interface", self.interface),
            ("region_name", self.region_name),
            ("version", self.version),
        )
        return {key: value for key, value in pairs if value is not None}

    def _defaults(self, kwargs: dict[str, _t.Any]) -> None:
        """Fill in this adapter's settings where the caller gave none."""
        if self.endpoint_override and not kwargs.get("endpoint_override"):
            kwargs["endpoint_override"] = self.endpoint_override
        for name in ("auth", "user_agent", "connect_retries", "status_code_retries"):
            value = getattr(self, name)
            if value is not None:
                kwargs.setdefault(name, value)
        if self.additional_headers or self.global_request_id:
            headers = dict(self.additional_headers)
            if self.global_request_id:
                headers["X-OpenStack-Request-ID"] = self.global_request_id
            headers.update(kwargs.get("headers") or {})
            kwargs["headers"] = headers

    def request(self, url: str, method: str, **kwargs: _t.Any) -> requests.Response:
        """Send ``method url`` to this adapter's service and return the response.

        Keyword arguments are those of the session's ``request``; an
        ``endpoint_filter`` given here is merged over the adapter's.
        """
        endpoint_filter = self._endpoint_filter()
        endpoint_filter.update(kwargs.pop("endpoint_filter", None) or {})
        endpoint_filter = _session_filter(self.session, endpoint_filter)
        raise_exc = kwargs.pop("raise_exc", self.raise_exc)
        self._defaults(kwargs)
        foreign = _is_foreign(self.session)
        if foreign:
            kwargs["log"] = False  # its log shows bodies in clear; ours follows
        try:
            resp = self.session.request(
                url, method, endpoint_filter=endpoint_filter, raise_exc=False, **kwargs
            )
        except exceptions.ClientException:
            raise
        except Exception as error:
            translated = _translate(error, method.upper(), _redact.url(url))
            if translated is None:
                raise
            raise translated from error
        if foreign:
            _log_exchange(resp)
        if raise_exc and resp.status_code >= 400:
            raise exceptions.from_response(resp, method.upper(), _redact.url(resp.url or url))
        if raise_exc and _not_a_result(resp.status_code, kwargs):
            from stackclient.apiclient import _responses

            raise _responses.not_final(resp, method.upper(), url)
        return resp

    def _call(self, what: str, *args: _t.Any, **kwargs: _t.Any) -> _t.Any:
        """Call ``session.<what>``, translating keystoneauth1 exceptions."""
        try:
            return getattr(self.session, what)(*args, **kwargs)
        except exceptions.ClientException:
            raise
        except Exception as error:
            translated = _translate(error, None, None)
            if translated is None:
                raise
            raise translated from error

    def get_endpoint(self, auth: _t.Any = None, **kwargs: _t.Any) -> str | None:
        """Return this service's endpoint (``endpoint_override`` if set)."""
        if self.endpoint_override:
            return self.endpoint_override
        endpoint_filter = self._endpoint_filter()
        endpoint_filter.update(kwargs)
        endpoint_filter = _session_filter(self.session, endpoint_filter)
        return self._call("get_endpoint", auth or self.auth, **endpoint_filter)

    def get_token(self, auth: _t.Any = None) -> str | None:
        """Return the session's current token (authenticating if needed)."""
        return self._call("get_token", auth or self.auth)

    def invalidate(self, auth: _t.Any = None) -> bool:
        """Drop the cached token; True if a new one can be fetched."""
        return bool(self._call("invalidate", auth or self.auth))

    def get_user_id(self, auth: _t.Any = None) -> str | None:
        """Return the id of the user the token belongs to."""
        return self._call("get_user_id", auth or self.auth)

    def get_project_id(self, auth: _t.Any = None) -> str | None:
        """Return the id of the project the token is scoped to, or None."""
        return self._call("get_project_id", auth or self.auth)
