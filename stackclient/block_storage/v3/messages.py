"""User messages: why an asynchronous operation failed (microversion 3.3 and later).

Cinder records a message for the project when a volume create, attach,
extend, backup ... fails in the scheduler or the volume service, such as
``"schedule allocate volume:Could not find any available weighted
backend."``. The volume waiters add the newest one to the error they
raise.
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import exceptions, service
from stackclient.block_storage.v3 import _common

if _t.TYPE_CHECKING:  # pragma: no cover
    from stackclient.apiclient.base import Resource

__all__ = ["MESSAGES_MICROVERSION", "Message", "MessageManager"]

#: The first microversion with the messages API.
MESSAGES_MICROVERSION = "3.3"


class Message(service.ServiceResource):
    """One user message: ``user_message``, ``event_id``, ``resource_uuid``, ``request_id``.

    Example::

        for message in cinder.messages(resource_uuid=volume.id):
            print(message.created_at, message.user_message)
    """

    NAME_ATTR = "user_message"


class MessageManager(service.ServiceManager):
    """The project's user messages (``/messages``): list, get, delete."""

    resource_class = Message
    collection_key = "messages"
    key = "message"
    name_filter = None

    def iterate(self, **filters: _t.Any) -> _t.Iterator[Resource]:
        """Yield messages; filters: ``resource_uuid``, ``resource_type``, ``event_id``,
        ``request_id``, ``message_level``, ``sort``, ``limit``, ``marker``."""
        version = _common.require(self, MESSAGES_MICROVERSION, "The messages API")
        url = self._collection_path() + self._query(filters)
        return self._iterate(url, self.collection_key, microversion=version)

    def get(self, resource: _t.Any, **params: _t.Any) -> Resource:
        """Return one message."""
        version = _common.require(self, MESSAGES_MICROVERSION, "The messages API")
        url = self._member_path(resource) + self._query(params)
        return self._resource(self.client.get(url, microversion=version), url)

    def delete(self, resource: _t.Any, ignore_missing: bool = False) -> None:
        """Delete a message; NotFound unless ``ignore_missing``."""
        version = _common.require(self, MESSAGES_MICROVERSION, "The messages API")
        try:
            self.client.delete(self._member_path(resource), microversion=version)
        except exceptions.NotFound:
            if not ignore_missing:
                raise

    def latest_for(self, resource: _t.Any) -> str | None:
        """The newest message about ``resource`` (an id or a resource), or None.

        Never raises: it only adds detail to an error being reported.
        """
        try:
            found = self.list(
                resource_uuid=getattr(resource, "id", resource), sort="created_at:desc"
            )
        except exceptions.ClientException:
            return None
        texts = [getattr(m, "user_message", None) for m in found]
        return next((t for t in texts if isinstance(t, str) and t), None)
