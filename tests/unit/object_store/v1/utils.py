"""The object-store test case: a faked cloud whose object-store endpoint is a FakeSwift."""

from __future__ import annotations

import hashlib
import typing as _t
import urllib.parse

from stackclient.object_store.v1 import client
from tests.unit import service_utils
from tests.unit.object_store.v1.fake_swift import FakeSwift

__all__ = ["DATA", "ObjectStoreTestCase", "md5"]

#: A payload of 10,240 bytes, more than two 4 KiB segments.
DATA = bytes(range(256)) * 40


def md5(data: bytes) -> str:
    """The hex MD5 of ``data``, as Swift puts it in an ETag."""
    return hashlib.md5(data).hexdigest()


class ObjectStoreTestCase(service_utils.ServiceTestCase):
    """``self.client`` is an object-store Client; ``self.swift`` the Swift behind it."""

    client_class = client.Client

    def setUp(self) -> None:
        super().setUp()
        self.swift = FakeSwift(self.requests_mock, service_utils.ENDPOINTS["object-store"])
        self._forgotten = 0

    def forget(self) -> None:
        """Leave the requests sent so far out of :meth:`sent`."""
        self._forgotten = len(self.requests_mock.request_history)

    def sent(self, method: str | None = None, path: str | None = None) -> list[_t.Any]:
        """Requests to Swift (``path`` relative to the account, unquoted, without query)."""
        found = []
        for request in self.requests_mock.request_history[self._forgotten :]:
            if not request.url.startswith("http://swift.test"):
                continue
            if method is not None and request.method != method:
                continue
            if path is not None:
                where = urllib.parse.unquote(urllib.parse.urlsplit(request.url).path)
                if where != self.swift.account_path + path:
                    continue
            found.append(request)
        return found

    def query_of(self, request: _t.Any) -> dict[str, list[str]]:
        """The request's query string, parsed (blank values kept)."""
        return urllib.parse.parse_qs(
            urllib.parse.urlsplit(request.url).query, keep_blank_values=True
        )
