"""The local cloud's framework (tools/localcloud) without starting any service.

Dependency waves, option parsing, config rendering, bounded commands and
stopping a process that ignores SIGTERM.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parents[2] / "tools"
sys.path.insert(0, str(TOOLS))

from localcloud import base, cli, orchestrator, procs, registry  # noqa: E402


class _Fake(base.Service):
    pass


def _fake(name: str, *requires: str) -> type[base.Service]:
    return type(name.title(), (_Fake,), {"name": name, "requires": requires})


@pytest.fixture
def fake_registry(monkeypatch: pytest.MonkeyPatch) -> dict[str, type[base.Service]]:
    classes = {
        "keystone": _fake("keystone"),
        "memcached": _fake("memcached"),
        "swift": _fake("swift", "keystone", "memcached"),
        "nova": _fake("nova", "keystone", "swift"),
    }
    monkeypatch.setattr(orchestrator, "load_service", lambda name: classes[name]())
    monkeypatch.setattr(orchestrator, "SERVICES", dict.fromkeys(classes, ""))
    return classes


def test_plan_groups_services_in_dependency_waves(fake_registry: dict) -> None:
    waves = [[s.name for s in wave] for wave in orchestrator.plan()]
    assert waves == [["keystone", "memcached"], ["swift"], ["nova"]]


def test_plan_pulls_in_what_a_service_requires(fake_registry: dict) -> None:
    waves = [[s.name for s in wave] for wave in orchestrator.plan(["swift"])]
    assert waves == [["keystone", "memcached"], ["swift"]]


def test_plan_refuses_circular_requirements(monkeypatch: pytest.MonkeyPatch) -> None:
    classes = {"a": _fake("a", "b"), "b": _fake("b", "a")}
    monkeypatch.setattr(orchestrator, "load_service", lambda name: classes[name]())
    with pytest.raises(base.CloudError, match="circular"):
        orchestrator.plan(["a"])


def test_every_registered_service_loads_and_requires_known_services() -> None:
    for name in registry.SERVICES:
        service = registry.load_service(name)
        assert service.name == name
        assert set(service.requires) <= set(registry.SERVICES)


def test_unknown_service_is_refused_by_name() -> None:
    with pytest.raises(base.CloudError, match="unknown service 'nope'"):
        registry.load_service("nope")


def test_set_options_parse_json_values_and_plain_strings() -> None:
    parsed = cli._options(["keystone.list_limit=3", "keystone.admin_password=s3cret"])
    assert parsed == {"keystone": {"list_limit": 3, "admin_password": "s3cret"}}
    with pytest.raises(base.CloudError, match="service.option=value"):
        cli._options(["list_limit=3"])


def test_ini_text_renders_lists_booleans_and_paths() -> None:
    text = base.ini_text({"DEFAULT": {"a": ["x", "y"], "b": True, "c": Path("/p")}})
    assert text == "[DEFAULT]\na = x, y\nb = true\nc = /p\n"


def test_context_hands_out_one_port_and_one_secret_per_key(tmp_path: Path) -> None:
    ctx = base.Context(tmp_path, repo_root=tmp_path, venvs={})
    assert ctx.port("glance") == ctx.port("glance") != ctx.port("neutron")
    assert ctx.secret("user-glance") == ctx.secret("user-glance") != ctx.secret("user-nova")
    fixed = base.Context(tmp_path, repo_root=tmp_path, venvs={}, options={"x": {"port": 4242}})
    assert fixed.port("x") == 4242


def test_service_env_drops_the_callers_os_variables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OS_PASSWORD", "leak")
    monkeypatch.setenv("OS_DATABASE__CONNECTION", "sqlite://")
    env = base.Context(tmp_path, repo_root=tmp_path, venvs={}).env(None, EXTRA="1")
    assert not [k for k in env if k.startswith("OS_")]
    assert env["EXTRA"] == "1"


def test_a_hanging_command_is_killed_and_reported_with_its_output() -> None:
    hang = [sys.executable, "-c", "print('started', flush=True); import time; time.sleep(60)"]
    began = time.monotonic()
    with pytest.raises(base.CloudError, match="hang timed out after 1 s") as info:
        procs.run_checked(hang, "hang", timeout=1.0)
    assert time.monotonic() - began < 30
    assert "started" in str(info.value)


def test_a_failing_command_reports_exit_status_and_output() -> None:
    fail = [sys.executable, "-c", "print('bad config'); raise SystemExit(3)"]
    with pytest.raises(base.CloudError, match=r"step failed \(exit 3\):\nbad config"):
        procs.run_checked(fail, "step")


def test_stop_recorded_kills_a_process_that_ignores_sigterm(tmp_path: Path) -> None:
    stubborn = "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
    stubborn += "print('up', flush=True); time.sleep(120)"
    proc = procs.spawn(
        [sys.executable, "-c", stubborn],
        log=tmp_path / "logs" / "stubborn.out",
        pid_file=tmp_path / "pids" / "stubborn.json",
    )
    deadline = time.monotonic() + 20
    while b"up" not in (tmp_path / "logs" / "stubborn.out").read_bytes():
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert procs.stop_recorded(tmp_path / "pids", grace=0.5) == [proc.pid]
    assert proc.wait(timeout=10) == -9
    assert procs.recorded_pids(tmp_path / "pids") == []


def test_a_recycled_pid_is_not_taken_for_a_recorded_server(tmp_path: Path) -> None:
    (tmp_path / "pids").mkdir()
    record = {"pid": subprocess.os.getpid(), "exe": "no-such-server-binary"}
    (tmp_path / "pids" / "old.json").write_text(json.dumps(record))
    assert procs.recorded_pids(tmp_path / "pids") == []
    assert procs.stop_recorded(tmp_path / "pids") == []


def test_start_refuses_a_state_dir_that_is_not_its_own(tmp_path: Path) -> None:
    (tmp_path / "precious.txt").write_text("keep me")
    with pytest.raises(base.CloudError, match="no local-cloud state directory"):
        orchestrator._reset_state(tmp_path)
    assert (tmp_path / "precious.txt").read_text() == "keep me"


def test_log_tails_show_the_last_lines_of_each_log(tmp_path: Path) -> None:
    (tmp_path / "a.log").write_text("".join(f"line {i}\n" for i in range(100)))
    text = procs.log_tails(tmp_path, lines=3)
    assert "line 99" in text and "line 97" in text and "line 96" not in text


def test_a_process_that_renamed_itself_is_still_recognised_by_its_start_time(
    tmp_path: Path,
) -> None:
    (tmp_path / "pids").mkdir()
    pid = subprocess.os.getpid()
    started = procs._start_time(pid)
    record = {"pid": pid, "exe": "a-name-it-no-longer-has", "start": started}
    (tmp_path / "pids" / "renamed.json").write_text(json.dumps(record))
    assert [p for _, p in procs.recorded_pids(tmp_path / "pids")] == [pid]
    record["start"] = started - 1
    (tmp_path / "pids" / "renamed.json").write_text(json.dumps(record))
    assert procs.recorded_pids(tmp_path / "pids") == []
