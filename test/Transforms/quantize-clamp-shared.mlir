// quantize: a relu folds into the clamp of the requantize before it only
// when it is the one reader of its operand. Here the conv's float output
// also feeds a second conv, which must see the negative values too: the
// requantize keeps its full range and the relu stays, as an integer relu.
// Both outputs stay within tolerance of the float network on a sample the
// calibration did not see (before the fix, output 1 read the clamped
// integers: 95 of 128 elements off).
// RUN: rm -rf %t && mkdir -p %t/calib/a %t/calib/b %t/float
// RUN: python3 %S/Inputs/rand_npy.py %t/calib/a/input_0.npy 1x8x4x4 71
// RUN: python3 %S/Inputs/rand_npy.py %t/calib/b/input_0.npy 1x8x4x4 72
// RUN: python3 %S/Inputs/rand_npy.py %t/eval.npy 1x8x4x4 74
// RUN: ipu-opt %s --pass-pipeline='builtin.module(func.func(quantize{calibration=%t/calib}))' -o %t/q.mlir 2>/dev/null
// RUN: FileCheck %s --input-file=%t/q.mlir
// RUN: ipu-run %s --input 0=%t/eval.npy -o %t/float
// RUN: ipu-run %t/q.mlir --input 0=%t/eval.npy --expect 0=%t/float/output_0.npy --expect 1=%t/float/output_1.npy --atol 0.1 --rtol 0.02 | FileCheck %s --check-prefix=NUMERICS

// CHECK-LABEL: func.func @main
// CHECK: %[[A:.*]] = hl.conv2d %{{.*}} -> tensor<1x8x4x4xi32>
// CHECK-NEXT: %[[Q:.*]] = hl.requantize %[[A]]
// CHECK-NOT: clamp_min
// CHECK-SAME: -> tensor<1x8x4x4xi8>
// CHECK-NEXT: %[[R:.*]] = hl.relu %[[Q]] : tensor<1x8x4x4xi8>
// CHECK: hl.conv2d %[[R]],
// CHECK: hl.conv2d %[[Q]],
// NUMERICS: output 0: max abs error {{.*}}: ok
// NUMERICS: output 1: max abs error {{.*}}: ok
func.func @main(%x: tensor<1x8x4x4xf32>) -> (tensor<1x8x4x4xf32>, tensor<1x8x4x4xf32>) {
  %w1 = hl.constant {value = dense<[[[[-0.211]], [[-0.419]], [[0.181]], [[-0.513]], [[0.043]], [[-0.161]], [[-0.530]], [[0.009]]], [[[-0.555]], [[-0.080]], [[-0.516]], [[-0.491]], [[-0.091]], [[0.392]], [[-0.451]], [[-0.332]]], [[[0.153]], [[0.537]], [[0.093]], [[-0.124]], [[0.572]], [[-0.544]], [[0.430]], [[-0.252]]], [[[-0.427]], [[-0.459]], [[-0.230]], [[0.379]], [[-0.383]], [[0.098]], [[0.167]], [[-0.153]]], [[[0.057]], [[-0.525]], [[-0.528]], [[-0.353]], [[0.216]], [[-0.087]], [[-0.223]], [[0.103]]], [[[-0.056]], [[-0.240]], [[0.353]], [[0.239]], [[-0.307]], [[0.089]], [[0.030]], [[0.450]]], [[[0.275]], [[-0.254]], [[0.576]], [[-0.458]], [[-0.098]], [[0.309]], [[-0.418]], [[-0.013]]], [[[-0.553]], [[0.202]], [[0.317]], [[0.088]], [[0.451]], [[-0.224]], [[0.234]], [[0.113]]]]> : tensor<8x8x1x1xf32>} : tensor<8x8x1x1xf32>
  %b1 = hl.constant {value = dense<[0.016, -0.009, 0.068, 0.089, -0.005, 0.033, -0.088, 0.040]> : tensor<8xf32>} : tensor<8xf32>
  %a = hl.conv2d %x, %w1, %b1 : (tensor<1x8x4x4xf32>, tensor<8x8x1x1xf32>, tensor<8xf32>) -> tensor<1x8x4x4xf32>
  %r = hl.relu %a : tensor<1x8x4x4xf32>
  %p = hl.conv2d %r, %w1 : (tensor<1x8x4x4xf32>, tensor<8x8x1x1xf32>) -> tensor<1x8x4x4xf32>
  %q = hl.conv2d %a, %w1 : (tensor<1x8x4x4xf32>, tensor<8x8x1x1xf32>) -> tensor<1x8x4x4xf32>
  return %p, %q : tensor<1x8x4x4xf32>, tensor<1x8x4x4xf32>
}
