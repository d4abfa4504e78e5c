"""Smoke test: the loopback Keystone answers like a real Identity v3 API."""

from __future__ import annotations

import importlib.util
import sys
import time
from typing import Any

import pytest
import requests

from tests.functional.conftest import SCRIPT

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


def test_a_hanging_setup_step_fails_loudly_instead_of_hanging() -> None:
    spec = importlib.util.spec_from_file_location("keystone_server_tool", SCRIPT)
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    hang = [sys.executable, "-c", "print('started', flush=True); import time; time.sleep(60)"]
    began = time.monotonic()
    with pytest.raises(tool.ServerError, match="hang-step timed out after 1 s") as info:
        tool.run_checked(hang, "hang-step", timeout=1.0)
    assert time.monotonic() - began < 30
    assert "started" in str(info.value)
