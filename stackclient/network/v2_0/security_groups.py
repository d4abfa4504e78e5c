"""Security groups: ``/v2.0/security-groups``."""

from __future__ import annotations

from stackclient.apiclient import tags
from stackclient.network.v2_0 import _base

__all__ = ["SecurityGroup", "SecurityGroupManager"]


class SecurityGroup(tags.TaggableResource):
    """A security group: ``name``, ``description``, ``security_group_rules``, ``stateful`` ...

    Example::

        group = neutron.find_or_create_security_group("web", description="HTTP in")
    """

    __slots__ = ()


class SecurityGroupManager(_base.TaggedManager):
    """Security groups (each project also has one named ``default``)."""

    resource_class = SecurityGroup
    collection_key = "security_groups"
    key = "security_group"
    path = "/security-groups"
