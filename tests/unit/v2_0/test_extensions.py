"""Wire tests for the v2.0 ExtensionManager."""

from __future__ import annotations

from stackclient.v2_0 import extensions
from tests.unit.v2_0 import utils

_EXTENSIONS = [
    {"alias": "OS-KSADM", "name": "OpenStack Keystone Admin", "namespace": "http://x/ksadm"},
    {"alias": "OS-EC2", "name": "OpenStack EC2 API", "namespace": "http://x/ec2"},
]


class ExtensionTests(utils.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.manager = extensions.ExtensionManager(self.client)

    def test_list_values_wrapper(self) -> None:
        self.stub_url("GET", ["extensions"], json={"extensions": {"values": _EXTENSIONS}})
        listed = self.manager.list()
        self.assertEqual(["OS-KSADM", "OS-EC2"], [e.alias for e in listed])
        self.assertIsInstance(listed[0], extensions.Extension)
        self.assertIn("OS-KSADM", repr(listed[0]))
        self.assertRequestIs("GET", ["extensions"])

    def test_list_plain(self) -> None:
        self.stub_url("GET", ["extensions"], json={"extensions": _EXTENSIONS})
        self.assertEqual(2, len(self.manager.list()))

    def test_find(self) -> None:
        self.stub_url("GET", ["extensions"], json={"extensions": {"values": _EXTENSIONS}})
        self.assertEqual("OpenStack EC2 API", self.manager.find(alias="OS-EC2").name)
