"""What a server reports: console output, remote consoles, diagnostics, addresses,
security groups, the encrypted admin password and the NUMA topology.

Verbs of :class:`~stackclient.compute.v2.servers.ServerManager`; each is one
request and returns plain data (text, a dict or a list of dicts).
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import _ids, exceptions

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

__all__ = ["CONSOLE_TYPES", "ServerInfoMixin"]

#: Remote console protocols and the types each offers (Nova's ``remote-consoles``).
CONSOLE_TYPES: dict[str, tuple[str, ...]] = {
    "vnc": ("novnc", "xvpvnc"),
    "spice": ("spice-html5", "spice-direct"),
    "serial": ("serial",),
    "mks": ("webmks",),
    "rdp": ("rdp-html5",),
}


class ServerInfoMixin:
    """Read-only views of a server, for :class:`~stackclient.compute.v2.servers.ServerManager`."""

    if _t.TYPE_CHECKING:  # pragma: no cover - provided by the manager
        client: _t.Any

        def _member_path(self, resource: _t.Any, argument: str | None = None) -> str: ...
        def _needs(self, version: str, feature: str) -> None: ...
        def _value(self, resp: requests.Response, url: str, key: str) -> _t.Any: ...
        def _object(
            self, resp: requests.Response, url: str, key: str | None = None
        ) -> dict[str, _t.Any]: ...
        def _items(self, resp: requests.Response, url: str, key: str) -> list[_t.Any]: ...
        def _action(
            self, server: _t.Any, action: str, value: _t.Any = None
        ) -> requests.Response: ...

    def _url(self, server: _t.Any, tail: str) -> str:
        return "%s/%s" % (self._member_path(server, "server"), tail)

    def get_console_output(self, server: _t.Any, length: int | None = None) -> str:
        """The guest's console log (the last ``length`` lines; all of it by default)."""
        resp = self._action(server, "os-getConsoleOutput", {"length": length})
        return str(self._value(resp, resp.url or "os-getConsoleOutput", "output") or "")

    def create_remote_console(
        self, server: _t.Any, protocol: str = "vnc", console_type: str = "novnc"
    ) -> dict[str, _t.Any]:
        """A URL to the server's console: ``{"protocol", "type", "url"}`` (2.6).

        ``protocol`` and ``console_type`` are one of :data:`CONSOLE_TYPES`;
        the deployment decides which it serves (others raise BadRequest).
        """
        if console_type not in CONSOLE_TYPES.get(protocol, ()):
            raise exceptions.ValidationError(
                "No console type %r for protocol %r; known: %s"
                % (console_type, protocol, ", ".join("%s %s" % i for i in _pairs()))
            )
        self._needs("2.6", "remote-consoles")
        url = self._url(server, "remote-consoles")
        body = {"remote_console": {"protocol": protocol, "type": console_type}}
        return self._object(self.client.post(url, json=body), url, "remote_console")

    def get_diagnostics(self, server: _t.Any) -> dict[str, _t.Any]:
        """The hypervisor's figures for the server (admins; one shape for every driver from 2.48)."""
        url = self._url(server, "diagnostics")
        return self._object(self.client.get(url), url)

    def get_addresses(
        self, server: _t.Any, network: str | None = None
    ) -> dict[str, list[dict[str, _t.Any]]]:
        """The server's addresses by network label (only ``network``'s, when given)."""
        if network is None:
            url = self._url(server, "ips")
            return self._object(self.client.get(url), url, "addresses")
        url = self._url(server, "ips/" + _ids.path_segment(network, "network"))
        return self._object(self.client.get(url), url)

    def list_security_groups(self, server: _t.Any) -> list[dict[str, _t.Any]]:
        """The security groups of the server's ports, with their rules."""
        url = self._url(server, "os-security-groups")
        return self._items(self.client.get(url), url, "security_groups")

    def get_password(self, server: _t.Any) -> str:
        """The admin password the guest posted, encrypted with the key pair ('' if none)."""
        url = self._url(server, "os-server-password")
        return str(self._value(self.client.get(url), url, "password") or "")

    def clear_password(self, server: _t.Any) -> None:
        """Forget the encrypted admin password the guest posted."""
        self.client.delete(self._url(server, "os-server-password"))

    def get_topology(self, server: _t.Any) -> dict[str, _t.Any]:
        """The server's NUMA topology (2.78): ``nodes`` and ``pagesize_kb``."""
        self._needs("2.78", "The server topology")
        url = self._url(server, "topology")
        return self._object(self.client.get(url), url)


def _pairs() -> list[tuple[str, str]]:
    return [(p, t) for p, types in CONSOLE_TYPES.items() for t in types]
