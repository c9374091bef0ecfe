#!/usr/bin/env bash
# Installs what is missing, configures (once) and builds Shade in build/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SHADE_BUILD_DIR:-$root/build}

"$root/scripts/setup-debian.sh"
if [ ! -f "$build/build.ninja" ]; then
  cmake -G Ninja -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release
fi
ninja -C "$build" "$@"
