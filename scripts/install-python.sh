#!/usr/bin/env bash
# Builds the lisan Python module and installs it for Debian's python3 (under
# /usr/local, or the prefix given), then checks that it imports.
#   scripts/install-python.sh [PREFIX]
set -euo pipefail
cd "$(dirname "$0")/.."

prefix="${1:-/usr/local}"
scripts/install-deps.sh --python
cmake --preset python -G Ninja >/dev/null
cmake --build --preset python
if [ -w "$prefix" ] || [ "$(id -u)" -eq 0 ]; then
  cmake --install build-python --component python --prefix "$prefix"
else
  sudo cmake --install build-python --component python --prefix "$prefix"
fi
site="$prefix/$(sed -n 's/^LISAN_PYTHON_INSTALL_DIR:STRING=//p' build-python/CMakeCache.txt)"
PYTHONPATH="$site${PYTHONPATH:+:$PYTHONPATH}" /usr/bin/python3 -c \
  'import lisan; print("lisan", "from", lisan.__file__)'
if [ "$prefix" != /usr/local ]; then
  echo "add $site to PYTHONPATH to import lisan" >&2
fi
