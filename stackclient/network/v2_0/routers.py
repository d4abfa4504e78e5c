"""Routers: ``/v2.0/routers``, their external gateway, interfaces and extra routes."""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import _ids, tags
from stackclient.network.v2_0 import _base

__all__ = ["Router", "RouterManager"]


class Router(tags.TaggableResource):
    """A router: ``external_gateway_info``, ``routes``, ``admin_state_up``, ``status`` ...

    Example::

        router = neutron.routers.create(name="edge")
        neutron.routers.set_gateway(router, public_net)
        neutron.routers.add_interface(router, subnet=subnet)
        neutron.routers.add_extra_routes(router, [
            {"destination": "10.2.0.0/24", "nexthop": "10.0.0.5"}])
    """

    __slots__ = ()


class RouterManager(_base.TaggedManager):
    """Routers and their actions."""

    resource_class = Router
    collection_key = "routers"
    key = "router"

    def add_interface(
        self, router: _t.Any, subnet: _t.Any = None, port: _t.Any = None
    ) -> dict[str, _t.Any]:
        """Attach ``subnet`` or ``port`` (exactly one, a resource or an id) to ``router``.

        Returns what Neutron answers: ``id`` (the router), ``port_id``,
        ``subnet_id``, ``subnet_ids``, ``network_id``, ``project_id``.
        """
        field, value = _base.one_of(subnet=subnet, port=port)
        return dict(self._action(router, "add_router_interface", {field: value}))

    def remove_interface(
        self, router: _t.Any, subnet: _t.Any = None, port: _t.Any = None
    ) -> dict[str, _t.Any]:
        """Detach the interface on ``subnet`` or ``port`` (exactly one) from ``router``."""
        field, value = _base.one_of(subnet=subnet, port=port)
        return dict(self._action(router, "remove_router_interface", {field: value}))

    def add_extra_routes(
        self, router: _t.Any, routes: _t.Iterable[_t.Mapping[str, str]]
    ) -> Router:
        """Add ``routes`` (``{"destination": cidr, "nexthop": ip}``) atomically; return the router.

        Routes the router has already are kept; one request, so concurrent
        callers do not overwrite each other's routes.
        """
        return self._routes(router, "add_extraroutes", routes)

    def remove_extra_routes(
        self, router: _t.Any, routes: _t.Iterable[_t.Mapping[str, str]]
    ) -> Router:
        """Remove ``routes`` atomically (others stay); return the router."""
        return self._routes(router, "remove_extraroutes", routes)

    def _routes(self, router: _t.Any, action: str, routes: _t.Iterable[_t.Any]) -> Router:
        body = {"router": {"routes": [dict(route) for route in routes]}}
        info = self._action(router, action, body, "router")
        return _t.cast(Router, self._resource_class()(self, info, False))

    def set_gateway(
        self,
        router: _t.Any,
        network: _t.Any,
        enable_snat: bool | None = None,
        fixed_ips: _t.Iterable[_t.Mapping[str, str]] | None = None,
    ) -> Router:
        """Set the external gateway of ``router`` to ``network``; return the router.

        ``fixed_ips`` (``[{"subnet_id": ..., "ip_address": ...}]``) picks
        the gateway's addresses; ``enable_snat`` is admin-only by default.
        """
        info: dict[str, _t.Any] = {"network_id": _ids.check_id(network, "network")}
        if enable_snat is not None:
            info["enable_snat"] = enable_snat
        if fixed_ips is not None:
            info["external_fixed_ips"] = [dict(ip) for ip in fixed_ips]
        return _t.cast(Router, self.update(router, external_gateway_info=info))

    def clear_gateway(self, router: _t.Any) -> Router:
        """Remove the external gateway of ``router``; return the router."""
        return _t.cast(Router, self.update(router, external_gateway_info={}))
