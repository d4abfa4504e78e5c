"""The account: the project's totals, metadata and temporary-URL keys.

Example::

    account = swift.account.get()
    account.container_count, account.object_count, account.bytes_used
    swift.account.set_metadata({"team": "storage"})
    swift.account.set_temp_url_key("s3cr3t")
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import base, service
from stackclient.object_store.v1 import _errors, _headers

__all__ = ["TEMP_URL_KEYS", "Account", "AccountManager", "account_info"]

#: The metadata keys (lower case) Swift's tempurl middleware reads keys from.
TEMP_URL_KEYS = ("temp-url-key", "temp-url-key-2")


class Account(service.ServiceResource):
    """The account's totals and metadata, as a HEAD of it says.

    Fields: ``container_count``, ``object_count``, ``bytes_used``,
    ``metadata`` (a dict; temporary-URL keys included), ``quota_bytes``
    (None without a quota) and ``timestamp``.

    Example::

        swift.account.get().bytes_used
    """

    def get(self) -> Account:
        """Refresh the fields with a HEAD of the account; return ``self``."""
        fresh = self._require_manager("refresh").get()
        self._add_details(fresh._info)
        self.set_loaded(True)
        return self


def account_info(headers: _t.Mapping[str, str]) -> dict[str, _t.Any]:
    """The fields of an :class:`Account` from the headers of a HEAD or GET."""
    meta = _headers.metadata(headers, "account")
    return {
        "container_count": _headers.as_int(headers.get("X-Account-Container-Count")) or 0,
        "object_count": _headers.as_int(headers.get("X-Account-Object-Count")) or 0,
        "bytes_used": _headers.as_int(headers.get("X-Account-Bytes-Used")) or 0,
        "metadata": meta,
        "quota_bytes": _headers.as_int(meta.get("quota-bytes")),
        "timestamp": headers.get("X-Timestamp"),
    }


class AccountManager(base.BaseManager):
    """The account of the client's endpoint (one per project)."""

    resource_class = Account

    def get(self) -> Account:
        """HEAD the account: container and object counts, bytes used, metadata."""
        with _errors.explained("The account"):
            resp = self.client.head("")
        return self.resource_class(self, account_info(resp.headers), True)  # type: ignore[return-value,misc]

    def update(
        self,
        *,
        metadata: _t.Mapping[str, str | None] | None = None,
        headers: _t.Mapping[str, _t.Any] | None = None,
    ) -> None:
        """Set metadata keys (None removes one) and send ``headers`` (a POST); others stay."""
        sent = {k: _headers.check_header(k, v) for k, v in (headers or {}).items()}
        sent.update(_headers.metadata_headers("Account", metadata))
        with _errors.explained("The account"):
            self.client.post("", headers=sent)

    def set_metadata(self, metadata: _t.Mapping[str, str | None]) -> None:
        """Set these metadata keys (None removes one); others stay."""
        self.update(metadata=metadata)

    def delete_metadata(self, keys: _t.Iterable[str]) -> None:
        """Remove these metadata keys."""
        self.update(metadata=dict.fromkeys(keys))

    def set_temp_url_key(self, key: str | None, *, second: bool = False) -> None:
        """Set (None: remove) the key temporary URLs of this account are signed with.

        ``second`` sets ``Temp-URL-Key-2``, so keys can be rotated without
        breaking URLs signed with the old one.
        """
        self.update(metadata={TEMP_URL_KEYS[1 if second else 0]: key})

    def temp_url_keys(self) -> list[str]:
        """The account's temporary-URL keys (a HEAD)."""
        meta = self.get().metadata
        return [meta[key] for key in TEMP_URL_KEYS if meta.get(key)]
