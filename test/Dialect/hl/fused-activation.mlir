// Round trip of the fused activations of hl.conv2d, hl.conv_transpose,
// hl.matmul and hl.gemm: short and generic form, open clip bounds as
// infinities (which MLIR's mlir-opt reads and prints the same way).
// RUN: ipu-opt %s | FileCheck %s
// RUN: ipu-opt %s | ipu-opt | FileCheck %s
// RUN: ipu-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: ipu-opt %s --mlir-print-op-generic | ipu-opt | FileCheck %s

// CHECK-LABEL: func.func @fused
func.func @fused(%x: tensor<1x2x4x4xf32>, %w: tensor<3x2x1x1xf32>, %wt: tensor<2x3x1x1xf32>, %a: tensor<2x3xf32>, %b: tensor<3x4xf32>, %bt: tensor<4x3xf32>) -> (tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>) {
  // CHECK: hl.conv2d %{{.*}}, %{{.*}} {activation = "relu"} : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32>
  %0 = hl.conv2d %x, %w {activation = "relu"} : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: hl.conv2d %{{.*}}, %{{.*}} {activation = "clip", activation_params = array<f32: 0xFF800000, 6.000000e+00>, groups = 1 : i64}
  %1 = hl.conv2d %x, %w {activation = "clip", activation_params = array<f32: 0xFF800000, 6.0>, groups = 1 : i64} : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: hl.conv_transpose %{{.*}}, %{{.*}} {activation = "hard_sigmoid", activation_params = array<f32: 2.000000e-01, 5.000000e-01>}
  %2 = hl.conv_transpose %x, %wt {activation = "hard_sigmoid", activation_params = array<f32: 0.2, 0.5>} : (tensor<1x2x4x4xf32>, tensor<2x3x1x1xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: hl.matmul %{{.*}}, %{{.*}} {activation = "leaky_relu", activation_params = array<f32: 1.000000e-01>}
  %3 = hl.matmul %a, %b {activation = "leaky_relu", activation_params = array<f32: 0.1>} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  // CHECK: hl.gemm %{{.*}}, %{{.*}} {activation = "clip", activation_params = array<f32: 0.000000e+00, 0x7F800000>, trans_b = true}
  %4 = hl.gemm %a, %bt {activation = "clip", activation_params = array<f32: 0.0, 0x7F800000>, trans_b = true} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
  // An empty parameter list is the same as none for the activations that
  // take no parameters.
  // CHECK: hl.matmul %{{.*}}, %{{.*}} {activation = "hard_swish", activation_params = array<f32>}
  %5 = hl.matmul %a, %b {activation = "hard_swish", activation_params = array<f32>} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>
}

// GENERIC: "hl.conv2d"(%{{.*}}, %{{.*}}) <{activation = "relu"}>
// GENERIC: "hl.conv2d"(%{{.*}}, %{{.*}}) <{activation = "clip", activation_params = array<f32: 0xFF800000, 6.000000e+00>, groups = 1 : i64}>
// GENERIC: "hl.conv_transpose"(%{{.*}}, %{{.*}}) <{activation = "hard_sigmoid", activation_params = array<f32: 2.000000e-01, 5.000000e-01>}>
// GENERIC: "hl.matmul"(%{{.*}}, %{{.*}}) <{activation = "leaky_relu", activation_params = array<f32: 1.000000e-01>}>
// GENERIC: "hl.gemm"(%{{.*}}, %{{.*}}) <{activation = "clip", activation_params = array<f32: 0.000000e+00, 0x7F800000>, trans_b = true}>
