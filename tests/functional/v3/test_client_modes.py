"""The v3 Client against a real Keystone: the construction modes and the errors people hit."""

from __future__ import annotations

import datetime
import json
import threading
import typing as _t
import uuid

import pytest
import requests

from stackclient import session
from stackclient.apiclient import exceptions
from stackclient.auth import v3 as v3_auth
from stackclient.v3 import client as v3_client


class _CountingAdapter(requests.adapters.HTTPAdapter):
    """An HTTP adapter that records every request it sends."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[tuple[str, str]] = []

    def send(self, request: requests.PreparedRequest, **kwargs: _t.Any) -> requests.Response:
        self.sent.append((request.method or "", request.url or ""))
        return super().send(request, **kwargs)

    def auth_requests(self) -> list[tuple[str, str]]:
        return [(m, u) for m, u in self.sent if "/v3/auth/tokens" in u]


def _count_requests(client: v3_client.Client) -> _CountingAdapter:
    counter = _CountingAdapter()
    client.session.session.mount("http://", counter)
    return counter


def _password_client(keystone: _t.Any, **kwargs: _t.Any) -> v3_client.Client:
    kwargs.setdefault("auth_url", keystone.auth_url)
    kwargs.setdefault("username", keystone.admin_username)
    kwargs.setdefault("password", keystone.admin_password)
    kwargs.setdefault("project_name", keystone.admin_project_name)
    return v3_client.Client(**kwargs)


def test_session_mode_uses_the_catalog(keystone: _t.Any) -> None:
    plugin = v3_auth.Password(
        auth_url=keystone.auth_url,
        username=keystone.admin_username,
        password=keystone.admin_password,
        user_domain_id="default",
        project_name=keystone.admin_project_name,
        project_domain_id="default",
    )
    admin = v3_client.Client(session=session.Session(auth=plugin))
    names = [p.name for p in admin.projects.list()]
    assert keystone.admin_project_name in names
    assert admin.management_url == keystone.auth_url
    assert admin.has_service_catalog()
    assert admin.project_name == keystone.admin_project_name


def test_password_keywords_authenticate(keystone: _t.Any) -> None:
    admin = _password_client(keystone)
    assert admin.authenticate() is True
    assert admin.username == keystone.admin_username
    assert admin.auth_ref.project_scoped
    assert keystone.admin_project_name in [p.name for p in admin.projects.list()]


def test_stored_auth_ref_makes_no_auth_request(keystone: _t.Any) -> None:
    first = _password_client(keystone)
    first.authenticate()
    stored = first.auth_ref.to_json()

    again = v3_client.Client(auth_ref=stored)
    counter = _count_requests(again)
    projects = again.projects.list()
    assert keystone.admin_project_name in [p.name for p in projects]
    assert again.user_id == first.user_id
    assert counter.sent, "the listing should have gone through the counted adapter"
    assert counter.auth_requests() == []
    assert all(u.startswith(keystone.auth_url) for _, u in counter.sent)


def test_stored_auth_ref_with_password_still_makes_no_auth_request(keystone: _t.Any) -> None:
    first = _password_client(keystone)
    stored = first.auth_ref.to_json()
    again = v3_client.Client(
        auth_ref=stored, auth_url=keystone.auth_url, password=keystone.admin_password
    )
    counter = _count_requests(again)
    again.projects.list()
    assert counter.auth_requests() == []
    again.authenticate()
    assert [m for m, _ in counter.auth_requests()] == ["POST"]
    assert again.project_id == first.project_id


def test_token_exchange(keystone: _t.Any) -> None:
    first = _password_client(keystone)
    scoped = v3_client.Client(
        auth_url=keystone.auth_url,
        token=first.auth_token,
        project_name=keystone.admin_project_name,
    )
    assert scoped.auth_token != first.auth_token
    assert scoped.project_id == first.project_id
    assert "token" in scoped.auth_ref.methods


def test_admin_token_bootstrap(keystone: _t.Any, cleanup: _t.Any, unique: _t.Any) -> None:
    boot = v3_client.Client(token=keystone.admin_token, endpoint=keystone.auth_url)
    counter = _count_requests(boot)
    assert boot.user_id is None
    assert boot.auth_ref is None
    name = unique("boot")
    # With the admin token there is no token scope: the domain must be named.
    project = boot.projects.create(name, domain="default", description="admin-token test")
    cleanup.add(boot.projects.delete, project)
    assert project.domain_id == "default"
    assert boot.projects.get(project).name == name
    assert name in [p.name for p in boot.projects.list(domain="default")]
    assert counter.auth_requests() == []
    assert counter.sent
    assert all(u.startswith(keystone.auth_url) for _, u in counter.sent)


def test_wrong_password_is_unauthorized(keystone: _t.Any) -> None:
    wrong = _password_client(keystone, password="not-" + keystone.admin_password)
    with pytest.raises(exceptions.Unauthorized) as info:
        wrong.projects.list()
    assert info.value.http_status == 401
    assert keystone.admin_password not in str(info.value)


def test_unknown_id_is_not_found(admin: v3_client.Client) -> None:
    with pytest.raises(exceptions.NotFound):
        admin.projects.get(uuid.uuid4().hex)
    with pytest.raises(exceptions.NotFound):
        admin.tokens.validate(uuid.uuid4().hex)


def test_unreachable_auth_url_names_the_url(keystone: _t.Any) -> None:
    unreachable = "http://127.0.0.1:9/v3"
    client = _password_client(keystone, auth_url=unreachable)
    with pytest.raises(exceptions.ConnectionRefused) as info:
        client.projects.list()
    assert "127.0.0.1:9" in str(info.value)


def test_sixteen_threads_at_token_expiry_cause_one_auth_request(keystone: _t.Any) -> None:
    admin = _password_client(keystone)
    admin.authenticate()
    # The same token, told it is an hour-long one with 10 s left: inside the
    # 120 s refresh margin (a token that only ever lived 10 s has a 5 s one).
    stored = json.loads(admin.auth_ref.to_json())
    soon = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=10)
    stored["expires_at"] = soon.strftime("%Y-%m-%dT%H:%M:%S.000000Z")
    issued = soon - datetime.timedelta(hours=1)
    stored["issued_at"] = issued.strftime("%Y-%m-%dT%H:%M:%S.000000Z")
    admin.auth_ref = json.dumps(stored)
    counter = _count_requests(admin)
    barrier = threading.Barrier(16)
    errors: list[BaseException] = []
    seen: list[list[str]] = []

    def work() -> None:
        barrier.wait()
        try:
            seen.append([p.name for p in admin.projects.list()])
        except BaseException as err:  # noqa: BLE001 - reported below
            errors.append(err)

    threads = [threading.Thread(target=work) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert len(seen) == 16 and all(keystone.admin_project_name in names for names in seen)
    assert [m for m, _ in counter.auth_requests()] == ["POST"]
    assert admin.auth_ref.expires > soon
