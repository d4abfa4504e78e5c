"""The stackclient exception tree.

Every error a caller can see is a :class:`ClientException`::

    ClientException
    ├── ValidationError                 also a ValueError and a TypeError
    ├── UnsupportedVersion
    ├── CommandError
    ├── ConfigException                 clouds.yaml, OS_* or arguments are wrong
    ├── AuthorizationFailure
    ├── AuthPluginOptionsMissing        (opt_names)
    ├── AuthSystemNotFound              (auth_system)
    ├── NoUniqueMatch
    ├── EndpointException
    │   ├── EndpointNotFound
    │   │   └── EmptyCatalog            the token has no catalog at all
    │   └── AmbiguousEndpoints          (endpoints)
    ├── MissingArgs                     (missing); also a TypeError
    ├── MethodNotImplemented            the API has no such operation
    ├── InvalidResponse                 an answer that is not what the API promises
    │   └── ChecksumMismatch            data differs from what the server recorded
    ├── ResourceFailure                 a waited-for resource went into an error state
    ├── WaitTimeout                     a wait ran out of time (also a TimeoutError)
    ├── TransportError                  nothing usable came back
    │   ├── ConnectionRefused           could not connect: nothing was sent
    │   │   └── ConnectFailure          (alias kept for keystoneauth users)
    │   ├── ConnectionDropped           lost after sending: the server may have acted
    │   ├── Timeout                     connect or read timeout
    │   └── SSLError                    TLS handshake or verification failed
    └── HttpError                       the server answered with a 3xx-5xx
        ├── HTTPRedirection             3xx (MultipleChoices 300)
        ├── HTTPClientError             4xx (BadRequest 400 ... UnprocessableEntity 422)
        │   └── RequestEntityTooLarge   413, also named OverLimit (over quota)
        └── HttpServerError             5xx (InternalServerError 500 ...)

:func:`from_response` turns a :class:`requests.Response` with an error
status into the matching class, reading the error message from whatever
shape of body the service returned.

Where python-keystoneclient raised a builtin for a bad argument, the class
raised here also derives from that builtin, so code written against it
keeps working: ``ValidationError`` is a ``ValueError`` (missing
arguments, such as the endpoint filter's) and a ``TypeError`` (an
argument a call does not take, such as ``list(id=...)``), and
``MissingArgs`` is a ``TypeError``.
"""

from __future__ import annotations

import typing as _t

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

__all__ = [
    "ClientException",
    "ValidationError",
    "UnsupportedVersion",
    "CommandError",
    "ConfigException",
    "AuthorizationFailure",
    "AuthPluginOptionsMissing",
    "AuthSystemNotFound",
    "NoUniqueMatch",
    "EndpointException",
    "EndpointNotFound",
    "EmptyCatalog",
    "AmbiguousEndpoints",
    "MissingArgs",
    "MethodNotImplemented",
    "InvalidResponse",
    "ChecksumMismatch",
    "ResourceFailure",
    "WaitTimeout",
    "TransportError",
    "ConnectionRefused",
    "ConnectFailure",
    "ConnectionDropped",
    "Timeout",
    "SSLError",
    "HttpError",
    "HTTPRedirection",
    "HTTPClientError",
    "HttpServerError",
    "MultipleChoices",
    "BadRequest",
    "Unauthorized",
    "PaymentRequired",
    "Forbidden",
    "NotFound",
    "MethodNotAllowed",
    "NotAcceptable",
    "ProxyAuthenticationRequired",
    "RequestTimeout",
    "Conflict",
    "Gone",
    "LengthRequired",
    "PreconditionFailed",
    "RequestEntityTooLarge",
    "OverLimit",
    "RequestUriTooLong",
    "UnsupportedMediaType",
    "RequestedRangeNotSatisfiable",
    "ExpectationFailed",
    "UnprocessableEntity",
    "InternalServerError",
    "HttpNotImplemented",
    "BadGateway",
    "ServiceUnavailable",
    "GatewayTimeout",
    "HttpVersionNotSupported",
    "from_response",
]

#: How much of a non-JSON error body (plain text, an HTML page from a proxy)
#: is kept as the message, in characters.
MAX_TEXT_MESSAGE = 500


class ClientException(Exception):
    """The root of every error raised by stackclient."""

    message = "Unknown error"

    def __init__(self, message: str | None = None) -> None:
        self.message = message or self.__class__.message
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


class ValidationError(ClientException, ValueError, TypeError):
    """Arguments given to a call are not valid.

    Also a ``ValueError`` and a ``TypeError``: python-keystoneclient raised
    those builtins for the same mistakes, and callers catch them.
    """


class UnsupportedVersion(ClientException):
    """The requested API version is not supported by this client."""


class CommandError(ClientException):
    """A command-line invocation is wrong."""


class ConfigException(ClientException):
    """Configuration (clouds.yaml, secure.yaml, OS_* variables, arguments) is wrong."""


class AuthorizationFailure(ClientException):
    """Authentication could not be completed."""


class AuthPluginOptionsMissing(AuthorizationFailure):
    """An auth plugin lacks options it needs; ``opt_names`` lists them."""

    def __init__(self, opt_names: _t.Iterable[str]) -> None:
        self.opt_names = list(opt_names)
        super().__init__("Authentication failed. Missing options: %s" % ", ".join(self.opt_names))


class AuthSystemNotFound(AuthorizationFailure):
    """No auth plugin is registered under ``auth_system``."""

    def __init__(self, auth_system: str) -> None:
        self.auth_system = auth_system
        super().__init__("AuthSystemNotFound: %r" % auth_system)


class NoUniqueMatch(ClientException):
    """A lookup that should find one item found several."""


class EndpointException(ClientException):
    """Something is wrong with endpoint selection."""


class EndpointNotFound(EndpointException):
    """No endpoint in the catalog matches what was asked for."""


class EmptyCatalog(EndpointNotFound):
    """The token carries no service catalog (unscoped, or issued with nocatalog)."""


class AmbiguousEndpoints(EndpointException):
    """Several endpoints match and there is no way to choose; see ``endpoints``."""

    def __init__(self, endpoints: _t.Any = None) -> None:
        self.endpoints = endpoints
        super().__init__("AmbiguousEndpoints: %r" % (endpoints,))


class MissingArgs(ClientException, TypeError):
    """Required arguments were not given; ``missing`` lists them.

    A ``TypeError`` too, like a Python call that lacks arguments.
    """

    def __init__(self, missing: _t.Iterable[str]) -> None:
        self.missing = list(missing)
        super().__init__("Missing arguments: %s" % ", ".join(self.missing))


class MethodNotImplemented(ClientException):
    """The API has no such operation for this resource (e.g. update of a trust)."""


class InvalidResponse(ClientException):
    """The server answered, but not with what the API promises.

    Raised, for example, for a 200 whose body is not JSON where JSON was
    expected, a list item that is not an object, a redirect to a
    ``Location`` that is not a URL, or a 1xx/3xx where a result was due.
    ``response`` is the :class:`requests.Response` (when there is one);
    ``method`` and ``url`` name the request.
    """

    def __init__(
        self,
        message: str | None = None,
        response: _t.Any = None,
        *,
        method: str | None = None,
        url: str | None = None,
    ) -> None:
        self.response = response
        self.method = method or getattr(getattr(response, "request", None), "method", None)
        self.url = url
        super().__init__(message)


class ChecksumMismatch(InvalidResponse):
    """Data sent or received differs from what the server recorded for it.

    ``algorithm`` names the hash compared (``sha512``, ``md5``, ...),
    ``expected`` is the server's value and ``actual`` the one computed over
    the bytes that went over the wire; ``name`` says what was checked (an
    image id, an object path). Nothing that failed the check is left
    looking complete: a download's partial file keeps a ``.part`` name.
    """

    def __init__(
        self,
        message: str | None = None,
        *,
        name: str | None = None,
        algorithm: str | None = None,
        expected: str | None = None,
        actual: str | None = None,
        response: _t.Any = None,
    ) -> None:
        self.name = name
        self.algorithm = algorithm
        self.expected = expected
        self.actual = actual
        if message is None:
            message = "%s checksum of %s differs: the server recorded %s, the data has %s" % (
                algorithm or "The",
                name or "the data",
                expected,
                actual,
            )
        super().__init__(message, response=response)


class ResourceFailure(ClientException):
    """A resource being waited for went into a failure status.

    ``resource`` is the last state seen, ``status`` its status, ``fault``
    the reason the service gave (a server's ``fault.message``, a volume's
    or image's error field), ``request_id`` the id of the request that
    read that state: quote it to the cloud's operators.
    """

    def __init__(
        self,
        message: str | None = None,
        *,
        resource: _t.Any = None,
        status: str | None = None,
        fault: str | None = None,
        request_id: str | None = None,
    ) -> None:
        self.resource = resource
        self.status = status
        self.fault = fault
        self.request_id = request_id
        super().__init__(message)


class WaitTimeout(ClientException, TimeoutError):
    """A wait for a resource's status (or deletion) ran out of time.

    ``resource`` is the last state seen, ``status`` its status then and
    ``timeout`` the seconds waited. Also a builtin ``TimeoutError``.
    """

    def __init__(
        self,
        message: str | None = None,
        *,
        resource: _t.Any = None,
        status: str | None = None,
        timeout: float | None = None,
    ) -> None:
        self.resource = resource
        self.status = status
        self.timeout = timeout
        super().__init__(message)


class TransportError(ClientException):
    """No HTTP response came back: the request failed in transit.

    ``url`` and ``method`` say what was being sent; ``__cause__`` holds the
    underlying library error.
    """

    def __init__(
        self, message: str | None = None, url: str | None = None, method: str | None = None
    ) -> None:
        self.url = url
        self.method = method
        super().__init__(message)


class ConnectionRefused(TransportError):
    """Could not connect to the server (refused, unreachable, name not found).

    Nothing was sent, so sending again is safe whatever the method.
    """


#: The name keystoneauth users know for the same failure.
ConnectFailure = ConnectionRefused


class ConnectionDropped(TransportError):
    """The connection was lost after the request was sent, or while its answer was read.

    The server may have acted on the request (created the resource,
    changed the password): check before sending a non-idempotent request
    again.
    """


class Timeout(TransportError):
    """The server did not connect, or did not answer, within the timeout.

    A connect timeout means nothing was sent; a read timeout (no byte for
    the read timeout, while waiting for the answer or within its body)
    means the request was sent and the server may have acted on it.
    """


class SSLError(TransportError):
    """TLS failed: the certificate did not verify, or the handshake broke."""


class HttpError(ClientException):
    """The server answered with an error status.

    Attributes: ``http_status``, ``message``, ``details``, ``request_id``,
    ``method``, ``url``, ``retry_after`` (seconds, or None) and ``response``.
    """

    http_status = 0
    message = "HTTP Error"

    def __init__(
        self,
        message: str | None = None,
        details: str | None = None,
        response: requests.Response | None = None,
        request_id: str | None = None,
        url: str | None = None,
        method: str | None = None,
        http_status: int | None = None,
        retry_after: int | None = None,
    ) -> None:
        self.http_status = http_status or self.http_status
        self.message = message or self.message
        self.details = details
        self.request_id = request_id
        self.response = response
        self.url = url
        self.method = method
        self.retry_after = retry_after
        super().__init__(self.message)

    def __str__(self) -> str:
        text = "%s (HTTP %s)" % (self.message, self.http_status)
        if self.method or self.url:
            text += " %s %s" % (self.method or "", self.url or "")
        if self.request_id:
            text += " (Request-ID: %s)" % self.request_id
        return text

    def __reduce__(self) -> tuple[_t.Any, ...]:
        # Exceptions pickle by their args; ours carry keyword state instead.
        state = dict(self.__dict__, response=None)
        return (_rebuild_http_error, (self.__class__, state))


def _rebuild_http_error(cls: type[HttpError], state: dict[str, _t.Any]) -> HttpError:
    error = cls.__new__(cls)
    Exception.__init__(error, state.get("message"))
    error.__dict__.update(state)
    return error


class HTTPRedirection(HttpError):
    """A 3xx the client does not follow."""

    message = "HTTP Redirection"


class HTTPClientError(HttpError):
    """A 4xx: the request was wrong."""

    message = "HTTP Client Error"


class HttpServerError(HttpError):
    """A 5xx: the server failed."""

    message = "HTTP Server Error"


class MultipleChoices(HTTPRedirection):
    http_status = 300
    message = "Multiple Choices"


class BadRequest(HTTPClientError):
    http_status = 400
    message = "Bad Request"


class Unauthorized(HTTPClientError):
    http_status = 401
    message = "Unauthorized"


class PaymentRequired(HTTPClientError):
    http_status = 402
    message = "Payment Required"


class Forbidden(HTTPClientError):
    http_status = 403
    message = "Forbidden"


class NotFound(HTTPClientError):
    http_status = 404
    message = "Not Found"


class MethodNotAllowed(HTTPClientError):
    http_status = 405
    message = "Method Not Allowed"


class NotAcceptable(HTTPClientError):
    http_status = 406
    message = "Not Acceptable"


class ProxyAuthenticationRequired(HTTPClientError):
    http_status = 407
    message = "Proxy Authentication Required"


class RequestTimeout(HTTPClientError):
    http_status = 408
    message = "Request Timeout"


class Conflict(HTTPClientError):
    http_status = 409
    message = "Conflict"


class Gone(HTTPClientError):
    http_status = 410
    message = "Gone"


class LengthRequired(HTTPClientError):
    http_status = 411
    message = "Length Required"


class PreconditionFailed(HTTPClientError):
    http_status = 412
    message = "Precondition Failed"


class RequestEntityTooLarge(HTTPClientError):
    """413; ``retry_after`` is taken from the ``Retry-After`` header."""

    http_status = 413
    message = "Request Entity Too Large"


#: 413 as Cinder and Nova use it: over quota (python-cinderclient and novaclient's name).
OverLimit = RequestEntityTooLarge


class RequestUriTooLong(HTTPClientError):
    http_status = 414
    message = "Request-URI Too Long"


class UnsupportedMediaType(HTTPClientError):
    http_status = 415
    message = "Unsupported Media Type"


class RequestedRangeNotSatisfiable(HTTPClientError):
    http_status = 416
    message = "Requested Range Not Satisfiable"


class ExpectationFailed(HTTPClientError):
    http_status = 417
    message = "Expectation Failed"


class UnprocessableEntity(HTTPClientError):
    http_status = 422
    message = "Unprocessable Entity"


class InternalServerError(HttpServerError):
    http_status = 500
    message = "Internal Server Error"


class HttpNotImplemented(HttpServerError):
    http_status = 501
    message = "Not Implemented"


class BadGateway(HttpServerError):
    http_status = 502
    message = "Bad Gateway"


class ServiceUnavailable(HttpServerError):
    http_status = 503
    message = "Service Unavailable"


class GatewayTimeout(HttpServerError):
    http_status = 504
    message = "Gateway Timeout"


class HttpVersionNotSupported(HttpServerError):
    http_status = 505
    message = "HTTP Version Not Supported"


_CODE_MAP: dict[int, type[HttpError]] = {
    cls.http_status: cls
    for cls in (
        MultipleChoices, BadRequest, Unauthorized, PaymentRequired, Forbidden,
        NotFound, MethodNotAllowed, NotAcceptable, ProxyAuthenticationRequired,
        RequestTimeout, Conflict, Gone, LengthRequired, PreconditionFailed,
        RequestEntityTooLarge, RequestUriTooLong, UnsupportedMediaType,
        RequestedRangeNotSatisfiable, ExpectationFailed, UnprocessableEntity,
        InternalServerError, HttpNotImplemented, BadGateway, ServiceUnavailable,
        GatewayTimeout, HttpVersionNotSupported,
    )
}  # fmt: skip


def _family(status: int) -> type[HttpError]:
    if 300 <= status < 400:
        return HTTPRedirection
    if 400 <= status < 500:
        return HTTPClientError
    if 500 <= status < 600:
        return HttpServerError
    return HttpError


def _retry_after(headers: _t.Mapping[str, str]) -> int | None:
    value = headers.get("Retry-After")
    if value is None:
        return None
    try:
        return max(0, int(float(value)))
    except (ValueError, OverflowError):
        return None  # an HTTP date, NaN or inf: callers fall back to their own backoff


def from_response(
    response: requests.Response, method: str | None = None, url: str | None = None
) -> HttpError:
    """Return (do not raise) the :class:`HttpError` for ``response``.

    The class is picked by status (an unknown 3xx/4xx/5xx falls back to its
    family class); the message is read from the body whatever its shape
    (an HTML page gives its title and headings), cut to a readable length,
    with any secret the server echoed back (a password, a credential blob)
    masked.
    """
    from stackclient.apiclient import _error_body

    status = response.status_code
    headers = response.headers
    message, details = _error_body.read(response)
    kwargs: dict[str, _t.Any] = {
        "http_status": status,
        "response": response,
        "method": method or getattr(response.request, "method", None),
        "url": url or response.url,
        "request_id": headers.get("x-openstack-request-id") or headers.get("x-compute-request-id"),
        "retry_after": _retry_after(headers),
        "details": details,
    }
    if message:
        kwargs["message"] = message
    cls = _CODE_MAP.get(status) or _family(status)
    return cls(**kwargs)
