"""A small Keystone v3 admin client over urllib, for setting the cloud up.

It logs in as the bootstrap admin (password, project-scoped), and offers
the few idempotent calls the services need at start: projects, users,
role grants, catalog services and endpoints.

Example::

    admin = KeystoneAdmin("http://127.0.0.1:5000/v3", "admin", password, "admin")
    project_id = admin.ensure_project("service")
    user_id = admin.ensure_user("glance", glance_password, project_id)
    admin.grant("admin", user_id, project_id)
    admin.add_endpoints("image", "glance", "http://127.0.0.1:9292", "RegionOne")
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from .base import CloudError

__all__ = ["INTERFACES", "KeystoneAdmin"]

#: Every catalog entry is registered under these three interfaces.
INTERFACES = ("public", "internal", "admin")
_TIMEOUT = 30.0


class KeystoneAdmin:
    """Admin calls against a running Keystone; thread-safe, token cached."""

    def __init__(
        self, auth_url: str, username: str, password: str, project_name: str = "admin"
    ) -> None:
        self.auth_url = auth_url.rstrip("/")
        self._username = username
        self._password = password
        self._project_name = project_name
        self._token: str | None = None
        self._lock = threading.Lock()

    # -- transport -----------------------------------------------------
    def _send(
        self, method: str, url: str, body: Any = None, token: str | None = None
    ) -> tuple[int, dict[str, str], Any]:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        request.add_header("Accept", "application/json")
        if token:
            request.add_header("X-Auth-Token", token)
        try:
            with urllib.request.urlopen(request, timeout=_TIMEOUT) as response:
                raw = response.read()
                status, headers = response.status, dict(response.headers)
        except urllib.error.HTTPError as err:
            raw, status, headers = err.read(), err.code, dict(err.headers)
        except OSError as err:
            raise CloudError(f"{method} {url}: {err}") from None
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = raw.decode(errors="replace")
        return status, headers, parsed

    def token(self) -> str:
        """Return a project-scoped admin token, issuing one on first use."""
        with self._lock:
            if self._token is None:
                self._token = self._issue_token()
            return self._token

    def _issue_token(self) -> str:
        domain = {"id": "default"}
        user = {"name": self._username, "domain": domain, "password": self._password}
        body = {
            "auth": {
                "identity": {"methods": ["password"], "password": {"user": user}},
                "scope": {"project": {"name": self._project_name, "domain": domain}},
            }
        }
        status, headers, parsed = self._send("POST", self.auth_url + "/auth/tokens", body)
        token = {k.lower(): v for k, v in headers.items()}.get("x-subject-token")
        if status != 201 or not token:
            raise CloudError(f"Keystone refused the admin login (HTTP {status}): {parsed}")
        return token

    def call(self, method: str, path: str, body: Any = None, expect: tuple[int, ...] = ()) -> Any:
        """Send an authenticated request to Keystone ``path`` (e.g. "/users")."""
        return self.request(method, self.auth_url + path, body, expect)

    def request(
        self, method: str, url: str, body: Any = None, expect: tuple[int, ...] = ()
    ) -> Any:
        """Send a request with the admin token to any ``url``; return the parsed JSON body.

        Raises CloudError on a status >= 400 not in ``expect``; a 503 (a
        service still warming up) is retried for a few seconds.
        """
        deadline = time.monotonic() + 20.0
        while True:
            status, _headers, parsed = self._send(method, url, body, self.token())
            if status != 503 or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        if status >= 400 and status not in expect:
            raise CloudError(f"{method} {url} answered HTTP {status}: {parsed}")
        return parsed

    # -- idempotent helpers ---------------------------------------------
    def _find(self, collection: str, name: str, **filters: str) -> dict[str, Any] | None:
        query = urllib.parse.urlencode({"name": name, **filters})
        found = self.call("GET", f"/{collection}?{query}")[collection]
        return found[0] if found else None

    def ensure_project(self, name: str, domain_id: str = "default") -> str:
        """Return the id of project ``name``, creating it if missing."""
        found = self._find("projects", name, domain_id=domain_id)
        if found:
            return str(found["id"])
        body = {"project": {"name": name, "domain_id": domain_id, "enabled": True}}
        return str(self.call("POST", "/projects", body)["project"]["id"])

    def ensure_user(self, name: str, password: str, project_id: str) -> str:
        """Return the id of user ``name`` (default domain), created or reset to ``password``."""
        found = self._find("users", name, domain_id="default")
        user = {"name": name, "password": password, "default_project_id": project_id}
        if found:
            self.call("PATCH", f"/users/{found['id']}", {"user": user})
            return str(found["id"])
        user.update(domain_id="default", enabled=True)
        return str(self.call("POST", "/users", {"user": user})["user"]["id"])

    def role_id(self, name: str) -> str:
        """Return the id of role ``name``, creating it if missing."""
        found = self._find("roles", name)
        if found:
            return str(found["id"])
        return str(self.call("POST", "/roles", {"role": {"name": name}})["role"]["id"])

    def grant(self, role: str, user_id: str, project_id: str) -> None:
        """Give ``user_id`` the role named ``role`` on ``project_id``."""
        role_id = self.role_id(role)
        self.call("PUT", f"/projects/{project_id}/users/{user_id}/roles/{role_id}")

    def ensure_service(self, service_type: str, name: str) -> str:
        """Return the id of catalog service ``name`` of ``service_type``, creating it."""
        query = urllib.parse.urlencode({"type": service_type})
        for service in self.call("GET", f"/services?{query}")["services"]:
            if service.get("name") == name:
                return str(service["id"])
        body = {"service": {"type": service_type, "name": name, "enabled": True}}
        return str(self.call("POST", "/services", body)["service"]["id"])

    def add_endpoints(self, service_type: str, name: str, url: str, region: str) -> str:
        """Register ``url`` for the public, internal and admin interfaces; return the service id.

        Endpoints this service already had are replaced, so a restart on a
        new port leaves one URL per interface.
        """
        service_id = self.ensure_service(service_type, name)
        query = urllib.parse.urlencode({"service_id": service_id})
        for old in self.call("GET", f"/endpoints?{query}")["endpoints"]:
            self.call("DELETE", f"/endpoints/{old['id']}", expect=(404,))
        for interface in INTERFACES:
            endpoint = {
                "service_id": service_id,
                "interface": interface,
                "url": url,
                "region_id": region,
                "enabled": True,
            }
            self.call("POST", "/endpoints", {"endpoint": endpoint})
        return service_id
