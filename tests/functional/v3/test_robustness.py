"""Against the real Keystone: mistyped auth URLs, refused scopes, echoed secrets.

What Keystone 30 actually answers: an HTML 404 page for a URL it does not
serve, a 401 for a project the user has no role on, and 400 messages that
quote the input (``Value: 12345678.``), passwords of any type included.
"""

from __future__ import annotations

import logging
import typing as _t

import pytest

from stackclient import session
from stackclient.apiclient import exceptions
from stackclient.auth import generic, v2
from stackclient.v3 import client as v3_client
from tests.conftest import ECHOED_SECRETS
from tests.functional.v3.conftest import make_client


@pytest.mark.parametrize("suffix", ["/v3x", "/identity/v3", "", "/v2.0"])
def test_a_mistyped_auth_url_says_so(keystone: _t.Any, suffix: str) -> None:
    auth_url = keystone.url + suffix
    client = make_client(auth_url, keystone.admin_username, keystone.admin_password, "admin")
    error = pytest.raises(exceptions.NotFound, client.projects.list).value
    text = str(error)
    assert "does not look like an Identity" in text
    assert auth_url in text
    assert keystone.url + "/v3" in text  # the versioned form to try
    assert "<" not in text  # the HTML page is cut down to its title
    assert keystone.admin_password not in text


def test_v2_and_discovery_on_a_v3_only_keystone(keystone: _t.Any) -> None:
    plugin = v2.Password(keystone.url + "/v2.0", username="admin", password="x")
    client = v3_client.Client(session=session.Session(auth=plugin))
    text = str(pytest.raises(exceptions.NotFound, client.projects.list).value)
    assert "use a v3 plugin with %s/v3" % keystone.url in text
    plugin = generic.Password(keystone.url + "/v3x", username="admin", password="x")
    client = v3_client.Client(session=session.Session(auth=plugin))
    text = str(pytest.raises(exceptions.NotFound, client.projects.list).value)
    assert "version discovery" in text and "%s/v3" % keystone.url in text


def test_an_auth_url_without_scheme(keystone: _t.Any) -> None:
    bare = keystone.url.split("://", 1)[1] + "/v3"
    client = make_client(bare, keystone.admin_username, keystone.admin_password, "admin")
    error = pytest.raises(exceptions.ValidationError, client.projects.list).value
    assert repr(bare) in str(error)


def test_a_refused_scope_says_to_check_it(
    keystone: _t.Any, admin: v3_client.Client, cleanup: _t.Any, unique: _t.Any, project: _t.Any
) -> None:
    name, password = unique("norole"), unique("PW")
    user = admin.users.create(name, domain="default", password=password)
    cleanup.add(admin.users.delete, user)
    client = make_client(keystone.auth_url, name, password, project_id=project.id)
    text = str(pytest.raises(exceptions.Unauthorized, client.projects.list).value)
    assert "a role on project %r" % project.id in text
    assert password not in text


@pytest.mark.parametrize("password", ECHOED_SECRETS, ids=["str", "int", "list", "dict"])
def test_echoed_passwords_of_every_type(
    admin: v3_client.Client, unique: _t.Any, caplog: pytest.LogCaptureFixture, password: _t.Any
) -> None:
    caplog.set_level(logging.DEBUG, logger="stackclient")
    if isinstance(password, str):  # a string password is valid: leave out the name instead
        body = {"user": {"password": password}}
    else:
        body = {"user": {"name": unique("echo"), "password": password}}
    error = pytest.raises(exceptions.BadRequest, admin.post, "/users", json=body).value
    assert "Invalid input" in str(error)
    if isinstance(password, str):
        assert "'name' is a required property" in str(error)  # neighbours are kept
    leaves = [password] if not isinstance(password, (list, dict)) else password
    leaves = list(leaves.values()) if isinstance(leaves, dict) else leaves
    for leaf in leaves:
        assert str(leaf) not in str(error)
        assert str(leaf) not in caplog.text
