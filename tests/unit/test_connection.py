"""Connection and connect() on the wire: the seeds' ways of connecting, services as attributes.

A faked cloud answers on requests-mock: Keystone issues a token whose
catalog has identity in two regions (public and internal URLs apart) and
the other services as they really register (block storage as volumev3);
service roots answer version discovery. clouds.yaml files are written
into a private tree (``cloud_env``), never the user's.
"""

from __future__ import annotations

import argparse
import sys
import types

import pytest
import requests_mock as rm

import stackclient
from stackclient import connection, fixture, service_client, session
from stackclient._service_proxy import GenericServiceClient
from stackclient.apiclient import exceptions, service
from stackclient.auth import v3
from stackclient.v2_0 import client as v2_client
from stackclient.v3 import client as v3_client
from tests.unit import service_utils

AUTH_URL = "http://keystone.test:5000/v3"
IDENTITY = {
    ("earth1", "public"): "http://earth1.keystone.test/v3",
    ("earth1", "internal"): "http://earth1.internal.keystone.test/v3",
    ("earth2", "public"): "http://earth2.keystone.test/v3",
    ("example-region", "public"): "http://example.keystone.test/v3",
    ("example-region", "internal"): "http://example.internal.keystone.test/v3",
}

CLOUDS = f"""
clouds:
  example:
    auth:
      auth_url: {AUTH_URL}
      username: demo
      project_name: demo
    regions: [earth1, earth2]
    compute_api_version: "2.79"
  other:
    auth: {{auth_url: http://elsewhere.test/v3, username: x, password: y, project_id: p}}
"""
SECURE = "clouds: {example: {auth: {password: from-secure}}}"


def _token() -> fixture.V3Token:
    token = service_utils.token_body()
    token.remove_service("identity")
    identity = token.add_service("identity")
    for (region, interface), url in IDENTITY.items():
        identity.add_endpoint(interface, url, region=region)
    for service_type, url in service_utils.ENDPOINTS.items():
        if service_type != "identity":
            token.remove_service(service_type)
            service = token.add_service(service_type)
            for region in ("earth1", "earth2", "example-region", "RegionOne"):
                service.add_endpoint("public", url, region=region)
    return token


@pytest.fixture
def cloud(cloud_env) -> rm.Mocker:
    """The faked cloud, and clouds.yaml/secure.yaml in the private cwd."""
    cloud_env.write("cwd/clouds.yaml", CLOUDS)
    cloud_env.write("cwd/secure.yaml", SECURE)
    with rm.Mocker() as mocker:
        mocker.post(AUTH_URL + "/auth/tokens", json=_token(), status_code=201,
                    headers={"X-Subject-Token": "tok-1"})  # fmt: skip
        for url, document in service_utils.VERSION_DOCUMENTS.items():
            mocker.get(url, json=document)
            mocker.get(url + "/", json=document)
        for url in IDENTITY.values():
            mocker.get(
                url + "/projects", json={"projects": [{"id": url, "name": "p"}], "links": {}}
            )
        yield mocker


def _auth_body(mocker: rm.Mocker) -> dict:
    return next(r for r in mocker.request_history if r.path.endswith("/auth/tokens")).json()


# -- the seeds' ways of connecting -------------------------------------------------


def test_connect_with_a_named_cloud_and_region(cloud) -> None:
    conn = stackclient.connect(cloud="example", region_name="earth2")
    projects = conn.identity.projects()
    assert [p.id for p in projects] == [IDENTITY[("earth2", "public")]]
    body = _auth_body(cloud)
    assert body["auth"]["identity"]["password"]["user"] == {
        "name": "demo",
        "domain": {"id": "default"},
        "password": "from-secure",
    }
    assert body["auth"]["scope"] == {"project": {"name": "demo", "domain": {"id": "default"}}}


def test_connect_with_argparse_options(cloud, monkeypatch) -> None:
    monkeypatch.setattr(
        sys, "argv", ["app", "--os-cloud", "example", "--os-region-name", "earth2"]
    )
    options = argparse.ArgumentParser(description="Awesome OpenStack App")
    conn = stackclient.connect(options=options)
    assert conn.config.name == "example"
    assert [p.id for p in conn.identity.projects()] == [IDENTITY[("earth2", "public")]]
    help_text = options.format_help()
    for option in (
        "--os-cloud",
        "--os-password",
        "--os-auth-url",
        "--os-region-name",
        "--insecure",
    ):
        assert option in help_text
    assert str(conn.config.origin("region_name")) == "argparse --os-region-name"


def test_connection_from_arguments_only(cloud, cloud_env) -> None:
    cloud_env.setenv("OS_CLOUD", "other")  # ignored: no cloud= means no files and no env
    conn = connection.Connection(
        region_name="example-region",
        auth=dict(
            auth_url=AUTH_URL,
            username="amazing-user",
            password="super-secret-password",
            project_id="33aa1afc-03fe-43b8-8201-4e0d3b4b8ab5",
            user_domain_id="054abd68-9ad9-418b-96d3-3437bb376703",
        ),
        compute_api_version="2",
        identity_interface="internal",
    )
    assert [p.id for p in conn.identity.projects()] == [IDENTITY[("example-region", "internal")]]
    body = _auth_body(cloud)
    assert body["auth"]["scope"] == {"project": {"id": "33aa1afc-03fe-43b8-8201-4e0d3b4b8ab5"}}
    assert body["auth"]["identity"]["password"]["user"]["domain"] == {
        "id": "054abd68-9ad9-418b-96d3-3437bb376703"
    }
    assert conn.compute.api_version == "2"


def _session() -> session.Session:
    return session.Session(
        auth=v3.Password(
            auth_url=AUTH_URL,
            username="u",
            password="p",
            project_id="p1",
            user_domain_id="default",
        )  # fmt: skip
    )


def test_connection_from_a_session(cloud) -> None:
    sess = _session()
    conn = connection.Connection(session=sess, region_name="example-region",
                                 compute_api_version="2", identity_interface="internal")  # fmt: skip
    assert conn.session is sess
    assert [p.id for p in conn.identity.projects()] == [IDENTITY[("example-region", "internal")]]
    assert conn.config.get_api_version("compute") == "2"
    assert str(conn.config.origin("identity_interface")) == "argument identity_interface="


def test_connection_from_a_keystoneauth_session(cloud) -> None:
    from keystoneauth1 import session as ksa_session
    from keystoneauth1.identity import v3 as ksa_v3

    auth = ksa_v3.Password(auth_url=AUTH_URL, username="u", password="p", project_id="p1",
                           user_domain_id="default")  # fmt: skip
    conn = connection.Connection(session=ksa_session.Session(auth=auth), region_name="earth1")
    assert [p.id for p in conn.identity.list_projects()] == [IDENTITY[("earth1", "public")]]
    assert conn.authorize() == "tok-1"


def test_connection_from_a_cloud_region(cloud) -> None:
    import stackclient.config

    config = stackclient.config.get_cloud_region(cloud="example", region_name="earth1")
    conn = connection.Connection(config=config)
    assert conn.config is config
    assert [p.id for p in conn.identity.projects()] == [IDENTITY[("earth1", "public")]]


def test_from_config_names(cloud) -> None:
    assert connection.from_config(cloud="example").config.region_name == "earth1"
    assert connection.from_config(cloud_name="other").config.name == "other"
    options = argparse.Namespace(os_cloud="example", os_region_name="earth2")
    assert connection.from_config(options=options).config.region_name == "earth2"
    region = connection.from_config(cloud="other").config
    assert connection.from_config(cloud_config=region).config is region


def test_older_connection_arguments(cloud) -> None:
    conn = connection.Connection(auth_url=AUTH_URL, project_name="admin", username="admin",
                                 password="admin", auth_plugin="password")  # fmt: skip
    assert [p.name for p in conn.identity.list_projects()] == ["p"]
    user = _auth_body(cloud)["auth"]["identity"]["password"]["user"]
    assert user == {"name": "admin", "domain": {"id": "default"}, "password": "admin"}


def test_authenticator_and_profile_objects(cloud) -> None:
    class Filter:
        service_type, region, interface, version, service_name = (
            "compute",
            "earth2",
            "admin",
            "v2",
            None,
        )

    profile = types.SimpleNamespace(get_services=lambda: [Filter()])
    conn = connection.Connection(authenticator=_session().auth, profile=profile,
                                 region_name="earth1")  # fmt: skip
    assert conn.authorize() == "tok-1"
    assert conn.config.get_region_name("compute") == "earth2"
    assert conn.config.get_interface("compute") == "admin"
    assert conn.config.get_api_version("compute") == "2"


def test_authorize_returns_the_token_and_raises_client_exceptions(cloud) -> None:
    conn = stackclient.connect(cloud="example")
    assert conn.authorize() == "tok-1"
    cloud.post(AUTH_URL + "/auth/tokens", status_code=401,
               json={"error": {"code": 401, "message": "The request you have made requires authentication."}})  # fmt: skip
    with pytest.raises(exceptions.Unauthorized):
        stackclient.connect(cloud="example").authorize()


# -- services -------------------------------------------------------------------------


def test_services_are_built_once_and_aliases_share_them(cloud) -> None:
    conn = stackclient.connect(cloud="example")
    assert isinstance(conn.identity, v3_client.Client)
    assert conn.identity is conn.identity
    assert conn.block_storage is conn.volume is conn.volumev3
    assert cloud.call_count == 0  # nothing is sent before a service is used


def test_generic_service_follows_discovery_and_sends_the_microversion(cloud) -> None:
    conn = stackclient.connect(cloud="example")
    cloud.get("http://nova.test:8774/v2.1/servers", json={"servers": []})
    assert conn.compute.get("/servers").json() == {"servers": []}
    sent = cloud.last_request.headers
    assert sent["OpenStack-API-Version"] == "compute 2.79"
    assert sent["X-OpenStack-Nova-API-Version"] == "2.79"


def test_a_microversion_the_server_lacks_is_refused(cloud) -> None:
    conn = stackclient.connect(cloud="example", compute_api_version="2.200")
    with pytest.raises(exceptions.UnsupportedVersion):
        conn.compute.get("/servers")


def test_latest_is_negotiated_to_the_servers_newest(cloud) -> None:
    conn = stackclient.connect(cloud="example", compute_api_version="latest")
    cloud.get("http://nova.test:8774/v2.1/flavors", json={"flavors": []})
    conn.compute.get("/flavors")
    assert cloud.last_request.headers["OpenStack-API-Version"] == "compute 2.100"


def test_network_and_block_storage_by_catalog_alias(cloud) -> None:
    conn = stackclient.connect(cloud="example", volume_api_version="3.50")
    cloud.get("http://neutron.test:9696/v2.0/networks", json={"networks": []})
    cloud.get(service_utils.ENDPOINTS["volumev3"] + "/volumes", json={"volumes": []})
    assert conn.network.get("/networks").json() == {"networks": []}
    conn.block_storage.get("/volumes")
    assert cloud.last_request.headers["OpenStack-API-Version"] == "volume 3.50"


def test_endpoint_override_per_service(cloud) -> None:
    from stackclient.image.v2 import client as image_client

    conn = stackclient.connect(cloud="example", image_endpoint_override="http://glance.other/v2")
    cloud.get("http://glance.other/v2/images", json={"images": []})
    assert isinstance(conn.image, image_client.Client)  # on main: the table's client is used
    assert list(conn.image.images()) == []
    assert conn.endpoint_for("image") == "http://glance.other/v2"


def test_a_service_missing_from_the_catalog(cloud) -> None:
    conn = stackclient.connect(cloud="example")
    with pytest.raises(exceptions.EndpointNotFound):
        conn.orchestration.get("/stacks")


def test_a_client_module_in_the_table_is_used_with_the_service_contract(
    cloud, monkeypatch
) -> None:
    built = {}

    class Client:
        def __init__(self, **kwargs):
            built.update(kwargs)

    module = types.ModuleType("stackclient.network.v2_0.client")
    module.Client = Client
    monkeypatch.setitem(sys.modules, "stackclient.network.v2_0.client", module)
    conn = stackclient.connect(cloud="example", network_interface="internal")
    assert isinstance(conn.network, Client)
    assert built == {
        "session": conn.session,
        "service_type": "network",
        "service_name": None,
        "interface": "internal",
        "region_name": "earth1",
        "endpoint_override": None,
        "api_version": "2",
    }


def test_identity_v2_when_configured(cloud) -> None:
    conn = stackclient.connect(cloud="example", identity_api_version="2.0")
    assert isinstance(conn.identity, v2_client.Client)


def test_add_service_by_type_and_by_description(cloud) -> None:
    conn = stackclient.connect(cloud="example")
    other = stackclient.connect(cloud="example")
    conn.add_service("placement")
    assert isinstance(conn.placement, GenericServiceClient)

    class Thing:
        def __init__(self, **kwargs):
            self.kwargs = kwargs

    conn.add_service(connection.ServiceDescription("made-up", Thing, aliases=["madeup2"]))
    assert conn.made_up is conn.madeup2
    assert conn.made_up.kwargs["service_type"] == "made-up"
    with pytest.raises(AttributeError, match="add_service"):
        other.made_up  # noqa: B018 - added to one connection only


def test_unknown_attribute_says_how_to_add_a_service(cloud) -> None:
    conn = stackclient.connect(cloud="example")
    with pytest.raises(AttributeError, match=r"add_service\('frobnicator'\)"):
        conn.frobnicator  # noqa: B018


def test_close_closes_only_a_session_it_built(cloud) -> None:
    conn = stackclient.connect(cloud="example")
    built = conn.session
    with conn:
        pass
    assert conn.session is not built  # a new one is built on next use
    given = _session()
    with connection.Connection(session=given) as conn:
        pass
    assert conn.session is given


# -- seed 000's network snippet, through the service-client seam ----------------------


class _Networks(service.ServiceManager):
    resource_class = service.ServiceResource
    collection_key = "networks"
    key = "network"


class _NetworkClient(service_client.ServiceClient):
    """A stand-in for stackclient.network.v2_0.client.Client, built as the real one is."""

    service_type = "network"
    api_major = (2, 0)
    networks = service_client.LazyManager(__name__, "_Networks")
    sdk_resources = {"network": "networks"}


def test_seed_find_or_create_network(cloud, monkeypatch) -> None:
    module = types.ModuleType("stackclient.network.v2_0.client")
    module.Client = _NetworkClient
    monkeypatch.setitem(sys.modules, "stackclient.network.v2_0.client", module)
    networks = "http://neutron.test:9696/v2.0/networks"
    cloud.get(networks, json={"networks": []})
    cloud.get(networks + "/zuul", status_code=404, json={"NeutronError": {"message": "none"}})
    cloud.post(networks, status_code=201, json={"network": {"id": "n1", "name": "zuul"}})
    conn = stackclient.connect(cloud="example")

    network = conn.network.find_network("zuul")
    if network is None:
        network = conn.network.create_network(name="zuul")

    assert network.id == "n1"
    lookups = [
        r for r in cloud.request_history if r.url.startswith(networks) and r.method == "GET"
    ]
    assert [(r.path, r.qs) for r in lookups] == [
        ("/v2.0/networks", {"name": ["zuul"]}),
        ("/v2.0/networks/zuul", {}),
    ]
    assert cloud.last_request.json() == {"network": {"name": "zuul"}}
