"""The virtualenvs the services run from, built from committed constraints.

Two kinds: ``openstack`` (Keystone, Nova, placement, Glance, Neutron,
Cinder and gunicorn, one release that co-installs) and ``swift`` (its own
dependency set).  Each is built from ``constraints*.txt`` next to this
file; a marker holding a hash of the constraints and the requirements lets an
up-to-date venv be reused in well under a second, whichever python3 runs
this script.

An environment variable may point a kind at another venv
(``STACKCLIENT_OPENSTACK_VENV``, ``STACKCLIENT_SWIFT_VENV``; the older
``STACKCLIENT_KEYSTONE_VENV`` counts for ``openstack``).  A venv named
that way which already exists is used as it is and never modified; one
that does not exist yet is built there.

Example::

    path = ensure_venv("openstack", repo_root, progress=print)
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from .base import CloudError
from .procs import run_checked

__all__ = ["SPECS", "VenvSpec", "ensure_venv", "venv_path"]

_HERE = Path(__file__).resolve().parent
_MARKER = ".stackclient-localcloud.json"
#: Seconds one pip install may take (a cold cache needs several minutes).
PIP_TIMEOUT = 1500.0


@dataclasses.dataclass(frozen=True)
class VenvSpec:
    """How one kind of venv is found and built."""

    kind: str
    env_vars: tuple[str, ...]
    requirements: tuple[str, ...]
    constraints: str
    #: Executables that must exist for the venv to be usable.
    executables: tuple[str, ...]
    min_python: tuple[int, int] = (3, 9)


SPECS = {
    "openstack": VenvSpec(
        kind="openstack",
        env_vars=("STACKCLIENT_OPENSTACK_VENV", "STACKCLIENT_KEYSTONE_VENV"),
        requirements=(
            "keystone==30.0.0",
            "nova==34.0.0",
            "openstack-placement==16.0.0",
            "glance==33.0.0",
            "neutron==29.0.0",
            "cinder==29.0.0",
            "gunicorn==27.0.1",
            "keystonemiddleware",
            "fixtures",
        ),
        constraints="constraints.txt",
        executables=("python", "gunicorn", "keystone-manage", "glance-manage"),
        min_python=(3, 11),
    ),
    "swift": VenvSpec(
        kind="swift",
        env_vars=("STACKCLIENT_SWIFT_VENV",),
        requirements=("swift==2.38.3", "keystonemiddleware"),
        constraints="constraints-swift.txt",
        executables=("python", "swift-proxy-server", "swift-object-server"),
    ),
}


def _spec(kind: str) -> VenvSpec:
    try:
        return SPECS[kind]
    except KeyError:
        raise CloudError(f"unknown virtualenv kind {kind!r} (known: {sorted(SPECS)})") from None


def _override(spec: VenvSpec) -> Path | None:
    for var in spec.env_vars:
        if os.environ.get(var):
            return Path(os.environ[var]).expanduser().resolve()
    return None


def venv_path(kind: str, repo_root: Path) -> Path:
    """Return where venv ``kind`` lives (environment override or ``.venvs/<kind>``)."""
    spec = _spec(kind)
    return _override(spec) or repo_root / ".venvs" / spec.kind


def _wanted_marker(spec: VenvSpec) -> dict[str, object]:
    """What the marker must hold: the venv's Python is fixed when it is made,
    so the version of whichever interpreter runs this script does not count."""
    digest = hashlib.sha256((_HERE / spec.constraints).read_bytes())
    digest.update("\n".join(spec.requirements).encode())
    return {"constraints_sha256": digest.hexdigest()}


def _usable(spec: VenvSpec, venv: Path) -> bool:
    return all((venv / "bin" / exe).exists() for exe in spec.executables)


def _current(spec: VenvSpec, venv: Path) -> bool:
    try:
        marker = json.loads((venv / _MARKER).read_text())
    except (OSError, ValueError):
        return False
    return _usable(spec, venv) and marker == _wanted_marker(spec)


def ensure_venv(kind: str, repo_root: Path, progress: Callable[[str], None]) -> Path:
    """Return venv ``kind``, building or refreshing it when it is not current."""
    spec = _spec(kind)
    venv = venv_path(kind, repo_root)
    if _override(spec) is not None and (venv / "bin" / "python").exists():
        if not _usable(spec, venv):
            missing = [e for e in spec.executables if not (venv / "bin" / e).exists()]
            raise CloudError(f"{venv} (from {spec.env_vars[0]}) lacks {', '.join(missing)}")
        progress(f"{kind} venv: using {venv} as it is")
        return venv
    if _current(spec, venv):
        progress(f"{kind} venv is current: {venv}")
        return venv
    if sys.version_info[:2] < spec.min_python:
        want = ".".join(map(str, spec.min_python))
        raise CloudError(f"the {kind} venv needs Python >= {want}; run this with a newer python3")
    _build(spec, venv, progress)
    return venv


def _pins(constraints: Path) -> list[str]:
    """The package names a constraints file pins (``name==version`` lines)."""
    lines = constraints.read_text().splitlines()
    return [line.split("==")[0].strip() for line in lines if "==" in line and line[:1].isalnum()]


def pip_state(log: Path, total: int) -> str:
    """How far a ``pip install --log <log>`` has got: resolving, or installing."""
    try:
        text = log.read_text(errors="replace")
    except OSError:
        return "starting"
    marker = "Installing collected packages: "
    search = " location(s) to search for versions of "
    at = text.rfind(marker)
    if at >= 0 and at > text.rfind(search):  # not the build backend's own install
        count = text[at + len(marker) :].split("\n", 1)[0].count(",") + 1
        return f"installing {count} packages"
    return f"{text.count(search)} of about {total} packages found"


def _with_pip_state(
    progress: Callable[[str], None], log: Path, total: int
) -> Callable[[str], None]:
    """A progress callable that adds how far pip has got to each heartbeat line."""

    def report(message: str) -> None:
        progress(f"{message}: {pip_state(log, total)}")

    return report


def _build(spec: VenvSpec, venv: Path, progress: Callable[[str], None]) -> None:
    """Install the pinned requirements into ``venv``.

    ``--no-compile``: byte-compiling the ~16,000 modules of the OpenStack
    venv costs about 30 s of CPU, while the services import only part of
    them and write their own ``__pycache__`` on first start.
    """
    (venv / _MARKER).unlink(missing_ok=True)
    if not (venv / "bin" / "python").exists():
        progress(f"{spec.kind} venv: creating {venv}")
        run_checked(
            [sys.executable, "-m", "venv", "--clear", str(venv)],
            f"{spec.kind} venv: creating",
            progress=progress,
        )
    constraints = _HERE / spec.constraints
    total = len(_pins(constraints))
    progress(
        f"{spec.kind} venv: installing {len(spec.requirements)} pinned requirements "
        f"(about {total} packages with their dependencies)"
    )
    log = venv / "pip-install.log"
    log.unlink(missing_ok=True)
    cmd = [
        str(venv / "bin" / "python"),
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--no-compile",
        "--log",
        str(log),
        "-c",
        str(constraints),
        *spec.requirements,
    ]
    report = _with_pip_state(progress, log, total)
    run_checked(cmd, f"{spec.kind} venv: pip install", timeout=PIP_TIMEOUT, progress=report)
    (venv / _MARKER).write_text(json.dumps(_wanted_marker(spec)))
    progress(f"{spec.kind} venv: ready")
