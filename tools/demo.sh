#!/usr/bin/env bash
# The main job end to end: install the project, build and start the local
# cloud (real OpenStack services on 127.0.0.1, tools/cloud.py), drive it
# with stackclient (examples/identity_tour.py and examples/cloud_tour.py
# print what they did as tables), and leave it running for your own
# scripts, saying how to use it and how to stop it.
#
#   tools/demo.sh         run the demo (the cloud stays up)
#   tools/demo.sh stop    stop the demo's cloud
#
# Progress goes to stderr, at least one line every 15 s; the tours' tables
# and the closing notes go to stdout. If anything fails or is interrupted,
# what was started is stopped again.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=${STACKCLIENT_VENV:-.venvs/dev}
STATE=${STACKCLIENT_DEMO_STATE:-.state/demo-cloud}
HEARTBEAT=10
began=$SECONDS

say() { printf 'demo: %s\n' "$*" >&2; }

if [ "${1:-}" = stop ]; then
    exec "$PYTHON" tools/cloud.py stop --state-dir "$STATE"
fi

# pip_progress LOG: how far a `pip install --log LOG` has got.
pip_progress() {
    local log=$1 found
    if grep -q 'Installing collected packages' "$log" 2>/dev/null; then
        echo "installing $(grep 'Installing collected packages' "$log" | tail -n 1 | tr ',' '\n' | wc -l) packages"
    else
        found=$(grep -c 'location(s) to search for versions of' "$log" 2>/dev/null || true)
        echo "${found:-0} packages found so far"
    fi
}

install_project() {
    local log=.state/demo-install.log pid started=$SECONDS
    mkdir -p .state
    if [ ! -x "$VENV/bin/python" ]; then
        say "creating the virtualenv $VENV"
        "$PYTHON" -m venv "$VENV"
    fi
    say "installing stackclient and its dependencies into $VENV"
    rm -f "$log"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --log "$log" -e . \
        >"$log.out" 2>&1 &
    pid=$!
    while ! wait_for "$pid" "$HEARTBEAT"; do
        say "installing stackclient: $(pip_progress "$log") ($((SECONDS - started)) s)"
    done
    if ! wait "$pid"; then
        say "installing stackclient failed; the end of pip's output:"
        tail -n 30 "$log.out" >&2
        exit 1
    fi
    say "stackclient installed ($((SECONDS - started)) s)"
}

# wait_for PID SECONDS: true once PID has exited, false if it still runs after SECONDS.
wait_for() {
    local pid=$1 limit=$2 waited=0
    while kill -0 "$pid" 2>/dev/null; do
        [ "$waited" -ge "$limit" ] && return 1
        sleep 1
        waited=$((waited + 1))
    done
    return 0
}

stop_on_failure() {
    local status=$?
    if [ "$status" -ne 0 ]; then
        say "stopping what was started (exit status $status)"
        "$PYTHON" tools/cloud.py stop --state-dir "$STATE" >/dev/null 2>&1 || true
    fi
}

install_project
say "building what the local cloud needs (OpenStack and Swift virtualenvs, Debian packages)"
"$PYTHON" tools/cloud.py ensure >/dev/null

trap stop_on_failure EXIT
say "starting the local cloud in $STATE"
cloud_json=$("$PYTHON" tools/cloud.py start --state-dir "$STATE")
say "running the tours"
STACKCLIENT_DEMO_SERVER="$cloud_json" "$VENV/bin/python" examples/identity_tour.py
STACKCLIENT_DEMO_SERVER="$cloud_json" "$VENV/bin/python" examples/cloud_tour.py
STACKCLIENT_DEMO_SERVER="$cloud_json" "$VENV/bin/python" examples/next_steps.py \
    --venv "$VENV" --seconds $((SECONDS - began))
