"""Every object-store module's ``__all__`` lists exactly its public names."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import testtools

import stackclient.object_store.v1 as package


class PublicNamesTest(testtools.TestCase):
    def test_all_matches_definitions(self):
        for info in pkgutil.iter_modules(package.__path__):
            name = "%s.%s" % (package.__name__, info.name)
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
