"""Patterns compiled on first use behave as compiled ones."""

from __future__ import annotations

import re

from stackclient import _lazyre


def test_compiled_only_when_first_used():
    pattern = _lazyre.Pattern(r"(?i)a(b+)")
    assert pattern._compiled is None
    assert pattern.search("xABb").group(1) == "Bb"
    assert isinstance(pattern._compiled, re.Pattern)
    assert pattern.compiled is pattern._compiled


def test_methods_match_re():
    source, text = r"(\w)=(\d)", "a=1 b=2 c"
    lazy, plain = _lazyre.Pattern(source), re.compile(source)
    assert lazy.match(text).groups() == plain.match(text).groups()
    assert lazy.fullmatch("a=1").group(0) == "a=1"
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert lazy.sub(r"\2", text) == plain.sub(r"\2", text)
    assert lazy.search(text, 2).span() == plain.search(text, 2).span()
    assert lazy.pattern == source and "Pattern(" in repr(lazy)


def test_modules_on_the_import_path_compile_nothing_at_import():
    from stackclient import _masking, _send_errors
    from stackclient.access import _dates

    for module in (_masking, _send_errors, _dates):
        for value in vars(module).values():
            assert not isinstance(value, re.Pattern), module.__name__
