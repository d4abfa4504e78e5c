"""Temporary URLs, checked by the real Swift's tempurl middleware."""

from __future__ import annotations

import datetime
import time
import typing as _t
import uuid
from collections.abc import Iterator

import pytest
import requests

from stackclient.object_store.v1 import client
from tests.conftest import register_secret


@pytest.fixture
def key(swift: client.Client) -> Iterator[str]:
    secret = uuid.uuid4().hex
    register_secret(secret)
    swift.account.set_temp_url_key(secret)
    try:
        yield secret
    finally:
        swift.account.set_temp_url_key(None)


def fetch(url: str, method: str = "GET", **kwargs: _t.Any) -> requests.Response:
    return requests.request(method, url, timeout=30, **kwargs)


def test_each_digest_is_accepted(swift: client.Client, container: str, key: str) -> None:
    swift.objects.upload(container, "ünï cøde.txt", b"secret data")
    for digest in ("sha256", "sha512", "sha1"):
        url = swift.temp_url(container, "ünï cøde.txt", expires_in=60, digest=digest)
        answer = fetch(url)
        assert (answer.status_code, answer.content) == (200, b"secret data"), digest


def test_what_the_signature_does_not_cover_is_refused(
    swift: client.Client, container: str, key: str
) -> None:
    swift.objects.upload(container, "o", b"x")
    url = swift.temp_url(container, "o", expires_in=60)
    assert fetch(url.replace("/o?", "/other?")).status_code == 401
    assert fetch(url, "DELETE").status_code == 401
    assert fetch(url.replace("temp_url_sig=", "temp_url_sig=0")).status_code == 401
    past = swift.temp_url(container, "o", expires_at=int(time.time()) - 10)
    assert fetch(past).status_code == 401
    other_key = swift.temp_url(container, "o", expires_in=60, key="not-the-key")
    assert fetch(other_key).status_code == 401


def test_put_method(swift: client.Client, container: str, key: str) -> None:
    url = swift.temp_url(container, "uploaded", expires_in=60, method="PUT")
    assert fetch(url, "PUT", data=b"from a browser").status_code == 201
    assert swift.objects.read(container, "uploaded") == b"from a browser"


def test_prefix_ip_range_and_iso8601(swift: client.Client, container: str, key: str) -> None:
    swift.objects.upload(container, "logs/a", b"a")
    swift.objects.upload(container, "other", b"o")
    url = swift.temp_url(container, "logs/", expires_in=60, prefix=True)
    assert fetch(url.replace("/logs/?", "/logs/a?")).status_code == 200
    assert fetch(url.replace("/logs/?", "/other?")).status_code == 401
    here = swift.temp_url(container, "logs/a", expires_in=60, ip_range="127.0.0.0/8")
    assert fetch(here).status_code == 200
    elsewhere = swift.temp_url(container, "logs/a", expires_in=60, ip_range="203.0.113.7")
    assert fetch(elsewhere).status_code == 401
    when = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=5)
    dated = swift.temp_url(
        container, "logs/a", expires_at=when, iso8601=True, filename="a b.log", inline=True
    )
    answer = fetch(dated)
    assert answer.status_code == 200
    assert answer.headers["Content-Disposition"].startswith('inline; filename="a b.log"')


def test_a_container_key(swift: client.Client, container: str) -> None:
    secret = uuid.uuid4().hex
    register_secret(secret)
    swift.containers.update(container, headers={"X-Container-Meta-Temp-URL-Key": secret})
    swift.objects.upload(container, "o", b"x")
    url = swift.temp_url(container, "o", expires_in=60, key=secret)
    assert fetch(url).status_code == 200
