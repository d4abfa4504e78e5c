"""CloudRegion: per-service settings, TLS arguments, the auth plugin and the session."""

from __future__ import annotations

import pytest

from stackclient import session
from stackclient.apiclient import exceptions
from stackclient.auth import admin_token, generic, noauth, v2, v3
from stackclient.config import auth_types, cloud_region, files
from stackclient.config.cloud_region import CloudRegion

URL = "http://keystone.test:5000/v3"


def _region(**config) -> CloudRegion:
    config.setdefault("auth_type", "password")
    return CloudRegion("c", config=config)


def test_per_service_keys_by_official_type_then_aliases() -> None:
    region = _region(volumev2_api_version="2", volume_api_version="3", interface="public",
                     volume_interface="internal", block_storage_region_name="b")  # fmt: skip
    assert region.get_api_version("block-storage") == "2"  # volumev2 comes before volume
    assert region.get_api_version("volume") == "2"
    assert region.get_interface("block-storage") == "internal"
    assert region.get_interface("compute") == "public"
    assert region.get_region_name("volumev3") == "b"
    assert region.get_service_type("volume") == "block-storage"
    assert region.get_service_type("made-up") == "made-up"


def test_api_versions() -> None:
    region = _region(compute_api_version="2.79", image_api_version="v2", dns_api_version="latest")
    assert region.get_api_version("compute") == "2.79"
    assert region.get_api_version("image") is None  # not a number: ignored as by openstacksdk
    assert region.get_api_version("dns") == "latest"


def test_interface_must_be_text_or_a_list() -> None:
    assert _region(interface=["internal", "public"]).get_interface() == ["internal", "public"]
    with pytest.raises(exceptions.ConfigException, match="interface should be"):
        _region(interface={"a": 1}).get_interface()


def test_endpoints_configured_instead_of_the_catalog() -> None:
    region = _region(
        compute_endpoint="http://nova.direct", auth={"auth_url": URL, "project_id": "p"}
    )
    assert region.get_endpoint("compute") == "http://nova.direct"
    assert region.get_endpoint("identity") is None  # scoped: the catalog decides
    assert _region(auth={"auth_url": URL}).get_endpoint("identity") == URL
    none = _region(auth_type="none", auth={"endpoint": "http://bare"})
    assert none.get_endpoint("image") == "http://bare"


def test_service_settings_is_the_service_client_contract() -> None:
    region = _region(region_name="R", network_service_name="neutron2", network_api_version="2",
                     network_endpoint_override="http://n")  # fmt: skip
    assert region.service_settings("network") == {
        "service_type": "network", "service_name": "neutron2", "interface": None,
        "region_name": "R", "endpoint_override": "http://n", "api_version": "2"}  # fmt: skip


def test_verify_and_cert(monkeypatch) -> None:
    monkeypatch.setenv("HOME", "/home/me")
    assert _region().get_requests_verify_args() == (True, None)
    assert _region(cacert="~/ca.pem").get_requests_verify_args() == ("/home/me/ca.pem", None)
    assert _region(verify=False).get_requests_verify_args() == (False, None)
    assert _region(insecure=True, verify=True).get_requests_verify_args() == (False, None)
    assert _region(cert="~/c.pem", key="~/k.pem").get_requests_verify_args() == (
        True, ("/home/me/c.pem", "/home/me/k.pem"))  # fmt: skip
    with pytest.warns(files.ConfigWarning, match="cacert but turns certificate verification off"):
        _region(verify=False, cacert="/ca.pem").get_requests_verify_args()


def test_settings_as_attributes_and_names() -> None:
    region = CloudRegion("c", region_name="R", config={"auth_type": "token", "interface": "admin"})
    assert (region.auth_type, region.os_interface, region.full_name) == ("token", "admin", "c:R")
    with pytest.raises(AttributeError):
        region.no_such_setting  # noqa: B018
    assert CloudRegion().full_name == "unknown"


@pytest.mark.parametrize(
    "auth_type, auth, cls",
    [
        ("password", {"auth_url": URL, "username": "u", "password": "p"}, generic.Password),
        ("token", {"auth_url": URL, "token": "t"}, generic.Token),
        (
            "v2password",
            {"auth_url": URL, "username": "u", "password": "p", "tenant_name": "t"},
            v2.Password,
        ),
        ("v2token", {"auth_url": URL, "token": "t"}, v2.Token),
        ("v3password", {"auth_url": URL, "user_id": "u", "password": "p"}, v3.Password),
        ("v3token", {"auth_url": URL, "token": "t", "project_id": "p"}, v3.Token),
        (
            "v3applicationcredential",
            {
                "auth_url": URL,
                "application_credential_id": "a",
                "application_credential_secret": "s",
                "project_id": "ignored",
            },
            v3.ApplicationCredential,
        ),  # fmt: skip
        ("admin_token", {"endpoint": "http://ks", "token": "t"}, admin_token.AdminToken),
        ("none", {"endpoint": "http://ks"}, noauth.NoAuth),
    ],
)
def test_each_auth_type_builds_its_plugin(auth_type, auth, cls) -> None:
    plugin = auth_types.build_plugin(auth_type, auth)
    assert type(plugin) is cls


def test_names_without_domains_use_the_default_domain() -> None:
    plugin = auth_types.build_plugin(
        "v3password", {"auth_url": URL, "username": "u", "password": "p", "project_name": "x"}
    )
    assert (plugin.opts["user_domain_id"], plugin.opts["project_domain_id"]) == (
        "default",
        "default",
    )
    plugin = auth_types.build_plugin(
        "password", {"auth_url": URL, "username": "u", "password": "p"}
    )
    assert plugin.opts["default_domain_id"] == "default"
    plugin = auth_types.build_plugin("v3password", {"auth_url": URL, "username": "u", "password": "p",
                                                    "user_domain_name": "D"})  # fmt: skip
    assert plugin.opts["user_domain_id"] is None


def test_missing_options() -> None:
    assert auth_types.missing("password", {"auth_url": URL}) == ["username or user_id", "password"]
    assert auth_types.missing("v3applicationcredential", {"auth_url": URL}) == [
        "application_credential_secret", "application_credential_id or application_credential_name"]  # fmt: skip
    assert auth_types.missing("admin_token", {"token": "t"}) == ["endpoint"]
    assert auth_types.missing("none", {}) == []
    assert (
        auth_types.canonical(None) == "none"
        and auth_types.canonical("token_endpoint") == "admin_token"
    )


def test_session_is_built_once_with_the_cloud_settings() -> None:
    region = CloudRegion("c", config={"auth_type": "token", "auth": {"auth_url": URL, "token": "t"},
                                      "api_timeout": 30, "verify": False, "connect_retries": "2"},
                         app_name="myapp", app_version="1.2")  # fmt: skip
    sess = region.get_session()
    assert sess is region.get_session()
    assert (sess.timeout, sess.verify) == (30.0, False)
    assert sess.user_agent.startswith("myapp/1.2 stackclient/")
    assert isinstance(sess.auth, generic.Token)
    plugin = noauth.NoAuth(endpoint="http://x")
    region.set_auth(plugin)
    assert region.get_session().auth is plugin


def test_from_session_takes_settings_from_arguments_only() -> None:
    sess = session.Session()
    region = cloud_region.from_session(
        sess, region_name="R", compute_api_version=2, identity_interface="internal"
    )
    assert region.get_session() is sess
    assert (
        region.region_name,
        region.get_api_version("compute"),
        region.get_interface("identity"),
    ) == ("R", "2", "internal")
    assert str(region.origin("compute_api_version")) == "argument compute_api_version="
    assert str(region.origin("region_name")) == "argument region_name="
    region.close()  # a given session is not closed
    assert region.get_session() is sess
