#!/usr/bin/env bash
# Regenerates test/models (real-network inputs and ONNX Runtime's outputs):
# installs the pinned onnxruntime-node, then runs make-model-references.js.
#   scripts/make-model-references.sh [--models DIR] [--out DIR] [--only STEM]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
modules=$(bash "$root/scripts/setup-ort.sh")
NODE_PATH=$modules exec node "$root/scripts/make-model-references.js" "$@"
