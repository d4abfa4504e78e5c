"""One region of one cloud: the resolved settings, where each came from, and a session.

A :class:`CloudRegion` is what :func:`stackclient.config.get_cloud_region`
returns and what a :class:`~stackclient.connection.Connection` is built
from. Per-service settings are read from ``<service>_<key>`` with the
service named by its official type or any alias (``volume_api_version``
configures ``block-storage``), falling back to the unprefixed key where a
cloud-wide default makes sense (``interface``, ``region_name``).
"""

from __future__ import annotations

import os
import threading
import typing as _t

from stackclient import service_types
from stackclient.apiclient import exceptions
from stackclient.config import auth_types, files, provenance
from stackclient.config.provenance import ARGUMENT, DEFAULT, Origin

__all__ = ["CloudRegion", "DEFAULTS", "from_session"]

#: Settings every cloud starts from (openstacksdk's defaults that matter here).
DEFAULTS: _t.Mapping[str, _t.Any] = {
    "api_timeout": None,
    "verify": True,
    "cacert": None,
    "cert": None,
    "key": None,
    "auth_type": "password",
    "interface": "public",
    "network_api_version": "2",
    "object_store_api_version": "1",
}

#: Auth options that scope a token: without any, identity is reached at the auth URL.
_SCOPE_KEYS = frozenset({"domain_id", "domain_name", "project_id", "project_name", "system_scope"})


def _key(key: str, service_type: str | None) -> str:
    if not service_type:
        return key
    return "%s_%s" % (service_type.lower().replace("-", "_"), key)


class CloudRegion:
    """The settings of one region of one cloud, each with its origin.

    ``config`` is the resolved dict (``auth`` nested), ``origins`` maps
    ``key`` and ``auth.<key>`` to an :class:`Origin`. The auth plugin and
    the :class:`~stackclient.session.Session` are built on first use.

    Example::

        region = stackclient.config.get_cloud_region(cloud="example")
        region.get_api_version("compute"), region.get_interface("identity")
        print(region.describe())            # every value and where it came from
        sess = region.get_session()
    """

    def __init__(
        self,
        name: str | None = None,
        region_name: str | None = None,
        config: _t.Mapping[str, _t.Any] | None = None,
        *,
        origins: _t.Mapping[str, Origin] | None = None,
        session: _t.Any = None,
        auth_plugin: _t.Any = None,
        app_name: str | None = None,
        app_version: str | None = None,
    ) -> None:
        self.config: dict[str, _t.Any] = dict(config or {})
        self.config.setdefault("auth", {})
        self._origins: dict[str, Origin] = dict(origins or {})
        if region_name is not None:
            self.config["region_name"] = region_name
        self._name = name
        self._session = session
        self._session_owned = False
        self._auth = auth_plugin
        self._app_name = app_name
        self._app_version = app_version
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return "<CloudRegion %s>" % self.full_name

    def __getattr__(self, key: str) -> _t.Any:
        """A setting by name, as openstacksdk allows (``region.auth_type``, ``region.os_interface``).

        Unlike openstacksdk, a setting that is not there is an AttributeError, not None.
        """
        config = self.__dict__.get("config")
        name = key[3:] if key.startswith("os_") else key
        if key.startswith("_") or config is None or name not in config:
            raise AttributeError("%r object has no attribute %r" % (type(self).__name__, key))
        return config[name]

    # -- names ------------------------------------------------------------------

    @property
    def name(self) -> str:
        """The cloud's name (``''`` when none was chosen)."""
        return self._name or ""

    @property
    def region_name(self) -> str | None:
        """The region every service uses unless ``<service>_region_name`` says otherwise."""
        return self.get_region_name()

    @property
    def full_name(self) -> str:
        """``cloud:region``, or whichever of the two is set, or ``unknown``."""
        parts = [part for part in (self.name, self.get_region_name()) if part]
        return ":".join(parts) or "unknown"

    # -- provenance ---------------------------------------------------------------

    def origin(self, key: str) -> Origin | None:
        """Where the value of ``key`` (``"region_name"``, ``"auth.password"``) came from.

        None when the key is not set.
        """
        if self._lookup(key) is _MISSING:
            return None
        return self._origins.get(key, Origin(DEFAULT))

    def _lookup(self, key: str) -> _t.Any:
        if key.startswith("auth."):
            return self.config["auth"].get(key[5:], _MISSING)
        return self.config.get(key, _MISSING)

    def describe_rows(self) -> list[tuple[str, str, str]]:
        """``(key, value, origin)`` for every setting; secrets are ``***``."""
        flat = {key: value for key, value in self.config.items() if key != "auth"}
        flat.update({"auth." + key: value for key, value in self.config["auth"].items()})
        return provenance.describe_rows(flat, self._origins)

    def describe(self) -> str:
        """A table of every setting, its value (secrets as ``***``) and its origin."""
        return provenance.format_table(self.describe_rows())

    # -- per-service settings -------------------------------------------------

    def _service_key(self, key: str, service_type: str | None, fallback: bool) -> str | None:
        """The config key that holds ``key`` for ``service_type`` (aliases tried in order)."""
        if service_type is None:
            return key if self.config.get(key) is not None else None
        for name in service_types.all_types(service_type):
            if self.config.get(_key(key, name)) is not None:
                return _key(key, name)
        if fallback and self.config.get(key) is not None:
            return key
        return None

    def _get(self, key: str, service_type: str | None, fallback: bool = False) -> _t.Any:
        found = self._service_key(key, service_type, fallback)
        return None if found is None else self.config[found]

    def origin_for(self, service_type: str, key: str) -> Origin | None:
        """Where ``service_type``'s ``key`` (``"api_version"``, ...) came from, if set."""
        found = self._service_key(key, service_type, fallback=key in _CLOUD_WIDE)
        return None if found is None else self.origin(found)

    def get_region_name(self, service_type: str | None = None) -> str | None:
        """``<service>_region_name``, else the cloud's region."""
        value = self._get("region_name", service_type, fallback=True)
        return None if value is None else str(value)

    def get_interface(self, service_type: str | None = None) -> str | list[str] | None:
        """``<service>_interface``, else the cloud's ``interface`` (default ``public``)."""
        value = self._get("interface", service_type, fallback=True)
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, list) and all(isinstance(x, str) or x is None for x in value):
            return value
        raise exceptions.ConfigException(
            "interface should be a string or a list of strings, not %r (%s)"
            % (value, self.origin_for(service_type or "", "interface") or "unknown origin")
        )

    def get_api_version(self, service_type: str) -> str | None:
        """``<service>_api_version``: a major version (``"2"``), a microversion or ``"latest"``.

        openstacksdk ignores ``latest`` here; stackclient's clients take it
        as "the newest microversion the server offers". Other text that is
        not a number is ignored, as in openstacksdk.
        """
        value = self._get("api_version", service_type)
        if not value:
            return None
        text = str(value)
        if text == "latest":
            return text
        try:
            float(text)
        except ValueError:
            return None
        return text

    def get_default_microversion(self, service_type: str) -> str | None:
        """``<service>_default_microversion``, if set."""
        value = self._get("default_microversion", service_type)
        return None if value is None else str(value)

    def get_service_type(self, service_type: str) -> str:
        """The official type for ``service_type`` (or ``<service>_service_type`` if set)."""
        name = service_types.official(service_type)
        official = name if name in service_types.ALIASES else service_type
        return str(self._get("service_type", official) or official)

    def get_service_name(self, service_type: str) -> str | None:
        """``<service>_service_name``, if set."""
        value = self._get("service_name", service_type)
        return None if value is None else str(value)

    def get_endpoint(self, service_type: str) -> str | None:
        """The URL configured for ``service_type`` instead of the catalog's, if any.

        ``<service>_endpoint_override`` (or ``<service>_endpoint``); with
        ``auth_type: none``, the auth ``endpoint``; for identity without a
        scope, the auth URL (listing projects to scope to needs no catalog).
        """
        auth = self.config.get("auth") or {}
        value = self._get("endpoint_override", service_type) or self._get("endpoint", service_type)
        if not value and self.config.get("auth_type") == "none":
            value = auth.get("endpoint")
        if not value and service_type == "identity" and _SCOPE_KEYS.isdisjoint(auth):
            value = auth.get("auth_url")
        return str(value) if value else None

    def _number(self, key: str, service_type: str | None, kind: type) -> _t.Any:
        """The setting as ``kind`` (int or float); ConfigException naming its origin if not one."""
        found = self._service_key(key, service_type, fallback=True)
        if found is None:
            return None
        try:
            return kind(self.config[found])
        except (TypeError, ValueError):
            raise exceptions.ConfigException(
                "%s should be a number, not %r (%s)"
                % (found, self.config[found], self.origin(found) or "unknown origin")
            ) from None

    def get_connect_retries(self, service_type: str | None = None) -> int | None:
        """``<service>_connect_retries``, else ``connect_retries``."""
        return self._number("connect_retries", service_type, int)  # type: ignore[no-any-return]

    def get_status_code_retries(self, service_type: str | None = None) -> int | None:
        """``<service>_status_code_retries``, else ``status_code_retries``."""
        return self._number("status_code_retries", service_type, int)  # type: ignore[no-any-return]

    def get_api_timeout(self) -> float | None:
        """``api_timeout`` in seconds (None: wait forever)."""
        return self._number("api_timeout", None, float)  # type: ignore[no-any-return]

    def service_settings(self, service_type: str) -> dict[str, _t.Any]:
        """The keyword arguments a service client takes for ``service_type``."""
        return {
            "service_type": self.get_service_type(service_type),
            "service_name": self.get_service_name(service_type),
            "interface": self.get_interface(service_type),
            "region_name": self.get_region_name(service_type),
            "endpoint_override": self.get_endpoint(service_type),
            "api_version": self.get_api_version(service_type),
        }

    # -- auth and session -------------------------------------------------------

    def get_auth_args(self) -> dict[str, _t.Any]:
        """The resolved auth options (``auth:``), secrets included."""
        return self.config["auth"]  # type: ignore[no-any-return]

    def get_requests_verify_args(self) -> tuple[bool | str, str | tuple[str, str] | None]:
        """``(verify, cert)`` for the HTTP layer, from insecure/verify/cacert/cert/key.

        ``insecure`` wins over everything; ``cacert`` is used when verifying;
        ``key`` pairs with ``cert``. Paths get ``~`` expanded.
        """
        verify: _t.Any = self.config.get("verify", True)
        cacert = self.config.get("cacert")
        if self.config.get("insecure", False):
            verify = False
        if verify and cacert:
            verify = os.path.expanduser(cacert)
        elif cacert:
            files.warn(
                "cloud %s gives a cacert but turns certificate verification off; "
                "the server's certificate will not be verified" % self.full_name
            )
        cert = self.config.get("cert")
        if cert:
            cert = os.path.expanduser(cert)
            if self.config.get("key"):
                cert = (cert, os.path.expanduser(self.config["key"]))
        return verify, cert

    def get_auth(self) -> _t.Any:
        """The auth plugin for ``auth_type`` and ``auth``, built once."""
        with self._lock:
            if self._auth is None:
                self._auth = auth_types.build_plugin(self.config["auth_type"], self.config["auth"])
            return self._auth

    def set_auth(self, plugin: _t.Any) -> None:
        """Use ``plugin`` (any auth plugin) instead of one built from ``auth_type``."""
        with self._lock:
            self._auth = plugin
            if self._session_owned:
                self._session = None

    def get_session(self) -> _t.Any:
        """The :class:`~stackclient.session.Session` for this cloud, built once."""
        if self._session is not None:
            return self._session
        plugin = self.get_auth()
        with self._lock:
            if self._session is None:
                self._session = self._new_session(plugin)
                self._session_owned = True
            return self._session

    def close(self) -> None:
        """Close the connection pool of the session built here (a given session is left open)."""
        with self._lock:
            session, self._session = (
                (self._session, None) if self._session_owned else (None, self._session)
            )
        if session is not None:
            session.close()

    def _new_session(self, plugin: _t.Any) -> _t.Any:
        from stackclient import session as _session
        from stackclient.apiclient import client as _client

        verify, cert = self.get_requests_verify_args()
        timeout = self.get_api_timeout()
        user_agent = _client.default_user_agent()
        if self._app_name:
            app = self._app_name + ("/" + self._app_version if self._app_version else "")
            user_agent = "%s %s" % (app, user_agent)
        return _session.Session(
            auth=plugin,
            verify=verify,
            cert=cert,
            timeout=timeout or None,
            user_agent=user_agent,
            connect_retries=self.get_connect_retries() or 0,
        )


_MISSING = object()
_CLOUD_WIDE = frozenset({"region_name", "interface", "connect_retries", "status_code_retries"})


def from_session(
    session: _t.Any,
    name: str | None = None,
    region_name: str | None = None,
    app_name: str | None = None,
    app_version: str | None = None,
    **kwargs: _t.Any,
) -> CloudRegion:
    """A :class:`CloudRegion` around an existing session: defaults plus ``kwargs``.

    No file or environment variable is read; ``kwargs`` are per-service
    settings such as ``compute_api_version='2'`` or ``identity_interface=``.
    """
    from stackclient.config import _resolve

    config: dict[str, _t.Any] = dict(DEFAULTS)
    config["auth"] = {}
    origins = {key: Origin(DEFAULT) for key in config}
    for key, value in kwargs.items():
        config[key] = value
        origins[key] = Origin(ARGUMENT, "%s=" % key)
    config = {k: _resolve._normal_value(k, v) for k, v in config.items()}
    if region_name is not None:
        origins["region_name"] = Origin(ARGUMENT, "region_name=")
    return CloudRegion(
        name=name,
        region_name=region_name,
        config=config,
        origins=origins,
        session=session,
        app_name=app_name,
        app_version=app_version,
    )
