"""The ``--os-*`` options of ``stack``, and the connection built from them.

Options given on the command line are handed to
:func:`stackclient.connection.from_config`, which also reads
``clouds.yaml``, ``secure.yaml`` and the ``OS_*`` environment variables
with openstacksdk's precedence (command line over environment over
files), so that ``stack config show --origin`` can say where each value
came from. The options are declared here, statically, rather than by
reading the configuration first: ``stack --help`` reads no file.
"""

from __future__ import annotations

import argparse

_TYPE_CHECKING = False
if _TYPE_CHECKING:  # pragma: no cover
    import typing as _t

__all__ = ["add_connection_options", "connect_options", "open_connection"]

#: Options that go into the ``auth`` dict: (option name, help).
_AUTH_OPTIONS = (
    ("auth-url", "Identity endpoint, e.g. https://keystone.example:5000/v3"),
    ("username", "user name"),
    ("user-id", "user id"),
    ("password", "password (prefer clouds.yaml/secure.yaml or OS_PASSWORD)"),
    ("project-name", "project to scope the token to"),
    ("project-id", "project id to scope the token to"),
    ("user-domain-name", "domain of the user"),
    ("user-domain-id", "domain id of the user"),
    ("project-domain-name", "domain of the project"),
    ("project-domain-id", "domain id of the project"),
    ("domain-name", "domain to scope the token to"),
    ("domain-id", "domain id to scope the token to"),
    ("system-scope", "system scope (all)"),
    ("token", "an existing token"),
    ("application-credential-id", "application credential id"),
    ("application-credential-secret", "application credential secret"),
    ("application-credential-name", "application credential name"),
)

#: Options that are connection settings: (option name, connect() keyword, help).
_SETTINGS = (
    ("auth-type", "auth_type", "password, token, v3applicationcredential, admin_token, none, ..."),
    ("region-name", "region_name", "region of the endpoints to use"),
    ("interface", "interface", "public, internal or admin endpoints"),
    ("cacert", "cacert", "CA bundle to verify TLS certificates with"),
    ("cert", "cert", "client certificate (PEM)"),
    ("key", "key", "client certificate key (PEM)"),
    (
        "endpoint",
        "endpoint",
        "with --os-token and auth type admin_token/none: the endpoint to send to",
    ),
)

#: Per-service API version options: service type (as in the option) -> connect() keyword.
_SERVICES = ("identity", "compute", "network", "image", "volume", "object-store")


def add_connection_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--os-cloud``, the auth, connection and API version options."""
    group = parser.add_argument_group("cloud and credentials (also from clouds.yaml and OS_*)")
    group.add_argument(
        "--os-cloud", metavar="NAME", help="cloud of clouds.yaml to use (env OS_CLOUD)"
    )
    for name, help_text in _AUTH_OPTIONS:
        env = "OS_" + name.upper().replace("-", "_")
        group.add_argument("--os-" + name, metavar="VALUE", help="%s (env %s)" % (help_text, env))
    for name, _, help_text in _SETTINGS:
        env = "OS_" + name.upper().replace("-", "_")
        group.add_argument("--os-" + name, metavar="VALUE", help="%s (env %s)" % (help_text, env))
    group.add_argument("--insecure", action="store_true", default=None,
                       help="do not verify TLS certificates (dangerous)")  # fmt: skip
    for service in _SERVICES:
        group.add_argument("--os-%s-api-version" % service, metavar="VERSION",
                           help="%s API version or microversion" % service)  # fmt: skip


def connect_options(args: argparse.Namespace) -> argparse.Namespace:
    """The ``--os-*`` options given on the command line, as config options.

    Only options given are passed on, so clouds.yaml, secure.yaml and the
    ``OS_*`` variables decide the rest, each recorded as the origin of its
    value (``stack config show --origin``).
    """
    given = {
        dest: value
        for dest, value in vars(args).items()
        if dest.startswith("os_") and dest != "os_cloud" and value not in (None, "")
    }
    if getattr(args, "insecure", None):
        given["insecure"] = True
    return argparse.Namespace(**given)


def open_connection(args: argparse.Namespace) -> _t.Any:
    """The Connection for ``--os-cloud`` (or the default cloud) and the options given."""
    from stackclient import connection

    return connection.from_config(
        cloud=getattr(args, "os_cloud", None), options=connect_options(args)
    )
