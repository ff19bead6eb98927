#!/usr/bin/env bash
# Query latency over 1, 2 and 4 shards, local and remote (docs/SCALING.md).
# Indexes the inputs into a plain index and into 2 and 4 shards; then, for
# each, serves it with `lisan serve` (the shards opened locally, and again
# through one xapian-tcpsrv per shard on 127.0.0.1) and measures it with
# bench/load_test.sh: one connection (latency of one query at a time) and
# eight (throughput).
#
#   bench/shard_latency.sh [--duration 10s] [--keep DIR] INPUT...
#
# INPUT: what `lisan index` takes (folders, .jsonl files). --keep DIR builds
# the indexes there and keeps them for another run (rebuilt only if missing).
set -euo pipefail
cd "$(dirname "$0")/.."

lisan=build/cli/lisan
duration=10s
keep=
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    --) shift; break ;;
    -*) echo "usage: $0 [--duration 10s] [--keep DIR] INPUT..." >&2; exit 2 ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || { echo "usage: $0 [--duration 10s] [--keep DIR] INPUT..." >&2; exit 2; }
command -v xapian-tcpsrv >/dev/null || { echo "error: xapian-tcpsrv missing (apt-get install xapian-tools)" >&2; exit 1; }

work=${keep:-$(mktemp -d)}
mkdir -p "$work"
servers=()
cleanup() {
  for pid in "${servers[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  [ -n "$keep" ] || rm -rf "$work"
}
trap cleanup EXIT

for shards in 1 2 4; do
  db="$work/shards-$shards"
  [ -e "$db" ] && continue
  echo "indexing into $shards shard(s)…" >&2
  if [ "$shards" -eq 1 ]; then
    "$lisan" index --db "$db" "$@" 2>&1 | tail -2 >&2
  else
    "$lisan" index --db "$db" --shards "$shards" "$@" 2>&1 | tail -2 >&2
  fi
done
"$lisan" info --db "$work/shards-1" | head -2 >&2

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

measure() {  # label, then lisan serve --db arguments
  local label=$1; shift
  for connections in 1 8; do
    bench/load_test.sh "$@" --duration "$duration" --connections "$connections" \
        --wrk-threads $((connections < 2 ? 1 : 2)) --server-threads 4 2>/dev/null |
      awk -v label="$label" -v c="$connections" '
        $1 == "50%" { p50 = $2 } $1 == "90%" { p90 = $2 } $1 == "99%" { p99 = $2 }
        $1 == "Requests/sec:" { rps = $2 } /^non-200/ { bad = $3 }
        END { printf "| %-22s | %2d | %9s | %9s | %9s | %8s | %s |\n", label, c, p50, p90, p99, rps, bad }'
  done
}

echo "| index                  | connections | p50 | p90 | p99 | requests/s | non-200 |"
echo "|---|---|---|---|---|---|---|"
measure "1 (local)" --db "$work/shards-1"
for shards in 2 4; do
  measure "$shards shards (local)" --db "$work/shards-$shards"
  remote=()
  for ((k = 0; k < shards; ++k)); do
    port=$(free_port)
    setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port" --quiet "$work/shards-$shards/shard-$k" \
      >/dev/null 2>&1 &
    servers+=($!)
    remote+=(--db "tcp://127.0.0.1:$port")
  done
  sleep 1
  measure "$shards shards (tcpsrv)" "${remote[@]}"
  for pid in "${servers[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  servers=()
done
