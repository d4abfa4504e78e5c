"""Start, stop and report on a set of services in one state directory.

``start_cloud`` prepares every selected service in parallel, then starts
them in dependency waves (each wave in parallel), and writes the JSON
description of the running cloud to ``<state>/cloud.json`` (mode 0600),
with a ``clouds.yaml`` and an ``openrc`` for it beside (``credentials``).
Whatever fails, everything started so far is stopped again and a
:class:`CloudError` carrying the failed service's log tails is raised.

Example::

    cloud = start_cloud(Path(".state/cloud"), ["neutron"])   # keystone comes along
    ...
    stop_cloud(Path(".state/cloud"))
"""

from __future__ import annotations

import concurrent.futures
import json
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from .base import CloudError, Context, Service, progress, write_private
from .credentials import write_credentials
from .debs import ensure_debs
from .procs import HEARTBEAT, log_tails, recorded_pids
from .registry import SERVICES, load_service
from .venvs import ensure_venv, venv_path

__all__ = ["REPO_ROOT", "cloud_status", "ensure", "plan", "start_cloud", "stop_cloud"]

REPO_ROOT = Path(__file__).resolve().parents[2]
_STATE_MARKER = ".localcloud-state"
_SELECTION = "services.json"


def plan(names: Iterable[str] | None = None) -> list[list[Service]]:
    """Return the selected services and their requirements, grouped in start waves."""
    wanted = list(names) if names else list(SERVICES)
    services: dict[str, Service] = {}
    while wanted:
        name = wanted.pop()
        if name not in services:
            services[name] = load_service(name)
            wanted.extend(services[name].requires)
    waves: list[list[Service]] = []
    placed: set[str] = set()
    while len(placed) < len(services):
        wave = [s for n, s in services.items() if n not in placed and set(s.requires) <= placed]
        if not wave:
            raise CloudError(f"circular requirements among {sorted(set(services) - placed)}")
        waves.append(sorted(wave, key=lambda s: s.name))
        placed.update(s.name for s in wave)
    return waves


def ensure(names: Iterable[str] | None = None, repo_root: Path = REPO_ROOT) -> dict[str, Path]:
    """Build what the selected services need (venvs, Debian packages), in parallel."""
    services = [s for wave in plan(names) for s in wave]
    kinds = sorted({s.venv for s in services if s.venv})
    debs = [d for s in services for d in s.debs]
    with concurrent.futures.ThreadPoolExecutor(max_workers=len(kinds) + 1) as pool:
        futures = {k: pool.submit(ensure_venv, k, repo_root, progress) for k in kinds}
        debs_done = pool.submit(ensure_debs, debs, progress)
        venvs = {k: f.result() for k, f in futures.items()}
        debs_done.result()
    return venvs


def _reset_state(state: Path) -> None:
    if state.exists() and any(state.iterdir()) and not (state / _STATE_MARKER).exists():
        raise CloudError(
            f"{state} is not empty and is no local-cloud state directory (it has no "
            f"{_STATE_MARKER}); remove it or choose another --state-dir"
        )
    if state.exists():
        stop_cloud(state)
        shutil.rmtree(state)
    state.mkdir(mode=0o700, parents=True)
    (state / _STATE_MARKER).write_text("state directory of tools/cloud.py\n")


def _timed(step: Callable[[Service], Any], what: str, ctx: Context) -> Callable[[Service], Any]:
    def run(service: Service) -> Any:
        began = time.monotonic()
        result = step(service)
        ctx.progress(f"{service.name}: {what} done in {time.monotonic() - began:.1f} s")
        return result

    return run


def _still_running(
    futures: list[tuple[Service, concurrent.futures.Future[Any]]], what: str, ctx: Context
) -> Callable[[], None]:
    """Every HEARTBEAT seconds, say which services have not finished ``what``; return the stop."""
    stop = threading.Event()
    began = time.monotonic()

    def beat() -> None:
        while not stop.wait(HEARTBEAT):
            waiting = [s.name for s, f in futures if not f.done()]
            if waiting:
                elapsed = time.monotonic() - began
                ctx.progress(f"{what}: waiting for {', '.join(waiting)} ({elapsed:.0f} s)")

    threading.Thread(target=beat, daemon=True).start()
    return stop.set


def _collect(
    futures: list[tuple[Service, concurrent.futures.Future[Any]]], what: str, ctx: Context
) -> tuple[dict[str, Any], list[str]]:
    """Wait for every service's step; return the results and the failures with log tails."""
    results: dict[str, Any] = {}
    failures: list[str] = []
    for service, future in futures:
        try:
            results[service.name] = future.result(timeout=service.start_timeout + 120)
            continue
        except concurrent.futures.TimeoutError:
            problem = "did not finish in time"
        except CloudError as err:
            problem = f"failed: {err}"
        except Exception as err:  # noqa: BLE001 - a service bug must still stop the cloud
            problem = f"failed with {type(err).__name__}: {err}"
        tails = log_tails(ctx.state_dir / service.name / "logs")
        failures.append(f"{service.name}: {what} {problem}\n{tails}")
    return results, failures


def _run_parallel(
    services: list[Service], step: Callable[[Service], Any], what: str, ctx: Context
) -> dict[str, Any]:
    """Run ``step`` for every service in threads; raise CloudError naming each failure.

    While they run, a line every HEARTBEAT seconds names those not done yet.
    """
    timed = _timed(step, what, ctx)
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, len(services))) as pool:
        futures = [(s, pool.submit(timed, s)) for s in services]
        stop_beat = _still_running(futures, what, ctx)
        try:
            results, failures = _collect(futures, what, ctx)
        finally:
            stop_beat()
    if failures:
        raise CloudError("\n\n".join(failures))
    return results


def _service_entry(ctx: Context, name: str, result: Mapping[str, Any]) -> dict[str, Any]:
    entry = dict(result)
    sdir = ctx.state_dir / name
    entry.setdefault("state_dir", str(sdir))
    logs = sorted(str(p) for p in (sdir / "logs").glob("*") if p.is_file())
    entry.setdefault("logs", logs)
    return entry


def start_cloud(
    state: Path,
    names: Iterable[str] | None = None,
    *,
    options: Mapping[str, Mapping[str, Any]] | None = None,
    repo_root: Path = REPO_ROOT,
) -> dict[str, Any]:
    """Start the selected services (all by default) in ``state``; return cloud.json's content."""
    began = time.monotonic()
    waves = plan(names)
    selected = [s for wave in waves for s in wave]
    state = state.resolve()
    _reset_state(state)
    (state / _SELECTION).write_text(json.dumps([s.name for s in selected]) + "\n")
    venvs = ensure([s.name for s in selected], repo_root)
    ctx = Context(state, repo_root=repo_root, venvs=venvs, options=options)
    try:
        ctx.progress(f"preparing {', '.join(s.name for s in selected)}")
        _run_parallel(selected, lambda s: s.prepare(ctx), "prepare", ctx)
        for wave in waves:
            ctx.progress(f"starting {', '.join(s.name for s in wave)}")
            results = _run_parallel(wave, lambda s: s.start(ctx), "start", ctx)
            ctx.results.update({n: dict(r or {}) for n, r in results.items()})
        cloud = _write_cloud(ctx, state)
    except BaseException:
        stop_cloud(state)
        raise
    ctx.progress(f"cloud ready in {time.monotonic() - began:.1f} s: {state / 'cloud.json'}")
    return cloud


def _write_cloud(ctx: Context, state: Path) -> dict[str, Any]:
    """Write cloud.json, clouds.yaml and openrc for the started services; return cloud.json's content."""
    cloud = dict(ctx.cloud)
    cloud.update(region_name=ctx.region, state_dir=str(state))
    cloud["services"] = {n: _service_entry(ctx, n, r) for n, r in ctx.results.items()}
    cloud.update({k: str(v) for k, v in write_credentials(state, cloud).items()})
    write_private(state / "cloud.json", json.dumps(cloud, indent=2) + "\n")
    return cloud


def _selection(state: Path) -> list[str]:
    try:
        names = json.loads((state / _SELECTION).read_text())
    except (OSError, ValueError):
        names = []
    return [n for n in names if n in SERVICES] or list(SERVICES)


def stop_cloud(state: Path) -> list[str]:
    """Stop every service started in ``state``; return the names that had processes."""
    state = state.resolve()
    if not state.is_dir():
        return []
    names = _selection(state)
    services = [load_service(n) for n in names]
    ctx = Context(state, repo_root=REPO_ROOT, venvs={})
    had = [s.name for s in services if recorded_pids(state / s.name / "pids")]
    errors = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=len(services)) as pool:
        for service, future in [(s, pool.submit(s.stop, ctx)) for s in services]:
            try:
                future.result(timeout=120)
            except Exception as err:  # noqa: BLE001 - stop the others whatever one does
                errors.append(f"{service.name}: {err}")
    if errors:
        raise CloudError("stop failed for " + "; ".join(errors))
    return had


def cloud_status(state: Path) -> dict[str, Any]:
    """Return which services of ``state`` have live processes, and the cloud.json path."""
    state = state.resolve()
    names = _selection(state) if state.is_dir() else []
    running = {n: [pid for _r, pid in recorded_pids(state / n / "pids")] for n in names}
    cloud_json = state / "cloud.json"
    return {
        "state_dir": str(state),
        "cloud_json": str(cloud_json) if cloud_json.is_file() else None,
        "services": {n: {"running": bool(p), "pids": p} for n, p in running.items()},
        "running": any(running.values()),
    }


def venv_paths(names: Iterable[str] | None = None, repo_root: Path = REPO_ROOT) -> dict[str, Path]:
    """Return the venv paths the selected services would use (nothing is built)."""
    kinds = {s.venv for wave in plan(names) for s in wave if s.venv}
    return {k: venv_path(k, repo_root) for k in kinds}
