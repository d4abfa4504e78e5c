"""Choosing the cloud and region, provenance of every value, and errors that say what to do."""

from __future__ import annotations

import argparse
import sys

import pytest

import stackclient.config
from stackclient.apiclient import exceptions
from stackclient.config import OpenStackConfig, files, provenance

URL = "http://keystone.test:5000/v3"

CLOUDS = f"""
clouds:
  example:
    profile: acme
    auth:
      auth_url: {URL}
      username: demo
      project_name: demo
    regions:
      - name: earth1
        values:
          compute_api_version: "2.79"
      - earth2
    tenant_id: t-1
    interface: internal
  other:
    auth: {{auth_url: http://other.test/v3, username: o, password: po, project_id: x}}
"""
PUBLIC = "public-clouds:\n  acme:\n    identity_api_version: '3'\n    image_api_version: '2'\n"


@pytest.fixture
def configured(cloud_env):
    cloud_env.write("cwd/clouds.yaml", CLOUDS)
    cloud_env.write("cwd/secure.yaml", "clouds:\n  example:\n    auth:\n      password: s3cret\n")
    cloud_env.write("cwd/clouds-public.yaml", PUBLIC)
    return cloud_env


def test_origin_of_every_kind_of_value(configured, monkeypatch) -> None:
    configured.setenv("OS_USER_DOMAIN_NAME", "env-domain")
    configured.setenv("OS_IMAGE_API_VERSION", "2")
    monkeypatch.setattr(sys, "argv", ["app", "--os-project-name", "cli-project"])
    region = stackclient.config.get_cloud_region(
        cloud="example", options=argparse.ArgumentParser(), network_api_version="2"
    )
    clouds = str(configured.path("cwd/clouds.yaml"))
    where = {
        "auth.auth_url": "file %s, line 5" % clouds,
        "auth.password": "secure file %s, line 4" % configured.path("cwd/secure.yaml"),
        "auth.username": "file %s, line 6" % clouds,
        "auth.user_domain_name": "env OS_USER_DOMAIN_NAME (default of --os-user-domain-name)",
        "auth.project_name": "argparse --os-project-name",
        "auth.project_id": "file %s, line 13 (given as tenant_id)" % clouds,
        "region_name": "file %s, line 9 (the first of the cloud's regions)" % clouds,
        "compute_api_version": "file %s, line 11" % clouds,
        "image_api_version": "profile 'acme' in %s, line 4"
        % configured.path("cwd/clouds-public.yaml"),
        "network_api_version": "argument network_api_version=",
        "interface": "file %s, line 14" % clouds,
        "object_store_api_version": "default",
    }
    assert {key: str(region.origin(key)) for key in where} == where
    assert region.origin("no_such_key") is None


def test_env_cloud_origins_and_region(cloud_env) -> None:
    cloud_env.apply({"OS_AUTH_URL": URL, "OS_TOKEN": "t0k", "OS_AUTH_TYPE": "token",
                     "OS_REGION_NAME": "R9", "OS_VOLUME_API_VERSION": "3.5"})  # fmt: skip
    region = stackclient.config.get_cloud_region()
    assert region.name == "envvars" and region.region_name == "R9"
    assert str(region.origin("auth.token")) == "env OS_TOKEN"
    assert str(region.origin("region_name")) == "env OS_REGION_NAME"
    assert str(region.origin_for("block-storage", "api_version")) == "env OS_VOLUME_API_VERSION"


def test_describe_masks_secrets(configured) -> None:
    region = stackclient.config.get_cloud_region(cloud="example")
    table = region.describe()
    assert "s3cret" not in table
    row = next(line for line in table.splitlines() if line.startswith("auth.password"))
    assert row.split()[1] == "***" and "secure file" in row
    keys = [row[0] for row in region.describe_rows()]
    assert keys == sorted(keys) and "auth.username" in keys


def test_region_values_origin(configured) -> None:
    region = stackclient.config.get_cloud_region(cloud="example", region_name="earth2")
    assert region.get_api_version("compute") is None
    region = stackclient.config.get_cloud_region(cloud="example", region_name="earth1")
    assert str(region.origin("region_name")) == "argument region_name="
    assert region.get_api_version("compute") == "2.79"


def test_several_clouds_none_selected_lists_names_and_the_ways_to_select(configured) -> None:
    with pytest.raises(exceptions.ConfigException) as caught:
        stackclient.config.get_cloud_region()
    text = str(caught.value)
    for part in ("example, other", "cloud=", "OS_CLOUD", "--os-cloud", "clouds.yaml"):
        assert part in text
    assert "auth_url" not in text


def test_unknown_cloud_names_the_clouds_and_where_it_was_asked(configured) -> None:
    configured.setenv("OS_CLOUD", "nope")
    with pytest.raises(
        exceptions.ConfigException,
        match=r"'nope' \(from env OS_CLOUD\) was not found; the clouds known are: example, other",
    ):
        stackclient.config.get_cloud_region()


def test_unknown_region_names_the_regions(configured) -> None:
    with pytest.raises(exceptions.ConfigException, match="its regions are: earth1, earth2"):
        stackclient.config.get_cloud_region(cloud="example", region_name="mars")


def test_missing_password_says_which_option_and_variable(cloud_env) -> None:
    cloud_env.write(
        "cwd/clouds.yaml", f"clouds: {{c: {{auth: {{auth_url: {URL}, username: u}}}}}}"
    )
    with pytest.raises(exceptions.ConfigException) as caught:
        stackclient.config.get_cloud_region()
    text = str(caught.value)
    for part in ("'c'", "auth_type 'password'", "lacks password", "'password' under 'auth:'",
                 "secure.yaml", "--os-password", "OS_PASSWORD"):  # fmt: skip
        assert part in text


def test_missing_token_in_the_environment_cloud(cloud_env) -> None:
    cloud_env.apply({"OS_AUTH_TYPE": "v3token", "OS_AUTH_URL": URL})
    with pytest.raises(exceptions.ConfigException, match="token: set OS_TOKEN"):
        stackclient.config.get_cloud_region()


def test_a_password_prompt_fills_a_missing_password(cloud_env) -> None:
    cloud_env.write(
        "cwd/clouds.yaml", f"clouds: {{c: {{auth: {{auth_url: {URL}, username: u}}}}}}"
    )
    prompts = []
    region = OpenStackConfig(pw_func=lambda prompt: prompts.append(prompt) or "typed").get_one()
    assert (region.get_auth_args()["password"], prompts) == ("typed", ["Password: "])
    assert str(region.origin("auth.password")) == "prompt"


def test_unsupported_auth_type(cloud_env) -> None:
    cloud_env.write("cwd/clouds.yaml", "clouds: {c: {auth_type: v3oidcpassword, auth: {}}}")
    with pytest.raises(
        exceptions.ConfigException,
        match="'v3oidcpassword' is not supported by stackclient; use one of: admin_token, none",
    ):
        stackclient.config.get_cloud_region()


def test_a_profile_that_would_need_a_fetch_is_an_error(cloud_env) -> None:
    cloud_env.write("cwd/clouds.yaml", "clouds: {c: {profile: vexxhost, auth: {username: u}}}")
    with pytest.raises(exceptions.ConfigException) as caught:
        stackclient.config.get_cloud_region()
    text = str(caught.value)
    assert "does not fetch profiles over the network" in text
    assert "https://vexxhost/.well-known/openstack/api" in text
    assert "clouds-public.yaml" in text


def test_invalid_region_entry(cloud_env) -> None:
    cloud_env.write("cwd/clouds.yaml", "clouds: {c: {regions: [{name: r, extra: 1}]}}")
    with pytest.raises(exceptions.ConfigException, match="Invalid region entry"):
        stackclient.config.get_cloud_region(validate=False)


def test_envvars_name_clash(cloud_env) -> None:
    cloud_env.write("cwd/clouds.yaml", "clouds: {envvars: {}}")
    with pytest.raises(exceptions.ConfigException, match="OS_CLOUD_NAME"):
        stackclient.config.get_cloud_region()


def test_deprecated_cloud_keyword_and_region_list_warn(cloud_env) -> None:
    cloud_env.write(
        "cwd/clouds-public.yaml", f"public-clouds: {{p: {{auth: {{auth_url: {URL}}}}}}}"
    )
    cloud_env.write(
        "cwd/clouds.yaml",
        "clouds: {c: {cloud: p, region_name: 'a,b', auth: {token: t}, auth_type: token}}",
    )
    with pytest.warns(files.ConfigWarning) as caught:
        stackclient.config.get_cloud_region()
    text = " ".join(str(w.message) for w in caught)
    assert "'cloud'" in text and "comma-separated" in text


def test_no_configuration_at_all_is_the_defaults_cloud(cloud_env) -> None:
    region = stackclient.config.get_cloud_region(validate=False)
    assert region.name == "defaults"
    assert str(region.origin("interface")) == "default"


def test_get_all_and_cloud_names(configured) -> None:
    config = OpenStackConfig()
    assert config.get_cloud_names() == ["example", "other"]
    assert [(r.name, r.region_name) for r in config.get_all()] == [
        ("example", "earth1"), ("example", "earth2"), ("other", "")]  # fmt: skip


def test_load_switches(configured) -> None:
    configured.setenv("OS_AUTH_URL", "http://env.test/v3")
    config = OpenStackConfig(load_yaml_config=False)
    assert config.get_cloud_names() == ["envvars"]
    config = OpenStackConfig(load_envvars=False)
    assert config.get_cloud_names() == ["example", "other"]
    configured.setenv("OS_CLIENT_CONFIG_FILE", str(configured.path("cwd/clouds.yaml")))
    config = OpenStackConfig(load_yaml_config=False, config_files=[])
    assert config.config_filename == str(configured.path("cwd/clouds.yaml"))


def test_origins_are_plain_values() -> None:
    origin = provenance.Origin(provenance.FILE, "/x/clouds.yaml", 3).noted("given as a").noted("b")
    assert str(origin) == "file /x/clouds.yaml, line 3 (given as a; b)"
    assert provenance.shown("auth.application_credential_secret", "s") == "***"
    assert provenance.shown("auth.username", "u") == "u"


@pytest.mark.parametrize(
    "cloud, match",
    [
        (
            "{c: 5}",
            r"Cloud 'c' should be a mapping of settings, not 5 \(file .*clouds\.yaml, line 1\)",
        ),
        (
            "{c: {auth: [a, b]}}",
            r"auth should be a mapping of auth options, not \['a', 'b'\] \(file .*, line 1\)",
        ),
    ],
)
def test_settings_of_the_wrong_shape(cloud_env, cloud: str, match: str) -> None:
    cloud_env.write("cwd/clouds.yaml", "clouds: %s" % cloud)
    with pytest.raises(exceptions.ConfigException, match=match):
        stackclient.config.get_cloud_region()


def test_a_null_auth_section_is_empty(cloud_env) -> None:
    cloud_env.write("cwd/clouds.yaml", "clouds: {c: {auth: null, auth_type: none}}")
    assert stackclient.config.get_cloud_region().get_auth_args() == {}


def test_numbers_that_are_not_numbers(cloud_env) -> None:
    cloud_env.write(
        "cwd/clouds.yaml",
        "clouds: {c: {auth_type: none, auth: {endpoint: 'http://x'}, api_timeout: soon, compute_connect_retries: many}}",
    )
    region = stackclient.config.get_cloud_region()
    with pytest.raises(
        exceptions.ConfigException,
        match=r"compute_connect_retries should be a number, not 'many' \(file .*line 1\)",
    ):
        region.get_connect_retries("compute")
    with pytest.raises(exceptions.ConfigException, match="api_timeout should be a number"):
        region.get_session()
