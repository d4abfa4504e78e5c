"""stack: parsing, exit codes, errors on one line, and identity commands on the wire."""

from __future__ import annotations

import io
import json
import logging
import types
import urllib.parse

import fixtures
import testtools

from stackclient.shell import _context, _main, completion
from stackclient.v3 import client as v3_client
from tests.unit import service_utils

IDENTITY = service_utils.AUTH_URL
P1 = {"id": "p1", "name": "demo", "domain_id": "default", "enabled": True, "description": ""}
P2 = {"id": "p2", "name": "ops", "domain_id": "default", "enabled": True, "description": "x"}


class CliTestCase(service_utils.ServiceTestCase):
    def setUp(self):
        super().setUp()
        self.stdout = self.useFixture(fixtures.MonkeyPatch("sys.stdout", io.StringIO())).new_value
        self.stderr = self.useFixture(fixtures.MonkeyPatch("sys.stderr", io.StringIO())).new_value
        self.useFixture(
            fixtures.EnvironmentVariable(
                "XDG_CACHE_HOME", self.useFixture(fixtures.TempDir()).path
            )
        )

    def connection(self, args):
        return types.SimpleNamespace(
            session=self.session,
            identity=v3_client.Client(session=self.session),
            config=types.SimpleNamespace(region_name=None, interface=None),
        )

    def run_cli(self, *argv):
        argv = list(argv)
        parser, command = _main.build_parser(argv)
        try:
            args = parser.parse_args(argv)
        except SystemExit as exit:
            return exit.code
        return _context.execute(command, args, self.connection)


class TestParsing(CliTestCase):
    def test_help_lists_resources_without_importing_their_modules(self):
        import sys

        sys.modules.pop("stackclient.shell.identity", None)
        parser, command = _main.build_parser(["--help"])
        self.assertIn("project", parser.format_help())
        self.assertNotIn("stackclient.shell.identity", sys.modules)

    def test_a_usage_error_exits_2(self):
        self.assertEqual(2, self.run_cli("project", "list", "--no-such-option"))
        self.assertEqual(2, _main.run(["project"]))
        self.assertEqual(2, _main.run([]))

    def test_no_command_is_a_short_usage_pointing_at_the_docs(self):
        self.assertEqual(2, _main.run([]))
        usage = self.stderr.getvalue()
        self.assertLess(len(usage.splitlines()), 15)
        self.assertIn("usage: stack", usage)
        self.assertIn("project, user", usage)
        self.assertIn("docs/getting-started.rst", usage)

    def test_global_options_may_come_before_or_after_the_command(self):
        parser, _ = _main.build_parser(["--debug", "project", "list"])
        self.assertTrue(parser.parse_args(["--debug", "project", "list"]).debug)
        parser, _ = _main.build_parser(["project", "list", "--debug"])
        self.assertTrue(parser.parse_args(["project", "list", "--debug"]).debug)

    def test_a_global_option_value_is_not_taken_for_the_command(self):
        argv = ["--os-cloud", "project", "user", "list"]
        self.assertEqual(("user", "list"), _main._find_command(argv, {"--os-cloud"}))

    def test_the_api_method_may_be_in_capitals_after_global_options(self):
        argv = ["--os-cloud", "api", "api", "GET", "compute", "/servers"]
        lowered = _main._api_method_lowered(argv, {"--os-cloud"})
        self.assertEqual(["--os-cloud", "api", "api", "get", "compute", "/servers"], lowered)
        parser, command = _main.build_parser(lowered)
        self.assertIsNotNone(command)
        self.assertEqual("get", parser.parse_args(lowered).verb)
        self.assertEqual(
            ["project", "list"], _main._api_method_lowered(["project", "list"], set())
        )

    def test_a_verbs_usage_names_the_command_not_the_global_usage(self):
        parser, _ = _main.build_parser(["network", "create"])
        error = self.assertRaises(SystemExit, parser.parse_args, ["network", "create"])
        self.assertEqual(2, error.code)
        usage = self.stderr.getvalue()
        self.assertIn("usage: stack network create [-h]", usage)
        self.assertNotIn("<resource> <verb> [options] network", usage)

    def test_a_negative_max_width_is_a_usage_error(self):
        self.assertEqual(2, self.run_cli("project", "list", "--max-width", "-3"))
        self.assertIn("is not a width", self.stderr.getvalue())
        self.assertEqual(2, self.run_cli("project", "list", "--max-width", "wide"))

    def test_version(self):
        self.assertEqual(0, _main.run(["--version"]))
        self.assertIn("stackclient", self.stdout.getvalue())

    def test_completion_scripts_name_every_resource(self):
        self.assertEqual(0, _main.run(["completion", "bash"]))
        self.assertIn("complete -F _stack_complete stack", self.stdout.getvalue())
        self.assertIn("project) COMPREPLY", completion.script("bash"))
        self.assertIn("compdef _stack stack", completion.script("zsh"))


class TestIdentityCommands(CliTestCase):
    def test_project_list_as_json(self):
        self.requests_mock.get(IDENTITY + "/projects", json={"projects": [P1, P2]})
        self.assertEqual(0, self.run_cli("project", "list", "-f", "json", "--long"))
        rows = json.loads(self.stdout.getvalue())
        self.assertEqual(["p1", "p2"], [r["id"] for r in rows])
        self.assertEqual({"id", "name", "domain_id", "description", "enabled"}, set(rows[0]))

    def test_project_show_by_name_falls_back_from_the_id(self):
        self.requests_mock.get(
            IDENTITY + "/projects/demo", status_code=404, json={"error": {"message": "no"}}
        )
        self.requests_mock.get(IDENTITY + "/projects?name=demo", json={"projects": [P1]})
        self.assertEqual(0, self.run_cli("project", "show", "demo", "-f", "value", "-c", "id"))
        self.assertEqual("p1\n", self.stdout.getvalue())

    def test_project_create_sends_the_domain(self):
        self.requests_mock.get(
            IDENTITY + "/domains/default", json={"domain": {"id": "default", "name": "Default"}}
        )
        self.requests_mock.post(IDENTITY + "/projects", json={"project": P1}, status_code=201)
        self.assertEqual(0, self.run_cli("project", "create", "demo", "--description", "d"))
        body = json.loads(self.requests_mock.last_request.body)
        self.assertEqual({"name": "demo", "domain_id": "default", "description": "d", "enabled": True},
                         body["project"])  # fmt: skip

    def test_api_reaches_a_service_type_without_a_client_of_its_own(self):
        from stackclient import connection

        self.connection = lambda args: connection.Connection(session=self.session)
        self.assertEqual(1, self.run_cli("api", "get", "widget-store", "/widgets"))
        self.assertIn("No endpoint for service_type='widget-store'", self.stderr.getvalue())
        self.assertNotIn("Traceback", self.stderr.getvalue())

    def test_an_api_error_is_one_line_with_the_request_id_and_exit_1(self):
        self.requests_mock.get(IDENTITY + "/projects", status_code=403,
                               json={"error": {"message": "You are not authorized", "code": 403}},
                               headers={"x-openstack-request-id": "req-42"})  # fmt: skip
        self.assertEqual(1, self.run_cli("project", "list"))
        err = self.stderr.getvalue().strip().splitlines()
        self.assertEqual(1, len(err))
        self.assertIn("You are not authorized", err[0])
        self.assertIn("req-42", err[0])

    def test_a_child_logger_at_debug_does_not_print_past_the_cli_level(self):
        # debug=True on a client earlier in the process leaves stackclient.http at DEBUG.
        http_log = logging.getLogger("stackclient.http")
        self.addCleanup(http_log.setLevel, http_log.level)
        http_log.setLevel(logging.DEBUG)
        self.test_an_api_error_is_one_line_with_the_request_id_and_exit_1()

    def test_role_add_grants_on_a_project(self):
        self.requests_mock.get(
            IDENTITY + "/roles/member", json={"role": {"id": "r1", "name": "member"}}
        )
        self.requests_mock.get(
            IDENTITY + "/users/alice", json={"user": {"id": "u9", "name": "alice"}}
        )
        self.requests_mock.get(IDENTITY + "/projects/demo", json={"project": P1})
        self.requests_mock.put(IDENTITY + "/projects/p1/users/u9/roles/r1", status_code=204)
        self.assertEqual(
            0, self.run_cli("role", "add", "member", "--user", "alice", "--project", "demo")
        )
        self.assertEqual("PUT", self.requests_mock.last_request.method)

    def test_catalog_list_shows_every_service(self):
        self.assertEqual(0, self.run_cli("catalog", "list", "-f", "json"))
        types_listed = {row["type"] for row in json.loads(self.stdout.getvalue())}
        self.assertIn("network", types_listed)


class TestTokenCache(CliTestCase):
    def test_the_second_command_sends_no_auth_request(self):
        self.requests_mock.get(IDENTITY + "/projects", json={"projects": [P1]})
        self.assertEqual(0, self.run_cli("project", "list"))
        self.session = type(self.session)(auth=type(self.session.auth)(
            auth_url=IDENTITY, username="demo", password="unit-test-password",
            project_id=service_utils.PROJECT_ID, user_domain_id="default"))  # fmt: skip
        before = len(self.requests_mock.request_history)
        self.assertEqual(0, self.run_cli("project", "list"))
        later = self.requests_mock.request_history[before:]
        paths = [urllib.parse.urlsplit(r.url).path for r in later]
        self.assertEqual(["/v3/projects"], paths)

    def test_no_cache_reads_and_writes_nothing(self):
        self.requests_mock.get(IDENTITY + "/projects", json={"projects": [P1]})
        self.assertEqual(0, self.run_cli("project", "list", "--no-cache"))
        import os

        self.assertFalse(os.path.exists(os.path.join(os.environ["XDG_CACHE_HOME"], "stackclient")))


class TestMultiWordResources(CliTestCase):
    def test_words_are_joined_into_the_resource(self):
        from stackclient.shell import _registry

        self.assertEqual(["--debug", "security-group-rule", "list", "x"],
                         _registry.join_resource(["--debug", "security", "group", "rule", "list", "x"]))  # fmt: skip
        self.assertEqual(
            ["floating-ip", "list"], _registry.join_resource(["floating", "ip", "list"])
        )
        self.assertEqual(["project", "list"], _registry.join_resource(["project", "list"]))


class TestNetworkCommands(CliTestCase):
    NET = "http://neutron.test:9696/v2.0"

    def connection(self, args):
        from stackclient.network.v2_0 import client as network_client

        conn = super().connection(args)
        conn.network = network_client.Client(session=self.session)
        return conn

    def test_subnet_create_finds_the_network_by_name(self):
        net = {"id": "8d4d3ee0-6a46-4a6b-9e6f-1b2a3c4d5e6f", "name": "web"}
        self.requests_mock.get(self.NET + "/networks?name=web", json={"networks": [net]})
        self.requests_mock.post(self.NET + "/subnets", status_code=201,
                                json={"subnet": {"id": "s1", "cidr": "10.0.0.0/24"}})  # fmt: skip
        code = self.run_cli("subnet", "create", "s", "--network", "web", "--subnet-range", "10.0.0.0/24",
                            "--dns-nameserver", "192.0.2.53", "-f", "value", "-c", "cidr")  # fmt: skip
        self.assertEqual(0, code)
        self.assertEqual("10.0.0.0/24\n", self.stdout.getvalue())
        self.assertEqual({"subnet": {"name": "s", "network_id": net["id"], "cidr": "10.0.0.0/24",
                                     "ip_version": 4, "dns_nameservers": ["192.0.2.53"]}},
                         json.loads(self.requests_mock.last_request.body))  # fmt: skip

    def test_a_bad_port_range_is_a_usage_message_not_a_traceback(self):
        self.requests_mock.get(self.NET + "/security-groups?name=web",
                               json={"security_groups": [{"id": "g1", "name": "web"}]})  # fmt: skip
        self.assertEqual(
            1, self.run_cli("security-group-rule", "create", "web", "--dst-port", "x:y")
        )
        self.assertIn("--dst-port takes PORT", self.stderr.getvalue())


class TestStaleCatalog(TestNetworkCommands):
    def test_a_cached_token_without_the_service_is_replaced_once(self):
        without_network = service_utils.token_body()
        without_network.remove_service("network")
        auth = self.requests_mock.post(service_utils.AUTH_URL + "/auth/tokens", json=without_network,
                                       status_code=201, headers={"X-Subject-Token": "old"})  # fmt: skip
        self.requests_mock.get(IDENTITY + "/projects", json={"projects": [P1]})
        self.assertEqual(0, self.run_cli("project", "list"))
        self.requests_mock.post(service_utils.AUTH_URL + "/auth/tokens", json=service_utils.token_body(),
                                status_code=201, headers={"X-Subject-Token": "new"})  # fmt: skip
        self.session = type(self.session)(auth=type(self.session.auth)(
            auth_url=IDENTITY, username="demo", password="unit-test-password",
            project_id=service_utils.PROJECT_ID, user_domain_id="default"))  # fmt: skip
        self.requests_mock.get(self.NET + "/networks", json={"networks": []})
        self.assertEqual(0, self.run_cli("network", "list", "-f", "json"))
        self.assertEqual(1, auth.call_count)
        self.assertEqual("new", self.requests_mock.last_request.headers["X-Auth-Token"])


class TestLocalFiles(testtools.TestCase):
    def test_a_file_to_send_must_be_a_file(self):
        from stackclient.apiclient import exceptions
        from stackclient.shell import _base

        folder = self.useFixture(fixtures.TempDir()).path
        error = self.assertRaises(exceptions.CommandError, _base.check_file, folder)
        self.assertIn("is a directory", str(error))
        error = self.assertRaises(exceptions.CommandError, _base.check_file, folder + "/none")
        self.assertIn("No such file", str(error))
        with open(folder + "/x.img", "wb") as handle:
            handle.write(b"x")
        self.assertIsNone(_base.check_file(folder + "/x.img"))
