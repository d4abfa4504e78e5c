#!/usr/bin/env python3
"""Measure how much of python-keystoneclient's own test suite stackclient passes.

python-keystoneclient ships its unit tests inside the package
(``keystoneclient/tests/unit``). This script runs the Identity v2.0 and v3
ones with keystoneclient's public modules replaced by stackclient's
(``keystoneclient.v3.client`` is ``stackclient.v3.client``,
``keystoneclient.exceptions`` is ``stackclient.exceptions`` ...; see
``MODULE_MAP``), which is what a user who switches imports gets, and
reports the pass rate. Test helpers and the modules stackclient has no
counterpart for (``keystoneclient.auth``, ``httpclient``, ``contrib``
federation and OAuth1 ...) stay keystoneclient's own.

Each run executes the tests twice, each in its own interpreter: once as
keystoneclient ships them (the control) and once mapped. The pass rate
counts the tests that pass in the control (some need files the package
does not ship) outside ``OUT_OF_SCOPE``, the test modules of
keystoneclient's ``contrib`` APIs that stackclient does not implement
(federation, OAuth1, endpoint policy ...); the rate over all of them is
printed too.

It is a measurement, not part of the test suite: some of
keystoneclient's tests check its internals or behaviour stackclient
differs from on purpose (docs/keystoneclient-compat.rst).

Usage::

    python3 tools/keystoneclient_compat.py ensure-venv   # builds .venvs/kscompat
    .venvs/kscompat/bin/python tools/keystoneclient_compat.py run [--failures] [--json FILE]

``run`` needs python-keystoneclient 6.0 with its test requirements and
stackclient importable, which is what ``ensure-venv`` installs.
"""

from __future__ import annotations

import argparse
import collections
import importlib
import json
import subprocess
import sys
import time
import traceback
import unittest
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_VENV = REPO_ROOT / ".venvs" / "kscompat"
REQUIREMENTS = (
    "python-keystoneclient==6.0.0",
    "keystoneauth1",
    "requests-mock",
    "testtools",
    "testscenarios",
    "testresources",
    "fixtures",
    "oslotest",
    "lxml",
    "oauthlib",
)
#: Test modules for APIs stackclient does not implement (keystoneclient's
#: ``contrib`` extensions): reported, but not counted in the pass rate.
OUT_OF_SCOPE = frozenset(
    {
        "test_auth_oidc",  # OpenID Connect auth plugin
        "test_auth_saml2",  # SAML2/ADFS auth plugins
        "test_endpoint_policy",  # OS-ENDPOINT-POLICY
        "test_federation",  # OS-FEDERATION
        "test_oauth1",  # OS-OAUTH1
        "test_simple_cert",  # OS-SIMPLE-CERT
    }
)
#: The keystoneclient test packages measured.
TEST_PACKAGES = ("keystoneclient.tests.unit.v2_0", "keystoneclient.tests.unit.v3")

_V2_MODULES = (
    "certificates",
    "client",
    "ec2",
    "endpoints",
    "extensions",
    "roles",
    "services",
    "tenants",
    "tokens",
    "users",
)
_V3_MODULES = (
    "access_rules",
    "application_credentials",
    "auth",
    "client",
    "credentials",
    "domain_configs",
    "domains",
    "ec2",
    "endpoint_groups",
    "endpoints",
    "groups",
    "limits",
    "policies",
    "projects",
    "regions",
    "registered_limits",
    "role_assignments",
    "roles",
    "services",
    "tokens",
    "users",
)

#: keystoneclient module -> the stackclient module a switching user imports.
MODULE_MAP: dict[str, str] = {
    "keystoneclient.exceptions": "stackclient.exceptions",
    "keystoneclient.access": "stackclient.access",
    "keystoneclient.service_catalog": "stackclient.service_catalog",
    "keystoneclient.v3.contrib.endpoint_filter": "stackclient.v3.endpoint_filter",
    "keystoneclient.v3.contrib.trusts": "stackclient.v3.trusts",
    **{"keystoneclient.v2_0.%s" % m: "stackclient.v2_0.%s" % m for m in _V2_MODULES},
    **{"keystoneclient.v3.%s" % m: "stackclient.v3.%s" % m for m in _V3_MODULES},
}


def install_mapping() -> None:
    """Make every ``MODULE_MAP`` key import as its stackclient module.

    Must run before anything imports keystoneclient: the mapped modules
    are put in ``sys.modules`` first, so keystoneclient's own packages
    (``keystoneclient.v3``'s ``from keystoneclient.v3.client import
    Client``) pick them up too.
    """
    if any(name.startswith("keystoneclient") for name in sys.modules):
        raise SystemExit("install_mapping() must run before keystoneclient is imported")
    for ksc_name, ours in MODULE_MAP.items():
        sys.modules[ksc_name] = importlib.import_module(ours)
    for ksc_name in MODULE_MAP:
        parent, _, leaf = ksc_name.rpartition(".")
        setattr(importlib.import_module(parent), leaf, sys.modules[ksc_name])


def load_suite(substring: str | None) -> unittest.TestSuite:
    """Every test of ``TEST_PACKAGES``, one test per scenario."""
    import testscenarios

    loader = unittest.TestLoader()
    suite = unittest.TestSuite()
    for package in TEST_PACKAGES:
        path = Path(importlib.import_module(package).__file__).parent
        top = path.parents[len(package.split(".")) - 1]
        suite.addTests(loader.discover(str(path), pattern="test_*.py", top_level_dir=str(top)))
    tests = list(testscenarios.generate_scenarios(suite))
    if substring:
        tests = [t for t in tests if substring in t.id()]
    return unittest.TestSuite(tests)


class _Result(unittest.TestResult):
    """Records one outcome per test id."""

    def __init__(self) -> None:
        super().__init__()
        self.outcomes: dict[str, tuple[str, str]] = {}

    def addSuccess(self, test: Any) -> None:  # noqa: N802 - unittest's names
        self.outcomes[test.id()] = ("pass", "")

    def addError(self, test: Any, err: Any) -> None:  # noqa: N802
        self.outcomes[test.id()] = ("error", _last_line(err))

    def addFailure(self, test: Any, err: Any) -> None:  # noqa: N802
        self.outcomes[test.id()] = ("fail", _last_line(err))

    def addSkip(self, test: Any, reason: str) -> None:  # noqa: N802
        self.outcomes[test.id()] = ("skip", reason)

    def addExpectedFailure(self, test: Any, err: Any) -> None:  # noqa: N802
        self.outcomes[test.id()] = ("pass", "expected failure")

    def addUnexpectedSuccess(self, test: Any) -> None:  # noqa: N802
        self.outcomes[test.id()] = ("fail", "unexpected success")


def _last_line(err: Any) -> str:
    lines = "".join(traceback.format_exception(*err)).strip().splitlines()
    return lines[-1][:300] if lines else ""


def _run_one(args: argparse.Namespace) -> int:
    """Run the tests in this process (one mapping) and write every outcome as JSON."""
    if not args.native:
        install_mapping()
    suite = load_suite(args.k)
    result = _Result()
    suite.run(result)
    Path(args.json).write_text(json.dumps(result.outcomes))
    return 0


def _outcomes(native: bool, substring: str | None, workdir: Path) -> dict[str, list[str]]:
    """Run the tests in a fresh interpreter (mapping or not) and return the outcomes."""
    out = workdir / ("native.json" if native else "stackclient.json")
    command = [sys.executable, "-W", "ignore", __file__, "_one", "--json", str(out)]
    command += ["--native"] if native else []
    command += ["-k", substring] if substring else []
    done = subprocess.run(command, stderr=subprocess.PIPE, text=True)
    if done.returncode:
        raise SystemExit("%s failed:\n%s" % (" ".join(command), done.stderr[-4000:]))
    return json.loads(out.read_text())


def _in_scope(test_id: str) -> bool:
    return test_id.split(".")[4] not in OUT_OF_SCOPE


def compare(native: dict[str, list[str]], mapped: dict[str, list[str]]) -> dict[str, Any]:
    """The pass rate over the tests keystoneclient itself passes, and what failed."""
    measured = sorted(t for t, (kind, _) in native.items() if kind == "pass" and _in_scope(t))
    failing = {t: mapped.get(t, ["missing", ""]) for t in measured}
    failing = {t: o for t, o in failing.items() if o[0] != "pass"}
    passed = len(measured) - len(failing)
    everything = [t for t, (kind, _) in native.items() if kind == "pass"]
    passed_all = sum(1 for t in everything if mapped.get(t, [""])[0] == "pass")
    return {
        "measured": len(measured),
        "passed": passed,
        "pass_rate": round(100.0 * passed / len(measured), 1) if measured else 0.0,
        "all_native_passes": len(everything),
        "passed_of_all": passed_all,
        "failing": failing,
        "by_class": dict(collections.Counter(".".join(t.split(".")[4:6]) for t in failing)),
    }


def run(args: argparse.Namespace) -> int:
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    summary = compare(_outcomes(True, args.k, workdir), _outcomes(False, args.k, workdir))
    if args.failures:
        for test_id, (kind, why) in summary["failing"].items():
            print("%-5s %s\n      %s" % (kind, test_id, why))
        for name, count in sorted(summary["by_class"].items(), key=lambda i: -i[1]):
            print("%4d  %s" % (count, name))
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=1, sort_keys=True))
    print(
        "stackclient passes %(passed)d of the %(measured)d in-scope tests "
        "keystoneclient passes itself: %(pass_rate).1f%%" % summary
    )
    print(
        "(all v2_0/v3 modules, federation/OAuth1/endpoint-policy included: "
        "%(passed_of_all)d of %(all_native_passes)d; %(seconds).0f s)"
        % dict(summary, seconds=time.monotonic() - started)
    )
    return 0


def ensure_venv(args: argparse.Namespace) -> int:
    venv = Path(args.venv)
    if not (venv / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    subprocess.run(pip + list(REQUIREMENTS) + ["-e", str(REPO_ROOT)], check=True)
    print(venv / "bin" / "python")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run_p = sub.add_parser("run", help="run keystoneclient's v2_0/v3 unit tests, both ways")
    run_p.add_argument("--failures", action="store_true", help="list each failing test")
    run_p.add_argument("--json", help="write the summary and every failure to this file")
    run_p.add_argument("-k", help="only tests whose id contains this text")
    run_p.add_argument("--workdir", default=str(REPO_ROOT / ".state" / "kscompat"))
    run_p.set_defaults(func=run)
    one_p = sub.add_parser("_one")  # one interpreter, one mapping (used by run)
    one_p.add_argument("--native", action="store_true")
    one_p.add_argument("--json", required=True)
    one_p.add_argument("-k")
    one_p.set_defaults(func=_run_one)
    venv_p = sub.add_parser("ensure-venv", help="build an environment that can run them")
    venv_p.add_argument("--venv", default=str(DEFAULT_VENV))
    venv_p.set_defaults(func=ensure_venv)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
