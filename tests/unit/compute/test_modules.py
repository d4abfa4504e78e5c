"""Every compute module says what it exports, and the client loads managers on first use."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import testtools

import stackclient.compute.v2 as package


def _modules():
    for info in pkgutil.iter_modules(package.__path__):
        yield importlib.import_module("%s.%s" % (package.__name__, info.name))


class TestModules(testtools.TestCase):
    def test_all_names_exactly_the_public_definitions(self):
        for module in _modules():
            defined = {
                name
                for name, value in vars(module).items()
                if not name.startswith("_")
                and getattr(value, "__module__", None) == module.__name__
                and callable(value)
            }
            exported = {name for name in module.__all__ if not name.isupper()}
            self.assertEqual(defined, exported, module.__name__)
            for name in module.__all__:
                self.assertTrue(hasattr(module, name), "%s.%s" % (module.__name__, name))

    def test_the_client_imports_a_manager_module_only_when_it_is_used(self):
        code = (
            "import sys\n"
            "from stackclient.compute.v2 import client\n"
            "assert 'stackclient.compute.v2.servers' not in sys.modules\n"
            "assert 'stackclient.compute.v2.flavors' not in sys.modules\n"
            "print('ok')\n"
        )
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        self.assertEqual("ok", done.stdout.strip(), done.stderr)
