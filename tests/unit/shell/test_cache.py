"""The token cache: private files, fingerprints without secrets, refusal of loose files."""

from __future__ import annotations

import os
import stat

from stackclient.shell import _cache


def test_entries_are_private_and_round_trip(tmp_path):
    cache = _cache.TokenCache(str(tmp_path / "tokens"))
    cache.save("k", {"auth_ref": "x"})
    assert cache.load("k") == {"auth_ref": "x"}
    assert stat.S_IMODE(os.stat(tmp_path / "tokens").st_mode) == 0o700
    assert stat.S_IMODE(os.stat(tmp_path / "tokens" / "k.json").st_mode) == 0o600


def test_a_file_others_can_read_is_ignored(tmp_path):
    cache = _cache.TokenCache(str(tmp_path))
    cache.save("k", {"auth_ref": "x"})
    os.chmod(tmp_path / "k.json", 0o644)
    assert cache.load("k") is None


def test_junk_and_missing_entries_are_none(tmp_path):
    cache = _cache.TokenCache(str(tmp_path))
    assert cache.load("missing") is None
    cache.save("k", {"a": 1})
    (tmp_path / "k.json").write_text("{not json")
    assert cache.load("k") is None
    cache.drop("k")
    cache.drop("k")


def test_fingerprints_ignore_secrets_and_tell_identities_apart():
    one = _cache.fingerprint({"auth_url": "u", "username": "a", "password": "p1"})
    assert one == _cache.fingerprint({"auth_url": "u", "username": "a", "password": "p2"})
    assert one != _cache.fingerprint({"auth_url": "u", "username": "b"})
    assert "p1" not in one


def test_the_default_directory_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert _cache.default_directory() == str(tmp_path / "stackclient" / "tokens")
