"""Auth plugins: the base class and the loader that finds them by name.

A plugin gives the request pipeline two things: a token and an endpoint.
:class:`BaseAuthPlugin` has two faces for that:

* the classic apiclient/argparse face -- ``opt_names``, ``add_opts``,
  ``parse_opts``, ``sufficient_options``, ``authenticate(http_client)`` and
  ``token_and_endpoint(endpoint_type, service_type)``;
* the session face -- ``get_headers``, ``get_token``, ``get_endpoint`` and
  ``invalidate``, with defaults built on the classic face, so a plugin that
  only implements the classic face still works behind a ``Session``.

Plugins are registered as entry points in the group
``stackclient.auth.plugin`` and found with stevedore (imported only when a
plugin is first looked up)::

    parser = argparse.ArgumentParser()
    load_auth_system_opts(parser)
    plugin = load_plugin_from_args(parser.parse_args())

This module also ships one real plugin, :class:`TokenEndpointPlugin`, a
fixed token and endpoint for bootstrapping a cloud.
"""

from __future__ import annotations

import os
import typing as _t

from stackclient.apiclient import exceptions

if _t.TYPE_CHECKING:  # pragma: no cover
    import argparse

__all__ = [
    "ENTRY_POINT_GROUP",
    "BaseAuthPlugin",
    "TokenEndpointPlugin",
    "discover_auth_systems",
    "load_auth_system_opts",
    "load_plugin",
    "load_plugin_from_args",
    "normalize_interface",
]

#: The entry point group plugins are registered under.
ENTRY_POINT_GROUP = "stackclient.auth.plugin"

_INTERFACES = {
    "public": "public",
    "publicURL": "public",
    "internal": "internal",
    "internalURL": "internal",
    "admin": "admin",
    "adminURL": "admin",
}


def normalize_interface(endpoint_type: str | None) -> str:
    """Return ``public``, ``internal`` or ``admin`` for an endpoint type.

    Both spellings are accepted (``public`` and ``publicURL``, ...); None
    means ``public``. Anything else raises :class:`EndpointException`.
    """
    if endpoint_type is None:
        return "public"
    try:
        return _INTERFACES[endpoint_type]
    except (KeyError, TypeError):
        raise exceptions.EndpointException(
            "Unknown endpoint type %r: use one of public, internal, admin "
            "(or publicURL, internalURL, adminURL)" % (endpoint_type,)
        ) from None


class BaseAuthPlugin:
    """The base of every auth plugin.

    Subclasses name their options in ``opt_names``; the constructor keeps
    the keyword arguments of those names in ``self.opts``::

        class MyPlugin(BaseAuthPlugin):
            auth_system = "mine"
            opt_names = ["token", "endpoint"]

            def _do_authenticate(self, http_client):
                ...

            def token_and_endpoint(self, endpoint_type, service_type):
                return self.opts["token"], self.opts["endpoint"]
    """

    auth_system: str | None = None
    opt_names: _t.ClassVar[list[str]] = []
    common_opt_names: _t.ClassVar[list[str]] = [
        "auth_system",
        "username",
        "password",
        "tenant_name",
        "token",
        "auth_url",
    ]

    def __init__(self, auth_system: str | None = None, **kwargs: _t.Any) -> None:
        self.auth_system = auth_system or self.auth_system
        self.opts: dict[str, _t.Any] = {name: kwargs.get(name) for name in self.opt_names}

    # -- argparse face -------------------------------------------------

    @staticmethod
    def _parser_add_opt(parser: _t.Any, opt: str) -> None:
        env_var = "OS_%s" % opt.upper()
        dashed = opt.replace("_", "-")
        parser.add_argument(
            "--os-%s" % dashed,
            dest="os_%s" % opt,
            metavar="<%s>" % dashed,
            default=os.environ.get(env_var),
            help="Defaults to env[%s]." % env_var,
        )

    @classmethod
    def add_opts(cls, parser: _t.Any) -> None:
        """Add ``--os-<name>`` for each option of this plugin (not the common ones).

        Each option defaults to the environment variable ``OS_<NAME>``, read
        when this is called.
        """
        for opt in cls.opt_names:
            if opt not in BaseAuthPlugin.common_opt_names:
                cls._parser_add_opt(parser, opt)

    @classmethod
    def add_common_opts(cls, parser: _t.Any) -> None:
        """Add the options shared by all plugins (``common_opt_names``)."""
        for opt in cls.common_opt_names:
            cls._parser_add_opt(parser, opt)

    @staticmethod
    def get_opt(opt_name: str, args: _t.Any) -> _t.Any:
        """Return the value of ``--os-<opt_name>`` in parsed ``args`` (None if absent)."""
        return getattr(args, "os_%s" % opt_name, None)

    def parse_opts(self, args: _t.Any) -> None:
        """Fill ``self.opts`` from parsed arguments; options not given keep their value."""
        for name in self.opt_names:
            value = self.get_opt(name, args)
            if value is not None:
                self.opts[name] = value

    def _missing_options(self) -> list[str]:
        """Names of required options that have no value; by default, all of them."""
        return [name for name in self.opt_names if not self.opts.get(name)]

    def sufficient_options(self) -> None:
        """Raise :class:`AuthPluginOptionsMissing` naming every missing option."""
        missing = self._missing_options()
        if missing:
            raise exceptions.AuthPluginOptionsMissing(missing)

    def authenticate(self, http_client: _t.Any) -> None:
        """Check the options, then authenticate through ``http_client``."""
        self.sufficient_options()
        self._do_authenticate(http_client)

    def _do_authenticate(self, http_client: _t.Any) -> None:
        """Obtain a token through ``http_client``; plugins override this."""
        raise NotImplementedError("%s does not implement _do_authenticate" % type(self).__name__)

    def token_and_endpoint(
        self, endpoint_type: str, service_type: str | None
    ) -> tuple[str | None, str | None]:
        """Return ``(token, endpoint)`` for a service, or Nones if not authenticated yet."""
        raise NotImplementedError("%s does not implement token_and_endpoint" % type(self).__name__)

    # -- session face --------------------------------------------------

    def _token_and_endpoint_via(
        self,
        session: _t.Any,
        interface: str | None,
        service_type: str | None,
        need_endpoint: bool = True,
    ) -> tuple[str | None, str | None]:
        """Ask :meth:`token_and_endpoint`; authenticate once if what is needed is missing."""
        token, endpoint = self.token_and_endpoint(interface or "public", service_type)
        http_client = getattr(session, "http_client", None)
        missing = not token or (need_endpoint and not endpoint)
        if missing and http_client is not None:
            self.authenticate(http_client)
            token, endpoint = self.token_and_endpoint(interface or "public", service_type)
        return token, endpoint

    def get_token(self, session: _t.Any) -> str | None:
        """Return a token, authenticating once through the session if needed."""
        # No service is named, so a plugin may well give no endpoint: only the token counts.
        return self._token_and_endpoint_via(session, None, None, need_endpoint=False)[0]

    def get_headers(self, session: _t.Any, **kwargs: _t.Any) -> dict[str, str] | None:
        """Return ``{'X-Auth-Token': token}``, or None when there is no token."""
        token = self.get_token(session)
        return {"X-Auth-Token": token} if token else None

    def get_endpoint(
        self,
        session: _t.Any,
        service_type: str | None = None,
        interface: str | None = None,
        region_name: str | None = None,
        service_name: str | None = None,
        **kwargs: _t.Any,
    ) -> str | None:
        """Return the endpoint for ``service_type`` via :meth:`token_and_endpoint`."""
        return self._token_and_endpoint_via(session, interface, service_type)[1]

    def invalidate(self, token: str | None = None) -> bool:
        """Forget a cached token; True if a retry may succeed. Nothing is cached here."""
        return False


class TokenEndpointPlugin(BaseAuthPlugin):
    """A fixed token and endpoint: no auth request, no catalog.

    Bootstrap style: the same endpoint serves every service type::

        plugin = TokenEndpointPlugin(token="ADMIN", endpoint="http://127.0.0.1:5000/v3")
    """

    auth_system = "token-endpoint"
    opt_names: _t.ClassVar[list[str]] = ["token", "endpoint"]

    def _do_authenticate(self, http_client: _t.Any) -> None:
        """Nothing to do: the token is given."""

    def token_and_endpoint(
        self, endpoint_type: str, service_type: str | None
    ) -> tuple[str | None, str | None]:
        """Return the configured token and endpoint, whatever the service."""
        normalize_interface(endpoint_type)
        return self.opts.get("token"), self.opts.get("endpoint")

    def get_token(self, session: _t.Any) -> str | None:
        """Return the configured token."""
        return self.opts.get("token")

    def get_endpoint(
        self,
        session: _t.Any,
        service_type: str | None = None,
        interface: str | None = None,
        region_name: str | None = None,
        service_name: str | None = None,
        **kwargs: _t.Any,
    ) -> str | None:
        """Return the configured endpoint, whatever the service."""
        return self.opts.get("endpoint")


def _extension_manager() -> _t.Any:
    from stevedore import extension

    return extension.ExtensionManager(
        namespace=ENTRY_POINT_GROUP,
        invoke_on_load=False,
        on_load_failure_callback=_skip_broken_plugin,
    )


def _skip_broken_plugin(manager: _t.Any, entry_point: _t.Any, error: Exception) -> None:
    import logging

    logging.getLogger("stackclient").warning(
        "Could not load auth plugin %r: %s", getattr(entry_point, "name", entry_point), error
    )


def discover_auth_systems() -> dict[str, type[BaseAuthPlugin]]:
    """Return ``{name: plugin class}`` for every registered plugin.

    Entry points are read on each call (stevedore caches the scan), so a
    newly installed plugin is seen without restarting.
    """
    return {ext.name: ext.plugin for ext in _extension_manager()}


def load_auth_system_opts(parser: argparse.ArgumentParser) -> None:
    """Add the common options and every registered plugin's options to ``parser``.

    An option several plugins share is added once, in the group of the
    first plugin (by name) that uses it.
    """
    seen = set(BaseAuthPlugin.common_opt_names)
    BaseAuthPlugin.add_common_opts(parser.add_argument_group("Common auth options"))
    for name, plugin_class in sorted(discover_auth_systems().items()):
        new = [opt for opt in plugin_class.opt_names if opt not in seen]
        if not new:
            continue
        group = parser.add_argument_group("Auth-system '%s' options" % name)
        for opt in new:
            BaseAuthPlugin._parser_add_opt(group, opt)
        seen.update(new)


def load_plugin(auth_system: str) -> BaseAuthPlugin:
    """Return a new, unconfigured instance of the plugin named ``auth_system``.

    Raises :class:`AuthSystemNotFound` when no such plugin is registered.
    """
    plugin_class = discover_auth_systems().get(auth_system)
    if plugin_class is None:
        raise exceptions.AuthSystemNotFound(auth_system)
    return _instantiate(auth_system, plugin_class)


def _instantiate(name: str, plugin_class: type[BaseAuthPlugin]) -> BaseAuthPlugin:
    plugin = plugin_class()
    plugin.auth_system = name
    return plugin


def load_plugin_from_args(args: argparse.Namespace) -> BaseAuthPlugin:
    """Return the plugin the parsed command-line ``args`` ask for.

    ``--os-auth-system`` names it explicitly; otherwise every plugin is
    tried in alphabetical order and the first whose options are all given
    wins. When none fits, :class:`AuthPluginOptionsMissing` names the
    options missing for the closest plugin (the one with most options
    given, then fewest missing).
    """
    auth_system = BaseAuthPlugin.get_opt("auth_system", args)
    if auth_system:
        plugin = load_plugin(auth_system)
        plugin.parse_opts(args)
        plugin.sufficient_options()
        return plugin
    candidates = []
    for name, plugin_class in sorted(discover_auth_systems().items()):
        plugin = _instantiate(name, plugin_class)
        plugin.parse_opts(args)
        try:
            plugin.sufficient_options()
        except exceptions.AuthPluginOptionsMissing as missing:
            given = sum(1 for opt in plugin.opt_names if plugin.opts.get(opt))
            candidates.append((-given, len(missing.opt_names), name, missing.opt_names))
            continue
        return plugin
    return _raise_no_plugin(min(candidates) if candidates else None)


def _raise_no_plugin(closest: tuple[int, int, str, list[str]] | None) -> _t.NoReturn:
    """Raise for the closest plugin: most options given, then fewest missing."""
    if closest is None:
        error = exceptions.AuthPluginOptionsMissing(["auth_system"])
        error.message += " (no auth plugins are installed in %r)" % ENTRY_POINT_GROUP
    else:
        _, _, name, missing = closest
        error = exceptions.AuthPluginOptionsMissing(missing)
        error.message += " (closest auth system: %r; or choose one with --os-auth-system)" % (name)
    error.args = (error.message,)
    raise error
