#!/usr/bin/env bash
# `make bench`: the release server on fresh SQLite databases with 10,000 and 100,000 generated
# solutions, loaded by wrk over loopback; prints requests/s, p50 and p99 for home, list, detail and
# search, then the SPA's wasm sizes, the ledger's hold throughput, checkout's (contract PDF,
# placing orders) and payment notifications' (verified and applied) on SQLite and PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${RC_BIN:-target/release/reseller-center}
COUNTS=${BENCH_SOLUTIONS:-10000 100000}
DURATION=${BENCH_DURATION:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
PORT=${BENCH_PORT:-8097}
WORK=$(mktemp -d)
SERVER=
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT

run() { # name script-or-path
  local out
  if [[ $2 == *.lua ]]; then
    out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$2" "http://127.0.0.1:$PORT")
  else
    out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$PORT$2")
  fi
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  printf "| %-40s | %12s | %9s | %9s | %6s |\n" "$1" "$rps" "$p50" "$p99" "${errors:-0}"
}

bench_catalog() { # solutions to generate
  local count=$1 db="$WORK/bench-$1.db"
  export DATABASE_URL="sqlite://$db" DATA_DIR="$WORK/data" RUST_LOG=warn
  "$BIN" migrate >/dev/null
  local seeded=$SECONDS
  "$BIN" seed --demo --generated "$count" >/dev/null
  seeded=$((SECONDS - seeded))
  local started=$SECONDS
  BIND="127.0.0.1:$PORT" STATIC_DIR=frontend/dist "$BIN" serve &
  SERVER=$!
  for _ in $(seq 600); do curl -sf "http://127.0.0.1:$PORT/api/v1/ready" >/dev/null && break; sleep 0.2; done
  started=$((SECONDS - started))

  local total
  total=$(curl -sf "http://127.0.0.1:$PORT/api/v1/solutions?per_page=1" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
  cat > "$WORK/list.lua" <<LUA
math.randomseed(42)
local sorts = {"popular", "newest", "price_asc", "name", "rating"}
local categories = {"", "&category=backup_migration", "&category=security_services"}
request = function()
  local path = "/api/v1/solutions?per_page=20&page=" .. math.random(1, 50) .. "&sort=" .. sorts[math.random(1, #sorts)]
    .. categories[math.random(1, #categories)]
  return wrk.format("GET", path)
end
LUA
  cat > "$WORK/detail.lua" <<LUA
math.randomseed(42)
request = function()
  return wrk.format("GET", "/api/v1/solutions/" .. math.random(1, $total))
end
LUA
  # Storefront traffic is skewed: here 90 % of detail views go to a hot set of 1,000 solutions.
  cat > "$WORK/detail-hot.lua" <<LUA
math.randomseed(42)
request = function()
  local id
  if math.random() < 0.9 then id = $total - math.random(0, 999) else id = math.random(1, $total) end
  return wrk.format("GET", "/api/v1/solutions/" .. id)
end
LUA
  # Keywords from broad (every generated solution matches 迁移) to narrow (one workload number).
  cat > "$WORK/search.lua" <<LUA
math.randomseed(42)
local words = {"%E8%BF%81%E7%A7%BB", "%E4%BA%91%E6%9C%8D%E5%8A%A1", "azure", "workload+", "suite+0", "vendor+04", "%E5%AE%89%E5%85%A8+demo"}
request = function()
  local i = math.random(1, #words)
  local q = words[i]
  if i == 4 or i == 5 then q = q .. math.random(1, $total) end
  return wrk.format("GET", "/api/v1/search?q=" .. q .. "&page=" .. math.random(1, 3))
end
LUA

  echo
  echo "Catalog of $total solutions on SQLite (seeded in ${seeded}s, server ready with its search index in ${started}s);"
  echo "wrk -t2 -c$CONNECTIONS -d$DURATION on loopback, $(nproc) cores shared by wrk and the server"
  printf "| %-40s | %12s | %9s | %9s | %6s |\n" "endpoint" "requests/s" "p50" "p99" "non2xx"
  printf "|%s|%s|%s|%s|%s|\n" "------------------------------------------" "--------------" "-----------" "-----------" "--------"
  run "GET /api/v1/storefront/home" "/api/v1/storefront/home"
  run "GET /api/v1/solutions (page 1)" "/api/v1/solutions?per_page=20"
  run "GET /api/v1/solutions (mixed pages/sorts)" "$WORK/list.lua"
  run "GET /api/v1/solutions/{id} (uniform random)" "$WORK/detail.lua"
  run "GET /api/v1/solutions/{id} (90% on 1,000 ids)" "$WORK/detail-hot.lua"
  run "GET /api/v1/search (mixed keywords)" "$WORK/search.lua"
  run "GET /api/v1/health" "/api/v1/health"
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
}

for count in $COUNTS; do
  bench_catalog "$count"
done

echo
# The storefront's main module is what a visitor's first page load fetches (the initial wasm);
# its other pages are chunks fetched on first visit (split_<page>, plus small shared chunk_<n>
# modules), and the account and console bundles load when those pages are first opened.
row() {
  printf "| %-22s | %-44s | %11s | %11s | %11s |\n" "$1" "$(basename "$2")" "$(stat -c %s "$2")" \
    "$(gzip -9 -c "$2" | wc -c)" "$(brotli -q 11 -c "$2" | wc -c)"
}
printf "| %-22s | %-44s | %11s | %11s | %11s |\n" "wasm" "file" "raw bytes" "gzip -9" "brotli -q11"
for dir in frontend/dist frontend/dist/bundles/account frontend/dist/bundles/console; do
  WASM=$(ls "$dir"/*_bg.wasm 2>/dev/null | head -1 || true)
  if [ -z "$WASM" ]; then
    echo "no built wasm under $dir (run make build)"
    continue
  fi
  case $dir in
    frontend/dist) row "storefront (initial)" "$WASM" ;;
    *) row "$(basename "$dir")" "$WASM" ;;
  esac
done
for CHUNK in frontend/dist/split_*.wasm; do
  [ -e "$CHUNK" ] || continue
  page=$(basename "$CHUNK" | sed 's/^split_\([a-z]*\)-.*/\1/')
  row "storefront page: $page" "$CHUNK"
done
shared=(frontend/dist/chunk_*.wasm)
if [ -e "${shared[0]}" ]; then
  printf "| %-22s | %-44s | %11s | %11s | %11s |\n" "storefront shared" "${#shared[@]} chunk_*.wasm (sum)" \
    "$(cat "${shared[@]}" | wc -c)" \
    "$(for f in "${shared[@]}"; do gzip -9 -c "$f" | wc -c; done | awk '{ s += $1 } END { print s }')" \
    "$(for f in "${shared[@]}"; do brotli -q 11 -c "$f" | wc -c; done | awk '{ s += $1 } END { print s }')"
fi

# The ledger: concurrent holds (one write transaction each) against one hot account and spread
# over 1,000 accounts, on SQLite and on PostgreSQL (a fresh database), invariant checked after.
echo
echo "Ledger holds (8 threads, 5,000 holds per run; issue 12 targets: ≥ 2,000/s hot on SQLite, ≥ 1,000/s on PostgreSQL)"
echo
LEDGER_DB="$WORK/ledger.db"
DATABASE_URL="sqlite://$LEDGER_DB" DATA_DIR="$WORK/data" RUST_LOG=warn "$BIN" seed --demo >/dev/null
DATABASE_URL="sqlite://$LEDGER_DB" DATA_DIR="$WORK/data" RUST_LOG=warn "$BIN" bench-holds
PG_ADMIN=${PG_ADMIN:-postgres://postgres@127.0.0.1:5432/postgres}
PG_BENCH="rc_bench_$$"
if psql "$PG_ADMIN" -qc "CREATE DATABASE $PG_BENCH" 2>/dev/null; then
  PG_URL="${PG_ADMIN%/*}/$PG_BENCH"
  DATABASE_URL="$PG_URL" DATA_DIR="$WORK/data" RUST_LOG=warn "$BIN" seed --demo >/dev/null
  DATABASE_URL="$PG_URL" DATA_DIR="$WORK/data" RUST_LOG=warn DB_POOL_SIZE=16 "$BIN" bench-holds || true
  psql "$PG_ADMIN" -qc "DROP DATABASE $PG_BENCH" || true
else
  echo "(PostgreSQL at $PG_ADMIN not reachable: skipped)"
fi

# Checkout: the contract PDF rendered alone, then orders placed by concurrent workers (re-quoted,
# coupon + 零钱 + credit held and captured in one write transaction each, contracts shown
# beforehand) on one bench company (every placing on the same hot accounts), then spread over 8
# companies, on a fresh demo database of each kind, invariant checked after.
echo
echo "Checkout (${CHECKOUT_WORKERS:-8} workers, ${CHECKOUT_ORDERS:-2000} orders per run; issue 13 targets: ≥ 1,000 orders/s on SQLite, ≥ 500/s on PostgreSQL, p99 ≤ 50 ms placing, PDF ≤ 20 ms)"
echo
CHECKOUT_ARGS=(--orders "${CHECKOUT_ORDERS:-2000}" --workers "${CHECKOUT_WORKERS:-8}" --renders "${CHECKOUT_RENDERS:-200}")
CHECKOUT_DB="$WORK/checkout.db"
DATABASE_URL="sqlite://$CHECKOUT_DB" DATA_DIR="$WORK/data" RUST_LOG=warn "$BIN" seed --demo >/dev/null
DATABASE_URL="sqlite://$CHECKOUT_DB" DATA_DIR="$WORK/data" RUST_LOG=warn "$BIN" bench-checkout "${CHECKOUT_ARGS[@]}"
DATABASE_URL="sqlite://$CHECKOUT_DB" DATA_DIR="$WORK/data" RUST_LOG=warn "$BIN" bench-checkout "${CHECKOUT_ARGS[@]}" --companies 8 | tail -1
PG_CHECKOUT="rc_bench_checkout_$$"
if psql "$PG_ADMIN" -qc "CREATE DATABASE $PG_CHECKOUT" 2>/dev/null; then
  PG_URL="${PG_ADMIN%/*}/$PG_CHECKOUT"
  DATABASE_URL="$PG_URL" DATA_DIR="$WORK/data" RUST_LOG=warn "$BIN" seed --demo >/dev/null
  DATABASE_URL="$PG_URL" DATA_DIR="$WORK/data" RUST_LOG=warn DB_POOL_SIZE=16 "$BIN" bench-checkout "${CHECKOUT_ARGS[@]}" || true
  DATABASE_URL="$PG_URL" DATA_DIR="$WORK/data" RUST_LOG=warn DB_POOL_SIZE=16 "$BIN" bench-checkout "${CHECKOUT_ARGS[@]}" --companies 8 | tail -1 || true
  psql "$PG_ADMIN" -qc "DROP DATABASE $PG_CHECKOUT" || true
else
  echo "(PostgreSQL at $PG_ADMIN not reachable: skipped)"
fi

# Payment notifications: signed Alipay notifications verified (RSA2) and applied (a bill's online
# repayment with its ledger entry, one write transaction each) by 8 threads over 200 bills, then
# every one replayed (a duplicate, nothing changes), on a fresh demo database of each kind.
echo
echo "Payment notifications (8 threads, ${NOTIFY_COUNT:-4000} per run; issue 14 target: ≥ 2,000/s applied, verification included)"
echo
NOTIFY_ARGS=(--notifications "${NOTIFY_COUNT:-4000}" --bills "${NOTIFY_BILLS:-200}")
NOTIFY_DB="$WORK/notify.db"
DATABASE_URL="sqlite://$NOTIFY_DB" DATA_DIR="$WORK/data" RUST_LOG=warn "$BIN" seed --demo >/dev/null
DATABASE_URL="sqlite://$NOTIFY_DB" DATA_DIR="$WORK/data" RUST_LOG=warn "$BIN" bench-notifications "${NOTIFY_ARGS[@]}"
PG_NOTIFY="rc_bench_notify_$$"
if psql "$PG_ADMIN" -qc "CREATE DATABASE $PG_NOTIFY" 2>/dev/null; then
  PG_URL="${PG_ADMIN%/*}/$PG_NOTIFY"
  DATABASE_URL="$PG_URL" DATA_DIR="$WORK/data" RUST_LOG=warn "$BIN" seed --demo >/dev/null
  DATABASE_URL="$PG_URL" DATA_DIR="$WORK/data" RUST_LOG=warn DB_POOL_SIZE=16 "$BIN" bench-notifications "${NOTIFY_ARGS[@]}" || true
  psql "$PG_ADMIN" -qc "DROP DATABASE $PG_NOTIFY" || true
else
  echo "(PostgreSQL at $PG_ADMIN not reachable: skipped)"
fi
