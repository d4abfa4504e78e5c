"""The stackclient exception tree (the same classes as apiclient.exceptions).

``from stackclient import exceptions`` is the import python-keystoneclient
users know; every name here is the very class defined in
:mod:`stackclient.apiclient.exceptions`, so ``except`` clauses written
against either module catch the same errors.
"""

from __future__ import annotations

from stackclient.apiclient.exceptions import *  # noqa: F403
from stackclient.apiclient.exceptions import __all__  # noqa: F401
