#!/usr/bin/env bash
# Install what the test suite needs and run all of it: lint, unit tests and
# functional tests against real OpenStack services started on 127.0.0.1.
#
# Two installs run in parallel: the project into .venvs/dev (editable, with
# its "test" extra), and `tools/cloud.py ensure` -- the OpenStack services'
# venv (.venvs/openstack), Swift's venv (.venvs/swift), both from committed
# constraints, and the Debian packages the services need. An up-to-date
# venv is reused in seconds. Extra arguments are passed to pytest, e.g.
# `tools/test.sh tests/unit -x`.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=${STACKCLIENT_VENV:-.venvs/dev}
began=$SECONDS
mkdir -p .state
dev_log=.state/install-dev.log

install_dev() {
    if [ ! -x "$VENV/bin/python" ]; then
        "$PYTHON" -m venv "$VENV"
    fi
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e '.[test]'
}

echo "test.sh: installing the project into $VENV and the local cloud's venvs and packages" >&2
install_dev >"$dev_log" 2>&1 &
dev_pid=$!
ensure_rc=0
"$PYTHON" tools/cloud.py ensure >/dev/null || ensure_rc=$?
dev_rc=0
wait "$dev_pid" || dev_rc=$?
if [ "$dev_rc" -ne 0 ]; then
    echo "test.sh: installing the project failed (exit $dev_rc):" >&2
    tail -n 60 "$dev_log" >&2
    exit 1
fi
if [ "$ensure_rc" -ne 0 ]; then
    echo "test.sh: tools/cloud.py ensure failed (exit $ensure_rc); see above" >&2
    exit 1
fi
echo "test.sh: installs done in $((SECONDS - began)) s" >&2

"$VENV/bin/ruff" check .
"$VENV/bin/ruff" format --check .
"$VENV/bin/python" -m pytest "${@:-tests}"
