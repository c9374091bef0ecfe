#!/usr/bin/env bash
# Installs what is missing, builds Shade, and runs the flagship example: a
# quantized neural network evaluated on encrypted data by a server that only
# holds the evaluation key (examples/quantized_mlp/README.md).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SHADE_BUILD_DIR:-$root/build}

"$root/scripts/build.sh"
echo
echo "== examples/quantized_mlp: a quantized MLP on encrypted data =="
/usr/bin/python3 "$root/examples/quantized_mlp/run.py" --shadec "$build/bin/shadec"
