"""The Image v2 client against the real Glance of the local cloud.

Glance runs with two file stores (``fs1`` default, ``fs2``), the three
import methods and keystonemiddleware against the cloud's Keystone; the
client finds it in the token's catalog. Every test creates uniquely named
images and deletes them.
"""

from __future__ import annotations

import hashlib
import os
import typing as _t
import uuid
from collections.abc import Iterator

import pytest

from stackclient import session
from stackclient.apiclient import exceptions
from stackclient.auth import v3 as v3_auth
from stackclient.image.v2 import client
from tests.functional import image_helpers

TIMEOUT = 60
#: Seconds an import may take on a loaded 2-core machine.
IMPORT_TIMEOUT = 120

DATA = os.urandom(3 * 1024 * 1024 + 5)


def _session(cloud: dict[str, _t.Any], who: str) -> session.Session:
    return session.Session(
        auth=v3_auth.Password(
            auth_url=cloud["auth_url"],
            username=cloud[f"{who}_username"],
            password=cloud[f"{who}_password"],
            project_name=cloud[f"{who}_project_name"],
            user_domain_id=cloud["user_domain_id"],
            project_domain_id=cloud["project_domain_id"],
        ),
        timeout=TIMEOUT,
    )


@pytest.fixture(scope="module")
def glance(cloud: dict[str, _t.Any]) -> client.Client:
    return client.Client(session=_session(cloud, "admin"))


@pytest.fixture(scope="module")
def member_glance(cloud: dict[str, _t.Any]) -> client.Client:
    return client.Client(session=_session(cloud, "member"))


@pytest.fixture
def make(glance: client.Client) -> Iterator[_t.Callable[..., _t.Any]]:
    """Create images with unique names; delete them all afterwards."""
    made: list[_t.Any] = []

    def _make(**attrs: _t.Any) -> _t.Any:
        attrs.setdefault("name", "sc-%s" % uuid.uuid4().hex[:10])
        attrs.setdefault("disk_format", "raw")
        attrs.setdefault("container_format", "bare")
        image = glance.images.create(**attrs)
        made.append(image)
        return image

    yield _make
    for image in made:
        glance.images.update(image, protected=False) if _protected(glance, image) else None
        glance.images.delete(image, ignore_missing=True)


def _protected(glance: client.Client, image: _t.Any) -> bool:
    found = glance.find_image(image.id)
    return bool(found is not None and found.protected)


@pytest.fixture
def disk(tmp_path: _t.Any) -> str:
    path = tmp_path / "disk.raw"
    path.write_bytes(DATA)
    return str(path)


def _glance(cloud: dict[str, _t.Any]) -> dict[str, _t.Any]:
    return dict(cloud["services"]["glance"])


def test_the_endpoint_comes_from_the_catalog(glance: client.Client, cloud: dict[str, _t.Any]):
    assert glance.endpoint_override is None
    assert glance.endpoint == _glance(cloud)["endpoints"]["image"].rstrip("/") + "/v2"


def test_image_lifecycle(glance: client.Client, make: _t.Any, disk: str, tmp_path: _t.Any):
    tag = "t-" + uuid.uuid4().hex[:8]
    image = make(min_disk=1, min_ram=64, visibility="private", os_hidden=False,
                 tags=[tag], os_distro="cirros")  # fmt: skip
    assert (image.status, image.min_ram, image.os_distro) == ("queued", 64, "cirros")
    assert glance.find_image(image.name).id == image.id

    updated = glance.images.update(image, name=image.name + "-x", min_ram=128,
                                   hw_disk_bus="scsi", remove_props=["os_distro"])  # fmt: skip
    assert (updated.name, updated.min_ram, updated.hw_disk_bus) == (image.name + "-x", 128, "scsi")
    assert not hasattr(updated, "os_distro")

    glance.add_tag(image, "second")
    assert set(glance.get_image(image).tags) == {tag, "second"}
    glance.remove_tag(image, "second")

    seen: list[tuple[int, int | None]] = []
    sent = glance.upload_image(image, disk, progress=lambda d, t: seen.append((d, t)))
    assert (sent.verified_with, sent.size) == ("sha512", len(DATA))
    assert seen[-1] == (len(DATA), len(DATA))
    active = glance.get_image(image)
    assert (active.status, active.os_hash_value) == ("active", hashlib.sha512(DATA).hexdigest())
    assert active.store_ids == ["fs1"]

    target = str(tmp_path / "copy.raw")
    got = glance.download_image(image, target)
    assert (got.verified_with, got.size) == ("sha512", len(DATA))
    with open(target, "rb") as handle:
        assert handle.read() == DATA

    glance.deactivate_image(image)
    assert glance.get_image(image).status == "deactivated"
    glance.reactivate_image(image)
    assert glance.get_image(image).status == "active"

    glance.delete_image(image)
    assert glance.find_image(image.id) is None


def test_list_filters_sorting_and_pages(glance: client.Client, make: _t.Any):
    tag = "t-" + uuid.uuid4().hex[:8]
    made = [make(name="sc-%s-%d" % (tag, i), tags=[tag], min_ram=i) for i in range(3)]
    hidden = make(tags=[tag], os_hidden=True)
    walked = [i.id for i in glance.images(tags=[tag], limit=1, sort="name:asc")]
    assert walked == [i.id for i in made]
    desc = glance.images.list(tag=tag, sort_key="name", sort_dir="desc", limit=2)
    assert [i.id for i in desc] == [i.id for i in reversed(made)]
    assert [i.id for i in glance.images.list(tags=[tag], os_hidden=True)] == [hidden.id]
    assert glance.images.list(tags=[tag], name=made[1].name) == [made[1]]
    assert {
        i.id for i in glance.images.list(tags=[tag], status="queued", owner=made[0].owner)
    } >= {i.id for i in made}
    assert glance.images.list(tags=[tag], size_min=1) == []
    since = glance.images.list(tags=[tag], created_at=(made[0].created_at, None))
    assert {i.id for i in made} <= {i.id for i in since}


def test_bad_input(glance: client.Client, make: _t.Any, disk: str):
    error = pytest.raises(exceptions.BadRequest, glance.images.create, name="x",
                          disk_format="vhdz", container_format="bare")  # fmt: skip
    assert "vhdz" in str(error.value)

    image = make()
    glance.images.upload(image, disk)
    with pytest.raises(exceptions.Conflict):
        glance.images.upload(image, b"again")

    with pytest.raises(exceptions.ValidationError, match="no/such/file"):
        glance.images.upload(image, "/no/such/file.raw")

    twin = make(name=image.name)
    with pytest.raises(exceptions.NoUniqueMatch) as found:
        glance.find_image(image.name)
    assert image.id in str(found.value) and twin.id in str(found.value)


def test_a_corrupted_download_raises_and_leaves_no_file(
    glance: client.Client, make: _t.Any, disk: str, tmp_path: _t.Any
):
    image = make()
    glance.images.upload(image, disk)
    proxy = image_helpers.Proxy(glance.endpoint)
    try:
        through = client.Client(session=glance.session, endpoint_override=proxy.url)
        proxy.flip_at = 12345
        target = tmp_path / "bad.raw"
        with pytest.raises(exceptions.ChecksumMismatch) as error:
            through.images.download(image, str(target))
        assert error.value.algorithm == "sha512"
        assert os.listdir(tmp_path) == ["disk.raw"]
    finally:
        proxy.close()


def test_an_interrupted_download_resumes_with_range(
    glance: client.Client, make: _t.Any, disk: str, tmp_path: _t.Any
):
    image = make()
    glance.images.upload(image, disk)
    proxy = image_helpers.Proxy(glance.endpoint)
    try:
        through = client.Client(session=glance.session, endpoint_override=proxy.url)
        proxy.cut_after = 1024 * 1024 + 100
        target = str(tmp_path / "resumed.raw")
        with pytest.raises(exceptions.TransportError, match="resume=True"):
            through.images.download(image, target)
        kept = os.path.getsize(target + ".part")
        assert 0 < kept < len(DATA) and not os.path.exists(target)
        result = through.images.download(image, target, resume=True)
        assert proxy.ranges == [None, "bytes=%d-" % kept]
        assert (result.resumed_from, result.verified_with) == (kept, "sha512")
        with open(target, "rb") as handle:
            assert handle.read() == DATA
    finally:
        proxy.close()


def test_discovery_of_import_methods_and_stores(glance: client.Client, cloud: dict[str, _t.Any]):
    facts = _glance(cloud)
    assert set(glance.get_import_info()) >= set(facts["import_methods"])
    stores = glance.stores()
    assert [s.id for s in stores] == facts["stores"]
    assert [s.id for s in stores if s.is_default] == [facts["default_store"]]


def test_glance_direct_import_is_verified(glance: client.Client, make: _t.Any, disk: str):
    image = make()
    staged = glance.stage_image(image, disk)
    assert glance.get_image(image).status == "uploading"
    glance.import_image(image, "glance-direct", stores=["fs2"])
    seen: list[_t.Any] = []
    done = glance.wait_for_import(image, ["fs2"], callback=seen.append, verify=staged,
                                  timeout=IMPORT_TIMEOUT)  # fmt: skip
    assert done.status == "active" and done.store_ids == ["fs2"]
    assert seen[-1].stores == ("fs2",) and not seen[-1].failed


def test_web_download_import_from_loopback(glance: client.Client, make: _t.Any):
    image = make()
    with image_helpers.serve_bytes(DATA) as server:
        glance.import_image(image, "web-download", uri=server.url)
        done = glance.wait_for_import(image, timeout=IMPORT_TIMEOUT)
    assert done.os_hash_value == hashlib.sha512(DATA).hexdigest()


def test_a_failing_web_download_fails_the_wait(glance: client.Client, make: _t.Any):
    image = make()
    with image_helpers.serve_bytes(b"", status=404) as server:
        glance.import_image(image, "web-download", uri=server.url)
        with pytest.raises(exceptions.ResourceFailure) as error:
            glance.wait_for_import(image, timeout=IMPORT_TIMEOUT)
    assert image.id in str(error.value)


def test_copy_image_to_the_second_store(glance: client.Client, make: _t.Any):
    image = make()
    glance.images.upload(image, DATA)
    glance.import_image(image, "copy-image", stores=["fs2"])
    seen: list[_t.Any] = []
    done = glance.wait_for_import(image, ["fs2"], callback=seen.append, timeout=IMPORT_TIMEOUT)
    assert sorted(done.store_ids) == ["fs1", "fs2"]
    assert all(not p.failed for p in seen)


def test_members_share_accept_and_remove(
    glance: client.Client, member_glance: client.Client, make: _t.Any
):
    image = make(visibility="shared")
    project = member_glance.adapter.get_project_id()
    added = glance.add_member(image, project)
    assert (added.member_id, added.status) == (project, "pending")
    assert [m.member_id for m in glance.members.list(image)] == [project]

    assert image.id not in {i.id for i in member_glance.images(visibility="shared")}
    assert member_glance.members.accept(image).status == "accepted"
    assert image.id in {i.id for i in member_glance.images(visibility="shared")}
    member_glance.members.reject(image)
    assert member_glance.get_member(project, image).status == "rejected"

    glance.remove_member(project, image)
    assert glance.members.list(image) == []
    with pytest.raises(exceptions.NotFound):
        member_glance.get_image(image)
