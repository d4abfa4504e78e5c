"""Finding and reading configuration files: search order, lines, errors, permissions."""

from __future__ import annotations

import builtins
import os
import subprocess
import sys
import warnings

import pytest

from stackclient.apiclient import exceptions
from stackclient.config import _jsonfile, _yamlfile, files


def test_search_dirs_in_order(cloud_env) -> None:
    cloud_env.setenv("XDG_CONFIG_HOME", str(cloud_env.path("xdg-home")))
    cloud_env.setenv("XDG_CONFIG_DIRS", "%s:%s" % (cloud_env.path("a"), cloud_env.path("b")))
    assert files.search_dirs() == [
        str(cloud_env.path("cwd")),
        str(cloud_env.path("xdg-home/openstack")),
        str(cloud_env.path("home/.config/openstack")),
        str(cloud_env.path("a/openstack")),
        str(cloud_env.path("b/openstack")),
        "/etc/openstack",
    ]


def test_snap_real_home(cloud_env) -> None:
    cloud_env.setenv("SNAP_REAL_HOME", "/home/real")
    assert "/home/real/.config/openstack" in files.search_dirs()


def test_candidates_try_yaml_yml_json_in_each_dir() -> None:
    assert files.candidates("secure", ["/a", "/b"]) == [
        "/a/secure.yaml", "/a/secure.yml", "/a/secure.json",
        "/b/secure.yaml", "/b/secure.yml", "/b/secure.json",
    ]  # fmt: skip


def test_yaml_lines_of_nested_keys_lists_and_merge_keys() -> None:
    text = (
        "base: &base\n"
        "  interface: internal\n"
        "clouds:\n"
        "  c:\n"
        "    <<: *base\n"
        "    auth:\n"
        "      username: u\n"
        "    regions:\n"
        "      - name: r1\n"
        "        values:\n"
        "          compute_api_version: 2.5\n"
    )
    data, lines = _yamlfile.load(text, "f.yaml")
    assert data["clouds"]["c"]["interface"] == "internal"
    assert data["clouds"]["c"]["regions"][0]["values"]["compute_api_version"] == 2.5
    assert lines[("clouds", "c", "auth", "username")] == 7
    assert lines[("clouds", "c", "regions", "0", "values", "compute_api_version")] == 11


def test_yaml_error_names_file_and_line() -> None:
    with pytest.raises(
        exceptions.ConfigException, match=r"f\.yaml, line 3 column \d+ is not valid YAML"
    ):
        _yamlfile.load("clouds:\n  a: 1\n b: [\n", "f.yaml")


def test_json_values_and_lines() -> None:
    text = '{\n  "clouds": {\n    "c": {"n": 1, "f": 1.5, "e": 1e3,\n      "l": [true, false, null, "s\\u00e9"]}\n  }\n}'
    data, lines = _jsonfile.load(text, "f.json")
    assert data == {
        "clouds": {"c": {"n": 1, "f": 1.5, "e": 1000.0, "l": [True, False, None, "sé"]}}
    }
    assert lines[("clouds", "c", "l")] == 4
    assert lines[("clouds", "c", "n")] == 3


@pytest.mark.parametrize(
    "text, line",
    [
        ('{\n  "a": 1,\n  "b" 2\n}', 3),
        ('{"a": [1,\n 2,,]}', 2),
        ('{"a": 1}\n\n x', 3),
        ("{\n'a': 1}", 2),
    ],
)
def test_json_error_names_file_and_line(text: str, line: int) -> None:
    with pytest.raises(
        exceptions.ConfigException, match=r"f\.json, line %d column \d+ is not valid JSON" % line
    ):
        _jsonfile.load(text, "f.json")


def test_first_existing_file_wins_and_is_read_with_lines(cloud_env) -> None:
    second = cloud_env.write("elsewhere/clouds.yaml", "clouds:\n  b: {}\n")
    found = files.read_first([str(cloud_env.path("missing.yaml")), str(second)])
    assert (found.path, found.data, found.line("clouds", "b")) == (
        str(second),
        {"clouds": {"b": {}}},
        2,
    )
    assert files.read_first([str(cloud_env.path("missing.yaml"))]) is None


def test_unreadable_file_is_skipped(cloud_env, monkeypatch) -> None:
    locked = cloud_env.write("cwd/clouds.yaml", "clouds: {a: {}}")
    fallback = cloud_env.write("elsewhere/clouds.yaml", "clouds: {b: {}}")
    real_open = builtins.open

    def guarded_open(path, *args, **kwargs):
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    assert files.read_first([str(locked), str(fallback)]).data == {"clouds": {"b": {}}}


def test_a_broken_file_is_an_error_not_skipped(cloud_env) -> None:
    import stackclient.config

    cloud_env.write("cwd/clouds.yaml", "clouds:\n  a: {auth: [\n")
    cloud_env.write(
        "home/.config/openstack/clouds.yaml", "clouds: {b: {auth: {auth_url: http://b}}}"
    )
    with pytest.raises(exceptions.ConfigException, match=r"cwd/clouds\.yaml, line 3"):
        stackclient.config.get_cloud_region()


def test_a_file_that_is_not_a_mapping(cloud_env) -> None:
    import stackclient.config

    cloud_env.write("cwd/clouds.yaml", "- just\n- a list\n")
    with pytest.raises(exceptions.ConfigException, match="not a valid mapping"):
        stackclient.config.get_cloud_region()


def test_secure_file_readable_by_others_warns_with_its_name(cloud_env) -> None:
    shared = cloud_env.write("cwd/secure.yaml", "clouds: {}", mode=0o644)
    with pytest.warns(
        files.ConfigWarning, match="%s holds secrets but other users can read it" % shared
    ):
        files.read_first([str(shared)], secure=True)
    os.chmod(shared, 0o600)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        files.read_first([str(shared)], secure=True)
        files.read_first([str(cloud_env.write("cwd/clouds.yaml", "clouds: {}", 0o644))])


def _modules_after(code: str, cwd) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print(' '.join(sorted(sys.modules)))"],
        capture_output=True, text=True, check=True, cwd=str(cwd),
        env={k: v for k, v in os.environ.items() if not k.startswith("OS_")},
    )  # fmt: skip
    return set(result.stdout.split())


def test_yaml_is_imported_only_when_a_yaml_file_is_read(cloud_env) -> None:
    assert "yaml" not in _modules_after("import stackclient; stackclient.connect", cloud_env.root)
    assert "stackclient.config" not in _modules_after("import stackclient", cloud_env.root)
    cloud_env.write(
        "cwd/clouds.json",
        '{"clouds": {"a": {"auth": {"auth_url": "http://a/v3", "token": "t"}, "auth_type": "token"}}}',
    )
    read_json = "import stackclient.config as c; c.get_cloud_region()"
    assert "yaml" not in _modules_after(read_json, cloud_env.path("cwd"))
    cloud_env.write(
        "cwd/clouds.yaml",
        "clouds: {a: {auth_type: token, auth: {auth_url: 'http://a/v3', token: t}}}",
    )
    assert "yaml" in _modules_after(read_json, cloud_env.path("cwd"))


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"XDG_CONFIG_HOME": "/custom/config"},
        {"XDG_CONFIG_HOME": "relative/ignored"},
        {"XDG_CONFIG_DIRS": "/a:relative:/b"},
        {"XDG_CONFIG_DIRS": ""},
    ],
)
def test_xdg_dirs_are_what_platformdirs_says(cloud_env, env) -> None:
    import platformdirs

    cloud_env.monkeypatch.delenv("XDG_CONFIG_DIRS")
    cloud_env.apply(env)
    dirs = platformdirs.PlatformDirs("openstack", "OpenStack", multipath=True)
    expected = (dirs.user_config_dir, dirs.site_config_dir.split(os.pathsep))
    assert files._user_and_site_dirs(os.environ) == expected
