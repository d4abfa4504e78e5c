"""Processes: bounded set-up commands, spawned servers, recorded PIDs, log tails.

Every server the local cloud starts is spawned in its own session (so its
workers share its process group) with stdout and stderr going to a file
under the service's ``logs/`` directory, and its PID recorded as JSON in
the service's ``pids/`` directory.  ``stop_recorded`` reads those records
back -- from any process, e.g. a later ``cloud.py stop`` -- and stops the
groups with SIGTERM, then SIGKILL after a bounded grace period.

Example::

    proc = spawn(["memcached", "-l", "127.0.0.1"], log=logs / "memcached.out",
                 pid_file=pids / "memcached.json")
    ...
    stop_recorded(pids)
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .base import CloudError

__all__ = [
    "LOG_TAIL_LINES",
    "STEP_TIMEOUT",
    "clean_env",
    "log_tails",
    "pid_alive",
    "recorded_pids",
    "run_checked",
    "spawn",
    "stop_recorded",
]

#: Lines of each log file shown when something fails.
LOG_TAIL_LINES = 40
#: Seconds one set-up command (db sync, ring build ...) may take.
STEP_TIMEOUT = 300.0
#: Seconds between "still running" lines while a long command runs.
HEARTBEAT = 10.0


def clean_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """Return this process's environment fit for a service process.

    ``OS_*`` variables are dropped (oslo.config reads ``OS_<GROUP>__<OPT>``
    as option overrides, and a caller's ``OS_PASSWORD`` has no business in a
    server), as are the Python variables of whatever venv runs this script.
    """
    drop = ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP")
    env = {k: v for k, v in os.environ.items() if not k.startswith("OS_") and k not in drop}
    env.update(extra or {})
    return env


def _tail_text(text: str, lines: int = LOG_TAIL_LINES) -> str:
    return "\n".join(text.splitlines()[-lines:])


def _heartbeat(what: str, stop: threading.Event, progress: Any) -> None:
    began = time.monotonic()
    while not stop.wait(HEARTBEAT):
        progress(f"{what}: still running ({time.monotonic() - began:.0f} s)")


def run_checked(
    cmd: Sequence[str],
    what: str,
    *,
    timeout: float = STEP_TIMEOUT,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    log: Path | None = None,
    progress: Any = None,
) -> str:
    """Run a command to completion and return its combined output.

    Raises :class:`CloudError` with the output's tail when it exits non-zero
    or outlives ``timeout`` seconds (it is then killed).  The output is also
    appended to ``log`` when given; ``progress`` (a callable taking a line)
    is told every few seconds that the command still runs.
    """
    stop = threading.Event()
    if progress is not None:
        threading.Thread(target=_heartbeat, args=(what, stop, progress), daemon=True).start()
    try:
        done = subprocess.run(
            list(cmd),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=dict(env) if env is not None else None,
            cwd=cwd,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as err:
        out = (err.stdout or b"").decode(errors="replace")
        _append(log, out)
        raise CloudError(
            f"{what} timed out after {timeout:.0f} s (killed):\n{_tail_text(out)}"
        ) from None
    except OSError as err:
        raise CloudError(f"{what}: cannot run {cmd[0]}: {err}") from None
    finally:
        stop.set()
    out = done.stdout.decode(errors="replace")
    _append(log, out)
    if done.returncode != 0:
        raise CloudError(f"{what} failed (exit {done.returncode}):\n{_tail_text(out)}")
    return out


def _append(log: Path | None, text: str) -> None:
    if log is not None and text:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(text)


def spawn(
    cmd: Sequence[str],
    *,
    log: Path,
    pid_file: Path,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> subprocess.Popen[bytes]:
    """Start ``cmd`` in a new session, output to ``log``, PID recorded in ``pid_file``."""
    log.parent.mkdir(parents=True, exist_ok=True)
    pid_file.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(log, "ab") as out:
            proc = subprocess.Popen(
                list(cmd),
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                env=dict(env) if env is not None else None,
                cwd=cwd,
                start_new_session=True,
            )
    except OSError as err:
        raise CloudError(f"cannot start {cmd[0]}: {err}") from None
    record = {
        "pid": proc.pid,
        "exe": Path(cmd[0]).name,
        "log": str(log),
        "start": _start_time(proc.pid),
    }
    pid_file.write_text(json.dumps(record) + "\n")
    return proc


def pid_alive(pid: int) -> bool:
    """Tell whether ``pid`` exists and is not a zombie."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _start_time(pid: int) -> int | None:
    """When ``pid`` started, in clock ticks since boot (None when unknown)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return int(stat.rsplit(")", 1)[1].split()[19])
    except (OSError, ValueError, IndexError):
        return None


def _is_ours(pid: int, exe: str, started: int | None = None) -> bool:
    """Guard against a recycled PID: same start time as recorded, else the command names ``exe``.

    The start time also recognises a process that renamed itself (a
    service's forked master retitles its command line).
    """
    if started is not None:
        now = _start_time(pid)
        if now is not None:
            return now == started
    try:
        return exe.encode() in Path(f"/proc/{pid}/cmdline").read_bytes()
    except FileNotFoundError:
        return pid_alive(pid)
    except OSError:
        return False


def recorded_pids(pid_dir: Path) -> list[tuple[Path, int]]:
    """Return ``(record, pid)`` for each recorded process that still runs."""
    found = []
    for record in sorted(pid_dir.glob("*.json")):
        try:
            data = json.loads(record.read_text())
            pid, exe = int(data["pid"]), str(data["exe"])
            started = int(data["start"]) if data.get("start") is not None else None
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if pid_alive(pid) and _is_ours(pid, exe, started):
            found.append((record, pid))
    return found


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[2] == str(pgid) and fields[0] != "Z":
            return True
    return False


def _signal_group(pid: int, sig: int) -> None:
    try:
        os.killpg(pid, sig)
    except (ProcessLookupError, PermissionError):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            pass


def stop_recorded(pid_dir: Path, grace: float = 15.0) -> list[int]:
    """Stop every recorded process group; return the PIDs that were running.

    SIGTERM first; whatever still runs after ``grace`` seconds gets SIGKILL,
    and the call waits (bounded) until the groups are gone.
    """
    running = recorded_pids(pid_dir) if pid_dir.is_dir() else []
    for _record, pid in running:
        _signal_group(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and any(_group_alive(p) for _r, p in running):
        time.sleep(0.2)
    for _record, pid in running:
        if _group_alive(pid):
            print(f"localcloud: pid {pid} ignored SIGTERM; SIGKILL", file=sys.stderr)
            _signal_group(pid, signal.SIGKILL)
    kill_deadline = time.monotonic() + 10.0
    while time.monotonic() < kill_deadline and any(_group_alive(p) for _r, p in running):
        time.sleep(0.1)
    for record, _pid in running:
        record.unlink(missing_ok=True)
    return [pid for _r, pid in running]


def log_tails(log_dir: Path, lines: int = LOG_TAIL_LINES) -> str:
    """Return the tail of every file in ``log_dir``, most recent first."""
    if not log_dir.is_dir():
        return f"(no log directory {log_dir})"
    files = sorted(
        (p for p in log_dir.rglob("*") if p.is_file()),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    parts = []
    for path in files:
        text = _tail_text(path.read_text(errors="replace"), lines)
        parts.append(f"----- {path} (last {lines} lines) -----\n{text}")
    return "\n".join(parts) or f"(no log files in {log_dir})"
