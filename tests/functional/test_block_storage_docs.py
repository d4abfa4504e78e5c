"""docs/block_storage.rst: its examples run, in order, against the local cloud."""

from __future__ import annotations

import typing as _t
from pathlib import Path

import pytest

from tests.functional.test_image_docs import code_blocks

DOC = Path(__file__).resolve().parents[2] / "docs" / "block_storage.rst"


def test_the_block_storage_guide_runs(
    cloud: dict[str, _t.Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STACKCLIENT_CLOUD_JSON", str(Path(cloud["state_dir"]) / "cloud.json"))
    blocks = code_blocks(DOC.read_text())
    assert len(blocks) >= 12
    namespace: dict[str, _t.Any] = {"__name__": "block_storage_guide"}
    for number, block in enumerate(blocks, 1):
        exec(compile(block, "%s block %d" % (DOC.name, number), "exec"), namespace)  # noqa: S102
