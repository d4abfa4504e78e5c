"""Hypothesis profiles for the fuzz suite: ``ci`` (fixed seed, the default) and ``deep``."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]

#: Examples per test in CI, chosen so that the whole fuzz suite stays well
#: under a minute on two busy cores; the seed is fixed, so CI is repeatable.
CI_EXAMPLES = 300

settings.register_profile(
    "ci",
    derandomize=True,
    max_examples=CI_EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=_QUIET,
    print_blob=True,
)
settings.register_profile(
    "deep",
    max_examples=int(os.environ.get("STACKCLIENT_FUZZ_EXAMPLES", "20000")),
    deadline=None,
    database=None,
    suppress_health_check=_QUIET,
    print_blob=True,
)
settings.load_profile(os.environ.get("STACKCLIENT_FUZZ_PROFILE", "ci"))


def pytest_terminal_summary(terminalreporter: object) -> None:
    """Say how many fuzz examples ran, per test family."""
    from tests.fuzz import _harness

    if _harness.COUNTS:
        counts = ", ".join("%s %d" % item for item in sorted(_harness.COUNTS.items()))
        terminalreporter.write_line("fuzz calls made: %s" % counts)  # type: ignore[attr-defined]
