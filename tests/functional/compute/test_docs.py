"""docs/compute.rst: its examples run, in order, against the local cloud."""

from __future__ import annotations

import re
import typing as _t
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[3] / "docs" / "compute.rst"


def code_blocks(text: str) -> list[str]:
    """The ``.. code-block:: python`` blocks of an RST text, dedented."""
    blocks = []
    for match in re.finditer(r"\.\. code-block:: python\n\n((?:    .*\n|\n)+)", text):
        lines = match.group(1).rstrip("\n").splitlines()
        blocks.append("\n".join(line[4:] for line in lines) + "\n")
    return blocks


def test_the_compute_guide_runs(cloud: dict[str, _t.Any], monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("STACKCLIENT_CLOUD_JSON", str(Path(cloud["state_dir"]) / "cloud.json"))
    blocks = code_blocks(DOC.read_text())
    assert len(blocks) >= 8
    namespace: dict[str, _t.Any] = {"__name__": "compute_guide"}
    for number, block in enumerate(blocks, 1):
        exec(compile(block, "%s block %d" % (DOC.name, number), "exec"), namespace)  # noqa: S102
