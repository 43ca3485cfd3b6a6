#!/bin/bash
# Quality and speed benchmarks of issue 5 (item 10), run side by side and
# printed as Markdown tables: placement against the exact optimum, peak SRAM
# against the lower bound, max link load (negotiated against dimension-
# ordered), compile time of generated ResNets, simulator speed.
#   bench/issue5.sh [BUILD_DIR]     (default: build; RelWithDebInfo for timings)
# Knobs (environment): RUNS (3: timed runs, median), DEPTHS ("18 34 50 101"),
# PLACE_INSTANCES (20 per size), SECTIONS ("place sram links compile sim"),
# IPU_SHARED_DIR, WORK (default: a temporary directory, removed at the end).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$here/build}" && pwd)
bin=$build/bin
models=${IPU_SHARED_DIR:-$here/../shared}/models
runs=${RUNS:-3}
depths=${DEPTHS:-18 34 50 101}
sections=${SECTIONS:-place sram links compile sim}
bigsram=$here/bench/targets/m1076-sram16m.ir
biggrid=$here/bench/targets/grid-24x24.ir
if [ -n "${WORK:-}" ]; then
  work=$WORK
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
want() { case " $sections " in *" $1 "*) return 0 ;; esac; return 1; }
say() { echo "issue5.sh: $*" >&2; }
median() { sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

# ---- Inputs: the real models' tile IR per target, the generated ResNets.
# MODEL DIR SHAPES from test/models/models.txt, for the models present.
real_models() {
  grep -v '^#' "$here/test/models/models.txt" | while read -r file dir shapes _; do
    [ -n "$file" ] || continue
    if [ -f "$models/$file" ]; then echo "$file $dir $shapes"; else
      say "$file not found in $models, skipped"; fi
  done
}

# tile_ir NAME TARGET_SPEC -> path of the tile IR (made once). NAME is a
# real model's DIR or resnetDEPTH (already quantized: no calibration).
tile_ir() {
  local name=$1 spec=$2 out
  out=$work/$name.$(basename "${spec%.ir}").tile.ir
  if [ ! -f "$out" ]; then
    case $name in
      resnet*)
        "$bin/ipu-opt" "$work/$name.mlir" -o "$out" --pass-pipeline="builtin.module(hl-optimize,func.func(hl-fold-constants),hl-to-tile{target=$spec},cleanup)" \
          2>"$out.err" || { rm -f "$out"; return 1; } ;;
      *)
        local line file shapes args=()
        line=$(real_models 2>/dev/null | awk -v d="$name" '$2 == d')
        file=${line%% *}
        shapes=${line##* }
        if [ "$shapes" != "-" ]; then
          for s in ${shapes//,/ }; do args+=(--input-shape "$s"); done
        fi
        "$bin/ipu-compile" "$models/$file" "${args[@]}" --target "$spec" -q \
          --calibration "$here/test/models/$name/quant/calib" --emit=tile \
          -o "$out" 2>"$out.err" || { rm -f "$out"; return 1; } ;;
    esac
  fi
  echo "$out"
}

gen_resnet() { # DEPTH
  [ -f "$work/resnet$1.mlir" ] ||
    python3 "$here/bench/gen_resnet.py" "$work/resnet$1.mlir" "$1" 2>/dev/null
}

# ---- 1. Placement against the exact optimum.
if want place; then
  say "placement vs exact optimum"
  echo "### Placement cost against the exact optimum"
  echo
  "$bin/bench-place-exact" "${PLACE_INSTANCES:-20}" 5 --verify
  echo
fi

# ---- 2. Peak SRAM against the lower bound (plan-memory's report).
sram_row() { # LABEL TARGET_LABEL REPORT
  python3 - "$@" <<'PY'
import json, sys
tiles = json.load(open(sys.argv[3]))["tiles"]
peak = sum(t["peak"] for t in tiles)
bound = sum(t["bound"] for t in tiles)
worst = max((t["peak"] / t["bound"] if t["bound"] else 1.0) for t in tiles)
top = max(t["peak"] for t in tiles)
print("| %s | %s | %d | %d | %d | %.4f | %.4f |" % (
    sys.argv[1], sys.argv[2], len(tiles), top, bound and max(t["bound"] for t in tiles),
    peak / bound if bound else 1.0, worst))
PY
}
if want sram; then
  say "peak SRAM vs lower bound"
  echo "### Peak SRAM against the lower bound (plan-memory)"
  echo
  echo "| network | target | tiles | peak bytes (fullest tile) | bound (fullest tile) | sum peak / sum bound | worst tile |"
  echo "| :--- | :--- | ---: | ---: | ---: | ---: | ---: |"
  names=$(real_models | awk '{print $2}')
  gen_resnet 50
  for name in $names resnet50; do
    label=$name
    [ "$name" = resnet50 ] && label="ResNet-50 (generated)"
    tir=$(tile_ir "$name" m1076) || { echo "| $label | m1076 | lowering failed | | | | |"; continue; }
    if "$bin/ipu-opt" "$tir" -o /dev/null 2>"$work/pm.err" \
        --pass-pipeline="builtin.module(place,route-noc,tile-to-hw,plan-memory{report=$work/pm.json})"; then
      sram_row "$label" m1076 "$work/pm.json"
      continue
    fi
    need=$(grep -o 'needs [0-9]* bytes of SRAM' "$work/pm.err" | head -1 | tr -dc 0-9)
    tir=$(tile_ir "$name" "$bigsram") || { echo "| $label | m1076-sram16m | lowering failed | | | | |"; continue; }
    if "$bin/ipu-opt" "$tir" -o /dev/null 2>"$work/pm.err" \
        --pass-pipeline="builtin.module(place,route-noc,tile-to-hw,plan-memory{report=$work/pm.json})"; then
      sram_row "$label" "m1076-sram16m (m1076: a tile needs ${need:-?} B > 65536)" "$work/pm.json"
    else
      echo "| $label | m1076-sram16m | failed: $(grep -m1 error "$work/pm.err" | cut -c1-80) | | | | |"
    fi
  done
  echo
fi

# ---- 3. Max link load: negotiated (PathFinder) against dimension-ordered.
stat() { # NAME FILE: a --mlir-pass-statistics value
  awk -v n="$1" '$3 == n {print $2; exit}' "$2"
}
# route PLACED_IR CAPACITY -> statistics in $work/rn.stats; false if unroutable.
route() {
  "$bin/ipu-opt" "$1" -o /dev/null --mlir-pass-statistics \
    --pass-pipeline="builtin.module(route-noc{link-capacity=$2})" \
    >"$work/rn.stats" 2>&1
}
if want links; then
  say "link loads"
  echo "### Max link load: negotiated against dimension-ordered (route-noc)"
  echo
  echo "Bytes per inference over the busiest directed mesh link. *Default*: the"
  echo "derived link capacity (route-noc's default). *Tightest*: the smallest"
  echo "\`link-capacity\` (binary search, to 1/128 of the XY load) that negotiated"
  echo "routing still meets, and the max load it then reaches."
  echo
  echo "| network | target | arrays | routes | XY max load | negotiated (default capacity) | capacity | iterations | tightest capacity routed | negotiated max load there | ratio to XY |"
  echo "| :--- | :--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  names=$(real_models | awk '{print $2}')
  gen_resnet 50
  for name in $names resnet50; do
    label=$name
    [ "$name" = resnet50 ] && label="ResNet-50 (generated)"
    for spec in test-4x4 m1076 "$biggrid"; do
      tlabel=$(basename "${spec%.ir}")
      tir=$(tile_ir "$name" "$spec") || {
        echo "| $label | $tlabel | lowering failed: $(grep -m1 -o 'error: .*' "$work/$name.$tlabel.tile.ir.err" | cut -c1-90) | | | | | | | | |"
        continue; }
      placed=$work/$name.$tlabel.placed.ir
      if ! "$bin/ipu-opt" "$tir" -o "$placed" --pass-pipeline="builtin.module(place)" 2>"$work/place.err"; then
        echo "| $label | $tlabel | does not fit: $(grep -m1 -o 'needs [0-9]* arrays but .* has [0-9]* tiles' "$work/place.err") | | | | | | | | |"
        continue
      fi
      arrays=$(grep -c 'tile.array' "$placed" || true)
      route "$placed" 0 || { echo "| $label | $tlabel | $arrays | unroutable at the default capacity | | | | | | | |"; continue; }
      routes=$(stat num-routes "$work/rn.stats")
      xy=$(stat max-link-load-xy "$work/rn.stats")
      neg=$(stat max-link-load "$work/rn.stats")
      cap=$(stat link-capacity "$work/rn.stats")
      its=$(stat iterations "$work/rn.stats")
      if [ "${xy:-0}" -le 0 ]; then
        echo "| $label | $tlabel | $arrays | $routes | 0 | $neg | $cap | $its | - | - | - |"
        continue
      fi
      lo=0 hi=$xy best=$xy
      step=$(( xy / 128 > 0 ? xy / 128 : 1 ))
      while [ $((hi - lo)) -gt "$step" ]; do
        mid=$(( (lo + hi) / 2 ))
        if [ "$mid" -gt 0 ] && route "$placed" "$mid"; then
          hi=$mid
          best=$(stat max-link-load "$work/rn.stats")
        else
          lo=$mid
        fi
      done
      ratio=$(awk -v a="$best" -v b="$xy" 'BEGIN {printf "%.3f", a / b}')
      echo "| $label | $tlabel | $arrays | $routes | $xy | $neg | $cap | $its | $hi | $best | $ratio |"
    done
  done
  echo
fi

# ---- 4. Compile time of generated ResNets through the whole pipeline.
if want compile; then
  say "compile time (RUNS=$runs)"
  echo "### Compile time through the whole pipeline (ipu-compile, median of $runs)"
  echo
  echo "Target m1076-sram16m (m1076 with 16 MiB of SRAM a tile: ResNet activations"
  echo "overflow 64 KiB), two random int8 calibration samples. *Calibration*: the"
  echo "quantize pass's run of the network on the samples (from \`ipu-opt"
  echo "--mlir-timing\`); the networks are already int8, so it quantizes nothing."
  echo "*Pipeline without quantize*: \`ipu-opt\` running the same passes but quantize"
  echo "(hl-optimize, hl-fold-constants, hl-to-tile, cleanup, place, route-noc,"
  echo "tile-to-hw, plan-memory) on the same file, whole process, median; no emission."
  echo
  echo "| network | weights | MACs | arrays | ipu-compile wall s | load s | quantize + lower stage s | of it: calibration run s | place + route + hw + memory s | emit + exit s | pipeline without quantize s |"
  echo "| :--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  python3 "$here/bench/gen_calib.py" "$work/calib" i8 1x3x224x224 2
  for depth in $depths; do
    gen_resnet "$depth"
    src=$work/resnet$depth.mlir
    : >"$work/walls"
    for _ in $(seq "$runs"); do
      /usr/bin/time -f '%e' -o "$work/time" "$bin/ipu-compile" "$src" -q \
        -o "$work/resnet$depth.ipub" --target "$bigsram" \
        --calibration "$work/calib" --report=json >"$work/c.json" 2>"$work/c.err" ||
        { say "resnet$depth: compile failed: $(grep -m1 error "$work/c.err")"; break; }
      echo "$(cat "$work/time") $(cat "$work/c.json" | tr -d '\n')" >>"$work/walls"
    done
    [ -s "$work/walls" ] || { echo "| ResNet-$depth | compile failed | | | | | | | | | |"; continue; }
    calib=$("$bin/ipu-opt" "$src" -o /dev/null --mlir-timing 2>&1 \
      --pass-pipeline="builtin.module(func.func(quantize{calibration=$work/calib}))" |
      awk '$NF == "quantize" {print $1; exit}')
    # The same passes without quantize (nothing to quantize), timed whole.
    : >"$work/nocal"
    for _ in $(seq "$runs"); do
      /usr/bin/time -f '%e' -o "$work/time" "$bin/ipu-opt" "$src" -o /dev/null \
        --pass-pipeline="builtin.module(hl-optimize,func.func(hl-fold-constants),hl-to-tile{target=$bigsram},cleanup,place,route-noc,tile-to-hw,plan-memory)" \
        2>/dev/null && cat "$work/time" >>"$work/nocal"
    done
    nocal=$(median <"$work/nocal")
    python3 - "$work/walls" "$depth" "${calib:-0}" "$src" "${nocal:-0}" <<'PY'
import json, sys
rows = []
for line in open(sys.argv[1]):
    wall, js = line.split(" ", 1)
    rows.append((float(wall), json.loads(js)))
rows.sort(key=lambda r: r[0])
wall, r = rows[(len(rows) - 1) // 2]
st = {s["name"]: s["ms"] / 1e3 for s in r["stages"]}
back = sum(st.get(k, 0) for k in ("place", "route", "lower to hw", "plan memory"))
calib = float(sys.argv[3])
# MACs of the network: sum over conv/gemm of output elements x K.
import re
macs = 0
for m in re.finditer(r"hl\.(conv2d|gemm) .*: \(tensor<([0-9x]+)xi8>, tensor<([0-9x]+)xi8>, tensor<[0-9x]+xi32>\) -> tensor<([0-9x]+)xi32>", open(sys.argv[4]).read()):
    w = [int(d) for d in m.group(3).split("x")]
    out = [int(d) for d in m.group(4).split("x")]
    n = 1
    for d in out:
        n *= d
    k = w[1] * w[2] * w[3] if m.group(1) == "conv2d" else w[1]
    macs += n * k
print("| ResNet-%s | %.1fM | %.2fG | %d | %.2f | %.3f | %.2f | %.2f | %.3f | %.3f | %.2f |" % (
    sys.argv[2], r["weight_bytes"] / 1e6, macs / 1e9, r["arrays"], wall,
    st.get("load", 0), st.get("quantize, lower to tiles", 0), calib, back,
    wall - r["total_ms"] / 1e3, float(sys.argv[5])))
PY
  done
  echo
fi

# ---- 5. Simulator speed: simulated MACs per second on one core.
if want sim; then
  say "simulator speed (RUNS=$runs)"
  echo "### Simulator speed (ipu-run --backend=ipu, one inference, median of $runs)"
  echo
  echo "| network | target | MACs per inference | simulate ms | G MAC/s | ipu-run wall s | CPU s (user + sys) | peak RSS MB |"
  echo "| :--- | :--- | ---: | ---: | ---: | ---: | ---: | ---: |"
  [ -f "$work/calib/sample_0/input_0.npy" ] ||
    python3 "$here/bench/gen_calib.py" "$work/calib" i8 1x3x224x224 2
  gen_resnet 50
  [ -f "$work/resnet50.ipub" ] ||
    "$bin/ipu-compile" "$work/resnet50.mlir" -q -o "$work/resnet50.ipub" \
      --target "$bigsram" --calibration "$work/calib" 2>"$work/c.err"
  ppocr=ch_ppocr_mobile_v2.0_cls_infer
  sims=("$work/resnet50.ipub:$work/calib/sample_0/input_0.npy:ResNet-50 (generated)")
  if [ -f "$models/$ppocr.onnx" ]; then
    "$bin/ipu-compile" "$models/$ppocr.onnx" -q -o "$work/$ppocr.ipub" \
      --input-shape x=1x3x48x192 --target "$bigsram" \
      --calibration "$here/test/models/$ppocr/quant/calib" 2>"$work/c.err"
    sims+=("$work/$ppocr.ipub:$here/test/models/$ppocr/input_0.npy:$ppocr")
  fi
  mkdir -p "$work/out"
  for item in "${sims[@]}"; do
    IFS=: read -r ipub input label <<<"$item"
    : >"$work/sims"
    for _ in $(seq "$runs"); do
      /usr/bin/time -f '%e %M %U %S' -o "$work/time" "$bin/ipu-run" "$ipub" \
        --backend=ipu --input "0=$input" --time --report=json -o "$work/out" \
        >"$work/s.json" 2>"$work/s.err"
      ms=$(awk '/simulate:/ {print $3}' "$work/s.err")
      echo "$ms $(cat "$work/time")" >>"$work/sims"
    done
    macs=$(python3 -c 'import json,sys; t=open(sys.argv[1]).read(); print(json.loads(t[t.index("{"):])["macs"])' "$work/s.json")
    read -r ms wall rss user sys <<<"$(sort -g "$work/sims" | awk '{v[NR] = $0} END {print v[int((NR + 1) / 2)]}')"
    awk -v l="$label" -v m="$macs" -v ms="$ms" -v w="$wall" -v r="$rss" -v c="$user" -v y="$sys" 'BEGIN {
      printf "| %s | m1076-sram16m | %.0f | %.1f | %.2f | %.2f | %.2f | %.0f |\n", l, m, ms, m / ms / 1e6, w, c + y, r / 1024 }'
  done
  echo
fi
