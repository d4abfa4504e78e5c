"""The closing notes of tools/demo.sh: what it did, how to use the cloud, how to stop it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "examples"))

import next_steps  # noqa: E402

CLOUD = {
    "auth_url": "http://127.0.0.1:41234/v3",
    "region_name": "RegionOne",
    "admin_username": "admin",
    "admin_password": "s3cret-admin",
    "admin_project_name": "admin",
    "member_username": "demo",
    "member_password": "s3cret-demo",
    "member_project_name": "demo",
    "state_dir": str(ROOT / ".state" / "demo-cloud"),
    "services": {"keystone": {}, "neutron": {}},
}


def test_the_notes_say_where_the_cloud_is_how_to_use_it_and_how_to_stop_it() -> None:
    text = next_steps.notes(CLOUD, ".venvs/dev", 95)
    assert "What happened in 95 s" in text and "keystone, neutron" in text
    assert "http://127.0.0.1:41234/v3" in text
    assert ".state/demo-cloud/clouds.yaml" in text and ".state/demo-cloud/openrc" in text
    assert "--os-cloud local project list" in text
    assert text.rstrip().endswith("tools/demo.sh stop")
    assert "s3cret" not in text


def test_the_script_reads_the_cloud_from_the_environment() -> None:
    env = dict(os.environ, STACKCLIENT_DEMO_SERVER=json.dumps(CLOUD))
    done = subprocess.run([sys.executable, str(ROOT / "examples" / "next_steps.py")],
                          capture_output=True, text=True, env=env, cwd=ROOT, check=True)  # fmt: skip
    assert "The cloud is still running" in done.stdout and done.stderr == ""
