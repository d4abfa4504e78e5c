"""What the Network v2.0 unit tests share: the client on the faked cloud, and sample bodies."""

from __future__ import annotations

from stackclient.network.v2_0 import client
from tests.unit import service_utils

__all__ = ["NET", "NetworkTestCase", "uuid"]

#: The versioned endpoint the faked catalog leads to.
NET = "http://neutron.test:9696/v2.0"


def uuid(n: int) -> str:
    """A UUID-shaped id numbered ``n``."""
    return "%08x-0000-4000-8000-%012x" % (n, n)


class NetworkTestCase(service_utils.ServiceTestCase):
    """``self.client`` is a Network v2.0 client found through the catalog."""

    client_class = client.Client
