#!/usr/bin/env bash
# HTTP load on loopback: starts `lisan serve` on 127.0.0.1 (a free port) and
# drives it with wrk over typical queries (bench/load_queries.lua); prints
# wrk's requests/s and latency percentiles.
#
#   bench/load_test.sh [--db DB]... [--duration 10s] [--connections 8]
#                      [--wrk-threads 2] [--server-threads 4] [--lisan BIN]
#
# Without --db, the seed corpus (corpus/) is indexed into a temporary folder.
# --db takes what `lisan serve --db` takes (folders, stub files, tcp://…).
set -euo pipefail
cd "$(dirname "$0")/.."

lisan=build/cli/lisan
duration=10s
connections=8
wrk_threads=2
server_threads=4
dbs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --db) dbs+=(--db "$2"); shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --wrk-threads) wrk_threads=$2; shift 2 ;;
    --server-threads) server_threads=$2; shift 2 ;;
    --lisan) lisan=$2; shift 2 ;;
    *) echo "usage: $0 [--db DB]... [--duration 10s] [--connections N] [--wrk-threads N] [--server-threads N] [--lisan BIN]" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "error: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
[ -x "$lisan" ] || { echo "error: $lisan not built (cmake --build --preset default)" >&2; exit 1; }
[ "$wrk_threads" -le "$connections" ] || wrk_threads=$connections

work=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ ${#dbs[@]} -eq 0 ]; then
  "$lisan" index --db "$work/db" corpus/ 2>/dev/null
  dbs=(--db "$work/db")
fi

"$lisan" serve "${dbs[@]}" --listen 127.0.0.1:0 --threads "$server_threads" >"$work/announce" &
server_pid=$!
for _ in $(seq 100); do
  grep -q 'serving on' "$work/announce" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { echo "error: lisan serve did not start" >&2; exit 1; }
  sleep 0.1
done
url=$(grep -o 'http://[^ ]*' "$work/announce")
echo "server: $url (${server_threads} threads)  load: wrk -t$wrk_threads -c$connections -d$duration"
curl -sf "${url}search?q=Kazakhstan" >/dev/null 2>&1 || true  # warm the caches once
wrk -t"$wrk_threads" -c"$connections" -d"$duration" --latency -s bench/load_queries.lua "$url"
