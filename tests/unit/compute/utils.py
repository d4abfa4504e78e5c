"""What the Compute v2.1 unit tests share: the client on the faked cloud, and sample bodies."""

from __future__ import annotations

import typing as _t

from stackclient.compute.v2 import client
from tests.unit import service_utils

__all__ = ["NOVA", "ComputeTestCase", "server_body", "uuid"]

#: The versioned endpoint the faked catalog leads to (its version document says 2.100).
NOVA = "http://nova.test:8774/v2.1"

#: The microversion the client negotiates with the faked Nova.
NEGOTIATED = "2.100"


def uuid(n: int) -> str:
    """A UUID-shaped id numbered ``n``."""
    return "%08x-0000-4000-8000-%012x" % (n, n)


def server_body(n: int = 1, **fields: _t.Any) -> dict[str, _t.Any]:
    """A server as Nova 2.100 shows it (trimmed to the fields the tests read)."""
    body: dict[str, _t.Any] = {
        "id": uuid(n),
        "name": "vm-%d" % n,
        "status": "ACTIVE",
        "tenant_id": service_utils.PROJECT_ID,
        "flavor": {"original_name": "m1.tiny", "vcpus": 1, "ram": 512, "disk": 1},
        "image": {"id": uuid(900), "links": []},
        "addresses": {"shared": [{"addr": "198.51.100.%d" % n, "version": 4}]},
        "OS-EXT-STS:task_state": None,
        "locked": False,
        "tags": [],
    }
    body.update(fields)
    return body


class ComputeTestCase(service_utils.ServiceTestCase):
    """``self.client`` is a Compute v2.1 client found through the catalog."""

    client_class = client.Client

    def nova_headers(self, version: str = NEGOTIATED, **more: str) -> dict[str, str]:
        """Response headers Nova sends (microversion and request id)."""
        headers = {
            "OpenStack-API-Version": "compute %s" % version,
            "X-OpenStack-Nova-API-Version": version,
            "x-openstack-request-id": "req-%s" % uuid(77),
        }
        headers.update(more)
        return headers

    def action_body(self, server: str = uuid(1)) -> _t.Any:
        """The body of the last action posted to ``server``."""
        request = self.requests_to("POST", "/servers/%s/action" % server)[-1]
        return request.json()
