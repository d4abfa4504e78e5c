"""What a server reports, and its metadata, on the wire."""

from __future__ import annotations

from stackclient.apiclient import exceptions
from tests.unit.compute import utils

S1 = utils.uuid(1)
BASE = "/servers/" + S1


class TestInfo(utils.ComputeTestCase):
    def test_console_output(self):
        self.stub("POST", BASE + "/action", json={"output": "FAKE CONSOLE\nLAST LINE"})
        self.assertEqual("FAKE CONSOLE\nLAST LINE", self.client.get_server_console_output(S1, 2))
        self.assertEqual({"os-getConsoleOutput": {"length": 2}}, self.action_body())

    def test_remote_console(self):
        console = {"protocol": "vnc", "type": "novnc", "url": "http://127.0.0.1:6080/x"}
        self.stub("POST", BASE + "/remote-consoles", json={"remote_console": console})
        self.assertEqual(console, self.client.create_server_remote_console(S1))
        self.assertRequest("POST", BASE + "/remote-consoles", json={
            "remote_console": {"protocol": "vnc", "type": "novnc"}})  # fmt: skip
        self.assertRaises(exceptions.ValidationError, self.client.create_server_remote_console,
                          S1, "vnc", "spice-html5")  # fmt: skip

    def test_diagnostics_addresses_groups_password_topology(self):
        self.stub("GET", BASE + "/diagnostics", json={"state": "running", "driver": "fake"})
        self.stub("GET", BASE + "/ips", json={"addresses": {"shared": [{"addr": "198.51.100.4"}]}})
        self.stub("GET", BASE + "/ips/shared", json={"shared": [{"addr": "198.51.100.4"}]})
        self.stub("GET", BASE + "/os-security-groups", json={"security_groups": [{"name": "d"}]})
        self.stub("GET", BASE + "/os-server-password", json={"password": "enc"})
        self.stub("DELETE", BASE + "/os-server-password", status=204)
        self.stub("GET", BASE + "/topology", json={"nodes": [], "pagesize_kb": None})
        self.assertEqual("running", self.client.get_server_diagnostics(S1)["state"])
        self.assertEqual(["shared"], list(self.client.server_ips(S1)))
        self.assertEqual(["shared"], list(self.client.server_ips(S1, "shared")))
        self.assertEqual([{"name": "d"}], self.client.fetch_server_security_groups(S1))
        self.assertEqual("enc", self.client.get_server_password(S1))
        self.client.clear_server_password(S1)
        self.assertRequest("DELETE", BASE + "/os-server-password")
        self.assertEqual([], self.client.get_server_topology(S1)["nodes"])

    def test_a_body_of_the_wrong_shape_is_an_invalid_response(self):
        self.stub("GET", BASE + "/diagnostics", json=["not", "an", "object"])
        self.stub("GET", BASE + "/ips", text="<html>proxy</html>")
        self.assertRaises(exceptions.InvalidResponse, self.client.get_server_diagnostics, S1)
        self.assertRaises(exceptions.InvalidResponse, self.client.server_ips, S1)


class TestMetadata(utils.ComputeTestCase):
    def test_the_metadata_verbs(self):
        self.stub("GET", BASE + "/metadata", json={"metadata": {"a": "1"}})
        self.stub("POST", BASE + "/metadata", json={"metadata": {"a": "1", "b": "2"}})
        self.stub("PUT", BASE + "/metadata", json={"metadata": {"c": "3"}})
        self.stub("GET", BASE + "/metadata/a", json={"meta": {"a": "1"}})
        self.stub("PUT", BASE + "/metadata/a", json={"meta": {"a": "9"}})
        self.stub("DELETE", BASE + "/metadata/a", status=204)
        self.stub("DELETE", BASE + "/metadata/b", status=204)
        self.assertEqual({"a": "1"}, self.client.get_server_metadata(S1))
        self.assertEqual({"a": "1", "b": "2"}, self.client.set_server_metadata(S1, b="2"))
        self.assertRequest("POST", BASE + "/metadata", json={"metadata": {"b": "2"}})
        self.assertEqual({"c": "3"}, self.client.servers.replace_metadata(S1, {"c": "3"}))
        self.assertRequest("PUT", BASE + "/metadata", json={"metadata": {"c": "3"}})
        self.assertEqual("1", self.client.servers.get_metadata_item(S1, "a"))
        self.client.servers.set_metadata_item(S1, "a", "9")
        self.assertRequest("PUT", BASE + "/metadata/a", json={"meta": {"a": "9"}})
        self.client.delete_server_metadata(S1, ["a", "b"])
        self.assertEqual(2, len(self.requests_to("DELETE", BASE + "/metadata/")))

    def test_values_must_be_strings(self):
        self.assertRaises(exceptions.ValidationError, self.client.set_server_metadata, S1, a=1)
        self.assertEqual([], self.requests_to("POST"))

    def test_over_the_metadata_quota_is_forbidden_with_the_numbers(self):
        text = "Quota exceeded for metadata_items: Requested 129, but already used 0 of 128"
        self.stub("POST", BASE + "/metadata", status=403,
                  json={"forbidden": {"code": 403, "message": text}})  # fmt: skip
        error = self.assertRaises(exceptions.Forbidden, self.client.set_server_metadata, S1, a="b")
        self.assertIn("Requested 129, but already used 0 of 128", str(error))
