"""The documentation builds with Sphinx, warnings as errors, and leaves out no module.

This is ``sphinx-build -W --keep-going -b dummy docs <tmp>`` run in this
process: every page is read and every reference resolved (the ``dummy``
builder writes no files, which keeps the test to seconds). Build the HTML
with ``sphinx-build -W docs docs/_build/html``.
"""

from __future__ import annotations

import io
import pkgutil

import pytest

import stackclient
from tests.docs.examples import DOCS

sphinx_application = pytest.importorskip("sphinx.application")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, str]:
    from sphinx.util import console

    console.nocolor()
    out = tmp_path_factory.mktemp("docs")
    warnings = io.StringIO()
    app = sphinx_application.Sphinx(
        str(DOCS), str(DOCS), str(out / "dummy"), str(out / "doctrees"), "dummy",
        status=io.StringIO(), warning=warnings, freshenv=True,
    )  # fmt: skip
    app.build()
    return app, warnings.getvalue()


def test_sphinx_builds_the_docs_without_a_warning(built: tuple[object, str]) -> None:
    _, warnings = built
    assert warnings == "", "sphinx-build -W would fail:\n" + warnings


def test_every_public_module_is_in_the_api_reference(built: tuple[object, str]) -> None:
    app, _ = built
    documented = set(app.env.get_domain("py").modules)  # type: ignore[attr-defined]
    public = {
        info.name
        for info in pkgutil.walk_packages(stackclient.__path__, "stackclient.")
        if not any(part.startswith("_") for part in info.name.split("."))
        and not info.name.startswith("stackclient.shell")
    }
    missing = sorted(public - documented)
    assert not missing, "add these modules to a page under docs/reference/: %s" % missing
