"""wait_for_server and wait_for_delete: fail fast on ERROR with the fault and the request id."""

from __future__ import annotations

from stackclient.apiclient import exceptions
from tests.unit.compute import utils

S1 = utils.uuid(1)
URL = utils.NOVA + "/servers/" + S1


def _answer(status, **fields):
    return {"json": {"server": utils.server_body(status=status, **fields)},
            "headers": {"x-openstack-request-id": "req-%s" % status.lower()}}  # fmt: skip


class TestWaitForServer(utils.ComputeTestCase):
    def test_returns_the_fresh_server_when_it_gets_there(self):
        self.requests_mock.get(URL, [_answer("BUILD", progress=10), _answer("ACTIVE")])
        seen = []
        server = self.client.wait_for_server(S1, interval=0, timeout=5, callback=seen.append)
        self.assertEqual("ACTIVE", server.status)
        self.assertEqual([("BUILD", 10), ("ACTIVE", None)], [(p.status, p.progress) for p in seen])

    def test_error_fails_at_once_with_the_fault_and_the_request_id(self):
        fault = {"code": 500, "message": "No valid host was found. ", "created": "2026"}
        self.requests_mock.get(URL, [_answer("BUILD"), _answer("ERROR", fault=fault),
                                     _answer("ACTIVE")])  # fmt: skip
        error = self.assertRaises(exceptions.ResourceFailure, self.client.wait_for_server,
                                  S1, interval=0, timeout=5)  # fmt: skip
        self.assertEqual("No valid host was found.", error.fault)
        self.assertEqual("req-error", error.request_id)
        self.assertEqual("ERROR", error.status)
        self.assertIn("No valid host was found", str(error))
        self.assertIn("req-error", str(error))
        self.assertEqual(2, len(self.requests_to("GET", "/servers/" + S1)))

    def test_a_timeout_names_the_last_status(self):
        self.requests_mock.get(URL, **_answer("BUILD", **{
            "OS-EXT-STS:task_state": "spawning", "OS-EXT-STS:vm_state": "building"}))  # fmt: skip
        error = self.assertRaises(exceptions.WaitTimeout, self.client.wait_for_server,
                                  S1, interval=0, timeout=0)  # fmt: skip
        self.assertIn("BUILD", str(error))
        self.assertIn("task_state spawning, vm_state building", str(error))
        self.assertEqual("BUILD", error.status)
        self.assertIsInstance(error, TimeoutError)

    def test_other_target_statuses(self):
        self.requests_mock.get(URL, [_answer("ACTIVE"), _answer("SHUTOFF")])
        self.assertEqual("SHUTOFF", self.client.wait_for_server(S1, "SHUTOFF", interval=0).status)


class TestWaitForDelete(utils.ComputeTestCase):
    def test_a_server_id_is_waited_for_until_404(self):
        self.requests_mock.get(URL, [_answer("ACTIVE", **{"OS-EXT-STS:task_state": "deleting"}),
                                     {"status_code": 404, "json": {"itemNotFound": {}}}])  # fmt: skip
        self.client.wait_for_delete(S1, interval=0, timeout=5)
        self.assertEqual(2, len(self.requests_to("GET", "/servers/" + S1)))

    def test_a_server_resource_works_too_and_soft_deleted_counts_as_gone(self):
        self.requests_mock.get(URL, [_answer("ACTIVE"), _answer("SOFT_DELETED")])
        server = self.client.get_server(S1)
        self.client.wait_for_delete(server, interval=0, timeout=5)

    def test_error_while_deleting_is_passed_by_default(self):
        fault = {"message": "Build of instance aborted", "code": 500}
        self.requests_mock.get(URL, [_answer("ERROR", fault=fault),
                                     {"status_code": 404, "json": {"itemNotFound": {}}}])  # fmt: skip
        self.client.wait_for_delete(S1, interval=0, timeout=5)

    def test_error_while_deleting_fails_with_the_fault_when_asked(self):
        fault = {"message": "Failed to deallocate network", "code": 500}
        self.requests_mock.get(URL, **_answer("ERROR", fault=fault))
        error = self.assertRaises(exceptions.ResourceFailure, self.client.wait_for_delete,
                                  S1, interval=0, timeout=5, failures=("ERROR",))  # fmt: skip
        self.assertIn("Failed to deallocate network", str(error))
