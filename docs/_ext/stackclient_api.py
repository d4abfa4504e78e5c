"""Sphinx directives that write the API reference from the package itself.

``.. api-modules:: stackclient.network.v2_0``
    a section per public module of the package (the package first, then
    ``client``, then the others by name), each with the module's docstring
    and an ``autoclass``/``autofunction``/``autodata`` for every name in
    its ``__all__``. A name defined in another public module is left to
    that module's section, so each object is documented once; names from
    private modules (``_v3.py``) are documented where they are exported.

``.. api-service-clients::``
    a section for every service client in
    ``stackclient.connection.SERVICE_CLIENTS`` that is installed (its
    service package, e.g. ``stackclient.network``, then the modules of the
    versioned package), so a new service appears in the reference without
    editing it.

Options of ``api-modules``: ``:only: a, b`` documents only those
submodules (names relative to the package) after the package;
``:no-package:`` leaves out the package's own section.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import pkgutil
import typing as _t

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

__all__ = ["public_modules", "setup"]


def _public(name: str) -> bool:
    return not any(part.startswith("_") for part in name.split("."))


def public_modules(package: str) -> list[str]:
    """The package and its public submodules (not recursive): package, client, others."""
    module = importlib.import_module(package)
    names = [package]
    if hasattr(module, "__path__"):
        found = sorted(
            info.name
            for info in pkgutil.iter_modules(module.__path__, package + ".")
            if _public(info.name)
        )
        client = package + ".client"
        names += ([client] if client in found else []) + [n for n in found if n != client]
    return names


def _installed(package: str) -> bool:
    try:
        return importlib.util.find_spec(package) is not None
    except ModuleNotFoundError:
        return False


def _exported(module: _t.Any) -> list[str]:
    names = getattr(module, "__all__", None)
    if names is None:
        names = [
            n for n, v in vars(module).items() if getattr(v, "__module__", None) == module.__name__
        ]
    return [n for n in names if not n.startswith("_") or n == "__version__"]


def _home(obj: object) -> str | None:
    """The module that defines ``obj`` when it is a class or function."""
    if inspect.isclass(obj) or inspect.isfunction(obj):
        return getattr(obj, "__module__", None)
    return None


def _entry(module: _t.Any, name: str) -> list[str]:
    obj = getattr(module, name)
    home = _home(obj)
    if home and home != module.__name__ and _public(home) and home.startswith("stackclient"):
        return []  # documented in its own module's section
    target = "%s.%s" % (module.__name__, name)
    if inspect.isclass(obj):
        kind = "autoexception" if issubclass(obj, BaseException) else "autoclass"
        return [".. %s:: %s" % (kind, target), "   :members:", "   :show-inheritance:", ""]
    if inspect.isfunction(obj):
        return [".. autofunction:: %s" % target, ""]
    return [".. autodata:: %s" % target, "   :no-value:", ""]


def _module_rst(name: str, underline: str) -> list[str]:
    module = importlib.import_module(name)
    lines = [name, underline * len(name), "", ".. automodule:: %s" % name, "   :no-members:", ""]
    for export in _exported(module):
        lines += _entry(module, export)
    return lines


class _Generated(SphinxDirective):
    """Parse generated reST (with section titles) in place of the directive."""

    def _parse(self, lines: list[str]) -> list[nodes.Node]:
        content = StringList()
        source = self.get_source_info()[0] or "<api>"
        for number, line in enumerate(lines):
            content.append(line, source, number)
        node = nodes.section()
        node.document = self.state.document
        nested_parse_with_titles(self.state, content, node)
        return list(node.children)


class ApiModules(_Generated):
    """``.. api-modules:: package``: the reference of a package's public modules."""

    required_arguments = 1
    option_spec: _t.ClassVar[dict[str, _t.Any]] = {
        "only": directives.unchanged,
        "no-package": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        package = self.arguments[0]
        names = public_modules(package)
        if "only" in self.options:
            wanted = {package + "." + n.strip() for n in self.options["only"].split(",")}
            names = names[:1] + [n for n in names if n in wanted]
        if "no-package" in self.options:
            names = names[1:]
        lines: list[str] = []
        for name in names:
            lines += _module_rst(name, "-")
        return self._parse(lines)


class ApiServiceClients(_Generated):
    """``.. api-service-clients::``: every installed service client's package."""

    def run(self) -> list[nodes.Node]:
        from stackclient import connection

        lines: list[str] = []
        for service_type, target in connection.SERVICE_CLIENTS.items():
            package = target.split(":")[0].rsplit(".", 1)[0]
            if service_type == "identity" or not _installed(package):
                continue
            parent = package.rsplit(".", 1)[0]
            title = "%s (``%s``)" % (service_type, parent)
            lines += [title, "-" * len(title), ""]
            for name in [parent, *public_modules(package)]:
                lines += _module_rst(name, "~")
        return self._parse(lines)


def setup(app: _t.Any) -> dict[str, _t.Any]:
    app.add_directive("api-modules", ApiModules)
    app.add_directive("api-service-clients", ApiServiceClients)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
