#!/usr/bin/env bash
# Install what the test suite needs and run all of it: lint, unit, fuzz and
# docs tests, and functional tests against real OpenStack services started
# on 127.0.0.1 (in the background while the other tests run).
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

if [ "$#" -gt 0 ]; then  # a chosen subset: pytest starts a cloud itself if a test needs one
    "$VENV/bin/ruff" check .
    "$VENV/bin/ruff" format --check .
    exec "$VENV/bin/python" -m pytest "$@"
fi

# The whole suite. The local cloud starts in the background while lint and
# the tests that need no server run; the functional tests then use it.
cloud_dir=.state/test-cloud
cloud_log=.state/test-cloud-start.log
stop_cloud() {
    "$PYTHON" tools/cloud.py stop --state-dir "$cloud_dir" >/dev/null 2>&1 || true
}
trap stop_cloud EXIT
echo "test.sh: starting the local cloud in the background (log: $cloud_log)" >&2
"$PYTHON" tools/cloud.py start --state-dir "$cloud_dir" >"$cloud_log" 2>&1 &
cloud_pid=$!

"$VENV/bin/ruff" check .
"$VENV/bin/ruff" format --check .
"$VENV/bin/python" -m pytest tests --ignore=tests/functional
echo "test.sh: offline tests done at $((SECONDS - began)) s; waiting for the local cloud" >&2
while kill -0 "$cloud_pid" 2>/dev/null; do
    sleep 10
    if kill -0 "$cloud_pid" 2>/dev/null; then
        echo "test.sh: still starting: $(tail -n 1 "$cloud_log" 2>/dev/null | cut -c1-160)" >&2
    fi
done
cloud_rc=0
wait "$cloud_pid" || cloud_rc=$?
if [ "$cloud_rc" -ne 0 ]; then
    echo "test.sh: the local cloud did not start (exit $cloud_rc):" >&2
    tail -n 80 "$cloud_log" >&2
    exit 1
fi
echo "test.sh: local cloud ready at $((SECONDS - began)) s; functional tests next" >&2
STACKCLIENT_CLOUD_JSON="$PWD/$cloud_dir/cloud.json" "$VENV/bin/python" -m pytest tests/functional
echo "test.sh: all tests passed in $((SECONDS - began)) s" >&2
