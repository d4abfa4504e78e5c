"""Security-group rules: ``/v2.0/security-group-rules`` (no names, no updates)."""

from __future__ import annotations

from stackclient.apiclient import service
from stackclient.network.v2_0 import _base

__all__ = ["SecurityGroupRule", "SecurityGroupRuleManager"]


class SecurityGroupRule(service.ServiceResource):
    """A rule: ``security_group_id``, ``direction``, ``ethertype``, ``protocol``,
    ``port_range_min``, ``port_range_max``, ``remote_ip_prefix``, ``remote_group_id``.

    Rules have no name (``find`` takes an id) and cannot be changed: delete
    and create again. A rule that repeats one the group has is refused by
    Neutron with 409 (``Conflict``).

    Example::

        neutron.security_group_rules.create(
            security_group_id=group, direction="ingress", ethertype="IPv4",
            protocol="tcp", port_range_min=443, port_range_max=443,
            remote_ip_prefix="0.0.0.0/0")
    """

    __slots__ = ()
    NAME_ATTR = None


class SecurityGroupRuleManager(_base.NeutronManager):
    """Rules: list, get, create (one or ``create_many``), delete."""

    resource_class = SecurityGroupRule
    collection_key = "security_group_rules"
    key = "security_group_rule"
    path = "/security-group-rules"
    name_filter = None
    verbs = frozenset(("list", "get", "create", "delete"))
