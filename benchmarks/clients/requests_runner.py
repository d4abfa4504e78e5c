"""Raw ``requests.Session`` + ``.json()``: the floor a hand-written script reaches.

It POSTs the token request itself, takes the identity endpoint from the
catalog, sends ``X-Auth-Token`` and returns the decoded dicts.  A lock and
an expiry check make it safe to share between threads (scenario 5b).
"""

from __future__ import annotations

import datetime
import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import requests

from benchmarks.clients import base

# Refresh this many seconds before the token's expiry, as a careful script would.
EXPIRY_MARGIN = 1.0


def password_body() -> dict[str, Any]:
    """Return the v3 password auth request body."""
    user = {"name": base.USERNAME, "password": base.PASSWORD, "domain": {"id": base.DOMAIN_ID}}
    project = {"name": base.PROJECT_NAME, "domain": {"id": base.DOMAIN_ID}}
    identity = {"methods": ["password"], "password": {"user": user}}
    return {"auth": {"identity": identity, "scope": {"project": project}}}


def parse_expiry(value: str) -> float:
    """Parse Keystone's ``expires_at`` into a POSIX timestamp."""
    return datetime.datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()


def identity_endpoint(token_body: dict[str, Any]) -> str:
    """Return the public identity URL from a v3 token's catalog."""
    for service in token_body.get("catalog", []):
        if service.get("type") != "identity":
            continue
        for endpoint in service.get("endpoints", []):
            if endpoint.get("interface") == "public":
                return str(endpoint["url"]).rstrip("/")
    raise LookupError("no public identity endpoint in the catalog")


class Adapter(base.Adapter):
    """requests.Session driven by hand."""

    def __init__(self, auth_url: str) -> None:
        super().__init__(auth_url)
        self.session = requests.Session()
        self.lock = threading.Lock()
        self.token = ""
        self.token_body: dict[str, Any] = {}
        self.expires = 0.0
        self.endpoint = ""

    def version(self) -> str:
        return str(requests.__version__)

    def connect(self) -> None:
        self.session = requests.Session()
        self.expires = 0.0

    def _login(self) -> None:
        resp = self.session.post(self.auth_url + "/auth/tokens", json=password_body())
        resp.raise_for_status()
        self._install(resp.headers["X-Subject-Token"], resp.json()["token"])

    def _install(self, token: str, body: dict[str, Any]) -> None:
        self.endpoint = identity_endpoint(body)
        self.expires = parse_expiry(body["expires_at"])
        self.token_body = body
        self.token = token

    def _headers(self) -> dict[str, str]:
        with self.lock:
            if time.time() >= self.expires - EXPIRY_MARGIN:
                self._login()
            return {"X-Auth-Token": self.token}

    def auth_state(self) -> str:
        return json.dumps({"auth_token": self.token, "body": {"token": self.token_body}})

    def connect_from_state(self, state: str) -> None:
        self.session = requests.Session()
        data = json.loads(state)
        self._install(data["auth_token"], data["body"]["token"])

    def _get(self, target: str, params: dict[str, Any] | None = None) -> Any:
        """GET an absolute URL or a path under the identity endpoint."""
        headers = self._headers()  # may log in, which sets the endpoint
        url = target if target.startswith("http") else self.endpoint + target
        resp = self.session.get(url, params=params, headers=headers)
        resp.raise_for_status()
        return resp.json()

    def list_projects(self) -> list[dict[str, Any]]:
        return self._get("/projects")["projects"]  # type: ignore[no-any-return]

    def iterate_projects(self, limit: int) -> Iterator[dict[str, Any]]:
        target: str | None = "/projects"
        params: dict[str, Any] | None = {"limit": limit}
        while target:
            page = self._get(target, params)
            yield from page["projects"]
            target, params = page["links"].get("next"), None

    def get_project(self, project_id: str) -> dict[str, Any]:
        return self._get(f"/projects/{project_id}")["project"]  # type: ignore[no-any-return]

    def create_project(self, name: str) -> dict[str, Any]:
        body: dict[str, Any] = {
            "project": {"name": name, "domain_id": base.DOMAIN_ID, "enabled": True}
        }
        headers = self._headers()
        resp = self.session.post(self.endpoint + "/projects", json=body, headers=headers)
        resp.raise_for_status()
        return resp.json()["project"]  # type: ignore[no-any-return]

    def create_user(self, name: str, password: str) -> dict[str, Any]:
        body = {"user": {"name": name, "domain_id": base.DOMAIN_ID, "password": password}}
        headers = self._headers()
        resp = self.session.post(self.endpoint + "/users", json=body, headers=headers)
        if resp.status_code >= 400:  # what a script reports: the server's message
            raise RuntimeError(resp.json()["error"]["message"][:200])
        return resp.json()["user"]  # type: ignore[no-any-return]

    def item_id(self, item: Any) -> str:
        return item["id"]  # type: ignore[no-any-return]

    def item_name(self, item: Any) -> str:
        return item["name"]  # type: ignore[no-any-return]
