"""clouds.yaml and openrc of the local cloud: read by stackclient and by bash as written."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parents[2] / "tools"
sys.path.insert(0, str(TOOLS))

from localcloud import credentials  # noqa: E402

CLOUD = {
    "auth_url": "http://127.0.0.1:5000/v3",
    "region_name": "RegionOne",
    "admin_username": "admin",
    "admin_password": "p'a\"s s:#{x}",
    "admin_project_name": "admin",
    "member_username": "demo",
    "member_password": "m3mber",
    "member_project_name": "demo",
    "user_domain_id": "default",
    "project_domain_id": "default",
}


def test_clouds_yaml_names_the_admin_and_the_demo_user(tmp_path: Path) -> None:
    from stackclient import config

    paths = credentials.write_credentials(tmp_path, CLOUD)
    assert stat.S_IMODE(paths["clouds_yaml"].stat().st_mode) == 0o600
    loader = config.OpenStackConfig(config_files=[str(paths["clouds_yaml"])],
                                    secure_files=[], vendor_files=[], load_envvars=False)  # fmt: skip
    admin = loader.get_one(cloud="local")
    assert admin.auth["password"] == CLOUD["admin_password"]
    assert admin.auth["auth_url"] == CLOUD["auth_url"]
    assert admin.region_name == "RegionOne"
    demo = loader.get_one(cloud="local-demo")
    assert (demo.auth["username"], demo.auth["project_name"]) == ("demo", "demo")


def test_openrc_exports_the_admins_variables(tmp_path: Path) -> None:
    paths = credentials.write_credentials(tmp_path, CLOUD)
    assert stat.S_IMODE(paths["openrc"].stat().st_mode) == 0o600
    script = '. "%s"; printf "%%s\\n" "$OS_PASSWORD" "$OS_AUTH_URL" "$OS_REGION_NAME"'
    out = subprocess.run(["bash", "-c", script % paths["openrc"]], capture_output=True,
                         text=True, check=True, env={"PATH": "/usr/bin:/bin"}).stdout  # fmt: skip
    assert out.splitlines() == [CLOUD["admin_password"], CLOUD["auth_url"], "RegionOne"]


def test_a_cloud_without_the_demo_user_gets_only_the_admins_entry(tmp_path: Path) -> None:
    from stackclient import config

    admin_only = {k: v for k, v in CLOUD.items() if not k.startswith("member_")}
    paths = credentials.write_credentials(tmp_path, admin_only)
    loader = config.OpenStackConfig(config_files=[str(paths["clouds_yaml"])],
                                    secure_files=[], vendor_files=[], load_envvars=False)  # fmt: skip
    assert loader.get_cloud_names() == ["local"]
