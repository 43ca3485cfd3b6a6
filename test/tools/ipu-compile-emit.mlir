// ipu-compile's emitted IR and its quiet mode: --emit=tile stops after the
// lowering (3 stages), --emit=hw runs the whole pipeline and then prints
// the hw IR (8 stages), each emission a stage of its own in the JSON
// report; --mlir-print-debuginfo keeps the locations in the emitted IR, so
// that compiling it again still names this file's lines; -q silences the
// progress lines and quantize's remarks, not the errors.
// RUN: rm -rf %t && mkdir -p %t/calib/s0
// RUN: python3 %S/../Transforms/Inputs/rand_npy.py %t/calib/s0/input_0.npy 4x8 1
// RUN: ipu-compile %s --target test-4x4 --calibration %t/calib --emit=tile -o %t/t.ir 2>&1 | FileCheck %s --check-prefix=TILE
// RUN: ipu-compile %s --target test-4x4 --calibration %t/calib --emit=hw -o %t/h.ir --report=json -q > %t/r.json 2> %t/quiet.txt
// RUN: FileCheck %s --check-prefix=JSON < %t/r.json
// RUN: count 0 < %t/quiet.txt
// RUN: FileCheck %s --check-prefix=NOLOC < %t/h.ir
// RUN: ipu-compile %s --target test-4x4 --calibration %t/calib --emit=tile --mlir-print-debuginfo -q -o %t/tl.ir
// RUN: FileCheck %s --check-prefix=LOC < %t/tl.ir
// RUN: sed -e 's/block = @a0::@l0_k0_n0/block = @a0::@missing/' %t/tl.ir > %t/bad.ir
// RUN: not ipu-compile %t/bad.ir --target test-4x4 -q -o %t/x.ipub 2>&1 | FileCheck %s --check-prefix=BAD

// TILE: [1/3] load
// TILE: remark: 'hl.dequantize' op quantized 'hl.matmul'
// TILE: [2/3] quantize, lower to tiles
// TILE: [3/3] emit tile IR

// JSON: "name": "load"
// JSON: "name": "plan memory"
// JSON: "name": "check the binary"
// JSON: "name": "emit hw IR"

// NOLOC-NOT: loc(
// NOLOC: hw.tile

// LOC: tile.mvm {{.*}} loc(#[[L:loc[0-9]*]])
// LOC: #[[L]] = loc("{{.*}}ipu-compile-emit.mlir":[[@LINE+6]]:

// BAD: ipu-compile-emit.mlir:[[@LINE+4]]:8: error: 'tile.mvm' op

func.func @main(%x: tensor<4x8xf32>) -> tensor<4x4xf32> {
  %w = hl.constant {value = dense<[[0.5, -0.25, 0.125, 1.0], [0.1, 0.2, 0.3, 0.4], [-0.5, 0.25, -0.125, -1.0], [0.9, -0.8, 0.7, -0.6], [0.5, -0.25, 0.125, 1.0], [0.1, 0.2, 0.3, 0.4], [-0.5, 0.25, -0.125, -1.0], [0.9, -0.8, 0.7, -0.6]]> : tensor<8x4xf32>} : tensor<8x4xf32>
  %y = hl.matmul %x, %w : (tensor<4x8xf32>, tensor<8x4xf32>) -> tensor<4x4xf32>
  return %y : tensor<4x4xf32>
}
