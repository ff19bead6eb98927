#!/usr/bin/env bash
# Runs one libFuzzer target for a bounded time from its seeds:
#   run_fuzzer.sh FUZZER SEED_DIR SECONDS
# New inputs go to a scratch folder; a crash leaves its input in the current
# folder (crash-*) and fails the test. Prints the executions done.
set -euo pipefail
fuzzer=$1 seeds=$2 seconds=$3
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp -r "$seeds"/. "$scratch"/
"$fuzzer" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
  -print_final_stats=1 "$scratch" 2>&1 |
  { grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ +DONE|==[0-9]+==ERROR|SUMMARY)" || true; }
# The fuzzer's status (a `|| true` after the whole pipeline made it always 0).
exit "${PIPESTATUS[0]}"
