#!/usr/bin/env bash
# Installs what is missing, builds Shade, and runs the main example.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SHADE_BUILD_DIR:-$root/build}

"$root/scripts/build.sh"
echo
echo "== examples/dense_relu.mlir, canonicalized by shade-opt =="
"$build/bin/shade-opt" --canonicalize "$root/examples/dense_relu.mlir"
