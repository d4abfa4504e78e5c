"""The table of ``stack`` commands: names and one-line summaries, no imports.

``stack --help`` and shell completion read this table only; a command's
module is imported when that command is asked for. Each entry maps
``(resource, verb)`` to the module (under ``stackclient.shell``) and class
that implement it, and the summary shown in help.
"""

from __future__ import annotations

import importlib
import typing as _t

__all__ = ["COMMANDS", "GROUPS", "load", "verbs_of"]

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


def verbs_of(resource: str) -> dict[str, str]:
    """The verbs of ``resource`` with their summaries, in table order."""
    return {verb: entry[2] for (res, verb), entry in COMMANDS.items() if res == resource}


def load(resource: str, verb: str) -> _t.Any:
    """Import and return the command class for ``resource verb``."""
    module, class_name, _ = COMMANDS[(resource, verb)]
    return getattr(importlib.import_module("stackclient.shell." + module), class_name)
