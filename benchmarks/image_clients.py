"""Image scenario runners: one client library, one scenario, one fresh process.

``python -m benchmarks.image_clients CLIENT SCENARIO --params JSON`` prints
one ``BENCH-RESULT {...}`` line (``status`` ``ok``, ``not installed`` or
``error: ...``). Scenarios:

``upload``    create an image and upload the data file into it, as the
              library's documentation shows (stackclient verifies what
              the server recorded; openstacksdk with
              ``validate_checksum=True``); measured: wall and CPU time,
              MiB/s, bytes read from the source file (``rchar``) per byte
              of the file, peak RSS growth.
``download``  download the uploaded image to a file (verified where the
              library verifies); same measures.
``list``      list 1,000 images in one page (``limit=1000``), reading
              ``id`` and ``name`` of each; client CPU per call. Against a
              server holding 20 images, with ``limit=20``, it is the
              harness's ``list20``.
``get``       get one image by id, reading its ``id`` and ``name``; client
              CPU per call.
``walk``      walk 20,000 images 1,000 per page as the client yields them
              (stackclient ``images.iterate(limit=)``, python-glanceclient
              ``images.list(page_size=)``, openstacksdk ``image.images(limit=)``,
              raw requests following Glance's ``next``), reading ``id`` and
              ``name`` of each; client CPU per item, peak RSS growth, page
              requests (:mod:`benchmarks.paging`: a slow client stops at
              the end of a page once ``walk_budget_s`` is spent).
``create``    create an image record without data (name, disk and container
              formats), reading the ``id`` and ``name`` of the answer; client
              CPU per call.

Every result is checked: the server's byte count for uploads, size and
sampled windows of the file for downloads, count and first/last ids for
lists, for walks the count (all, or whole pages), the first and last
images (id and name) and a page request for every page walked, id and
name for gets, and for creates the name given back, the ``queued``
status and an id never seen before.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import resource
import tempfile
import time
import uuid
from collections.abc import Iterator
from typing import Any

from benchmarks import child, control, paging
from benchmarks.clients import base
from benchmarks.image_server import image_id

USERNAME, PASSWORD = base.USERNAME, base.PASSWORD
PROJECT, DOMAIN = base.PROJECT_NAME, base.DOMAIN_ID
_MIB = 1024 * 1024

__all__ = ["main"]


# -- measuring ---------------------------------------------------------------------


def _rchar() -> int:
    with open("/proc/self/io") as handle:
        for line in handle:
            if line.startswith("rchar:"):
                return int(line.split()[1])
    return 0


def _rss_kib() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def _timed(work: Any) -> dict[str, Any]:
    rss, reads = _rss_kib(), _rchar()
    cpu, wall = time.process_time(), time.perf_counter()
    value = work()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    read = _rchar() - reads
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"value": value, "wall_s": wall, "cpu_s": cpu, "rchar": read,
            "rss_growth_mib": max(peak - rss, 0) / 1024.0}  # fmt: skip


def _sample_ok(path: str, source: str) -> bool:
    """Same size, and the same bytes at the start, middle and end (1 MiB each)."""
    size = os.path.getsize(source)
    if os.path.getsize(path) != size:
        return False
    with open(path, "rb") as got, open(source, "rb") as want:
        for offset in (0, max(size // 2 - _MIB, 0), max(size - _MIB, 0)):
            got.seek(offset)
            want.seek(offset)
            if hashlib.sha512(got.read(_MIB)).digest() != hashlib.sha512(want.read(_MIB)).digest():
                return False
    return True


# -- the clients ---------------------------------------------------------------------


class StackclientRunner:
    def __init__(self, auth_url: str) -> None:
        import stackclient
        from stackclient import session
        from stackclient.auth import v3
        from stackclient.image.v2 import client

        self.version = stackclient.__version__
        plugin = v3.Password(auth_url=auth_url, username=USERNAME, password=PASSWORD,
                             project_name=PROJECT, user_domain_id=DOMAIN,
                             project_domain_id=DOMAIN)  # fmt: skip
        self.glance = client.Client(session=session.Session(auth=plugin))
        self.glance.endpoint  # noqa: B018 - authenticate and discover before timing

    def upload(self, path: str) -> str:
        image = self.glance.images.create(name="bench-" + uuid.uuid4().hex[:8],
                                          disk_format="raw", container_format="bare")  # fmt: skip
        self.glance.images.upload(image, path)
        return image.id

    def download(self, image_id: str, path: str) -> None:
        self.glance.images.download(image_id, path)

    def list(self, limit: int) -> list[tuple[str, str]]:
        return [(i.id, i.name) for i in self.glance.images.list(limit=limit)]

    def get(self, ident: str) -> tuple[str, str]:
        image = self.glance.images.get(ident)
        return image.id, image.name

    def walk(self, limit: int) -> Iterator[Any]:
        return self.glance.images.iterate(limit=limit)  # type: ignore[no-any-return]

    def item(self, image: Any) -> tuple[str, str]:
        return image.id, image.name

    def create(self, name: str) -> tuple[str, str, str]:
        image = self.glance.images.create(name=name, disk_format="raw", container_format="bare")
        return image.id, image.name, image.status


class RequestsRunner:
    """Hand-written requests: stream the file, no hashing, no checks."""

    def __init__(self, auth_url: str) -> None:
        import requests

        self.version = requests.__version__
        self.http = requests.Session()
        body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
            "name": USERNAME, "password": PASSWORD, "domain": {"id": DOMAIN}}}},
            "scope": {"project": {"name": PROJECT, "domain": {"id": DOMAIN}}}}}  # fmt: skip
        resp = self.http.post(auth_url + "/auth/tokens", json=body)
        resp.raise_for_status()
        self.http.headers["X-Auth-Token"] = resp.headers["X-Subject-Token"]
        catalog = resp.json()["token"]["catalog"]
        image = next(s for s in catalog if s["type"] == "image")
        url = next(e["url"] for e in image["endpoints"] if e["interface"] == "public")
        self.base = url.rstrip("/") + "/v2"

    def upload(self, path: str) -> str:
        body = {"name": "bench-" + uuid.uuid4().hex[:8], "disk_format": "raw",
                "container_format": "bare"}  # fmt: skip
        image = self.http.post(self.base + "/images", json=body).json()
        with open(path, "rb") as handle:
            self.http.put("%s/images/%s/file" % (self.base, image["id"]), data=handle,
                          headers={"Content-Type": "application/octet-stream"}).raise_for_status()  # fmt: skip
        return str(image["id"])

    def download(self, image_id: str, path: str) -> None:
        with self.http.get("%s/images/%s/file" % (self.base, image_id), stream=True) as resp:
            resp.raise_for_status()
            with open(path, "wb") as out:
                for chunk in resp.iter_content(_MIB):
                    out.write(chunk)

    def list(self, limit: int) -> list[tuple[str, str]]:
        images = self.http.get(self.base + "/images", params={"limit": limit}).json()["images"]
        return [(i["id"], i["name"]) for i in images]

    def get(self, ident: str) -> tuple[str, str]:
        resp = self.http.get("%s/images/%s" % (self.base, ident))
        resp.raise_for_status()
        image = resp.json()
        return image["id"], image["name"]

    def walk(self, limit: int) -> Iterator[dict[str, Any]]:
        """Glance's ``next`` is a path from its root (``/v2/images?...``)."""
        root = self.base[: -len("/v2")]
        url: str | None = "%s/images?limit=%d" % (self.base, limit)
        while url:
            resp = self.http.get(url)
            resp.raise_for_status()
            page = resp.json()
            yield from page["images"]
            url = root + page["next"] if page.get("next") else None

    def item(self, image: dict[str, Any]) -> tuple[str, str]:
        return image["id"], image["name"]

    def create(self, name: str) -> tuple[str, str, str]:
        body = {"name": name, "disk_format": "raw", "container_format": "bare"}
        resp = self.http.post(self.base + "/images", json=body)
        resp.raise_for_status()
        image = resp.json()
        return image["id"], image["name"], image["status"]


class GlanceclientRunner:
    def __init__(self, auth_url: str) -> None:
        import glanceclient
        from glanceclient import client

        self.version = glanceclient.__version__
        self.glance = client.Client("2", session=base.keystoneauth_session(auth_url))

    def upload(self, path: str) -> str:
        image = self.glance.images.create(name="bench-" + uuid.uuid4().hex[:8],
                                          disk_format="raw", container_format="bare")  # fmt: skip
        with open(path, "rb") as handle:
            self.glance.images.upload(image["id"], handle, image_size=os.path.getsize(path))
        return str(image["id"])

    def download(self, image_id: str, path: str) -> None:
        data = self.glance.images.data(image_id)  # verifies os_hash_value while iterating
        with open(path, "wb") as out:
            for chunk in data:
                out.write(chunk)

    def list(self, limit: int) -> list[tuple[str, str]]:
        return [
            (i["id"], i["name"]) for i in self.glance.images.list(limit=limit, page_size=limit)
        ]

    def get(self, ident: str) -> tuple[str, str]:
        image = self.glance.images.get(ident)
        return image["id"], image["name"]

    def walk(self, limit: int) -> Iterator[Any]:
        return self.glance.images.list(page_size=limit)  # type: ignore[no-any-return]

    def item(self, image: Any) -> tuple[str, str]:
        return image["id"], image["name"]

    def create(self, name: str) -> tuple[str, str, str]:
        image = self.glance.images.create(name=name, disk_format="raw", container_format="bare")
        return image["id"], image["name"], image["status"]


class OpenstacksdkRunner:
    def __init__(self, auth_url: str) -> None:
        import openstack
        import openstack.version

        self.version = openstack.version.__version__
        self.conn = openstack.connect(auth_url=auth_url, username=USERNAME, password=PASSWORD,
                                      project_name=PROJECT, user_domain_id=DOMAIN,
                                      project_domain_id=DOMAIN, region_name="RegionOne")  # fmt: skip
        self.conn.image.get_endpoint()

    def upload(self, path: str) -> str:
        image = self.conn.image.create_image("bench-" + uuid.uuid4().hex[:8], filename=path,
                                             disk_format="raw", container_format="bare",
                                             validate_checksum=True, wait=False)  # fmt: skip
        return str(image.id)

    def download(self, image_id: str, path: str) -> None:
        self.conn.image.download_image(image_id, output=path)

    def list(self, limit: int) -> list[tuple[str, str]]:
        return [(i.id, i.name) for i in self.conn.image.images(limit=limit)]

    def get(self, ident: str) -> tuple[str, str]:
        image = self.conn.image.get_image(ident)
        return image.id, image.name

    def walk(self, limit: int) -> Iterator[Any]:
        return self.conn.image.images(limit=limit)  # type: ignore[no-any-return]

    def item(self, image: Any) -> tuple[str, str]:
        return image.id, image.name

    def create(self, name: str) -> tuple[str, str, str]:
        """``allow_duplicates=True``: no lookup by name first, one request as the others send."""
        image = self.conn.image.create_image(name, disk_format="raw", container_format="bare",
                                             allow_duplicates=True)  # fmt: skip
        return image.id, image.name, image.status


RUNNERS = {
    "stackclient": (StackclientRunner, ()),
    "requests": (RequestsRunner, ("requests",)),
    "glanceclient": (GlanceclientRunner, ("glanceclient", "keystoneauth1")),
    "openstacksdk": (OpenstacksdkRunner, ("openstack",)),
}


# -- scenarios -------------------------------------------------------------------------


def _server_received(server: str, ident: str) -> int:
    return int(control.call(server, "GET", "/_stats")["received"].get(ident, -1))


def upload(runner: Any, params: dict[str, Any]) -> dict[str, Any]:
    path = params["data"]
    size = os.path.getsize(path)
    done = _timed(lambda: runner.upload(path))
    received = _server_received(params["server"], done["value"])
    if received != size:
        raise RuntimeError("the server received %d bytes, not %d" % (received, size))
    return _transfer_result(done, size)


def download(runner: Any, params: dict[str, Any]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(dir=params.get("scratch")) as scratch:
        target = os.path.join(scratch, "image.raw")
        done = _timed(lambda: runner.download(params["image_id"], target))
        if not _sample_ok(target, params["data"]):
            raise RuntimeError("the downloaded file differs from the source")
    return _transfer_result(done, os.path.getsize(params["data"]))


def _transfer_result(done: dict[str, Any], size: int) -> dict[str, Any]:
    return {"wall_s": done["wall_s"], "cpu_s": done["cpu_s"],
            "mib_per_s": size / _MIB / done["wall_s"], "source_reads": done["rchar"] / size,
            "rss_growth_mib": done["rss_growth_mib"]}  # fmt: skip


def _with_us(result: dict[str, Any]) -> dict[str, Any]:
    return dict(result, cpu_us_per_call=1000 * result["cpu_ms_per_call"])


def list_images(runner: Any, params: dict[str, Any]) -> dict[str, Any]:
    """``limit=total`` over a collection of ``total``: one page, every id and name read."""
    total = params["total"]
    ends = (image_id(0), image_id(total - 1))

    def check(pairs: list[tuple[str, str]]) -> None:
        if len(pairs) != total or (pairs[0][0], pairs[-1][0]) != ends:
            raise RuntimeError("listed %d images, expected %d from %s" % (len(pairs), total,
                                                                         ends[0]))  # fmt: skip

    return _with_us(child.cpu_per_call(lambda: runner.list(total), check, params))


def get_image(runner: Any, params: dict[str, Any]) -> dict[str, Any]:
    """One canned image by id, again and again: client CPU per call."""
    wanted = (image_id(0), "image-000000")

    def check(got: tuple[str, str]) -> None:
        if got != wanted:
            raise RuntimeError("got %r, not %r" % (got, wanted))

    return _with_us(child.cpu_per_call(lambda: runner.get(wanted[0]), check, params))


def walk_images(runner: Any, params: dict[str, Any]) -> dict[str, Any]:
    """``total`` images, ``limit`` per page, as the client yields them (:mod:`benchmarks.paging`)."""
    return paging.walk(
        lambda limit: map(runner.item, runner.walk(limit)),
        params,
        lambda index: (image_id(index), "image-%06d" % index),
        lambda: control.stats(params["server"]).get("list_requests", 0),
    )


def create_image(runner: Any, params: dict[str, Any]) -> dict[str, Any]:
    """``calls`` image records created on one client: client CPU per call."""
    numbers = itertools.count()
    seen: set[str] = set()
    wanted = [""]

    def create() -> tuple[str, str, str]:
        wanted[0] = "bench-%d" % next(numbers)
        return runner.create(wanted[0])  # type: ignore[no-any-return]

    def check(got: tuple[str, str, str]) -> None:
        ident, name, status = got
        if not ident or ident in seen or name != wanted[0] or status != "queued":
            raise RuntimeError("created %r, wanted a new queued image %r" % (got, wanted[0]))
        seen.add(ident)

    before = control.stats(params["server"]).get("create_requests", 0)
    result = _with_us(child.cpu_per_call(create, check, params))
    made = control.stats(params["server"]).get("create_requests", 0) - before
    if made != len(seen):
        raise RuntimeError("%d create requests for %d images" % (made, len(seen)))
    return result


SCENARIOS = {"upload": upload, "download": download, "list": list_images, "get": get_image,
             "walk": walk_images, "create": create_image}  # fmt: skip


def run(client: str, scenario: str, params: dict[str, Any]) -> dict[str, Any]:
    """Build the client and run the scenario; never raise (see :mod:`benchmarks.child`)."""
    return child.run(RUNNERS, SCENARIOS, client, scenario, params)


def main(argv: list[str] | None = None) -> int:
    return child.main("python -m benchmarks.image_clients", RUNNERS, SCENARIOS, argv)


if __name__ == "__main__":
    raise SystemExit(main())
