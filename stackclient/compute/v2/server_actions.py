"""Server actions: ``POST /servers/{id}/action`` with ``{"<action>": ...}``.

Verbs of :class:`~stackclient.compute.v2.servers.ServerManager`. Nova
accepts an action and carries it out in the background: a call returns
when Nova has accepted it (HTTP 202), and ``client.wait_for_server(server,
status)`` waits for the outcome. An action the server's state does not
allow raises ``Conflict`` with Nova's reason, e.g. ``Cannot 'pause'
instance ... while it is in vm_state stopped``.

Verb, the action sent, and the status to wait for afterwards:

* ``reboot(s, "SOFT"|"HARD")`` -- ``reboot``; ``ACTIVE``
* ``stop`` / ``start`` -- ``os-stop`` / ``os-start``; ``SHUTOFF`` / ``ACTIVE``
* ``pause`` / ``unpause`` -- ``pause`` / ``unpause``; ``PAUSED`` / ``ACTIVE``
* ``suspend`` / ``resume`` -- ``suspend`` / ``resume``; ``SUSPENDED`` / ``ACTIVE``
* ``lock(s, locked_reason=)`` / ``unlock`` -- ``lock`` / ``unlock``; ``locked`` at once
* ``rescue`` / ``unrescue`` -- ``rescue`` / ``unrescue``; ``RESCUE`` / ``ACTIVE``
* ``shelve`` / ``shelve_offload`` / ``unshelve`` -- ``shelve`` / ``shelveOffload`` /
  ``unshelve``; ``SHELVED`` (or ``SHELVED_OFFLOADED``) / ``SHELVED_OFFLOADED`` / ``ACTIVE``
* ``resize(s, flavor)`` -- ``resize``; ``VERIFY_RESIZE``, then ``confirm_resize`` or
  ``revert_resize`` (``confirmResize`` / ``revertResize``); ``ACTIVE``
* ``rebuild(s, image)`` -- ``rebuild``; ``ACTIVE``
* ``create_image(s, name)`` / ``backup(s, name, type, rotation)`` -- ``createImage`` /
  ``createBackup``; the new image's id is returned
* ``migrate(s, host=)`` / ``live_migrate(s, host=)`` / ``evacuate(s, host=)`` --
  ``migrate`` / ``os-migrateLive`` / ``evacuate``; ``VERIFY_RESIZE`` / ``ACTIVE`` / ``ACTIVE``
"""

from __future__ import annotations

import typing as _t

from stackclient import _jsonutils
from stackclient.apiclient import _ids, exceptions
from stackclient.compute.v2 import _boot

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

__all__ = ["REBOOT_TYPES", "ServerActionsMixin"]

#: The reboot types Nova knows.
REBOOT_TYPES = ("SOFT", "HARD")

#: Marks an argument that was not given (None is a value for some actions).
_UNSET: _t.Any = object()


class ServerActionsMixin:
    """The actions of :class:`~stackclient.compute.v2.servers.ServerManager`."""

    if _t.TYPE_CHECKING:  # pragma: no cover - provided by the manager
        client: _t.Any

        def _member_path(self, resource: _t.Any, argument: str | None = None) -> str: ...
        def _needs(self, version: str, feature: str) -> None: ...
        def _at_least(self, version: str) -> bool: ...
        def _decoded(self, resp: requests.Response) -> _t.Any: ...
        def _from_body(self, resp: requests.Response, url: str, key: str | None) -> _t.Any: ...

    def _action(self, server: _t.Any, action: str, value: _t.Any = None) -> requests.Response:
        """POST ``{action: value}`` to the server's ``/action``; return the response."""
        url = self._member_path(server, "server") + "/action"
        return _t.cast("requests.Response", self.client.post(url, json={action: value}))

    # -- power and state ----------------------------------------------------------

    def reboot(self, server: _t.Any, reboot_type: str = "SOFT") -> None:
        """Reboot: ``SOFT`` (the guest is asked to restart) or ``HARD`` (power cycle)."""
        kind = str(reboot_type).upper()
        if kind not in REBOOT_TYPES:
            raise exceptions.ValidationError(
                "reboot_type must be SOFT or HARD, not %r" % (reboot_type,)
            )
        self._action(server, "reboot", {"type": kind})

    def stop(self, server: _t.Any) -> None:
        """Power the server off (status ``SHUTOFF``)."""
        self._action(server, "os-stop")

    def start(self, server: _t.Any) -> None:
        """Power a stopped server on (status ``ACTIVE``)."""
        self._action(server, "os-start")

    def pause(self, server: _t.Any) -> None:
        """Pause the server in memory (status ``PAUSED``)."""
        self._action(server, "pause")

    def unpause(self, server: _t.Any) -> None:
        """Unpause a paused server."""
        self._action(server, "unpause")

    def suspend(self, server: _t.Any) -> None:
        """Suspend the server to disk (status ``SUSPENDED``)."""
        self._action(server, "suspend")

    def resume(self, server: _t.Any) -> None:
        """Resume a suspended server."""
        self._action(server, "resume")

    def lock(self, server: _t.Any, locked_reason: str | None = None) -> None:
        """Lock the server against actions by non-admins; ``locked_reason`` needs 2.73."""
        if locked_reason is None:
            self._action(server, "lock")
            return
        self._needs("2.73", "A lock reason")
        self._action(server, "lock", {"locked_reason": locked_reason})

    def unlock(self, server: _t.Any) -> None:
        """Unlock a locked server."""
        self._action(server, "unlock")

    def rescue(
        self, server: _t.Any, admin_pass: str | None = None, image: _t.Any = None
    ) -> str | None:
        """Boot the server into rescue mode (from ``image``, default its own); return the
        rescue admin password Nova sets (None when the deployment does not return one)."""
        body: dict[str, _t.Any] = {}
        if admin_pass is not None:
            body["adminPass"] = admin_pass
        if image is not None:
            body["rescue_image_ref"] = _ids.check_id(image, "image")
        answer = self._decoded(self._action(server, "rescue", body or None))
        return answer.get("adminPass") if isinstance(answer, dict) else None

    def unrescue(self, server: _t.Any) -> None:
        """Leave rescue mode."""
        self._action(server, "unrescue")

    def shelve(self, server: _t.Any) -> None:
        """Shelve: stop the server and snapshot it (``SHELVED``, then maybe ``SHELVED_OFFLOADED``)."""
        self._action(server, "shelve")

    def shelve_offload(self, server: _t.Any) -> None:
        """Free the host's resources of a shelved server (``SHELVED_OFFLOADED``)."""
        self._action(server, "shelveOffload")

    def unshelve(
        self, server: _t.Any, availability_zone: _t.Any = _UNSET, host: str | None = None
    ) -> None:
        """Bring a shelved server back; ``availability_zone`` (2.77; None unpins it,
        2.91) and ``host`` (2.91) choose where an offloaded one goes."""
        body: dict[str, _t.Any] = {}
        if availability_zone is not _UNSET:
            self._needs("2.91" if availability_zone is None else "2.77", "unshelve to a zone")
            body["availability_zone"] = availability_zone
        if host is not None:
            self._needs("2.91", "unshelve to a host")
            body["host"] = host
        self._action(server, "unshelve", body or None)

    def trigger_crash_dump(self, server: _t.Any) -> None:
        """Make the guest dump its kernel (NMI); needs 2.17."""
        self._needs("2.17", "trigger_crash_dump")
        self._action(server, "trigger_crash_dump")

    def reset_state(self, server: _t.Any, state: str = "error") -> None:
        """Set the server's state to ``error`` or ``active`` (admins)."""
        if state not in ("error", "active"):
            raise exceptions.ValidationError("state must be 'error' or 'active', not %r" % state)
        self._action(server, "os-resetState", {"state": state})

    def change_password(self, server: _t.Any, password: str) -> None:
        """Set the guest's administrator password (where the hypervisor can)."""
        self._action(server, "changePassword", {"adminPass": password})

    # -- flavor, image and host ---------------------------------------------------

    def resize(self, server: _t.Any, flavor: _t.Any, disk_config: str | None = None) -> None:
        """Move the server to ``flavor`` (then ``VERIFY_RESIZE``: confirm or revert)."""
        body: dict[str, _t.Any] = {"flavorRef": _ids.check_id(flavor, "flavor")}
        if disk_config is not None:
            body["OS-DCF:diskConfig"] = disk_config
        self._action(server, "resize", body)

    def confirm_resize(self, server: _t.Any) -> None:
        """Keep the new flavor (or host, after a cold migration)."""
        self._action(server, "confirmResize")

    def revert_resize(self, server: _t.Any) -> None:
        """Go back to the old flavor (or host)."""
        self._action(server, "revertResize")

    def rebuild(self, server: _t.Any, image: _t.Any, **options: _t.Any) -> _t.Any:
        """Rebuild the server from ``image``; return the server as Nova shows it then.

        ``options``: ``name``, ``admin_pass``, ``metadata``,
        ``preserve_ephemeral``, ``description`` (2.19), ``key_name``
        (2.54; None removes it), ``user_data`` (2.57; None removes it),
        ``trusted_image_certificates`` (2.63), ``hostname`` (2.90),
        ``access_ipv4``, ``access_ipv6``, ``disk_config``.
        """
        clear_key = "key_name" in options and options["key_name"] is None
        body = _boot.rebuild_body(image, options, self._needs)
        if clear_key:
            self._needs("2.54", "Removing the key pair on rebuild")
            body["rebuild"]["key_name"] = None
        url = self._member_path(server, "server") + "/action"
        return self._from_body(self.client.post(url, json=body), url, "server")

    def create_image(
        self, server: _t.Any, name: str, metadata: _t.Mapping[str, str] | None = None
    ) -> str | None:
        """Snapshot the server into a new image in the image service; return the image's id."""
        body: dict[str, _t.Any] = {"name": name}
        if metadata:
            body["metadata"] = dict(metadata)
        return self._image_id(self._action(server, "createImage", body))

    def backup(
        self,
        server: _t.Any,
        name: str,
        backup_type: str,
        rotation: int,
        metadata: _t.Mapping[str, str] | None = None,
    ) -> str | None:
        """Snapshot the server as a ``backup_type`` backup (``daily``, ``weekly`` ...),
        keeping the newest ``rotation`` backups; return the new image's id."""
        body: dict[str, _t.Any] = {"name": name, "backup_type": backup_type, "rotation": rotation}
        if metadata:
            body["metadata"] = dict(metadata)
        return self._image_id(self._action(server, "createBackup", body))

    def _image_id(self, resp: requests.Response) -> str | None:
        """The new image's id: ``image_id`` in the body from 2.45, the Location header before."""
        answer = _jsonutils.response_json(resp) if resp.content else None
        if isinstance(answer, dict) and answer.get("image_id"):
            return str(answer["image_id"])
        location = resp.headers.get("Location")
        return location.rstrip("/").rsplit("/", 1)[-1] if location else None

    def migrate(self, server: _t.Any, host: str | None = None) -> None:
        """Cold-migrate to another host (chosen by the scheduler; ``host`` needs 2.56)."""
        if host is not None:
            self._needs("2.56", "migrate to a given host")
        self._action(server, "migrate", {"host": host} if host is not None else None)

    def live_migrate(
        self,
        server: _t.Any,
        host: str | None = None,
        block_migration: bool | str = "auto",
        force: bool | None = None,
    ) -> None:
        """Live-migrate (to ``host``, or where the scheduler says).

        ``block_migration`` is ``"auto"`` (from 2.25), True or False;
        ``force`` (2.30 to 2.67) skips the scheduler's checks of ``host``.
        """
        body: dict[str, _t.Any] = {"host": host}
        if self._at_least("2.25"):
            body["block_migration"] = block_migration
        else:
            body["block_migration"] = block_migration is True
            body["disk_over_commit"] = False
        if force is not None:
            self._needs("2.30", "force")
            body["force"] = force
        self._action(server, "os-migrateLive", body)

    def evacuate(
        self,
        server: _t.Any,
        host: str | None = None,
        admin_pass: str | None = None,
        force: bool | None = None,
    ) -> str | None:
        """Rebuild a server whose host is down on another host; return the new admin
        password where Nova returns one (before 2.14)."""
        body: dict[str, _t.Any] = {}
        if host is not None:
            body["host"] = host
        if admin_pass is not None:
            body["adminPass"] = admin_pass
        if force is not None:
            body["force"] = force
        if not self._at_least("2.14"):
            body["onSharedStorage"] = False
        answer = self._decoded(self._action(server, "evacuate", body))
        return answer.get("adminPass") if isinstance(answer, dict) else None

    # -- security groups and networks ---------------------------------------------

    def add_security_group(self, server: _t.Any, security_group: _t.Any) -> None:
        """Add a security group (a name, id or resource) to every port of the server."""
        self._action(server, "addSecurityGroup", {"name": _group_name(security_group)})

    def remove_security_group(self, server: _t.Any, security_group: _t.Any) -> None:
        """Remove a security group from every port of the server."""
        self._action(server, "removeSecurityGroup", {"name": _group_name(security_group)})


def _group_name(group: _t.Any) -> str:
    return str(getattr(group, "name", None) or _ids.check_id(group, "security_group"))
