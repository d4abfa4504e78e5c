"""Smoke test: the loopback Keystone answers like a real Identity v3 API."""

from __future__ import annotations

from typing import Any

import requests

TIMEOUT = 30


def _password_auth(server: Any) -> dict[str, Any]:
    """Return a password auth body scoped to the admin project."""
    domain = {"id": "default"}
    return {
        "auth": {
            "identity": {
                "methods": ["password"],
                "password": {
                    "user": {
                        "name": server.admin_username,
                        "domain": domain,
                        "password": server.admin_password,
                    }
                },
            },
            "scope": {"project": {"name": server.admin_project_name, "domain": domain}},
        }
    }


def test_version_document(keystone: Any) -> None:
    resp = requests.get(keystone.auth_url, timeout=TIMEOUT)
    assert resp.status_code == 200
    assert resp.json()["version"]["id"].startswith("v3.")


def test_password_token_scoped_to_admin_project(keystone: Any) -> None:
    url = f"{keystone.auth_url}/auth/tokens"
    resp = requests.post(url, json=_password_auth(keystone), timeout=TIMEOUT)
    assert resp.status_code == 201
    assert resp.headers.get("X-Subject-Token")
    assert resp.json()["token"]["project"]["name"] == keystone.admin_project_name


def test_admin_token_lists_projects(keystone: Any) -> None:
    headers = {"X-Auth-Token": keystone.admin_token}
    resp = requests.get(f"{keystone.auth_url}/projects", headers=headers, timeout=TIMEOUT)
    assert resp.status_code == 200
    names = [project["name"] for project in resp.json()["projects"]]
    assert keystone.admin_project_name in names
