"""Volume types (``/types``): their extra specs, and which projects may use a private one."""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import _ids, service
from stackclient.block_storage.v3 import _common

if _t.TYPE_CHECKING:  # pragma: no cover
    from stackclient.apiclient.base import Resource

__all__ = ["VolumeType", "VolumeTypeManager"]

#: The create field that makes a type public or private.
_PUBLIC_FIELD = "os-volume-type-access:is_public"


class VolumeType(service.ServiceResource):
    """A volume type: ``id``, ``name``, ``description``, ``is_public``, ``extra_specs``.

    Example::

        fast = cinder.volume_types.create("fast", extra_specs={"volume_backend_name": "ssd"})
        cinder.volumes.create(size=1, volume_type=fast.name)
    """


class VolumeTypeManager(_common._ActionsMixin, service.ServiceManager):
    """Volume types (creating, changing and deleting them is for admins).

    Example::

        gold = cinder.volume_types.create("gold", is_public=False)
        cinder.volume_types.set_extra_specs(gold, {"replication": "true"})
        cinder.volume_types.add_project_access(gold, project_id)
        cinder.volume_types.find("gold")
    """

    resource_class = VolumeType
    collection_key = "volume_types"
    key = "volume_type"
    path = "/types"
    name_filter = None

    def iterate(self, **filters: _t.Any) -> _t.Iterator[Resource]:
        """Yield the volume types; ``is_public=False`` lists private ones only and
        ``is_public=None`` both (admin); without it, public ones. ``extra_specs``
        (a dict) filters by specs (3.52), ``sort``, ``limit``, ``marker``."""
        query = dict(filters)
        if "is_public" in query and query["is_public"] is None:
            query["is_public"] = "None"
        if isinstance(query.get("extra_specs"), _t.Mapping):
            query["extra_specs"] = repr(dict(sorted(query["extra_specs"].items())))
        url = self._collection_path() + self._query(query)
        return self._iterate(url, self.collection_key)

    def _named(self, value: str, filters: _t.Mapping[str, _t.Any]) -> list[Resource]:
        # Private types too, for admins (others see public ones whatever they ask).
        return super()._named(value, {"is_public": None, **filters})

    def default(self) -> Resource:
        """Return the type a volume created without one gets."""
        url = self._collection_path() + "/default"
        return self._resource(self.client.get(url), url)

    def create(  # type: ignore[override]
        self,
        name: str,
        description: str | None = None,
        is_public: bool = True,
        extra_specs: _t.Mapping[str, str] | None = None,
        **attrs: _t.Any,
    ) -> Resource:
        """Create a type (admin); a private one (``is_public=False``) is for the
        projects given access only."""
        fields: dict[str, _t.Any] = {"name": name, _PUBLIC_FIELD: bool(is_public), **attrs}
        if description is not None:
            fields["description"] = description
        if extra_specs:
            fields["extra_specs"] = dict(extra_specs)
        url = self._collection_path()
        return self._resource(self.client.post(url, json={self.key: fields}), url)

    def update(self, resource: _t.Any, **attrs: _t.Any) -> Resource:
        """Change ``name``, ``description`` or ``is_public`` (admin); return the type."""
        return super().update(resource, **attrs)

    # -- extra specs -------------------------------------------------------------

    def _specs_url(self, volume_type: _t.Any) -> str:
        return self._member_path(volume_type) + "/extra_specs"

    def get_extra_specs(self, volume_type: _t.Any) -> dict[str, str]:
        """Return the type's extra specs."""
        return dict(_common.answer(self.client.get(self._specs_url(volume_type)), "extra_specs"))

    def set_extra_specs(self, volume_type: _t.Any, specs: _t.Mapping[str, str]) -> dict[str, str]:
        """Add or change extra specs (admin); return the specs sent, as Cinder saved them."""
        resp = self.client.post(self._specs_url(volume_type), json={"extra_specs": dict(specs)})
        return dict(_common.answer(resp, "extra_specs"))

    def delete_extra_specs(self, volume_type: _t.Any, keys: _t.Iterable[str]) -> None:
        """Remove each of ``keys`` from the type's extra specs (admin)."""
        if isinstance(keys, str):
            keys = [keys]
        for key in keys:
            self.client.delete(
                "%s/%s" % (self._specs_url(volume_type), _ids.path_segment(key, "key"))
            )

    # -- access to private types -------------------------------------------------

    def list_access(self, volume_type: _t.Any) -> list[str]:
        """The ids of the projects that may use a private type (admin)."""
        url = self._member_path(volume_type) + "/os-volume-type-access"
        entries = _common.answer(self.client.get(url), "volume_type_access")
        return [e["project_id"] for e in entries if isinstance(e, dict) and "project_id" in e]

    def add_project_access(self, volume_type: _t.Any, project: _t.Any) -> None:
        """Let ``project`` (an id or a project) use the private type (admin)."""
        body = {"project": _ids.check_id(project, "project")}
        self._action(volume_type, "addProjectAccess", body)

    def remove_project_access(self, volume_type: _t.Any, project: _t.Any) -> None:
        """Take the private type away from ``project`` (admin)."""
        body = {"project": _ids.check_id(project, "project")}
        self._action(volume_type, "removeProjectAccess", body)

    def _noun(self) -> str:
        return "volume type"
