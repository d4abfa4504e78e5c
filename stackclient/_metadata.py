"""``include_metadata=True``: manager results that carry their request ids.

python-keystoneclient's clients took ``include_metadata=True``; every
manager call then returned a ``Response`` whose ``data`` is what the call
returns otherwise and whose ``request_ids`` are the
``x-openstack-request-id`` headers of the HTTP responses it took (one for
most calls, one per page for a followed listing). Here the identity
clients do the same by handing out each manager behind a
:class:`MetadataManager` that records the responses of each call; the
managers themselves do not change.
"""

from __future__ import annotations

import functools
import threading
import typing as _t

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

__all__: list[str] = []

#: The header a request id is read from.
_REQUEST_ID_HEADER = "x-openstack-request-id"


class Response:
    """A manager call's result with the request ids of its HTTP responses.

    ``data`` is what the call returns without ``include_metadata``;
    ``request_ids`` lists one ``x-openstack-request-id`` (or None) per
    response, in the order they came::

        keystone = client.Client(session=sess, include_metadata=True)
        result = keystone.projects.get("p1")
        result.data.name, result.request_ids    # "demo", ["req-..."]
    """

    __slots__ = ("data", "request_ids")

    def __init__(self, http_responses: _t.Sequence[requests.Response], data: _t.Any) -> None:
        self.request_ids = [r.headers.get(_REQUEST_ID_HEADER) for r in http_responses]
        self.data = data

    def __repr__(self) -> str:
        return "<Response request_ids=%r data=%r>" % (self.request_ids, self.data)


class Recorder:
    """Collects, per thread, the HTTP responses of the manager call under way."""

    def __init__(self) -> None:
        self._local = threading.local()

    def record(self, response: requests.Response) -> None:
        """Note ``response`` if this thread is inside a recorded call."""
        found = getattr(self._local, "responses", None)
        if found is not None:
            found.append(response)

    def call(self, func: _t.Callable[..., _t.Any], *args: _t.Any, **kwargs: _t.Any) -> Response:
        """Run ``func`` and wrap what it returns with the responses it caused."""
        outer = getattr(self._local, "responses", None)
        self._local.responses = responses = []
        try:
            data = func(*args, **kwargs)
        finally:
            self._local.responses = outer
        if outer is not None:
            outer.extend(responses)
        return Response(responses, data)


class MetadataManager:
    """A manager whose public methods return :class:`Response` objects.

    Attributes other than public methods (``resource_class``, ``client``,
    constants) are the manager's own.
    """

    __slots__ = ("_manager", "_recorder")

    def __init__(self, manager: _t.Any, recorder: Recorder) -> None:
        self._manager = manager
        self._recorder = recorder

    def __getattr__(self, name: str) -> _t.Any:
        value = getattr(self._manager, name)
        if name.startswith("_") or not callable(value) or isinstance(value, type):
            return value
        return functools.partial(self._recorder.call, value)

    def __repr__(self) -> str:
        return "<MetadataManager %r>" % (self._manager,)
