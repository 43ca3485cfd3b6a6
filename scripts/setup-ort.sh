#!/usr/bin/env bash
# Installs ONNX Runtime for Node (onnxruntime-node, pinned) into the git-ignored
# .cache/ort of the repo, for regenerating test/models and for the benchmark.
#
#   scripts/setup-ort.sh        prints the node_modules folder it set up
#
# Idempotent: nodejs/npm come from apt only when missing, and npm runs only
# when the pinned version is not installed yet. The test suite does not need
# any of this (it compares against the committed files in test/models).
# --ignore-scripts: the package ships its CPU library; the install script
# would only try to download GPU extras.
set -euo pipefail

# 1.30.0 declares no engines; it loads through N-API and runs on Debian 12's
# nodejs 18 as well as on node 20 (where it was tested).
ORT_VERSION=${ORT_VERSION:-1.30.0}
root=$(cd "$(dirname "$0")/.." && pwd)
dest=${ORT_DIR:-$root/.cache/ort}

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  echo "setup-ort: installing nodejs npm" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm
fi

installed() {
  node -e 'const p = require(process.argv[1]); if (p.version !== process.argv[2]) process.exit(1);' \
    "$dest/node_modules/onnxruntime-node/package.json" "$ORT_VERSION" 2>/dev/null
}

if ! installed; then
  mkdir -p "$dest"
  # A package.json of its own keeps npm from climbing to a parent project.
  [ -f "$dest/package.json" ] || echo '{ "private": true }' >"$dest/package.json"
  echo "setup-ort: npm install onnxruntime-node@$ORT_VERSION into $dest" >&2
  (cd "$dest" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error \
     "onnxruntime-node@$ORT_VERSION" >&2)
fi

# Loading the native binding is the real check (a wrong platform or a too
# old node fails here, not in the middle of a run).
if ! NODE_PATH="$dest/node_modules" node -e 'require("onnxruntime-node")' >&2; then
  echo "setup-ort: onnxruntime-node@$ORT_VERSION does not load with node $(node --version)" >&2
  exit 1
fi
echo "$dest/node_modules"
