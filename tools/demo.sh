#!/usr/bin/env bash
# The main job end to end: build the project and the local cloud, start
# real OpenStack services on 127.0.0.1 (tools/cloud.py), drive them with
# stackclient (examples/identity_tour.py and examples/cloud_tour.py print
# what they did as tables), then stop everything.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=${STACKCLIENT_VENV:-.venvs/dev}
STATE=${STACKCLIENT_DEMO_STATE:-.state/demo-cloud}

if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e .
"$PYTHON" tools/cloud.py ensure >/dev/null

trap '"$PYTHON" tools/cloud.py stop --state-dir "$STATE"' EXIT
cloud_json=$("$PYTHON" tools/cloud.py start --state-dir "$STATE")
STACKCLIENT_DEMO_SERVER="$cloud_json" "$VENV/bin/python" examples/identity_tour.py
STACKCLIENT_DEMO_SERVER="$cloud_json" "$VENV/bin/python" examples/cloud_tour.py
