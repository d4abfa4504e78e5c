"""Every manager verb of every client, as calls the fuzz suite can make.

Calls are found by introspection, so a manager or verb added later is
fuzzed without touching this file: every public method a manager class
defines (and the verbs it inherits from ``CrudManager``), with arguments
filled in by name from :data:`ARGUMENTS` (anything else gets ``"x1"``).
:func:`calibrated` keeps the calls that reach the wire when the server
answers well, so the fuzz examples are spent on answers, not on argument
checks.
"""

from __future__ import annotations

import inspect
import io
import itertools
import typing as _t
import warnings

import requests_mock

from stackclient.apiclient import base, exceptions
from stackclient.block_storage.v3 import client as volume_client
from stackclient.compute.v2 import client as compute_client
from stackclient.image.v2 import client as image_client
from stackclient.network.v2_0 import client as network_client
from stackclient.object_store.v1 import client as object_client
from stackclient.v2_0 import client as v2_client
from stackclient.v3 import client as v3_client

V3_URL = "http://identity.test/v3"
V2_URL = "http://identity.test/v2.0"
NETWORK_URL = "http://network.test"
IMAGE_URL = "http://image.test"
VOLUME_URL = "http://volume.test/v3/p1"
COMPUTE_URL = "http://compute.test/v2.1"
OBJECT_URL = "http://swift.test/v1/AUTH_p1"

#: Stands for a fresh in-memory file, given to each call that downloads.
FRESH_BUFFER = object()

#: Argument values by parameter name; everything not named here gets "x1".
ARGUMENTS: dict[str, _t.Any] = {
    "access": "ak1",
    "auth_url": V3_URL,
    "blob": '{"access": "a", "secret": "s"}',
    "config": {"identity": {"driver": "ldap"}},
    "data": b"fuzz upload data",
    "dest": FRESH_BUFFER,
    "connector": {"host": "h1", "initiator": "iqn.x"},
    "default_limit": 5,
    "description": "d",
    "email": "e@example.test",
    "enabled": True,
    "filters": {"interface": "public"},
    "interface": "public",
    "items": [{"name": "n1"}],
    "metadata": {"k": "v"},
    "new_size": 2,
    "limits": [
        {"project_id": "p1", "service_id": "s1", "resource_name": "r", "resource_limit": 1}
    ],
    "name": "n1",
    "new_password": "new-pw",
    "old_password": "old-pw",
    "origpasswd": "old-pw",
    "passwd": "new-pw",
    "password": "pw",
    "project_domain": "default",
    "registered_limits": [{"service_id": "s1", "resource_name": "r", "default_limit": 1}],
    "resource_limit": 5,
    "resource_name": "cores",
    "roles": ["r1"],
    "specs": {"k": "v"},
    "routes": [{"destination": "10.0.0.0/24", "nexthop": "10.0.0.1"}],
    "role_names": ["member"],
    "tags": ["t1"],
    "target": FRESH_BUFFER,
    "tenant_name": "t1",
    "type": "ec2",
    "url": "http://service.test/v1",
    "user_domain": "default",
}

#: Inherited helpers that are not API verbs.
_NOT_VERBS = frozenset(
    {"add_hook", "run_hooks", "build_url", "build_key_only_query", "resource_class"}
)

#: Verb prefixes left out: waiters poll until their own deadline.
_SLOW_VERBS = ("wait_for", "wait_while")

#: Items a generator call may yield before the fuzz suite stops reading it.
MAX_ITEMS = 500


class Call(_t.NamedTuple):
    """One manager verb with its arguments."""

    api: str
    manager: str
    verb: str
    kwargs: dict[str, _t.Any]

    def run(self, client: _t.Any) -> _t.Any:
        kwargs = {k: io.BytesIO() if v is FRESH_BUFFER else v for k, v in self.kwargs.items()}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # deprecated verbs are fuzzed too
            result = getattr(getattr(client, self.manager), self.verb)(**kwargs)
            if inspect.isgenerator(result) or isinstance(result, itertools.chain):
                return list(itertools.islice(result, MAX_ITEMS))
        return result

    def __repr__(self) -> str:
        return "%s.%s.%s(**%r)" % (self.api, self.manager, self.verb, self.kwargs)


def clients() -> dict[str, _t.Any]:
    """A client of every kind, with a fixed token and endpoint (no auth request)."""
    return {
        "v3": v3_client.Client(token="fuzz-token", endpoint=V3_URL),
        "v2.0": v2_client.Client(token="fuzz-token", endpoint=V2_URL),
        "network": network_client.Client(token="fuzz-token", endpoint=NETWORK_URL),
        "image": image_client.Client(token="fuzz-token", endpoint=IMAGE_URL),
        "volume": volume_client.Client(token="fuzz-token", endpoint=VOLUME_URL),
        "compute": compute_client.Client(token="fuzz-token", endpoint=COMPUTE_URL),
        "object": object_client.Client(token="fuzz-token", endpoint=OBJECT_URL),
    }


def _verbs(manager: base.BaseManager) -> _t.Iterator[str]:
    for name in sorted(dir(type(manager))):
        if name.startswith("_") or name in _NOT_VERBS or name.startswith(_SLOW_VERBS):
            continue
        if callable(getattr(type(manager), name, None)):
            yield name


def _kwargs(method: _t.Any) -> dict[str, _t.Any] | None:
    try:
        params = inspect.signature(method).parameters.values()
    except (TypeError, ValueError):
        return None
    kwargs = {}
    for param in params:
        if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            continue
        if param.default is param.empty or param.name in ("user", "project", "domain"):
            kwargs[param.name] = ARGUMENTS.get(param.name, "x1")
    return kwargs


def _managers(client: _t.Any) -> _t.Iterator[tuple[str, base.BaseManager]]:
    """The managers of ``client`` (reading its properties may ask the service, so ask a fake)."""
    with requests_mock.Mocker() as mock:
        mock.register_uri(requests_mock.ANY, requests_mock.ANY, json={})
        for name in sorted(dir(client)):
            if name.startswith("_"):
                continue
            try:
                manager = getattr(client, name, None)
            except exceptions.ClientException:
                continue
            if isinstance(manager, base.BaseManager):
                if hasattr(manager, "twin_settle"):
                    manager.twin_settle = 0  # find_or_create would sleep a second
                yield name, manager


def all_calls(api: str, client: _t.Any) -> list[Call]:
    """Every verb of every manager of ``client``."""
    found = []
    for name, manager in _managers(client):
        for verb in _verbs(manager):
            kwargs = _kwargs(getattr(manager, verb))
            if kwargs is not None:
                found.append(Call(api, name, verb, kwargs))
    return found


def calibrated() -> tuple[list[Call], list[tuple[Call, str]]]:
    """(calls that reach the wire, calls that do not and why)."""
    good, skipped = [], []
    answer = {"json": {}, "status_code": 200}
    for api, client in clients().items():
        for call in all_calls(api, client):
            with requests_mock.Mocker() as mock:
                mock.register_uri(requests_mock.ANY, requests_mock.ANY, **answer)
                try:
                    call.run(client)
                except exceptions.ClientException:
                    pass
                except Exception as error:  # noqa: BLE001 - arguments this table cannot fill
                    skipped.append((call, "%s: %s" % (type(error).__name__, error)))
                    continue
                if mock.call_count:
                    good.append(call)
                else:
                    skipped.append((call, "sends nothing"))
    return good, skipped
