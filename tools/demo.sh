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

# pip_progress LOG: how far a `pip install --log LOG` has got (packages found,
# then how many it installs; an earlier install of the build backend does not count).
pip_progress() {
    [ -f "$1" ] || { echo "still going"; return; }
    awk '/location\(s\) to search for versions of/ { found++; last = "found" }
         /Installing collected packages: / { n = split($0, names, ","); last = "install" }
         END { if (last == "install") printf "installing %d packages\n", n
               else printf "%d packages found so far\n", found }' "$1"
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

# with_heartbeat WHAT LOG COMMAND...: run COMMAND (output to LOG), saying every
# HEARTBEAT seconds that WHAT is still going on (and, for pip, how far it got).
with_heartbeat() {
    local what=$1 log=$2 pid started=$SECONDS
    shift 2
    say "$what"
    "$@" >"$log.out" 2>&1 &
    pid=$!
    while ! wait_for "$pid" "$HEARTBEAT"; do
        say "$what: $(pip_progress "$log") ($((SECONDS - started)) s)"
    done
    if ! wait "$pid"; then
        say "$what failed; the end of its output ($log.out):"
        tail -n 30 "$log.out" >&2
        exit 1
    fi
    say "$what: done ($((SECONDS - started)) s)"
}

install_project() {
    local log=.state/demo-install.log
    mkdir -p .state
    rm -f "$log"
    if [ ! -x "$VENV/bin/python" ]; then
        with_heartbeat "creating the virtualenv $VENV" "$log" "$PYTHON" -m venv "$VENV"
    fi
    with_heartbeat "installing stackclient and its dependencies into $VENV" "$log" \
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --log "$log" -e .
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
say "the same cloud from the stack command line"
stack_demo() {
    printf '\n$ stack %s\n' "$*"
    OS_CLIENT_CONFIG_FILE="$STATE/clouds.yaml" "$VENV/bin/stack" --os-cloud local "$@"
}
stack_demo catalog list -c type -c name --sort-column type
stack_demo network list
stack_demo server list
STACKCLIENT_DEMO_SERVER="$cloud_json" "$VENV/bin/python" examples/next_steps.py \
    --venv "$VENV" --seconds $((SECONDS - began))
