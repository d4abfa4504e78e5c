"""The bodies of ``POST /servers`` and of the ``rebuild`` action, from Python arguments.

Arguments take resources or ids wherever Nova wants an id (image, flavor,
networks, ports, key pair, security groups, server groups in hints), and
Python names for Nova's odd keys (``admin_pass`` -> ``adminPass``,
``disk_config`` -> ``OS-DCF:diskConfig``); ``user_data`` is base64-encoded
here. Fields that need a newer microversion than the client sends are
refused before anything is sent, through the ``needs(version, feature)``
callback the manager passes.
"""

from __future__ import annotations

import base64
import typing as _t

from stackclient.apiclient import _ids, exceptions

__all__ = ["create_body", "networks_value", "rebuild_body", "update_body", "user_data_value"]

_Needs = _t.Callable[[str, str], None]

#: Python argument -> Nova's key, for keys Python can't spell or that read badly.
_WIRE_NAMES = {
    "admin_pass": "adminPass",
    "access_ipv4": "accessIPv4",
    "access_ipv6": "accessIPv6",
    "disk_config": "OS-DCF:diskConfig",
    "block_device_mapping": "block_device_mapping_v2",
}

#: Fields of the server (create, update, rebuild) and the microversion that added them.
_SINCE = {
    "description": "2.19",
    "tags": "2.52",
    "trusted_image_certificates": "2.63",
    "host": "2.74",
    "hypervisor_hostname": "2.74",
    "hostname": "2.90",
    "key_name@rebuild": "2.54",
    "user_data@rebuild": "2.57",
    "pinned_availability_zone": "2.104",
}

#: Keys of one ``networks`` entry: Python-friendly -> Nova's.
_NETWORK_KEYS = {
    "uuid": "uuid",
    "net_id": "uuid",
    "network": "uuid",
    "network_id": "uuid",
    "port": "port",
    "port_id": "port",
    "fixed_ip": "fixed_ip",
    "v4_fixed_ip": "fixed_ip",
    "v6_fixed_ip": "fixed_ip",
    "tag": "tag",
}


def user_data_value(user_data: _t.Any) -> str:
    """``user_data`` (text or bytes) base64-encoded, as Nova wants it."""
    if isinstance(user_data, str):
        user_data = user_data.encode("utf-8")
    if not isinstance(user_data, (bytes, bytearray, memoryview)):
        raise exceptions.ValidationError(
            "user_data must be text or bytes (it is base64-encoded for you), not %s"
            % type(user_data).__name__
        )
    return base64.b64encode(bytes(user_data)).decode("ascii")


def networks_value(networks: _t.Any) -> _t.Any:
    """``networks`` for Nova: ``"auto"``/``"none"``, or a list of ``{uuid|port, fixed_ip, tag}``.

    Items may be a network id, a network or port resource (a resource with
    ``mac_address`` is taken for a port), or a dict with ``uuid``/``net_id``/
    ``network``, ``port``/``port_id``, ``fixed_ip`` and ``tag``.
    """
    if isinstance(networks, str):
        if networks in ("auto", "none"):
            return networks
        networks = [networks]
    if not isinstance(networks, (list, tuple)):
        raise exceptions.ValidationError(
            "networks must be 'auto', 'none' or a list of networks, ports or dicts, not %r"
            % (networks,)
        )
    return [_network(item) for item in networks]


def _network(item: _t.Any) -> dict[str, _t.Any]:
    if isinstance(item, dict):
        entry: dict[str, _t.Any] = {}
        for key, value in item.items():
            wire = _NETWORK_KEYS.get(key)
            if wire is None:
                raise exceptions.ValidationError(
                    "Unknown key %r in a networks entry; use uuid (or net_id), port, "
                    "fixed_ip, tag" % (key,)
                )
            entry[wire] = value if wire in ("fixed_ip", "tag") else _ids.check_id(value, key)
        return entry
    if hasattr(item, "mac_address"):
        return {"port": _ids.check_id(item, "port")}
    return {"uuid": _ids.check_id(item, "network")}


def _security_groups(groups: _t.Any) -> list[dict[str, str]]:
    if isinstance(groups, str) or not isinstance(groups, (list, tuple)):
        groups = [groups]
    return [
        {"name": str(getattr(g, "name", None) or _ids.check_id(g, "security group"))}
        for g in groups
    ]


def _hints(hints: _t.Mapping[str, _t.Any]) -> dict[str, _t.Any]:
    out: dict[str, _t.Any] = {}
    for key, value in hints.items():
        if isinstance(value, (list, tuple)):
            out[key] = [getattr(v, "id", v) for v in value]
        else:
            out[key] = getattr(value, "id", value)
    return out


def _check_versions(fields: _t.Mapping[str, _t.Any], needs: _Needs, suffix: str = "") -> None:
    for name in fields:
        since = _SINCE.get(name + suffix) or _SINCE.get(name)
        if since:
            needs(since, "The server field %r" % name)


def _server_fields(options: _t.Mapping[str, _t.Any]) -> dict[str, _t.Any]:
    """Options renamed and converted for the server dict (None values dropped)."""
    fields: dict[str, _t.Any] = {}
    for name, value in options.items():
        if value is None:
            continue
        if name == "networks":
            value = networks_value(value)
        elif name == "user_data":
            value = user_data_value(value)
        elif name == "security_groups":
            value = _security_groups(value)
        elif name == "key_name":
            value = getattr(value, "name", None) or _ids.check_id(value, "key_name")
        fields[_WIRE_NAMES.get(name, name)] = value
    return fields


def create_body(
    name: str, image: _t.Any, flavor: _t.Any, options: _t.Mapping[str, _t.Any], needs: _Needs
) -> dict[str, _t.Any]:
    """The ``POST /servers`` body."""
    options = dict(options)
    hints = options.pop("scheduler_hints", None)
    if flavor is None:
        raise exceptions.ValidationError("A server needs a flavor (a flavor or its id)")
    fields = _server_fields(options)
    _check_versions(fields, needs)
    if options.get("networks") in ("auto", "none"):
        needs("2.37", "networks=%r" % options["networks"])
    server: dict[str, _t.Any] = {"name": name, "flavorRef": _ids.check_id(flavor, "flavor")}
    if image is not None:
        server["imageRef"] = _ids.check_id(image, "image") if image != "" else ""
    server.update(fields)
    body: dict[str, _t.Any] = {"server": server}
    if hints:
        body["OS-SCH-HNT:scheduler_hints"] = _hints(hints)
    return body


def rebuild_body(
    image: _t.Any, options: _t.Mapping[str, _t.Any], needs: _Needs
) -> dict[str, _t.Any]:
    """The ``rebuild`` action's body (``user_data=None`` is kept: it clears the user data)."""
    clear_user_data = "user_data" in options and options["user_data"] is None
    fields = _server_fields(options)
    _check_versions(fields, needs, "@rebuild")
    if clear_user_data:
        needs(_SINCE["user_data@rebuild"], "Clearing user_data on rebuild")
        fields["user_data"] = None
    fields["imageRef"] = _ids.check_id(image, "image")
    return {"rebuild": fields}


def update_body(attrs: _t.Mapping[str, _t.Any], needs: _Needs) -> dict[str, _t.Any]:
    """The ``PUT /servers/{id}`` body (None values are sent: they clear a field)."""
    fields = {_WIRE_NAMES.get(name, name): value for name, value in attrs.items()}
    _check_versions(fields, needs)
    return {"server": fields}
