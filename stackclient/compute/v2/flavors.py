"""Flavors: ``/flavors`` with their extra specs (``/os-extra_specs``) and, for
private flavors, the projects that may use them (``/os-flavor-access``).

Creating, deleting flavors and changing extra specs and access are admin
calls; every user lists and shows the flavors it may use.
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import _ids, exceptions, service
from stackclient.compute.v2 import _base

__all__ = ["Flavor", "FlavorManager"]

#: Python argument -> Nova's key in a flavor's create body.
_CREATE_KEYS = {
    "ephemeral": "OS-FLV-EXT-DATA:ephemeral",
    "is_public": "os-flavor-access:is_public",
    "flavor_id": "id",
}


class Flavor(service.ServiceResource):
    """A flavor: ``id``, ``name``, ``vcpus``, ``ram`` (MiB), ``disk`` (GiB), ``swap``
    (MiB; ``""`` for none before 2.75, 0 from 2.75), ``OS-FLV-EXT-DATA:ephemeral``
    (GiB), ``os-flavor-access:is_public``; ``description`` (2.55), ``extra_specs``
    (2.61); ``rxtx_factor`` and ``OS-FLV-DISABLED:disabled`` until 2.101.

    Example::

        tiny = nova.find_flavor("m1.tiny")
        tiny.vcpus, tiny.ram, tiny.is_public
    """

    __slots__ = ()

    @property
    def ephemeral(self) -> int:
        """The ephemeral disk's size in GiB (0 for none)."""
        return int(self.__dict__.get("OS-FLV-EXT-DATA:ephemeral") or 0)

    @property
    def is_public(self) -> bool:
        """Whether every project may use the flavor."""
        return bool(self.__dict__.get("os-flavor-access:is_public", True))


class FlavorManager(_base.ComputeManager):
    """``client.flavors``: list (``/flavors/detail``; filters ``is_public`` --
    None lists private flavors too, for admins -- ``min_ram``, ``min_disk``,
    ``sort_key``, ``sort_dir``, ``limit``, ``marker``, and ``name`` from 2.102),
    get, find, create, update (``description``, 2.55), delete, and extra specs
    and access.
    """

    resource_class = Flavor
    collection_key = "flavors"
    key = "flavor"
    name_filter_regex = True

    @property  # type: ignore[override]
    def name_filter(self) -> str | None:  # noqa: D401 - a class attribute elsewhere
        """Nova filters flavors by name (a regular expression) from 2.102 only."""
        return "name" if self._at_least("2.102") else None

    def iterate(self, detail: bool = True, **filters: _t.Any) -> _t.Iterator[Flavor]:  # type: ignore[override]
        """Yield the flavors matching ``filters``, following pages (``details`` = ``detail``)."""
        if "details" in filters:
            detail = bool(filters.pop("details"))
        if "is_public" in filters and filters["is_public"] is None:
            filters["is_public"] = "None"
        path = "/flavors/detail" if detail else "/flavors"
        return self._iterate(path + self._query(filters), self.collection_key)  # type: ignore[return-value]

    def list(self, detail: bool = True, **filters: _t.Any) -> list[Flavor]:  # type: ignore[override]
        """Return the flavors matching ``filters``."""
        return list(self.iterate(detail, **filters))

    def __call__(self, detail: bool = True, **filters: _t.Any) -> _t.Iterator[Flavor]:  # type: ignore[override]
        """Same as :meth:`iterate`."""
        return self.iterate(detail, **filters)

    def create(  # type: ignore[override]
        self,
        name: str,
        ram: int,
        vcpus: int,
        disk: int = 0,
        flavor_id: str | None = None,
        **options: _t.Any,
    ) -> Flavor:
        """Create a flavor (admins): ``ram`` MiB, ``vcpus``, ``disk`` GiB; ``flavor_id``
        (default: Nova makes a UUID), and ``ephemeral`` (GiB), ``swap`` (MiB),
        ``is_public`` (default True), ``description`` (2.55) in ``options``."""
        fields: dict[str, _t.Any] = {"name": name, "ram": ram, "vcpus": vcpus, "disk": disk}
        if flavor_id is not None:
            fields["id"] = str(flavor_id)
        for key, value in options.items():
            if value is not None:
                fields[_CREATE_KEYS.get(key, key)] = value
        if "description" in fields:
            self._needs("2.55", "A flavor description")
        url = "/flavors"
        return _t.cast(
            Flavor, self._from_body(self.client.post(url, json={"flavor": fields}), url, "flavor")
        )

    def update(self, flavor: _t.Any, description: str | None = None) -> Flavor:  # type: ignore[override]
        """Change a flavor's description (2.55; the only field Nova lets change)."""
        self._needs("2.55", "Updating a flavor")
        url = self._member_path(flavor, "flavor")
        resp = self.client.put(url, json={"flavor": {"description": description}})
        return _t.cast(Flavor, self._from_body(resp, url, "flavor"))

    # -- extra specs ---------------------------------------------------------------

    def _specs_url(self, flavor: _t.Any, key: str | None = None) -> str:
        url = self._member_path(flavor, "flavor") + "/os-extra_specs"
        return url if key is None else url + "/" + _ids.path_segment(key, "key")

    def get_extra_specs(self, flavor: _t.Any) -> dict[str, str]:
        """Every extra spec of ``flavor``."""
        url = self._specs_url(flavor)
        return self._object(self.client.get(url), url, "extra_specs")

    def set_extra_specs(self, flavor: _t.Any, specs: _t.Mapping[str, str]) -> dict[str, str]:
        """Add or change extra specs (admins; validated from 2.86); return those sent back."""
        url = self._specs_url(flavor)
        resp = self.client.post(url, json={"extra_specs": dict(specs)})
        return self._object(resp, url, "extra_specs")

    def get_extra_spec(self, flavor: _t.Any, key: str) -> str:
        """The value of extra spec ``key``; NotFound when the flavor has none."""
        url = self._specs_url(flavor, key)
        answer = self._object(self.client.get(url), url)
        if key not in answer:
            raise exceptions.InvalidResponse("The answer to GET %s lacks %r" % (url, key))
        return str(answer[key])

    def set_extra_spec(self, flavor: _t.Any, key: str, value: str) -> None:
        """Set extra spec ``key`` to ``value`` (admins)."""
        self.client.put(self._specs_url(flavor, key), json={key: value})

    def delete_extra_spec(self, flavor: _t.Any, key: str) -> None:
        """Remove extra spec ``key`` (admins)."""
        self.client.delete(self._specs_url(flavor, key))

    # -- access to private flavors -------------------------------------------------

    def list_access(self, flavor: _t.Any) -> list[str]:
        """The projects that may use private ``flavor`` (admins)."""
        url = self._member_path(flavor, "flavor") + "/os-flavor-access"
        return _projects(self._items(self.client.get(url), url, "flavor_access"))

    def add_access(self, flavor: _t.Any, project: _t.Any) -> list[str]:
        """Let ``project`` use private ``flavor``; return the projects that may."""
        return self._access(flavor, "addTenantAccess", project)

    def remove_access(self, flavor: _t.Any, project: _t.Any) -> list[str]:
        """Stop ``project`` using private ``flavor``; return the projects that still may."""
        return self._access(flavor, "removeTenantAccess", project)

    def _access(self, flavor: _t.Any, action: str, project: _t.Any) -> list[str]:
        url = self._member_path(flavor, "flavor") + "/action"
        body = {action: {"tenant": _ids.check_id(project, "project")}}
        return _projects(self._items(self.client.post(url, json=body), url, "flavor_access"))


def _projects(entries: list[_t.Any]) -> list[str]:
    return [str(e.get("tenant_id")) for e in entries if isinstance(e, dict)]
