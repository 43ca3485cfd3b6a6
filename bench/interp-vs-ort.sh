#!/usr/bin/env bash
# The reference interpreter (ipu-run) against ONNX Runtime, one thread, on
# the real networks of test/models/models.txt (issue 3, item 7).
#
#   bench/interp-vs-ort.sh [BUILD_DIR]        (default: build)
#
# Per model: ONNX Runtime (session created once, 3 warm-up runs, then RUNS
# timed runs: bench/ort-time.js) and `ipu-run --repeat RUNS --time` (the
# median per run, parsing excluded), on the committed inputs; ipu-run also
# checks its outputs against ONNX Runtime's (rtol 1e-4, atol 1e-5). Peak RSS
# is that of each whole process (/usr/bin/time): node's includes its own
# runtime. Environment: RUNS (100), IPU_SHARED_DIR (where models/ is;
# default ../shared next to the repo), WORK (default BUILD_DIR/bench).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
runs=${RUNS:-100}
models=${IPU_SHARED_DIR:-$root/../shared}/models
work=${WORK:-$build/bench}/interp-vs-ort
manifest=$root/test/models/models.txt
timer=/usr/bin/time

for tool in "$build/bin/ipu-translate" "$build/bin/ipu-run" "$timer"; do
  if [ ! -x "$tool" ]; then
    echo "interp-vs-ort: $tool is missing (build the tools; run scripts/setup.sh)" >&2
    exit 1
  fi
done
if [ ! -d "$models" ]; then
  echo "interp-vs-ort: no $models (set IPU_SHARED_DIR)" >&2
  exit 1
fi
modules=$(bash "$root/scripts/setup-ort.sh")
mkdir -p "$work"

mb() { awk -v kb="$1" 'BEGIN { printf "%.1f", kb / 1024 }'; }

ort_version=$(NODE_PATH=$modules node -p 'require("onnxruntime-node/package.json").version')
echo "RUNS=$runs; $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'),"\
     "$(uname -m); node $(node --version), onnxruntime-node $ort_version"
printf '| %-36s | %9s | %12s | %7s | %12s | %12s | %10s | %-5s |\n' model "ORT ms" "ipu-run ms" ratio \
       "ORT RSS MB" "ipu RSS MB" "parse ms" check
# Markdown column rules as wide as the cells: 38, 11, 14, 9, 14, 14, 12, 7.
rule() { printf -- '-%.0s' $(seq "$1"); }
printf '|%s|%s:|%s:|%s:|%s:|%s:|%s:|%s|\n' "$(rule 38)" "$(rule 10)" "$(rule 13)" \
       "$(rule 8)" "$(rule 13)" "$(rule 13)" "$(rule 11)" "$(rule 7)"

grep -v '^#' "$manifest" | while read -r file dir shapes inputs outputs; do
  [ -n "$file" ] || continue
  if [ ! -f "$models/$file" ]; then
    printf '| %-36s | %s |\n' "$file" "not in $models: skipped"
    continue
  fi
  shape_args=() run_args=() ort_args=()
  if [ "$shapes" != - ]; then
    for s in ${shapes//,/ }; do shape_args+=(--input-shape "$s"); done
  fi
  for item in ${inputs//,/ }; do
    run_args+=(--input "${item%%=*}=$root/test/models/$dir/${item#*=}")
    ort_args+=("${item%%=*}=$root/test/models/$dir/${item#*=}")
  done
  for item in ${outputs//,/ }; do
    run_args+=(--expect "${item%%=*}=$root/test/models/$dir/${item#*=}")
  done
  ir=$work/$dir.ir
  "$build/bin/ipu-translate" --import-onnx "$models/$file" "${shape_args[@]}" -o "$ir"

  "$timer" -f %M -o "$work/ort.rss" env NODE_PATH="$modules" \
    node "$here/ort-time.js" "$models/$file" "$runs" "${ort_args[@]}" >"$work/ort.out"
  ort_ms=$(awk '{ print $2 }' "$work/ort.out")

  check=ok
  "$timer" -f %M -o "$work/ipu.rss" "$build/bin/ipu-run" "$ir" "${run_args[@]}" \
    --rtol 1e-4 --atol 1e-5 --repeat "$runs" --time >"$work/ipu.out" 2>"$work/ipu.err" || check=FAIL
  ipu_ms=$(sed -n 's/^ipu-run: run: median \([0-9.]*\) ms.*/\1/p' "$work/ipu.err")
  parse_ms=$(sed -n 's/^ipu-run: parse: \([0-9.]*\) ms/\1/p' "$work/ipu.err")
  if [ -z "$ipu_ms" ]; then
    echo "interp-vs-ort: ipu-run failed on $file:" >&2
    head -5 "$work/ipu.err" "$work/ipu.out" >&2
    ipu_ms=nan
  fi
  ratio=$(awk -v a="$ipu_ms" -v b="$ort_ms" 'BEGIN { if (a == "nan" || b <= 0) print "n/a"; else printf "%.1fx", a / b }')
  printf '| %-36s | %9s | %12s | %7s | %12s | %12s | %10s | %-5s |\n' "$file" "$ort_ms" "$ipu_ms" "$ratio" \
         "$(mb "$(tail -1 "$work/ort.rss")")" "$(mb "$(tail -1 "$work/ipu.rss")")" "$parse_ms" "$check"
done
