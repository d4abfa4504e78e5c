"""The local cloud says what it is doing while it works: a line at least every few seconds."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parents[2] / "tools"
sys.path.insert(0, str(TOOLS))

from localcloud import base, orchestrator, venvs  # noqa: E402


class _Lines(base.Context):
    def __init__(self, state: Path) -> None:
        super().__init__(state, repo_root=state, venvs={})
        self.lines: list[str] = []

    def progress(self, message: str) -> None:
        self.lines.append(message)


class _Quick(base.Service):
    name = "quick"


class _Slow(base.Service):
    name = "slow"


def test_a_parallel_step_names_the_services_it_still_waits_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(orchestrator, "HEARTBEAT", 0.05)
    ctx = _Lines(tmp_path)

    def step(service: base.Service) -> str:
        if service.name == "slow":
            time.sleep(0.5)
        return service.name

    results = orchestrator._run_parallel([_Quick(), _Slow()], step, "start", ctx)
    assert results == {"quick": "quick", "slow": "slow"}
    waiting = [line for line in ctx.lines if line.startswith("start: waiting for")]
    assert waiting and all(line.startswith("start: waiting for slow (") for line in waiting)
    count = len(ctx.lines)
    time.sleep(0.2)
    assert len(ctx.lines) == count  # the heartbeat stopped with the step


def test_pip_progress_counts_packages_found_then_installing(tmp_path: Path) -> None:
    log = tmp_path / "pip.log"
    assert venvs.pip_state(log, 180) == "starting"
    log.write_text(
        "2026-12-01T00:00:00,000 2 location(s) to search for versions of six:\n"
        "2026-12-01T00:00:00,000 2 location(s) to search for versions of idna:\n"
    )
    assert venvs.pip_state(log, 180) == "2 of about 180 packages found"
    with log.open("a") as handle:
        handle.write("2026-12-01T00:00:01,000 Installing collected packages: six, idna\n")
    assert venvs.pip_state(log, 180) == "installing 2 packages"
    with log.open("a") as handle:  # that was the build backend; the project's own go on
        handle.write("2026-12-01T00:00:02,000 3 location(s) to search for versions of pbr:\n")
    assert venvs.pip_state(log, 180) == "3 of about 180 packages found"


def test_the_pins_of_the_constraints_are_the_total() -> None:
    pins = venvs._pins(TOOLS / "localcloud" / "constraints.txt")
    assert "keystone" in pins and len(pins) > 100


def test_a_failure_while_writing_the_cloud_files_stops_what_was_started(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stopped: list[str] = []

    class Started(base.Service):
        name = "started"
        venv = None

        def start(self, ctx: base.Context) -> dict[str, str]:
            return {}  # and no credentials in ctx.cloud: writing clouds.yaml fails

        def stop(self, ctx: base.Context) -> None:
            stopped.append(self.name)

    monkeypatch.setattr(orchestrator, "load_service", lambda name: Started())
    monkeypatch.setattr(orchestrator, "SERVICES", {"started": ""})
    monkeypatch.setattr(orchestrator, "ensure", lambda names, root: {})
    with pytest.raises(KeyError):
        orchestrator.start_cloud(tmp_path / "state", ["started"], repo_root=tmp_path)
    assert stopped == ["started"]
