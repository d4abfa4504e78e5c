"""Checking a timeout before it is given to ``requests``.

The defaults themselves are named in :mod:`stackclient.apiclient.client`
(``DEFAULT_CONNECT_TIMEOUT``, ``DEFAULT_READ_TIMEOUT``); see
``docs/defaults.rst``.
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import exceptions

__all__ = ["Timeout", "check"]

#: Seconds for connect and each read, or a ``(connect, read)`` pair (None: no limit).
Timeout = _t.Union[float, tuple[_t.Optional[float], _t.Optional[float]]]


def _positive_seconds(value: _t.Any, what: str) -> float | None:
    if value is None:
        return None
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        seconds = float("nan")
    if isinstance(value, bool) or not seconds > 0 or seconds == float("inf"):
        raise exceptions.ValidationError(
            "%s must be a positive number of seconds (or None for no limit), not %r"
            % (what, value)
        )
    return seconds


def check(value: _t.Any, default: Timeout) -> Timeout:
    """Return ``value`` as a timeout ``requests`` takes; None gives ``default``.

    A number limits connect and each read alike; a pair gives
    ``(connect, read)``, where None in the pair means no limit for that
    part. Anything else (zero, a negative or non-numeric value, a bool)
    raises :class:`~exceptions.ValidationError`.
    """
    if value is None:
        return default
    if isinstance(value, (tuple, list)):
        if len(value) != 2:
            raise exceptions.ValidationError(
                "timeout must be seconds or a (connect, read) pair, not %r" % (value,)
            )
        return (
            _positive_seconds(value[0], "The connect timeout"),
            _positive_seconds(value[1], "The read timeout"),
        )
    return _t.cast(float, _positive_seconds(value, "timeout"))
