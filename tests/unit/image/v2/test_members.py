"""Image members on the wire: add, accept/reject, list, get, remove."""

from __future__ import annotations

from stackclient.apiclient import exceptions
from stackclient.image.v2 import client
from tests.unit import service_utils

ID = "0b3e8b7e-3c9f-4a53-8a5e-2f1e7c1d9a01"
OTHER = "9d0a3c0f1e2b4c5d8e7f6a5b4c3d2e1f"
MEMBERS = "/images/%s/members" % ID
MEMBER = {"image_id": ID, "member_id": OTHER, "status": "pending",
          "created_at": "2026-01-01T00:00:00Z", "schema": "/v2/schemas/member"}  # fmt: skip


class TestMembers(service_utils.ServiceTestCase):
    client_class = client.Client

    def test_add(self):
        self.stub("POST", MEMBERS, json=MEMBER)
        member = self.client.add_member(ID, OTHER)
        self.assertRequest("POST", MEMBERS, json={"member": OTHER})
        self.assertEqual((OTHER, "pending"), (member.id, member.status))

    def test_list_and_call(self):
        self.stub("GET", MEMBERS, json={"members": [MEMBER], "schema": "/v2/schemas/members"})
        self.assertEqual([OTHER], [m.member_id for m in self.client.members.list(ID)])
        self.assertEqual([OTHER], [m.id for m in self.client.members(ID)])
        self.assertRequest("GET", MEMBERS, query={})

    def test_get(self):
        self.stub("GET", MEMBERS + "/" + OTHER, json=MEMBER)
        self.assertEqual(OTHER, self.client.get_member(OTHER, ID).member_id)

    def test_accept_defaults_to_the_tokens_project(self):
        mine = service_utils.PROJECT_ID
        self.stub(
            "PUT", MEMBERS + "/" + mine, json=dict(MEMBER, member_id=mine, status="accepted")
        )
        self.assertEqual("accepted", self.client.members.accept(ID).status)
        self.assertRequest("PUT", MEMBERS + "/" + mine, json={"status": "accepted"})

    def test_reject_and_update(self):
        self.stub("PUT", MEMBERS + "/" + OTHER, json=dict(MEMBER, status="rejected"))
        self.client.members.reject(ID, OTHER)
        self.assertRequest("PUT", MEMBERS + "/" + OTHER, json={"status": "rejected"})
        self.client.update_member(OTHER, ID, "pending")
        self.assertRequest("PUT", MEMBERS + "/" + OTHER, json={"status": "pending"})

    def test_an_unknown_status_is_refused_before_sending(self):
        self.assertRaises(exceptions.ValidationError, self.client.members.update, ID, OTHER, "ok")

    def test_remove(self):
        self.stub("DELETE", MEMBERS + "/" + OTHER, status=204)
        self.client.remove_member(OTHER, ID)
        self.assertRequest("DELETE", MEMBERS + "/" + OTHER, json=None)

    def test_remove_a_missing_member(self):
        self.stub("DELETE", MEMBERS + "/" + OTHER, status=404, text="404 Not Found")
        self.client.remove_member(OTHER, ID)
        self.assertRaises(exceptions.NotFound, self.client.members.delete, ID, OTHER)

    def test_find_says_members_have_no_names(self):
        self.assertRaises(exceptions.MethodNotImplemented, self.client.members.find, "x")
