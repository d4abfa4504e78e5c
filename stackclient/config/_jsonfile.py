"""Read a JSON document together with the line of every object key.

The standard ``json`` module does not say where a key was, so objects and
arrays are walked here, and strings, numbers and literals are decoded by
``json``'s own scanners. Configuration files are small; this costs
nothing that matters.
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner
import re
import typing as _t

from stackclient.apiclient import exceptions

__all__ = ["load"]

Lines = dict[tuple[str, ...], int]

_SPACE = re.compile(r"[ \t\n\r]*")
_LITERALS = (("true", True), ("false", False), ("null", None))


class _Syntax(Exception):
    def __init__(self, message: str, pos: int) -> None:
        super().__init__(message)
        self.pos = pos


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.lines: Lines = {}

    def line_of(self, pos: int) -> int:
        return self.text.count("\n", 0, pos) + 1

    def skip(self, pos: int) -> int:
        return _SPACE.match(self.text, pos).end()  # type: ignore[union-attr]

    def value(self, pos: int, path: tuple[str, ...]) -> tuple[_t.Any, int]:
        pos = self.skip(pos)
        char = self.text[pos : pos + 1]
        if char == "{":
            return self.object(pos + 1, path)
        if char == "[":
            return self.array(pos + 1, path)
        if char == '"':
            return self.string(pos)
        return self.scalar(pos)

    def string(self, pos: int) -> tuple[str, int]:
        try:
            return json.decoder.scanstring(self.text, pos + 1, True)
        except json.JSONDecodeError as error:
            raise _Syntax(error.msg, error.pos) from None

    def scalar(self, pos: int) -> tuple[_t.Any, int]:
        for word, value in _LITERALS:
            if self.text.startswith(word, pos):
                return value, pos + len(word)
        match = json.scanner.NUMBER_RE.match(self.text, pos)
        if match is None:
            raise _Syntax("Expecting value", pos)
        integer, fraction, exponent = match.groups()
        if fraction or exponent:
            return float(integer + (fraction or "") + (exponent or "")), match.end()
        return int(integer), match.end()

    def array(self, pos: int, path: tuple[str, ...]) -> tuple[list[_t.Any], int]:
        items: list[_t.Any] = []
        pos = self.skip(pos)
        if self.text.startswith("]", pos):
            return items, pos + 1
        while True:
            item, pos = self.value(pos, (*path, str(len(items))))
            items.append(item)
            pos = self.skip(pos)
            if self.text.startswith("]", pos):
                return items, pos + 1
            pos = self.expect(",", pos, "Expecting ',' delimiter")

    def object(self, pos: int, path: tuple[str, ...]) -> tuple[dict[str, _t.Any], int]:
        result: dict[str, _t.Any] = {}
        pos = self.skip(pos)
        if self.text.startswith("}", pos):
            return result, pos + 1
        while True:
            if not self.text.startswith('"', pos):
                raise _Syntax("Expecting property name enclosed in double quotes", pos)
            key_line = self.line_of(pos)
            key, pos = self.string(pos)
            pos = self.expect(":", self.skip(pos), "Expecting ':' delimiter")
            self.lines[(*path, key)] = key_line
            result[key], pos = self.value(pos, (*path, key))
            pos = self.skip(pos)
            if self.text.startswith("}", pos):
                return result, pos + 1
            pos = self.skip(self.expect(",", pos, "Expecting ',' delimiter"))

    def expect(self, char: str, pos: int, message: str) -> int:
        if not self.text.startswith(char, pos):
            raise _Syntax(message, pos)
        return pos + 1


def load(text: str, path: str) -> tuple[_t.Any, Lines]:
    """Return ``(data, lines)``: the document and ``{key path: 1-based line}``.

    A syntax error raises :class:`ConfigException` naming ``path`` and the line.
    """
    reader = _Reader(text)
    try:
        data, end = reader.value(0, ())
        end = reader.skip(end)
        if end != len(text):
            raise _Syntax("Extra data", end)
    except _Syntax as error:
        line = reader.line_of(error.pos)
        column = error.pos - text.rfind("\n", 0, error.pos)
        raise exceptions.ConfigException(
            "%s, line %d column %d is not valid JSON: %s; fix the file or remove it"
            % (path, line, column, error)
        ) from None
    return data, reader.lines
