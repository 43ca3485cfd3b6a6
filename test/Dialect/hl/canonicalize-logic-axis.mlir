// Folds of the hl ops added for ONNX conformance.
// RUN: ipu-opt %s --canonicalize --split-input-file | FileCheck %s

// Gathering from constants folds, negative indices counting from the end.
// CHECK-LABEL: func.func @gather_fold() -> tensor<3x2xi64> {
// CHECK-NEXT:    %0 = hl.constant {value = dense<{{\[\[}}2, 1], [4, 3], [6, 5]]> : tensor<3x2xi64>} : tensor<3x2xi64>
// CHECK-NEXT:    return %0 : tensor<3x2xi64>
func.func @gather_fold() -> tensor<3x2xi64> {
  %0 = hl.constant {value = dense<[[1, 2], [3, 4], [5, 6]]> : tensor<3x2xi64>} : tensor<3x2xi64>
  %1 = hl.constant {value = dense<[-1, 0]> : tensor<2xi32>} : tensor<2xi32>
  %2 = hl.gather %0, %1 {axis = 1 : i64} : (tensor<3x2xi64>, tensor<2xi32>) -> tensor<3x2xi64>
  return %2 : tensor<3x2xi64>
}

// -----

// A constant index out of range does not fold: the interpreter reports it.
// CHECK-LABEL: func.func @gather_out_of_range(
// CHECK:         hl.gather
func.func @gather_out_of_range(%arg0: tensor<2xf32>) -> tensor<1xf32> {
  %0 = hl.constant {value = dense<[1.0, 2.0]> : tensor<2xf32>} : tensor<2xf32>
  %1 = hl.constant {value = dense<[2]> : tensor<1xi64>} : tensor<1xi64>
  %2 = hl.gather %0, %1 : (tensor<2xf32>, tensor<1xi64>) -> tensor<1xf32>
  return %2 : tensor<1xf32>
}

// -----

// Runtime indices stay.
// CHECK-LABEL: func.func @gather_runtime(
// CHECK-NEXT:    %0 = hl.constant
// CHECK-NEXT:    %1 = hl.gather %0, %arg0 : (tensor<2x3xf32>, tensor<4xi64>) -> tensor<4x3xf32>
func.func @gather_runtime(%arg0: tensor<4xi64>) -> tensor<4x3xf32> {
  %0 = hl.constant {value = dense<1.5> : tensor<2x3xf32>} : tensor<2x3xf32>
  %1 = hl.gather %0, %arg0 : (tensor<2x3xf32>, tensor<4xi64>) -> tensor<4x3xf32>
  return %1 : tensor<4x3xf32>
}

// -----

// CHECK-LABEL: func.func @not_not(%arg0: tensor<3xi1>) -> tensor<3xi1> {
// CHECK-NEXT:    return %arg0 : tensor<3xi1>
func.func @not_not(%arg0: tensor<3xi1>) -> tensor<3xi1> {
  %0 = hl.not %arg0 : tensor<3xi1>
  %1 = hl.not %0 : tensor<3xi1>
  return %1 : tensor<3xi1>
}

// -----

// Expanding or tiling to the same type is the identity; real ones stay.
// CHECK-LABEL: func.func @expand_tile(%arg0: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<4x3xf32>, tensor<2x2x3xf32>) {
// CHECK-NEXT:    %0 = hl.tile %arg0 {repeats = array<i64: 2, 1>} : (tensor<2x3xf32>) -> tensor<4x3xf32>
// CHECK-NEXT:    %1 = hl.expand %arg0 {shape = array<i64: 2, 1, 1>} : (tensor<2x3xf32>) -> tensor<2x2x3xf32>
// CHECK-NEXT:    return %arg0, %arg0, %0, %1 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<4x3xf32>, tensor<2x2x3xf32>
func.func @expand_tile(%arg0: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<4x3xf32>, tensor<2x2x3xf32>) {
  %0 = hl.expand %arg0 {shape = array<i64: 1, 3>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = hl.tile %arg0 {repeats = array<i64: 1, 1>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %2 = hl.tile %arg0 {repeats = array<i64: 2, 1>} : (tensor<2x3xf32>) -> tensor<4x3xf32>
  %3 = hl.expand %arg0 {shape = array<i64: 2, 1, 1>} : (tensor<2x3xf32>) -> tensor<2x2x3xf32>
  return %0, %1, %2, %3 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<4x3xf32>, tensor<2x2x3xf32>
}
