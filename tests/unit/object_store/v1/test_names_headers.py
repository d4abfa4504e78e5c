"""Names are refused before sending; metadata and header values go out as Swift expects."""

from __future__ import annotations

import testtools

from stackclient.apiclient import exceptions
from stackclient.object_store.v1 import _headers, _names


class NamesTest(testtools.TestCase):
    def test_paths_are_quoted_and_object_slashes_kept(self):
        self.assertEqual("/my%20c", _names.container_path("my c"))
        self.assertEqual("/c/a/b%20c/%C3%BC%3F", _names.object_path("c", "a/b c/ü?"))

    def test_a_resource_gives_its_name(self):
        class Named:
            name = "backups"

        self.assertEqual("/backups", _names.container_path(Named()))

    def test_refused_container_names(self):
        for bad, says in (
            ("", "empty"),
            ("a/b", "'/'"),
            ("a\x00b", "NUL"),
            ("x" * 257, "257 bytes"),
            ("é" * 129, "258 bytes"),
            ("\ud800", "surrogate"),
            (None, "string"),
            (b"\xff", "UTF-8"),
            ("..", "'..'"),
        ):
            error = self.assertRaises(exceptions.ValidationError, _names.check_container, bad)
            self.assertIn(says, str(error), repr(bad))

    def test_refused_object_names(self):
        for bad, says in (
            ("", "empty"),
            ("a\x00", "NUL"),
            ("o" * 1025, "1025 bytes"),
            ("a/../b", "'..'"),
            (".", "'.'"),
            ("x/.", "'.'"),
        ):
            error = self.assertRaises(exceptions.ValidationError, _names.check_object, bad)
            self.assertIn(says, str(error))

    def test_allowed_object_names(self):
        for good in ("a..b/...", ".hidden", "a//b", "o" * 1024, "ünï cøde", b"bytes-name"):
            _names.check_object(good)


class HeadersTest(testtools.TestCase):
    def test_metadata_headers_set_and_remove(self):
        sent = _headers.metadata_headers("Object", {"color": "blue", "gone": None, "n": 3})
        self.assertEqual(
            {
                "X-Object-Meta-color": "blue",
                "X-Remove-Object-Meta-gone": "x",
                "X-Object-Meta-n": "3",
            },
            sent,
        )

    def test_non_ascii_values_go_out_as_utf8_bytes(self):
        sent = _headers.metadata_headers("Container", {"owner": "Zoë"})
        self.assertEqual("Zoë".encode(), sent["X-Container-Meta-owner"])

    def test_line_breaks_are_refused_before_sending(self):
        error = self.assertRaises(
            exceptions.ValidationError, _headers.metadata_headers, "Object", {"a": "x\r\nEvil: 1"}
        )
        self.assertIn("line break", str(error))

    def test_bad_keys_and_long_values_are_refused(self):
        for meta in ({"": "x"}, {" k": "x"}, {"k" * 129: "x"}, {"k": "v" * 257}, {"k": object()}):
            self.assertRaises(
                exceptions.ValidationError, _headers.metadata_headers, "Object", meta
            )

    def test_metadata_read_back_with_lower_case_keys_and_utf8_text(self):
        headers = {"X-Object-Meta-Owner": "Zoë".encode().decode("latin-1"), "Etag": "x"}
        self.assertEqual({"owner": "Zoë"}, _headers.metadata(headers, "object"))

    def test_small_readers(self):
        self.assertEqual(
            (3, None, None), (_headers.as_int("3"), _headers.as_int("x"), _headers.as_int(None))
        )
        self.assertEqual([True, True, False], [_headers.as_bool(v) for v in ("True", "yes", None)])
        self.assertEqual("abc", _headers.unquote_etag('"abc"'))
