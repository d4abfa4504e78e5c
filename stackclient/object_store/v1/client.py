"""The Object Storage v1 (Swift) client.

Example::

    from stackclient.object_store.v1 import client
    swift = client.Client(session=sess)                       # the object-store endpoint of the catalog

    swift.containers.create("backups")
    swift.objects.upload("backups", "db.tar", "/srv/db.tar")  # segmented, parallel, resumable above the threshold
    swift.objects.download("backups", "db.tar", "/tmp/db.tar")
    for obj in swift.objects("backups"):
        print(obj.name, obj.bytes)
    url = swift.temp_url("backups", "db.tar", expires_in=3600)
    swift.info().max_file_size
"""

from __future__ import annotations

import threading
import typing as _t
import urllib.parse

from stackclient import _jsonutils, service_client
from stackclient.apiclient import exceptions
from stackclient.object_store.v1 import _names, capabilities, tempurl

if _t.TYPE_CHECKING:  # pragma: no cover
    from stackclient.object_store.v1 import _bulk, progress
    from stackclient.object_store.v1.account import AccountManager
    from stackclient.object_store.v1.containers import ContainerManager
    from stackclient.object_store.v1.objects import ObjectManager

__all__ = ["Client"]


class Client(service_client.ServiceClient):
    """A client for one Swift account: the project's ``object-store`` endpoint.

    Built like every service client (``session=``, ``auth=``,
    ``auth_ref=``, or ``token=`` with ``endpoint=`` the account URL;
    ``endpoint_override=`` replaces the catalog). Managers: ``account``
    (totals, metadata, temp-URL keys), ``containers`` and ``objects``.

    Example::

        swift = Client(session=sess, region_name="RegionOne")
        swift.containers.create("logs")
        swift.objects.upload("logs", "today.gz", "/var/log/today.gz")
    """

    service_type = "object-store"
    api_major = (1, 0)
    #: The catalog lists the account URL (``.../v1/AUTH_<project>``): used as it is.
    discover_versions = False

    account: service_client.LazyManager[AccountManager] = service_client.LazyManager(
        "stackclient.object_store.v1.account", "AccountManager"
    )
    containers: service_client.LazyManager[ContainerManager] = service_client.LazyManager(
        "stackclient.object_store.v1.containers", "ContainerManager"
    )
    objects: service_client.LazyManager[ObjectManager] = service_client.LazyManager(
        "stackclient.object_store.v1.objects", "ObjectManager"
    )

    _info_lock = threading.Lock()

    # -- the cluster ------------------------------------------------------------------

    def info(self, refresh: bool = False) -> capabilities.Capabilities:
        """The cluster's capabilities (``GET /info``, no token), fetched once and kept.

        A cluster that does not publish them (``expose_info = false``)
        gives Swift's defaults.
        """
        found = self.__dict__.get("_capabilities")
        if found is not None and not refresh:
            return found  # type: ignore[no-any-return]
        with self._info_lock:
            found = None if refresh else self.__dict__.get("_capabilities")
            if found is None:
                found = self._fetch_info()
                self.__dict__["_capabilities"] = found
        return found

    def known_page_size(self, kind: str) -> int | None:
        """How many items a ``container`` or ``account`` listing page holds, if ``/info`` said.

        Only from capabilities already fetched: never sends a request.
        """
        found = self.__dict__.get("_capabilities")
        return found.published("swift", "%s_listing_limit" % kind) if found is not None else None

    def _fetch_info(self) -> capabilities.Capabilities:
        url = capabilities.root_url(self.endpoint) + "/info"
        try:
            body = _jsonutils.response_json(self.get(url, authenticated=False))
        except (exceptions.NotFound, exceptions.Unauthorized, exceptions.Forbidden):
            body = {}
        except exceptions.InvalidResponse:
            body = {}
        return capabilities.Capabilities(None, body if isinstance(body, dict) else {}, True)

    # -- account-wide operations ------------------------------------------------------

    @property
    def account_path(self) -> str:
        """The account's path as Swift sees it: ``/v1/AUTH_<project>`` (unquoted)."""
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.endpoint).path)
        segments = path.rstrip("/").split("/")
        for index in range(len(segments) - 1, -1, -1):
            if segments[index] in ("v1", "v1.0"):
                return "/".join([""] + segments[index:])
        raise exceptions.EndpointException(
            "The object-store endpoint %s has no /v1/<account> path" % self.endpoint
        )

    def bulk_delete(
        self,
        paths: _t.Iterable[str],
        *,
        progress: progress.ProgressCallback | None = None,
    ) -> _bulk.BulkDeleteResult:
        """Delete ``container/object`` (or empty ``container``) paths in as few requests as allowed."""
        from stackclient.object_store.v1 import _bulk

        def checked(path: str) -> str:
            container, _, name = str(path).lstrip("/").partition("/")
            _names.check_container(container)
            return "/%s/%s" % (container, _names.check_object(name)) if name else "/" + container

        return _bulk.bulk_delete(self, (checked(p) for p in paths), progress=progress)

    def temp_url(
        self,
        container: _t.Any,
        name: _t.Any,
        *,
        expires_in: float | None = None,
        expires_at: _t.Any = None,
        method: str = "GET",
        key: str | bytes | None = None,
        digest: str = "sha256",
        prefix: bool = False,
        ip_range: str | None = None,
        iso8601: bool = False,
        filename: str | None = None,
        inline: bool = False,
    ) -> str:
        """A temporary URL granting ``method`` on ``container/name`` until the expiry.

        ``key`` defaults to the account's temp-URL key (read with a HEAD);
        ``prefix=True`` signs for every object whose name starts with
        ``name``. See :func:`stackclient.object_store.v1.tempurl.generate_temp_url`.
        """
        if key is None:
            keys = self.account.temp_url_keys()
            if not keys:
                raise exceptions.ValidationError(
                    "The account has no temp-URL key: set one with "
                    "client.account.set_temp_url_key(), or pass key="
                )
            key = keys[0]
        object_name = _names.check_object(name) if not prefix or name else ""
        path = "%s/%s/%s" % (self.account_path, _names.check_container(container), object_name)
        signed = tempurl.generate_temp_url(
            path,
            key,
            expires_in=expires_in,
            expires_at=expires_at,
            method=method,
            digest=digest,
            prefix=prefix,
            ip_range=ip_range,
            iso8601=iso8601,
            filename=filename,
            inline=inline,
        )
        root = capabilities.root_url(self.endpoint)
        return root + signed
