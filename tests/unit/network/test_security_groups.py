"""Security groups and rules on the wire."""

from __future__ import annotations

from stackclient.apiclient import exceptions
from tests.unit.network import utils

GID = utils.uuid(4)
GROUP = {"id": GID, "name": "web", "security_group_rules": []}
RULE = {"id": utils.uuid(8), "security_group_id": GID, "direction": "ingress"}
RULE_ATTRS = {"security_group_id": GID, "direction": "ingress", "ethertype": "IPv4",
              "protocol": "tcp", "port_range_min": 80, "port_range_max": 80}  # fmt: skip


class TestSecurityGroups(utils.NetworkTestCase):
    def test_groups_live_at_security_groups_with_a_dash(self):
        self.stub("GET", "/security-groups", json={"security_groups": [GROUP]})
        self.assertEqual(GID, self.client.find_security_group("web").id)
        self.assertRequest("GET", "/security-groups", query={"name": ["web"]})

    def test_create_update_delete(self):
        self.stub("POST", "/security-groups", json={"security_group": GROUP}, status=201)
        self.stub("PUT", "/security-groups/" + GID, json={"security_group": GROUP})
        self.stub("DELETE", "/security-groups/" + GID, status=204)
        group = self.client.create_security_group(name="web", description="HTTP")
        self.assertRequest("POST", "/security-groups",
                           json={"security_group": {"name": "web", "description": "HTTP"}})  # fmt: skip
        self.client.update_security_group(group, description="HTTPS")
        self.assertRequest("PUT", "/security-groups/" + GID,
                           json={"security_group": {"description": "HTTPS"}})  # fmt: skip
        self.client.delete_security_group(group)
        self.assertRequest("DELETE", "/security-groups/" + GID)

    def test_find_or_create_creates_when_missing(self):
        self.requests_mock.get(utils.NET + "/security-groups", [
            {"json": {"security_groups": []}}, {"json": {"security_groups": [GROUP]}}])  # fmt: skip
        self.stub("POST", "/security-groups", json={"security_group": GROUP}, status=201)
        self.client.security_groups.twin_settle = 0
        self.assertEqual(GID, self.client.find_or_create_security_group("web").id)
        self.assertEqual(1, len(self.requests_to("POST", "/security-groups")))


class TestRules(utils.NetworkTestCase):
    def test_create_one_and_several_in_one_post(self):
        self.stub("POST", "/security-group-rules", json={"security_group_rule": RULE},
                  status=201)  # fmt: skip
        self.client.create_security_group_rule(**RULE_ATTRS)
        self.assertRequest("POST", "/security-group-rules",
                           json={"security_group_rule": RULE_ATTRS})  # fmt: skip
        self.stub("POST", "/security-group-rules", json={"security_group_rules": [RULE, RULE]},
                  status=201)  # fmt: skip
        made = self.client.create_security_group_rules(
            [RULE_ATTRS, dict(RULE_ATTRS, port_range_min=443)]
        )
        self.assertEqual(2, len(made))
        self.assertEqual(2, len(self.requests_mock.last_request.json()["security_group_rules"]))

    def test_a_duplicate_rule_is_a_conflict_with_neutrons_message(self):
        text = "Security group rule already exists. Rule id is %s." % RULE["id"]
        self.stub("POST", "/security-group-rules", status=409, json={
            "NeutronError": {"type": "SecurityGroupRuleExists", "message": text}})  # fmt: skip
        error = self.assertRaises(exceptions.Conflict, self.client.create_security_group_rule,
                                  **RULE_ATTRS)  # fmt: skip
        self.assertIn(text, str(error))

    def test_rules_are_found_by_id_only_and_never_updated(self):
        self.stub("GET", "/security-group-rules/" + RULE["id"], json={"security_group_rule": RULE})
        self.assertEqual(RULE["id"], self.client.find_security_group_rule(RULE["id"]).id)
        self.assertIsNone(self.client.find_security_group_rule("ssh"))
        self.assertEqual(1, len(self.requests_to("GET", "/security-group-rules")))
        self.assertRaises(exceptions.MethodNotImplemented,
                          self.client.security_group_rules.update, RULE["id"], direction="egress")  # fmt: skip

    def test_list_by_group_and_delete(self):
        self.stub("GET", "/security-group-rules", json={"security_group_rules": [RULE]})
        self.stub("DELETE", "/security-group-rules/" + RULE["id"], status=204)
        self.assertEqual(1, len(list(self.client.security_group_rules(security_group_id=GID))))
        self.assertRequest("GET", "/security-group-rules", query={"security_group_id": [GID]})
        self.client.delete_security_group_rule(RULE["id"])
        self.assertRequest("DELETE", "/security-group-rules/" + RULE["id"])


class TestNameSharedByProjects(utils.NetworkTestCase):
    """The command line's lookup: an admin sees every project's ``default`` group."""

    def ctx(self):
        import types

        return types.SimpleNamespace(conn=types.SimpleNamespace(session=self.session))

    def test_the_current_projects_group_is_meant(self):
        from stackclient.shell import _generic
        from tests.unit import service_utils

        mine = dict(GROUP, id=utils.uuid(1), name="default", project_id=service_utils.PROJECT_ID)
        theirs = dict(GROUP, id=utils.uuid(2), name="default", project_id="other")
        self.requests_mock.get(
            utils.NET + "/security-groups?name=default", json={"security_groups": [mine, theirs]}
        )
        self.requests_mock.get(
            utils.NET + "/security-groups?name=default&project_id=" + service_utils.PROJECT_ID,
            json={"security_groups": [mine]},
        )
        found = _generic.find_in_scope(self.ctx(), self.client.security_groups, "default")
        self.assertEqual(mine["id"], found.id)

    def test_without_one_of_the_current_projects_the_ambiguity_is_reported(self):
        from stackclient.shell import _generic

        groups = [dict(GROUP, id=utils.uuid(n), name="default", project_id="p%d" % n)
                  for n in (1, 2)]  # fmt: skip
        self.requests_mock.get(utils.NET + "/security-groups", json={"security_groups": groups})
        error = self.assertRaises(
            exceptions.NoUniqueMatch,
            _generic.find_in_scope,
            self.ctx(),
            self.client.security_groups,
            "default",
        )
        self.assertIn("p1", str(error))
        self.assertIn("p2", str(error))
