"""The ``--os-*`` options added to a caller's parser, and how parsed values are read back."""

from __future__ import annotations

import argparse

import pytest

from stackclient.apiclient import exceptions
from stackclient.config import OpenStackConfig, cli

URL = "http://keystone.test:5000/v3"


def _parser(
    argv: list[str], service_keys: list[str] | None = None
) -> tuple[OpenStackConfig, argparse.ArgumentParser]:
    config = OpenStackConfig()
    parser = argparse.ArgumentParser(prog="app")
    config.register_argparse_arguments(parser, ["app", *argv], service_keys)
    return config, parser


def _dests(parser: argparse.ArgumentParser) -> set[str]:
    return {action.dest for action in parser._actions}


def test_auth_session_and_adapter_options_default_from_os_variables(cloud_env) -> None:
    cloud_env.apply(
        {"OS_AUTH_URL": URL, "OS_USERNAME": "u", "OS_CACERT": "/ca.pem", "OS_INTERFACE": "admin"}
    )
    _, parser = _parser([])
    args = parser.parse_args([])
    assert (args.os_auth_url, args.os_username, args.os_cacert, args.os_interface) == (
        URL,
        "u",
        "/ca.pem",
        "admin",
    )
    assert {"os_cloud", "os_password", "os_project_name", "insecure", "os_cert", "os_key", "timeout",
            "os_region_name", "os_endpoint_override", "os_api_version", "os_service_type"} <= _dests(parser)  # fmt: skip
    assert "Defaults to env[OS_AUTH_URL]" in " ".join(parser.format_help().split())


def test_defaults_that_would_override_clouds_yaml_are_left_unset(cloud_env) -> None:
    _, parser = _parser([])
    args = parser.parse_args([])
    assert (args.os_interface, args.insecure, args.timeout) == (None, None, None)
    assert parser.parse_args(["--insecure"]).insecure is True


def test_deprecated_spellings_are_accepted(cloud_env) -> None:
    _, parser = _parser([])
    args = parser.parse_args(
        ["--os-tenant-name", "t", "--os-user-name", "u", "--os-auth-plugin", "token"]
    )
    assert (args.os_project_name, args.os_username, args.os_auth_type) == ("t", "u", "token")


def test_the_chosen_clouds_auth_type_decides_the_auth_options(cloud_env) -> None:
    cloud_env.write(
        "cwd/clouds.yaml",
        f"clouds: {{t: {{auth_type: v3applicationcredential, auth: {{auth_url: {URL}}}}}}}",
    )
    _, parser = _parser(["--os-cloud", "t"])
    assert "os_application_credential_secret" in _dests(parser)
    assert "os_password" not in _dests(parser)
    _, parser = _parser(["--os-cloud", "t", "--os-auth-type", "token"])
    assert "os_token" in _dests(parser) and "os_application_credential_secret" not in _dests(
        parser
    )


def test_unsupported_auth_type_on_the_command_line(cloud_env) -> None:
    with pytest.raises(exceptions.ConfigException, match="not supported by stackclient"):
        _parser(["--os-auth-type", "v3oidcpassword"])


def test_per_service_options_for_service_keys(cloud_env) -> None:
    cloud_env.setenv("OS_COMPUTE_API_VERSION", "2.60")
    config, parser = _parser([], service_keys=["compute", "block-storage"])
    args = parser.parse_args(
        ["--os-block-storage-interface", "internal", "--compute-api-version", "2.1"]
    )
    assert args.os_compute_api_version == "2.60"
    assert args.os_block_storage_interface == "internal"
    assert args.os_service_type == "compute"
    region = config.get_one(argparse=args, validate=False)
    assert region.get_interface("block-storage") == "internal"
    assert region.get_api_version("compute") == "2.60"
    assert (
        str(region.origin("compute_api_version"))
        == "env OS_COMPUTE_API_VERSION (default of --os-compute-api-version)"
    )


def test_fix_argv_turns_underscores_into_dashes_and_refuses_clashes() -> None:
    assert cli.fix_argv(["app", "--os_username=u", "--os_cloud", "c", "-v", "x_y"]) == [
        "app", "--os-username=u", "--os-cloud", "c", "-v", "x_y"]  # fmt: skip
    with pytest.raises(exceptions.ConfigException, match="--os-username, --os_username"):
        cli.fix_argv(["--os_username", "a", "--os-username", "b"])


def test_fix_args_keys_and_precedence() -> None:
    namespace = argparse.Namespace(os_region_name="from-cli", os_password="", other=None)
    args = cli.fix_args(
        {"region_name": "from-kwarg", "auth": {"os_username": "u"}, "compute-api-version": "2"},
        namespace,
        {},
    )
    assert args.data == {
        "region_name": "from-cli",
        "auth": {"username": "u"},
        "compute_api_version": "2",
    }
    assert str(args.origin_of(("region_name",))) == "argparse --os-region-name"
    assert str(args.origin_of(("auth", "username"))) == "argument auth= (auth['os_username'])"
    assert str(args.origin_of(("missing",))) == "default"


def test_get_cloud_region_parses_argv_after_the_program_name(cloud_env, monkeypatch) -> None:
    import sys

    import stackclient.config

    cloud_env.write(
        "cwd/clouds.yaml",
        f"clouds: {{a: {{auth: {{auth_url: {URL}, token: t}}, auth_type: token}}, b: {{}}}}",
    )
    argv = ["my-tool", "list", "--os_cloud", "a"]
    monkeypatch.setattr(sys, "argv", argv)
    parser = argparse.ArgumentParser()
    parser.add_argument("command")
    region = stackclient.config.get_cloud_region(options=parser)
    assert region.name == "a"
    assert parser.parse_known_args(argv[1:])[0].command == "list"
    assert sys.argv == ["my-tool", "list", "--os_cloud", "a"]  # not rewritten in place
