"""The service interface of the local cloud, and the context services run in.

A service is a subclass of :class:`Service` in its own module under
``services/``, listed once in ``registry.py``.  The orchestrator drives
every selected service through the same steps:

1. ``prepare(ctx)`` -- for all services at once, in parallel threads,
   before anything runs: write config files, sync databases, build rings.
   Nothing else is running yet, but every port and secret can already be
   asked for (``ctx.port("glance")`` gives the same number to every
   caller), so configs can name each other's URLs.
2. ``start(ctx) -> dict`` -- in dependency waves (a service starts once
   everything in ``requires`` has started; a wave's services start in
   parallel threads).  ``ctx.keystone`` is then a logged-in
   :class:`~localcloud.keystone_admin.KeystoneAdmin`, and ``ctx.results``
   holds what earlier waves returned.  A service registers its Keystone
   user and catalog entries (``ctx.register``), spawns its processes
   (``ctx.spawn`` / ``ctx.gunicorn``), waits for them with a bounded wait,
   and returns what it adds to cloud.json under ``services.<name>``
   (conventionally ``endpoints``: ``{service_type: url}``; ``state_dir``
   and ``logs`` are filled in by the orchestrator).
3. ``stop(ctx)`` -- may run in another process than ``start`` (``cloud.py
   stop``): it must work from what is on disk.  The default stops every
   process recorded by ``ctx.spawn`` for this service.

Any failure is a :class:`CloudError`; the orchestrator then prints the
tails of the service's logs, stops everything and exits non-zero.

Example::

    class Memcached(Service):
        name = "memcached"
        venv = None
        debs = (("memcached", "/usr/bin/memcached"),)

        def start(self, ctx):
            port = ctx.port(self.name)
            proc = ctx.spawn(self.name, "memcached", ["memcached", "-l", ctx.host, "-p", str(port)])
            wait_tcp(port, deadline=time.monotonic() + 20, proc=proc)
            return {"url": f"{ctx.host}:{port}"}
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from .keystone_admin import KeystoneAdmin

__all__ = ["CloudError", "Context", "Service", "ini_text", "progress", "write_private"]

#: Project that holds the service users.
SERVICE_PROJECT = "service"


class CloudError(RuntimeError):
    """Something in the local cloud could not be built, started or stopped."""


class Service:
    """One OpenStack service (or helper server) of the local cloud.

    Subclasses set the class attributes and override ``prepare``/``start``
    (and ``stop`` when killing the recorded processes is not enough).
    """

    #: Unique name; also the name of its state directory and registry key.
    name: ClassVar[str] = ""
    #: Names of the services that must be running before ``start``.
    requires: ClassVar[tuple[str, ...]] = ()
    #: Which virtualenv it runs from: "openstack", "swift", or None (system binaries).
    venv: ClassVar[str | None] = "openstack"
    #: Debian packages it needs, as ``(package, path of a file it installs)``.
    debs: ClassVar[tuple[tuple[str, str], ...]] = ()
    #: Seconds ``start`` may take before the orchestrator gives up on it.
    start_timeout: ClassVar[float] = 180.0

    def prepare(self, ctx: Context) -> None:
        """Write configs and databases; nothing may be running yet."""

    def start(self, ctx: Context) -> dict[str, Any]:
        """Start the service, wait until it answers, return its cloud.json entry."""
        raise NotImplementedError

    def stop(self, ctx: Context) -> None:
        """Stop what ``start`` spawned (by recorded PID, SIGKILL fallback)."""
        from .procs import stop_recorded

        stop_recorded(ctx.state_dir / self.name / "pids")


_PROGRESS_LOCK = threading.Lock()


def progress(message: str) -> None:
    """Print one progress line to stderr (stdout carries the JSON).

    One write under a lock: services report from parallel threads, and
    ``print`` writes the text and the newline separately.
    """
    with _PROGRESS_LOCK:
        sys.stderr.write(f"localcloud: {message}\n")
        sys.stderr.flush()


def ini_text(sections: Mapping[str, Mapping[str, object]]) -> str:
    """Render ``{section: {option: value}}`` as an ini file (lists joined by commas)."""
    out = []
    for section, options in sections.items():
        out.append(f"[{section}]")
        for key, value in options.items():
            if isinstance(value, (list, tuple)):
                value = ", ".join(str(v) for v in value)
            elif isinstance(value, bool):
                value = "true" if value else "false"
            out.append(f"{key} = {value}")
        out.append("")
    return "\n".join(out)


def write_private(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` readable by its owner only (it may hold secrets)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    return path


def default_cache_dir() -> Path:
    """Where the local cloud keeps what it can reuse between runs.

    ``$STACKCLIENT_LOCALCLOUD_CACHE``, else ``$XDG_CACHE_HOME/stackclient-localcloud``
    (``~/.cache/stackclient-localcloud``): outside the checkout, so that a fresh
    clone on a machine that ran the tests before starts as fast as the last run,
    as pip's cache makes its installs fast. Entries are keyed by what they were
    built from (the installed code included), so a stale one is never used.
    """
    override = os.environ.get("STACKCLIENT_LOCALCLOUD_CACHE")
    if override:
        return Path(override).expanduser()
    root = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(root) / "stackclient-localcloud"


class Context:
    """What the orchestrator shares with every service during one ``start``/``stop``.

    Thread-safe: services prepare and start in parallel threads.
    """

    host = "127.0.0.1"
    region = "RegionOne"

    def __init__(
        self,
        state_dir: Path,
        *,
        repo_root: Path,
        venvs: Mapping[str, Path],
        options: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> None:
        self.state_dir = state_dir
        self.repo_root = repo_root
        #: Modules put on the PYTHONPATH of service processes (wrappers, drivers).
        self.runtime_dir = Path(__file__).resolve().parent / "runtime"
        #: Survives between runs and checkouts (e.g. snapshots of freshly synced
        #: databases), like pip's cache: see :func:`default_cache_dir`.
        self.cache_dir = default_cache_dir()
        self.options = {k: dict(v) for k, v in (options or {}).items()}
        self._venvs = dict(venvs)
        self._lock = threading.Lock()
        self._ports: dict[str, int] = {}
        self._secrets: dict[str, str] = {}
        #: What each started service's ``start`` returned, by service name.
        self.results: dict[str, dict[str, Any]] = {}
        #: Top-level keys of cloud.json (Keystone URLs, credentials ...).
        self.cloud: dict[str, Any] = {}
        #: Logged-in admin client once Keystone runs (set by the keystone service).
        self.keystone: KeystoneAdmin | None = None

    # -- places ----------------------------------------------------------
    def service_dir(self, name: str) -> Path:
        """Return (creating it, mode 0700) the state directory of service ``name``."""
        path = self.state_dir / name
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        return path

    def log_dir(self, name: str) -> Path:
        """Return (creating it) the log directory of service ``name``."""
        path = self.service_dir(name) / "logs"
        path.mkdir(exist_ok=True)
        return path

    def venv(self, kind: str) -> Path:
        """Return the root of virtualenv ``kind`` ("openstack", "swift")."""
        try:
            return self._venvs[kind]
        except KeyError:
            raise CloudError(f"no virtualenv of kind {kind!r} was set up") from None

    def bin(self, kind: str, exe: str) -> str:
        """Return the path of executable ``exe`` in virtualenv ``kind``."""
        return str(self.venv(kind) / "bin" / exe)

    def option(self, service: str, key: str, default: Any = None) -> Any:
        """Return a ``--set service.key=value`` start option, or ``default``."""
        return self.options.get(service, {}).get(key, default)

    def venv_fingerprint(self, kind: str) -> str:
        """Return a hash of what is installed in venv ``kind`` (its dist-info names).

        Names carry each package's version; the venv's own path is left out,
        so that a fresh clone, whose venv lives elsewhere, finds what an
        earlier checkout cached for the same code.
        """
        names = sorted(
            p.name for p in self.venv(kind).glob("lib/python*/site-packages/*.dist-info")
        )
        return hashlib.sha256("\n".join(names).encode()).hexdigest()

    def cached(
        self, service: str, target: Path, build: Callable[[Path], None], *, key: str
    ) -> bool:
        """Make ``target`` with ``build(target)``, or copy it from the cache.

        For files that depend only on ``key`` and the installed code, such as
        a freshly synced database schema: the first run builds and keeps a
        copy under ``cache_dir``; later runs copy it back in milliseconds.
        ``key`` must change whenever the content would (include
        :meth:`venv_fingerprint`).  Returns True when the cache was used.
        """
        digest = hashlib.sha256(key.encode()).hexdigest()[:24]
        copy = self.cache_dir / service / f"{target.name}.{digest}"
        if copy.is_file():
            shutil.copyfile(copy, target)
            return True
        build(target)
        copy.parent.mkdir(parents=True, exist_ok=True)
        partial = copy.with_name(f"{copy.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        shutil.copyfile(target, partial)
        os.replace(partial, copy)
        return False

    # -- shared values -----------------------------------------------------
    def port(self, key: str) -> int:
        """Return the loopback port for ``key``, allocating a free one on first use.

        A ``--set <key>.port=N`` start option fixes the port instead.
        """
        from .net import free_port

        with self._lock:
            preset = self.options.get(key, {}).get("port")
            if key not in self._ports and preset:
                self._ports[key] = int(preset)
            if key not in self._ports:
                port = free_port()
                while port in self._ports.values():
                    port = free_port()
                self._ports[key] = port
            return self._ports[key]

    def secret(self, key: str) -> str:
        """Return a random password for ``key``, the same on every call."""
        with self._lock:
            return self._secrets.setdefault(key, secrets.token_urlsafe(18))

    def url(self, key: str, path: str = "") -> str:
        """Return ``http://127.0.0.1:<port(key)><path>``."""
        return f"http://{self.host}:{self.port(key)}{path}"

    @property
    def auth_url(self) -> str:
        """The Keystone v3 URL every service authenticates against."""
        return self.url("keystone", "/v3")

    # -- processes ---------------------------------------------------------
    def progress(self, message: str) -> None:
        """Print one progress line to stderr (stdout carries the JSON)."""
        progress(message)

    def env(
        self, kind: str | None, *, pythonpath: Sequence[Path] = (), **extra: str
    ) -> dict[str, str]:
        """Return a clean environment for a process of venv ``kind``.

        ``OS_*`` variables of the caller are dropped; ``pythonpath`` entries
        (plus the runtime directory) go on ``PYTHONPATH``.
        """
        from .procs import clean_env

        env = clean_env(extra)
        if kind is not None:
            env["PATH"] = f"{self.venv(kind) / 'bin'}{os.pathsep}{env.get('PATH', '')}"
        paths = [str(p) for p in (*pythonpath, self.runtime_dir)]
        env["PYTHONPATH"] = os.pathsep.join(paths)
        return env

    def run(
        self,
        service: str,
        cmd: Sequence[str],
        what: str,
        *,
        env: Mapping[str, str] | None = None,
        timeout: float = 300.0,
    ) -> str:
        """Run a bounded set-up command for ``service``; output goes to its ``setup.log``."""
        from .procs import run_checked

        log = self.log_dir(service) / "setup.log"
        return run_checked(
            cmd,
            f"{service}: {what}",
            timeout=timeout,
            env=env,
            cwd=self.service_dir(service),
            log=log,
            progress=self.progress,
        )

    def spawn(
        self,
        service: str,
        label: str,
        cmd: Sequence[str],
        *,
        env: Mapping[str, str] | None = None,
    ) -> subprocess.Popen[bytes]:
        """Start a long-running process of ``service``; output in ``logs/<label>.out``.

        Its PID is recorded under the service's ``pids/`` so that ``stop``
        (the default one) stops it, even from another process.
        """
        from .procs import spawn

        sdir = self.service_dir(service)
        return spawn(
            cmd,
            log=self.log_dir(service) / f"{label}.out",
            pid_file=sdir / "pids" / f"{label}.json",
            env=env,
            cwd=sdir,
        )

    def gunicorn(
        self,
        service: str,
        label: str,
        app: str,
        port: int,
        *,
        env: Mapping[str, str],
        timeout: int = 300,
    ) -> subprocess.Popen[bytes]:
        """Serve WSGI ``app`` ("module:attribute" or "module:factory()") with one sync worker.

        The app is loaded through ``runtime/localcloud_wsgi.py``, which empties
        ``sys.argv`` first (oslo.config would parse gunicorn's command line).
        ``env`` should come from :meth:`env` (it must put the runtime
        directory on PYTHONPATH); the service's venv must hold gunicorn.
        """
        logs = self.log_dir(service)
        cmd = [
            str(Path(env["PATH"].split(os.pathsep)[0]) / "gunicorn"),
            "--workers=1",
            "--worker-class=sync",
            f"--bind={self.host}:{port}",
            f"--timeout={timeout}",
            "--graceful-timeout=5",
            "--no-control-socket",
            f"--error-logfile={logs / (label + '-gunicorn.log')}",
            f"--access-logfile={logs / (label + '-access.log')}",
            "localcloud_wsgi:application",
        ]
        return self.spawn(service, label, cmd, env={**env, "LOCALCLOUD_WSGI_APP": app})

    # -- Keystone ----------------------------------------------------------
    def service_credentials(self, name: str) -> dict[str, str]:
        """Return the Keystone credentials of service user ``name`` (project "service")."""
        return {
            "username": name,
            "password": self.secret(f"user-{name}"),
            "project_name": SERVICE_PROJECT,
            "user_domain_id": "default",
            "project_domain_id": "default",
        }

    def authtoken_options(self, name: str) -> dict[str, object]:
        """Return a ``[keystone_authtoken]`` section for service user ``name``."""
        creds = self.service_credentials(name)
        return {
            "www_authenticate_uri": self.auth_url,
            "auth_url": self.auth_url,
            "auth_type": "password",
            "username": creds["username"],
            "password": creds["password"],
            "project_name": creds["project_name"],
            "user_domain_id": "default",
            "project_domain_id": "default",
            "region_name": self.region,
            "http_connect_timeout": 10,
            "http_request_max_retries": 3,
        }

    def register(
        self,
        name: str,
        endpoints: Mapping[str, str],
        *,
        roles: Sequence[str] = ("admin", "service"),
    ) -> None:
        """Create service user ``name`` with ``roles`` and catalog ``endpoints``.

        ``endpoints`` maps a service type to its URL (registered for the
        public, internal and admin interfaces in ``ctx.region``).
        """
        admin = self.keystone
        if admin is None:
            raise CloudError(f"{name}: Keystone must run before the service registers")
        project_id = admin.ensure_project(SERVICE_PROJECT)
        user_id = admin.ensure_user(name, self.secret(f"user-{name}"), project_id)
        for role in roles:
            admin.grant(role, user_id, project_id)
        for service_type, url in endpoints.items():
            admin.add_endpoints(service_type, name, url, self.region)
