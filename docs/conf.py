"""Sphinx configuration of stackclient's documentation.

Build it with ``sphinx-build -W docs docs/_build/html`` (Sphinx is in the
``test`` extra); the test suite builds it the same way, warnings as errors
(``tests/docs/test_build.py``).
"""

from __future__ import annotations

import os
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(_HERE))  # the checkout's package, for autodoc
sys.path.insert(0, os.path.join(_HERE, "_ext"))

import stackclient  # noqa: E402

project = "stackclient"
author = "The stackclient authors"
copyright = "the stackclient authors"  # noqa: A001 - Sphinx's name
version = release = stackclient.__version__

extensions = ["sphinx.ext.autodoc", "stackclient_api"]
root_doc = "index"
exclude_patterns = ["_build", "_ext"]
templates_path: list[str] = []

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_inherit_docstrings = False

html_theme = "alabaster"
html_theme_options = {"description": "A small, fast, dependable client family for OpenStack"}
html_static_path: list[str] = []
html_show_sourcelink = False
