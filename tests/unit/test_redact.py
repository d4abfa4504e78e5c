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


class TestAnyDepthAnyShape(testtools.TestCase):
    """Findings 2 and 4: deep JSON never recurses; secrets of any type are masked."""

    def test_json_nested_deeper_than_the_recursion_limit(self):
        deep = '{"a":' * 5000 + '{"password": "S3"}' + "}" * 5000
        text = _redact.text(deep, "application/json")
        self.assertNotIn("S3", text)
        self.assertTrue(text.startswith('{"a":{"a":'))
        value = json.loads('{"a":' * 900 + '{"secret": 1}' + "}" * 900)
        masked = _redact.json_value(value)
        for _ in range(900):
            masked = masked["a"]
        self.assertEqual({"secret": _redact.MASK}, masked)

    def test_non_string_secrets(self):
        body = {
            "int": {"password": 12345678},
            "list": {"password": ["abc", "hunter2"]},
            "dict": {"password": {"k": "hunter2"}},
            "nested": {"secret": [{"x": [1.5, "s3cr3t"]}]},
        }
        text = _redact.text(json.dumps(body))
        for leaked in ("12345678", "hunter2", "abc", "s3cr3t", "1.5"):
            self.assertNotIn(leaked, text)
        self.assertEqual(
            {"k": _redact.MASK}, json.loads(text)["dict"]["password"], "structure is kept"
        )
        self.assertNotIn("hunter2", str(_redact.json_value(body)))

    def test_token_keeps_what_describes_it(self):
        body = {"token": {"id": "T", "expires_at": "E", "user": {"id": "u1", "name": "ann"}}}
        masked = json.loads(_redact.text(json.dumps(body)))
        self.assertEqual(
            {"id": "***", "expires_at": "E", "user": {"id": "u1", "name": "ann"}}, masked["token"]
        )


class TestCutBodies(testtools.TestCase):
    """Finding 3: a body cut anywhere never shows part of a secret."""

    def test_every_cut_of_a_json_body(self):
        body = '{"user": {"name": "ann", "password": "hunter2-secret", "x": [1, 2]}}'
        for end in range(len(body) + 1):
            shown = _redact.text(body[:end], "application/json")
            for part in ("hunter2", "unter2", "ter2-s", 'secret"', "-secret"):
                self.assertNotIn(part, shown, body[:end])

    def test_every_cut_of_a_text_body(self):
        body = "user=ann&password=hunter2-secret&x=1"
        for end in range(len(body) + 1):
            shown = _redact.text(body[:end], "text/plain")
            self.assertNotIn("ter2", shown, body[:end])


class TestEchoedSecrets(testtools.TestCase):
    """Finding 4: what a server echoes is masked, and nothing more."""

    def test_keystone_echo_keeps_neighbouring_words(self):
        text = (
            "Invalid input for field/attribute user. Value: {'password': 'hunter2xyz'}. "
            "'name' is a required property"
        )
        masked = _redact.message(text)
        self.assertNotIn("hunter2xyz", masked)
        self.assertIn("'name' is a required property", masked)
        self.assertIn("{'password': '***'}", masked)

    def test_non_string_echo_is_masked_by_value(self):
        request = {"user": {"name": "x", "password": 12345678}}
        secrets = _redact.request_secrets(_Request(json.dumps(request)))
        text = "Invalid input for field/attribute password. Value: 12345678. 12345678 is not"
        self.assertNotIn("12345678", _redact.message(text, secrets))
        for password in (["abc", "hunter2"], {"k": "hunter2"}):
            body = json.dumps({"user": {"password": password}})
            echo = "Value: %r. %r is not of type 'string'" % (password, password)
            masked = _redact.message(echo, _redact.request_secrets(_Request(body)))
            self.assertNotIn("hunter2", masked)

    def test_echo_inside_a_json_error_body(self):
        body = json.dumps(
            {"error": {"message": "Value: {'password': 'hunter2xyz'}. 'name' is required"}}
        )
        masked = _redact.text(body, "application/json")
        self.assertNotIn("hunter2xyz", masked)
        self.assertIn("'name' is required", json.loads(masked)["error"]["message"])

    def test_token_headers_of_the_request_count_as_secrets(self):
        secrets = _redact.request_secrets(_Request(None, {"X-Subject-Token": "tok-abcdef"}))
        self.assertEqual(
            "Could not find ***.", _redact.message("Could not find tok-abcdef.", secrets)
        )

    def test_quoted_forms(self):
        for text in (
            'field \\"password\\": \\"hunter2\\" is bad',
            "<password>hunter2</password>",
            "Authorization: Basic hunter2",
            "token=hunter2&x=1",
            "'secret': ('hunter2', 1)",
        ):
            self.assertNotIn("hunter2", _redact.message(text), text)


class _Request:
    def __init__(self, body, headers=None):
        self.body = body
        self.headers = headers or {}


class TestLooksLikeJson(testtools.TestCase):
    """Text that starts like JSON but is a Python repr or key=value text."""

    def test_keys_need_not_be_json_strings(self):
        for body in (
            "{'password': 'hunter2'}",
            '{password: "hunter2"}',
            "{password=hunter2, x=1}",
            "[{'secret': ['hunter2', 'hunter2']}]",
            "{'token': {'id': 'hunter2'}}",
            "{'password': 'hun ter2'}",
        ):
            for content_type in ("text/plain", "application/json", None):
                shown = _redact.text(body, content_type)
                self.assertNotIn("hunter2", shown, body)
                self.assertNotIn("hun", shown.replace("***", ""), body)

    def test_text_that_is_not_json_whatever_its_content_type(self):
        for body in (
            "Authorization: Bearer hunter2",
            '{"a": 1} password=hunter2',
            '{"a": 1}\n{"password": "hunter2"}',
            "[1] token: hunter2",
        ):
            self.assertNotIn("hunter2", _redact.text(body, "application/json"), body)

    def test_a_body_that_is_not_the_form_its_content_type_says(self):
        for body in (
            "Authorization: Bearer hunter2",
            "Invalid input for field 'password': 'hunter2' is too long",
            "<password>hunter2</password>",
        ):
            shown = _redact.text(body, "application/x-www-form-urlencoded")
            self.assertNotIn("hunter2", shown, body)


class TestPercentEncodedPairs(testtools.TestCase):
    """Nova's console URLs carry their token inside an encoded query value."""

    CONSOLE = "http://127.0.0.1:6080/vnc_auto.html?path=%3Ftoken%3Dc0ffee-42%2Fab"

    def test_in_a_json_body(self):
        body = '{"remote_console": {"type": "novnc", "url": "%s"}}' % self.CONSOLE
        shown = _redact.text(body, "application/json")
        self.assertNotIn("c0ffee", shown)
        self.assertIn("vnc_auto.html?path=%3Ftoken%3D***", shown)

    def test_in_a_url_and_in_text(self):
        shown = _redact.url(self.CONSOLE + "%26width%3D800&x=1")
        self.assertNotIn("c0ffee", shown)
        self.assertIn("%26width%3D800&x=1", shown)
        self.assertNotIn("c0ffee", _redact.message("open " + self.CONSOLE + " now"))

    def test_other_encoded_pairs_are_kept(self):
        url = "http://h/x?next=%3Fpage%3D2%26name%3Dtoken"
        self.assertEqual(url, _redact.url(url))
