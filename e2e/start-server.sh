#!/usr/bin/env bash
# Starts the real reseller-center binary for Playwright on a fresh SQLite database with the demo seed.
#   RC_BIN       server binary (default ../target/release/reseller-center)
#   E2E_PORT     port to listen on (default 8099)
#   STATIC_DIR   built SPA (default ../frontend/dist)
set -euo pipefail
cd "$(dirname "$0")"

BIN="${RC_BIN:-../target/release/reseller-center}"
PORT="${E2E_PORT:-8099}"
TMP_DIR="$PWD/.tmp"

if [[ ! -x "$BIN" ]]; then
  echo "e2e: server binary $BIN not found (build it, or set RC_BIN)" >&2
  exit 1
fi
if [[ ! -f "${STATIC_DIR:-../frontend/dist}/index.html" ]]; then
  echo "e2e: the SPA is not built (${STATIC_DIR:-../frontend/dist}/index.html missing)" >&2
  exit 1
fi

mkdir -p "$TMP_DIR"
DB="$TMP_DIR/e2e.db"
rm -rf "$DB" "$DB-wal" "$DB-shm" "$TMP_DIR/uploads"

export DATABASE_URL="sqlite://$DB"
export DATA_DIR="$TMP_DIR/data"
export UPLOAD_DIR="$TMP_DIR/uploads"
export BIND="127.0.0.1:$PORT"
export STATIC_DIR="${STATIC_DIR:-../frontend/dist}"
export APP_ENV=development

"$BIN" migrate
"$BIN" seed --demo
exec "$BIN" serve
