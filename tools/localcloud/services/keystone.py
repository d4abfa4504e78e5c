"""Keystone (Identity v3) with SQLite, fernet tokens and an in-memory cache.

Start options (``--set keystone.X=V``): ``list_limit`` (server-side page
size), ``admin_password`` (else random), ``port`` (else a free one),
``bare=true`` (create nothing beyond what bootstrap makes: no ``service``
or ``demo`` project, no ``member_*`` keys).

Besides serving Identity, ``start`` logs ``ctx.keystone`` in as the
bootstrap admin, creates the ``service`` project for service users and a
non-admin user ``demo`` with the ``member`` role in its own project
``demo``, and publishes the top-level keys of cloud.json: ``url``,
``auth_url``, ``admin_username``, ``admin_password``,
``admin_project_name``, ``admin_project_id``, ``admin_token`` (the
deprecated ``[DEFAULT] admin_token``), ``user_domain_id``,
``project_domain_id``, ``member_username``, ``member_password``,
``member_project_name``, ``member_project_id``.
"""

from __future__ import annotations

import base64
import os
import time
from pathlib import Path
from typing import Any

from ..base import Context, Service, ini_text, write_private
from ..keystone_admin import KeystoneAdmin
from ..net import http_status, wait_until

__all__ = ["Keystone"]

ADMIN = "admin"
MEMBER = "demo"


class Keystone(Service):
    """Identity v3 on one gunicorn worker; the first service of every cloud."""

    name = "keystone"
    venv = "openstack"
    start_timeout = 120.0

    def _config(self, ctx: Context, admin_token: str) -> str:
        sdir = ctx.service_dir(self.name)
        default: dict[str, object] = {
            "admin_token": admin_token,
            "log_dir": ctx.log_dir(self.name),
            "log_file": "keystone.log",
            "use_stderr": False,
            "debug": False,
        }
        if ctx.option(self.name, "list_limit") is not None:
            default["list_limit"] = int(ctx.option(self.name, "list_limit"))
        return ini_text(
            {
                "DEFAULT": default,
                "database": {"connection": f"sqlite:///{sdir / 'keystone.db'}"},
                "token": {"provider": "fernet", "expiration": 3600},
                "fernet_tokens": {"key_repository": sdir / "fernet-keys"},
                "fernet_receipts": {"key_repository": sdir / "fernet-receipts"},
                "credential": {"key_repository": sdir / "credential-keys"},
                "identity": {"password_hash_rounds": 4},
                "cache": {"enabled": True, "backend": "dogpile.cache.memory"},
            }
        )

    def _admin_password(self, ctx: Context) -> str:
        given = ctx.option(self.name, "admin_password") or os.environ.get(
            "STACKCLIENT_KEYSTONE_ADMIN_PASSWORD"
        )
        return str(given) if given else ctx.secret("user-admin")

    def prepare(self, ctx: Context) -> None:
        sdir = ctx.service_dir(self.name)
        for sub in ("fernet-keys", "fernet-receipts", "credential-keys"):
            _key_repository(sdir / sub)
        config = write_private(
            sdir / "keystone.conf", self._config(ctx, ctx.secret("admin-token"))
        )
        manage = [ctx.bin("openstack", "keystone-manage"), "--config-file", str(config)]
        env = ctx.env("openstack", OS_BOOTSTRAP_PASSWORD=self._admin_password(ctx))

        def db_sync(_db: Path) -> None:
            ctx.run(self.name, [*manage, "db_sync"], "db_sync", env=env)

        key = f"keystone db_sync {ctx.venv_fingerprint('openstack')}"
        ctx.cached(self.name, sdir / "keystone.db", db_sync, key=key)
        url = ctx.auth_url
        bootstrap = ["bootstrap", "--bootstrap-username", ADMIN]
        bootstrap += ["--bootstrap-project-name", ADMIN, "--bootstrap-role-name", ADMIN]
        bootstrap += ["--bootstrap-service-name", "keystone", "--bootstrap-region-id", ctx.region]
        for interface in ("admin", "internal", "public"):
            bootstrap += [f"--bootstrap-{interface}-url", url]
        ctx.run(self.name, manage + bootstrap, "bootstrap", env=env)

    def start(self, ctx: Context) -> dict[str, Any]:
        port = ctx.port(self.name)
        config = ctx.service_dir(self.name) / "keystone.conf"
        env = ctx.env("openstack", OS_KEYSTONE_CONFIG_FILES=str(config))
        app = "keystone.server.wsgi:initialize_public_application()"
        proc = ctx.gunicorn(self.name, "keystone", app, port, env=env)
        base = ctx.url(self.name)

        def ready() -> bool:
            return http_status(f"{base}/healthcheck") == 200 and http_status(ctx.auth_url) == 200

        wait_until(ready, "keystone", deadline=time.monotonic() + 90, proc=proc)
        admin = KeystoneAdmin(ctx.auth_url, ADMIN, self._admin_password(ctx), ADMIN)
        ctx.keystone = admin
        ctx.cloud.update(self._identities(ctx, admin, base))
        return {
            "endpoints": {"identity": ctx.auth_url},
            "url": base,
            "pid": proc.pid,
            "port": port,
        }

    def _identities(self, ctx: Context, admin: KeystoneAdmin, base: str) -> dict[str, Any]:
        published = {
            "url": base,
            "auth_url": ctx.auth_url,
            "admin_username": ADMIN,
            "admin_password": self._admin_password(ctx),
            "admin_project_name": ADMIN,
            "admin_project_id": admin.ensure_project(ADMIN),
            "admin_token": ctx.secret("admin-token"),
            "user_domain_id": "default",
            "project_domain_id": "default",
        }
        if not ctx.option(self.name, "bare", False):
            published.update(self._member(ctx, admin))
        return published

    def _member(self, ctx: Context, admin: KeystoneAdmin) -> dict[str, Any]:
        admin.ensure_project("service")
        member_project = admin.ensure_project(MEMBER)
        member_password = ctx.secret(f"user-{MEMBER}")
        member_id = admin.ensure_user(MEMBER, member_password, member_project)
        admin.grant("member", member_id, member_project)
        return {
            "member_username": MEMBER,
            "member_password": member_password,
            "member_project_name": MEMBER,
            "member_project_id": member_project,
        }


def _key_repository(path: Path) -> None:
    """Create a fernet key repository as ``keystone-manage fernet_setup`` leaves it.

    Two keys: ``0`` (staged) and ``1`` (primary), each 32 random bytes,
    url-safe base64, readable by the owner only.  Writing them here saves
    two keystone-manage runs (seconds of CPU each).
    """
    path.mkdir(mode=0o700, exist_ok=True)
    for name in ("0", "1"):
        key = base64.urlsafe_b64encode(os.urandom(32)).decode()
        write_private(path / name, key)
