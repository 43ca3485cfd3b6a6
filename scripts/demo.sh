#!/usr/bin/env bash
# The main job on the bundled example: set up, build, then parse, verify and
# run a pass pipeline on examples/mlp.ir and print the result.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/setup.sh"
bash "$root/scripts/build.sh" build
"$root/build/bin/ipu-opt" "$root/examples/mlp.ir" \
  --pass-pipeline='builtin.module(func.func(canonicalize,cse),symbol-dce)' \
  --mlir-pass-statistics
