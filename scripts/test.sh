#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite twice — in
# the optimised build and under AddressSanitizer + UndefinedBehaviorSanitizer —
# then the thread-safety tests under ThreadSanitizer (tsan builds only those),
# then each libFuzzer target for a bounded time (fuzz/, built with clang).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh --tests
jobs=$(nproc)
for preset in default asan tsan fuzz; do
  echo "== $preset build ==" >&2
  cmake --preset "$preset" -G Ninja >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  ctest --preset "$preset" -j "$jobs"
done
