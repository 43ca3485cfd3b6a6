// Round trip of the hl ops added for ONNX conformance (comparisons and
// logic, further math, index reductions, gather/expand/tile, norms) in the
// short and the generic form, the latter also through MLIR's mlir-opt.
// RUN: ipu-opt %s | FileCheck %s
// RUN: ipu-opt %s | ipu-opt | FileCheck %s
// RUN: ipu-opt %s --mlir-print-op-generic | ipu-opt | FileCheck %s
// RUN: ipu-opt %s --mlir-print-op-generic | mlir-opt --allow-unregistered-dialect --mlir-print-op-generic | ipu-opt | FileCheck %s


// CHECK-LABEL: func.func @logic(%arg0: tensor<3x4xf32>, %arg1: tensor<4xf32>, %arg2: tensor<3x4xi1>, %arg3: tensor<4xi1>, %arg4: tensor<3xi64>, %arg5: tensor<i64>) -> (tensor<3x4xi1>, tensor<3x4xi1>, tensor<3x4xi1>, tensor<3xi1>, tensor<3x4xi1>, tensor<3x4xi1>, tensor<3x4xi1>, tensor<3x4xi1>, tensor<3x4xi1>, tensor<3x4xf32>) {
// CHECK-NEXT:    %0 = hl.equal %arg0, %arg1 : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3x4xi1>
// CHECK-NEXT:    %1 = hl.less %arg0, %arg1 : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3x4xi1>
// CHECK-NEXT:    %2 = hl.less_equal %arg0, %arg0 : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xi1>
// CHECK-NEXT:    %3 = hl.greater %arg4, %arg5 : (tensor<3xi64>, tensor<i64>) -> tensor<3xi1>
// CHECK-NEXT:    %4 = hl.greater_equal %arg0, %arg1 : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3x4xi1>
// CHECK-NEXT:    %5 = hl.and %arg2, %arg3 : (tensor<3x4xi1>, tensor<4xi1>) -> tensor<3x4xi1>
// CHECK-NEXT:    %6 = hl.or %arg2, %arg2 : tensor<3x4xi1>
// CHECK-NEXT:    %7 = hl.xor %arg2, %arg3 : (tensor<3x4xi1>, tensor<4xi1>) -> tensor<3x4xi1>
// CHECK-NEXT:    %8 = hl.not %arg2 : tensor<3x4xi1>
// CHECK-NEXT:    %9 = hl.where %arg2, %arg0, %arg1 : (tensor<3x4xi1>, tensor<3x4xf32>, tensor<4xf32>) -> tensor<3x4xf32>
// CHECK-NEXT:    return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9 : tensor<3x4xi1>, tensor<3x4xi1>, tensor<3x4xi1>, tensor<3xi1>, tensor<3x4xi1>, tensor<3x4xi1>, tensor<3x4xi1>, tensor<3x4xi1>, tensor<3x4xi1>, tensor<3x4xf32>
func.func @logic(%a: tensor<3x4xf32>, %b: tensor<4xf32>, %p: tensor<3x4xi1>, %q: tensor<4xi1>, %i: tensor<3xi64>, %j: tensor<i64>) -> (tensor<3x4xi1>, tensor<3x4xi1>, tensor<3x4xi1>, tensor<3xi1>, tensor<3x4xi1>, tensor<3x4xi1>, tensor<3x4xi1>, tensor<3x4xi1>, tensor<3x4xi1>, tensor<3x4xf32>) {
  %0 = hl.equal %a, %b : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3x4xi1>
  %1 = hl.less %a, %b : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3x4xi1>
  %2 = hl.less_equal %a, %a : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xi1>
  %3 = hl.greater %i, %j : (tensor<3xi64>, tensor<i64>) -> tensor<3xi1>
  %4 = hl.greater_equal %a, %b : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3x4xi1>
  %5 = hl.and %p, %q : (tensor<3x4xi1>, tensor<4xi1>) -> tensor<3x4xi1>
  %6 = hl.or %p, %p : tensor<3x4xi1>
  %7 = hl.xor %p, %q : (tensor<3x4xi1>, tensor<4xi1>) -> tensor<3x4xi1>
  %8 = hl.not %p : tensor<3x4xi1>
  %9 = hl.where %p, %a, %b : (tensor<3x4xi1>, tensor<3x4xf32>, tensor<4xf32>) -> tensor<3x4xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9 : tensor<3x4xi1>, tensor<3x4xi1>, tensor<3x4xi1>, tensor<3xi1>, tensor<3x4xi1>, tensor<3x4xi1>, tensor<3x4xi1>, tensor<3x4xi1>, tensor<3x4xi1>, tensor<3x4xf32>
}

// CHECK-LABEL: func.func @math(%arg0: tensor<3x4xf32>, %arg1: tensor<4xf32>, %arg2: tensor<5xi32>) -> (tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<5xi32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>) {
// CHECK-NEXT:    %0 = hl.reciprocal %arg0 : tensor<3x4xf32>
// CHECK-NEXT:    %1 = hl.floor %arg0 : tensor<3x4xf32>
// CHECK-NEXT:    %2 = hl.ceil %arg0 : tensor<3x4xf32>
// CHECK-NEXT:    %3 = hl.round %arg0 : tensor<3x4xf32>
// CHECK-NEXT:    %4 = hl.erf %arg0 : tensor<3x4xf32>
// CHECK-NEXT:    %5 = hl.sin %arg0 : tensor<3x4xf32>
// CHECK-NEXT:    %6 = hl.cos %arg0 : tensor<3x4xf32>
// CHECK-NEXT:    %7 = hl.softplus %arg0 : tensor<3x4xf32>
// CHECK-NEXT:    %8 = hl.softsign %arg0 : tensor<3x4xf32>
// CHECK-NEXT:    %9 = hl.sign %arg2 : tensor<5xi32>
// CHECK-NEXT:    %10 = hl.elu %arg0 {alpha = 2.000000e+00 : f32} : tensor<3x4xf32>
// CHECK-NEXT:    %11 = hl.selu %arg0 {alpha = 2.000000e+00 : f32, gamma = 3.000000e+00 : f32} : tensor<3x4xf32>
// CHECK-NEXT:    %12 = hl.celu %arg0 : tensor<3x4xf32>
// CHECK-NEXT:    %13 = hl.thresholded_relu %arg0 {alpha = 2.000000e+00 : f32} : tensor<3x4xf32>
// CHECK-NEXT:    %14 = hl.prelu %arg0, %arg1 : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3x4xf32>
// CHECK-NEXT:    %15 = hl.log_softmax %arg0 {axis = 1 : i64} : tensor<3x4xf32>
// CHECK-NEXT:    %16 = hl.hardmax %arg0 {axis = 0 : i64} : tensor<3x4xf32>
// CHECK-NEXT:    return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15, %16 : tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<5xi32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>
func.func @math(%a: tensor<3x4xf32>, %s: tensor<4xf32>, %i: tensor<5xi32>) -> (tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<5xi32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>) {
  %0 = hl.reciprocal %a : tensor<3x4xf32>
  %1 = hl.floor %a : tensor<3x4xf32>
  %2 = hl.ceil %a : tensor<3x4xf32>
  %3 = hl.round %a : tensor<3x4xf32>
  %4 = hl.erf %a : tensor<3x4xf32>
  %5 = hl.sin %a : tensor<3x4xf32>
  %6 = hl.cos %a : tensor<3x4xf32>
  %7 = hl.softplus %a : tensor<3x4xf32>
  %8 = hl.softsign %a : tensor<3x4xf32>
  %9 = hl.sign %i : tensor<5xi32>
  %10 = hl.elu %a {alpha = 2.000000e+00 : f32} : tensor<3x4xf32>
  %11 = hl.selu %a {alpha = 2.0 : f32, gamma = 3.0 : f32} : tensor<3x4xf32>
  %12 = hl.celu %a : tensor<3x4xf32>
  %13 = hl.thresholded_relu %a {alpha = 2.000000e+00 : f32} : tensor<3x4xf32>
  %14 = hl.prelu %a, %s : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3x4xf32>
  %15 = hl.log_softmax %a {axis = 1 : i64} : tensor<3x4xf32>
  %16 = hl.hardmax %a {axis = 0 : i64} : tensor<3x4xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15, %16 : tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<5xi32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>
}

// CHECK-LABEL: func.func @shape(%arg0: tensor<2x3xf32>, %arg1: tensor<5x4x3xf32>, %arg2: tensor<2xi64>, %arg3: tensor<3x1xf32>) -> (tensor<2x1xi64>, tensor<3xi64>, tensor<5x2x3xf32>, tensor<2x3x6xf32>, tensor<2x6xf32>, tensor<2x1xf32>, tensor<2x1xf32>, tensor<f32>, tensor<1x3xf32>, tensor<2x1xf32>) {
// CHECK-NEXT:    %0 = hl.argmax %arg0 {axis = 1 : i64} : (tensor<2x3xf32>) -> tensor<2x1xi64>
// CHECK-NEXT:    %1 = hl.argmin %arg0 {keepdims = false, select_last_index = true} : (tensor<2x3xf32>) -> tensor<3xi64>
// CHECK-NEXT:    %2 = hl.gather %arg1, %arg2 {axis = 1 : i64} : (tensor<5x4x3xf32>, tensor<2xi64>) -> tensor<5x2x3xf32>
// CHECK-NEXT:    %3 = hl.expand %arg3 {shape = array<i64: 2, 1, 6>} : (tensor<3x1xf32>) -> tensor<2x3x6xf32>
// CHECK-NEXT:    %4 = hl.tile %arg0 {repeats = array<i64: 1, 2>} : (tensor<2x3xf32>) -> tensor<2x6xf32>
// CHECK-NEXT:    %5 = hl.reduce_l1 %arg0 {axes = array<i64: 1>} : (tensor<2x3xf32>) -> tensor<2x1xf32>
// CHECK-NEXT:    %6 = hl.reduce_l2 %arg0 {axes = array<i64: -1>} : (tensor<2x3xf32>) -> tensor<2x1xf32>
// CHECK-NEXT:    %7 = hl.reduce_sum_square %arg0 {keepdims = false} : (tensor<2x3xf32>) -> tensor<f32>
// CHECK-NEXT:    %8 = hl.reduce_log_sum %arg0 {axes = array<i64: 0>} : (tensor<2x3xf32>) -> tensor<1x3xf32>
// CHECK-NEXT:    %9 = hl.reduce_log_sum_exp %arg0 {axes = array<i64: 1>} : (tensor<2x3xf32>) -> tensor<2x1xf32>
// CHECK-NEXT:    return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9 : tensor<2x1xi64>, tensor<3xi64>, tensor<5x2x3xf32>, tensor<2x3x6xf32>, tensor<2x6xf32>, tensor<2x1xf32>, tensor<2x1xf32>, tensor<f32>, tensor<1x3xf32>, tensor<2x1xf32>
func.func @shape(%a: tensor<2x3xf32>, %d: tensor<5x4x3xf32>, %idx: tensor<2xi64>, %c: tensor<3x1xf32>) -> (tensor<2x1xi64>, tensor<3xi64>, tensor<5x2x3xf32>, tensor<2x3x6xf32>, tensor<2x6xf32>, tensor<2x1xf32>, tensor<2x1xf32>, tensor<f32>, tensor<1x3xf32>, tensor<2x1xf32>) {
  %0 = hl.argmax %a {axis = 1 : i64} : (tensor<2x3xf32>) -> tensor<2x1xi64>
  %1 = hl.argmin %a {keepdims = false, select_last_index = true} : (tensor<2x3xf32>) -> tensor<3xi64>
  %2 = hl.gather %d, %idx {axis = 1 : i64} : (tensor<5x4x3xf32>, tensor<2xi64>) -> tensor<5x2x3xf32>
  %3 = hl.expand %c {shape = array<i64: 2, 1, 6>} : (tensor<3x1xf32>) -> tensor<2x3x6xf32>
  %4 = hl.tile %a {repeats = array<i64: 1, 2>} : (tensor<2x3xf32>) -> tensor<2x6xf32>
  %5 = hl.reduce_l1 %a {axes = array<i64: 1>} : (tensor<2x3xf32>) -> tensor<2x1xf32>
  %6 = hl.reduce_l2 %a {axes = array<i64: -1>} : (tensor<2x3xf32>) -> tensor<2x1xf32>
  %7 = hl.reduce_sum_square %a {keepdims = false} : (tensor<2x3xf32>) -> tensor<f32>
  %8 = hl.reduce_log_sum %a {axes = array<i64: 0>} : (tensor<2x3xf32>) -> tensor<1x3xf32>
  %9 = hl.reduce_log_sum_exp %a {axes = array<i64: 1>} : (tensor<2x3xf32>) -> tensor<2x1xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9 : tensor<2x1xi64>, tensor<3xi64>, tensor<5x2x3xf32>, tensor<2x3x6xf32>, tensor<2x6xf32>, tensor<2x1xf32>, tensor<2x1xf32>, tensor<f32>, tensor<1x3xf32>, tensor<2x1xf32>
}

// CHECK-LABEL: func.func @norm(%arg0: tensor<2x3x4xf32>, %arg1: tensor<4xf32>, %arg2: tensor<4xf32>, %arg3: tensor<1x2x4x4xf32>, %arg4: tensor<2xf32>) -> (tensor<2x3x4xf32>, tensor<2x3x1xf32>, tensor<2x3x1xf32>, tensor<2x3x4xf32>, tensor<1x2x4x4xf32>) {
// CHECK-NEXT:    %0:3 = hl.layer_norm %arg0, %arg1, %arg2 {axis = -1 : i64} : (tensor<2x3x4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<2x3x4xf32>, tensor<2x3x1xf32>, tensor<2x3x1xf32>)
// CHECK-NEXT:    %1:3 = hl.layer_norm %arg0, %arg1 {epsilon = 1.000000e-03 : f32} : (tensor<2x3x4xf32>, tensor<4xf32>) -> (tensor<2x3x4xf32>, tensor<2x3x1xf32>, tensor<2x3x1xf32>)
// CHECK-NEXT:    %2 = hl.instance_norm %arg3, %arg4, %arg4 {epsilon = 9.99999974E-6 : f32} : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
// CHECK-NEXT:    return %0#0, %0#1, %0#2, %1#0, %2 : tensor<2x3x4xf32>, tensor<2x3x1xf32>, tensor<2x3x1xf32>, tensor<2x3x4xf32>, tensor<1x2x4x4xf32>
func.func @norm(%x: tensor<2x3x4xf32>, %s: tensor<4xf32>, %b: tensor<4xf32>, %y: tensor<1x2x4x4xf32>, %c: tensor<2xf32>) -> (tensor<2x3x4xf32>, tensor<2x3x1xf32>, tensor<2x3x1xf32>, tensor<2x3x4xf32>, tensor<1x2x4x4xf32>) {
  %0:3 = hl.layer_norm %x, %s, %b {axis = -1 : i64} : (tensor<2x3x4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<2x3x4xf32>, tensor<2x3x1xf32>, tensor<2x3x1xf32>)
  %1:3 = hl.layer_norm %x, %s {epsilon = 1.0e-3 : f32} : (tensor<2x3x4xf32>, tensor<4xf32>) -> (tensor<2x3x4xf32>, tensor<2x3x1xf32>, tensor<2x3x1xf32>)
  %2 = hl.instance_norm %y, %c, %c {epsilon = 9.99999974E-6 : f32} : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  return %0#0, %0#1, %0#2, %1#0, %2 : tensor<2x3x4xf32>, tensor<2x3x1xf32>, tensor<2x3x1xf32>, tensor<2x3x4xf32>, tensor<1x2x4x4xf32>
}
