"""QoS specs (``/qos-specs``): limits (IOPS, throughput) attached to volume types. Admin only."""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import _ids, exceptions, service
from stackclient.block_storage.v3 import _common

if _t.TYPE_CHECKING:  # pragma: no cover
    from stackclient.apiclient.base import Resource

__all__ = ["CONSUMERS", "QoSSpec", "QoSSpecManager"]

#: Where the limits are enforced.
CONSUMERS = ("back-end", "front-end", "both")


class QoSSpec(service.ServiceResource):
    """A QoS spec: ``id``, ``name``, ``consumer``, ``specs`` (a dict of limits).

    Example::

        qos = cinder.qos_specs.create("slow", {"read_iops_sec": "100"})
        cinder.qos_specs.associate(qos, volume_type)
    """


class QoSSpecManager(service.ServiceManager):
    """Create QoS specs, change their keys, and associate them with volume types.

    Example::

        qos = cinder.qos_specs.create("gold", {"total_iops_sec": "5000"}, consumer="front-end")
        cinder.qos_specs.set_keys(qos, {"total_bytes_sec": "104857600"})
        cinder.qos_specs.unset_keys(qos, ["total_iops_sec"])
        cinder.qos_specs.associate(qos, volume_type)
        [a["name"] for a in cinder.qos_specs.associations(qos)]
        cinder.qos_specs.disassociate_all(qos)
        cinder.qos_specs.delete(qos)
    """

    resource_class = QoSSpec
    collection_key = "qos_specs"
    key = "qos_specs"
    path = "/qos-specs"
    name_filter = None

    def create(  # type: ignore[override]
        self,
        name: str,
        specs: _t.Mapping[str, str] | None = None,
        consumer: str | None = None,
    ) -> Resource:
        """Create a QoS spec named ``name`` with the limits ``specs``."""
        _common.check_choice(consumer, CONSUMERS, "consumer")
        fields: dict[str, _t.Any] = {"name": name, **dict(specs or {})}
        if consumer is not None:
            fields["consumer"] = consumer
        url = self._collection_path()
        return self._resource(self.client.post(url, json={self.key: fields}), url)

    def update(self, resource: _t.Any, **attrs: _t.Any) -> _t.NoReturn:
        """QoS specs change key by key: use :meth:`set_keys` and :meth:`unset_keys`."""
        raise exceptions.MethodNotImplemented(
            "QoS specs change key by key: use qos_specs.set_keys() or unset_keys()"
        )

    def set_keys(self, qos_spec: _t.Any, specs: _t.Mapping[str, str]) -> dict[str, str]:
        """Add or change limits; return the keys sent."""
        url = self._member_path(qos_spec)
        return dict(_common.answer(self.client.put(url, json={self.key: dict(specs)}), self.key))

    def unset_keys(self, qos_spec: _t.Any, keys: _t.Iterable[str]) -> None:
        """Remove limits by name."""
        keys = [keys] if isinstance(keys, str) else list(keys)
        self.client.put(self._member_path(qos_spec) + "/delete_keys", json={"keys": keys})

    def delete(  # type: ignore[override]
        self, resource: _t.Any, ignore_missing: bool = False, force: bool = False
    ) -> None:
        """Delete a QoS spec; one still associated with a type needs ``force``."""
        url = self._member_path(resource) + self._query({"force": force})
        try:
            self.client.delete(url)
        except exceptions.NotFound:
            if not ignore_missing:
                raise

    def associations(self, qos_spec: _t.Any) -> list[dict[str, str]]:
        """The volume types using the spec: dicts with ``id``, ``name``, ``association_type``."""
        url = self._member_path(qos_spec) + "/associations"
        return list(_common.answer(self.client.get(url), "qos_associations"))

    def associate(self, qos_spec: _t.Any, volume_type: _t.Any) -> None:
        """Apply the spec to ``volume_type`` (a type or its id)."""
        self._type_call(qos_spec, "associate", volume_type)

    def disassociate(self, qos_spec: _t.Any, volume_type: _t.Any) -> None:
        """Stop applying the spec to ``volume_type``."""
        self._type_call(qos_spec, "disassociate", volume_type)

    def disassociate_all(self, qos_spec: _t.Any) -> None:
        """Stop applying the spec to any volume type."""
        self.client.get(self._member_path(qos_spec) + "/disassociate_all")

    def _type_call(self, qos_spec: _t.Any, verb: str, volume_type: _t.Any) -> None:
        query = self._query({"vol_type_id": _ids.check_id(volume_type, "volume_type")})
        self.client.get("%s/%s%s" % (self._member_path(qos_spec), verb, query))

    def _noun(self) -> str:
        return "QoS spec"
