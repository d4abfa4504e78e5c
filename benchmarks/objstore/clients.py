"""One adapter per client for the object-store scenarios.

Each drives its library the way its documentation shows, against the
canned Swift, with a token and the account URL (auth is not what these
scenarios measure): ``upload`` a file as a static large object of
``segment_size`` segments on ``threads`` threads, ``download`` the
1 GiB large object to a path, ``listing`` every object of a container.
Every client verifies what its library verifies by default; the scenario
code checks the results of all of them the same way, outside the timing.
"""

from __future__ import annotations

import abc
import concurrent.futures
import hashlib
import os
from typing import Any

from benchmarks.objstore import server

CHUNK = 1024 * 1024


class Adapter(abc.ABC):
    """One client library, connected to the canned Swift's account."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.account = root + server.ACCOUNT

    @abc.abstractmethod
    def version(self) -> str:
        """The library and its version."""

    @abc.abstractmethod
    def upload(self, container: str, name: str, path: str, segment_size: int, threads: int) -> str:
        """Upload ``path`` as a static large object; return the ETag the server answered."""

    @abc.abstractmethod
    def download(
        self, container: str, name: str, dest: str, threads: int, checksum: bool = True
    ) -> None:
        """Download the object to ``dest``; with ``checksum`` False, without hashing it."""

    @abc.abstractmethod
    def listing(self, container: str) -> list[Any]:
        """Every object of the container."""

    def item_name(self, item: Any) -> str:
        return item.name  # type: ignore[no-any-return]

    def item_bytes(self, item: Any) -> int:
        return item.bytes  # type: ignore[no-any-return]


class StackclientAdapter(Adapter):
    """stackclient.object_store.v1.client.Client(token=..., endpoint=...)."""

    def __init__(self, root: str) -> None:
        super().__init__(root)
        from stackclient.object_store.v1 import client

        self.swift = client.Client(token=server.TOKEN, endpoint=self.account)

    def version(self) -> str:
        import stackclient

        return f"stackclient {stackclient.__version__}"

    def upload(
        self, container: str, name: str, path: str, segment_size: int, threads: int, **kwargs: Any
    ) -> str:
        obj = self.swift.objects.upload(
            container, name, path, segment_size=segment_size, threads=threads, **kwargs
        )
        self.last = obj
        return str(obj.hash)

    def download(
        self, container: str, name: str, dest: str, threads: int, checksum: bool = True
    ) -> None:
        self.swift.objects.download(container, name, dest, threads=threads, checksum=checksum)

    def listing(self, container: str) -> list[Any]:
        return list(self.swift.objects(container))


class _Region:
    """A file region sent with its length, hashed as it goes (what a careful script does)."""

    def __init__(self, fd: int, offset: int, length: int) -> None:
        self.fd, self.offset, self.length = fd, offset, length
        self.md5 = hashlib.md5()

    def __len__(self) -> int:
        return self.length

    def __iter__(self) -> Any:
        position, end = self.offset, self.offset + self.length
        while position < end:
            data = os.pread(self.fd, min(CHUNK, end - position), position)
            self.md5.update(data)
            position += len(data)
            yield data


class RequestsAdapter(Adapter):
    """A hand-written ``requests`` script: threads, segments, manifest, MD5 checks."""

    def __init__(self, root: str) -> None:
        super().__init__(root)
        import requests

        self.http = requests.Session()
        self.http.headers["X-Auth-Token"] = server.TOKEN
        self.http.mount("http://", requests.adapters.HTTPAdapter(pool_maxsize=64))

    def version(self) -> str:
        import requests

        return f"requests {requests.__version__}"

    def _segment(
        self, container: str, name: str, fd: int, offset: int, length: int
    ) -> dict[str, Any]:
        body = _Region(fd, offset, length)
        resp = self.http.put(f"{self.account}/{container}/{name}", data=body)
        resp.raise_for_status()
        if resp.headers["Etag"] != body.md5.hexdigest():
            raise ValueError(f"segment {name} was stored with another MD5")
        return {"path": f"/{container}/{name}", "etag": resp.headers["Etag"], "size_bytes": length}

    def upload(self, container: str, name: str, path: str, segment_size: int, threads: int) -> str:
        size = os.path.getsize(path)
        segments = container + "_segments"
        self.http.put(f"{self.account}/{segments}").raise_for_status()
        fd = os.open(path, os.O_RDONLY)
        try:
            with concurrent.futures.ThreadPoolExecutor(threads) as pool:
                jobs = [
                    pool.submit(
                        self._segment,
                        segments,
                        f"{name}/{i:08d}",
                        fd,
                        offset,
                        min(segment_size, size - offset),
                    )
                    for i, offset in enumerate(range(0, size, segment_size))
                ]
                manifest = [job.result() for job in jobs]
        finally:
            os.close(fd)
        expected = hashlib.md5("".join(m["etag"] for m in manifest).encode()).hexdigest()
        resp = self.http.put(
            f"{self.account}/{container}/{name}?multipart-manifest=put",
            json=manifest,
            headers={"Etag": expected},
        )
        resp.raise_for_status()
        if resp.headers["Etag"].strip('"') != expected:
            raise ValueError("the manifest was stored with another ETag")
        return expected

    def _part(
        self, url: str, fd: int, offset: int, length: int, etag: str, checksum: bool
    ) -> None:
        resp = self.http.get(
            url, headers={"Range": f"bytes={offset}-{offset + length - 1}"}, stream=True
        )
        resp.raise_for_status()
        digest, position = hashlib.md5(), offset
        for chunk in resp.iter_content(CHUNK):
            if checksum:
                digest.update(chunk)
            os.pwrite(fd, chunk, position)
            position += len(chunk)
        if (checksum and digest.hexdigest() != etag) or position != offset + length:
            raise ValueError(f"bytes {offset}+{length} differ from the segment's MD5")

    def download(
        self, container: str, name: str, dest: str, threads: int, checksum: bool = True
    ) -> None:
        url = f"{self.account}/{container}/{name}"
        manifest = self.http.get(url + "?multipart-manifest=get").json()
        slo = hashlib.md5("".join(m["hash"] for m in manifest).encode()).hexdigest()
        if self.http.head(url).headers["Etag"].strip('"') != slo:
            raise ValueError("the manifest does not match the object's ETag")
        fd = os.open(dest, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            offsets = [sum(m["bytes"] for m in manifest[:i]) for i in range(len(manifest))]
            with concurrent.futures.ThreadPoolExecutor(threads) as pool:
                jobs = [
                    pool.submit(self._part, url, fd, off, m["bytes"], m["hash"], checksum)
                    for off, m in zip(offsets, manifest)
                ]
                for job in jobs:
                    job.result()
        finally:
            os.close(fd)

    def listing(self, container: str) -> list[Any]:
        items: list[Any] = []
        marker = ""
        while True:
            resp = self.http.get(
                f"{self.account}/{container}", params={"format": "json", "marker": marker}
            )
            resp.raise_for_status()
            page = resp.json()
            if not page:
                return items
            items.extend(page)
            marker = page[-1]["name"]

    def item_name(self, item: Any) -> str:
        return item["name"]  # type: ignore[no-any-return]

    def item_bytes(self, item: Any) -> int:
        return item["bytes"]  # type: ignore[no-any-return]


class SwiftclientAdapter(RequestsAdapter):
    """python-swiftclient's SwiftService (upload, download) and Connection (listing)."""

    def __init__(self, root: str) -> None:
        Adapter.__init__(self, root)
        from swiftclient import client as swift_client
        from swiftclient import service

        self.service_module = service
        self.options = {
            "os_auth_token": server.TOKEN,
            "os_storage_url": self.account,
            "checksum": True,
        }
        self.conn = swift_client.Connection(preauthurl=self.account, preauthtoken=server.TOKEN)

    def version(self) -> str:
        from importlib import metadata

        return f"python-swiftclient {metadata.version('python-swiftclient')}"

    def _run(self, results: Any) -> list[dict[str, Any]]:
        done = list(results)
        failed = [r for r in done if not r.get("success")]
        if failed:
            raise ValueError(f"swiftclient: {failed[0].get('error')}")
        return done

    def upload(self, container: str, name: str, path: str, segment_size: int, threads: int) -> str:
        options = dict(
            self.options, segment_size=segment_size, use_slo=True, segment_threads=threads
        )
        with self.service_module.SwiftService(options=options) as svc:
            objects = [self.service_module.SwiftUploadObject(path, object_name=name)]
            self._run(svc.upload(container, objects))
        return str(self.conn.head_object(container, name)["etag"]).strip('"')

    def download(
        self, container: str, name: str, dest: str, threads: int, checksum: bool = True
    ) -> None:
        # swiftclient never hashes a static large object's data; checksum=False
        # also turns off its check of a plain object's MD5.
        options = dict(self.options, out_file=dest, object_dd_threads=threads, checksum=checksum)
        with self.service_module.SwiftService(options=options) as svc:
            self._run(svc.download(container, [name]))

    def listing(self, container: str) -> list[Any]:
        return self.conn.get_container(container, full_listing=True)[1]  # type: ignore[no-any-return]


class OpenstacksdkAdapter(Adapter):
    """openstacksdk's object-store proxy over a keystoneauth1 token session."""

    def __init__(self, root: str) -> None:
        super().__init__(root)
        import openstack
        from keystoneauth1 import session, token_endpoint

        auth = token_endpoint.Token(endpoint=self.account, token=server.TOKEN)
        self.conn = openstack.connection.Connection(
            session=session.Session(auth=auth), object_store_endpoint_override=self.account
        )

    def version(self) -> str:
        from importlib import metadata

        return f"openstacksdk {metadata.version('openstacksdk')}"

    def upload(self, container: str, name: str, path: str, segment_size: int, threads: int) -> str:
        self.conn.object_store.create_container(container)
        self.conn.object_store.upload_object(
            container=container, name=name, filename=path, segment_size=segment_size
        )
        return str(self.conn.object_store.get_object_metadata(name, container).etag).strip('"')

    def download(
        self, container: str, name: str, dest: str, threads: int, checksum: bool = True
    ) -> None:
        # stream_object() never hashes: the same work with or without checksum.
        with open(dest, "wb") as handle:
            for chunk in self.conn.object_store.stream_object(name, container, chunk_size=CHUNK):
                handle.write(chunk)

    def listing(self, container: str) -> list[Any]:
        return list(self.conn.object_store.objects(container))

    def item_bytes(self, item: Any) -> int:
        return item.content_length  # type: ignore[no-any-return]


ADAPTERS = {
    "stackclient": StackclientAdapter,
    "requests": RequestsAdapter,
    "swiftclient": SwiftclientAdapter,
    "openstacksdk": OpenstacksdkAdapter,
}
#: The package whose absence means "not installed".
PACKAGES = {
    "stackclient": "stackclient",
    "requests": "requests",
    "swiftclient": "swiftclient",
    "openstacksdk": "openstack",
}
LABELS = {
    "stackclient": "stackclient",
    "requests": "raw requests",
    "swiftclient": "swiftclient",
    "openstacksdk": "openstacksdk",
}
