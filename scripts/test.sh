#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite twice — in
# the optimised build, then under AddressSanitizer + UndefinedBehaviorSanitizer
# with clang, whose build also instruments everything for libFuzzer so that
# each fuzz target runs there for a bounded time as one more test — then the
# thread-safety tests under ThreadSanitizer (tsan builds only those).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh --tests
jobs=$(nproc)
for preset in default asan tsan; do
  echo "== $preset build ==" >&2
  cmake --preset "$preset" -G Ninja >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  ctest --preset "$preset" -j "$jobs"
done
