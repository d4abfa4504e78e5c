"""The examples of docs/object_store.rst run, in order, against the real Swift."""

from __future__ import annotations

import json
import re
import typing as _t
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[3] / "docs" / "object_store.rst"
_BLOCK = re.compile(r"\.\. code-block:: python\n\n((?:    .*\n|\n)+)")


def test_the_documented_examples_run(
    cloud: dict[str, _t.Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "cloud.json"
    config.write_text(json.dumps(cloud))
    monkeypatch.setenv("STACKCLIENT_CLOUD_JSON", str(config))
    blocks = _BLOCK.findall(DOC.read_text())
    assert len(blocks) >= 8
    code = "\n".join("\n".join(line[4:] for line in block.splitlines()) for block in blocks)
    exec(compile(code, str(DOC), "exec"), {"__name__": "object_store_docs"})  # noqa: S102
