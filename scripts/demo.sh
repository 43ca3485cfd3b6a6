#!/usr/bin/env bash
# The main job on the bundled example: set up, build, compile the PaddleOCR
# text-direction classifier (examples/ppocr-cls) for the m1076 target, run it
# on the simulated chip with the report, and draw its placement and routes.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/setup.sh"
bash "$root/scripts/build.sh" build
ex="$root/examples/ppocr-cls"
out="$root/build/demo"
mkdir -p "$out"
"$root/build/bin/ipu-compile" "$ex/model.onnx" --input-shape x=1x3x48x192 \
  --target=m1076 --calibration "$ex/calib" \
  -o "$out/ppocr-cls.ipub" --svg "$out/ppocr-cls.svg" --report
# The 8-bit network on the chip against ONNX Runtime's float output: the
# quantization moves the two class scores by up to 0.09 on this input (both
# pick the same class), hence the tolerance.
"$root/build/bin/ipu-run" "$out/ppocr-cls.ipub" --input x="$ex/input.npy" \
  --expect 0="$ex/expected-onnxruntime.npy" --atol 0.1 --report
echo "The placement and routes: $out/ppocr-cls.svg (open it in a browser)"
