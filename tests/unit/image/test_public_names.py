"""Every image module's (and the streams module's) ``__all__`` lists exactly its public names."""

from __future__ import annotations

import importlib
import inspect

import testtools

MODULES = [
    "stackclient.apiclient.streams",
    "stackclient.apiclient._hashing",
    "stackclient.image.v2.client",
    "stackclient.image.v2.images",
    "stackclient.image.v2.members",
    "stackclient.image.v2.info",
    "stackclient.image.v2._transfer",
    "stackclient.image.v2._imports",
    "stackclient.image.v2._patch",
    "stackclient.image.v2._filters",
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
