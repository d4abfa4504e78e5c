"""Turning what ``requests`` raised while sending into stackclient exceptions.

What matters to a caller is whether the server may have acted on the
request, so each failure is classified by what it wraps, not by the class
``requests`` picked (it reports a read timeout in the middle of a body,
and a connection dropped after the request went out, as the same
``ConnectionError`` as a refused connection):

=====================================  ===========================  =============
what happened                          raised                       sent?
=====================================  ===========================  =============
refused, unreachable, name unknown     ``ConnectionRefused``        no
connect timeout                        ``Timeout``                  no
TLS handshake or verification          ``SSLError``                 no
read timeout (headers or body)         ``Timeout``                  yes
dropped after sending, body cut short  ``ConnectionDropped``        yes
=====================================  ===========================  =============
"""

from __future__ import annotations

import http.client
import socket
import ssl
import typing as _t

import requests
from urllib3 import exceptions as _urllib3_exc

from stackclient import _lazyre, _redact
from stackclient.apiclient import exceptions

__all__ = ["SEND_ERRORS", "nothing_sent", "translate_error"]

#: What sending can raise: requests' exceptions (OSErrors), bare OSErrors,
#: urllib3 errors that requests lets through (a body read that fails while
#: requests drains a redirect), and the bare ValueError a plain
#: ``requests.Session`` raises for a redirect ``Location`` it cannot parse.
SEND_ERRORS = (OSError, _urllib3_exc.HTTPError, ValueError)

_WRAPPER_PREFIX = _lazyre.Pattern(r"^(?:<[^>]*>|\w+\([^)]*\)): ")

#: How many wrapped errors are looked at (they nest a few levels deep).
_MAX_CHAIN = 16

_SSL = (requests.exceptions.SSLError, _urllib3_exc.SSLError, ssl.SSLError)
# socket.timeout (TimeoutError since 3.10): a read, or a write of the body, stalled.
_READ_TIMEOUT = (
    _urllib3_exc.ReadTimeoutError,
    requests.exceptions.ReadTimeout,
    socket.timeout,
    TimeoutError,
)
_DROPPED = (
    _urllib3_exc.ProtocolError,
    http.client.RemoteDisconnected,
    http.client.IncompleteRead,
    ConnectionResetError,
    ConnectionAbortedError,
    BrokenPipeError,
    requests.exceptions.ChunkedEncodingError,
)

_MESSAGES = {
    "ssl": "SSL/TLS failure talking to %s (%s): %s. Check the CA bundle (verify=) and the "
    "server certificate.",
    "connect-timeout": "Connecting to %s (%s) timed out: %s. Nothing was sent; check the URL "
    "and that the service is reachable, or allow a longer connect timeout (timeout=).",
    "read-timeout": "Request to %s (%s) timed out waiting for the server: %s. The request was "
    "sent, so the server may have acted on it; check the service, or allow a longer read "
    "timeout (timeout=).",
    "refused": "Unable to establish connection to %s (%s): %s. Check the URL and that the "
    "service is reachable.",
    "dropped": "The connection to %s (%s) was lost after the request was sent: %s. The server "
    "may have acted on the request: check its state before sending it again.",
    "local": "Could not send %s (%s): %s. Check the verify= and cert= paths.",
    "other": "Request to %s (%s) failed: %s",
}

_CLASSES: dict[str, type[exceptions.TransportError]] = {
    "ssl": exceptions.SSLError,
    "connect-timeout": exceptions.Timeout,
    "read-timeout": exceptions.Timeout,
    "refused": exceptions.ConnectionRefused,
    "dropped": exceptions.ConnectionDropped,
    "local": exceptions.TransportError,
    "other": exceptions.TransportError,
}


def _chain(exc: BaseException) -> list[BaseException]:
    """``exc`` and every error it wraps (args, ``reason``, causes), outermost first."""
    found: list[BaseException] = []
    todo = [exc]
    while todo and len(found) < _MAX_CHAIN:
        error = todo.pop(0)
        if any(error is seen for seen in found):
            continue
        found.append(error)
        inner = [getattr(error, "reason", None), getattr(error, "original_error", None)]
        inner += [error.__cause__, error.__context__, *error.args]
        todo.extend(item for item in inner if isinstance(item, BaseException))
    return found


def _classify(exc: BaseException) -> str:
    """One of the keys of :data:`_MESSAGES` for the failure ``exc``."""
    chain = _chain(exc)
    if any(isinstance(error, _SSL) for error in chain):
        return "ssl"
    if any(isinstance(error, _urllib3_exc.NewConnectionError) for error in chain):
        return "refused"
    connect_timeout = (requests.exceptions.ConnectTimeout, _urllib3_exc.ConnectTimeoutError)
    if any(isinstance(error, connect_timeout) for error in chain):
        return "connect-timeout"
    if any(isinstance(error, _READ_TIMEOUT) for error in chain):
        return "read-timeout"
    if any(isinstance(error, _DROPPED) for error in chain):
        return "dropped"
    if isinstance(exc, requests.exceptions.Timeout):
        return "read-timeout"
    if isinstance(exc, requests.exceptions.ConnectionError):
        return "refused"  # nothing says what happened: as requests named it
    if isinstance(exc, OSError) and not isinstance(
        exc, (requests.RequestException, _urllib3_exc.HTTPError)
    ):
        return "local"  # an OSError before sending: a CA bundle or cert path
    return "other"


def _reason(exc: BaseException) -> str:
    """Say what went wrong without urllib3's wrapper text (or the URL)."""
    inner: _t.Any = exc.args[0] if exc.args else exc
    if not isinstance(inner, BaseException):
        inner = exc
    inner = getattr(inner, "reason", None) or inner
    text = _WRAPPER_PREFIX.sub("", str(inner))
    return text or type(exc).__name__


def translate_error(
    exc: BaseException, method: str, url: str, timeout: _t.Any = None
) -> exceptions.TransportError:
    """Return the stackclient exception for a failure raised while sending.

    ``exc`` is a ``requests`` exception, a urllib3 error requests did not
    wrap, or a bare OSError (``requests`` raises those for a CA bundle or
    client certificate path it cannot read).
    """
    where = _redact.url(url)
    reason = _reason(exc)
    kind = _classify(exc)
    if kind == "local" and ("cert" in reason.lower() or "tls" in reason.lower()):
        kind = "ssl-local"
    cls = exceptions.SSLError if kind == "ssl-local" else _CLASSES[kind]
    message = _MESSAGES["local" if kind == "ssl-local" else kind]
    if cls is exceptions.Timeout and timeout is not None and "timeout=" not in reason:
        reason = "%s (timeout=%s)" % (reason, timeout)
    return cls(message % (where, method, reason), url=where, method=method)


def nothing_sent(exc: BaseException | None) -> bool:
    """Tell whether a failed attempt never reached the server.

    True for connect timeouts and for connections that could not be opened
    (refused, unreachable, name not resolved): re-sending such a request is
    safe whatever its method. (urllib3's NewConnectionError is a kind of
    ConnectTimeoutError.)
    """
    if exc is None:
        return False
    chain = _chain(exc)
    if any(isinstance(error, _SSL) for error in chain):
        return False
    not_connected = (requests.exceptions.ConnectTimeout, _urllib3_exc.ConnectTimeoutError)
    return any(isinstance(error, not_connected) for error in chain)
