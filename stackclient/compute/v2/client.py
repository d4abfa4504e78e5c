"""The Compute API v2.1 (Nova) client, with microversions.

Managers (``client.servers``, ``client.flavors`` ...) send the requests;
SDK-style verbs (``find_server``, ``reboot_server``, ``wait_for_server``
...) call them, so code written for openstacksdk's ``conn.compute`` reads
the same here.
"""

from __future__ import annotations

import typing as _t

from stackclient import service_client
from stackclient.apiclient import exceptions, waiters
from stackclient.compute.v2 import _sdk

if _t.TYPE_CHECKING:  # pragma: no cover
    from stackclient.compute.v2 import aggregates as _aggregates
    from stackclient.compute.v2 import availability_zones as _availability_zones
    from stackclient.compute.v2 import flavors as _flavors
    from stackclient.compute.v2 import hypervisors as _hypervisors
    from stackclient.compute.v2 import instance_actions as _instance_actions
    from stackclient.compute.v2 import keypairs as _keypairs
    from stackclient.compute.v2 import limits as _limits
    from stackclient.compute.v2 import migrations as _migrations
    from stackclient.compute.v2 import quota_sets as _quota_sets
    from stackclient.compute.v2 import server_groups as _server_groups
    from stackclient.compute.v2 import server_interfaces as _server_interfaces
    from stackclient.compute.v2 import servers as _servers
    from stackclient.compute.v2 import services as _services
    from stackclient.compute.v2 import usage as _usage
    from stackclient.compute.v2 import versions as _versions
    from stackclient.compute.v2 import volume_attachments as _volume_attachments

__all__ = ["Client", "MAX_MICROVERSION"]

_PACKAGE = "stackclient.compute.v2."
_CRUD = "get find create update delete"

#: The newest compute microversion this client knows the shapes of.
MAX_MICROVERSION = "2.104"


def _manager(module: str, class_name: str) -> service_client.LazyManager[_t.Any]:
    return service_client.LazyManager(_PACKAGE + module, class_name)


class Client(_sdk.SdkVerbs, service_client.ServiceClient):
    """A Nova client: servers (and their actions, interfaces, volume attachments,
    metadata, tags, instance actions, migrations), flavors, key pairs, limits,
    quota sets, server groups, availability zones, hypervisors, services,
    aggregates, usage and versions.

    Built like every service client (see
    :class:`~stackclient.service_client.ServiceClient`): from a Session, an
    auth plugin, a stored ``auth_ref``, or a token and an endpoint; the
    endpoint comes from the token's catalog (type ``compute``).

    The microversion is negotiated once per endpoint and Session from the
    service's version document: the newest both sides know
    (``min(MAX_MICROVERSION, server's)``), or ``api_version="2.79"`` (a pin,
    refused before any other request when the server cannot serve it, with
    both ranges in the message), or ``api_version="latest"``. It is sent
    as ``OpenStack-API-Version: compute X.Y`` and
    ``X-OpenStack-Nova-API-Version: X.Y``; every resource records the
    version its fields came in (``server.microversion``).

    Example::

        nova = Client(session=sess, region_name="RegionOne")
        server = nova.create_server(name="web-1", image=image_id,
                                    flavor=nova.find_flavor("m1.small"),
                                    networks=[{"uuid": net_id}], key_name="ci")
        server = nova.wait_for_server(server, timeout=300)
        nova.reboot_server(server, "HARD")
        nova.delete_server(server)
        nova.wait_for_delete(server)
    """

    service_type = "compute"
    api_major = (2, 1)
    microversion_type = "compute"
    legacy_microversion_header = "X-OpenStack-Nova-API-Version"
    microversion_range = ("2.1", MAX_MICROVERSION)

    servers: _servers.ServerManager = _manager("servers", "ServerManager")
    server_interfaces: _server_interfaces.ServerInterfaceManager = _manager(
        "server_interfaces", "ServerInterfaceManager"
    )
    volume_attachments: _volume_attachments.VolumeAttachmentManager = _manager(
        "volume_attachments", "VolumeAttachmentManager"
    )
    instance_actions: _instance_actions.InstanceActionManager = _manager(
        "instance_actions", "InstanceActionManager"
    )
    server_migrations: _migrations.ServerMigrationManager = _manager(
        "migrations", "ServerMigrationManager"
    )
    migrations: _migrations.MigrationManager = _manager("migrations", "MigrationManager")
    flavors: _flavors.FlavorManager = _manager("flavors", "FlavorManager")
    keypairs: _keypairs.KeypairManager = _manager("keypairs", "KeypairManager")
    limits: _limits.LimitsManager = _manager("limits", "LimitsManager")
    quota_sets: _quota_sets.QuotaSetManager = _manager("quota_sets", "QuotaSetManager")
    server_groups: _server_groups.ServerGroupManager = _manager(
        "server_groups", "ServerGroupManager"
    )
    availability_zones: _availability_zones.AvailabilityZoneManager = _manager(
        "availability_zones", "AvailabilityZoneManager"
    )
    hypervisors: _hypervisors.HypervisorManager = _manager("hypervisors", "HypervisorManager")
    services: _services.ServiceManager = _manager("services", "ServiceManager")
    aggregates: _aggregates.AggregateManager = _manager("aggregates", "AggregateManager")
    usage: _usage.UsageManager = _manager("usage", "UsageManager")
    versions: _versions.VersionManager = _manager("versions", "VersionManager")

    sdk_resources = {
        "server": ("servers", _CRUD),
        "flavor": ("flavors", _CRUD),
        "keypair": ("keypairs", "get find create delete"),
        "server_group": ("server_groups", "get find create delete"),
        "aggregate": ("aggregates", _CRUD),
        "hypervisor": ("hypervisors", "get find"),
        "service": ("services", "get find delete"),
    }

    # Written out in _sdk (argument names of openstacksdk); the base would
    # otherwise generate plain ones from sdk_resources over them.
    create_server = _sdk.SdkVerbs.create_server
    delete_server = _sdk.SdkVerbs.delete_server
    find_server = _sdk.SdkVerbs.find_server

    # -- waiting -------------------------------------------------------------------

    def wait_for_server(
        self,
        server: _t.Any,
        status: str = "ACTIVE",
        failures: _t.Iterable[str] | None = None,
        interval: float = waiters.DEFAULT_INTERVAL,
        wait: float | None = None,
        callback: _t.Callable[[waiters.WaitProgress], _t.Any] | None = None,
        *,
        timeout: float | None = waiters.DEFAULT_TIMEOUT,
    ) -> _t.Any:
        """Wait until ``server`` (a server or its id) has ``status``; return it fresh.

        Raises :class:`~stackclient.exceptions.ResourceFailure` the moment
        the server goes to a status in ``failures`` (default ``ERROR``),
        with Nova's ``fault.message`` and the id of the request that saw it;
        :class:`~stackclient.exceptions.WaitTimeout` after ``timeout`` (or
        ``wait``) seconds, naming the last status and what Nova was doing
        (``task_state spawning, vm_state building``). ``callback`` gets a
        :class:`~stackclient.apiclient.waiters.WaitProgress` after each read.
        """
        try:
            return self.servers.wait_for_status(
                server,
                status,
                failures=("ERROR",) if failures is None else failures,
                interval=interval,
                timeout=timeout if wait is None else wait,
                callback=callback,
            )
        except exceptions.WaitTimeout as error:
            raise _with_task_state(error) from None

    def wait_for_delete(
        self,
        resource: _t.Any,
        interval: float = waiters.DEFAULT_INTERVAL,
        wait: float | None = None,
        callback: _t.Callable[[waiters.WaitProgress], _t.Any] | None = None,
        *,
        timeout: float | None = waiters.DEFAULT_TIMEOUT,
        failures: _t.Iterable[str] = (),
    ) -> None:
        """Wait until ``resource`` is gone (a resource of this client, or a server id).

        By default only the deadline ends a wait early: a server deleted
        while it builds often shows ``ERROR`` (its build was aborted) on the
        way out. ``failures=("ERROR",)`` fails at once on that status instead.
        """
        self.servers.wait_for_delete(
            resource,
            interval=interval,
            timeout=timeout if wait is None else wait,
            callback=callback,
            failures=failures,
        )


def _with_task_state(error: exceptions.WaitTimeout) -> exceptions.WaitTimeout:
    """The timeout, saying what Nova was still doing (``task_state``) and the ``vm_state``."""
    info = getattr(error.resource, "__dict__", {})
    task, state = info.get("OS-EXT-STS:task_state"), info.get("OS-EXT-STS:vm_state")
    if task is None and state is None:
        return error
    detail = "task_state %s, vm_state %s" % (task, state)
    return exceptions.WaitTimeout(
        "%s (%s)" % (error, detail), resource=error.resource, status=error.status,
        timeout=error.timeout,
    )  # fmt: skip
