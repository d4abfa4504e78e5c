"""The text of configuration errors that must say what to do next."""

from __future__ import annotations

import typing as _t

__all__ = ["missing_auth", "no_cloud_selected"]


def no_cloud_selected(names: _t.Sequence[str], config_file: str | None) -> str:
    """Several clouds are configured and nothing says which one to use."""
    where = " in %s" % config_file if config_file else ""
    return (
        "Several clouds are configured%s (%s) and none was selected. Select one with "
        "cloud='<name>' (connect(), Connection() or get_cloud_region()), the OS_CLOUD "
        "environment variable, or the --os-cloud command-line option"
        % (where, ", ".join(sorted(names)))
    )


def _env_vars(option: str) -> str:
    return " or ".join("OS_" + name.strip().upper() for name in option.split(" or "))


def _cli_options(option: str) -> str:
    return " or ".join("--os-" + name.strip().replace("_", "-") for name in option.split(" or "))


def missing_auth(
    cloud: str, auth_type: str, lacking: _t.Sequence[str], config_file: str | None, env_cloud: bool
) -> str:
    """A cloud's auth type needs options it was not given: say which and what supplies them."""
    parts = []
    for option in lacking:
        keys = " or ".join(repr(name.strip()) for name in option.split(" or "))
        if env_cloud:
            supply = "set %s" % _env_vars(option)
        else:
            where = config_file or "clouds.yaml"
            supply = "add %s under 'auth:' of cloud %r in %s (or its secure.yaml)" % (
                keys,
                cloud,
                where,
            )
        parts.append(
            "%s: %s, pass %s=... or %s (whose default is env[%s])"
            % (option, supply, option.split(" or ")[0], _cli_options(option), _env_vars(option))
        )
    return "Cloud %r uses auth_type %r but lacks %s. To supply it: %s" % (
        cloud,
        auth_type,
        ", ".join(lacking),
        "; ".join(parts),
    )
