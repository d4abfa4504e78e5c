"""Every documentation page's examples run, in order, against the local cloud.

The pages are found, not listed: a new guide under ``docs/`` is run as soon
as it has a ``python`` or ``console`` block (see ``tests/docs/examples.py``
for what runs and how a block is left out).
"""

from __future__ import annotations

import typing as _t
from pathlib import Path

import pytest

from tests.docs import examples

PAGES = examples.pages_with_examples()


@pytest.mark.parametrize(
    "page", PAGES, ids=[p.relative_to(examples.DOCS).as_posix() for p in PAGES]
)
def test_the_pages_examples_run(
    page: Path, cloud: dict[str, _t.Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert examples.run_page(page, cloud, tmp_path, monkeypatch) > 0
