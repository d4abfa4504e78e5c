"""Service-type aliases, and the catalog finding a service under any of them."""

from __future__ import annotations

import testtools

from stackclient import service_catalog, service_types
from tests.unit import service_utils


class TestServiceTypes(testtools.TestCase):
    def test_aliases_resolve_to_the_official_type(self):
        for alias in ("volumev3", "volume", "block_storage", "block-storage"):
            self.assertEqual("block-storage", service_types.official(alias))
        self.assertEqual("object-store", service_types.official("object_store"))
        self.assertEqual("orchestration", service_types.official("orchestration"))

    def test_all_types_lists_the_official_type_first(self):
        self.assertEqual("block-storage", service_types.all_types("volume")[0])
        self.assertIn("volumev3", service_types.all_types("block-storage"))
        self.assertEqual(("unheard-of",), service_types.all_types("unheard-of"))

    def test_python_names(self):
        self.assertEqual("object_store", service_types.python_name("object-store"))
        self.assertEqual("block_storage", service_types.python_name("volumev3"))


class TestCatalogAliases(testtools.TestCase):
    def catalog(self, *types):
        token = service_utils.token_body()
        token.remove_service("volumev3")
        for service_type in types:
            url = "http://%s.test/v3" % service_type
            token.add_service(service_type).add_standard_endpoints(public=url, region="RegionOne")
        return service_catalog.ServiceCatalog.from_token_body(token)

    def test_the_official_type_finds_an_alias(self):
        catalog = self.catalog("volumev3")
        self.assertEqual("http://volumev3.test/v3", catalog.url_for(service_type="block-storage"))

    def test_an_exact_match_wins_and_the_preferred_alias_comes_next(self):
        catalog = self.catalog("volume", "volumev3", "block-storage")
        self.assertEqual("http://volume.test/v3", catalog.url_for(service_type="volume"))
        self.assertEqual("http://block-storage.test/v3", catalog.url_for(service_type="volumev2"))
        catalog = self.catalog("volume", "volumev3")
        self.assertEqual("http://volumev3.test/v3", catalog.url_for(service_type="block-storage"))
