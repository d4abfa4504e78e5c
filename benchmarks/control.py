"""Small urllib helpers to talk to the canned server's control endpoints.

They never go through a client library, so using them costs the measured
client nothing it would not otherwise do; callers keep them out of timed
sections anyway.
"""

from __future__ import annotations

import json
import urllib.request
from typing import Any

from benchmarks import documents


def call(server: str, method: str, path: str) -> dict[str, Any]:
    """Send one control request and return its decoded JSON body."""
    request = urllib.request.Request(
        server + path, method=method, data=b"" if method == "POST" else None
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback only
        return json.loads(response.read())  # type: ignore[no-any-return]


def stats(server: str) -> dict[str, int]:
    """Return the server's request counters (other entries, such as tables, are left out)."""
    answer = call(server, "GET", "/_stats")
    return {key: int(value) for key, value in answer.items() if not isinstance(value, dict)}


def reset_stats(server: str) -> dict[str, int]:
    """Zero the counters; return them as they were."""
    return call(server, "POST", "/_stats/reset")


def set_token_ttl(server: str, seconds: float) -> None:
    """Set the lifetime of tokens the server issues from now on."""
    call(server, "POST", f"/_config?token_ttl={seconds}")


def diff(after: dict[str, int], before: dict[str, int]) -> dict[str, int]:
    """Counters seen between two :func:`stats` snapshots."""
    return {key: after.get(key, 0) - before.get(key, 0) for key in after}


def auth_count(counters: dict[str, int]) -> int:
    """Auth requests (v3 and v2.0 token POSTs) in a counters dict."""
    return counters.get("auth_v3", 0) + counters.get("auth_v2", 0)


def _token(server: str, total: int) -> str:
    """Get a token with the benchmark credentials, straight through urllib."""
    domain = {"id": documents.DOMAIN_ID}
    user = {"name": documents.USER_NAME, "password": documents.USER_PASSWORD, "domain": domain}
    scope = {"project": {"name": documents.PROJECT_NAME, "domain": domain}}
    body = {
        "auth": {"identity": {"methods": ["password"], "password": {"user": user}}, "scope": scope}
    }
    request = urllib.request.Request(
        f"{server}/c/{total}/v3/auth/tokens",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback only
        return str(response.headers["X-Subject-Token"])


def prime_pages(server: str, total: int, limit: int) -> int:
    """Walk a paged collection once so the server has every page encoded."""
    token = _token(server, total)
    url: str | None = f"{server}/c/{total}/v3/projects?limit={limit}"
    pages = 0
    while url:
        request = urllib.request.Request(url, headers={"X-Auth-Token": token})
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback only
            url = json.loads(response.read())["links"]["next"]
        pages += 1
    reset_stats(server)
    return pages
