// hl-to-tile-pipeline on hard-swish between two convs (as ppocr's
// MobileNetV3 blocks have it): quantize makes an integer add with the
// constant 3, hl-fold-constants (after quantize) folds the quantization
// of that constant, and the division by 6 is folded into a scale, so only
// the input's quantization and the output's dequantization are left on
// the host; everything else runs on the arrays and the SIMD units. The
// tile IR equals the quantized hl to the bit.
// RUN: rm -rf %t && mkdir -p %t/calib/s0 %t/calib/s1
// RUN: python3 %S/Inputs/rand_npy.py %t/calib/s0/input_0.npy 1x4x4x4 31
// RUN: python3 %S/Inputs/rand_npy.py %t/calib/s1/input_0.npy 1x4x4x4 32
// RUN: ipu-opt %s --mlir-pass-statistics --pass-pipeline='builtin.module(hl-to-tile-pipeline{target=test-4x4 calibration=%t/calib})' -o %t/tile.mlir 2>%t/stats.txt
// RUN: FileCheck %s < %t/tile.mlir
// RUN: FileCheck %s --check-prefix=STATS < %t/stats.txt
// RUN: ipu-opt %s --pass-pipeline='builtin.module(hl-optimize,func.func(quantize{calibration=%t/calib}))' -o %t/q.mlir 2>/dev/null
// RUN: mkdir -p %t/q && ipu-run %t/q.mlir --input 0=%t/calib/s1/input_0.npy -o %t/q
// RUN: ipu-run %t/tile.mlir --input 0=%t/calib/s1/input_0.npy --expect 0=%t/q/output_0.npy --rtol 0 --atol 0 | FileCheck %s --check-prefix=OUT

// CHECK-LABEL: func.func @hard_swish
// CHECK: tile.host
// CHECK-NEXT: ^bb0
// CHECK-NEXT: hl.quantize %arg1
// CHECK-NEXT: tile.yield
// CHECK-NOT: tile.host
// CHECK-NOT: hl.div
// CHECK: tile.simd
// CHECK: hl.mul
// CHECK-NEXT: hl.requantize
// CHECK-NOT: tile.host
// CHECK: tile.mvm
// CHECK: tile.host
// CHECK-NEXT: ^bb0
// CHECK-NEXT: hl.dequantize
// CHECK-NEXT: tile.yield
// CHECK-NOT: tile.host
// STATS: {{^}}  quantize
// STATS: {{^}}  hl-fold-constants
// STATS-NEXT: (S) 2 num-folded
// STATS: hl-to-tile
// STATS: (S) 2 num-host-ops
// OUT: output 0: max abs error 0, max rel error 0: ok
func.func @hard_swish(%x: tensor<1x4x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %wa = hl.constant {value = dense<[[[[0.149]], [[-0.03]], [[-0.438]], [[0.524]]], [[[-0.308]], [[-0.421]], [[-0.485]], [[0.166]]], [[[0.446]], [[0.339]], [[-0.118]], [[-0.283]]], [[[-0.586]], [[0.174]], [[0.075]], [[-0.18]]]]> : tensor<4x4x1x1xf32>} : tensor<4x4x1x1xf32>
  %w3 = hl.constant {value = dense<[[[[-0.427]], [[0.169]], [[0.284]], [[0.397]]], [[[-0.346]], [[0.216]], [[0.16]], [[-0.357]]]]> : tensor<2x4x1x1xf32>} : tensor<2x4x1x1xf32>
  %c3 = hl.constant {value = dense<3.0> : tensor<f32>} : tensor<f32>
  %c6 = hl.constant {value = dense<6.0> : tensor<f32>} : tensor<f32>
  %a = hl.conv2d %x, %wa : (tensor<1x4x4x4xf32>, tensor<4x4x1x1xf32>) -> tensor<1x4x4x4xf32>
  %p = hl.add %a, %c3 : (tensor<1x4x4x4xf32>, tensor<f32>) -> tensor<1x4x4x4xf32>
  %r = hl.clip %p {max = 6.0 : f32, min = 0.0 : f32} : tensor<1x4x4x4xf32>
  %m = hl.mul %a, %r : tensor<1x4x4x4xf32>
  %d = hl.div %m, %c6 : (tensor<1x4x4x4xf32>, tensor<f32>) -> tensor<1x4x4x4xf32>
  %1 = hl.conv2d %d, %w3 : (tensor<1x4x4x4xf32>, tensor<2x4x1x1xf32>) -> tensor<1x2x4x4xf32>
  return %1 : tensor<1x2x4x4xf32>
}
