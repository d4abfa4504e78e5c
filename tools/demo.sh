#!/usr/bin/env bash
# The main job end to end: build the project and a real Keystone, start
# Keystone on 127.0.0.1, drive it with the Identity v3 client
# (examples/identity_tour.py prints what it did as tables), then stop it.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=${STACKCLIENT_VENV:-.venvs/dev}
STATE=${STACKCLIENT_DEMO_STATE:-.state/demo-keystone}

if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e .
"$PYTHON" tools/keystone_server.py ensure-venv

server_json=$("$PYTHON" tools/keystone_server.py start --state-dir "$STATE")
trap '"$PYTHON" tools/keystone_server.py stop --state-dir "$STATE" >/dev/null' EXIT
STACKCLIENT_DEMO_SERVER="$server_json" "$VENV/bin/python" examples/identity_tour.py
