"""Temporary URLs, signed as Swift's tempurl middleware checks them.

``_swift_hmac`` restates Swift's ``swift.common.digest.get_hmac`` (HMAC of
``[ip=<range>\\n]<method>\\n<expires>\\n<path>`` with the key); the
functional tests check the same URLs against a real Swift and against
``get_hmac`` itself.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import time
import urllib.parse

import testtools

from stackclient.apiclient import exceptions
from stackclient.object_store.v1 import tempurl
from tests.unit.object_store.v1 import utils

PATH = "/v1/AUTH_abc/cont/dir/ünï cøde.txt"


def _swift_hmac(method, path, expires, key, digest="sha1", ip_range=None):
    parts = [method, str(expires), path]
    formats = [b"%s", b"%s", b"%s"]
    if ip_range:
        parts.insert(0, ip_range)
        formats.insert(0, b"ip=%s")
    message = b"\n".join(fmt % part.encode("utf-8") for fmt, part in zip(formats, parts))
    return hmac.new(key.encode("utf-8"), message, digest).hexdigest()


def _query(url):
    path, _, query = url.partition("?")
    return urllib.parse.unquote(path), dict(urllib.parse.parse_qsl(query, keep_blank_values=True))


class SignatureTest(testtools.TestCase):
    def test_sha256_hex_is_swifts_hmac(self):
        sig = tempurl.signature("k", "GET", 1700000000, PATH)
        self.assertEqual(_swift_hmac("GET", PATH, 1700000000, "k", hashlib.sha256), sig)

    def test_sha1_hex(self):
        sig = tempurl.signature("k", "PUT", 1700000000, PATH, digest="sha1")
        self.assertEqual(_swift_hmac("PUT", PATH, 1700000000, "k", hashlib.sha1), sig)

    def test_sha512_is_prefixed_urlsafe_base64(self):
        sig = tempurl.signature("k", "GET", 1700000000, PATH, digest="sha512")
        raw = bytes.fromhex(_swift_hmac("GET", PATH, 1700000000, "k", hashlib.sha512))
        self.assertEqual("sha512:" + base64.urlsafe_b64encode(raw).decode(), sig)

    def test_ip_range_goes_first(self):
        sig = tempurl.signature("k", "GET", 5, PATH, ip_range="10.0.0.0/8")
        self.assertEqual(_swift_hmac("GET", PATH, 5, "k", hashlib.sha256, "10.0.0.0/8"), sig)

    def test_unknown_digest_refused(self):
        self.assertRaises(
            exceptions.ValidationError, tempurl.signature, "k", "GET", 1, PATH, digest="md5"
        )


class GenerateTest(testtools.TestCase):
    def test_url_signs_the_unquoted_path_and_quotes_it(self):
        url = tempurl.generate_temp_url(PATH, "k", expires_at=1700000000)
        path, query = _query(url)
        self.assertEqual(PATH, path)
        self.assertTrue(url.startswith("/v1/AUTH_abc/cont/dir/%C3%BCn%C3%AF%20c%C3%B8de.txt?"))
        self.assertEqual(
            {
                "temp_url_sig": _swift_hmac("GET", PATH, 1700000000, "k", hashlib.sha256),
                "temp_url_expires": "1700000000",
            },
            query,
        )

    def test_expires_in_counts_from_now(self):
        before = int(time.time())
        _, query = _query(tempurl.generate_temp_url(PATH, "k", expires_in=60))
        self.assertIn(int(query["temp_url_expires"]) - before, (60, 61))

    def test_aware_datetime_and_iso8601_output(self):
        when = datetime.datetime(2030, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
        _, query = _query(tempurl.generate_temp_url(PATH, "k", expires_at=when, iso8601=True))
        self.assertEqual("2030-01-02T03:04:05Z", query["temp_url_expires"])
        epoch = int(when.timestamp())
        self.assertEqual(
            _swift_hmac("GET", PATH, epoch, "k", hashlib.sha256), query["temp_url_sig"]
        )

    def test_prefix_signs_prefix_path_and_names_the_prefix(self):
        url = tempurl.generate_temp_url("/v1/AUTH_abc/cont/logs/", "k", expires_at=9, prefix=True)
        _, query = _query(url)
        self.assertEqual("logs/", query["temp_url_prefix"])
        expected = _swift_hmac("GET", "prefix:/v1/AUTH_abc/cont/logs/", 9, "k", hashlib.sha256)
        self.assertEqual(expected, query["temp_url_sig"])

    def test_ip_range_filename_inline(self):
        url = tempurl.generate_temp_url(
            PATH,
            "k",
            expires_at=9,
            ip_range="1.2.3.4",
            filename="a b.txt",
            inline=True,
            method="head",
        )
        _, query = _query(url)
        self.assertEqual(
            ("1.2.3.4", "a b.txt", ""),
            (query["temp_url_ip_range"], query["filename"], query["inline"]),
        )
        self.assertEqual(
            _swift_hmac("HEAD", PATH, 9, "k", hashlib.sha256, "1.2.3.4"), query["temp_url_sig"]
        )

    def test_bad_arguments(self):
        bad = (
            {"expires_in": 10, "expires_at": 10},
            {},
            {"expires_in": -1},
            {"expires_at": datetime.datetime(2030, 1, 1)},
            {"expires_at": "tomorrow"},
            {"expires_in": 10, "method": "PATCH"},
        )
        for kwargs in bad:
            self.assertRaises(
                exceptions.ValidationError, tempurl.generate_temp_url, PATH, "k", **kwargs
            )
        self.assertRaises(
            exceptions.ValidationError, tempurl.generate_temp_url, "/v1/a", "k", expires_in=1
        )


class ClientTempUrlTest(utils.ObjectStoreTestCase):
    def test_the_account_key_is_read_and_the_url_is_absolute(self):
        self.client.account.set_temp_url_key("s3cret")
        url = self.client.temp_url("cont", "o bj", expires_at=100)
        account = self.swift.account_path
        self.assertTrue(url.startswith("http://swift.test:8080%s/cont/o%%20bj?" % account))
        _, query = _query(url)
        path = "%s/cont/o bj" % account
        self.assertEqual(
            _swift_hmac("GET", path, 100, "s3cret", hashlib.sha256), query["temp_url_sig"]
        )
        self.assertEqual("POST", self.sent()[-2].method)
        self.assertEqual("s3cret", self.sent()[-2].headers["X-Account-Meta-temp-url-key"])

    def test_a_given_key_needs_no_request(self):
        self.client.temp_url("c", "o", expires_in=10, key="k")
        self.assertEqual([], self.sent())

    def test_no_key_says_how_to_set_one(self):
        error = self.assertRaises(
            exceptions.ValidationError, self.client.temp_url, "c", "o", expires_in=5
        )
        self.assertIn("set_temp_url_key", str(error))
