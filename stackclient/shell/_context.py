"""Running one command: the connection, the cache, logging, errors and timings."""

from __future__ import annotations

import argparse
import logging
import sys

from stackclient.shell import _output

_TYPE_CHECKING = False
if _TYPE_CHECKING:  # pragma: no cover
    import typing as _t

__all__ = ["Context", "execute"]

#: Auth plugin attributes that may name who and what a token is for (never secrets).
_IDENTITY_FIELDS = (
    "auth_url", "username", "user_id", "user_domain_id", "user_domain_name", "project_id",
    "project_name", "project_domain_id", "project_domain_name", "domain_id", "domain_name",
    "system_scope", "trust_id", "id", "name", "unscoped", "endpoint",
)  # fmt: skip


class Context:
    """What a command works with: ``conn`` (built on first use) and progress bars."""

    def __init__(self, args: argparse.Namespace, connection_factory: _t.Any = None) -> None:
        self.args = args
        self._factory = connection_factory
        self._conn: _t.Any = None
        self._cache: _t.Any = None
        self._cache_key: str | None = None

    @property
    def conn(self) -> _t.Any:
        """The :class:`stackclient.connection.Connection` of the command line's cloud."""
        if self._conn is None:
            if self._factory is not None:
                self._conn = self._factory(self.args)
            else:
                from stackclient.shell import _connect

                self._conn = _connect.open_connection(self.args)
            if getattr(self.args, "timing", False):
                _enable_timings(self._conn)
            self._load_cache()
        return self._conn

    def progress(
        self, description: str, total: int | None
    ) -> _t.Callable[[int, int | None], None] | None:
        """A ``progress(done, total)`` callback drawing a bar on stderr, or None.

        None when stderr is not a terminal or with ``-q``.
        """
        if getattr(self.args, "quiet", False) or not sys.stderr.isatty():
            return None
        from stackclient.shell import _progress

        return _progress.bar(description, total)

    def wait_callback(self, description: str) -> _t.Callable[[_t.Any], None] | None:
        """A waiter callback showing the status on stderr, or None (not a terminal, ``-q``)."""
        if getattr(self.args, "quiet", False) or not sys.stderr.isatty():
            return None
        from stackclient.shell import _progress

        return _progress.wait_bar(description)

    # -- the token and discovery cache ---------------------------------------------

    def _plugin(self) -> _t.Any:
        session = getattr(self._conn, "session", None)
        return getattr(session, "auth", None)

    def _load_cache(self) -> None:
        if getattr(self.args, "no_cache", False):
            return
        plugin = self._plugin()
        if plugin is None or not hasattr(plugin, "auth_ref"):
            return
        from stackclient.shell import _cache

        self._cache = _cache.TokenCache()
        identity = _identity_of(plugin, self._conn, self._cache.digest)
        self._cache_key = _cache.fingerprint(identity)
        entry = self._cache.load(self._cache_key)
        if entry:
            _restore(entry, plugin, self._conn.session)

    def save_cache(self) -> None:
        """Store the token and discovery results for the next command."""
        if self._cache is None or self._cache_key is None:
            return
        entry = _snapshot(self._plugin(), self._conn.session)
        try:
            if entry is None:
                self._cache.drop(self._cache_key)
            else:
                self._cache.save(self._cache_key, entry)
        except OSError as error:
            logging.getLogger("stackclient.shell").warning("Token cache not written: %s", error)

    def drop_cache(self) -> None:
        """Forget the cached token (after the server refused it)."""
        if self._cache is not None and self._cache_key is not None:
            self._cache.drop(self._cache_key)

    def print_timings(self) -> None:
        """Print each request sent and its duration on stderr (``--timing``)."""
        session = getattr(self._conn, "session", None)
        timings = session.get_timings() if hasattr(session, "get_timings") else []
        rows = [(what, "%.1f" % ((end - start) * 1000)) for what, start, end in timings]
        total = sum(float(ms) for _, ms in rows)
        listing = _output.Listing(["request", "ms"], [*rows, ("total", "%.1f" % total)])
        sys.stderr.write(_output.render(listing, _output.OutputOptions()))


#: Plugin options that are secrets: only a salted digest of them goes into a fingerprint.
_SECRET_FIELDS = ("password", "token", "secret", "application_credential_secret", "passcode")


def _identity_of(
    plugin: _t.Any, conn: _t.Any, digest: _t.Callable[[str], str] | None = None
) -> dict[str, _t.Any]:
    """Who and what the token is for, read from the plugin: no secrets.

    Plugins keep their options as attributes or in an ``opts`` dict; both
    are read, so the auth URL, the user and the scope always tell two
    clouds or identities apart.
    """
    parts: dict[str, _t.Any] = {"plugin": type(plugin).__name__}
    for depth, obj in enumerate(_plugins_within(plugin)):
        found = dict(vars(obj).get("opts") or {})
        found.update({k: v for k, v in vars(obj).items() if k in _IDENTITY_FIELDS})
        auth_url = getattr(obj, "auth_url", None)
        if isinstance(auth_url, str):
            found["auth_url"] = auth_url
        for field in _IDENTITY_FIELDS:
            value = found.get(field)
            if isinstance(value, (str, int, bool)):
                parts["%d.%s" % (depth, field)] = value
        for field in _SECRET_FIELDS if digest is not None else ():
            value = found.get(field, vars(obj).get(field))
            if isinstance(value, str) and value:
                parts["%d.%s.digest" % (depth, field)] = digest(value)
    config = getattr(conn, "config", None)
    for name in ("region_name", "interface"):
        parts[name] = getattr(config, name, None)
    return parts


def _plugins_within(plugin: _t.Any) -> list[_t.Any]:
    found = [plugin]
    inner = vars(plugin).get("_plugin")
    if inner is not None:
        found.append(inner)
    found.extend(m for m in vars(plugin).get("auth_methods", ()) if hasattr(m, "__dict__"))
    return found


def _restore(entry: dict[str, _t.Any], plugin: _t.Any, session: _t.Any) -> None:
    from stackclient import access, discover
    from stackclient.apiclient import exceptions
    from stackclient.shell import _cache

    try:
        ref = access.AccessInfo.from_json(entry.get("auth_ref") or "")
    except (exceptions.ClientException, ValueError, TypeError):
        return
    if ref.will_expire_soon(stale_duration=_cache.MIN_VALIDITY):
        return
    plugin.auth_ref = ref
    discover.cache_for(session).load(entry.get("discovery") or [])
    _refresh_on_missing_endpoint(plugin)


def _refresh_on_missing_endpoint(plugin: _t.Any) -> None:
    """Let a cached token's catalog be refreshed once when it lacks an endpoint.

    A cached token carries the catalog of the time it was issued: a service
    registered since is missing from it. The first EndpointNotFound drops
    the token and asks again with a new one; this happens before anything
    is sent to that service, so no request is repeated.
    """
    from stackclient.apiclient import exceptions

    original = plugin.get_endpoint
    refreshed = []

    def get_endpoint(session: _t.Any, **kwargs: _t.Any) -> _t.Any:
        try:
            return original(session, **kwargs)
        except exceptions.EndpointNotFound:
            if refreshed:
                raise
            refreshed.append(True)
            plugin.invalidate()
            return original(session, **kwargs)

    plugin.get_endpoint = get_endpoint


def _snapshot(plugin: _t.Any, session: _t.Any) -> dict[str, _t.Any] | None:
    from stackclient import discover

    ref = getattr(plugin, "auth_ref", None)
    if ref is None or not hasattr(ref, "to_json"):
        return None
    return {"auth_ref": ref.to_json(), "discovery": discover.cache_for(session).export()}


def _enable_timings(conn: _t.Any) -> None:
    http_client = getattr(getattr(conn, "session", None), "http_client", None)
    if http_client is not None:
        http_client.timings = True


def _configure_logging(args: argparse.Namespace) -> _t.Callable[[], None]:
    """Send stackclient's log to stderr at the level asked for; return the undo."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    root = logging.getLogger("stackclient")
    previous = root.level
    if getattr(args, "debug", False):
        level = logging.DEBUG
    elif getattr(args, "quiet", False):
        level = logging.ERROR
    elif getattr(args, "verbose", 0):
        level = logging.INFO
    else:
        level = logging.WARNING
    # On the handler too: a child logger set to DEBUG elsewhere in the
    # process (debug=True on a client) must not print past this level.
    handler.setLevel(level)
    root.addHandler(handler)
    root.setLevel(level)

    def undo() -> None:
        root.removeHandler(handler)
        root.setLevel(previous)

    return undo


def _report(error: BaseException, debug: bool) -> None:
    if debug:
        import traceback

        traceback.print_exc(file=sys.stderr)
    message = str(error).strip().replace("\n", " ") or type(error).__name__
    request_id = getattr(error, "request_id", None)
    if request_id and request_id not in message:
        message += " (request id: %s)" % request_id
    print("Error: %s" % message, file=sys.stderr)


def execute(command: _t.Any, args: argparse.Namespace, connection_factory: _t.Any = None) -> int:
    """Run ``command`` with ``args``; print its result; return the exit code."""
    undo_logging = _configure_logging(args)
    try:
        return _execute(command, args, connection_factory)
    finally:
        undo_logging()


def _execute(command: _t.Any, args: argparse.Namespace, connection_factory: _t.Any) -> int:
    from stackclient.apiclient import exceptions

    ctx = Context(args, connection_factory)
    try:
        result = command.take_action(ctx, args)
        options = _output.OutputOptions(
            getattr(args, "format", "table"),
            tuple(getattr(args, "column", ()) or ()),
            tuple(getattr(args, "sort_column", ()) or ()),
            getattr(args, "max_width", 0) or 0,
        )
        sys.stdout.write(_output.render(result, options))
        sys.stdout.flush()
    except exceptions.ClientException as error:
        if isinstance(error, exceptions.Unauthorized):
            ctx.drop_cache()
        _report(error, getattr(args, "debug", False))
        _finish(ctx, args, save=False)
        return 1
    _finish(ctx, args, save=True)
    return 0


def _finish(ctx: Context, args: argparse.Namespace, save: bool) -> None:
    if ctx._conn is None:
        return
    if save:
        ctx.save_cache()
    if getattr(args, "timing", False):
        ctx.print_timings()
