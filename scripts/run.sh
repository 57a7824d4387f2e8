#!/usr/bin/env bash
# make run: starts the reference order-management server (quotewright om-server) beside the app, so that
# orders placed in the demo reach an order-management system, complete and become assets; then the app.
# The server stops when the app does. One already listening on 127.0.0.1:8622 is used as it is.
set -euo pipefail
bin=build/bin/quotewright
om_db="${QUOTEWRIGHT_OM_DB:-${XDG_CONFIG_HOME:-$HOME/.config}/Quotewright/om.db}"
mkdir -p "$(dirname "$om_db")"
if ! (exec 3<>/dev/tcp/127.0.0.1/8622) 2>/dev/null; then
  "$bin" om-server --db "$om_db" --delay 5s >/dev/null 2>&1 &
  om=$!
  trap 'kill "$om" 2>/dev/null || true' EXIT
  echo "Order-management server (TMF622/TMF637) on http://127.0.0.1:8622, database $om_db"
fi
"$bin" "$@"
