"""The benchmark harness: ``python -m benchmarks`` (or ``python benchmarks/run.py``).

Starts the canned server, runs every scenario for every client in a fresh
process per client per scenario for R rounds (client order rotates each
round), runs the import-time scenario, prints a table of medians and
paired ratios plus a README-ready table, and records the run in
``benchmarks/results/`` (see :mod:`benchmarks.record`).  ``--all`` then
runs every other harness (``benchmarks/*_run.py``) with the same
``--rounds`` and ``--quick``.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, NamedTuple

if __package__ in (None, ""):  # run as a script: import from the tree, not from benchmarks/
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from benchmarks import connecttime, control, importtime, record, report
from benchmarks.clients import CLIENTS
from benchmarks.clients.scenarios import LOCKSTEP_DONE, LOCKSTEP_READY

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
RESULT_MARK = "BENCH-RESULT "
SCENARIO_IDS = ("1", "2", "3", "4", "5", "6", "7", "8")
JOB_TIMEOUT = 240.0

#: Scenarios whose clients run in lockstep (see :func:`run_lockstep`).
LOCKSTEP_SCENARIOS = ("1", "2")


class Job(NamedTuple):
    """One runner process: a runner scenario and its parameters."""

    scenario: str
    params: dict[str, Any]


def settings(quick: bool) -> dict[str, Any]:
    """Scenario parameters; ``quick`` is a smoke run well under a minute."""
    scale = 0.3 if quick else 1.0
    return {
        "rounds": 1 if quick else 5,
        "import_runs": 5 if quick else 11,
        "1": {
            "total": 20,
            "warmup": 20,
            "budget_s": 1.0 * scale,
            "lockstep": True,
            "blocks": int(30 * scale),
            "block_calls": 10,
            "block_budget_s": 1.0 / 30,
        },
        "2": {
            "total": 1000,
            "warmup": 3,
            "budget_s": 2.0 * scale,
            "lockstep": True,
            "blocks": int(10 * scale),
            "block_calls": 3,
            "block_budget_s": 2.0 / 10,
        },
        "3": {
            "total": 20_000 if quick else 100_000,
            "limit": 1000,
            "walk_budget_s": 3.0 if quick else 5.0,
        },
        "4": {
            "total": 1000,
            "calls": int(300 * scale),
            "warmup": 20,
            "min_calls": 10,
            "budget_s": 0.8 * scale,
        },
        "5": {"total": 20, "threads": 16, "short_ttl": 0.5, "long_ttl": 3600.0},
        "7": {"total": 20},
        "8": {
            "total": 20,
            "calls": 2 if quick else 5,
            "warmup": 1,
            "min_calls": 2,
            "budget_s": 5.0 * scale,
        },
    }


def jobs_for(scenario: str, params: dict[str, Any], state_file: str) -> list[Job]:
    """The runner processes one client needs for one scenario, in order."""
    if scenario in ("1", "2"):
        return [Job("list", params)]
    if scenario == "3":
        return [Job("walk", params), Job("page", params)]
    if scenario == "4":
        return [Job("get-create", params)]
    if scenario == "5":
        stored = dict(params, state_file=state_file)
        return [Job("save-auth", stored), Job("restore-auth", stored), Job("expiry", params)]
    if scenario == "8":
        return [Job("error-body", params)]
    raise ValueError(scenario)


def child_env() -> dict[str, str]:
    """Environment of every child: this tree importable, no OS_* cloud settings.

    ``PYTHONDONTWRITEBYTECODE`` is dropped: with it, stackclient (imported
    from this tree) was compiled from source in every process while the
    peers (installed, byte-compiled by pip) were not, which added ~60 ms to
    its scenario-6 import time.  Bytecode caches are what an installed copy has.
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("OS_") and key != "PYTHONDONTWRITEBYTECODE"
    }
    paths = [str(ROOT)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])
    env["PYTHONPATH"] = os.pathsep.join(paths)
    return env


def launch(
    module: str, args: list[str], env: dict[str, str], python: str = sys.executable
) -> tuple[subprocess.Popen[str], str]:
    """Start ``python -m module --port 0 *args``; return the process and the URL it printed.

    Every harness starts its canned server through here: the server
    prints ``READY <url>`` once it listens and exits when its stdin closes.
    """
    command = [python, "-m", module, "--port", "0", *args]
    proc = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env, cwd=str(ROOT)
    )
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    if not line.startswith("READY "):
        stop_server(proc)
        raise RuntimeError(f"{module} did not start: {line!r}")
    return proc, line.split(" ", 1)[1]


def start_server(python: str, env: dict[str, str]) -> tuple[subprocess.Popen[str], str]:
    """Start the canned Keystone; return the process and its URL."""
    return launch("benchmarks.server", ["--token-ttl", "3600", "--exit-on-stdin-eof"], env, python)


def stop_server(proc: subprocess.Popen[str]) -> None:
    """Close the server's stdin (it exits on EOF); terminate it if it lingers."""
    if proc.stdin is not None:
        proc.stdin.close()
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.terminate()
        proc.wait(timeout=5)


def parse_result(stdout: str, stderr: str, code: int) -> dict[str, Any]:
    """Find the runner's result line, or describe why there is none."""
    for line in reversed(stdout.splitlines()):
        if line.startswith(RESULT_MARK):
            return json.loads(line[len(RESULT_MARK) :])  # type: ignore[no-any-return]
    tail = (stderr.strip().splitlines() or ["no output"])[-1]
    return {"status": f"error: runner exited {code}: {tail[:140]}"}


def run_child(
    module: str,
    client: str,
    scenario: str,
    params: dict[str, Any],
    env: dict[str, str],
    timeout: float = JOB_TIMEOUT,
    python: str = sys.executable,
) -> dict[str, Any]:
    """Run ``python -m module CLIENT SCENARIO --params JSON``; its result (never raises).

    Every harness runs its client processes through here.
    """
    command = [python, "-m", module, client, scenario, "--params", json.dumps(params)]
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            env=env,
            cwd=str(ROOT),
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {"status": f"error: timeout after {timeout:.0f} s"}
    return parse_result(done.stdout, done.stderr, done.returncode)


def run_job(python: str, env: dict[str, str], client: str, job: Job) -> dict[str, Any]:
    """Run one runner process and return its result (never raises)."""
    return run_child("benchmarks.clients", client, job.scenario, job.params, env, python=python)


def run_stored_job(
    python: str, env: dict[str, str], client: str, job: Job, earlier: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    """:func:`run_job`, keeping scenario 5a honest about its stored auth file.

    The file is removed before ``save-auth`` so a failed save can never leave
    another run's state behind, and ``restore-auth`` only runs after a good save.
    """
    state_file = job.params.get("state_file")
    if job.scenario == "save-auth" and state_file:
        Path(state_file).unlink(missing_ok=True)
    if job.scenario == "restore-auth" and earlier.get("save-auth", {}).get("status") != "ok":
        return {"status": "error: save-auth failed, nothing to restore"}
    return run_job(python, env, client, job)


def _read_until(proc: subprocess.Popen[str], mark: str, ended: list[str]) -> bool:
    """Read ``proc``'s output up to a line that is ``mark``; False if it ended first.

    A result line read on the way (the runner failed, or its client is not
    installed) is kept in ``ended``.
    """
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == mark:
            return True
        if line.startswith(RESULT_MARK):
            ended.append(line)
            return False
    return False


def _floor_first(order: list[str]) -> list[str]:
    """``order`` with raw requests and stackclient first, in the order they had.

    In lockstep their blocks are then always next to each other, so that
    the slow peers' long blocks (openstacksdk's 1,000-item list takes about
    a second) never fall between the two figures most often compared.
    """
    pair = [client for client in order if client in ("requests", "stackclient")]
    return pair + [client for client in order if client not in pair]


def run_lockstep(
    python: str, env: dict[str, str], order: list[str], job: Job
) -> dict[str, dict[str, Any]]:
    """Run ``job`` for every client at once, the clients taking turns block by block.

    Each client's runner warms up, then waits; the harness asks each in
    turn (in ``order``) for a block of calls, ``blocks`` times. The clients
    thus alternate every few milliseconds instead of running one after
    the other for a second each: on a machine whose speed changes from
    one second to the next, the paired ratios then compare like with like.
    Only one client sends at a time; each times its own blocks.
    """
    procs: dict[str, subprocess.Popen[str]] = {}
    errors = {client: tempfile.TemporaryFile("w+") for client in order}  # never a full pipe
    ended: dict[str, list[str]] = {client: [] for client in order}
    for client in order:
        command = [python, "-m", "benchmarks.clients", client, job.scenario]
        command += ["--params", json.dumps(job.params)]
        procs[client] = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors[client],
            text=True,
            env=env,
            cwd=str(ROOT),
        )
    watchdog = threading.Timer(JOB_TIMEOUT, lambda: [p.kill() for p in procs.values()])
    watchdog.start()
    try:
        active = [c for c in order if _read_until(procs[c], LOCKSTEP_READY, ended[c])]
        for _ in range(job.params["blocks"]):
            for client in list(active):
                proc = procs[client]
                assert proc.stdin is not None
                try:
                    proc.stdin.write("block\n")
                    proc.stdin.flush()
                except OSError:
                    active.remove(client)
                    continue
                if not _read_until(proc, LOCKSTEP_DONE, ended[client]):
                    active.remove(client)
        results: dict[str, dict[str, Any]] = {}
        for client, proc in procs.items():
            try:
                rest, _ = proc.communicate(timeout=JOB_TIMEOUT)
            except (OSError, ValueError, subprocess.TimeoutExpired):
                proc.kill()
                rest = ""
            errors[client].seek(0)
            output = "".join(ended[client]) + (rest or "")
            results[client] = parse_result(output, errors[client].read(), proc.returncode)
        return results
    finally:
        watchdog.cancel()
        for client, proc in procs.items():
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            errors[client].close()


def progress(text: str) -> None:
    """Progress goes to stderr so stdout keeps the tables."""
    print(text, file=sys.stderr, flush=True)


def run_round(
    number: int, options: argparse.Namespace, server: str, config: dict[str, Any], state_file: str
) -> dict[str, dict[str, dict[str, Any]]]:
    """Run one round: every selected scenario, clients in rotated order."""
    env = child_env()
    clients = [client.name for client in CLIENTS if client.name in options.clients]
    shift = number % len(clients)
    order = clients[shift:] + clients[:shift]
    found: dict[str, dict[str, dict[str, Any]]] = {}
    for scenario in [s for s in options.only if s not in ("6", "7")]:
        params = dict(config[scenario], server=server)
        if scenario in LOCKSTEP_SCENARIOS:
            started = time.perf_counter()
            together = run_lockstep(options.python, env, _floor_first(order), Job("list", params))
            took = time.perf_counter() - started
            for client in order:
                found.setdefault(scenario, {})[client] = {"list": together[client]}
                progress(
                    f"  round {number + 1} scenario {scenario} {client} list (in lockstep): "
                    f"{together[client]['status'][:70]} ({took:.1f} s)"
                )
            continue
        for client in order:
            jobs: dict[str, dict[str, Any]] = {}
            for job in jobs_for(scenario, params, f"{state_file}-{client}.json"):
                started = time.perf_counter()
                jobs[job.scenario] = run_stored_job(options.python, env, client, job, jobs)
                took = time.perf_counter() - started
                progress(
                    f"  round {number + 1} scenario {scenario} {client} {job.scenario}: "
                    f"{jobs[job.scenario]['status'][:70]} ({took:.1f} s)"
                )
            found.setdefault(scenario, {})[client] = jobs
    return found


def prime(server: str, config: dict[str, Any], only: list[str]) -> None:
    """Fetch the walk's pages once so no client pays the server's first encode."""
    if "3" in only:
        walk = config["3"]
        control.prime_pages(server, walk["total"], walk["limit"])


def collect_versions(runs: dict[str, Any]) -> dict[str, str]:
    """The library version each client reported (first one seen)."""
    versions: dict[str, str] = {}
    for scenario, clients in runs.items():
        if scenario in ("6", "7"):
            continue
        for client, rounds in clients.items():
            for jobs in rounds:
                for result in jobs.values():
                    if "version" in result:
                        versions.setdefault(client, result["version"])
    return versions


def meta(
    options: argparse.Namespace, config: dict[str, Any], runs: dict[str, Any], seconds: float
) -> dict[str, Any]:
    """Everything needed to read the numbers later."""
    return {
        "when": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "rounds": options.rounds,
        "quick": options.quick,
        "scenarios": options.only,
        "clients": options.clients,
        "settings": config,
        "versions": collect_versions(runs),
        "seconds": round(seconds, 1),
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse the harness command line."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--rounds", type=int, help="rounds per scenario (default 5, 1 with --quick)"
    )
    parser.add_argument(
        "--quick", action="store_true", help="fast smoke run (well under a minute)"
    )
    parser.add_argument(
        "--only", default=",".join(SCENARIO_IDS), help="scenarios to run, e.g. 1,3,6"
    )
    parser.add_argument(
        "--clients", default=",".join(c.name for c in CLIENTS), help="clients to run"
    )
    parser.add_argument(
        "--import-runs", type=int, help="interpreter runs per import target (scenario 6)"
    )
    parser.add_argument(
        "--python", default=sys.executable, help="interpreter for the client runners"
    )
    parser.add_argument(
        "--output", type=Path, help="where to write the JSON (default: a new file in results/)"
    )
    parser.add_argument(
        "--all", action="store_true", help="then run every service's and the CLI's harness too"
    )
    options = parser.parse_args(argv)
    options.only = [part.strip() for part in options.only.split(",") if part.strip()]
    options.clients = [part.strip() for part in options.clients.split(",") if part.strip()]
    unknown = [s for s in options.only if s not in SCENARIO_IDS]
    unknown += [c for c in options.clients if c not in {client.name for client in CLIENTS}]
    if unknown or not options.clients:
        parser.error(f"unknown scenario or client: {', '.join(unknown) or '(none given)'}")
    return options


def run_all(options: argparse.Namespace, config: dict[str, Any]) -> dict[str, Any]:
    """Start the server, run the rounds and the import scenario; return raw runs."""
    runs: dict[str, Any] = {}
    env = child_env()
    proc, server = start_server(sys.executable, env)
    try:
        prime(server, config, options.only)
        with tempfile.TemporaryDirectory(prefix="stackclient-bench-") as scratch:
            state_file = str(Path(scratch) / "auth_state")
            for number in range(options.rounds):
                progress(f"round {number + 1}/{options.rounds}")
                for scenario, clients in run_round(
                    number, options, server, config, state_file
                ).items():
                    for client, jobs in clients.items():
                        runs.setdefault(scenario, {}).setdefault(client, []).append(jobs)
        if "7" in options.only:
            progress(f"scenario 7: {options.import_runs} interpreter runs per client")
            runs["7"] = connecttime.measure(
                options.python,
                env,
                options.import_runs,
                tuple(options.clients),
                server,
                config["7"]["total"],
            )
    finally:
        stop_server(proc)
    if "6" in options.only:
        progress(f"scenario 6: {options.import_runs} interpreter runs per import")
        runs["6"] = importtime.measure(
            options.python, env, options.import_runs, tuple(options.clients)
        )
    return runs


def readme_table(document: dict[str, Any]) -> str:
    """The README table of a recorded run (see :mod:`benchmarks.table`)."""
    return report.rst_table(document["summary"])


def main(argv: list[str] | None = None) -> int:
    """Run the harness end to end; print tables; write the JSON."""
    options = parse_args(argv)
    config = settings(options.quick)
    given_rounds = options.rounds
    options.rounds = options.rounds or config["rounds"]
    options.import_runs = options.import_runs or config["import_runs"]
    began = record.start()
    started = time.perf_counter()
    runs = run_all(options, config)
    summary = report.summarise(runs)
    document: dict[str, Any] = {
        "meta": meta(options, config, runs, time.perf_counter() - started),
        "summary": summary,
        "runs": runs,
    }
    written = record.save(
        "identity", "benchmarks.run", document, began, argv, options.python, options.output
    )
    print(report.text_table(summary))
    baseline = runs.get("6", {}).get(importtime.BASELINE)
    if baseline and baseline["wall_ms"]:
        print(f"\nbaseline `python -c pass`: {statistics.median(baseline['wall_ms']):.1f} ms")
    if "7" in runs:
        print(
            "\n"
            + report.versus(summary, "stackclient", "openstacksdk", ("7.wall", "7.cpu", "7.incpu"))
        )
    print("\nREADME table (ratios to raw requests; counts are the worst round):\n")
    print(report.rst_table(summary))
    print()
    print(report.markdown_table(summary))
    print(f"\n{document['meta']['seconds']} s; JSON written to {written}")
    if options.all:
        return run_others(given_rounds, options.quick, options.python)
    return 0


def harness_modules() -> list[str]:
    """Every other harness, in name order: ``benchmarks/<name>_run.py`` modules
    and ``benchmarks/<name>/`` packages with a ``run.py`` and a ``__main__.py``."""
    here = Path(__file__).resolve().parent
    found = ["benchmarks." + path.stem for path in here.glob("*_run.py")]
    found += [
        "benchmarks." + path.parent.name
        for path in here.glob("*/run.py")
        if (path.parent / "__main__.py").is_file()
    ]
    return sorted(found)


def run_others(rounds: int | None, quick: bool, python: str) -> int:
    """Run each harness module's ``main`` in turn; the worst exit code."""
    worst = 0
    for module in harness_modules():
        argv = (["--rounds", str(rounds)] if rounds else []) + (["--quick"] if quick else [])
        progress(f"\n== {module} {' '.join(argv)}")
        done = subprocess.run(
            [python, "-m", module, *argv], env=child_env(), cwd=str(ROOT), check=False
        )
        worst = max(worst, done.returncode)
    return worst


if __name__ == "__main__":
    raise SystemExit(main())
