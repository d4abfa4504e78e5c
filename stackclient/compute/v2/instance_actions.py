"""What was done to a server: ``/servers/{id}/os-instance-actions[/{request_id}]``.

Every action on a server (create, reboot, resize, attach_volume ...) is
recorded with the request id that asked for it, who asked, when, and
whether it failed; showing one action adds its ``events``, the steps the
services took (each with ``result`` ``Success`` or ``Error``; from 2.51
non-admins see them too, without tracebacks).
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import service
from stackclient.compute.v2 import _base

__all__ = ["InstanceAction", "InstanceActionManager"]


class InstanceAction(service.ServiceResource):
    """One action: ``action`` (``create``, ``reboot`` ...), ``request_id`` (also its
    ``id``), ``instance_uuid``, ``user_id``, ``project_id``, ``start_time``,
    ``message`` (``Error`` when it failed), ``updated_at`` (2.58), and when shown
    alone ``events`` (``event``, ``start_time``, ``finish_time``, ``result``;
    ``host``/``hostId`` 2.62, ``details`` 2.84).

    Example::

        actions = nova.instance_actions.list(server)
        create = nova.instance_actions.get(server, actions[-1].request_id)
        [(e["event"], e["result"]) for e in create.events]
    """

    __slots__ = ()
    NAME_ATTR = "action"

    @property
    def id(self) -> _t.Any:
        """The request id of the action."""
        return self.__dict__.get("request_id")

    @property
    def failed(self) -> bool:
        """Whether the action or one of its events failed."""
        events = self.__dict__.get("events") or ()
        bad = any(isinstance(e, dict) and e.get("result") == "Error" for e in events)
        return bad or self.__dict__.get("message") == "Error"


class InstanceActionManager(_base.ServerChildManager):
    """``client.instance_actions``: ``list(server, limit=, marker=, changes_since=,
    changes_before=)`` (newest first; paged from 2.58) and ``get(server, request_id)``."""

    resource_class = InstanceAction
    collection_key = "instanceActions"
    key = "instanceAction"
    child_path = "os-instance-actions"
    verbs = frozenset(("list", "get"))
