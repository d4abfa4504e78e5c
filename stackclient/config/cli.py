"""Command-line options: ``--os-cloud``, the auth, session and per-service ``--os-*`` options.

:func:`register_argparse_arguments` adds them to a caller's
``argparse.ArgumentParser``, each defaulting from its ``OS_*`` variable, as
openstacksdk (through keystoneauth1) does. Two defaults differ on purpose:
``--os-interface`` and ``--insecure`` default to "not given" rather than
``public`` and ``False``, so that a clouds.yaml ``interface:`` or
``insecure:`` is not overridden by an option nobody passed; ``--timeout``
has no default of 600 for the same reason.

Parsed options are read back by :func:`fix_args`, which also records for
each value whether it was typed on the command line or came from the
environment variable behind an option's default.

Example::

    parser = argparse.ArgumentParser()
    config = OpenStackConfig()
    config.register_argparse_arguments(parser, sys.argv)
    region = config.get_one(argparse=parser.parse_args())
"""

from __future__ import annotations

import collections
import os
import re
import typing as _t

from stackclient.apiclient import exceptions
from stackclient.config import auth_types
from stackclient.config.provenance import ARGPARSE, ARGUMENT, DEFAULT, ENV, Origin

if _t.TYPE_CHECKING:  # pragma: no cover
    import argparse as _argparse

    from stackclient.config.loader import OpenStackConfig

#: argparse's marker for an option left out of ``--help`` (``argparse.SUPPRESS``).
_SUPPRESS = "==SUPPRESS=="

__all__ = ["Args", "fix_args", "fix_argv", "register_argparse_arguments"]

_LONG_OPTION = re.compile(r"^--.*[_-]+.*")


class Args(_t.NamedTuple):
    """Keyword and command-line settings, keyed as in clouds.yaml, with their origins."""

    data: dict[str, _t.Any]
    origins: dict[tuple[str, ...], Origin]

    def origin_of(self, path: tuple[str, ...]) -> Origin:
        """The origin of the value at ``path`` (a default when not given)."""
        return self.origins.get(path, Origin(DEFAULT))


def fix_argv(argv: _t.Sequence[str]) -> list[str]:
    """A copy of ``argv`` with ``_`` in long option names turned into ``-``.

    ``--os_username`` and ``--os-username`` mean the same; giving both is
    a :class:`ConfigException`.
    """
    fixed = list(argv)
    seen: dict[str, set[str]] = collections.defaultdict(set)
    for index, arg in enumerate(fixed):
        if not _LONG_OPTION.match(arg):
            continue
        name, sep, value = arg.partition("=")
        new = name.replace("_", "-")
        fixed[index] = new + sep + value
        seen[new].add(name)
    clashes = sorted(name for names in seen.values() if len(names) > 1 for name in names)
    if clashes:
        raise exceptions.ConfigException(
            "The options %s were all given and differ only in '_' and '-'; give each once"
            % ", ".join(clashes)
        )
    return fixed


def _argparse_origin(dest: str, value: _t.Any, sources: _t.Mapping[str, _t.Any]) -> Origin:
    source = sources.get(dest)
    if source is None:
        return Origin(ARGPARSE, "--" + dest.replace("_", "-"))
    option, env_var, default = source
    if env_var and value == default:
        return Origin(ENV, env_var, note="default of %s" % option)
    return Origin(ARGPARSE, option)


def _fix_keys(
    args: _t.Mapping[str, _t.Any], origins: _t.Mapping[str, Origin], prefix: tuple[str, ...]
) -> Args:
    plain: dict[str, _t.Any] = {}
    prefixed: dict[str, _t.Any] = {}
    found: dict[tuple[str, ...], Origin] = {}
    for key, value in args.items():
        if isinstance(value, dict):
            nested = _fix_keys(
                value, {k: origins[key].noted("%s[%r]" % (key, k)) for k in value}, (key,)
            )
            plain[key] = nested.data
            found.update(nested.origins)
            found[(*prefix, key)] = origins[key]
            continue
        name = key.replace("-", "_")
        target = prefixed if name.startswith("os_") else plain
        name = name[3:] if name.startswith("os_") else name
        target[name] = value
        found[(*prefix, name)] = origins[key]
    plain.update(prefixed)
    return Args(plain, found)


def fix_args(
    kwargs: _t.Mapping[str, _t.Any],
    namespace: _argparse.Namespace | None,
    sources: _t.Mapping[str, _t.Any],
) -> Args:
    """Keyword arguments and parsed options as config keys (``os_`` stripped, ``-`` → ``_``).

    Options that are None or ``''`` are left out; a parsed option beats a
    keyword argument of the same name, and ``os_x`` beats ``x``.
    """
    args: dict[str, _t.Any] = dict(kwargs)
    origins = {key: Origin(ARGUMENT, "%s=" % key) for key in args}
    if namespace is not None:
        for dest, value in vars(namespace).items():
            if value is not None and value != "":
                args[dest] = value
                origins[dest] = _argparse_origin(dest, value, sources)
    return _fix_keys(args, origins, ())


def _env_default(names: _t.Iterable[str]) -> tuple[str | None, str | None]:
    """The first non-empty ``OS_<NAME>`` among ``names``: (variable, value)."""
    for name in names:
        var = "OS_" + name.upper().replace("-", "_")
        if os.environ.get(var):
            return var, os.environ[var]
    return None, None


class _Adder:
    """Adds options to a parser and remembers which variable each default came from."""

    def __init__(self, config: OpenStackConfig, parser: _t.Any) -> None:
        self.config = config
        self.parser = parser

    def add(
        self,
        flags: _t.Sequence[str],
        env: str | _t.Sequence[str] | None,
        default: _t.Any = None,
        **kwargs: _t.Any,
    ) -> None:
        """Add an option whose default is the first set variable of ``env``."""
        names = [env] if isinstance(env, str) else list(env or ())
        used = next((name for name in names if os.environ.get(name)), None)
        value = os.environ[used] if used else default
        dest = kwargs.pop("dest", None) or flags[0].lstrip("-").replace("-", "_")
        help_text = kwargs.pop("help", "")
        if names and help_text is not _SUPPRESS:
            help_text = "%s Defaults to env[%s]." % (help_text, names[0])
        self.parser.add_argument(*flags, dest=dest, default=value, help=help_text, **kwargs)
        self.config._argparse_origins[dest] = (flags[0], used, value)


def _peek(config: OpenStackConfig, argv: list[str]) -> str:
    """The auth type of the cloud the command line selects, before parsing for real."""
    import argparse

    local = argparse.ArgumentParser(add_help=False)
    local.add_argument("--os-cloud", default=config._getenv("OS_CLOUD"))
    local.add_argument("--timeout")
    local.add_argument("--os-token")
    local.add_argument("--os-auth-token")
    options, _ = local.parse_known_args(argv)
    if options.timeout:
        config._argv_timeout = True
    region = config.get_one(argparse=options, validate=False)
    env_var, env_type = _env_default(["auth_type", "auth_plugin"])
    local.add_argument(
        "--os-auth-type", "--os-auth-plugin", default=env_type or region.config.get("auth_type")
    )
    return auth_types.canonical(local.parse_known_args(argv)[0].os_auth_type)


def _add_auth(adder: _Adder, auth_type: str) -> None:
    adder.add(["--os-auth-type", "--os-auth-plugin"], ["OS_AUTH_TYPE", "OS_AUTH_PLUGIN"], None, metavar="<name>",
              help="Authentication type to use (%s)." % ", ".join(sorted(auth_types.AUTH_TYPES)))  # fmt: skip
    group = adder.parser.add_argument_group(
        "Authentication Options", "Options of the %s auth type." % auth_type
    )
    auth_adder = _Adder(adder.config, group)
    for option in auth_types.options(auth_type):
        names = (option.name, *option.deprecated)
        flags = ["--os-" + name.replace("_", "-") for name in names]
        env_vars = ["OS_" + name.upper() for name in names]
        auth_adder.add(flags, env_vars, dest="os_" + option.name, metavar="<%s>" % option.name.replace("_", "-"),
                       help="The %s for auth type %s." % (option.name.replace("_", " "), auth_type))  # fmt: skip


def _add_session(adder: _Adder) -> None:
    adder.add(["--insecure"], None, action="store_const", const=True,
              help="Do not verify the server's TLS certificate.")  # fmt: skip
    for name, what in (
        ("cacert", "CA bundle"),
        ("cert", "client certificate"),
        ("key", "client key"),
    ):
        adder.add(
            ["--os-" + name], "OS_" + name.upper(), metavar="<path>", help="The %s file." % what
        )
    adder.add(["--timeout"], None, metavar="<seconds>", help="Seconds to wait for a response.")


def _add_service(adder: _Adder, service: str | None) -> None:
    prefix = "--os-%s-" % service.replace("_", "-") if service else "--os-"
    env = "OS_%s_" % service.upper().replace("-", "_") if service else "OS_"
    for what in (
        "service_type",
        "service_name",
        "interface",
        "region_name",
        "endpoint_override",
        "api_version",
    ):
        if service and what == "region_name":
            continue
        flag = prefix + what.replace("_", "-")
        adder.add([flag], env + what.upper(), metavar="<%s>" % what.replace("_", "-"),
                  help="The %s%s." % (what.replace("_", " "), " of %s" % service if service else ""))  # fmt: skip


def register_argparse_arguments(
    config: OpenStackConfig,
    parser: _t.Any,
    argv: _t.Sequence[str],
    service_keys: _t.Sequence[str] | None = None,
) -> None:
    """Add ``--os-cloud`` and the ``--os-*`` options to ``parser``.

    ``argv`` is peeked at for ``--os-cloud`` and ``--os-auth-type`` so
    that the options of the auth type the chosen cloud uses are the ones
    added. ``service_keys`` adds ``--os-<service>-*`` options for those
    services (the first also becomes ``--os-service-type``'s default).
    """
    argv = fix_argv(argv)
    adder = _Adder(config, parser)
    adder.add(["--os-cloud"], "OS_CLOUD", metavar="<name>", help="Named cloud to connect to.")
    auth_type = _peek(config, argv)
    _add_auth(adder, auth_type)
    _add_session(adder)
    _add_service(adder, None)
    if service_keys:
        config._argparse_origins["os_service_type"] = ("--os-service-type", None, service_keys[0])
        parser.set_defaults(os_service_type=os.environ.get("OS_SERVICE_TYPE", service_keys[0]))
    for service in service_keys or ():
        adder.add(["--%s-api-version" % service.replace("_", "-")], None, help=_SUPPRESS)
        _add_service(adder, service)
    for flag in ("--http-timeout", "--os-endpoint-type", "--endpoint-type"):
        adder.add([flag], None, help=_SUPPRESS)
