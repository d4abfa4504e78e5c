"""Wire tests for domain configs (``/domains/{id}/config``)."""

from __future__ import annotations

from stackclient.apiclient import base, exceptions
from stackclient.v3 import domain_configs
from tests.unit.v3 import utils

_PATH = ["domains", "d1", "config"]


class DomainConfigTests(utils.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.manager = domain_configs.DomainConfigManager(self.client)
        self.config = {"identity": {"driver": "ldap"}, "ldap": {"url": "ldap://x"}}

    def test_create_puts_the_whole_config(self) -> None:
        self.stub_url("PUT", _PATH, json={"config": self.config}, status_code=201)
        conf = self.manager.create(base.Resource(None, {"id": "d1"}), self.config)
        self.assertIsInstance(conf, domain_configs.DomainConfig)
        self.assertEqual({"driver": "ldap"}, conf.identity)
        self.assertRequestIs("PUT", _PATH)
        self.assertRequestBodyIs(json={"config": self.config})

    def test_get(self) -> None:
        self.stub_url("GET", _PATH, json={"config": self.config})
        self.assertEqual({"url": "ldap://x"}, self.manager.get("d1").ldap)
        self.assertRequestIs("GET", _PATH)

    def test_update_patches(self) -> None:
        change = {"ldap": {"user_tree_dn": "ou=Users"}}
        merged = {
            "identity": {"driver": "ldap"},
            "ldap": {"url": "ldap://x", "user_tree_dn": "ou=Users"},
        }
        self.stub_url("PATCH", _PATH, json={"config": merged})
        conf = self.manager.update("d1", change)
        self.assertEqual("ou=Users", conf.ldap["user_tree_dn"])
        self.assertRequestIs("PATCH", _PATH)
        self.assertRequestBodyIs(json={"config": change})

    def test_delete(self) -> None:
        self.stub_url("DELETE", _PATH, status_code=204)
        self.manager.delete("d1")
        self.assertRequestIs("DELETE", _PATH)

    def test_build_url_escapes(self) -> None:
        self.assertEqual("/domains/a%2Fb/config", self.manager.build_url("a/b"))

    def test_bad_input_is_refused_before_sending(self) -> None:
        self.assertRaises(exceptions.ValidationError, self.manager.get, None)
        self.assertRaises(exceptions.ValidationError, self.manager.create, "d1", {})
        self.assertRaises(exceptions.ValidationError, self.manager.update, "d1", "identity")
        self.assertEqual([], self.request_history())

    def test_refused_config_is_not_echoed(self) -> None:
        as_text = '{"ldap": {"password": "LDAP-SECRET"}}'
        err = self.assertRaises(exceptions.ValidationError, self.manager.create, "d1", as_text)
        self.assertNotIn("LDAP-SECRET", str(err))
        self.assertIn("got a str", str(err))
        self.assertEqual([], self.request_history())

    def test_list_and_find_are_refused(self) -> None:
        self.assertRaises(exceptions.ClientException, self.manager.list)
        self.assertRaises(exceptions.ClientException, self.manager.find, name="x")
