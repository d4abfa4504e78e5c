"""Item 3: the service catalog as keystoneclient users read it.

The catalogs are those of tokens validated over the session
(``keystone.tokens.validate(...)``), as a service validating its users'
tokens reads them, and the client's own (``keystone.service_catalog``).
"""

from __future__ import annotations

import typing as _t

from stackclient import exceptions

from .base import (
    ADMIN_V2,
    IMAGE_NORTH,
    IMAGE_SOUTH,
    PUBLIC_V3,
    TOKEN_ID,
    CompatCase,
    KeystoneauthSessions,
    StackclientSessions,
    v2_token,
    v3_token,
)

VALIDATED = "gAAAAA-validated-" + "d" * 32


class _CatalogShapes:
    def validated(self, token: _t.Any, **client_kwargs: _t.Any) -> _t.Any:
        """Validate VALIDATED over the session (the answer is ``token``); return its catalog."""
        keystone = self.v3_client(**client_kwargs)
        self.requests_mock.get(
            PUBLIC_V3 + "/auth/tokens", json=token, headers={"X-Subject-Token": VALIDATED}
        )
        ref = keystone.tokens.validate(VALIDATED)
        sent = self.requests_mock.last_request
        self.assertEqual(
            (VALIDATED, TOKEN_ID), (sent.headers["X-Subject-Token"], sent.headers["X-Auth-Token"])
        )
        return ref.service_catalog

    def test_url_for_with_attr_and_filter_value(self) -> None:
        catalog = self.validated(v3_token())
        self.assertEqual(IMAGE_SOUTH, catalog.url_for("region", "South", service_type="image"))
        self.assertEqual(
            IMAGE_NORTH,
            catalog.url_for(attr="region", filter_value="North", service_type="image"),
        )
        self.assertRaises(
            exceptions.EndpointNotFound, catalog.url_for, "region", "West", service_type="image"
        )

    def test_get_urls_is_none_when_nothing_matches(self) -> None:
        catalog = self.validated(v3_token())
        self.assertEqual(
            (IMAGE_SOUTH,), catalog.get_urls(service_type="image", region_name="South")
        )
        self.assertIsNone(catalog.get_urls(service_type="image", region_name="West"))
        self.assertIsNone(catalog.get_urls(service_type="network"))

    def test_unscoped_token_raises_empty_catalog(self) -> None:
        catalog = self.validated(v3_token(scoped=False))
        self.assertNotIn("catalog", catalog.catalog)
        try:
            catalog.url_for(service_type="image")
        except exceptions.EndpointNotFound as error:  # keystoneclient users catch either
            self.assertIsInstance(error, exceptions.EmptyCatalog)
        else:
            self.fail("url_for on an empty catalog did not raise")

    def test_catalog_attribute_is_the_token_body(self) -> None:
        token = v3_token()
        catalog = self.validated(token)
        self.assertIn("catalog", catalog.catalog)
        self.assertEqual(token.user_id, catalog.catalog["user"]["id"])

    def test_v2_get_endpoints_gives_catalog_endpoints(self) -> None:
        token = v2_token()
        keystone = self.v2_client()
        self.requests_mock.get(ADMIN_V2 + "/tokens/" + VALIDATED, json=token)
        catalog = keystone.tokens.validate_access_info(VALIDATED).service_catalog
        self.assertEqual(ADMIN_V2 + "/tokens/" + VALIDATED, self.requests_mock.last_request.url)
        raw = token["access"]["serviceCatalog"][1]["endpoints"]
        self.assertEqual({"compute": raw}, catalog.get_endpoints(service_type="compute"))
        west = catalog.get_endpoints(service_type="compute", region_name="West")
        self.assertEqual({"compute": []}, west)
        self.assertIsNone(catalog.get_urls(service_type="compute", region_name="West"))


class CatalogOverStackclient(StackclientSessions, _CatalogShapes, CompatCase):
    def test_client_region_name_is_the_catalogs_default(self) -> None:
        for region, expected in (("North", IMAGE_NORTH), ("South", IMAGE_SOUTH)):
            keystone = self.v3_client(region_name=region)
            self.assertEqual(expected, keystone.service_catalog.url_for(service_type="image"))


class CatalogOverKeystoneauth(KeystoneauthSessions, _CatalogShapes, CompatCase):
    def test_client_catalog_is_the_session_plugins(self) -> None:
        # keystoneclient's session clients had no catalog of their own (None);
        # here it is keystoneauth1's, and the client's region does not break it.
        keystone = self.v3_client(region_name="South")
        catalog = keystone.service_catalog
        self.assertTrue(type(catalog).__module__.startswith("keystoneauth1"))
        self.assertIn(IMAGE_SOUTH, catalog.get_urls(service_type="image"))
