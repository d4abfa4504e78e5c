"""What the Network v2.0 managers share.

Neutron collections are ``/v2.0/<collection>[/<id>]`` with bodies wrapped
in the singular key, updates are PUT, every id is a UUID, and most
resources take tags (:mod:`stackclient.apiclient.tags`).
"""

from __future__ import annotations

import typing as _t

from stackclient import _jsonutils
from stackclient.apiclient import _ids, _responses, exceptions, service, tags

__all__ = ["NeutronManager", "TaggedManager", "one_of"]


class NeutronManager(service.ServiceManager):
    """A Neutron collection: PUT updates, UUID ids (a missing name costs one request)."""

    update_method = "PUT"
    uuid_ids = True

    def _action(
        self, resource: _t.Any, action: str, body: _t.Any = None, key: str | None = None
    ) -> _t.Any:
        """PUT ``body`` to ``<member>/<action>``; return the answer's object (``body[key]``)."""
        url = "%s/%s" % (self._member_path(resource), action)
        resp = self.client.put(url, **({"json": body} if body is not None else {}))
        return _responses.one_object(_jsonutils.response_json(resp), key, resp, url)


class TaggedManager(tags.TagsMixin, NeutronManager):
    """A Neutron collection whose members take tags, and the tag list filters."""


def one_of(**choices: _t.Any) -> tuple[str, str]:
    """The one ``(<name>_id, id)`` among ``choices`` that is given; refuse none or several.

    ``one_of(subnet=s, port=None)`` -> ``("subnet_id", "<id of s>")``.
    """
    given = [(name, value) for name, value in choices.items() if value is not None]
    if len(given) != 1:
        raise exceptions.ValidationError(
            "Give exactly one of %s (got %s)"
            % (", ".join(choices), ", ".join(n for n, _ in given) or "none")
        )
    name, value = given[0]
    return "%s_id" % name, _ids.check_id(value, name)
