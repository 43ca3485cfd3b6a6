// quantize: leaky_relu, fused or not, and hl.max with a scalar constant
// (the embedding model's max(leaky_relu(x), -0.4)) stay integer: the
// accumulators are requantized twice to a common i32 scale 256 times finer
// than the output's, once clamped below at 0 (x >= 0) and once times alpha
// clamped above at 0 (x < 0), added, and requantized to i8; the max goes
// into that requantize's clamp_min. A standalone hard_sigmoid on an i8
// value widens it to i32 first. The output stays within 0.1 + 2% of the
// float one on a sample the calibration did not see.
// RUN: rm -rf %t && mkdir -p %t/calib/a %t/calib/b %t/calib/c %t/float
// RUN: python3 %S/Inputs/rand_npy.py %t/calib/a/input_0.npy 1x8x4x4 71
// RUN: python3 %S/Inputs/rand_npy.py %t/calib/b/input_0.npy 1x8x4x4 72
// RUN: python3 %S/Inputs/rand_npy.py %t/calib/c/input_0.npy 1x8x4x4 73
// RUN: python3 %S/Inputs/rand_npy.py %t/eval.npy 1x8x4x4 74
// RUN: ipu-opt %s --pass-pipeline='builtin.module(func.func(quantize{calibration=%t/calib}))' --mlir-pass-statistics -o %t/q.mlir 2>&1 | FileCheck %s --check-prefix=STATS
// RUN: FileCheck %s --input-file=%t/q.mlir
// RUN: ipu-run %s --input 0=%t/eval.npy -o %t/float
// RUN: ipu-run %t/q.mlir --input 0=%t/eval.npy --expect 0=%t/float/output_0.npy --atol 0.1 --rtol 0.02 | FileCheck %s --check-prefix=NUMERICS

// CHECK-LABEL: func.func @main
// CHECK: %[[A:.*]] = hl.conv2d %{{.*}} -> tensor<1x8x4x4xi32>
// CHECK-NEXT: %[[POS:.*]] = hl.requantize %[[A]] {axis = 1 : i64, clamp_min = 0 : i64, {{.*}} -> tensor<1x8x4x4xi32>
// CHECK-NEXT: %[[NEG:.*]] = hl.requantize %[[A]] {axis = 1 : i64, clamp_max = 0 : i64, {{.*}} -> tensor<1x8x4x4xi32>
// CHECK-NEXT: %[[SUM:.*]] = hl.add %[[POS]], %[[NEG]] : tensor<1x8x4x4xi32>
// CHECK-NEXT: %[[L:.*]] = hl.requantize %[[SUM]] {clamp_min = -{{[0-9]+}} : i64, multiplier = array<i64: 1073741824>, shift = array<i64: 7>, {{.*}} -> tensor<1x8x4x4xi8>
// CHECK-NOT: hl.max
// CHECK: %[[B:.*]] = hl.conv2d %[[L]], {{.*}} -> tensor<1x8x4x4xi32>
// CHECK: %[[BQ:.*]] = hl.requantize %[[B]] {axis = 1 : i64, {{.*}} -> tensor<1x8x4x4xi8>
// CHECK-NEXT: %[[P2:.*]] = hl.requantize %[[BQ]] {{.*}} -> tensor<1x8x4x4xi32>
// CHECK-NEXT: %[[N2:.*]] = hl.requantize %[[BQ]] {{.*}} -> tensor<1x8x4x4xi32>
// CHECK-NEXT: %[[S2:.*]] = hl.add %[[P2]], %[[N2]] : tensor<1x8x4x4xi32>
// CHECK-NEXT: %[[L2:.*]] = hl.requantize %[[S2]] {{.*}} -> tensor<1x8x4x4xi8>
// CHECK-NEXT: %[[W:.*]] = hl.requantize %[[L2]] {multiplier = array<i64: 1073741824>, shift = array<i64: -9>, zero_point = dense<0> : tensor<1xi32>} : (tensor<1x8x4x4xi8>) -> tensor<1x8x4x4xi32>
// CHECK-NEXT: %[[OFF:.*]] = hl.constant {value = dense<{{-?[0-9]+}}> : tensor<i32>}
// CHECK-NEXT: %[[H:.*]] = hl.add %[[W]], %[[OFF]] : (tensor<1x8x4x4xi32>, tensor<i32>) -> tensor<1x8x4x4xi32>
// CHECK-NEXT: %[[HQ:.*]] = hl.requantize %[[H]] {clamp_min = 0 : i64, {{.*}} -> tensor<1x8x4x4xi8>
// CHECK: %[[Y:.*]] = hl.conv2d %[[HQ]],
// CHECK-NOT: hl.leaky_relu
// CHECK-NOT: hl.hard_sigmoid
// STATS: (S) 0 num-float-ops
// NUMERICS: output 0: max abs error {{.*}}: ok
func.func @main(%x: tensor<1x8x4x4xf32>) -> tensor<1x4x4x4xf32> {
  %w1 = hl.constant {value = dense<[[[[-0.211]], [[-0.419]], [[0.181]], [[-0.513]], [[0.043]], [[-0.161]], [[-0.530]], [[0.009]]], [[[-0.555]], [[-0.080]], [[-0.516]], [[-0.491]], [[-0.091]], [[0.392]], [[-0.451]], [[-0.332]]], [[[0.153]], [[0.537]], [[0.093]], [[-0.124]], [[0.572]], [[-0.544]], [[0.430]], [[-0.252]]], [[[-0.427]], [[-0.459]], [[-0.230]], [[0.379]], [[-0.383]], [[0.098]], [[0.167]], [[-0.153]]], [[[0.057]], [[-0.525]], [[-0.528]], [[-0.353]], [[0.216]], [[-0.087]], [[-0.223]], [[0.103]]], [[[-0.056]], [[-0.240]], [[0.353]], [[0.239]], [[-0.307]], [[0.089]], [[0.030]], [[0.450]]], [[[0.275]], [[-0.254]], [[0.576]], [[-0.458]], [[-0.098]], [[0.309]], [[-0.418]], [[-0.013]]], [[[-0.553]], [[0.202]], [[0.317]], [[0.088]], [[0.451]], [[-0.224]], [[0.234]], [[0.113]]]]> : tensor<8x8x1x1xf32>} : tensor<8x8x1x1xf32>
  %b1 = hl.constant {value = dense<[0.016, -0.009, 0.068, 0.089, -0.005, 0.033, -0.088, 0.040]> : tensor<8xf32>} : tensor<8xf32>
  %l1 = hl.constant {value = dense<[[[[-0.328]], [[0.021]], [[-0.173]], [[-0.565]], [[-0.566]], [[-0.265]], [[-0.289]], [[0.231]]], [[[0.548]], [[-0.063]], [[0.524]], [[0.586]], [[0.546]], [[-0.162]], [[-0.335]], [[-0.328]]], [[[-0.364]], [[-0.355]], [[0.149]], [[0.480]], [[0.409]], [[-0.025]], [[0.184]], [[0.360]]], [[[-0.498]], [[0.193]], [[0.492]], [[0.339]], [[0.300]], [[-0.026]], [[-0.386]], [[0.347]]], [[[-0.201]], [[0.361]], [[0.566]], [[-0.125]], [[-0.118]], [[0.536]], [[0.270]], [[-0.396]]], [[[-0.448]], [[-0.419]], [[0.486]], [[0.368]], [[-0.425]], [[0.392]], [[0.576]], [[0.189]]], [[[-0.180]], [[0.058]], [[-0.443]], [[-0.583]], [[0.565]], [[0.180]], [[0.032]], [[0.520]]], [[[-0.079]], [[0.446]], [[0.391]], [[-0.347]], [[-0.298]], [[-0.248]], [[-0.311]], [[0.104]]]]> : tensor<8x8x1x1xf32>} : tensor<8x8x1x1xf32>
  %l2 = hl.constant {value = dense<[[[[-0.241]], [[-0.081]], [[-0.369]], [[0.410]], [[-0.146]], [[-0.042]], [[0.083]], [[0.404]]], [[[-0.079]], [[0.418]], [[0.002]], [[0.032]], [[0.024]], [[-0.481]], [[-0.060]], [[-0.317]]], [[[-0.496]], [[0.299]], [[-0.328]], [[-0.027]], [[0.225]], [[0.056]], [[-0.174]], [[0.018]]], [[[0.055]], [[0.284]], [[-0.394]], [[0.060]], [[-0.252]], [[-0.223]], [[0.272]], [[0.008]]]]> : tensor<4x8x1x1xf32>} : tensor<4x8x1x1xf32>
  %c = hl.constant {value = dense<-4.000000e-01> : tensor<1x1x1x1xf32>} : tensor<1x1x1x1xf32>
  %a = hl.conv2d %x, %w1, %b1 {activation = "leaky_relu", activation_params = array<f32: 0.2>} : (tensor<1x8x4x4xf32>, tensor<8x8x1x1xf32>, tensor<8xf32>) -> tensor<1x8x4x4xf32>
  %m = hl.max %a, %c : (tensor<1x8x4x4xf32>, tensor<1x1x1x1xf32>) -> tensor<1x8x4x4xf32>
  %b = hl.conv2d %m, %l1 : (tensor<1x8x4x4xf32>, tensor<8x8x1x1xf32>) -> tensor<1x8x4x4xf32>
  %l = hl.leaky_relu %b {alpha = 1.000000e-01 : f32} : tensor<1x8x4x4xf32>
  %h = hl.hard_sigmoid %l {alpha = 2.000000e-01 : f32, beta = 5.000000e-01 : f32} : tensor<1x8x4x4xf32>
  %y = hl.conv2d %h, %l2 : (tensor<1x8x4x4xf32>, tensor<4x8x1x1xf32>) -> tensor<1x4x4x4xf32>
  return %y : tensor<1x4x4x4xf32>
}
