"""Regular expressions compiled on their first use instead of at import.

Compiling a pattern runs the ``re`` parser and compiler in Python: the
nine patterns on the import path of the identity client cost about 1.5 ms,
a seventh of what ``import stackclient.v3.client`` adds to ``import
requests``, and most programs never use the ones that mask log output or
read odd timestamps. A :class:`Pattern` has the methods of a compiled
pattern that this package uses.
"""

from __future__ import annotations

import re
import typing as _t

__all__ = ["Pattern"]


class Pattern:
    """``re.compile(source, flags)``, done when a method is first called."""

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source = source
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if it was not yet)."""
        compiled = self._compiled
        if compiled is None:
            # Two threads may both compile: they get equal patterns.
            compiled = self._compiled = re.compile(self._source, self._flags)
        return compiled

    @property
    def pattern(self) -> str:
        return self._source

    def search(self, *args: _t.Any) -> re.Match[str] | None:
        return self.compiled.search(*args)

    def match(self, *args: _t.Any) -> re.Match[str] | None:
        return self.compiled.match(*args)

    def fullmatch(self, *args: _t.Any) -> re.Match[str] | None:
        return self.compiled.fullmatch(*args)

    def finditer(self, *args: _t.Any) -> _t.Iterator[re.Match[str]]:
        return self.compiled.finditer(*args)

    def sub(self, *args: _t.Any) -> str:
        return self.compiled.sub(*args)

    def __repr__(self) -> str:
        return "Pattern(%r)" % self._source
