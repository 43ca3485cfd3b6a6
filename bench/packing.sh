#!/bin/bash
# Packing benchmark (issue 4, item 6): arrays used by hl-to-tile against
# the lower bound ceil(total weight bits / array bits), on every real model
# of test/models/models.txt found in ../shared/models (imported, optimized,
# quantized on its calibration samples) and on a generated ResNet-50-sized
# network (bench/gen_resnet50.py), for both presets. Prints a Markdown
# table. Goal: at most 1.10x everywhere.
#   bench/packing.sh [BUILD_DIR]     (default: build)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$here/build}" && pwd)
bin=$build/bin
models=${IPU_SHARED_DIR:-$here/../shared}/models
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

row() { # NAME PRESET REPORT
  python3 - "$1" "$2" "$3" <<'PY'
import json, sys
r = json.load(open(sys.argv[3]))
print("| %s | %s | %d | %d | %d | %.3f | %.1f%% |" % (
    sys.argv[1], sys.argv[2], r["weight_cells"], r["num_arrays"],
    r["lower_bound"], r["ratio"], 100 * r["utilization"]))
PY
}

echo "| network | target | weights | arrays | lower bound | ratio | utilization |"
echo "| :--- | :--- | ---: | ---: | ---: | ---: | ---: |"
grep -v '^#' "$here/test/models/models.txt" | while read -r file dir shapes _; do
  [ -n "$file" ] || continue
  [ -f "$models/$file" ] || { echo "packing.sh: $file not found, skipped" >&2; continue; }
  args=()
  if [ "$shapes" != "-" ]; then
    for s in ${shapes//,/ }; do args+=(--input-shape "$s"); done
  fi
  "$bin/ipu-translate" --import-onnx "$models/$file" "${args[@]}" -o "$work/$dir.ir"
  "$bin/ipu-opt" "$work/$dir.ir" -o "$work/$dir-q.ir" 2>/dev/null \
    --pass-pipeline="builtin.module(hl-optimize,func.func(quantize{calibration=$here/test/models/$dir/quant/calib}))"
  for preset in test-4x4 m1076; do
    "$bin/ipu-opt" "$work/$dir-q.ir" -o /dev/null \
      --pass-pipeline="builtin.module(hl-to-tile{target=$preset report=$work/r.json})"
    row "${file%.onnx}" "$preset" "$work/r.json"
  done
done
python3 "$here/bench/gen_resnet50.py" "$work/resnet50.mlir" 2>/dev/null
for preset in test-4x4 m1076; do
  "$bin/ipu-opt" "$work/resnet50.mlir" -o /dev/null \
    --pass-pipeline="builtin.module(hl-to-tile{target=$preset report=$work/r.json})"
  row "ResNet-50 (generated)" "$preset" "$work/r.json"
done
