#!/usr/bin/env bash
# Installs every Debian 12 package that Shade's build, tests, benchmarks and
# examples need. Idempotent: when everything is present it only checks.
set -euo pipefail

packages=(
  # Toolchain and build
  g++ cmake ninja-build ccache pkg-config git
  # LLVM/MLIR 19 (llvm-19-tools carries lit and FileCheck)
  llvm-19-dev libmlir-19-dev mlir-19-tools llvm-19-tools
  # Libraries LLVM's CMake package looks for
  zlib1g-dev libzstd-dev libxml2-dev libffi-dev
  # Runtime and tests
  libfftw3-dev nlohmann-json3-dev googletest libgtest-dev libbenchmark-dev
  # Python front end and lit
  python3 python3-numpy python3-pytest
  python3-sklearn  # the flagship example trains on scikit-learn's digits data
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: every package is installed"
  exit 0
fi

echo "setup: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
