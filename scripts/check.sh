#!/usr/bin/env bash
# Builds Shade and runs every test suite; the last line is the summary
# ("N passed, N failed, N skipped").
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SHADE_BUILD_DIR:-$root/build}

"$root/scripts/build.sh" all shade-test-depends
exec /usr/bin/python3 "$root/scripts/run-tests.py" \
  --lit /usr/lib/llvm-19/build/utils/lit/lit.py --build-dir "$build" "$@"
