"""The table of ``stack`` commands: names and one-line summaries, no imports.

``stack --help`` and shell completion read this table only; a command's
module is imported when that command is asked for. Each entry maps
``(resource, verb)`` to the module (under ``stackclient.shell``) and class
that implement it, and the summary shown in help.
"""

from __future__ import annotations

import importlib

_TYPE_CHECKING = False
if _TYPE_CHECKING:  # pragma: no cover
    import typing as _t

__all__ = ["COMMANDS", "GROUPS", "join_resource", "load", "verbs_of"]

#: Resource -> its one-line description, in the order ``stack --help`` lists them.
GROUPS: dict[str, str] = {
    "project": "Identity projects",
    "user": "Identity users",
    "role": "Identity roles and role assignments",
    "domain": "Identity domains",
    "token": "Tokens: issue and revoke",
    "catalog": "The service catalog of the current token",
    "endpoint": "Identity endpoints",
    "service": "Identity services",
    "network": "Networks",
    "subnet": "Subnets of networks",
    "port": "Ports on networks",
    "router": "Routers: gateways, interfaces",
    "floating-ip": "Floating IPs (also 'floating ip')",
    "security-group": "Security groups (also 'security group')",
    "security-group-rule": "Security group rules (also 'security group rule')",
    "image": "Images: upload and download verified, properties, tags",
    "server": "Compute servers and their actions",
    "flavor": "Compute flavors",
    "keypair": "Compute key pairs",
    "container": "Object storage containers",
    "object": "Objects: upload and download verified, large ones segmented",
    "volume": "Block storage volumes",
    "volume-snapshot": "Snapshots of volumes (also 'volume snapshot')",
    "volume-type": "Volume types (also 'volume type')",
    "config": "The configuration stack uses and where each value came from",
    "api": "Send any request to any service and print the answer",
    "completion": "Print a shell completion script (bash or zsh)",
}

#: (resource, verb) -> (module, class, summary).
COMMANDS: dict[tuple[str, str], tuple[str, str, str]] = {
    ("project", "list"): ("identity", "ProjectList", "List projects"),
    ("project", "show"): ("identity", "ProjectShow", "Show a project"),
    ("project", "create"): ("identity", "ProjectCreate", "Create a project"),
    ("project", "set"): ("identity", "ProjectSet", "Change a project"),
    ("project", "delete"): ("identity", "ProjectDelete", "Delete projects"),
    ("user", "list"): ("identity", "UserList", "List users"),
    ("user", "show"): ("identity", "UserShow", "Show a user"),
    ("user", "create"): ("identity", "UserCreate", "Create a user"),
    ("user", "set"): ("identity", "UserSet", "Change a user"),
    ("user", "delete"): ("identity", "UserDelete", "Delete users"),
    ("role", "list"): ("identity", "RoleList", "List roles"),
    ("role", "create"): ("identity", "RoleCreate", "Create a role"),
    ("role", "delete"): ("identity", "RoleDelete", "Delete roles"),
    ("role", "add"): ("identity", "RoleAdd", "Grant a role to a user or group on a scope"),
    ("role", "remove"): ("identity", "RoleRemove", "Revoke a role from a user or group"),
    ("role", "assignments"): ("identity", "RoleAssignmentList", "List role assignments"),
    ("domain", "list"): ("identity", "DomainList", "List domains"),
    ("domain", "show"): ("identity", "DomainShow", "Show a domain"),
    ("token", "issue"): (
        "identity",
        "TokenIssue",
        "Issue a token (printed: handle it as a password)",
    ),
    ("token", "revoke"): ("identity", "TokenRevoke", "Revoke a token"),
    ("catalog", "list"): (
        "identity",
        "CatalogList",
        "List the services and endpoints of the catalog",
    ),
    ("catalog", "show"): ("identity", "CatalogShow", "Show the endpoints of one service"),
    ("endpoint", "list"): ("identity", "EndpointList", "List endpoints"),
    ("service", "list"): ("identity", "ServiceList", "List services"),
    ("network", "list"): ("network", "NetworkList", "List networks"),
    ("network", "show"): ("network", "NetworkShow", "Show a network"),
    ("network", "create"): ("network", "NetworkCreate", "Create a network"),
    ("network", "delete"): ("network", "NetworkDelete", "Delete networks"),
    ("subnet", "list"): ("network", "SubnetList", "List subnets"),
    ("subnet", "show"): ("network", "SubnetShow", "Show a subnet"),
    ("subnet", "create"): ("network", "SubnetCreate", "Create a subnet"),
    ("subnet", "delete"): ("network", "SubnetDelete", "Delete subnets"),
    ("port", "list"): ("network", "PortList", "List ports"),
    ("port", "show"): ("network", "PortShow", "Show a port"),
    ("port", "create"): ("network", "PortCreate", "Create a port"),
    ("port", "delete"): ("network", "PortDelete", "Delete ports"),
    ("router", "list"): ("network", "RouterList", "List routers"),
    ("router", "show"): ("network", "RouterShow", "Show a router"),
    ("router", "create"): ("network", "RouterCreate", "Create a router"),
    ("router", "delete"): ("network", "RouterDelete", "Delete routers"),
    ("floating-ip", "list"): ("network", "FloatingIPList", "List floating IPs"),
    ("floating-ip", "show"): ("network", "FloatingIPShow", "Show a floating IP"),
    ("floating-ip", "create"): ("network", "FloatingIPCreate", "Allocate a floating IP"),
    ("floating-ip", "delete"): ("network", "FloatingIPDelete", "Release floating IPs"),
    ("security-group", "list"): ("network", "SecurityGroupList", "List security groups"),
    ("security-group", "show"): ("network", "SecurityGroupShow", "Show a security group"),
    ("security-group", "create"): ("network", "SecurityGroupCreate", "Create a security group"),
    ("security-group", "delete"): ("network", "SecurityGroupDelete", "Delete security groups"),
    ("security-group-rule", "list"): (
        "network",
        "SecurityGroupRuleList",
        "List security group rules",
    ),
    ("security-group-rule", "create"): (
        "network",
        "SecurityGroupRuleCreate",
        "Add a rule to a group",
    ),
    ("security-group-rule", "delete"): (
        "network",
        "SecurityGroupRuleDelete",
        "Delete rules (by id)",
    ),
    ("network", "set"): ("network", "NetworkSet", "Change a network"),
    ("router", "add-interface"): (
        "network",
        "RouterAddInterface",
        "Attach a subnet or port to a router",
    ),
    ("router", "remove-interface"): (
        "network",
        "RouterRemoveInterface",
        "Detach a subnet or port",
    ),
    ("image", "list"): ("image", "ImageList", "List images"),
    ("image", "show"): ("image", "ImageShow", "Show an image"),
    ("image", "create"): (
        "image",
        "ImageCreate",
        "Create an image (--file uploads its data, verified)",
    ),
    ("image", "save"): ("image", "ImageSave", "Download an image's data to a file, verified"),
    ("image", "set"): ("image", "ImageSet", "Change an image"),
    ("image", "delete"): ("image", "ImageDelete", "Delete images"),
    ("server", "list"): ("compute", "ServerList", "List servers (one request)"),
    ("server", "show"): ("compute", "ServerShow", "Show a server"),
    ("server", "create"): (
        "compute",
        "ServerCreate",
        "Boot a server (--wait: until ACTIVE, fails at once on ERROR)",
    ),
    ("server", "delete"): ("compute", "ServerDelete", "Delete servers (--wait: until gone)"),
    ("server", "reboot"): ("compute", "ServerReboot", "Reboot servers (--hard)"),
    ("server", "stop"): ("compute", "ServerStop", "Stop servers"),
    ("server", "start"): ("compute", "ServerStart", "Start servers"),
    ("server", "pause"): ("compute", "ServerPause", "Pause servers"),
    ("server", "unpause"): ("compute", "ServerUnpause", "Unpause servers"),
    ("server", "suspend"): ("compute", "ServerSuspend", "Suspend servers"),
    ("server", "resume"): ("compute", "ServerResume", "Resume servers"),
    ("server", "resize"): ("compute", "ServerResize", "Resize servers to another flavor"),
    ("server", "console-log"): ("compute", "ServerConsoleLog", "Print a server's console output"),
    ("flavor", "list"): ("compute", "FlavorList", "List flavors"),
    ("flavor", "show"): ("compute", "FlavorShow", "Show a flavor"),
    ("keypair", "list"): ("compute", "KeypairList", "List key pairs"),
    ("keypair", "create"): (
        "compute",
        "KeypairCreate",
        "Create or import (--public-key) a key pair",
    ),
    ("keypair", "delete"): ("compute", "KeypairDelete", "Delete key pairs"),
    ("container", "list"): ("object_store", "ContainerList", "List containers"),
    ("container", "show"): ("object_store", "ContainerShow", "Show a container"),
    ("container", "create"): ("object_store", "ContainerCreate", "Create containers"),
    ("container", "delete"): (
        "object_store",
        "ContainerDelete",
        "Delete containers (-r: with their objects)",
    ),
    ("object", "list"): ("object_store", "ObjectList", "List the objects of a container"),
    ("object", "show"): ("object_store", "ObjectShow", "Show an object"),
    ("object", "upload"): (
        "object_store",
        "ObjectUpload",
        "Upload files as objects (verified; large ones segmented)",
    ),
    ("object", "download"): (
        "object_store",
        "ObjectDownload",
        "Download an object to a file (verified)",
    ),
    ("object", "delete"): ("object_store", "ObjectDelete", "Delete objects"),
    ("volume", "list"): ("volume", "VolumeList", "List volumes"),
    ("volume", "show"): ("volume", "VolumeShow", "Show a volume"),
    ("volume", "create"): ("volume", "VolumeCreate", "Create a volume (--wait: until available)"),
    ("volume", "set"): ("volume", "VolumeSet", "Change, extend or flag a volume"),
    ("volume", "delete"): ("volume", "VolumeDelete", "Delete volumes"),
    ("volume-snapshot", "list"): ("volume", "SnapshotList", "List snapshots"),
    ("volume-snapshot", "show"): ("volume", "SnapshotShow", "Show a snapshot"),
    ("volume-snapshot", "create"): ("volume", "SnapshotCreate", "Snapshot a volume"),
    ("volume-snapshot", "delete"): ("volume", "SnapshotDelete", "Delete snapshots"),
    ("volume-type", "list"): ("volume", "VolumeTypeList", "List volume types"),
    ("config", "show"): (
        "config",
        "ConfigShow",
        "Show the resolved configuration (--origin: where from)",
    ),
    ("api", "get"): ("api", "ApiCall", "GET a path of a service"),
    ("api", "head"): ("api", "ApiCall", "HEAD a path of a service"),
    ("api", "post"): ("api", "ApiCall", "POST a body to a path of a service"),
    ("api", "put"): ("api", "ApiCall", "PUT a body to a path of a service"),
    ("api", "patch"): ("api", "ApiCall", "PATCH a path of a service"),
    ("api", "delete"): ("api", "ApiCall", "DELETE a path of a service"),
    ("completion", "bash"): ("completion", "Completion", "Print the bash completion script"),
    ("completion", "zsh"): ("completion", "Completion", "Print the zsh completion script"),
}


def join_resource(argv: list[str]) -> list[str]:
    """``argv`` with a resource typed as several words joined: ``security group rule`` -> ``security-group-rule``.

    Only the first words that are not options are considered; the longest
    resource name that matches wins.
    """
    start = next((i for i, token in enumerate(argv) if not token.startswith("-")), None)
    if start is None:
        return argv
    for size in (3, 2):
        words = argv[start : start + size]
        if len(words) == size and not any(w.startswith("-") for w in words):
            joined = "-".join(words)
            if joined in GROUPS:
                return [*argv[:start], joined, *argv[start + size :]]
    return argv


def verbs_of(resource: str) -> dict[str, str]:
    """The verbs of ``resource`` with their summaries, in table order."""
    return {verb: entry[2] for (res, verb), entry in COMMANDS.items() if res == resource}


def load(resource: str, verb: str) -> _t.Any:
    """Import and return the command class for ``resource verb``."""
    module, class_name, _ = COMMANDS[(resource, verb)]
    return getattr(importlib.import_module("stackclient.shell." + module), class_name)
