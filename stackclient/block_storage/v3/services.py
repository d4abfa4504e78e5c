"""Cinder's services (``/os-services``): which schedulers, volume and backup services
run where, and whether they are up. Admin only."""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import exceptions, service

if _t.TYPE_CHECKING:  # pragma: no cover
    from stackclient.apiclient.base import Resource

__all__ = ["Service", "ServiceManager"]


class Service(service.ServiceResource):
    """A service: ``binary`` (``cinder-volume`` ...), ``host``, ``zone``, ``status``
    (``enabled``/``disabled``), ``state`` (``up``/``down``), ``disabled_reason``,
    ``backend_state`` (3.49) ...

    Cinder gives services no id: :attr:`id` is ``"<binary>@<host>"``.

    Example::

        [(s.binary, s.host, s.state) for s in cinder.services.list()]
    """

    NAME_ATTR = "binary"

    @property
    def id(self) -> str:
        """``"<binary>@<host>"``: unique among the services."""
        return "%s@%s" % (self.__dict__.get("binary"), self.__dict__.get("host"))

    @property
    def is_up(self) -> bool:
        """Whether the service reported in recently (state ``up``)."""
        return self.__dict__.get("state") == "up"


class ServiceManager(service.ServiceManager):
    """List, enable, disable, freeze and thaw Cinder's services (admin).

    Example::

        cinder.services.list(binary="cinder-volume")
        cinder.services.disable("localcloud@fake", "cinder-volume", reason="maintenance")
        cinder.services.enable("localcloud@fake", "cinder-volume")
    """

    resource_class = Service
    collection_key = "services"
    key = None
    path = "/os-services"
    name_filter = "binary"

    def iterate(self, **filters: _t.Any) -> _t.Iterator[Resource]:
        """Yield the services; filters: ``host``, ``binary``."""
        return self._iterate(self._collection_path() + self._query(filters), self.collection_key)

    def has_binary(self, binary: str) -> bool:
        """Whether a service ``binary`` (``cinder-backup`` ...) is enabled and up."""
        return any(s.status == "enabled" and s.state == "up" for s in self.list(binary=binary))

    def enable(self, host: str, binary: str) -> dict[str, _t.Any]:
        """Let the service take work again; return Cinder's answer."""
        return self._put("enable", {"host": host, "binary": binary})

    def disable(self, host: str, binary: str, reason: str | None = None) -> dict[str, _t.Any]:
        """Stop sending the service work (with a ``reason`` when given); return the answer."""
        body = {"host": host, "binary": binary}
        if reason is None:
            return self._put("disable", body)
        return self._put("disable-log-reason", dict(body, disabled_reason=reason))

    def freeze(self, host: str) -> None:
        """Stop management operations on a replicated backend's host."""
        self._put("freeze", {"host": host})

    def thaw(self, host: str) -> None:
        """Undo :meth:`freeze`."""
        self._put("thaw", {"host": host})

    def _put(self, verb: str, body: dict[str, _t.Any]) -> dict[str, _t.Any]:
        resp = self.client.put("%s/%s" % (self._collection_path(), verb), json=body)
        if not resp.content:
            return {}
        from stackclient import _jsonutils

        answer = _jsonutils.response_json(resp)
        return answer if isinstance(answer, dict) else {}

    def get(self, resource: _t.Any, **params: _t.Any) -> _t.NoReturn:
        """Services have no ids to get: use :meth:`list` with ``host`` and ``binary``."""
        raise exceptions.MethodNotImplemented(
            "Cinder's services have no ids: use services.list(host=..., binary=...)"
        )

    def _by_id(self, value: str, filters: _t.Mapping[str, _t.Any]) -> Resource | None:
        return None

    def _noun(self) -> str:
        return "service"
