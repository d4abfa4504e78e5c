"""AccessInfo: what Keystone said about a token, and the base of V2 and V3."""

from __future__ import annotations

import datetime
import time
import typing as _t

from stackclient import _jsonutils
from stackclient import service_catalog as _catalog
from stackclient.access import _dates, _shape
from stackclient.apiclient import exceptions

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

__all__ = ["AccessInfo", "STALE_TOKEN_DURATION", "create"]

#: Seconds before its expiry at which a token counts as expiring
#: (:meth:`AccessInfo.will_expire_soon`), so it is refreshed before a
#: request can carry it past its end.
STALE_TOKEN_DURATION = 30


def _build(
    version: str,
    inner: dict[str, _t.Any],
    auth_token: str | None = None,
    region_name: str | None = None,
) -> AccessInfo:
    # Imported here: the versioned classes import this module.
    from stackclient.access import _v2, _v3

    cls: type[AccessInfo] = _v3.AccessInfoV3 if version == _shape.V3 else _v2.AccessInfoV2
    ref = cls()
    ref.update(inner)
    ref["version"] = cls._VERSION
    if auth_token:
        ref["auth_token"] = auth_token
    if region_name:
        ref["region_name"] = region_name
    return ref


def create(
    resp: requests.Response | None = None,
    body: dict[str, _t.Any] | None = None,
    auth_token: str | None = None,
) -> AccessInfo:
    """Build the AccessInfo for a Keystone token response (keystoneauth's name).

    ``body`` defaults to the decoded body of ``resp``. For v3 the token id
    is ``auth_token`` or else the response's ``X-Subject-Token`` header.
    Raises :class:`~stackclient.apiclient.exceptions.InvalidResponse` when
    the body is not a token.
    """
    return AccessInfo.factory(resp=resp, body=body, auth_token=auth_token)


class AccessInfo(dict):  # type: ignore[type-arg]
    """A Keystone token and what it says: the ``auth_ref`` of a client.

    It *is* a dict: the inner token body (the content of ``access`` for
    v2.0, of ``token`` for v3) plus ``version`` (``'v2.0'``/``'v3'``) and,
    when known, ``auth_token`` (v3: the token id, which Keystone sends in a
    header) and ``region_name`` -- the shape python-keystoneclient used, so
    code that reads ``auth_ref['user']['id']`` keeps working. Every
    property reads that dict and is None (or empty, or False) when the
    token does not carry the value.

    Store it with :meth:`to_json` and load it back with :meth:`from_json`;
    never pickle it. The stored text (like :meth:`to_dict`'s copy) holds
    the token id: it is a credential until the token expires, so keep it
    where you would keep a password::

        ref = access.create(resp=response)
        text = ref.to_json()
        later = access.AccessInfo.from_json(text)
        later.will_expire_soon()   # False for a fresh token
        later.service_catalog.url_for(service_type="compute")
    """

    _VERSION = ""

    # -- construction and storage -----------------------------------------

    @classmethod
    def factory(
        cls,
        resp: requests.Response | None = None,
        body: dict[str, _t.Any] | None = None,
        region_name: str | None = None,
        auth_token: str | None = None,
        **kwargs: _t.Any,
    ) -> AccessInfo:
        """Build an AccessInfoV2 or AccessInfoV3 (python-keystoneclient's name).

        From a token response (``resp``, whose body is decoded unless
        ``body`` is given), from a ``body`` in any shape :meth:`from_dict`
        takes, or from the stored dict passed as keywords
        (``AccessInfo.factory(**auth_ref)``). The caller's dicts are not
        changed. Raises ``InvalidResponse`` when there is nothing that looks
        like a token.
        """
        if body is None and kwargs:
            body = kwargs
        elif body is None and resp is not None:
            body = _jsonutils.response_json(resp)
        if body is None:
            raise exceptions.InvalidResponse("No token body or response was given")
        version, inner = _shape.classify(body)
        if version == _shape.V3 and not auth_token and resp is not None:
            auth_token = resp.headers.get("X-Subject-Token")
        return _build(version, inner, auth_token=auth_token, region_name=region_name)

    @classmethod
    def is_valid(cls, body: _t.Any = None, **kwargs: _t.Any) -> bool:
        """Tell whether ``body`` (or the keywords) is a token of this class's version."""
        try:
            version, _ = _shape.classify(body if body is not None else kwargs)
        except exceptions.InvalidResponse:
            return False
        return not cls._VERSION or version == cls._VERSION

    @classmethod
    def from_dict(cls, data: dict[str, _t.Any]) -> AccessInfo:
        """Rebuild an AccessInfo from :meth:`to_dict` output or a token body."""
        version, inner = _shape.classify(data)
        return _build(version, inner)

    @classmethod
    def from_json(cls, text: str | bytes) -> AccessInfo:
        """Rebuild an AccessInfo from :meth:`to_json` output.

        Raises ``InvalidResponse`` for text that is not JSON or not a token.
        """
        try:
            data = _jsonutils.loads(text)
        except (TypeError, ValueError):
            raise exceptions.InvalidResponse("The stored auth_ref is not valid JSON") from None
        return cls.from_dict(data)

    def to_dict(self) -> dict[str, _t.Any]:
        """Return a plain, independent, JSON-compatible copy of the token dict.

        It holds the token id (``auth_token``): a credential.
        """
        return _jsonutils.loads(_jsonutils.dumps(dict(self)))

    def to_json(self) -> str:
        """Serialise to JSON (version, token id, body and region_name included).

        The text holds a live credential: store it where you would store a
        password.
        """
        return _jsonutils.dumps(dict(self)).decode("utf-8")

    def __repr__(self) -> str:
        # Never show the token: a repr ends up in logs and tracebacks.
        return "<%s user_id=%r project_id=%r domain_id=%r expires=%r>" % (
            type(self).__name__,
            self.user_id,
            self.project_id,
            self.domain_id,
            self._expires_str,
        )

    __str__ = __repr__

    # -- the token itself ---------------------------------------------------

    @property
    def auth_token(self) -> str | None:
        """The token id to send as ``X-Auth-Token``."""
        return self.get("auth_token")

    @auth_token.setter
    def auth_token(self, value: str | None) -> None:
        self["auth_token"] = value

    @auth_token.deleter
    def auth_token(self) -> None:
        self.pop("auth_token", None)

    @property
    def version(self) -> str:
        """The Identity API version of the token: ``'v2.0'`` or ``'v3'``."""
        return self.get("version") or self._VERSION

    @property
    def region_name(self) -> str | None:
        """The region this auth_ref was made for; the catalog's default region."""
        return self.get("region_name")

    @property
    def _expires_str(self) -> str | None:
        return None

    @property
    def _issued_str(self) -> str | None:
        return None

    def _parsed(self, slot: str, raw: _t.Any, what: str) -> datetime.datetime | None:
        if raw is None:
            return None
        cached = self.__dict__.get(slot)
        if cached is not None and cached[0] == raw:
            return cached[1]
        value = _dates.parse_isotime(raw, what)
        self.__dict__[slot] = (raw, value)
        return value

    @property
    def expires(self) -> datetime.datetime | None:
        """When the token expires (aware, UTC).

        Raises ``InvalidResponse`` when the token's expiry is not a time.
        """
        return self._parsed("_expires_cache", self._expires_str, "expiry")

    @property
    def issued(self) -> datetime.datetime | None:
        """When the token was issued (aware, UTC)."""
        return self._parsed("_issued_cache", self._issued_str, "issue time")

    def will_expire_soon(self, stale_duration: float | datetime.timedelta | None = None) -> bool:
        """Tell whether the token expires within ``stale_duration``.

        ``stale_duration`` is in seconds (or a timedelta) and defaults to
        :data:`STALE_TOKEN_DURATION`. A token that states no expiry never
        counts as expiring.
        """
        expires = self.expires
        if expires is None:
            return False
        margin = STALE_TOKEN_DURATION if stale_duration is None else stale_duration
        if isinstance(margin, datetime.timedelta):
            margin = margin.total_seconds()
        # POSIX seconds: checked on every request, and cheaper than building datetimes.
        return expires.timestamp() <= time.time() + margin

    # -- who ----------------------------------------------------------------

    @property
    def username(self) -> str | None:
        """The user's name."""
        return None

    @property
    def user_name(self) -> str | None:
        """Same as :attr:`username`."""
        return self.username

    @property
    def user_id(self) -> str | None:
        """The user's id."""
        return None

    @property
    def user_domain_id(self) -> str | None:
        """The id of the user's domain (``'default'`` for v2.0)."""
        return None

    @property
    def user_domain_name(self) -> str | None:
        """The name of the user's domain (``'Default'`` for v2.0)."""
        return None

    @property
    def role_ids(self) -> list[str]:
        """The ids of the roles the token carries."""
        return []

    @property
    def role_names(self) -> list[str]:
        """The names of the roles the token carries."""
        return []

    # -- scope --------------------------------------------------------------

    @property
    def project_id(self) -> str | None:
        """The id of the project (tenant) the token is scoped to."""
        return None

    @property
    def tenant_id(self) -> str | None:
        """Same as :attr:`project_id`."""
        return self.project_id

    @property
    def project_name(self) -> str | None:
        """The name of the project (tenant) the token is scoped to."""
        return None

    @property
    def tenant_name(self) -> str | None:
        """Same as :attr:`project_name`."""
        return self.project_name

    @property
    def project_domain_id(self) -> str | None:
        """The id of the scoped project's domain (``'default'`` for v2.0)."""
        return None

    @property
    def project_domain_name(self) -> str | None:
        """The name of the scoped project's domain (``'Default'`` for v2.0)."""
        return None

    @property
    def project_is_domain(self) -> bool | None:
        """Whether the scoped project acts as a domain (v3 ``is_domain``)."""
        return None

    @property
    def domain_id(self) -> str | None:
        """The id of the domain the token is scoped to."""
        return None

    @property
    def domain_name(self) -> str | None:
        """The name of the domain the token is scoped to."""
        return None

    @property
    def system(self) -> dict[str, _t.Any] | None:
        """The system scope, e.g. ``{'all': True}``."""
        return None

    @property
    def project_scoped(self) -> bool:
        """True when the token is scoped to a project (tenant)."""
        return False

    @property
    def domain_scoped(self) -> bool:
        """True when the token is scoped to a domain."""
        return False

    @property
    def system_scoped(self) -> bool:
        """True when the token is scoped to the whole system."""
        return False

    @property
    def scoped(self) -> bool:
        """True when the token is scoped to a project, a domain or the system."""
        return self.project_scoped or self.domain_scoped or self.system_scoped

    @property
    def trust_id(self) -> str | None:
        """The id of the trust the token was issued through."""
        return None

    @property
    def trust_scoped(self) -> bool:
        """True when the token was issued through a trust."""
        return False

    @property
    def is_federated(self) -> bool:
        """True when the user was authenticated through federation (v3 ``OS-FEDERATION``)."""
        return False

    @property
    def trustee_user_id(self) -> str | None:
        """The trustee's user id (the user holding the trust token)."""
        return None

    @property
    def trustor_user_id(self) -> str | None:
        """The trustor's user id (never present in v2.0 tokens)."""
        return None

    # -- how and what else --------------------------------------------------

    @property
    def methods(self) -> list[str] | None:
        """The auth methods used to get the token (v3), e.g. ``['password']``."""
        return None

    @property
    def audit_id(self) -> str | None:
        """The token's own audit id."""
        return None

    @property
    def audit_chain_id(self) -> str | None:
        """The audit id of the token this one was rescoped from."""
        return None

    @property
    def application_credential(self) -> dict[str, _t.Any] | None:
        """The application credential used to get the token (v3)."""
        return None

    @property
    def application_credential_id(self) -> str | None:
        """The id of :attr:`application_credential`."""
        credential = self.application_credential
        return credential.get("id") if isinstance(credential, dict) else None

    @property
    def is_admin_project(self) -> bool | None:
        """Whether the scoped project is the cloud's admin project.

        None when the server did not say: Keystone only states it when an
        admin project is configured.
        """
        return None

    @property
    def bind(self) -> dict[str, _t.Any] | None:
        """The token's bind information (e.g. Kerberos), when it has any."""
        return None

    @property
    def oauth_access_token_id(self) -> str | None:
        """The OAuth1 access token id, for tokens from OS-OAUTH1."""
        return None

    @property
    def oauth_consumer_id(self) -> str | None:
        """The OAuth1 consumer id, for tokens from OS-OAUTH1."""
        return None

    # -- catalog ------------------------------------------------------------

    _CATALOG_KEY = ""
    _CATALOG_CLASS: type[_catalog.ServiceCatalog] = _catalog.ServiceCatalog

    def has_service_catalog(self) -> bool:
        """True when the token carries a service catalog (it may be empty)."""
        return self._CATALOG_KEY in self

    @property
    def service_catalog(self) -> _catalog.ServiceCatalog:
        """The token's catalog (an empty one when it has none).

        Built on first use and kept until the catalog or ``region_name``
        entry of the dict is replaced. Its default region is
        :attr:`region_name`.
        """
        source = self.get(self._CATALOG_KEY)
        region = self.region_name
        cached = self.__dict__.get("_catalog_cache")
        if cached is not None and cached[0] is source and cached[1] == region:
            return cached[2]
        entries = source if isinstance(source, list) else []
        catalog = self._CATALOG_CLASS(entries, region_name=region, body=self)
        self.__dict__["_catalog_cache"] = (source, region, catalog)
        return catalog

    def _identity_urls(self, interface: str) -> tuple[str, ...] | None:
        if not self.has_service_catalog():
            return None
        urls = self.service_catalog.get_urls(service_type="identity", interface=interface)
        return urls or None

    @property
    def auth_url(self) -> tuple[str, ...] | None:
        """The public identity URLs in the catalog (keystoneclient compat).

        None when the token has no catalog or no identity endpoint.
        """
        return self._identity_urls("public")

    @property
    def management_url(self) -> tuple[str, ...] | None:
        """The admin identity URLs in the catalog (keystoneclient compat).

        None when the token has no catalog or no admin identity endpoint.
        """
        return self._identity_urls("admin")
