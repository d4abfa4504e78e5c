"""Helpers shared by the user-owned Identity v3 managers (private to the package).

Application credentials, access rules and trusts use them; keeping them
here means loading one of those managers does not load another.
"""

from __future__ import annotations

import datetime
import typing as _t

from stackclient.apiclient import _ids, base, exceptions

__all__ = ["isotime", "quote_id", "user_base_url"]


def quote_id(obj: _t.Any, argument: str = "id") -> str:
    """Return the id of ``obj`` (an id or a resource), escaped as one URL path segment.

    Raises ValidationError naming ``argument`` for an id that would address
    another resource (see :func:`stackclient.apiclient._ids.path_segment`).
    """
    return _ids.path_segment(obj, argument)


def user_base_url(client: _t.Any, user: _t.Any) -> str:
    """Return ``/users/<id>`` for ``user``, or for the client's own user when None."""
    user_id = base.getid(user) if user is not None else getattr(client, "user_id", None)
    if not user_id:
        raise exceptions.ValidationError(
            "No user given and the client does not know which user it is "
            "authenticated as (admin-token or endpoint-only auth): pass user=<user id>"
        )
    return "/users/%s" % quote_id(user_id, "user")


def isotime(value: _t.Any) -> str | None:
    """Return ``value`` as Keystone's ISO 8601 text; strings and None pass through.

    keystoneclient appended the zone *name* (``EST``) to aware non-UTC
    datetimes, which Keystone rejects; here they are converted to UTC.
    """
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, datetime.datetime):
        from stackclient.access import _dates  # not imported by the managers that need no dates

        return _dates.format_isotime(value)
    raise exceptions.ValidationError(
        "expires_at must be a datetime.datetime or an ISO 8601 string, got %r" % (value,)
    )
