"""Tests for AccessInfo (the auth_ref): building, properties, storage."""

from __future__ import annotations

import datetime
import json

import requests
import testtools

from stackclient import _jsonutils, access, fixture
from stackclient.access import _base, _dates, _fields, _shape, _v2, _v3
from stackclient.apiclient import exceptions

_UTC = datetime.timezone.utc

#: Every public property both versions answer.
PROPERTIES = (
    "auth_token",
    "expires",
    "issued",
    "username",
    "user_name",
    "user_id",
    "user_domain_id",
    "user_domain_name",
    "project_id",
    "tenant_id",
    "project_name",
    "tenant_name",
    "project_domain_id",
    "project_domain_name",
    "project_is_domain",
    "domain_id",
    "domain_name",
    "system",
    "system_scoped",
    "trust_id",
    "trust_scoped",
    "trustee_user_id",
    "trustor_user_id",
    "role_ids",
    "role_names",
    "scoped",
    "project_scoped",
    "domain_scoped",
    "version",
    "audit_id",
    "audit_chain_id",
    "application_credential",
    "application_credential_id",
    "is_admin_project",
    "management_url",
    "auth_url",
    "region_name",
    "bind",
    "methods",
    "oauth_access_token_id",
    "oauth_consumer_id",
)


def _response(body: dict, headers: dict | None = None) -> requests.Response:
    resp = requests.Response()
    resp.status_code = 201
    resp._content = _jsonutils.dumps(body)
    resp.headers["Content-Type"] = "application/json"
    resp.headers.update(headers or {})
    return resp


def _v2_token() -> fixture.V2Token:
    token = fixture.V2Token(
        token_id="v2-token-id",
        expires="2030-01-01T12:00:00Z",
        issued="2030-01-01T11:00:00.123456Z",
        tenant_id="t1",
        tenant_name="demo",
        user_id="u1",
        user_name="alice",
        audit_id="a1",
        audit_chain_id="a0",
    )
    token.add_role(name="member", id="r1")
    token.add_role(name="admin", id="r2")
    identity = token.add_service("identity", name="keystone")
    identity.add_endpoint("http://pub/v2.0", admin="http://adm/v2.0", region="RegionOne")
    identity.add_endpoint("http://pub2/v2.0", admin="http://adm2/v2.0", region="RegionTwo")
    token.add_service("compute", name="nova").add_endpoint("http://nova", region="RegionOne")
    token.set_bind("kerberos", "alice@EXAMPLE")
    return token


def _v3_token() -> fixture.V3Token:
    token = fixture.V3Token(
        expires="2030-01-01T12:00:00.000000Z",
        issued="2030-01-01T11:00:00+00:00",
        user_id="u1",
        user_name="alice",
        user_domain_id="default",
        user_domain_name="Default",
        project_id="p1",
        project_name="demo",
        project_domain_id="d1",
        project_domain_name="Dom",
        audit_id="a1",
        audit_chain_id="a0",
        is_admin_project=False,
        methods=["password", "totp"],
    )
    token.add_role(name="member", id="r1")
    token.add_role(name="reader", id="r2")
    identity = token.add_service("identity", name="keystone")
    identity.add_standard_endpoints(
        public="http://pub/v3", admin="http://adm/v3", internal="http://int/v3", region="RegionOne"
    )
    identity.add_standard_endpoints(public="http://pub2/v3", region="RegionTwo")
    compute = token.add_service("compute", name="nova")
    compute.add_endpoint("public", "http://nova", region="RegionOne")
    token.set_bind("kerberos", "alice@EXAMPLE")
    return token


class TestV2Properties(testtools.TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.ref = access.AccessInfo.factory(body=_v2_token())

    def test_type_and_version(self) -> None:
        self.assertIsInstance(self.ref, access.AccessInfoV2)
        self.assertEqual("v2.0", self.ref.version)
        self.assertEqual("v2.0", self.ref["version"])

    def test_token_and_times(self) -> None:
        ref = self.ref
        self.assertEqual("v2-token-id", ref.auth_token)
        self.assertEqual(datetime.datetime(2030, 1, 1, 12, tzinfo=_UTC), ref.expires)
        self.assertEqual(datetime.datetime(2030, 1, 1, 11, 0, 0, 123456, tzinfo=_UTC), ref.issued)
        self.assertEqual(_UTC, ref.expires.tzinfo)

    def test_user_and_project(self) -> None:
        ref = self.ref
        self.assertEqual(("alice", "alice", "u1"), (ref.username, ref.user_name, ref.user_id))
        self.assertEqual(("default", "Default"), (ref.user_domain_id, ref.user_domain_name))
        self.assertEqual(("t1", "t1"), (ref.project_id, ref.tenant_id))
        self.assertEqual(("demo", "demo"), (ref.project_name, ref.tenant_name))
        self.assertEqual(("default", "Default"), (ref.project_domain_id, ref.project_domain_name))
        self.assertEqual(["r1", "r2"], ref.role_ids)
        self.assertEqual(["member", "admin"], ref.role_names)

    def test_scope(self) -> None:
        ref = self.ref
        self.assertEqual(
            (True, True, False, False, False),
            (
                ref.scoped,
                ref.project_scoped,
                ref.domain_scoped,
                ref.system_scoped,
                ref.trust_scoped,
            ),
        )
        for name in (
            "domain_id",
            "domain_name",
            "system",
            "trust_id",
            "trustee_user_id",
            "trustor_user_id",
            "methods",
            "application_credential",
            "application_credential_id",
            "is_admin_project",
            "project_is_domain",
            "oauth_access_token_id",
            "oauth_consumer_id",
            "region_name",
        ):
            self.assertIsNone(getattr(ref, name), name)

    def test_audit_and_bind(self) -> None:
        self.assertEqual(("a1", "a0"), (self.ref.audit_id, self.ref.audit_chain_id))
        self.assertEqual({"kerberos": "alice@EXAMPLE"}, self.ref.bind)

    def test_catalog(self) -> None:
        ref = self.ref
        self.assertTrue(ref.has_service_catalog())
        self.assertEqual("http://nova", ref.service_catalog.url_for(service_type="compute"))
        self.assertEqual(("http://pub/v2.0", "http://pub2/v2.0"), ref.auth_url)
        self.assertEqual(("http://adm/v2.0", "http://adm2/v2.0"), ref.management_url)

    def test_region_name_narrows_the_compat_urls(self) -> None:
        ref = access.AccessInfo.factory(body=_v2_token(), region_name="RegionTwo")
        self.assertEqual("RegionTwo", ref.region_name)
        self.assertEqual(("http://pub2/v2.0",), ref.auth_url)
        self.assertEqual(("http://adm2/v2.0",), ref.management_url)
        self.assertEqual("http://pub2/v2.0", ref.service_catalog.url_for())

    def test_trust(self) -> None:
        ref = access.create(body=fixture.V2Token(user_id="u1", trust_id="tr"))
        self.assertEqual(("tr", "u1", True), (ref.trust_id, ref.trustee_user_id, ref.trust_scoped))
        self.assertIsNone(ref.trustor_user_id)

    def test_unscoped(self) -> None:
        ref = access.create(body=fixture.V2Token())
        self.assertEqual((False, False), (ref.scoped, ref.project_scoped))
        self.assertIsNone(ref.project_id)
        self.assertIsNone(ref.project_domain_id)
        self.assertFalse(ref.has_service_catalog())
        self.assertIsNone(ref.auth_url)
        self.assertIsNone(ref.management_url)
        self.assertEqual([], ref.role_ids)
        self.assertEqual(0, len(ref.service_catalog))

    def test_pre_grizzly_tenant_on_the_user(self) -> None:
        ref = access.AccessInfo.factory(
            body={
                "access": {
                    "token": {"id": "x", "expires": "2030-01-01T00:00:00Z"},
                    "user": {"id": "u", "username": "bob", "tenantId": "t", "tenantName": "old"},
                }
            }
        )
        self.assertEqual(("t", "old", "bob"), (ref.project_id, ref.project_name, ref.username))

    def test_explicit_auth_token_wins(self) -> None:
        ref = access.AccessInfo.factory(body=_v2_token(), auth_token="other")
        self.assertEqual("other", ref.auth_token)


class TestV3Properties(testtools.TestCase):
    def setUp(self) -> None:
        super().setUp()
        resp = _response(_v3_token(), {"X-Subject-Token": "v3-token-id"})
        self.ref = access.create(resp=resp)

    def test_type_and_version(self) -> None:
        self.assertIsInstance(self.ref, access.AccessInfoV3)
        self.assertEqual("v3", self.ref.version)

    def test_token_and_times(self) -> None:
        ref = self.ref
        self.assertEqual("v3-token-id", ref.auth_token)
        self.assertEqual(datetime.datetime(2030, 1, 1, 12, tzinfo=_UTC), ref.expires)
        self.assertEqual(datetime.datetime(2030, 1, 1, 11, tzinfo=_UTC), ref.issued)

    def test_user_and_project(self) -> None:
        ref = self.ref
        self.assertEqual(("alice", "alice", "u1"), (ref.username, ref.user_name, ref.user_id))
        self.assertEqual(("default", "Default"), (ref.user_domain_id, ref.user_domain_name))
        self.assertEqual(("p1", "p1"), (ref.project_id, ref.tenant_id))
        self.assertEqual(("demo", "demo"), (ref.project_name, ref.tenant_name))
        self.assertEqual(("d1", "Dom"), (ref.project_domain_id, ref.project_domain_name))
        self.assertIs(False, ref.project_is_domain)
        self.assertEqual(["r1", "r2"], ref.role_ids)
        self.assertEqual(["member", "reader"], ref.role_names)

    def test_scope_and_extras(self) -> None:
        ref = self.ref
        self.assertEqual(
            (True, True, False, False, False),
            (
                ref.scoped,
                ref.project_scoped,
                ref.domain_scoped,
                ref.system_scoped,
                ref.trust_scoped,
            ),
        )
        self.assertEqual(["password", "totp"], ref.methods)
        self.assertEqual(("a1", "a0"), (ref.audit_id, ref.audit_chain_id))
        self.assertIs(False, ref.is_admin_project)
        self.assertEqual({"kerberos": "alice@EXAMPLE"}, ref.bind)
        for name in (
            "domain_id",
            "domain_name",
            "system",
            "trust_id",
            "trustee_user_id",
            "trustor_user_id",
            "application_credential",
            "application_credential_id",
            "oauth_access_token_id",
            "oauth_consumer_id",
            "region_name",
        ):
            self.assertIsNone(getattr(ref, name), name)

    def test_catalog(self) -> None:
        ref = self.ref
        self.assertTrue(ref.has_service_catalog())
        self.assertEqual("http://int/v3", ref.service_catalog.url_for(interface="internalURL"))
        self.assertEqual(("http://pub/v3", "http://pub2/v3"), ref.auth_url)
        self.assertEqual(("http://adm/v3",), ref.management_url)

    def test_domain_scope(self) -> None:
        ref = access.create(body=fixture.V3Token(domain_id="d9", domain_name="Nine"))
        self.assertEqual(("d9", "Nine"), (ref.domain_id, ref.domain_name))
        self.assertEqual((True, True, False), (ref.scoped, ref.domain_scoped, ref.project_scoped))
        self.assertIsNone(ref.project_domain_id)

    def test_system_scope(self) -> None:
        ref = access.create(body=fixture.V3Token(system=True))
        self.assertEqual({"all": True}, ref.system)
        self.assertEqual((True, True, False), (ref.system_scoped, ref.scoped, ref.domain_scoped))

    def test_trust_scope(self) -> None:
        token = fixture.V3Token(
            project_id="p", trust_id="tr", trustee_user_id="u2", trustor_user_id="u3"
        )
        ref = access.create(body=token)
        self.assertEqual(
            ("tr", "u2", "u3", True),
            (ref.trust_id, ref.trustee_user_id, ref.trustor_user_id, ref.trust_scoped),
        )

    def test_application_credential_and_oauth(self) -> None:
        token = fixture.V3Token(
            project_id="p",
            application_credential_id="ac",
            oauth_access_token_id="oa",
            oauth_consumer_id="oc",
            methods=["application_credential"],
        )
        ref = access.create(body=token)
        self.assertEqual("ac", ref.application_credential_id)
        self.assertEqual("ac", ref.application_credential["id"])
        self.assertEqual(("oa", "oc"), (ref.oauth_access_token_id, ref.oauth_consumer_id))

    def test_unscoped(self) -> None:
        ref = access.create(body=fixture.V3Token(), auth_token="t")
        self.assertEqual(
            (False, False, False), (ref.scoped, ref.project_scoped, ref.domain_scoped)
        )
        self.assertFalse(ref.has_service_catalog())
        self.assertIsNone(ref.management_url)
        self.assertEqual([], ref.role_names)
        self.assertIsNone(ref.is_admin_project)

    def test_explicit_token_wins_over_header(self) -> None:
        resp = _response(_v3_token(), {"X-Subject-Token": "header"})
        self.assertEqual("given", access.create(resp=resp, auth_token="given").auth_token)

    def test_body_given_with_response_uses_the_header(self) -> None:
        resp = _response({}, {"X-Subject-Token": "header"})
        ref = access.AccessInfo.factory(resp=resp, body=_v3_token())
        self.assertEqual("header", ref.auth_token)

    def test_keystoneclient_constructor(self) -> None:
        ref = access.AccessInfoV3("tok", **_v3_token()["token"])
        self.assertEqual(("tok", "p1", "v3"), (ref.auth_token, ref.project_id, ref.version))


class TestDictBehaviour(testtools.TestCase):
    def test_is_the_inner_body_plus_bookkeeping(self) -> None:
        token = _v3_token()
        ref = access.create(body=token, auth_token="tok")
        self.assertIsInstance(ref, dict)
        self.assertEqual("u1", ref["user"]["id"])
        self.assertEqual(dict(token["token"], version="v3", auth_token="tok"), dict(ref))
        v2 = _v2_token()
        ref2 = access.create(body=v2)
        self.assertEqual(dict(v2["access"], version="v2.0"), dict(ref2))
        self.assertEqual("v2-token-id", ref2["token"]["id"])

    def test_caller_body_is_not_changed(self) -> None:
        token = _v3_token()
        before = json.dumps(token, sort_keys=True)
        access.AccessInfo.factory(body=token, region_name="RegionOne", auth_token="t")
        self.assertEqual(before, json.dumps(token, sort_keys=True))

    def test_repr_and_str_hide_the_token(self) -> None:
        for ref in (
            access.create(body=_v2_token()),
            access.create(body=_v3_token(), auth_token="v3-token-id"),
        ):
            self.assertNotIn("token-id", repr(ref))
            self.assertNotIn("token-id", str(ref))
            self.assertNotIn("token-id", "%s" % (ref,))
            self.assertIn("u1", repr(ref))

    def test_properties_are_read_only(self) -> None:
        ref = access.create(body=_v3_token())
        self.assertRaises(AttributeError, setattr, ref, "user_id", "x")

    def test_auth_token_can_be_set_and_deleted(self) -> None:
        ref = access.create(body=_v3_token(), auth_token="a")
        ref.auth_token = "b"
        self.assertEqual("b", ref["auth_token"])
        del ref.auth_token
        self.assertIsNone(ref.auth_token)

    def test_catalog_is_cached_until_replaced(self) -> None:
        ref = access.create(body=_v3_token())
        first = ref.service_catalog
        self.assertIs(first, ref.service_catalog)
        ref["catalog"] = []
        self.assertIsNot(first, ref.service_catalog)
        self.assertRaises(exceptions.EndpointNotFound, ref.service_catalog.url_for)

    def test_odd_bodies_give_none_not_errors(self) -> None:
        ref = access.AccessInfoV3(
            None, user="not a dict", roles=[1, {"name": "x"}], project=None, audit_ids=[]
        )
        self.assertEqual(
            (None, None, [], ["x"], None, None),
            (
                ref.user_id,
                ref.user_domain_id,
                ref.role_ids,
                ref.role_names,
                ref.project_id,
                ref.audit_id,
            ),
        )
        self.assertFalse(ref.project_scoped)
        self.assertIsNone(ref.expires)
        self.assertFalse(ref.will_expire_soon())
        ref2 = access.AccessInfoV2(token="nope", user={"roles": "x"}, metadata={"roles": [1]})
        self.assertEqual(
            (None, None, [], []),
            (ref2.auth_token, ref2.project_id, ref2.role_names, ref2.role_ids),
        )

    def test_is_valid(self) -> None:
        self.assertTrue(access.AccessInfoV3.is_valid(_v3_token()))
        self.assertFalse(access.AccessInfoV2.is_valid(_v3_token()))
        self.assertTrue(access.AccessInfoV2.is_valid(_v2_token()))
        self.assertTrue(access.AccessInfoV2.is_valid(**dict(access.create(body=_v2_token()))))
        self.assertFalse(access.AccessInfo.is_valid({"nothing": 1}))


class TestConstructionErrors(testtools.TestCase):
    def test_nothing_given(self) -> None:
        self.assertRaises(exceptions.InvalidResponse, access.AccessInfo.factory)
        self.assertRaises(exceptions.InvalidResponse, access.create)

    def test_not_a_token(self) -> None:
        for body in ({}, {"error": {"message": "x"}}, {"access": "x"}):
            error = self.assertRaises(exceptions.InvalidResponse, access.create, body=body)
            self.assertIn("Not a Keystone token body", str(error))
        self.assertRaises(exceptions.InvalidResponse, access.AccessInfo.from_dict, ["x"])

    def test_response_that_is_not_json(self) -> None:
        resp = requests.Response()
        resp.status_code = 201
        resp._content = b"<html>proxy error</html>"
        self.assertRaises(exceptions.InvalidResponse, access.create, resp=resp)


class TestDates(testtools.TestCase):
    def test_keystone_spellings(self) -> None:
        expected = datetime.datetime(2026, 11, 22, 15, 27, 53, tzinfo=_UTC)
        for text in (
            "2026-11-22T15:27:53.000000Z",
            "2026-11-22T15:27:53Z",
            "2026-11-22T15:27:53+00:00",
            "2026-11-22T15:27:53.000Z",
            "2026-11-22T15:27:53",
            "2026-11-22 15:27:53.000000",
            "2026-11-22T17:27:53+02:00",
            "2026-11-22T13:27:53-0200",
        ):
            self.assertEqual(expected, _dates.parse_isotime(text), text)

    def test_fractions_of_any_length(self) -> None:
        self.assertEqual(
            123456, _dates.parse_isotime("2026-11-22T15:27:53.123456789Z").microsecond
        )
        self.assertEqual(500000, _dates.parse_isotime("2026-11-22T15:27:53.5Z").microsecond)

    def test_malformed_expiry_is_a_clear_client_error(self) -> None:
        for bad in (
            "tomorrow",
            "2026-02-30T00:00:00Z",
            "2026-11-22T25:00:00Z",
            "",
            12345,
            # Valid where written, but outside datetime's years once in UTC.
            "9999-12-31T23:00:00-05:00",
            "0001-01-01T00:00:00+05:00",
        ):
            ref = access.AccessInfoV3(None, expires_at=bad)
            error = self.assertRaises(exceptions.InvalidResponse, getattr, ref, "expires")
            self.assertIn("expiry", str(error))
            self.assertIn(repr(bad), str(error))
            self.assertRaises(exceptions.ClientException, ref.will_expire_soon)
        ref2 = access.AccessInfoV2(token={"issued_at": "soon"})
        self.assertRaises(exceptions.InvalidResponse, getattr, ref2, "issued")

    def test_format_is_keystone_v3(self) -> None:
        self.assertEqual(
            "2026-11-22T15:27:53.000000Z",
            _dates.format_isotime(datetime.datetime(2026, 11, 22, 15, 27, 53)),
        )


class TestWillExpireSoon(testtools.TestCase):
    def _ref(self, seconds: float) -> access.AccessInfo:
        expires = datetime.datetime.now(_UTC) + datetime.timedelta(seconds=seconds)
        return access.create(body=fixture.V3Token(expires=expires), auth_token="t")

    def test_default_margin_is_the_named_constant(self) -> None:
        self.assertEqual(30, access.STALE_TOKEN_DURATION)
        margin = access.STALE_TOKEN_DURATION
        self.assertFalse(self._ref(margin + 10).will_expire_soon())
        self.assertTrue(self._ref(margin - 10).will_expire_soon())

    def test_explicit_margin(self) -> None:
        ref = self._ref(300)
        self.assertFalse(ref.will_expire_soon(stale_duration=0))
        self.assertFalse(ref.will_expire_soon(290))
        self.assertTrue(ref.will_expire_soon(310))
        self.assertTrue(ref.will_expire_soon(datetime.timedelta(minutes=6)))

    def test_expired_and_fresh(self) -> None:
        self.assertTrue(self._ref(-5).will_expire_soon(0))
        self.assertFalse(access.create(body=fixture.V2Token()).will_expire_soon())

    def test_parsed_expiry_follows_changes_to_the_dict(self) -> None:
        ref = self._ref(3600)
        self.assertFalse(ref.will_expire_soon())
        ref["expires_at"] = "2000-01-01T00:00:00Z"
        self.assertTrue(ref.will_expire_soon())


class TestStorage(testtools.TestCase):
    def _assert_same(self, original: access.AccessInfo, loaded: access.AccessInfo) -> None:
        self.assertIs(type(original), type(loaded))
        self.assertEqual(original, loaded)
        for name in PROPERTIES:
            self.assertEqual(getattr(original, name), getattr(loaded, name), name)
        for kwargs in (
            {"service_type": "compute"},
            {"interface": "admin"},
            {"service_type": "identity", "region_name": "RegionTwo"},
        ):
            self.assertEqual(
                original.service_catalog.get_urls(**kwargs),
                loaded.service_catalog.get_urls(**kwargs),
            )
        self.assertEqual(
            original.service_catalog.get_endpoints(), loaded.service_catalog.get_endpoints()
        )

    def _refs(self) -> list[access.AccessInfo]:
        return [
            access.AccessInfo.factory(body=_v2_token(), region_name="RegionOne"),
            access.create(resp=_response(_v3_token(), {"X-Subject-Token": "v3-token-id"})),
            access.AccessInfo.factory(
                body=_v3_token(), auth_token="v3-token-id", region_name="RegionTwo"
            ),
        ]

    def test_json_round_trip(self) -> None:
        for ref in self._refs():
            text = ref.to_json()
            self.assertIsInstance(text, str)
            stored = json.loads(text)
            self.assertEqual(ref.version, stored["version"])
            loaded = access.AccessInfo.from_json(text)
            self._assert_same(ref, loaded)
            self.assertEqual(ref.auth_token, loaded.auth_token)
            self.assertIsNotNone(loaded.auth_token)

    def test_region_name_survives(self) -> None:
        ref = access.AccessInfo.factory(body=_v3_token(), region_name="RegionTwo")
        loaded = access.AccessInfo.from_json(ref.to_json())
        self.assertEqual("RegionTwo", loaded.region_name)
        self.assertEqual("http://pub2/v3", loaded.service_catalog.url_for())

    def test_from_json_on_a_subclass_gives_the_stored_version(self) -> None:
        text = access.create(body=_v2_token()).to_json()
        self.assertIsInstance(access.AccessInfoV3.from_json(text), access.AccessInfoV2)

    def test_dict_round_trip_and_keystoneclient_factory(self) -> None:
        for ref in self._refs():
            data = ref.to_dict()
            self.assertIs(dict, type(data))
            self._assert_same(ref, access.AccessInfo.from_dict(data))
            self._assert_same(ref, access.AccessInfo.factory(**data))

    def test_to_dict_is_independent(self) -> None:
        ref = access.create(body=_v3_token())
        data = ref.to_dict()
        data["user"]["id"] = "changed"
        self.assertEqual("u1", ref.user_id)

    def test_bad_stored_text(self) -> None:
        for text in ("not json", "[1, 2]", '{"x": 1}', b"\xff\xfe", None):
            self.assertRaises(exceptions.InvalidResponse, access.AccessInfo.from_json, text)


class TestPublicNames(testtools.TestCase):
    def test_all_matches_the_public_names(self) -> None:
        self.assertEqual(
            {"STALE_TOKEN_DURATION", "AccessInfo", "AccessInfoV2", "AccessInfoV3", "create"},
            set(access.__all__),
        )
        for module in (access, _base, _dates, _fields, _shape, _v2, _v3):
            for name in module.__all__:
                self.assertTrue(hasattr(module, name), (module.__name__, name))
