#!/usr/bin/env bash
# Parse + print (generic form) benchmark of ipu-opt against mlir-opt on
# (a) a file of 200,000 ops and (b) one 100 MB dense hex constant.
#
#   bench/run.sh [BUILD_DIR]        (default: build)
#
# Environment: RUNS (default 3, the best run counts), OPS (200000), HEX_MB
# (100), WORK (where inputs go; default BUILD_DIR/bench), MLIR_OPT.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=$(cd "${1:-$here/../build}" && pwd)
ipu_opt=$build/bin/ipu-opt
mlir_opt=${MLIR_OPT:-/usr/lib/llvm-19/bin/mlir-opt}
runs=${RUNS:-3}
ops=${OPS:-200000}
hex_mb=${HEX_MB:-100}
work=${WORK:-$build/bench}
timer=/usr/bin/time

for tool in "$ipu_opt" "$mlir_opt" "$timer"; do
  if [ ! -x "$tool" ]; then
    echo "bench: $tool is missing (build ipu-opt; run scripts/setup.sh)" >&2
    exit 1
  fi
done
mkdir -p "$work"

ops_file=$work/ops-$ops.mlir
hex_file=$work/hex-${hex_mb}mb.mlir
[ -s "$ops_file" ] || python3 "$here/gen_inputs.py" ops "$ops" "$ops_file"
[ -s "$hex_file" ] || python3 "$here/gen_inputs.py" hex "$hex_mb" "$hex_file"

# best_of TOOL FILE: prints "seconds peak_kb", the best of $runs runs (the
# fastest time and the smallest peak RSS).
best_of() {
  local tool=$1 file=$2 best_t="" best_m="" t m
  for ((i = 0; i < runs; i++)); do
    if ! "$timer" -f '%e %M' -o "$work/time.txt" \
        "$tool" --allow-unregistered-dialect --mlir-print-op-generic "$file" \
        -o /dev/null 2>"$work/stderr.txt"; then
      echo "bench: $tool failed on $file:" >&2
      head -5 "$work/stderr.txt" >&2
      echo "failed failed"
      return
    fi
    read -r t m < <(tail -1 "$work/time.txt")
    if [ -z "$best_t" ] || awk "BEGIN{exit !($t < $best_t)}"; then best_t=$t; fi
    if [ -z "$best_m" ] || [ "$m" -lt "$best_m" ]; then best_m=$m; fi
  done
  echo "$best_t $best_m"
}

# Whether both tools print the same generic text (a cross-check, untimed).
same_output() {
  local file=$1
  "$ipu_opt" --allow-unregistered-dialect --mlir-print-op-generic "$file" -o "$work/ipu.out" 2>/dev/null || { echo "ipu-opt failed"; return; }
  "$mlir_opt" --allow-unregistered-dialect --mlir-print-op-generic "$file" -o "$work/mlir.out" 2>/dev/null || { echo "mlir-opt failed"; return; }
  # mlir-opt ends its output with an empty line; blank lines do not count.
  if cmp -s <(sed '/^$/d' "$work/ipu.out") <(sed '/^$/d' "$work/mlir.out"); then
    echo yes
  else
    echo no
  fi
  rm -f "$work/ipu.out" "$work/mlir.out"
}

mb() { awk -v kb="$1" 'BEGIN { printf "%.1f", kb / 1024 }'; }

report() {
  local name=$1 file=$2 goal_speed=$3 goal_mem=$4
  local it im mt mm
  read -r it im < <(best_of "$ipu_opt" "$file")
  read -r mt mm < <(best_of "$mlir_opt" "$file")
  if [ "$it" = failed ] || [ "$mt" = failed ]; then
    printf '%-24s %-9s %10s %14s\n' "$name" ipu-opt "$it" "$im"
    printf '%-24s %-9s %10s %14s\n' "$name" mlir-opt "$mt" "$mm"
    echo "  ratios: n/a (a tool failed)"
    return
  fi
  printf '%-24s %-9s %10s %14s\n' "$name" ipu-opt "$it" "$(mb "$im")"
  printf '%-24s %-9s %10s %14s\n' "$name" mlir-opt "$mt" "$(mb "$mm")"
  awk -v it="$it" -v mt="$mt" -v im="$im" -v mm="$mm" -v gs="$goal_speed" -v gm="$goal_mem" 'BEGIN {
    speed = (it > 0) ? mt / it : 0; mem = im / mm
    printf "  throughput ratio (mlir time / ours): %.2fx (goal >= %sx: %s)\n", speed, gs, (speed >= gs) ? "met" : "NOT met"
    printf "  memory ratio (ours / mlir):          %.2fx (goal <= %sx: %s)\n", mem, gm, (mem <= gm) ? "met" : "NOT met"
  }'
  echo "  same generic output: $(same_output "$file")"
}

echo "best of $runs runs; $(nproc) cores, $(uname -m); inputs in $work"
printf '%-24s %-9s %10s %14s\n' input tool "time (s)" "peak RSS (MB)"
report "(a) $ops ops" "$ops_file" 5 0.25
report "(b) ${hex_mb} MB dense hex" "$hex_file" 4 0.5
