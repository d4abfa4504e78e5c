"""Wire tests for the v2.0 CertificatesManager."""

from __future__ import annotations

from stackclient.apiclient import exceptions
from stackclient.v2_0 import client
from tests.unit.v2_0 import utils

_PEM = "-----BEGIN CERTIFICATE-----\nMIIB...\n-----END CERTIFICATE-----\n"


class CertificateTests(utils.ClientTestCase):
    def test_ca_certificate_is_fetched_without_a_token(self) -> None:
        self.stub_url("GET", ["certificates", "ca"], text=_PEM)
        self.assertEqual(_PEM, self.client.certificates.get_ca_certificate())
        self.assertRequestIs("GET", ["certificates", "ca"])
        self.assertIsNone(self.last_request.headers.get("X-Auth-Token"))

    def test_signing_certificate(self) -> None:
        self.stub_url("GET", ["certificates", "signing"], text=_PEM)
        self.assertEqual(_PEM, self.client.certificates.get_signing_certificate())
        self.assertRequestIs("GET", ["certificates", "signing"])
        self.assertIsNone(self.last_request.headers.get("X-Auth-Token"))

    def test_removed_from_keystone(self) -> None:
        keystone = client.Client(token="ADMIN", endpoint=utils.ADMIN_URL)
        self.stub_not_found("GET", ["certificates", "ca"])
        self.assertRaises(exceptions.NotFound, keystone.certificates.get_ca_certificate)
