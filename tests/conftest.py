"""A guard over the whole test run: no secret reaches the debug log.

Every test runs with the ``stackclient`` logger at DEBUG, so the curl-style
request and response logging (and its redaction) runs for every request
the suite makes, unit and functional alike. Everything logged is kept, and
at the end of the run it is searched for secrets that escaped redaction:
an auth header in clear, a password, secret or token value of any type in
a JSON body or a Python repr a server echoed, and the real secrets a run
registers (``register_secret``).

The guard also seeds the log itself: before the first test it sends the
:data:`ECHOED_SECRETS` -- a string, an integer, a list and a dict used as
passwords -- to a loopback server that echoes each one back the way
Keystone does (``Value: 12345678.``) in an error and in a success body,
so a redaction that lets an echoed or non-string secret through fails
the run even when no test looks. Tests may use the same values.
"""

from __future__ import annotations

import io
import json
import logging
import re
import socket
from collections.abc import Iterator

import pytest

#: Passwords of every JSON type, as a server may get them and echo them.
ECHOED_SECRETS: tuple[object, ...] = (
    "echo-Pa55-7f3a91c2",
    918273645,
    ["list-pw-5c2e81", "list-pw-9b1d47"],
    {"dict-pw-key": "dict-pw-3e8f60"},
)

#: What a leak looks like in the curl-style log, whatever the test.
_SECRET_KEY = r"(password|secret|original_password|application_credential_secret)"
#: Keys whose scalar values a token keeps visible (its expiry, ...).
_DESCRIBING = r"(?:expires|expires_at|issued_at|is_domain|is_admin_project)"
_LEAK_PATTERNS = (
    re.compile(r"(?i)-H \"?(x-auth-token|x-subject-token|x-service-token): (?!\{SHA256\})"),
    re.compile(r"(?i)'?(x-auth-token|x-subject-token|x-service-token)'?: '?(?!\{SHA256\})\w"),
    re.compile(r'"%s":\s*"(?!\*\*\*")' % _SECRET_KEY),
    # A non-string secret in JSON: a number, or a list or object holding one.
    re.compile(r'"%s":\s*[-0-9]' % _SECRET_KEY),
    re.compile(r'"%s":\s*\[(?!\s*(?:"\*\*\*"|[\]\[{]|null|true|false))' % _SECRET_KEY),
    re.compile(
        r'"%s":\s*\{\s*"(?!%s")[^"]*":(?!\s*(?:"\*\*\*"|[\[{]|null|true|false))'
        % (_SECRET_KEY, _DESCRIBING)
    ),
    # An echo in a Python repr: {'password': 'x'} or {'password': 12345}.
    re.compile(r"'%s':\s*(?:'(?!\*\*\*')|[0-9-]|\[\s*(?![\"']\*\*\*|[\]\[{]))" % _SECRET_KEY),
)

_KNOWN_SECRETS: list[str] = []


def register_secret(value: str) -> None:
    """Add a real secret (a password, a token) the whole log must not contain."""
    if value:
        _KNOWN_SECRETS.append(value)


def _leaves(value: object) -> Iterator[str]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item)
    else:
        yield str(value)


for _secret in ECHOED_SECRETS:
    for _leaf in _leaves(_secret):
        register_secret(_leaf)


def _echo(conn: socket.socket, request: bytes) -> None:
    """Answer like Keystone: echo the password back, in an error or a success."""
    body = json.loads(request.partition(b"\r\n\r\n")[2] or b"{}")
    password = body.get("user", {}).get("password")
    if request.startswith(b"POST /error"):
        message = "Invalid input for field/attribute password. Value: %r. %r is not of type" % (
            password,
            password,
        )
        status, answer = b"400 Bad Request", {"error": {"code": 400, "message": message}}
    else:
        status, answer = b"201 Created", {"user": {"id": "u1", "password": password}}
    data = json.dumps(answer).encode()
    head = b"HTTP/1.1 %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n"
    head += b"Connection: close\r\n\r\n"
    conn.sendall(head % (status, len(data)) + data)


def _seed_echoes() -> None:
    """Send every ECHOED_SECRETS value through the pipeline to an echoing server."""
    from stackclient.apiclient import client, exceptions
    from tests.unit._loopback import Loopback

    with Loopback(_echo) as server:
        http = client.HTTPClient(None)
        for password in ECHOED_SECRETS:
            body = {"user": {"name": "n", "password": password}}
            http.request("POST", server.url + "/ok", json=body)
            try:
                http.request("POST", server.url + "/error", json=body)
            except exceptions.BadRequest as error:
                for leaf in _leaves(password):
                    assert leaf not in str(error), "an echoed secret reached an error message"


@pytest.fixture(scope="session", autouse=True)
def _debug_log_has_no_secrets() -> Iterator[None]:
    logger = logging.getLogger("stackclient")
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setLevel(logging.DEBUG)
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        _seed_echoes()
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)
    text = buffer.getvalue()
    assert "Invalid input for field/attribute password" in text, "the seeds were not logged"
    leaks = [p.pattern for p in _LEAK_PATTERNS if p.search(text)]
    leaks += ["a registered secret" for s in _KNOWN_SECRETS if s in text]
    assert not leaks, "secrets reached the debug log: %s" % leaks
