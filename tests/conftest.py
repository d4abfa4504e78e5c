"""A guard over the whole test run: no secret reaches the debug log.

Every test runs with the ``stackclient`` logger at DEBUG, so the curl-style
request and response logging (and its redaction) runs for every request
the suite makes, unit and functional alike. Everything logged is kept, and
at the end of the run it is searched for secrets that escaped redaction:
an auth header in clear, a password, secret or token value in a JSON body,
and the real secrets a functional run registers (``register_secret``).
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator

import pytest

#: What a leak looks like in the curl-style log, whatever the test.
_LEAK_PATTERNS = (
    re.compile(r"(?i)-H \"?(x-auth-token|x-subject-token|x-service-token): (?!\{SHA256\})"),
    re.compile(r"(?i)'?(x-auth-token|x-subject-token|x-service-token)'?: '?(?!\{SHA256\})\w"),
    re.compile(
        r'"(password|secret|original_password|application_credential_secret)":\s*"(?!\*\*\*")'
    ),
)

_KNOWN_SECRETS: list[str] = []


def register_secret(value: str) -> None:
    """Add a real secret (a password, a token) the whole log must not contain."""
    if value:
        _KNOWN_SECRETS.append(value)


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
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)
    text = buffer.getvalue()
    leaks = [p.pattern for p in _LEAK_PATTERNS if p.search(text)]
    leaks += ["a registered secret" for s in _KNOWN_SECRETS if s in text]
    assert not leaks, "secrets reached the debug log: %s" % leaks
