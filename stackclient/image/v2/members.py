"""Image members: sharing a ``shared`` image with other projects.

The owner adds a project as a member (``POST /v2/images/{id}/members``);
the member project then accepts or rejects the image (``PUT
.../members/{project_id}`` with a status), which decides whether it shows
in that project's image list; the owner removes the member with DELETE.
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import _ids, exceptions, service

if _t.TYPE_CHECKING:  # pragma: no cover
    from stackclient.apiclient.base import Resource

__all__ = ["MEMBER_STATUSES", "Member", "MemberManager"]

#: The statuses a member may give itself.
MEMBER_STATUSES = ("pending", "accepted", "rejected")


class Member(service.ServiceResource):
    """One project's membership of an image: ``image_id``, ``member_id``, ``status``.

    ``id`` is the member's project id.

    Example::

        member = glance.members.create(image, project_id)
        member.status   # 'pending'
    """

    @property
    def id(self) -> _t.Any:
        """The member's project id (Glance calls it ``member_id``)."""
        return self.__dict__.get("member_id")


class MemberManager(service.ServiceManager):
    """The members of images: ``client.members.list(image)``.

    Example::

        glance.members.create(image, other_project_id)          # as the owner
        glance.members.accept(image, other_project_id)          # as the member
        [m.member_id for m in glance.members.list(image)]
        glance.members.delete(image, other_project_id)          # as the owner
    """

    resource_class = Member
    collection_key = "members"
    key = None
    envelope = False
    name_filter = None

    def _base(self, image: _t.Any) -> str:
        return "/images/%s/members" % _ids.path_segment(image, "image")

    def _one(self, image: _t.Any, member: _t.Any) -> str:
        return "%s/%s" % (self._base(image), _ids.path_segment(member, "member"))

    def __call__(self, image: _t.Any) -> _t.Iterator[Resource]:  # type: ignore[override]
        """Same as :meth:`iterate`: ``client.members(image)``."""
        return self.iterate(image)

    def iterate(self, image: _t.Any) -> _t.Iterator[Resource]:  # type: ignore[override]
        """Yield the members of ``image``."""
        return self._iterate(self._base(image), self.collection_key)

    def list(self, image: _t.Any) -> list[Resource]:  # type: ignore[override]
        """Return the members of ``image`` (as its owner: all; as a member: yourself)."""
        return list(self.iterate(image))

    def get(self, image: _t.Any, member: _t.Any) -> Resource:  # type: ignore[override]
        """Return one member (a project id) of ``image``."""
        url = self._one(image, member)
        return self._resource(self.client.get(url), url)

    def create(self, image: _t.Any, member: _t.Any) -> Resource:  # type: ignore[override]
        """Share ``image`` with the project ``member``; the member starts ``pending``."""
        url = self._base(image)
        body = {"member": _ids.check_id(member, "member")}
        return self._resource(self.client.post(url, json=body), url)

    def update(self, image: _t.Any, member: _t.Any, status: str) -> Resource:  # type: ignore[override]
        """Set the member's status: ``accepted``, ``rejected`` or ``pending``."""
        if status not in MEMBER_STATUSES:
            raise exceptions.ValidationError(
                "A member status is one of %s, not %r" % (", ".join(MEMBER_STATUSES), status)
            )
        url = self._one(image, member)
        return self._resource(self.client.put(url, json={"status": status}), url)

    def accept(self, image: _t.Any, member: _t.Any = None) -> Resource:
        """Accept a shared image (``member`` defaults to the token's project)."""
        return self.update(image, self._me(member), "accepted")

    def reject(self, image: _t.Any, member: _t.Any = None) -> Resource:
        """Reject a shared image (``member`` defaults to the token's project)."""
        return self.update(image, self._me(member), "rejected")

    def delete(  # type: ignore[override]
        self, image: _t.Any, member: _t.Any, ignore_missing: bool = False
    ) -> None:
        """Stop sharing ``image`` with ``member``; NotFound unless ``ignore_missing``."""
        try:
            self.client.delete(self._one(image, member))
        except exceptions.NotFound:
            if not ignore_missing:
                raise

    def _me(self, member: _t.Any) -> _t.Any:
        if member is not None:
            return member
        project_id = self.client.adapter.get_project_id()
        if not project_id:
            raise exceptions.ValidationError(
                "The token is not scoped to a project: pass the member's project id"
            )
        return project_id

    def find(self, *args: _t.Any, **kwargs: _t.Any) -> _t.NoReturn:  # type: ignore[override]
        """Members have no names: use :meth:`get` with the image and the project id."""
        raise exceptions.MethodNotImplemented(
            "Image members have no names to find; use members.get(image, project_id)"
        )
