"""Where each configuration value came from.

Every value a :class:`~stackclient.config.cloud_region.CloudRegion` holds
carries an :class:`Origin`: a file and line (clouds.yaml, secure.yaml, a
clouds-public.yaml profile), an environment variable, a keyword argument,
a command-line option, or a default. Keys are written as paths:
``region_name``, ``compute_api_version``, ``auth.password``.

Example::

    region = get_cloud_region(cloud="example")
    str(region.origin("auth.password"))
    # 'secure file /home/me/.config/openstack/secure.yaml, line 4'
"""

from __future__ import annotations

import typing as _t

from stackclient import _redact

__all__ = [
    "ARGPARSE",
    "ARGUMENT",
    "DEFAULT",
    "DERIVED",
    "ENV",
    "FILE",
    "PROFILE",
    "SECURE_FILE",
    "Origin",
    "describe_rows",
    "format_table",
    "is_secret",
    "shown",
]

#: Origin kinds.
FILE = "file"
SECURE_FILE = "secure file"
PROFILE = "profile"
ENV = "env"
ARGUMENT = "argument"
ARGPARSE = "argparse"
DEFAULT = "default"
DERIVED = "derived"

#: Keys shown as ``***`` besides those :func:`stackclient._redact.is_secret_key` finds.
_SECRET_KEYS = frozenset({"application_credential_secret", "passcode", "client_secret"})


class Origin(_t.NamedTuple):
    """Where one configuration value came from.

    ``kind`` is one of :data:`FILE`, :data:`SECURE_FILE`, :data:`PROFILE`,
    :data:`ENV`, :data:`ARGUMENT`, :data:`ARGPARSE`, :data:`DEFAULT` or
    :data:`DERIVED`; ``source`` names the file, variable, argument or
    option; ``line`` is 1-based (files only); ``note`` says what was done
    on the way (``"given as tenant_name"``).

    Example::

        Origin(FILE, "/etc/openstack/clouds.yaml", 12)
        # str(): 'file /etc/openstack/clouds.yaml, line 12'
    """

    kind: str
    source: str = ""
    line: int | None = None
    note: str = ""

    def __str__(self) -> str:
        text = self.kind
        if self.source:
            text += " " + self.source
        if self.line is not None:
            text += ", line %d" % self.line
        if self.note:
            text += " (%s)" % self.note
        return text

    def noted(self, note: str) -> Origin:
        """A copy with ``note`` added (kept when the value is renamed or copied)."""
        note = "%s; %s" % (self.note, note) if self.note else note
        return self._replace(note=note)


def is_secret(key: str) -> bool:
    """Whether the value under ``key`` (a path such as ``auth.password``) is a secret."""
    leaf = key.rsplit(".", 1)[-1]
    return leaf in _SECRET_KEYS or _redact.is_secret_key(leaf)


def shown(key: str, value: _t.Any) -> str:
    """``value`` as text for a table or a message: ``***`` for secrets."""
    if value is None:
        return "None"
    if is_secret(key):
        return _redact.MASK
    return str(value)


def describe_rows(
    values: _t.Mapping[str, _t.Any], origins: _t.Mapping[str, Origin]
) -> list[tuple[str, str, str]]:
    """``(key, shown value, origin)`` for every key of ``values``, sorted."""
    rows = []
    for key in sorted(values):
        origin = origins.get(key)
        rows.append((key, shown(key, values[key]), str(origin) if origin else "unknown"))
    return rows


def format_table(rows: _t.Sequence[tuple[str, str, str]]) -> str:
    """Lay ``rows`` out as three aligned text columns under a header."""
    header = ("key", "value", "origin")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(2)]
    lines = []
    for row in [header, *rows]:
        lines.append("%s  %s  %s" % (row[0].ljust(widths[0]), row[1].ljust(widths[1]), row[2]))
    return "\n".join(line.rstrip() for line in lines)
