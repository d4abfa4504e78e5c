"""The Image API v2 client (Glance).

Example::

    from stackclient.image.v2 import client

    glance = client.Client(session=sess)
    image = glance.images.create(name="cirros", disk_format="qcow2",
                                 container_format="bare")
    glance.images.upload(image, "cirros.qcow2")
    glance.find_image("cirros")                     # SDK style
"""

from __future__ import annotations

import typing as _t

from stackclient import service_client
from stackclient.apiclient import streams

if _t.TYPE_CHECKING:  # pragma: no cover
    from stackclient.image.v2 import images as _images
    from stackclient.image.v2 import info as _info
    from stackclient.image.v2 import members as _members

__all__ = ["Client"]


class Client(service_client.ServiceClient):
    """A Glance client: ``images``, ``members`` and ``info`` managers.

    Built like every service client (a Session, a keystoneauth1 Session,
    ``auth=``, ``auth_ref=``, or ``token=`` with ``endpoint=``); the image
    endpoint comes from the token's catalog unless ``endpoint_override``
    is given, and version discovery picks API v2.

    SDK-style verbs: ``images(**filters)``, ``get_image``, ``find_image``,
    ``create_image``, ``update_image``, ``delete_image``, and the data and
    sharing calls below.

    Example::

        glance = Client(session=sess, region_name="RegionOne")
        for image in glance.images(visibility="public"):
            print(image.name, image.size)
    """

    service_type = "image"
    api_major = (2, 0)

    images: service_client.LazyManager[_images.ImageManager] = service_client.LazyManager(
        "stackclient.image.v2.images", "ImageManager"
    )
    members: service_client.LazyManager[_members.MemberManager] = service_client.LazyManager(
        "stackclient.image.v2.members", "MemberManager"
    )
    info: service_client.LazyManager[_info.InfoManager] = service_client.LazyManager(
        "stackclient.image.v2.info", "InfoManager"
    )
    sdk_resources = {"image": "images"}

    def create_image(
        self,
        name: str | None = None,
        *,
        data: _t.Any = None,
        filename: _t.Any = None,
        progress: streams.Progress | None = None,
        **attrs: _t.Any,
    ) -> _t.Any:
        """Create an image and, given ``data`` or ``filename``, upload and verify its data.

        Returns the image as Glance holds it after the upload.
        """
        if name is not None:
            attrs["name"] = name
        source = data if data is not None else filename
        if source is not None:
            streams.check_source(source)
        image = self.images.create(**attrs)
        if source is None:
            return image
        self.images.upload(image, source, progress=progress)
        return self.images.get(image)

    def upload_image(self, image: _t.Any, data: _t.Any, **kwargs: _t.Any) -> _t.Any:
        """Upload data into an image; see :meth:`ImageManager.upload`."""
        return self.images.upload(image, data, **kwargs)

    def download_image(self, image: _t.Any, target: _t.Any, **kwargs: _t.Any) -> _t.Any:
        """Download an image's data, verified; see :meth:`ImageManager.download`."""
        return self.images.download(image, target, **kwargs)

    def stage_image(self, image: _t.Any, data: _t.Any, **kwargs: _t.Any) -> _t.Any:
        """Stage data for a ``glance-direct`` import; see :meth:`ImageManager.stage`."""
        return self.images.stage(image, data, **kwargs)

    def import_image(self, image: _t.Any, method: str = "glance-direct", **kwargs: _t.Any) -> None:
        """Start an interoperable import; see :meth:`ImageManager.import_image`."""
        self.images.import_image(image, method, **kwargs)

    def wait_for_import(self, image: _t.Any, stores: _t.Any = None, **kwargs: _t.Any) -> _t.Any:
        """Wait for an import to end, store by store; see :meth:`ImageManager.wait_for_import`."""
        return self.images.wait_for_import(image, stores, **kwargs)

    def deactivate_image(self, image: _t.Any) -> None:
        """Deactivate an image (admin)."""
        self.images.deactivate(image)

    def reactivate_image(self, image: _t.Any) -> None:
        """Reactivate a deactivated image (admin)."""
        self.images.reactivate(image)

    def add_tag(self, image: _t.Any, tag: str) -> None:
        """Add a tag to an image."""
        self.images.add_tag(image, tag)

    def remove_tag(self, image: _t.Any, tag: str) -> None:
        """Remove a tag from an image."""
        self.images.remove_tag(image, tag)

    def add_member(self, image: _t.Any, member_id: str) -> _t.Any:
        """Share an image with a project; see :meth:`MemberManager.create`."""
        return self.members.create(image, member_id)

    def get_member(self, member: _t.Any, image: _t.Any) -> _t.Any:
        """Return one member of an image (openstacksdk's argument order)."""
        return self.members.get(image, member)

    def update_member(self, member: _t.Any, image: _t.Any, status: str) -> _t.Any:
        """Set a member's status (openstacksdk's argument order)."""
        return self.members.update(image, member, status)

    def remove_member(self, member: _t.Any, image: _t.Any, ignore_missing: bool = True) -> None:
        """Stop sharing an image with a project (openstacksdk's argument order)."""
        self.members.delete(image, member, ignore_missing=ignore_missing)

    def get_import_info(self) -> list[str]:
        """The import methods Glance accepts."""
        return self.info.import_methods()

    def stores(self) -> list[_t.Any]:
        """The stores image data can go to."""
        return self.info.stores()

    def wait_for_image(self, image: _t.Any, status: str = "active", **kwargs: _t.Any) -> _t.Any:
        """Wait until an image reaches ``status``; ``killed`` fails at once."""
        kwargs.setdefault("failures", ("killed",))
        return self.images.wait_for_status(image, status, **kwargs)
