"""The client's own connection pool (_transport.PooledSession), checked through requests' adapter seam."""

from __future__ import annotations

import io

import requests
import testtools

from stackclient import _transport

URL = "http://identity.example.com:5000/v3/projects"
BODY = b'{"projects": []}' * 4096


class _RecordingBody(io.BytesIO):
    """A response body that records the size of every read."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.sizes: list[int | None] = []

    def read(self, size=None):
        self.sizes.append(size)
        return super().read(size)


class _Adapter(requests.adapters.BaseAdapter):
    """Answers every request with BODY and keeps the body object it handed out."""

    def __init__(self) -> None:
        super().__init__()
        self.bodies: list[_RecordingBody] = []

    def send(self, request, stream=False, **kwargs):
        response = requests.Response()
        response.status_code = 200
        response.url = request.url
        response.request = request
        response.raw = _RecordingBody(BODY)
        self.bodies.append(response.raw)
        return response

    def close(self):
        pass


class ReadBodyTest(testtools.TestCase):
    def setUp(self):
        super().setUp()
        self.adapter = _Adapter()
        self.session = _transport.PooledSession()
        self.session.mount("http://", self.adapter)

    def test_a_body_is_read_in_one_piece_before_returning(self):
        resp = self.session.get(URL)
        body = self.adapter.bodies[0]
        self.assertEqual(len(BODY), body.tell())
        self.assertNotIn(requests.models.CONTENT_CHUNK_SIZE, body.sizes)
        self.assertEqual(BODY, resp.content)

    def test_a_streamed_body_is_left_to_the_caller(self):
        resp = self.session.get(URL, stream=True)
        self.assertEqual([], self.adapter.bodies[0].sizes)
        self.assertEqual(BODY, resp.content)

    def test_a_session_that_streams_by_default_still_streams(self):
        self.session.stream = True
        self.session.get(URL)
        self.assertEqual([], self.adapter.bodies[0].sizes)
