"""Waiters: reach a status, fail fast with the service's reason, or time out."""

from __future__ import annotations

import testtools

from stackclient.apiclient import exceptions, waiters
from stackclient.apiclient.base import Resource


class FakeClock:
    def __init__(self):
        self.now_value = 100.0
        self.sleeps = []

    def now(self):
        return self.now_value

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now_value += seconds


class ScriptedManager:
    """``get`` returns the next state of a script (an exception is raised)."""

    def __init__(self, *states, request_id="req-9"):
        self.states = list(states)
        self.gets = 0
        self.client = type("C", (), {"last_request_id": request_id})()

    def get(self, ident):
        self.gets += 1
        state = self.states.pop(0) if len(self.states) > 1 else self.states[0]
        if isinstance(state, Exception):
            raise state
        return Resource(self, dict(state, id=ident))


class TestWaitForStatus(testtools.TestCase):
    def setUp(self):
        super().setUp()
        self.fake = FakeClock()
        self.clock = waiters._Clock(self.fake.now, self.fake.sleep)

    def wait(self, manager, status="ACTIVE", **kwargs):
        resource = Resource(manager, {"id": "s1", "status": "BUILD"})
        return waiters.wait_for_status(resource, status, _clock=self.clock, **kwargs)

    def test_returns_the_fresh_resource_once_the_status_is_reached(self):
        manager = ScriptedManager({"status": "BUILD"}, {"status": "active"})
        seen = []
        found = self.wait(manager, interval=5, callback=seen.append)
        self.assertEqual("active", found.status)
        self.assertEqual([5], self.fake.sleeps)
        self.assertEqual(["BUILD", "active"], [p.status for p in seen])

    def test_fails_at_once_on_an_error_status_with_the_fault_and_request_id(self):
        fault = {"message": "No valid host was found.", "code": 500}
        manager = ScriptedManager({"status": "BUILD"}, {"status": "ERROR", "fault": fault})
        error = self.assertRaises(exceptions.ResourceFailure, self.wait, manager)
        self.assertEqual("No valid host was found.", error.fault)
        self.assertEqual("req-9", error.request_id)
        self.assertIn("No valid host was found.", str(error))
        self.assertIn("req-9", str(error))
        self.assertEqual(2, manager.gets)

    def test_a_backups_fail_reason_is_the_fault(self):
        manager = ScriptedManager({"status": "error", "fail_reason": "Service not found."})
        error = self.assertRaises(exceptions.ResourceFailure, self.wait, manager, "available",
                                  failures=("error",))  # fmt: skip
        self.assertEqual("Service not found.", error.fault)

    def test_times_out_on_a_monotonic_deadline(self):
        manager = ScriptedManager({"status": "BUILD", "progress": 40})
        progress = []
        error = self.assertRaises(exceptions.WaitTimeout, self.wait, manager, interval=4,
                                  timeout=10, callback=progress.append)  # fmt: skip
        self.assertIsInstance(error, TimeoutError)
        self.assertEqual([4, 4, 2], self.fake.sleeps)
        self.assertEqual("BUILD", error.status)
        self.assertEqual(40, progress[-1].progress)

    def test_wait_is_another_name_for_timeout(self):
        manager = ScriptedManager({"status": "BUILD"})
        self.assertRaises(exceptions.WaitTimeout, self.wait, manager, interval=1, wait=2)
        self.assertEqual([1, 1], self.fake.sleeps)

    def test_a_resource_without_a_manager_is_refused(self):
        self.assertRaises(exceptions.ValidationError, waiters.wait_for_status,
                          Resource(None, {"id": "x"}), "ACTIVE")  # fmt: skip


class TestWaitWhileStatus(testtools.TestCase):
    def setUp(self):
        super().setUp()
        self.fake = FakeClock()
        self.clock = waiters._Clock(self.fake.now, self.fake.sleep)

    def wait(self, manager, status="BUILD", **kwargs):
        resource = Resource(manager, {"id": "p1", "status": "BUILD"})
        return waiters.wait_while_status(resource, status, _clock=self.clock, **kwargs)

    def test_returns_as_soon_as_the_status_is_another_one(self):
        manager = ScriptedManager({"status": "build"}, {"status": "BUILD"}, {"status": "DOWN"})
        self.assertEqual("DOWN", self.wait(manager, interval=1).status)
        self.assertEqual([1, 1], self.fake.sleeps)

    def test_several_statuses_may_be_waited_out(self):
        manager = ScriptedManager({"status": "BUILD"}, {"status": "PENDING"}, {"status": "UP"})
        self.assertEqual("UP", self.wait(manager, ("BUILD", "PENDING"), interval=1).status)

    def test_leaving_for_a_failure_status_raises_with_the_reason(self):
        manager = ScriptedManager({"status": "ERROR", "status_reason": "binding failed"})
        error = self.assertRaises(exceptions.ResourceFailure, self.wait, manager)
        self.assertIn("binding failed", str(error))
        self.assertIn("other than build", str(error))

    def test_times_out_naming_the_status_it_is_stuck_in(self):
        manager = ScriptedManager({"status": "BUILD"})
        error = self.assertRaises(exceptions.WaitTimeout, self.wait, manager, interval=2,
                                  timeout=3)  # fmt: skip
        self.assertEqual("BUILD", error.status)
        self.assertEqual([2, 1], self.fake.sleeps)


class TestWaitForDelete(testtools.TestCase):
    def setUp(self):
        super().setUp()
        fake = FakeClock()
        self.clock = waiters._Clock(fake.now, fake.sleep)

    def test_a_404_ends_the_wait(self):
        manager = ScriptedManager({"status": "deleting"}, exceptions.NotFound("gone"))
        waiters.wait_for_delete(Resource(manager, {"id": "v1"}), _clock=self.clock)
        self.assertEqual(2, manager.gets)

    def test_a_deleted_status_ends_the_wait(self):
        manager = ScriptedManager({"status": "DELETED"})
        waiters.wait_for_delete(Resource(manager, {"id": "v1"}), _clock=self.clock)

    def test_error_deleting_fails_fast(self):
        manager = ScriptedManager({"status": "error_deleting"})
        self.assertRaises(exceptions.ResourceFailure, waiters.wait_for_delete,
                          Resource(manager, {"id": "v1"}), _clock=self.clock)  # fmt: skip
