"""The installed ``stack`` command, run as a subprocess against the local cloud.

Each test runs ``stack`` with a private HOME, XDG directories and a
clouds.yaml naming the local cloud, and checks what it prints, its exit
code, its token cache and that ``--debug`` shows no secret.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import yaml

STACK = shutil.which("stack", path=os.path.dirname(sys.executable)) or "stack"


@pytest.fixture
def cli(cloud, tmp_path):
    """Run ``stack --os-cloud local ...``; return (exit code, stdout, stderr)."""
    home = tmp_path / "home"
    config = home / ".config" / "openstack"
    config.mkdir(parents=True)
    clouds = {
        "clouds": {
            "local": {
                "auth": {
                    "auth_url": cloud["auth_url"],
                    "username": cloud["admin_username"],
                    "password": cloud["admin_password"],
                    "project_name": cloud["admin_project_name"],
                    "user_domain_id": "default",
                    "project_domain_id": "default",
                },
                "region_name": cloud["region_name"],
            }
        }
    }
    (config / "clouds.yaml").write_text(yaml.safe_dump(clouds))
    env = {k: v for k, v in os.environ.items() if not k.startswith("OS_")}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_CACHE_HOME=str(home / ".cache"), OS_CLOUD="local")  # fmt: skip

    def run(*argv: str, check: bool = True) -> tuple[int, str, str]:
        done = subprocess.run([STACK, *argv], capture_output=True, text=True, env=env,
                              cwd=tmp_path, timeout=300)  # fmt: skip
        if check and done.returncode != 0:
            pytest.fail("stack %s exited %d:\n%s" % (" ".join(argv), done.returncode, done.stderr))
        return done.returncode, done.stdout, done.stderr

    run.home = home  # type: ignore[attr-defined]
    run.cloud = cloud  # type: ignore[attr-defined]
    return run


def test_project_list_in_every_format(cli):
    admin = cli.cloud["admin_project_name"]
    _, out, _ = cli("project", "list", "-f", "json")
    assert admin in [row["name"] for row in json.loads(out)]
    _, out, _ = cli("project", "list", "-f", "yaml")
    assert admin in [row["name"] for row in yaml.safe_load(out)]
    _, out, _ = cli("project", "list", "-f", "value", "-c", "name")
    assert admin in out.split()
    _, out, _ = cli("project", "list", "-f", "csv")
    assert out.splitlines()[0] == "id,name"
    _, out, _ = cli("project", "list")
    assert "| ID" in out and admin in out


def test_exit_codes_and_one_line_errors(cli):
    code, _, err = cli("project", "show", "no-such-project-%s" % uuid.uuid4().hex, check=False)
    assert code == 1
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("Error: ")
    code, _, err = cli("project", "list", "--no-such-option", check=False)
    assert code == 2
    code, _, _ = cli("no-such-resource", check=False)
    assert code == 2


def test_the_second_run_uses_the_cached_token(cli):
    _, _, first = cli("--debug", "project", "list")
    assert "/auth/tokens" in first
    _, _, second = cli("--debug", "project", "list")
    assert "/auth/tokens" not in second
    assert second.count("curl -g -i") == 1
    tokens = cli.home / ".cache" / "stackclient" / "tokens"
    assert stat.S_IMODE(tokens.stat().st_mode) == 0o700
    files = list(tokens.iterdir())
    assert files and all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)
    _, _, third = cli("--debug", "--no-cache", "project", "list")
    assert "/auth/tokens" in third


def test_debug_shows_no_secret(cli):
    _, out, err = cli("--debug", "--no-cache", "token", "issue", "-f", "json")
    token = json.loads(out)["id"]
    assert token and token not in err
    assert cli.cloud["admin_password"] not in err
    assert "curl -g -i" in err


def test_config_show_says_where_values_came_from(cli):
    _, out, _ = cli("config", "show", "--origin", "-f", "json")
    rows = {row["key"]: row for row in json.loads(out)}
    assert rows["auth.password"]["value"] == "***"
    assert "clouds.yaml" in rows["auth.auth_url"]["origin"]
    assert cli.cloud["admin_password"] not in out


def test_network_lifecycle(cli):
    name = "cli-net-%s" % uuid.uuid4().hex[:8]
    _, out, _ = cli("network", "create", name, "-f", "json")
    created = json.loads(out)
    try:
        _, out, _ = cli("subnet", "create", name + "-sub", "--network", name,
                        "--subnet-range", "10.77.0.0/24", "-f", "value", "-c", "cidr")  # fmt: skip
        assert out.strip() == "10.77.0.0/24"
        _, out, _ = cli("network", "list", "--name", name, "-f", "value", "-c", "id")
        assert out.strip() == created["id"]
    finally:
        cli("network", "delete", created["id"])
    code, _, _ = cli("network", "show", created["id"], check=False)
    assert code == 1


def test_image_upload_and_save_are_verified(cli, tmp_path):
    data = os.urandom(256 * 1024)
    source = tmp_path / "disk.raw"
    source.write_bytes(data)
    name = "cli-img-%s" % uuid.uuid4().hex[:8]
    _, out, _ = cli("image", "create", name, "--file", str(source), "-f", "json")
    image = json.loads(out)
    try:
        assert image["status"] == "active" and image["size"] == len(data)
        target = tmp_path / "saved.raw"
        cli("image", "save", name, "--file", str(target))
        assert target.read_bytes() == data
    finally:
        cli("image", "delete", image["id"])


def test_api_passthrough_prints_the_answer(cli):
    _, out, _ = cli("api", "GET", "identity", "/projects")
    assert "projects" in json.loads(out)
    code, _, err = cli("api", "get", "network", "/no-such-collection", check=False)
    assert code == 1 and "Error:" in err


def test_help_is_usage_without_a_cloud(tmp_path):
    done = subprocess.run([STACK, "--help"], capture_output=True, text=True,
                          env={"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path)})  # fmt: skip
    assert done.returncode == 0 and "<resource>" in done.stdout
    done = subprocess.run([sys.executable, "-m", "stackclient", "network", "--help"],
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0 and "list" in done.stdout


def test_python_m_stackclient_runs_the_command_line(cli):
    path = Path(sys.executable)
    done = subprocess.run(
        [str(path), "-m", "stackclient", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0 and "stackclient" in done.stdout


def test_volume_and_snapshot_lifecycle(cli):
    name = "cli-vol-%s" % uuid.uuid4().hex[:8]
    _, out, _ = cli("volume", "create", name, "--size", "1", "--wait", "-f", "json")
    volume = json.loads(out)
    assert volume["status"] == "available"
    try:
        _, out, _ = cli("volume", "snapshot", "create", name + "-snap", "--volume", name,
                        "--wait", "-f", "value", "-c", "status")  # fmt: skip
        assert out.strip() == "available"
        cli("volume", "snapshot", "delete", name + "-snap")
    finally:
        for _ in range(30):
            code, _, err = cli("volume", "delete", volume["id"], check=False)
            if code == 0 or "No volume" in err:
                break
            time.sleep(1)


def test_container_and_object_round_trip(cli, tmp_path):
    container = "cli-c-%s" % uuid.uuid4().hex[:8]
    data = os.urandom(300 * 1024)
    source = tmp_path / "blob.bin"
    source.write_bytes(data)
    cli("container", "create", container)
    try:
        _, out, _ = cli(
            "object", "upload", container, str(source), "--name", "a/blob.bin", "-f", "json"
        )
        assert json.loads(out)[0]["object"] == "a/blob.bin"
        _, out, _ = cli("object", "list", container, "-f", "value", "-c", "name")
        assert out.split() == ["a/blob.bin"]
        target = tmp_path / "back.bin"
        cli("object", "download", container, "a/blob.bin", "--file", str(target))
        assert target.read_bytes() == data
        unhashed = tmp_path / "unhashed.bin"
        cli("object", "download", container, "a/blob.bin", "--file", str(unhashed),
            "--ignore-checksum")  # fmt: skip
        assert unhashed.read_bytes() == data
        code, _, err = cli("container", "delete", container, check=False)
        assert code == 1 and "not empty" in err
    finally:
        cli("container", "delete", "--recursive", container)


def test_server_boots_and_is_deleted(cli, tmp_path):
    name = "cli-vm-%s" % uuid.uuid4().hex[:8]
    image = tmp_path / "tiny.raw"
    image.write_bytes(os.urandom(64 * 1024))
    cli("image", "create", name, "--file", str(image))
    network = cli.cloud["services"]["neutron"]["shared_network"]["name"]
    try:
        _, out, _ = cli("server", "create", name, "--image", name, "--flavor", "m1.tiny",
                        "--network", network, "--wait", "-f", "json")  # fmt: skip
        server = json.loads(out)
        assert server["status"] == "ACTIVE"
        _, out, err = cli("--debug", "server", "list", "--name", name, "-f", "json")
        assert err.count("curl -g -i") == 1  # a warm cache: no auth, no discovery, no lookups
        rows = json.loads(out)
        assert [row["id"] for row in rows] == [server["id"]]
        assert rows[0]["flavor"] == "m1.tiny" and network in rows[0]["networks"]
        cli("server", "stop", name, "--wait")
        _, out, _ = cli("server", "show", name, "-f", "value", "-c", "status")
        assert out.strip() == "SHUTOFF"
        _, out, _ = cli("server", "show", name, "-f", "value", "-c", "addresses")
        assert out.startswith(network + "=") and "{" not in out
        _, out, _ = cli("server", "show", name, "-f", "json", "-c", "addresses")
        assert isinstance(json.loads(out)["addresses"][network], list)
        cli("server", "delete", name, "--wait")
    finally:
        cli("server", "delete", name, check=False)
        cli("image", "delete", name)
