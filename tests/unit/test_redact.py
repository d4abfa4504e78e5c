"""Redaction of secrets before anything reaches the debug log."""

from __future__ import annotations

import hashlib
import json

import testtools

from stackclient import _redact


class TestHeaders(testtools.TestCase):
    def test_sensitive_headers_are_hashed(self):
        digest = "{SHA256}" + hashlib.sha256(b"tok").hexdigest()[:16]
        for name in (
            "X-Auth-Token",
            "x-subject-token",
            "X-Service-Token",
            "Authorization",
            "Proxy-Authorization",
            "Cookie",
            "Set-Cookie",
            "X-Account-Meta-Temp-URL-Key",
            "X-Account-Meta-Temp-Url-Key-2",
            "X-Container-Meta-Temp-URL-Key",
            "x-container-meta-temp-url-key-2",
        ):
            self.assertEqual(digest, _redact.header_value(name, "tok"), name)

    def test_same_value_same_hash(self):
        self.assertEqual(
            _redact.header_value("X-Auth-Token", b"abc"),
            _redact.header_value("X-Subject-Token", "abc"),
        )

    def test_other_headers_are_kept(self):
        self.assertEqual(
            [("Accept", "application/json"), ("X-Auth-Token", _redact.hash_secret("t"))],
            _redact.headers({"Accept": "application/json", "X-Auth-Token": "t"}),
        )


class TestJson(testtools.TestCase):
    def test_secret_keys(self):
        body = {
            "password": "p1",
            "new_password": "p2",
            "original_password": "p3",
            "adminPass": "p4",
            "passwd": "p5",
            "secret": "s",
            "auth_token": "t1",
            "subject_token": "t2",
            "private_key": "k",
            "fernet_keys": ["f1", "f2"],
            "blob": '{"access": "a", "secret": "s2"}',
            "passcode": "123456",
        }
        redacted = _redact.json_value(body)
        self.assertEqual({_redact.MASK}, {v for v in redacted.values() if isinstance(v, str)})
        self.assertEqual([_redact.MASK, _redact.MASK], redacted["fernet_keys"])

    def test_ordinary_keys_kept(self):
        body = {
            "name": "ann",
            "password_expires_at": "2030-01-01",
            "methods": ["password", "token"],
            "id": "u1",
            "enabled": True,
        }
        self.assertEqual(body, _redact.json_value(body))

    def test_v2_token_id_masked_and_rest_kept(self):
        body = {"access": {"token": {"id": "T", "expires": "E", "tenant": {"id": "p1"}}}}
        self.assertEqual(
            {"access": {"token": {"id": "***", "expires": "E", "tenant": {"id": "p1"}}}},
            _redact.json_value(body),
        )

    def test_nested_password_method(self):
        body = {
            "auth": {
                "identity": {
                    "methods": ["password"],
                    "password": {"user": {"id": "u1", "password": "P"}},
                }
            }
        }
        redacted = _redact.json_value(body)
        self.assertEqual(
            {"user": {"id": "u1", "password": "***"}}, redacted["auth"]["identity"]["password"]
        )

    def test_input_not_changed(self):
        body = {"token": {"id": "T"}, "items": [{"secret": "S"}]}
        _redact.json_value(body)
        self.assertEqual({"token": {"id": "T"}, "items": [{"secret": "S"}]}, body)

    def test_null_and_bool_kept(self):
        self.assertEqual(
            {"token": None, "secret": False}, _redact.json_value({"token": None, "secret": False})
        )


class TestText(testtools.TestCase):
    def test_json_text(self):
        text = _redact.text('{"credential": {"access": "a", "secret": "S3"}}', "application/json")
        self.assertEqual({"credential": {"access": "a", "secret": "***"}}, json.loads(text))

    def test_json_detected_without_content_type(self):
        self.assertNotIn("S3", _redact.text(' [{"secret": "S3"}]'))

    def test_broken_json_falls_back_to_masking(self):
        text = _redact.text('{"password": "S3", ', "application/json")
        self.assertNotIn("S3", text)

    def test_form_body(self):
        text = _redact.text("user=u&password=S3&x=1", "application/x-www-form-urlencoded")
        self.assertEqual("user=u&password=***&x=1", text)

    def test_plain_text(self):
        self.assertNotIn("S3", _redact.text("the password = S3 was wrong", "text/plain"))


class TestUrl(testtools.TestCase):
    def test_without_query_unchanged(self):
        url = "http://h:5000/v3/users"
        self.assertIs(url, _redact.url(url))

    def test_query_secrets(self):
        self.assertEqual(
            "http://h/v1/o?temp_url_sig=***&temp_url_expires=1&token=***",
            _redact.url("http://h/v1/o?temp_url_sig=abc&temp_url_expires=1&token=T"),
        )

    def test_query_without_secrets_unchanged(self):
        url = "http://h/v3/users?name=a%20b&limit=2"
        self.assertEqual(url, _redact.url(url))

    def test_user_info(self):
        self.assertEqual("http://ann:***@h/v3", _redact.url("http://ann:S3@h/v3"))

    def test_token_id_in_path_is_hashed(self):
        for url in ("http://h/v2.0/tokens/tok-123", "http://h/v2.0/tokens/tok-123/endpoints"):
            redacted = _redact.url(url)
            self.assertNotIn("tok-123", redacted)
            self.assertIn("/tokens/" + _redact.hash_secret("tok-123"), redacted)
        self.assertTrue(_redact.url("http://h/v2.0/tokens/t/endpoints").endswith("/endpoints"))

    def test_token_paths_without_an_id_are_kept(self):
        for url in ("http://h/v3/auth/tokens", "http://h/v3/auth/tokens/OS-PKI/revoked"):
            self.assertEqual(url, _redact.url(url))


class TestMessage(testtools.TestCase):
    def test_echoed_password_is_masked(self):
        text = "Invalid input for field 'password': 'hunter2hunter2' is too long"
        self.assertNotIn("hunter2hunter2", _redact.message(text))

    def test_echoed_blob_secret_is_masked(self):
        text = 'Invalid input for field \'blob\': {"access": "a", "secret": "s3cr3t"}'
        self.assertNotIn("s3cr3t", _redact.message(text))

    def test_ordinary_message_is_the_same_object(self):
        text = "Could not find project: abc."
        self.assertIs(text, _redact.message(text))


class TestSecretKey(testtools.TestCase):
    def test_keys(self):
        for key in ("Password", "X_Auth_Token", "client_secret", "oauth_token_secret", "fernet"):
            self.assertTrue(_redact.is_secret_key(key), key)
        for key in ("name", "token_type", "password_expires_at", "access", "id"):
            self.assertFalse(_redact.is_secret_key(key), key)
