#!/usr/bin/env bash
# Installs every Debian 12 package the project needs to build and test.
# Idempotent: packages already present are skipped; safe to run on every build.
set -euo pipefail

PACKAGES=(
  cmake gcc make pkg-config
  re2c bison
  llvm-19-dev llvm-19-tools
  tcl8.6-dev
  mlir-19-tools
  libprotobuf-c-dev protobuf-c-compiler libonnx-dev libonnx-testdata
  python3 time
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  echo "setup: installing ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
