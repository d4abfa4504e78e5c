"""Tests for stackclient.apiclient.auth: the plugin base and the loader.

Discovery and argparse loading go through the real entry points of the
installed package (stevedore), not through patched registries.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

import fixtures
import testtools

from stackclient.apiclient import auth, exceptions

ALL_PLUGINS = {
    "token-endpoint",
    "admin_token",
    "none",
    "password",
    "token",
    "v2password",
    "v2token",
    "v3password",
    "v3token",
    "v3applicationcredential",
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser()
    auth.load_auth_system_opts(parser)
    return parser


class _SeedPlugin(auth.BaseAuthPlugin):
    """A plugin written against the classic face only."""

    auth_system = "seed"
    opt_names = ["username", "password", "auth_url"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.calls = []
        self.token = None

    def _do_authenticate(self, http_client):
        self.calls.append(http_client)
        self.token = "tok-%d" % len(self.calls)

    def token_and_endpoint(self, endpoint_type, service_type):
        auth.normalize_interface(endpoint_type)
        return self.token, "http://%s.example/%s" % (service_type, endpoint_type)


class _FakeSession:
    def __init__(self, http_client):
        self.http_client = http_client


class NormalizeInterfaceTest(testtools.TestCase):
    def test_both_spellings(self):
        for given, expected in [
            ("public", "public"),
            ("publicURL", "public"),
            ("internal", "internal"),
            ("internalURL", "internal"),
            ("admin", "admin"),
            ("adminURL", "admin"),
            (None, "public"),
        ]:
            self.assertEqual(expected, auth.normalize_interface(given))

    def test_bad_value(self):
        error = self.assertRaises(
            exceptions.EndpointException, auth.normalize_interface, "private"
        )
        self.assertIn("'private'", str(error))
        self.assertIn("publicURL", str(error))
        self.assertRaises(exceptions.EndpointException, auth.normalize_interface, ["public"])


class BaseAuthPluginTest(testtools.TestCase):
    def test_names(self):
        self.assertEqual(
            ["auth_system", "username", "password", "tenant_name", "token", "auth_url"],
            auth.BaseAuthPlugin.common_opt_names,
        )
        self.assertEqual([], auth.BaseAuthPlugin.opt_names)
        self.assertIsNone(auth.BaseAuthPlugin().auth_system)
        self.assertEqual("x", auth.BaseAuthPlugin(auth_system="x").auth_system)

    def test_opts_from_kwargs(self):
        plugin = _SeedPlugin(username="u", password="p", other="ignored")
        self.assertEqual("seed", plugin.auth_system)
        self.assertEqual({"username": "u", "password": "p", "auth_url": None}, plugin.opts)

    def test_add_opts_reads_environment_at_call_time(self):
        self.useFixture(fixtures.EnvironmentVariable("OS_ENDPOINT", "http://env.example"))
        parser = argparse.ArgumentParser()
        auth.TokenEndpointPlugin.add_opts(parser)  # token is a common option: not added
        args = parser.parse_args([])
        self.assertEqual("http://env.example", args.os_endpoint)
        self.assertFalse(hasattr(args, "os_token"))
        self.assertEqual(
            "http://cli", parser.parse_args(["--os-endpoint", "http://cli"]).os_endpoint
        )

    def test_add_common_opts(self):
        self.useFixture(fixtures.EnvironmentVariable("OS_TENANT_NAME", "demo"))
        self.useFixture(fixtures.EnvironmentVariable("OS_USERNAME"))
        parser = argparse.ArgumentParser()
        auth.BaseAuthPlugin.add_common_opts(parser)
        args = parser.parse_args(["--os-auth-url", "http://k", "--os-auth-system", "x"])
        self.assertEqual("demo", args.os_tenant_name)
        self.assertIsNone(args.os_username)
        self.assertEqual("http://k", auth.BaseAuthPlugin.get_opt("auth_url", args))
        self.assertEqual("x", auth.BaseAuthPlugin.get_opt("auth_system", args))
        self.assertIsNone(auth.BaseAuthPlugin.get_opt("not_there", args))

    def test_parse_opts_keeps_values_not_given(self):
        plugin = _SeedPlugin(username="u", auth_url="http://k")
        plugin.parse_opts(argparse.Namespace(os_password="p", os_username=None))
        self.assertEqual({"username": "u", "password": "p", "auth_url": "http://k"}, plugin.opts)

    def test_sufficient_options_names_missing(self):
        plugin = _SeedPlugin(username="u")
        error = self.assertRaises(exceptions.AuthPluginOptionsMissing, plugin.sufficient_options)
        self.assertEqual(["password", "auth_url"], error.opt_names)
        self.assertIn("password, auth_url", str(error))

    def test_authenticate_checks_options_first(self):
        plugin = _SeedPlugin(username="u")
        self.assertRaises(exceptions.AuthPluginOptionsMissing, plugin.authenticate, "client")
        self.assertEqual([], plugin.calls)
        plugin.opts.update(password="p", auth_url="http://k")
        plugin.authenticate("client")
        self.assertEqual(["client"], plugin.calls)

    def test_base_does_not_implement_classic_face(self):
        plugin = auth.BaseAuthPlugin()
        self.assertRaises(NotImplementedError, plugin.authenticate, None)
        self.assertRaises(NotImplementedError, plugin.token_and_endpoint, "public", "x")
        self.assertFalse(plugin.invalidate())

    def test_session_face_defaults_authenticate_once(self):
        plugin = _SeedPlugin(username="u", password="p", auth_url="http://k")
        session = _FakeSession("the-http-client")
        self.assertEqual({"X-Auth-Token": "tok-1"}, plugin.get_headers(session))
        self.assertEqual("tok-1", plugin.get_token(session))
        self.assertEqual(
            "http://compute.example/internal",
            plugin.get_endpoint(session, service_type="compute", interface="internal"),
        )
        self.assertEqual(["the-http-client"], plugin.calls)
        self.assertFalse(plugin.invalidate("tok-1"))

    def test_session_face_token_needs_no_endpoint(self):
        class CatalogPlugin(_SeedPlugin):
            def token_and_endpoint(self, endpoint_type, service_type):
                endpoint = "http://compute.example" if service_type == "compute" else None
                return self.token, endpoint if self.token else None

        plugin = CatalogPlugin(username="u", password="p", auth_url="http://k")
        session = _FakeSession("the-http-client")
        for _ in range(3):
            self.assertEqual({"X-Auth-Token": "tok-1"}, plugin.get_headers(session))
        self.assertEqual("tok-1", plugin.get_token(session))
        self.assertEqual("http://compute.example", plugin.get_endpoint(session, "compute"))
        self.assertEqual(["the-http-client"], plugin.calls)  # authenticated once, not per call

    def test_session_face_without_http_client(self):
        plugin = _SeedPlugin(username="u", password="p", auth_url="http://k")
        self.assertIsNone(plugin.get_headers(object()))
        self.assertEqual([], plugin.calls)


class TokenEndpointPluginTest(testtools.TestCase):
    def setUp(self):
        super().setUp()
        self.plugin = auth.TokenEndpointPlugin(token="tok", endpoint="http://svc")

    def test_token_and_endpoint(self):
        for endpoint_type in ("public", "publicURL", "internalURL", "admin"):
            self.assertEqual(
                ("tok", "http://svc"), self.plugin.token_and_endpoint(endpoint_type, "compute")
            )
        self.assertRaises(
            exceptions.EndpointException, self.plugin.token_and_endpoint, "bogus", "compute"
        )

    def test_session_face(self):
        self.assertEqual({"X-Auth-Token": "tok"}, self.plugin.get_headers(None))
        self.assertEqual("tok", self.plugin.get_token(None))
        self.assertEqual("http://svc", self.plugin.get_endpoint(None, service_type="image"))
        self.assertFalse(self.plugin.invalidate("tok"))

    def test_authenticate_sends_nothing(self):
        self.plugin.authenticate(http_client=None)  # would fail on any use of the client

    def test_missing(self):
        error = self.assertRaises(
            exceptions.AuthPluginOptionsMissing, auth.TokenEndpointPlugin().sufficient_options
        )
        self.assertEqual(["token", "endpoint"], error.opt_names)


class DiscoveryTest(testtools.TestCase):
    """Through the entry points of the installed package."""

    def setUp(self):
        super().setUp()
        for name in ("OS_AUTH_SYSTEM", "OS_TOKEN", "OS_ENDPOINT", "OS_USERNAME", "OS_PASSWORD"):
            self.useFixture(fixtures.EnvironmentVariable(name))
        for name in ("OS_AUTH_URL", "OS_USER_ID", "OS_TENANT_NAME", "OS_PROJECT_NAME"):
            self.useFixture(fixtures.EnvironmentVariable(name))

    def test_discover_auth_systems(self):
        found = auth.discover_auth_systems()
        self.assertTrue(ALL_PLUGINS <= set(found), sorted(found))
        self.assertIs(auth.TokenEndpointPlugin, found["token-endpoint"])
        for plugin_class in found.values():
            self.assertTrue(issubclass(plugin_class, auth.BaseAuthPlugin))

    def test_load_plugin(self):
        plugin = auth.load_plugin("token-endpoint")
        self.assertIsInstance(plugin, auth.TokenEndpointPlugin)
        self.assertEqual("token-endpoint", plugin.auth_system)
        self.assertEqual({"token": None, "endpoint": None}, plugin.opts)

    def test_every_plugin_loads_by_name(self):
        for name in ALL_PLUGINS:
            self.assertEqual(name, auth.load_plugin(name).auth_system)

    def test_load_unknown_plugin(self):
        error = self.assertRaises(exceptions.AuthSystemNotFound, auth.load_plugin, "nope")
        self.assertEqual("nope", error.auth_system)

    def test_load_auth_system_opts_adds_each_option_once(self):
        parser = _parser()
        strings = [s for action in parser._actions for s in action.option_strings]
        self.assertEqual(len(strings), len(set(strings)))
        for option in ("--os-auth-system", "--os-endpoint", "--os-project-domain-id"):
            self.assertIn(option, strings)
        self.assertIn("--os-application-credential-secret", strings)

    def test_explicit_auth_system_wins(self):
        args = _parser().parse_args(
            ["--os-auth-system", "token-endpoint", "--os-token", "t", "--os-endpoint", "http://e"]
        )
        plugin = auth.load_plugin_from_args(args)
        self.assertIsInstance(plugin, auth.TokenEndpointPlugin)
        self.assertEqual(("t", "http://e"), plugin.token_and_endpoint("public", "compute"))

    def test_explicit_auth_system_missing_options(self):
        args = _parser().parse_args(["--os-auth-system", "token-endpoint", "--os-token", "t"])
        error = self.assertRaises(
            exceptions.AuthPluginOptionsMissing, auth.load_plugin_from_args, args
        )
        self.assertEqual(["endpoint"], error.opt_names)

    def test_explicit_unknown_auth_system(self):
        args = _parser().parse_args(["--os-auth-system", "kerberos"])
        self.assertRaises(exceptions.AuthSystemNotFound, auth.load_plugin_from_args, args)

    def test_first_sufficient_plugin_alphabetically(self):
        # admin_token, none and token-endpoint could all serve; admin_token sorts first.
        args = _parser().parse_args(["--os-token", "t", "--os-endpoint", "http://e"])
        plugin = auth.load_plugin_from_args(args)
        self.assertEqual("admin_token", plugin.auth_system)
        # Only an endpoint: the none plugin.
        args = _parser().parse_args(["--os-endpoint", "http://e"])
        self.assertEqual("none", auth.load_plugin_from_args(args).auth_system)

    def test_password_options_pick_generic_password(self):
        args = _parser().parse_args(
            ["--os-username", "u", "--os-password", "p", "--os-auth-url", "http://k/v3"]
        )
        plugin = auth.load_plugin_from_args(args)
        self.assertEqual("password", plugin.auth_system)
        self.assertEqual("u", plugin.opts["username"])

    def test_environment_is_read_by_parser(self):
        self.useFixture(fixtures.EnvironmentVariable("OS_TOKEN", "envtok"))
        self.useFixture(fixtures.EnvironmentVariable("OS_ENDPOINT", "http://env"))
        plugin = auth.load_plugin_from_args(_parser().parse_args([]))
        self.assertEqual(("envtok", "http://env"), plugin.token_and_endpoint("public", "x"))

    def test_nothing_fits_names_missing_options(self):
        args = _parser().parse_args(["--os-username", "u", "--os-password", "p"])
        error = self.assertRaises(
            exceptions.AuthPluginOptionsMissing, auth.load_plugin_from_args, args
        )
        self.assertEqual(["auth_url"], error.opt_names)
        self.assertIn("auth_url", str(error))
        self.assertIn("'password'", str(error))
        self.assertNotIn("'p'", str(error))

    def test_nothing_given(self):
        error = self.assertRaises(
            exceptions.AuthPluginOptionsMissing,
            auth.load_plugin_from_args,
            _parser().parse_args([]),
        )
        self.assertTrue(error.opt_names)
        self.assertIn("--os-auth-system", str(error))


class LazyImportTest(testtools.TestCase):
    def test_stevedore_not_imported_until_needed(self):
        code = (
            "import sys; import stackclient.apiclient.auth, stackclient.auth; "
            "print(sorted(m for m in sys.modules if m.startswith(('stevedore', 'oslo'))))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        self.assertEqual("[]", out.stdout.strip())
