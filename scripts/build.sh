#!/usr/bin/env bash
# Configures and builds the project into a build directory.
# Usage: scripts/build.sh [BUILD_DIR] [extra cmake args...]
#   e.g. scripts/build.sh build-asan -DIPU_SANITIZE=ON
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
shift || true
case "$build" in /*) ;; *) build="$root/$build" ;; esac
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$build" -j"$(nproc)"
