"""A faked cloud for the Block Storage client: Cinder at its volumev3 catalog entry."""

from __future__ import annotations

import typing as _t

from stackclient.block_storage.v3 import client
from tests.unit import service_utils

__all__ = ["VOL", "VOL2", "BlockStorageTestCase", "volume"]

VOL = "8d4d3ee0-6a46-4a6b-9e6f-1b2a3c4d5e6f"
VOL2 = "9e5e4ff1-7b57-4b7c-8f70-2c3b4d5e6f70"
ANSWER = {"OpenStack-API-Version": "volume 3.71", "x-openstack-request-id": "req-c1"}


def volume(ident: str = VOL, **fields: _t.Any) -> dict[str, _t.Any]:
    """A volume as Cinder shows it (a few fields)."""
    return {"id": ident, "name": "data", "size": 1, "status": "available",
            "bootable": "false", "attachments": [], **fields}  # fmt: skip


class BlockStorageTestCase(service_utils.ServiceTestCase):
    client_class = client.Client

    def stub(self, method, path, json=None, status=200, headers=None, **kwargs):  # type: ignore[override]
        return super().stub(method, path, json, status, {**ANSWER, **(headers or {})}, **kwargs)

    def stub_sequence(self, method: str, path: str, *answers: dict[str, _t.Any]) -> _t.Any:
        """Answer ``method <endpoint><path>`` with each of ``answers`` in turn (the last repeats)."""
        responses = [{"headers": dict(ANSWER), **answer} for answer in answers]
        return self.requests_mock.register_uri(method, self.endpoint + path, responses)

    def assertVersion(self, version: str, request: _t.Any = None) -> None:
        request = request or self.requests_mock.last_request
        self.assertEqual("volume %s" % version, request.headers["OpenStack-API-Version"])

    def action(self, resource_path: str) -> _t.Any:
        """Stub ``POST <resource_path>/action`` with Cinder's 202 and no body."""
        return self.stub("POST", resource_path + "/action", status=202, text="")
