"""What Keystone said about a token: :class:`AccessInfo`, the ``auth_ref``.

``create(resp=..., body=...)`` (keystoneauth's name) and
``AccessInfo.factory(...)`` (python-keystoneclient's name) turn a token
response into an :class:`AccessInfoV2` or :class:`AccessInfoV3`.
``to_json()``/``AccessInfo.from_json()`` store and restore one::

    from stackclient import access

    ref = access.create(resp=response)
    ref.project_id, ref.role_names, ref.expires
    ref.service_catalog.url_for(service_type="compute", interface="internal")
    again = access.AccessInfo.from_json(ref.to_json())
"""

from __future__ import annotations

from stackclient.access._base import STALE_TOKEN_DURATION, AccessInfo, create
from stackclient.access._v2 import AccessInfoV2
from stackclient.access._v3 import AccessInfoV3

__all__ = ["STALE_TOKEN_DURATION", "AccessInfo", "AccessInfoV2", "AccessInfoV3", "create"]
