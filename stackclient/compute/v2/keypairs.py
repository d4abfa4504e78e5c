"""Key pairs: ``/os-keypairs[/{name}]``, the SSH (or x509) public keys servers boot with.

A key pair is named, per user. ``import_keypair`` (or ``create`` with a
``public_key``) stores a key made elsewhere; ``create`` without one asks
Nova to make the pair and returns the private key once, in
``private_key``. Nova stopped making keys at 2.92, so that one call is
sent as 2.91 whatever the client negotiated.
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import _ids, exceptions, service
from stackclient.compute.v2 import _base

__all__ = ["Keypair", "KeypairManager"]

#: The newest microversion at which Nova still generates key pairs.
_LAST_GENERATING = "2.91"


class Keypair(service.ServiceResource):
    """A key pair: ``name`` (also its ``id``), ``public_key``, ``fingerprint``,
    ``type`` (``ssh`` or ``x509``, 2.2), ``user_id``; ``private_key`` only in the
    answer to a create that generated the pair (keep it secret).

    Example::

        pair = nova.keypairs.import_keypair("ci", open("id_ed25519.pub").read())
        nova.servers.create("vm", image, flavor, networks="none", key_name=pair)
    """

    __slots__ = ()

    @property
    def id(self) -> _t.Any:
        """The key pair's name: Nova's URLs take it."""
        return self.__dict__.get("name")


class KeypairManager(_base.ComputeManager):
    """``client.keypairs``: list (``user_id`` 2.10, ``limit``/``marker`` 2.35), get,
    find, create (generate), import_keypair and delete."""

    resource_class = Keypair
    collection_key = "keypairs"
    key = "keypair"
    path = "/os-keypairs"
    verbs = frozenset(("list", "get", "create", "delete"))

    def _fetch_page(self, url, response_key, cls, walk, kwargs):  # type: ignore[no-untyped-def]
        # Nova wraps each listed key pair: {"keypairs": [{"keypair": {...}}, ...]}.
        page, next_url = super()._fetch_page(url, response_key, cls, walk, kwargs)
        for item in page or ():
            inner = item.__dict__.get("keypair")
            if isinstance(inner, dict):
                item._info = inner
        return page, next_url

    def get(self, keypair: _t.Any, user_id: str | None = None) -> Keypair:  # type: ignore[override]
        """Return the key pair named ``keypair`` (another user's with ``user_id``, admins, 2.10)."""
        return _t.cast(Keypair, super().get(keypair, user_id=user_id))

    def find(  # type: ignore[override]
        self, name_or_id: _t.Any, ignore_missing: bool = False, user_id: str | None = None
    ) -> Keypair | None:
        """Return the key pair with this name (one request); None or NotFound when missing."""
        try:
            return self.get(_ids.check_id(name_or_id, "name"), user_id=user_id)
        except exceptions.NotFound:
            if ignore_missing:
                return None
            raise

    def create(  # type: ignore[override]
        self,
        name: str,
        public_key: str | None = None,
        key_type: str | None = None,
        user_id: str | None = None,
    ) -> Keypair:
        """Store ``public_key`` under ``name`` or, without one, have Nova generate the pair.

        ``key_type`` is ``ssh`` or ``x509`` (2.2); ``user_id`` makes the pair
        for another user (admins, 2.10).
        """
        body: dict[str, _t.Any] = {"name": name}
        if public_key is not None:
            body["public_key"] = public_key
        if key_type is not None:
            self._needs("2.2", "A key type")
            body["type"] = key_type
        if user_id is not None:
            self._needs("2.10", "A key pair for another user")
            body["user_id"] = user_id
        kwargs: dict[str, _t.Any] = {}
        if public_key is None and self._at_least("2.92"):
            kwargs["microversion"] = _LAST_GENERATING
        url = self._collection_path()
        resp = self.client.post(url, json={"keypair": body}, **kwargs)
        return _t.cast(Keypair, self._from_body(resp, url, "keypair"))

    def import_keypair(
        self, name: str, public_key: str, key_type: str | None = None, user_id: str | None = None
    ) -> Keypair:
        """Store a public key made elsewhere under ``name``."""
        return self.create(name, public_key, key_type=key_type, user_id=user_id)

    def delete(  # type: ignore[override]
        self, keypair: _t.Any, ignore_missing: bool = False, user_id: str | None = None
    ) -> None:
        """Delete the key pair named ``keypair`` (servers booted with it keep the key)."""
        url = self._member_path(keypair, "keypair") + self._query({"user_id": user_id})
        try:
            self.client.delete(url)
        except exceptions.NotFound:
            if not ignore_missing:
                raise
