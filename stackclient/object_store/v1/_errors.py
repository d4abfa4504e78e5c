"""Swift's error answers, told in terms of the container or object asked for.

Swift answers most errors with a short HTML page ("<html><h1>Not
Found</h1>..."). :func:`explained` raises the same
:class:`~stackclient.apiclient.exceptions.HttpError` class with a message
that names the container or object and says what to check, keeping
Swift's own text (a quota's "Upload exceeds quota.") and every attribute
of the original (status, request id, URL, response).
"""

from __future__ import annotations

import contextlib
import re
import typing as _t

from stackclient import _redact
from stackclient.apiclient import exceptions

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

__all__ = ["describe", "explained", "from_status", "rewrap", "swift_text"]

_TAGS = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")

#: What to say per status; ``%s`` is the subject ("container 'x'").
_ADVICE: dict[int, str] = {
    401: "%s: the token was refused; check the credentials",
    403: "%s: this project may not do that; check the container ACLs and your roles",
    404: "%s does not exist (or this project cannot see it)",
    409: "%s: conflict",
    411: "%s: the server needs the length of the data",
    412: "%s: a precondition failed",
    413: "%s: too large (over a quota, or the largest object the cluster takes)",
    416: "%s: the range asked for is outside the object",
    422: "%s: the data does not match the ETag sent with it",
    507: "%s: the cluster is out of space",
}


def swift_text(error: exceptions.HttpError) -> str:
    """Swift's message without its HTML, or '' when it only repeats the status."""
    text = _SPACES.sub(" ", _TAGS.sub(" ", str(error.message or ""))).strip()
    generic = type(error).message
    for filler in (generic, "The resource could not be found.", "HTTP Error"):
        text = text.replace(filler, "").strip()
    return text.strip(" .")


def rewrap(error: exceptions.HttpError, message: str) -> exceptions.HttpError:
    """A copy of ``error`` (same class and attributes) with a new message."""
    new = type(error)(
        message=message,
        details=error.details,
        response=error.response,
        request_id=error.request_id,
        url=error.url,
        method=error.method,
        http_status=error.http_status,
        retry_after=error.retry_after,
    )
    return new


def describe(error: exceptions.HttpError, subject: str, advice: str | None = None) -> str:
    """``<subject>: <what it means>[ (Swift: <its text>)]``."""
    template = advice or _ADVICE.get(error.http_status, "%s: " + type(error).message.lower())
    message = template % subject
    text = swift_text(error)
    if text:
        message += " (Swift says: %s)" % text
    return message


@contextlib.contextmanager
def explained(subject: str, advice: _t.Mapping[int, str] | None = None) -> _t.Iterator[None]:
    """Re-raise HTTP errors of the block with a message about ``subject``.

    ``advice`` overrides the message template (``%s`` is the subject) for
    some statuses.
    """
    try:
        yield
    except exceptions.HttpError as error:
        template = (advice or {}).get(error.http_status)
        raise rewrap(error, describe(error, subject, template)) from error


def from_status(
    resp: requests.Response, code: int, status: str, detail: str
) -> exceptions.HttpError:
    """The HttpError for a status Swift reported inside a body (bulk, heartbeat).

    Those answers come back as 200 or 202 with the real outcome in the
    body; the error raised is the one the status would have given.
    """
    import requests as _requests  # only on this rare path

    fake = _requests.Response()
    fake.status_code = code
    fake.headers = resp.headers
    fake.url = resp.url
    fake.request = resp.request
    fake._content = ("%s: %s" % (status, detail) if detail else status).encode("utf-8")
    method = getattr(resp.request, "method", None)
    return exceptions.from_response(fake, method, _redact.url(resp.url or ""))
