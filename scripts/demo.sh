#!/usr/bin/env bash
# The main job: install what the program needs, build it, index the bundled
# corpus and answer a query (default: "Tokayev Washington").
#   scripts/demo.sh [QUERY...]
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
# Only the program: the tests and benchmarks are scripts/test.sh's.
cmake --preset app -G Ninja >/dev/null
cmake --build --preset app >/dev/null

db=build/demo-index
build/cli/lisan index --db "$db" corpus/
if [ $# -eq 0 ]; then set -- Tokayev Washington; fi
build/cli/lisan search --db "$db" "$@"
