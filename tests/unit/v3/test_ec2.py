"""Wire tests for stackclient.v3.ec2 (OS-EC2 credentials under a user)."""

from __future__ import annotations

from stackclient.apiclient import exceptions
from stackclient.v3 import ec2, projects, users
from tests.unit.v3 import utils


def _pair(**kwargs):
    ref = {
        "access": utils.new_id(),
        "secret": "SECRET-" + utils.new_id(),
        "user_id": "u1",
        "tenant_id": "p1",
        "trust_id": None,
    }
    ref.update(kwargs)
    return ref


class EC2Tests(utils.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.manager = ec2.EC2Manager(self.client)
        self.base = ["users", "u1", "credentials", "OS-EC2"]

    def test_create(self) -> None:
        ref = _pair()
        self.stub_url("POST", self.base, json={"credential": ref}, status_code=201)
        created = self.manager.create(
            users.User(None, {"id": "u1"}), projects.Project(None, {"id": "p1"})
        )
        self.assertRequestIs("POST", self.base)
        self.assertRequestBodyIs(json={"tenant_id": "p1"})
        self.assertIsInstance(created, ec2.EC2)
        self.assertEqual(ref["secret"], created.secret)

    def test_get_and_delete_by_access(self) -> None:
        ref = _pair()
        path = self.base + [ref["access"]]
        self.stub_url("GET", path, json={"credential": ref})
        got = self.manager.get("u1", ref["access"])
        self.assertEqual(ref["access"], got.access)
        self.stub_url("DELETE", path, status_code=204)
        self.manager.delete("u1", got)  # an EC2 resource is named by its access key
        self.assertRequestIs("DELETE", path)

    def test_list(self) -> None:
        refs = [_pair(), _pair()]
        self.stub_url("GET", self.base, json={"credentials": refs})
        listed = self.manager.list("u1")
        self.assertEqual([r["access"] for r in refs], [p.access for p in listed])

    def test_repr_never_shows_the_secret(self) -> None:
        ref = _pair()
        pair = ec2.EC2(None, ref)
        self.assertNotIn(ref["secret"], repr(pair))
        self.assertIn(ref["access"], repr(pair))

    def test_find_needs_a_user(self) -> None:
        self.assertRaises(exceptions.ValidationError, self.manager.find, tenant_id="p1")
        self.assertRaises(exceptions.ValidationError, self.manager.create, None, "p1")
        self.assertEqual([], self.request_history())

    def test_find(self) -> None:
        refs = [_pair(tenant_id="p1"), _pair(tenant_id="p2")]
        self.stub_url("GET", self.base, json={"credentials": refs})
        self.assertEqual(refs[1]["access"], self.manager.find("u1", tenant_id="p2").access)
        self.assertRaises(exceptions.NotFound, self.manager.find, "u1", tenant_id="p3")
        refs.append(_pair(tenant_id="p2"))
        self.stub_url("GET", self.base, json={"credentials": refs})
        self.assertRaises(exceptions.NoUniqueMatch, self.manager.find, "u1", tenant_id="p2")

    def test_find_error_never_shows_a_secret(self) -> None:
        ref = _pair()
        self.stub_url("GET", self.base, json={"credentials": [ref]})
        # The right secret with the wrong project: nothing matches.
        err = self.assertRaises(
            exceptions.NotFound, self.manager.find, "u1", secret=ref["secret"], tenant_id="p9"
        )
        self.assertNotIn(ref["secret"], str(err))
        self.assertIn("secret, tenant_id", str(err))

    def test_unknown_access_raises_not_found(self) -> None:
        self.stub_url("GET", self.base + ["nope"], status_code=404, json={"error": {}})
        self.assertRaises(exceptions.NotFound, self.manager.get, "u1", "nope")
