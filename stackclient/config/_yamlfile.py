"""Read a YAML document together with the line of every mapping key.

PyYAML is imported here, and this module is only imported when a YAML
file is actually read. The document is composed into nodes (which carry
their position) and built into plain dicts, lists and scalars by walking
the nodes, so each key's line can be recorded on the way; scalars are
typed by PyYAML's safe constructor, merge keys (``<<``) and aliases work
as in ``yaml.safe_load``.
"""

from __future__ import annotations

import typing as _t

import yaml

from stackclient.apiclient import exceptions

__all__ = ["load"]

Lines = dict[tuple[str, ...], int]

_Loader: _t.Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(text: str, path: str) -> tuple[_t.Any, Lines]:
    """Return ``(data, lines)``: the document and ``{key path: 1-based line}``.

    A syntax error raises :class:`ConfigException` naming ``path`` and the line.
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        lines: Lines = {}
        data = None if node is None else _build(loader, node, (), lines)
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(path, error) from None
    except yaml.YAMLError as error:
        raise exceptions.ConfigException(
            "%s is not valid YAML: %s; fix the file or remove it" % (path, error)
        ) from None
    finally:
        loader.dispose()
    return data, lines


def _syntax_error(path: str, error: yaml.MarkedYAMLError) -> exceptions.ConfigException:
    mark = error.problem_mark or error.context_mark
    where = ", line %d column %d" % (mark.line + 1, mark.column + 1) if mark else ""
    what = " ".join(part for part in (error.context, error.problem) if part)
    return exceptions.ConfigException(
        "%s%s is not valid YAML: %s; fix the file or remove it" % (path, where, what)
    )


def _build(loader: _t.Any, node: _t.Any, path: tuple[str, ...], lines: Lines) -> _t.Any:
    if isinstance(node, yaml.MappingNode):
        return _build_mapping(loader, node, path, lines)
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, (*path, str(i)), lines) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def _build_mapping(
    loader: _t.Any, node: yaml.MappingNode, path: tuple[str, ...], lines: Lines
) -> dict[_t.Any, _t.Any]:
    loader.flatten_mapping(node)
    result: dict[_t.Any, _t.Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, _t.Hashable):
            raise yaml.constructor.ConstructorError(
                None, None, "found an unhashable key", key_node.start_mark
            )
        key_path = (*path, str(key))
        lines[key_path] = key_node.start_mark.line + 1
        result[key] = _build(loader, value_node, key_path, lines)
    return result
