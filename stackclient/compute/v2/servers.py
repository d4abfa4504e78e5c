"""Servers: ``/servers`` -- create, list with Nova's filters, show, update, delete.

The actions (reboot, resize, shelve ...), what a server reports (console
output, diagnostics, addresses ...), its metadata and its tags are verbs of
the same manager, written in :mod:`.server_actions`,
:mod:`.server_info` and :mod:`.server_metadata`.
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import exceptions
from stackclient.apiclient.tags import TaggableResource, TagsMixin
from stackclient.compute.v2 import _base, _boot, server_actions, server_info, server_metadata

__all__ = ["Server", "ServerManager"]


class Server(TaggableResource):
    """A server, in the shape the server sent for :attr:`microversion`.

    Fields that change with the microversion (``server.microversion`` says
    which one the fields are in):

    =====  ==================================================================
    2.3    ``OS-EXT-SRV-ATTR:`` ``reservation_id``, ``launch_index``,
           ``hostname``, ``kernel_id``, ``ramdisk_id``, ``root_device_name``,
           ``user_data`` (admins); ``delete_on_termination`` in
           ``os-extended-volumes:volumes_attached``
    2.9    ``locked``
    2.16   ``host_status``
    2.19   ``description``
    2.26   ``tags``
    2.47   ``flavor`` is the flavor itself (``original_name``, ``vcpus``,
           ``ram``, ``disk``, ``ephemeral``, ``swap``, ``extra_specs``)
           instead of ``{"id", "links"}``
    2.63   ``trusted_image_certificates``
    2.69   a server in a cell that does not answer has only ``id``,
           ``status`` (``UNKNOWN``), ``links`` and a few more
    2.71   ``server_groups`` (show, update, rebuild)
    2.73   ``locked_reason``
    2.90   ``OS-EXT-SRV-ATTR:hostname`` for every user
    2.96   ``pinned_availability_zone``
    2.98   ``image`` carries the image's ``properties``
    2.100  ``scheduler_hints``
    =====  ==================================================================

    :attr:`flavor_id`, :attr:`flavor_name` and :attr:`image_id` read the
    flavor and image whichever shape they came in. ``add_tag``,
    ``remove_tag``, ``set_tags`` ... (2.26) change the server's tags and
    keep its ``tags`` field current.

    Example::

        server = nova.servers.create("web-1", image, flavor, networks=[net], key_name="ci")
        server = nova.wait_for_server(server)
        server.status, server.flavor_name, server.addresses
    """

    __slots__ = ()

    @property
    def flavor_id(self) -> str | None:
        """The flavor's id (before 2.47); None from 2.47, which sends the flavor's name."""
        flavor = self.__dict__.get("flavor")
        return flavor.get("id") if isinstance(flavor, dict) else None

    @property
    def flavor_name(self) -> str | None:
        """The flavor's name as it was at boot (from 2.47); None before."""
        flavor = self.__dict__.get("flavor")
        return flavor.get("original_name") if isinstance(flavor, dict) else None

    @property
    def image_id(self) -> str | None:
        """The image the server was booted from; None for a server booted from a volume."""
        image = self.__dict__.get("image")
        return image.get("id") if isinstance(image, dict) else None

    @property
    def fault_message(self) -> str | None:
        """``fault.message`` of a server in ERROR (why it failed), or None."""
        fault = self.__dict__.get("fault")
        return fault.get("message") if isinstance(fault, dict) else None

    @property
    def ip_addresses(self) -> list[str]:
        """Every address of every network in ``addresses``, in the order Nova lists them."""
        addresses = self.__dict__.get("addresses") or {}
        return [
            a["addr"]
            for entries in addresses.values()
            for a in entries or ()
            if isinstance(a, dict) and "addr" in a
        ]


class ServerManager(
    TagsMixin,
    server_metadata.ServerMetadataMixin,
    server_info.ServerInfoMixin,
    server_actions.ServerActionsMixin,
    _base.ComputeManager,
):
    """The servers of the project (or of every project, for admins).

    ``list()``/``iterate()`` read ``/servers/detail`` (``detail=False``:
    ids, names and links only) with any of Nova's filters: ``name`` (a
    regular expression), ``status``, ``flavor``, ``image``, ``host``,
    ``ip``, ``ip6`` (regular expressions), ``changes_since``,
    ``changes_before`` (datetimes or ISO 8601 text), ``tags``,
    ``tags_any``, ``not_tags``, ``not_tags_any`` (lists), ``all_projects``
    (or ``all_tenants``), ``locked``, ``project_id``, ``user_id``,
    ``availability_zone``, ``sort_key``/``sort_dir`` (lists), ``limit``,
    ``marker`` ... Pages (``servers_links``) are followed.

    ``find("web")`` compares names exactly: a server called ``web-2`` is
    never taken for ``web``; a name is looked for as a name only (server
    ids are UUIDs), so a miss costs one request.

    Tags (2.26): ``get_tags``, ``set_tags``, ``add_tag``, ``add_tags``,
    ``check_tag``, ``remove_tag``, ``remove_all_tags`` (see
    :mod:`stackclient.apiclient.tags`).
    """

    resource_class = Server
    collection_key = "servers"
    key = "server"
    name_filter_regex = True
    uuid_ids = True

    def _tags_path(self, resource: _t.Any, *tag: _t.Any) -> str:
        self._needs("2.26", "Server tags")
        return super()._tags_path(resource, *tag)

    def iterate(self, detail: bool = True, **filters: _t.Any) -> _t.Iterator[Server]:  # type: ignore[override]
        """Yield every server matching ``filters``, fetching pages as they are consumed.

        ``details`` (openstacksdk's name) is taken for ``detail``.
        """
        if "details" in filters:
            detail = bool(filters.pop("details"))
        path = "/servers/detail" if detail else "/servers"
        return self._iterate(path + self._query(filters), self.collection_key)  # type: ignore[return-value]

    def list(self, detail: bool = True, **filters: _t.Any) -> list[Server]:  # type: ignore[override]
        """Return every server matching ``filters`` (every page)."""
        return list(self.iterate(detail, **filters))

    def __call__(self, detail: bool = True, **filters: _t.Any) -> _t.Iterator[Server]:  # type: ignore[override]
        """Same as :meth:`iterate`: ``nova.servers(status="ACTIVE")``."""
        return self.iterate(detail, **filters)

    def get(self, server: _t.Any, **params: _t.Any) -> Server:  # type: ignore[override]
        """Return one server (by id, or a resource to refresh)."""
        return _t.cast(Server, super().get(server, **params))

    def create(  # type: ignore[override]
        self,
        name: str,
        image: _t.Any = None,
        flavor: _t.Any = None,
        *,
        networks: _t.Any = None,
        block_device_mapping: list[dict[str, _t.Any]] | None = None,
        key_name: _t.Any = None,
        user_data: str | bytes | None = None,
        config_drive: bool | None = None,
        metadata: _t.Mapping[str, str] | None = None,
        tags: _t.Iterable[str] | None = None,
        security_groups: _t.Any = None,
        availability_zone: str | None = None,
        scheduler_hints: _t.Mapping[str, _t.Any] | None = None,
        min_count: int | None = None,
        max_count: int | None = None,
        description: str | None = None,
        **extra: _t.Any,
    ) -> Server:
        """Boot a server; return what Nova answered (``id``, ``adminPass`` ...) at once.

        ``image`` and ``flavor`` are resources or ids (no image: boot from
        a volume in ``block_device_mapping``, the v2 format). ``networks``
        is ``"auto"``, ``"none"`` (both from 2.37, where Nova requires
        networks) or a list of networks, ports, ids or dicts with ``uuid``,
        ``port``, ``fixed_ip``, ``tag``. ``user_data`` is text or bytes and
        is base64-encoded here. ``key_name`` and ``security_groups`` take
        names or resources; ``scheduler_hints`` values may be resources
        (``{"group": server_group}``). ``extra`` goes into the server dict
        as given, with ``admin_pass``, ``access_ipv4``, ``access_ipv6``,
        ``disk_config`` spelled as Nova does, and ``hostname``, ``host``,
        ``hypervisor_hostname``, ``trusted_image_certificates``,
        ``return_reservation_id``. Then wait with ``client.wait_for_server``.

        With ``return_reservation_id=True`` (several servers) the answer
        has only ``reservation_id``: list with ``reservation_id=`` to see them.
        """
        options = dict(
            networks=networks, block_device_mapping=block_device_mapping, key_name=key_name,
            user_data=user_data, config_drive=config_drive, metadata=metadata,
            tags=list(tags) if tags is not None else None, security_groups=security_groups,
            availability_zone=availability_zone, scheduler_hints=scheduler_hints,
            min_count=min_count, max_count=max_count, description=description, **extra,
        )  # fmt: skip
        body = _boot.create_body(name, image, flavor, options, self._needs)
        url = "/servers"
        resp = self.client.post(url, json=body)
        answer = self._decoded(resp)
        if isinstance(answer, dict) and "server" not in answer and "reservation_id" in answer:
            return _t.cast(Server, self._stamp(resp, [Server(self, answer, True)])[0])
        return _t.cast(Server, self._from_body(resp, url, "server"))

    def update(self, server: _t.Any, **attrs: _t.Any) -> Server:  # type: ignore[override]
        """Change ``name``, ``description`` (2.19), ``hostname`` (2.90), ``access_ipv4``,
        ``access_ipv6``, ``disk_config`` or ``pinned_availability_zone`` (2.104); return the server.
        """
        url = self._member_path(server)
        resp = self.client.put(url, json=_boot.update_body(attrs, self._needs))
        return _t.cast(Server, self._from_body(resp, url, "server"))

    def delete(self, server: _t.Any, ignore_missing: bool = False, force: bool = False) -> None:  # type: ignore[override]
        """Delete ``server`` (``force=True``: at once, even when deletes are deferred).

        Returns when Nova has accepted the delete; ``client.wait_for_delete``
        waits until it is gone.
        """
        try:
            if force:
                self.force_delete(server)
            else:
                self.client.delete(self._member_path(server))
        except exceptions.NotFound:
            if not ignore_missing:
                raise

    def force_delete(self, server: _t.Any) -> None:
        """Delete ``server`` now (``forceDelete``), whatever its state, even when the
        cloud defers deletes; Nova refuses it (Conflict) while a task runs or it is locked."""
        self._action(server, "forceDelete")

    def restore(self, server: _t.Any) -> None:
        """Bring back a soft-deleted server (``restore``) before it is reclaimed."""
        self._action(server, "restore")
