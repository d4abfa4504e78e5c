"""Tests for endpoint selection in stackclient.service_catalog."""

from __future__ import annotations

import typing as _t

import testtools

from stackclient import fixture, service_catalog
from stackclient.apiclient import exceptions
from stackclient.service_catalog import ServiceCatalog, ServiceCatalogV2, ServiceCatalogV3


def _v3_token() -> fixture.V3Token:
    token = fixture.V3Token(project_name="demo")
    token.add_role(name="member")
    identity = token.add_service("identity", name="keystone", id="sid-identity")
    identity.add_endpoint("public", "http://k1-pub/v3", region="RegionOne", id="k1p")
    identity.add_endpoint("internal", "http://k1-int/v3", region="RegionOne", id="k1i")
    identity.add_endpoint("admin", "http://k1-adm/v3", region="RegionOne", id="k1a")
    identity.add_endpoint("public", "http://k2-pub/v3", region="RegionTwo", id="k2p")
    compute = token.add_service("compute", name="nova", id="sid-nova")
    compute.add_endpoint("public", "http://nova-pub", region="RegionOne", id="n1p")
    legacy = token.add_service("compute", name="nova_legacy", id="sid-legacy")
    legacy.add_endpoint("public", "http://legacy-pub", region="RegionOne", id="l1p")
    # Catalogs from before v3.3 have no service names.
    image = token.add_service("image", id="sid-image")
    image.add_endpoint("public", "http://glance-pub", region="RegionOne", id="g1p")
    return token


def _v2_token() -> fixture.V2Token:
    token = fixture.V2Token(tenant_name="demo")
    token.add_role(name="member")
    identity = token.add_service("identity", name="keystone")
    identity.add_endpoint(
        "http://k1-pub/v2.0",
        admin="http://k1-adm/v2.0",
        internal="http://k1-int/v2.0",
        region="RegionOne",
        id="k1",
    )
    identity.add_endpoint("http://k2-pub/v2.0", region="RegionTwo", id="k2")
    token.add_service("compute", name="nova").add_endpoint("http://nova-pub", region="RegionOne")
    token.add_service("compute", name="nova_legacy").add_endpoint(
        "http://legacy-pub", region="RegionOne"
    )
    return token


class _Lookups:
    """Lookups both catalog versions must answer the same way."""

    def make(self, region_name: str | None = None) -> ServiceCatalog:
        raise NotImplementedError

    def test_default_is_public_identity(self) -> None:
        catalog = self.make()
        self.assertIn(
            catalog.url_for(), ("http://k1-pub/%s" % self.ver, "http://k2-pub/%s" % self.ver)
        )
        self.assertEqual("http://k1-pub/%s" % self.ver, catalog.url_for(region_name="RegionOne"))

    def test_every_interface_spelling(self) -> None:
        catalog = self.make(region_name="RegionOne")
        for spelling, host in (
            ("public", "k1-pub"),
            ("publicURL", "k1-pub"),
            ("PUBLIC", "k1-pub"),
            ("internal", "k1-int"),
            ("internalURL", "k1-int"),
            ("admin", "k1-adm"),
            ("adminURL", "k1-adm"),
        ):
            expected = "http://%s/%s" % (host, self.ver)
            self.assertEqual(expected, catalog.url_for(interface=spelling), spelling)
            self.assertEqual(expected, catalog.url_for(endpoint_type=spelling), spelling)

    def test_interface_wins_over_endpoint_type(self) -> None:
        catalog = self.make(region_name="RegionOne")
        self.assertEqual(
            "http://k1-adm/%s" % self.ver,
            catalog.url_for(interface="admin", endpoint_type="publicURL"),
        )

    def test_interface_list_is_an_order_of_preference(self) -> None:
        catalog = self.make(region_name="RegionOne")
        self.assertEqual(
            "http://k1-adm/%s" % self.ver, catalog.url_for(interface=["adminURL", "public"])
        )
        self.assertEqual(
            "http://k1-pub/%s" % self.ver, catalog.url_for(interface=("public", "admin"))
        )
        self.assertEqual(
            ("http://k1-int/%s" % self.ver, "http://k1-pub/%s" % self.ver),
            catalog.get_urls(interface=["internal", "public"]),
        )

    def test_region_filter(self) -> None:
        catalog = self.make()
        self.assertEqual("http://k2-pub/%s" % self.ver, catalog.url_for(region_name="RegionTwo"))
        self.assertEqual(
            ("http://k2-pub/%s" % self.ver,), catalog.get_urls(region_name="RegionTwo")
        )
        self.assertRaises(exceptions.EndpointNotFound, catalog.url_for, region_name="RegionThree")

    def test_default_region_and_override(self) -> None:
        catalog = self.make(region_name="RegionTwo")
        self.assertEqual("RegionTwo", catalog.region_name)
        self.assertEqual("http://k2-pub/%s" % self.ver, catalog.url_for())
        self.assertEqual("http://k1-pub/%s" % self.ver, catalog.url_for(region_name="RegionOne"))

    def test_service_name(self) -> None:
        catalog = self.make()
        self.assertEqual(
            "http://legacy-pub",
            catalog.url_for(service_type="compute", service_name="nova_legacy"),
        )
        self.assertEqual(
            "http://nova-pub", catalog.url_for(service_type="compute", service_name="nova")
        )
        self.assertRaises(
            exceptions.EndpointNotFound,
            catalog.url_for,
            service_type="compute",
            service_name="nope",
        )

    def test_get_urls_lists_every_match_and_is_none_without(self) -> None:
        catalog = self.make()
        self.assertEqual(
            ("http://nova-pub", "http://legacy-pub"), catalog.get_urls(service_type="compute")
        )
        self.assertIsNone(catalog.get_urls(service_type="network"))

    def test_get_endpoints_without_filters_has_every_type(self) -> None:
        endpoints = self.make().get_endpoints()
        self.assertEqual({"identity", "compute"} | self.extra_types, set(endpoints))

    def test_get_endpoints_keeps_types_whose_endpoints_all_miss(self) -> None:
        # keystoneclient's shape: the service matched, none of its endpoints did.
        endpoints = self.make().get_endpoints(service_type="compute", region_name="West")
        self.assertEqual({"compute": []}, endpoints)

    def test_get_endpoints_returns_copies(self) -> None:
        catalog = self.make()
        catalog.get_endpoints(service_type="compute")["compute"][0]["url"] = "http://evil"
        self.assertEqual("http://nova-pub", catalog.url_for(service_type="compute"))

    def test_not_found_says_what_was_asked_and_what_exists(self) -> None:
        catalog = self.make()
        error = self.assertRaises(
            exceptions.EndpointNotFound,
            catalog.url_for,
            service_type="network",
            interface="internalURL",
            region_name="RegionThree",
            service_name="neutron",
        )
        message = str(error)
        self.assertIn(
            "No endpoint for service_type='network', interface='internal', "
            "region_name='RegionThree', service_name='neutron'.",
            message,
        )
        types = ", ".join(sorted({"identity", "compute"} | self.extra_types))
        self.assertIn("The catalog has service types: %s;" % types, message)
        self.assertIn("interfaces: admin, internal, public;", message)
        self.assertIn("regions: RegionOne, RegionTwo", message)
        self.assertIsInstance(error, exceptions.EndpointException)

    def test_empty_catalog_says_so(self) -> None:
        catalog = type(self.make())([])
        error = self.assertRaises(
            exceptions.EndpointNotFound, catalog.url_for, service_type="compute"
        )
        self.assertIn("service_type='compute', interface='public'", str(error))
        self.assertIn("the service catalog is empty", str(error))
        self.assertEqual({}, catalog.get_endpoints())
        self.assertEqual(0, len(catalog))

    def test_lookups_build_the_index_once(self) -> None:
        calls: list[str] = []
        base = type(self.make())

        class Counting(base):  # type: ignore[misc, valid-type]
            def _normalise(self, service: dict[str, _t.Any]) -> _t.Iterator[dict[str, _t.Any]]:
                calls.append(service["type"])
                return super()._normalise(service)

        catalog = Counting(self.make().get_data())
        for _ in range(50):
            catalog.url_for(service_type="compute")
            catalog.get_urls(service_type="identity", interface="admin")
        self.assertEqual(len(self.make().get_data()), len(calls))


class TestServiceCatalogV3(_Lookups, testtools.TestCase):
    ver = "v3"
    extra_types = {"image"}

    def make(self, region_name: str | None = None) -> ServiceCatalog:
        return ServiceCatalogV3(_v3_token()["token"]["catalog"], region_name=region_name)

    def test_service_id_and_endpoint_id(self) -> None:
        catalog = self.make()
        self.assertEqual(
            "http://legacy-pub", catalog.url_for(service_type="compute", service_id="sid-legacy")
        )
        self.assertEqual(
            "http://k1-int/v3", catalog.url_for(endpoint_id="k1i", interface="internal")
        )
        endpoint = catalog.endpoint_data_for(service_type="compute", service_id="sid-nova")
        self.assertEqual(("n1p", "sid-nova"), (endpoint["id"], endpoint["service_id"]))

    def test_interface_list_falls_back_in_order(self) -> None:
        catalog = self.make(region_name="RegionTwo")
        # RegionTwo has no internal or admin identity endpoint: public is next.
        self.assertEqual("http://k2-pub/v3", catalog.url_for(interface=["internal", "public"]))
        self.assertRaises(exceptions.EndpointNotFound, catalog.url_for, interface="admin")

    def test_service_name_filter_skips_services_without_a_name(self) -> None:
        catalog = self.make()
        self.assertEqual(
            "http://glance-pub", catalog.url_for(service_type="image", service_name="glance")
        )

    def test_region_matches_region_id_or_legacy_region(self) -> None:
        catalog = ServiceCatalogV3(
            [
                {
                    "type": "compute",
                    "id": "s",
                    "endpoints": [
                        {
                            "interface": "public",
                            "url": "http://a",
                            "region_id": "r-new",
                            "region": "r-old",
                            "id": "e",
                        },
                        {
                            "interface": "public",
                            "url": "http://b",
                            "region_id": "r-only",
                            "id": "f",
                        },
                    ],
                }
            ]
        )
        self.assertEqual("http://a", catalog.url_for(service_type="compute", region_name="r-new"))
        self.assertEqual("http://a", catalog.url_for(service_type="compute", region_name="r-old"))
        self.assertEqual("http://b", catalog.url_for(service_type="compute", region_name="r-only"))
        only = catalog.get_endpoints(region_name="r-only")["compute"][0]
        self.assertEqual(("r-only", "r-only"), (only["region"], only["region_id"]))

    def test_get_endpoints_groups_normalised_endpoints_by_type(self) -> None:
        catalog = self.make()
        endpoints = catalog.get_endpoints(service_type="identity", region_name="RegionOne")
        self.assertEqual(["identity"], list(endpoints))
        by_interface = {ep["interface"]: ep for ep in endpoints["identity"]}
        self.assertEqual({"public", "internal", "admin"}, set(by_interface))
        admin = by_interface["admin"]
        self.assertEqual("http://k1-adm/v3", admin["url"])
        self.assertEqual(("RegionOne", "RegionOne"), (admin["region"], admin["region_id"]))
        self.assertEqual(("identity", "keystone"), (admin["service_type"], admin["service_name"]))
        for key in ("id", "service_id"):
            self.assertIn(key, admin)

    def test_get_endpoints_filters_by_interface(self) -> None:
        public = self.make().get_endpoints(interface="publicURL")["compute"]
        self.assertEqual({"public"}, {ep["interface"] for ep in public})

    def test_odd_entries_are_skipped_not_fatal(self) -> None:
        catalog = ServiceCatalogV3(
            [
                "not a service",
                {"name": "no type", "endpoints": [{"interface": "public", "url": "http://x"}]},
                {"type": "image", "endpoints": "not a list"},
                {
                    "type": "compute",
                    "endpoints": [
                        None,
                        {"interface": "public"},
                        {"interface": "public", "url": "http://ok"},
                    ],
                },
            ]
        )
        self.assertEqual("http://ok", catalog.url_for(service_type="compute"))
        self.assertEqual({"compute", "image"}, set(catalog.get_endpoints()))
        self.assertEqual([], catalog.get_endpoints()["image"])


class TestServiceCatalogV2(_Lookups, testtools.TestCase):
    ver = "v2.0"
    extra_types: set[str] = set()

    def make(self, region_name: str | None = None) -> ServiceCatalog:
        return ServiceCatalogV2(_v2_token()["access"]["serviceCatalog"], region_name=region_name)

    def test_get_endpoints_gives_the_catalogs_own_endpoints(self) -> None:
        # One dict per catalog endpoint, as keystoneclient returned them.
        catalog = _v2_token()["access"]["serviceCatalog"]
        identity = catalog[0]
        endpoints = ServiceCatalogV2(catalog).get_endpoints(service_type="identity")
        self.assertEqual({"identity": identity["endpoints"]}, endpoints)
        self.assertIsNot(identity["endpoints"][0], endpoints["identity"][0])

    def test_get_endpoints_filters_on_the_v2_url_keys(self) -> None:
        admin = self.make().get_endpoints(service_type="identity", interface="admin")
        self.assertEqual(["k1", "k2"], [ep["id"] for ep in admin["identity"]])
        self.assertEqual("http://k1-adm/v2.0", admin["identity"][0]["adminURL"])
        catalog = ServiceCatalogV2(
            [{"type": "image", "endpoints": [{"publicURL": "http://g"}, {"adminURL": "http://a"}]}]
        )
        self.assertEqual(
            {"image": [{"adminURL": "http://a"}]}, catalog.get_endpoints(interface="adminURL")
        )
        self.assertEqual(
            ["k2"],
            [ep["id"] for ep in self.make().get_endpoints(region_name="RegionTwo")["identity"]],
        )

    def test_missing_urls_are_not_endpoints(self) -> None:
        catalog = ServiceCatalogV2(
            [
                {
                    "type": "image",
                    "name": "glance",
                    "endpoints": [{"publicURL": "http://g", "region": "R"}],
                }
            ]
        )
        self.assertEqual(("http://g",), catalog.get_urls(service_type="image"))
        self.assertRaises(
            exceptions.EndpointNotFound, catalog.url_for, service_type="image", interface="admin"
        )


class TestConstruction(testtools.TestCase):
    def test_from_token_body_picks_the_version(self) -> None:
        v3 = _v3_token()
        v2 = _v2_token()
        for body, cls in (
            (v3, ServiceCatalogV3),
            (v3["token"], ServiceCatalogV3),
            (dict(v3["token"], version="v3"), ServiceCatalogV3),
            (v2, ServiceCatalogV2),
            (v2["access"], ServiceCatalogV2),
            (dict(v2["access"], version="v2.0"), ServiceCatalogV2),
        ):
            catalog = ServiceCatalog.from_token_body(body, region_name="RegionOne")
            self.assertIsInstance(catalog, cls)
            self.assertEqual("RegionOne", catalog.region_name)
            self.assertEqual("http://nova-pub", catalog.url_for(service_type="compute"))

    def test_factory_is_the_keystoneclient_spelling(self) -> None:
        catalog = ServiceCatalog.factory(_v2_token()["access"], token="x", region_name="RegionTwo")
        self.assertIsInstance(catalog, ServiceCatalogV2)
        self.assertEqual("http://k2-pub/v2.0", catalog.url_for())

    def test_unscoped_token_has_an_empty_catalog(self) -> None:
        catalog = ServiceCatalog.from_token_body(fixture.V3Token())
        self.assertIsInstance(catalog, ServiceCatalogV3)
        self.assertEqual([], catalog.get_data())

    def test_not_a_token_body(self) -> None:
        for junk in ({}, {"foo": 1}, [], "text", None):
            self.assertRaises(exceptions.InvalidResponse, ServiceCatalog.from_token_body, junk)

    def test_get_data_is_the_catalog_as_given(self) -> None:
        token = _v3_token()
        catalog = ServiceCatalog.from_token_body(token)
        self.assertIs(token["token"]["catalog"], catalog.get_data())
        self.assertEqual(4, len(catalog))
        self.assertNotIn(token.user_id, repr(catalog))

    def test_all_lists_the_public_names(self) -> None:
        public = {
            name
            for name, value in vars(service_catalog).items()
            if not name.startswith("_")
            and getattr(value, "__module__", service_catalog.__name__) == service_catalog.__name__
            and not isinstance(value, type(_t))
        }
        public.discard("annotations")
        self.assertEqual(public, set(service_catalog.__all__))


class UnusableUrlTest(testtools.TestCase):
    """Finding 1: an endpoint whose url is not a string never escapes as AttributeError."""

    def test_v3_and_v2_endpoints_whose_url_is_not_a_string(self) -> None:
        for url in (123, ["http://x"], {"href": "http://x"}, True):
            v3 = [{"type": "image", "endpoints": [{"interface": "public", "url": url}]}]
            v2 = [{"type": "image", "endpoints": [{"publicURL": url, "adminURL": "http://a"}]}]
            for catalog in (ServiceCatalogV3(v3), ServiceCatalogV2(v2)):
                self.assertRaises(
                    exceptions.EndpointNotFound, catalog.url_for, service_type="image"
                )
                self.assertIsNone(catalog.get_urls(service_type="image"))
        v2 = [{"type": "image", "endpoints": [{"publicURL": 5, "adminURL": "http://a"}]}]
        self.assertEqual(
            "http://a", ServiceCatalogV2(v2).url_for(service_type="image", interface="admin")
        )
