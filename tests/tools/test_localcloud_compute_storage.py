"""Nova, placement, Cinder and RabbitMQ of the local cloud, without starting them.

What their config files wire to what, the database snapshot Nova keeps,
and the runner's wait for a database row.
"""

from __future__ import annotations

import configparser
import os
import sqlite3
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parents[2] / "tools"
sys.path.insert(0, str(TOOLS))
sys.path.insert(0, str(TOOLS / "localcloud" / "runtime"))

import localcloud_run  # noqa: E402
from localcloud import base  # noqa: E402
from localcloud.services import _nova_config, cinder, nova, rabbitmq  # noqa: E402


@pytest.fixture
def ctx(tmp_path: Path) -> base.Context:
    venv = tmp_path / "venv"
    return base.Context(tmp_path / "state", repo_root=tmp_path, venvs={"openstack": venv})


def _parse(text: str) -> configparser.RawConfigParser:
    parser = configparser.RawConfigParser()
    parser.read_string(text)
    return parser


def test_transport_url_names_the_brokers_port_and_password(ctx: base.Context) -> None:
    url = rabbitmq.transport_url(ctx)
    assert url == f"rabbit://localcloud:{ctx.secret('rabbitmq')}@127.0.0.1:{ctx.port('rabbitmq')}/"


def test_nova_conf_wires_every_client_section_to_the_nova_user(ctx: base.Context) -> None:
    conf = _parse(base.ini_text(_nova_config.nova_conf(ctx, ctx.service_dir("nova"))))
    for section in ("placement", "neutron", "glance", "cinder", "keystone", "service_user"):
        assert conf.get(section, "auth_url") == ctx.auth_url, section
        assert conf.get(section, "username") == "nova", section
        assert conf.get(section, "password") == ctx.secret("user-nova"), section
        assert conf.get(section, "region_name") == "RegionOne", section
    assert conf.get("service_user", "send_service_user_token") == "true"
    assert conf.get("keystone_authtoken", "username") == "nova"
    assert conf.get("DEFAULT", "compute_driver") == "fake.FakeDriverWithoutFakeNodes"
    assert conf.get("DEFAULT", "transport_url") == rabbitmq.transport_url(ctx)


def test_nova_compute_never_sees_the_database_options(ctx: base.Context) -> None:
    sdir = ctx.service_dir("nova")
    conf = _parse(base.ini_text(_nova_config.nova_conf(ctx, sdir)))
    assert not conf.has_section("database") and not conf.has_section("api_database")
    db = _parse(base.ini_text(_nova_config.db_conf(sdir)))
    assert db.get("database", "connection") == f"sqlite:///{sdir / 'nova.sqlite'}"
    assert db.get("api_database", "connection") == f"sqlite:///{sdir / 'nova_api.sqlite'}"


def test_cinder_conf_runs_the_fake_backend_and_calls_nova_as_cinder(ctx: base.Context) -> None:
    conf = _parse(cinder.Cinder()._config(ctx))
    assert conf.get("DEFAULT", "enabled_backends") == "fake"
    assert conf.get("fake", "volume_driver").endswith("FakeLoggingVolumeDriver")
    assert conf.get("nova", "username") == "cinder"
    assert conf.get("nova", "auth_url") == ctx.auth_url
    assert conf.get("DEFAULT", "transport_url") == rabbitmq.transport_url(ctx)


def _api_database(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for name in ("nova_api.sqlite", "nova_cell0.sqlite", "nova.sqlite"):
        with closing(sqlite3.connect(str(directory / name))) as conn:
            conn.execute("CREATE TABLE marker (name TEXT)")
            conn.execute("INSERT INTO marker VALUES (?)", (name,))
            conn.commit()
    rows = [("cell0", "none:///", "sqlite:///old/cell0"), ("cell1", "rabbit://u:pw@h/", "x")]
    with closing(sqlite3.connect(str(directory / "nova_api.sqlite"))) as conn:
        conn.execute(
            "CREATE TABLE cell_mappings (name TEXT, transport_url TEXT, database_connection TEXT)"
        )
        conn.executemany("INSERT INTO cell_mappings VALUES (?, ?, ?)", rows)
        conn.commit()


def _cells(directory: Path) -> dict[str, tuple[str, str]]:
    with closing(sqlite3.connect(str(directory / "nova_api.sqlite"))) as conn:
        query = "SELECT name, transport_url, database_connection FROM cell_mappings"
        return {name: (url, db) for name, url, db in conn.execute(query)}


def test_nova_snapshot_keeps_no_broker_password_and_is_repointed(tmp_path: Path) -> None:
    synced, snapshot, fresh = tmp_path / "synced", tmp_path / "cache" / "db", tmp_path / "fresh"
    _api_database(synced)
    assert not nova._restore(snapshot, synced)
    nova._save(snapshot, synced)
    assert all(url.startswith("none:") for url, _db in _cells(snapshot).values())
    fresh.mkdir()
    assert nova._restore(snapshot, fresh)
    nova._point_cells(fresh, fresh, "rabbit://new:secret@127.0.0.1:5/")
    assert _cells(fresh) == {
        "cell0": ("none:///", f"sqlite:///{fresh / 'nova_cell0.sqlite'}"),
        "cell1": ("rabbit://new:secret@127.0.0.1:5/", f"sqlite:///{fresh / 'nova.sqlite'}"),
    }


def test_nova_snapshot_first_writer_wins(tmp_path: Path) -> None:
    _api_database(tmp_path / "one")
    _api_database(tmp_path / "two")
    snapshot = tmp_path / "cache" / "db"
    nova._save(snapshot, tmp_path / "one")
    nova._save(snapshot, tmp_path / "two")
    assert sorted(p.name for p in snapshot.iterdir()) == sorted(nova._DB_FILES)
    assert [p.name for p in snapshot.parent.iterdir()] == ["db"]


def test_runner_waits_for_a_row_before_running(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "cell.sqlite"
    with closing(sqlite3.connect(str(database))) as conn:
        conn.execute("CREATE TABLE compute_nodes (id INTEGER)")
        conn.execute("INSERT INTO compute_nodes VALUES (1)")
        conn.commit()
    monkeypatch.setenv("LOCALCLOUD_RUN_WHEN", f"{database}|SELECT count(*) FROM compute_nodes")
    assert localcloud_run._wait_when()


def test_runner_gives_up_when_the_row_never_comes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "absent.sqlite"
    monkeypatch.setenv("LOCALCLOUD_RUN_WHEN", f"{missing}|SELECT count(*) FROM compute_nodes")
    monkeypatch.setenv("LOCALCLOUD_RUN_WHEN_TIMEOUT", "0.5")
    began = time.monotonic()
    assert not localcloud_run._wait_when()
    assert time.monotonic() - began < 30
    assert not missing.exists()


def test_runner_runs_at_once_without_a_condition(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LOCALCLOUD_RUN_WHEN", raising=False)
    assert localcloud_run._wait_when()
    assert "LOCALCLOUD_RUN_WHEN" not in os.environ
