"""The token and discovery cache of ``stack``, so that a warm command costs one request.

One JSON file per cloud and identity, under the user cache directory
(``platformdirs.user_cache_dir("stackclient")``, e.g.
``~/.cache/stackclient/tokens/``), created 0700 with files 0600 and
written atomically. A file is named by a fingerprint of the cloud and the
credentials that holds no secret (auth URL, user, scope, region,
interface, and a salted one-way digest of the password, token or
application-credential secret, so that other credentials never reuse
the entry: never the secret itself). It holds the token (an
``auth_ref``, itself a credential: hence the modes) and the version
discovery results.

A token is not used when it expires within :data:`MIN_VALIDITY` seconds;
an entry whose token the server refused (401) is dropped. A file with
looser modes, or that cannot be read, is ignored (and replaced).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat

_TYPE_CHECKING = False
if _TYPE_CHECKING:  # pragma: no cover
    import typing as _t

__all__ = ["MIN_VALIDITY", "TokenCache", "default_directory", "fingerprint"]

#: Seconds a cached token must still be valid to be used.
MIN_VALIDITY = 300

#: Auth fields that are secrets and never part of a fingerprint.
_SECRET_FIELDS = frozenset(
    ("password", "token", "application_credential_secret", "passcode", "secret")
)


def default_directory() -> str:
    """``<user cache dir>/stackclient/tokens`` (``$XDG_CACHE_HOME`` or ``~/.cache`` on Linux)."""
    try:
        import platformdirs

        base = platformdirs.user_cache_dir("stackclient", appauthor=False)
    except ImportError:  # pragma: no cover - platformdirs is a dependency
        root = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        base = os.path.join(root, "stackclient")
    return os.path.join(base, "tokens")


def fingerprint(parts: _t.Mapping[str, _t.Any]) -> str:
    """A file name for a cloud and identity: a SHA-256 over the non-secret ``parts``."""
    public = {k: v for k, v in parts.items() if k not in _SECRET_FIELDS and v not in (None, "")}
    text = json.dumps(public, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:40]


class TokenCache:
    """Entries (dicts) stored by fingerprint in a private directory."""

    def __init__(self, directory: str | None = None) -> None:
        self.directory = directory or default_directory()

    def _path(self, key: str) -> str:
        return os.path.join(self.directory, key + ".json")

    def digest(self, secret: str) -> str:
        """A keyed one-way digest of ``secret``, to tell credentials apart without keeping them.

        The key is a random salt kept (0600) in the cache directory, so a
        digest cannot be checked against guessed passwords elsewhere.
        """
        import hmac

        return hmac.new(self._salt(), secret.encode("utf-8"), "sha256").hexdigest()

    def _salt(self) -> bytes:
        path = os.path.join(self.directory, "salt")
        try:
            with open(path, "rb") as handle:
                salt = handle.read()
            if len(salt) >= 32:
                return salt
        except OSError:
            pass
        import secrets

        salt = secrets.token_bytes(32)
        os.makedirs(self.directory, mode=0o700, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(salt)
        return salt

    def load(self, key: str) -> dict[str, _t.Any] | None:
        """The entry stored under ``key``, or None (missing, unreadable or not private)."""
        path = self._path(key)
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            return None
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if info.st_uid != os.getuid() or stat.S_IMODE(info.st_mode) & 0o077:
                return None
            try:
                data = json.loads(handle.read())
            except ValueError:
                return None
        return data if isinstance(data, dict) else None

    def save(self, key: str, data: _t.Mapping[str, _t.Any]) -> None:
        """Store ``data`` under ``key``: 0600 file, 0700 directory, atomic replace."""
        os.makedirs(self.directory, mode=0o700, exist_ok=True)
        os.chmod(self.directory, 0o700)
        path = self._path(key)
        temp = "%s.%d.tmp" % (path, os.getpid())
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "w") as handle:
                json.dump(data, handle)
            os.replace(temp, path)
        except BaseException:
            _remove(temp)
            raise

    def drop(self, key: str) -> None:
        """Forget the entry stored under ``key``."""
        _remove(self._path(key))


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
