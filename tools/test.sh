#!/usr/bin/env bash
# Install what the test suite needs and run all of it: lint, unit tests and
# functional tests against a real Keystone started on 127.0.0.1.
#
# The project goes into .venvs/dev (editable, with its "test" extra);
# Keystone goes into its own virtualenv, .venvs/keystone. Extra arguments
# are passed to pytest, e.g. `tools/test.sh tests/unit -x`.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=${STACKCLIENT_VENV:-.venvs/dev}

if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e '.[test]'
"$PYTHON" tools/keystone_server.py ensure-venv

"$VENV/bin/ruff" check .
"$VENV/bin/ruff" format --check .
"$VENV/bin/python" -m pytest "${@:-tests}"
