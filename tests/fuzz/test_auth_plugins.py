"""Every auth plugin, through each of its faces, against every kind of answer.

Each example builds a fresh plugin, lets the drawn answers play the
identity service (version discovery, the token request, the call), and
uses the plugin twice, so that a token with an odd expiry, catalog or
header is also read back from the cache.
"""

from __future__ import annotations

import typing as _t

import requests_mock
from hypothesis import given
from hypothesis import strategies as st

from stackclient import access, session
from stackclient.apiclient import auth as apiauth
from stackclient.apiclient import client as apiclient
from stackclient.auth import admin_token, base, generic, noauth, v2, v3
from stackclient.v3 import client as v3_client
from tests.fuzz import _harness, strategies

ROOT = "http://identity.test"
V3 = ROOT + "/v3"
V2 = ROOT + "/v2.0"

#: A token as a client stores it, to rebuild the "stored auth_ref" plugin.
STORED = (
    '{"version": "v3", "auth_token": "stored-token", "expires_at": "2030-01-01T00:00:00Z", '
    '"issued_at": "2029-12-31T23:00:00Z", "methods": ["password"], "user": {"id": "u1"}, '
    '"catalog": [{"type": "identity", "endpoints": [{"interface": "public", "url": "%s"}]}]}' % V3
)

#: Every registered plugin (by entry point name), and the stored-token one.
PLUGINS: dict[str, _t.Callable[[], _t.Any]] = {
    "v3password": lambda: v3.Password(
        V3, username="u", user_domain_id="default", password="fuzz-pw",
        project_name="p", project_domain_id="default",
    ),
    "v3token": lambda: v3.Token(V3, token="fuzz-token", project_id="p"),
    "v3applicationcredential": lambda: v3.ApplicationCredential(
        V3, application_credential_secret="fuzz-secret", application_credential_id="ac"
    ),
    "v2password": lambda: v2.Password(V2, username="u", password="fuzz-pw", tenant_name="t"),
    "v2token": lambda: v2.Token(V2, token="fuzz-token", tenant_id="t"),
    "password": lambda: generic.Password(
        ROOT, username="u", password="fuzz-pw", project_name="p", default_domain_id="default"
    ),
    "token": lambda: generic.Token(ROOT, token="fuzz-token"),
    "admin_token": lambda: admin_token.AdminToken(token="fuzz-token", endpoint=V3),
    "none": lambda: noauth.NoAuth(endpoint=V3),
    "token-endpoint": lambda: apiauth.TokenEndpointPlugin(token="fuzz-token", endpoint=V3),
    "multi-method": lambda: v3.Auth(
        V3, [v3.PasswordMethod(password="fuzz-pw", user_id="u"), v3.TokenMethod("fuzz-token")],
        project_id="p",
    ),
    "stored": lambda: base.AccessInfoPlugin(access.AccessInfo.from_json(STORED), auth_url=V3),
}  # fmt: skip


class _Identity(apiclient.BaseClient):
    service_type = "identity"


def _session_get(plugin: _t.Any) -> object:
    return session.Session(auth=plugin).get(
        "/projects", endpoint_filter={"service_type": "identity"}
    )


def _client_list(plugin: _t.Any) -> object:
    return v3_client.Client(session=session.Session(auth=plugin)).projects.list()


def _http_client(plugin: _t.Any) -> object:
    return _Identity(apiclient.HTTPClient(plugin)).get("/projects")


def _endpoint_and_token(plugin: _t.Any) -> object:
    sess = session.Session(auth=plugin)
    return sess.get_endpoint(service_type="compute", interface="internal"), sess.get_token()


def _access(plugin: _t.Any) -> object:
    ref = (
        plugin.get_access(session.Session(auth=plugin)) if hasattr(plugin, "get_access") else None
    )
    return ref and (ref.expires, ref.service_catalog.get_urls(), ref.role_names, ref.to_json())


FACES = {
    "session": _session_get,
    "client": _client_list,
    "http_client": _http_client,
    "endpoint": _endpoint_and_token,
    "access": _access,
}


def test_every_registered_plugin_is_fuzzed():
    assert set(apiauth.discover_auth_systems()) <= set(PLUGINS)


@given(
    name=st.sampled_from(sorted(PLUGINS)),
    face=st.sampled_from(sorted(FACES)),
    answers=strategies.answer_lists,
    debug=st.booleans(),
)
def test_every_plugin_raises_only_client_exceptions(name, face, answers, debug):
    plugin = PLUGINS[name]()
    with requests_mock.Mocker() as mock, _harness.debug_log(debug):
        mock.register_uri(requests_mock.ANY, requests_mock.ANY, answers)
        for _ in range(2):  # the second use reads the cached token back
            _harness.survive("auth", lambda: FACES[face](plugin))
