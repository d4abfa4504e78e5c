"""Property-based fuzzing of the whole client: zero exceptions outside ClientException.

Hypothesis draws what a hostile or broken server answers (see
``strategies.py``) and the suite checks that every manager verb of the
Identity v2.0 and v3 clients, and every auth plugin through each of its
faces, either returns or raises a ``ClientException`` -- with DEBUG
logging on and off, against requests-mock and against a real loopback
socket server that breaks HTTP framing. The run-wide log guard
(``tests/conftest.py``) checks afterwards that no secret reached the log.

CI runs the ``ci`` profile: a fixed seed (``derandomize``) and a few
hundred examples per test, in well under a minute. A longer run, with
fresh random seeds::

    STACKCLIENT_FUZZ_PROFILE=deep STACKCLIENT_FUZZ_EXAMPLES=20000 \\
        python -m pytest -q tests/fuzz -p no:cacheprovider
"""
