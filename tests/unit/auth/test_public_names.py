"""Every auth module's ``__all__`` lists exactly its public names."""

from __future__ import annotations

import importlib
import inspect

import testtools

MODULES = [
    "stackclient.apiclient.auth",
    "stackclient.auth",
    "stackclient.auth.base",
    "stackclient.auth.v2",
    "stackclient.auth.v3",
    "stackclient.auth.generic",
    "stackclient.auth.admin_token",
    "stackclient.auth.noauth",
    "stackclient.auth._discover",
]


class PublicNamesTest(testtools.TestCase):
    def test_all_matches_definitions(self):
        for name in MODULES:
            module = importlib.import_module(name)
            for exported in module.__all__:
                self.assertTrue(hasattr(module, exported), "%s.%s" % (name, exported))
            defined = {
                attr
                for attr, value in vars(module).items()
                if not attr.startswith("_")
                and (inspect.isclass(value) or inspect.isfunction(value))
                and value.__module__ == name
            }
            self.assertEqual(set(), defined - set(module.__all__), name)
