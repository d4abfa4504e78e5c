"""Telling a v2.0 token body from a v3 one, in every shape it arrives in."""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import exceptions

__all__ = ["V2", "V3", "classify"]

V2 = "v2.0"
V3 = "v3"


def _unrecognised(data: _t.Any) -> exceptions.InvalidResponse:
    if isinstance(data, dict):
        keys = ", ".join(sorted(map(str, data))[:10])
        shown = "a dict with keys %s" % keys if keys else "an empty dict"
    else:
        shown = "a %s" % type(data).__name__
    return exceptions.InvalidResponse(
        "Not a Keystone token body: expected {'access': {...}} (v2.0), "
        "{'token': {...}} (v3) or a stored auth_ref with 'version'; got %s" % shown
    )


def classify(data: _t.Any) -> tuple[str, dict[str, _t.Any]]:
    """Return (version, inner token dict) for a body in any accepted shape.

    Accepted: a full v2.0 body ``{"access": ...}``, a full v3 body
    ``{"token": ...}``, and the inner dict of either (what AccessInfo itself
    holds and what ``to_dict`` stores), told apart by ``version`` or shape.
    """
    if not isinstance(data, dict):
        raise _unrecognised(data)
    version = data.get("version")
    if version in (V2, V3):
        return version, data
    if isinstance(data.get("access"), dict):
        return V2, data["access"]
    token = data.get("token")
    if isinstance(token, dict):
        if "expires" in token or "id" in token:
            return V2, data  # the inner v2.0 dict: {"token": {"id": ...}, "user": ...}
        return V3, token
    if "expires_at" in data or "methods" in data:
        return V3, data
    raise _unrecognised(data)
