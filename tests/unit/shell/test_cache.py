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


def test_identities_of_two_clouds_never_share_a_cache_entry():
    import types

    from stackclient.auth import generic, v3
    from stackclient.shell import _context

    conn = types.SimpleNamespace(config=types.SimpleNamespace(region_name="R", interface="public"))

    def key(plugin):
        return _cache.fingerprint(_context._identity_of(plugin, conn))

    one = v3.Password(auth_url="http://a:5000/v3", username="u", password="p", project_name="x")
    two = v3.Password(auth_url="http://b:5000/v3", username="u", password="p", project_name="x")
    other_project = v3.Password(
        auth_url="http://a:5000/v3", username="u", password="p", project_name="y"
    )
    assert len({key(one), key(two), key(other_project)}) == 3
    same = v3.Password(
        auth_url="http://a:5000/v3", username="u", password="other", project_name="x"
    )
    assert key(one) == key(same)
    generic_one = generic.Password(auth_url="http://a:5000/v3", username="u", password="p")
    generic_two = generic.Password(auth_url="http://b:5000/v3", username="u", password="p")
    assert key(generic_one) != key(generic_two)
    assert "http://a:5000/v3" in str(_context._identity_of(one, conn))
    assert "'p'" not in str(_context._identity_of(one, conn))


def test_other_credentials_for_the_same_user_get_another_entry(tmp_path):
    import types

    from stackclient.auth import v3
    from stackclient.shell import _context

    cache = _cache.TokenCache(str(tmp_path))
    conn = types.SimpleNamespace(config=None)

    def key(plugin):
        return _cache.fingerprint(_context._identity_of(plugin, conn, cache.digest))

    right = v3.Password(auth_url="http://a/v3", username="u", password="right", project_name="x")
    typo = v3.Password(auth_url="http://a/v3", username="u", password="wrnog", project_name="x")
    assert key(right) != key(typo)
    assert key(right) == key(right)
    tokens = [v3.Token(auth_url="http://a/v3", token=t, project_name="x") for t in ("t1", "t2")]
    assert key(tokens[0]) != key(tokens[1])
    assert "right" not in str(_context._identity_of(right, conn, cache.digest))
    assert oct((tmp_path / "salt").stat().st_mode & 0o777) == "0o600"
