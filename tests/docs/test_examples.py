"""How the documentation's examples are read: blocks, commands, expected exit codes."""

from __future__ import annotations

from pathlib import Path

from tests.docs import examples

PAGE = """\
Title
=====

.. code-block:: python

    import os

    if True:
        x = 1

Text.

.. code-block:: python
   :caption: with an option

   y = x + 1

.. not run: needs a second cloud

.. code-block:: console

    $ python3 tools/cloud.py start

.. code-block:: console

    $ stack project list \\
        -f value
    admin
    $ stack project show nope
    Error: No project with a name or ID of 'nope' exists.
    $ stack project
    usage: stack project <verb> ...

.. code-block:: yaml

    clouds: {}
"""


def test_blocks_in_order_with_their_first_line_and_the_not_run_mark() -> None:
    blocks = examples.blocks_of(PAGE)
    assert [(b.language, b.line, b.run) for b in blocks] == [
        ("python", 6, True),
        ("python", 16, True),
        ("console", 22, False),
        ("console", 26, True),
    ]
    assert blocks[0].text == "import os\n\nif True:\n    x = 1\n"
    assert blocks[1].text == "y = x + 1\n"


def test_console_commands_with_continuations_and_the_exit_status_their_output_shows() -> None:
    commands = examples.commands_of(examples.blocks_of(PAGE)[3])
    assert [c.command for c in commands] == [
        "stack project list \\\n    -f value",
        "stack project show nope",
        "stack project",
    ]
    assert [c.line for c in commands] == [26, 29, 31]
    assert [examples.expected_status(c) for c in commands] == [0, 1, 2]


def test_python_examples_fail_with_the_pages_name_and_line(tmp_path: Path) -> None:
    page = tmp_path / "page.rst"
    page.write_text(".. code-block:: python\n\n    a = 1\n    assert a == 2\n")
    block = examples.blocks_of(page.read_text())[0]
    try:
        examples._run_python(page, block, {})
    except AssertionError as error:
        assert error.__traceback__ is not None
        frames = []
        tb = error.__traceback__
        while tb is not None:
            frames.append((tb.tb_frame.f_code.co_filename, tb.tb_lineno))
            tb = tb.tb_next
        assert (str(page), 4) in frames
    else:
        raise AssertionError("the failing example passed")


def test_the_guides_are_found() -> None:
    names = {p.name for p in examples.pages_with_examples()}
    assert {"image.rst", "network.rst", "block_storage.rst"} <= names
