#!/usr/bin/env bash
# The main job: install what is missing, build, index the bundled corpus and
# answer a query (default: "Tokayev Washington").
#   scripts/demo.sh [QUERY...]
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset default -G Ninja >/dev/null
cmake --build --preset default >/dev/null

db=build/demo-index
build/cli/lisan index --db "$db" corpus/
if [ $# -eq 0 ]; then set -- Tokayev Washington; fi
build/cli/lisan search --db "$db" "$@"
