#!/usr/bin/env bash
# Sets up, builds and runs every test: once on a normal build, then again on
# an AddressSanitizer + UndefinedBehaviorSanitizer build with leak checking.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/setup.sh"

status=0
bash "$root/scripts/build.sh" build
echo "== test suite (normal build) =="
"$root/build/bin/ipu-testfixture" "$root/test/all.tcl" -build "$root/build" || status=1

bash "$root/scripts/build.sh" build-asan -DIPU_SANITIZE=ON
echo "== test suite (ASan + UBSan build) =="
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  "$root/build-asan/bin/ipu-testfixture" "$root/test/all.tcl" -build "$root/build-asan" || status=1
exit $status
