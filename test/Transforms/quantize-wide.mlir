// quantize: 16-bit activations (wide-activations=NAMES|all, and the
// accuracy-driven min-cosine search). A wide layer input is an i16 within
// +-qmax: 16383 (two passes of an 8-bit DAC), less when the layer's dot
// product is so long that K * qmax * 127 would overflow its i32
// accumulator; weights stay 8-bit.
// RUN: rm -rf %t && mkdir -p %t/calib/s0 %t/calib/s1
// RUN: python3 %S/Inputs/rand_npy.py %t/calib/s0/input_0.npy 1x8 41
// RUN: python3 %S/Inputs/rand_npy.py %t/calib/s1/input_0.npy 1x8 42
// RUN: ipu-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(quantize{calibration=%t/calib wide-activations=second}))' 2>/dev/null | FileCheck %s --check-prefix=NAMED
// RUN: ipu-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(quantize{calibration=%t/calib wide-activations=all}))' 2>/dev/null | FileCheck %s --check-prefix=ALL
// RUN: ipu-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(quantize{calibration=%t/calib min-cosine=1}))' --mlir-pass-statistics 2>&1 >/dev/null | FileCheck %s --check-prefix=SEARCH
// RUN: ipu-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(quantize{calibration=%t/calib min-cosine=0.5}))' --mlir-pass-statistics 2>&1 >/dev/null | FileCheck %s --check-prefix=EASY
// RUN: not ipu-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(quantize{calibration=%t/calib wide-activations=nosuch}))' 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: not ipu-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(quantize{calibration=%t/calib min-cosine=2}))' 2>&1 | FileCheck %s --check-prefix=RANGE

// Only the layer named 'second' gets a wide input: its relu'd input is
// requantized to i16 (the relu in the clamp), the first layer's input stays
// i8.
// NAMED-LABEL: func.func @mlp
// NAMED: hl.quantize %arg0 {scale = {{.*}}, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x8xf32>) -> tensor<1x8xi8>
// NAMED: %[[A:.*]] = hl.gemm {{.*}} : (tensor<1x8xi8>, tensor<16x8xi8>, tensor<16xi32>) -> tensor<1x16xi32>
// NAMED: %[[R:.*]] = hl.requantize %[[A]] {axis = 1 : i64, clamp_max = 16383 : i64, clamp_min = 0 : i64, {{.*}}zero_point = dense<0> : tensor<1xi16>} : (tensor<1x16xi32>) -> tensor<1x16xi16>
// NAMED: hl.gemm %[[R]], {{.*}} : (tensor<1x16xi16>, tensor<4x16xi8>, tensor<4xi32>) -> tensor<1x4xi32>

// With all, the argument is quantized straight to i16, clamped.
// ALL-LABEL: func.func @mlp
// ALL: hl.quantize %arg0 {clamp_max = 16383 : i64, clamp_min = -16383 : i64, scale = {{.*}}, zero_point = dense<0> : tensor<1xi16>} : (tensor<1x8xf32>) -> tensor<1x8xi16>
// ALL: hl.gemm {{.*}} : (tensor<1x8xi16>, tensor<16x8xi8>, tensor<16xi32>) -> tensor<1x16xi32>
// ALL: hl.requantize {{.*}} -> tensor<1x16xi16>
// ALL: hl.gemm {{.*}} : (tensor<1x16xi16>, tensor<4x16xi8>, tensor<4xi32>) -> tensor<1x4xi32>

// The search widens layers until the goal is met; a cosine of exactly 1
// is out of reach, so it widens every layer and says so.
// SEARCH: remark: 'func.func' op quantize: min-cosine 1 not reached: {{.*}} with every eligible layer input wide
// SEARCH: 2 num-wide-layers
// An easy goal needs no wide layer.
// EASY: 0 num-wide-layers

// UNKNOWN: error: 'func.func' op quantize: wide-activations: no conv2d, gemm or matmul with a constant weight is named 'nosuch'
// RANGE: error: 'func.func' op quantize: min-cosine must be in [0, 1], got 2
func.func @mlp(%x: tensor<1x8xf32>) -> tensor<1x4xf32> {
  %w1 = hl.constant {value = dense<[[0.31, -0.12, 0.05, 0.44, -0.27, 0.18, -0.09, 0.36], [-0.21, 0.33, 0.14, -0.08, 0.29, -0.41, 0.07, 0.11], [0.17, 0.02, -0.35, 0.24, 0.06, -0.13, 0.38, -0.19], [0.09, -0.28, 0.21, 0.15, -0.33, 0.04, 0.26, 0.12], [-0.14, 0.19, 0.37, -0.22, 0.08, 0.31, -0.05, 0.27], [0.25, -0.06, -0.18, 0.32, 0.13, -0.24, 0.16, -0.37], [0.03, 0.42, -0.11, 0.07, -0.29, 0.22, 0.34, -0.01], [-0.32, 0.14, 0.28, -0.17, 0.21, 0.09, -0.23, 0.35], [0.12, -0.25, 0.06, 0.39, -0.15, 0.27, 0.01, -0.08], [0.41, 0.07, -0.26, 0.13, 0.34, -0.02, -0.19, 0.23], [-0.07, 0.36, 0.15, -0.31, 0.02, 0.18, 0.29, -0.14], [0.22, -0.17, 0.33, 0.04, -0.12, -0.38, 0.11, 0.26], [0.16, 0.28, -0.04, -0.24, 0.37, 0.12, -0.33, 0.05], [-0.29, 0.01, 0.24, 0.18, -0.07, 0.35, 0.14, -0.21], [0.35, -0.33, 0.09, -0.13, 0.26, 0.05, -0.16, 0.31], [0.06, 0.23, -0.39, 0.28, 0.17, -0.11, 0.2, 0.02]]> : tensor<16x8xf32>} : tensor<16x8xf32>
  %b1 = hl.constant {value = dense<[0.01, -0.02, 0.03, 0.0, 0.05, -0.01, 0.02, 0.04, -0.03, 0.01, 0.0, 0.02, -0.04, 0.03, 0.01, -0.02]> : tensor<16xf32>} : tensor<16xf32>
  %w2 = hl.constant {value = dense<[[0.21, -0.33, 0.14, 0.08, -0.27, 0.36, 0.05, -0.12, 0.29, -0.18, 0.11, 0.24, -0.06, 0.31, -0.22, 0.17], [-0.15, 0.26, 0.32, -0.09, 0.13, -0.28, 0.19, 0.04, -0.35, 0.22, 0.07, -0.14, 0.38, 0.01, 0.16, -0.25], [0.34, 0.09, -0.21, 0.27, 0.03, 0.12, -0.31, 0.23, 0.06, -0.04, 0.29, 0.15, -0.19, 0.25, 0.11, 0.02], [-0.08, 0.18, 0.05, -0.36, 0.24, 0.01, 0.13, -0.26, 0.2, 0.33, -0.11, 0.07, 0.28, -0.17, 0.04, 0.3]]> : tensor<4x16xf32>} : tensor<4x16xf32>
  %b2 = hl.constant {value = dense<[0.02, -0.01, 0.0, 0.03]> : tensor<4xf32>} : tensor<4xf32>
  %0 = hl.gemm %x, %w1, %b1 {activation = "relu", trans_b = true} : (tensor<1x8xf32>, tensor<16x8xf32>, tensor<16xf32>) -> tensor<1x16xf32> loc("first")
  %1 = hl.gemm %0, %w2, %b2 {trans_b = true} : (tensor<1x16xf32>, tensor<4x16xf32>, tensor<4xf32>) -> tensor<1x4xf32> loc("second")
  return %1 : tensor<1x4xf32>
}
