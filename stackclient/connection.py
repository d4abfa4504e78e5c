"""Connection: one region of one cloud, with each service as an attribute.

The four ways of openstacksdk to get a connection work here with the same
arguments::

    import stackclient
    from stackclient import connection

    conn = stackclient.connect(cloud="example", region_name="earth1")   # clouds.yaml, OS_*
    conn = stackclient.connect(options=argparse.ArgumentParser())       # plus --os-* options
    conn = connection.Connection(region_name="example-region",          # arguments only
                                 auth=dict(auth_url=..., username=..., password=...,
                                           project_id=..., user_domain_id=...),
                                 compute_api_version="2", identity_interface="internal")
    conn = connection.Connection(session=sess, region_name="example-region")
    conn = connection.Connection(config=stackclient.config.get_cloud_region(cloud="example"))

Services are attributes named by service type (``-`` written ``_``):
``conn.identity`` (the Identity v3 client, or v2.0 when
``identity_api_version`` is 2), ``conn.compute``, ``conn.image``,
``conn.network``, ``conn.object_store``, ``conn.block_storage`` (also
``conn.volume``), each built on first use from the cloud's per-service
settings; any other known service type (``conn.orchestration``,
``conn.dns``, ``conn.load_balancer``, ...) is a generic REST proxy.
"""

from __future__ import annotations

import importlib
import threading
import typing as _t

from stackclient import service_types
from stackclient.apiclient import exceptions

if _t.TYPE_CHECKING:  # pragma: no cover
    import argparse

    from stackclient.config.cloud_region import CloudRegion

__all__ = ["Connection", "ServiceDescription", "connect", "from_config"]

#: The client class of each service type, as "module:Class" (imported on first use).
#: A service whose module is not installed gets the generic proxy instead.
SERVICE_CLIENTS: _t.Mapping[str, str] = {
    "identity": "stackclient.v3.client:Client",
    "network": "stackclient.network.v2_0.client:Client",
    "image": "stackclient.image.v2.client:Client",
    "compute": "stackclient.compute.v2.client:Client",
    "object-store": "stackclient.object_store.v1.client:Client",
    "block-storage": "stackclient.block_storage.v3.client:Client",
}
#: The identity client used when ``identity_api_version`` is 2 or 2.0.
IDENTITY_V2_CLIENT = "stackclient.v2_0.client:Client"


class ServiceDescription:
    """A service to attach to a :class:`Connection` with :meth:`Connection.add_service`.

    ``client_class`` is built as ``client_class(session=..., interface=...,
    region_name=..., service_name=..., service_type=...,
    endpoint_override=..., api_version=...)``; without one the service
    gets the generic REST proxy. The connection attribute is the service
    type with ``-`` written ``_``, and each alias too.

    Example::

        conn.add_service(ServiceDescription("container-infrastructure-management"))
        conn.container_infrastructure_management.get("/clusters")
    """

    def __init__(
        self,
        service_type: str,
        client_class: type | None = None,
        aliases: _t.Sequence[str] = (),
    ) -> None:
        self.service_type = service_type
        self.client_class = client_class
        self.aliases = list(aliases)

    @property
    def all_types(self) -> list[str]:
        """The service type, then its aliases (known ones included)."""
        names = [self.service_type, *self.aliases, *service_types.all_types(self.service_type)]
        return list(dict.fromkeys(names))


def _attribute_type(name: str) -> str | None:
    """The official service type an attribute name stands for, if any."""
    if name.startswith("_"):
        return None
    official = service_types.official(name)
    return official if official in service_types.ALIASES else None


def _import(target: str) -> _t.Any:
    """``module:Class`` imported; None when the module itself is not there."""
    module_name, class_name = target.split(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name and module_name.startswith(error.name):
            return None
        raise
    return getattr(module, class_name)


class Connection:
    """A connection to one region of one cloud; each service is an attribute.

    Without ``config`` or ``session``, settings come from ``cloud`` (named in
    clouds.yaml, ``envvars`` for ``OS_*``) when given, else from the keyword
    arguments alone (no file, no environment). ``session`` uses an existing
    session (stackclient's or keystoneauth1's) with ``kwargs`` as
    per-service settings. The older names ``authenticator=`` (an auth
    plugin), ``profile=`` (a profile name, or an object whose
    ``get_services()`` lists per-service preferences) and ``auth_plugin=``
    (``auth_type``) are accepted.

    Example::

        conn = Connection(cloud="example")
        for project in conn.identity.projects():
            print(project.name)
    """

    def __init__(
        self,
        cloud: str | None = None,
        config: CloudRegion | None = None,
        session: _t.Any = None,
        app_name: str | None = None,
        app_version: str | None = None,
        extra_services: _t.Sequence[ServiceDescription | str] | None = None,
        *,
        authenticator: _t.Any = None,
        profile: _t.Any = None,
        **kwargs: _t.Any,
    ) -> None:
        if config is None:
            config = _region_for(
                cloud, session, app_name, app_version, authenticator, profile, kwargs
            )
        self.config = config
        self._lock = threading.RLock()
        self._extra: dict[str, ServiceDescription] = {}
        self._names: dict[str, str] = {}
        for service in extra_services or ():
            self.add_service(service)

    def __repr__(self) -> str:
        return "<Connection %s>" % self.config.full_name

    @property
    def name(self) -> str:
        """The cloud's name."""
        return self.config.name

    @property
    def session(self) -> _t.Any:
        """The session every service client sends through (built on first use)."""
        return self.config.get_session()

    # -- services -----------------------------------------------------------------

    def __getattr__(self, name: str) -> _t.Any:
        service_type = self.__dict__.get("_names", {}).get(name) or _attribute_type(name)
        if service_type is None:
            raise AttributeError(
                "%r object has no attribute %r (for a service type stackclient does not "
                "know, call add_service(%r) first)" % (type(self).__name__, name, name)
            )
        with self._lock:
            if name not in self.__dict__:
                self.__dict__[name] = self._client_for(service_type)
            return self.__dict__[name]

    def _client_for(self, service_type: str) -> _t.Any:
        for attr in self._attribute_names(service_type):
            if attr in self.__dict__:
                return self.__dict__[attr]
        description = self._extra.get(service_type)
        if description is not None and description.client_class is not None:
            return self._build(description.client_class, service_type)
        if service_type == "identity":
            return self._identity_client()
        target = SERVICE_CLIENTS.get(service_type)
        client_class = _import(target) if target else None
        if client_class is None:
            from stackclient._service_proxy import GenericServiceClient as client_class
        return self._build(client_class, service_type)

    def _attribute_names(self, service_type: str) -> list[str]:
        names = [name for name, st in self._names.items() if st == service_type]
        names += [t.replace("-", "_") for t in service_types.all_types(service_type)]
        return names

    def _build(self, client_class: type, service_type: str) -> _t.Any:
        settings = self.config.service_settings(service_type)
        if isinstance(settings["interface"], list):
            settings["interface"] = next((i for i in settings["interface"] if i), None)
        return client_class(session=self.session, **settings)

    def _identity_client(self) -> _t.Any:
        version = str(self.config.get_api_version("identity") or "3")
        target = IDENTITY_V2_CLIENT if version in ("2", "2.0") else SERVICE_CLIENTS["identity"]
        settings = self.config.service_settings("identity")
        interface = settings["interface"]
        if isinstance(interface, list):
            interface = next((i for i in interface if i), None)
        return _import(target)(
            session=self.session,
            interface=interface,
            region_name=settings["region_name"],
            service_name=settings["service_name"],
            endpoint_override=settings["endpoint_override"],
        )

    def add_service(self, service: ServiceDescription | str) -> None:
        """Attach a service by type (a string) or by :class:`ServiceDescription`.

        The service becomes an attribute under its type and every alias
        (``-`` written ``_``), on this connection only.
        """
        if isinstance(service, str):
            service = ServiceDescription(service)
        if not getattr(service, "service_type", None):
            raise exceptions.ValidationError(
                "add_service() takes a service type or an object with a service_type, not %r"
                % (service,)
            )
        if not isinstance(service, ServiceDescription):
            service = ServiceDescription(
                service.service_type,
                getattr(service, "client_class", None),
                getattr(service, "aliases", ()),
            )
        with self._lock:
            self._extra[service.service_type] = service
            for name in service.all_types:
                attr = name.replace("-", "_")
                self._names[attr] = service.service_type
                self.__dict__.pop(attr, None)

    # -- auth -----------------------------------------------------------------------

    def authorize(self) -> str:
        """Authenticate now (if needed) and return the token.

        Optional: any call to a service authenticates first anyway. Raises
        a :class:`~stackclient.apiclient.exceptions.ClientException`
        (``Unauthorized``, ``AuthorizationFailure``, ...) when it fails.
        """
        from stackclient import adapter

        token = adapter.Adapter(self.session).get_token()
        if not token:
            raise exceptions.AuthorizationFailure(
                "The auth plugin of cloud %s gave no token (auth_type %r)"
                % (self.config.full_name, self.config.config.get("auth_type"))
            )
        return token

    def endpoint_for(
        self, service_type: str, interface: str | None = None, region_name: str | None = None
    ) -> str | None:
        """The URL of ``service_type``: its endpoint override, else the catalog's."""
        override = self.config.get_endpoint(service_type)
        if override:
            return override
        from stackclient import adapter

        interface = interface or self.config.get_interface(service_type)
        return adapter.Adapter(
            self.session,
            service_type=self.config.get_service_type(service_type),
            interface=interface[0] if isinstance(interface, list) else interface,
            region_name=region_name or self.config.get_region_name(service_type),
        ).get_endpoint()

    def close(self) -> None:
        """Close the connection pool of a session this connection built."""
        self.config.close()

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _profile_settings(profile: _t.Any) -> dict[str, _t.Any]:
    """Per-service settings from an old-style profile object (``get_services()``)."""
    settings: dict[str, _t.Any] = {}
    for service in profile.get_services():
        prefix = str(service.service_type).replace("-", "_") + "_"
        version = getattr(service, "version", None)
        pairs = (
            ("region_name", getattr(service, "region", None)),
            ("interface", getattr(service, "interface", None)),
            ("service_name", getattr(service, "service_name", None)),
            ("api_version", str(version).lstrip("v") if version else None),
        )
        settings.update({prefix + key: value for key, value in pairs if value})
    return settings


def _region_for(
    cloud: str | None,
    session: _t.Any,
    app_name: str | None,
    app_version: str | None,
    authenticator: _t.Any,
    profile: _t.Any,
    kwargs: dict[str, _t.Any],
) -> CloudRegion:
    from stackclient.config import cloud_region, loader

    if profile is not None and not isinstance(profile, str):
        kwargs = dict(_profile_settings(profile), **kwargs)
    elif profile is not None:
        kwargs["profile"] = profile
    if session is not None:
        return cloud_region.from_session(
            session, app_name=app_name, app_version=app_version, **kwargs
        )
    loading = cloud is not None
    config = loader.OpenStackConfig(
        load_yaml_config=loading, load_envvars=loading, app_name=app_name, app_version=app_version
    )
    region = config.get_one(cloud=cloud, validate=authenticator is None, **kwargs)
    if authenticator is not None:
        region.set_auth(authenticator)
    return region


def from_config(
    cloud: str | None = None,
    config: CloudRegion | None = None,
    options: argparse.Namespace | None = None,
    **kwargs: _t.Any,
) -> Connection:
    """A :class:`Connection` from a named cloud, a :class:`CloudRegion`, or parsed options.

    ``cloud_name=`` and ``cloud_config=`` are the older names of ``cloud``
    and ``config``. ``options`` is an ``argparse.Namespace`` whose ``os_*``
    values override the files.
    """
    cloud = kwargs.pop("cloud_name", cloud)
    config = kwargs.pop("cloud_config", config)
    if config is None:
        from stackclient.config import loader

        config = loader.OpenStackConfig().get_one(cloud=cloud, argparse=options, **kwargs)
    return Connection(config=config)


def connect(
    cloud: str | None = None,
    app_name: str | None = None,
    app_version: str | None = None,
    options: argparse.ArgumentParser | None = None,
    load_yaml_config: bool = True,
    load_envvars: bool = True,
    **kwargs: _t.Any,
) -> Connection:
    """A :class:`Connection` from clouds.yaml, ``OS_*``, command-line options and ``kwargs``.

    ``cloud`` names the cloud; without it, ``OS_CLOUD``, the ``envvars``
    cloud (``OS_*`` variables) or the only cloud configured is used.
    ``options`` is an ``ArgumentParser`` that gets ``--os-cloud`` and the
    ``--os-*`` options added and ``sys.argv`` parsed. Other keyword
    arguments (``region_name``, ``compute_api_version``, ``auth={...}``)
    override the files. Raises :class:`ConfigException` saying what to fix.

    Example::

        conn = stackclient.connect(cloud="example", region_name="earth1")
    """
    from stackclient import config as _config

    region = _config.get_cloud_region(
        cloud=cloud,
        app_name=app_name,
        app_version=app_version,
        options=options,
        load_yaml_config=load_yaml_config,
        load_envvars=load_envvars,
        **kwargs,
    )
    return Connection(config=region)
