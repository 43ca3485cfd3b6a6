// hl-drop-identities: ops that forward their input unchanged go, their
// uses take the input; ops that only look alike stay.
// RUN: ipu-opt %s --split-input-file --hl-drop-identities | FileCheck %s
// RUN: ipu-opt %s --hl-drop-identities --mlir-pass-statistics -o /dev/null 2>&1 | FileCheck %s --check-prefix=STATS
// RUN: rm -rf %t && mkdir -p %t/before
// RUN: python3 %S/Inputs/rand_npy.py %t/x.npy 2x3x4 31
// RUN: ipu-opt %s --hl-drop-identities -o %t/dropped.mlir
// RUN: ipu-run %s --func numerics --input 0=%t/x.npy -o %t/before
// RUN: ipu-run %t/dropped.mlir --func numerics --input 0=%t/x.npy --expect 0=%t/before/output_0.npy --expect 1=%t/before/output_1.npy --rtol 0 --atol 0 | FileCheck %s --check-prefix=SAME
// RUN: FileCheck %s --input-file=%t/dropped.mlir --check-prefix=NUMERICS

// CHECK-LABEL: func.func @dropped
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>, %[[Y:.*]]: tensor<?x3xf32>)
// CHECK-NEXT: %[[A:.*]] = hl.add %[[X]], %[[X]]
// CHECK-NEXT: return %[[A]], %[[Y]], %[[Y]], %[[Y]]
func.func @dropped(%x: tensor<2x3xf32>, %y: tensor<?x3xf32>) -> (tensor<2x3xf32>, tensor<?x3xf32>, tensor<?x3xf32>, tensor<?x3xf32>) {
  %0 = hl.identity %x : tensor<2x3xf32>
  %1 = hl.dropout %0 {ratio = 0.25 : f32} : tensor<2x3xf32>
  %2 = hl.cast %1 {to = f32} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %3 = hl.reshape %2 {shape = array<i64: 2, 3>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %4 = hl.flatten %3 {axis = 1 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %5 = hl.transpose %4 {perm = array<i64: 0, 1>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %6 = hl.slice %5 {starts = array<i64: 0, -3>, ends = array<i64: 2, 100>, axes = array<i64: 0, -1>, steps = array<i64: 1, 1>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %7 = hl.pad %6 {pads = array<i64: 0, 0, 0, 0>, mode = "reflect"} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %8 = hl.concat %7 {axis = 1 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %9 = hl.add %8, %8 : tensor<2x3xf32>
  // With a dynamic size: the slice takes only the static axis.
  %10 = hl.identity %y : tensor<?x3xf32>
  %11 = hl.slice %10 {starts = array<i64: 0>, ends = array<i64: 3>, axes = array<i64: 1>} : (tensor<?x3xf32>) -> tensor<?x3xf32>
  %12 = hl.transpose %y {perm = array<i64: 0, 1>} : (tensor<?x3xf32>) -> tensor<?x3xf32>
  return %9, %10, %11, %12 : tensor<2x3xf32>, tensor<?x3xf32>, tensor<?x3xf32>, tensor<?x3xf32>
}

// -----

// A vector's default transpose (reversed axes) is the identity too.
// CHECK-LABEL: func.func @vector_transpose
// CHECK-NEXT: return %arg0
func.func @vector_transpose(%x: tensor<5xi32>) -> tensor<5xi32> {
  %0 = hl.transpose %x : (tensor<5xi32>) -> tensor<5xi32>
  return %0 : tensor<5xi32>
}

// -----

// Kept: a cast that changes the type, a reshape and a flatten that change
// the shape, a transpose that swaps equal axes or reverses them by
// default, slices that reverse, skip or may cut a dynamic axis, a pad by
// non-zero amounts (even when a crop makes up for it) and a concat of two.
// CHECK-LABEL: func.func @kept
// CHECK: hl.cast
// CHECK: hl.reshape
// CHECK: hl.flatten
// CHECK: hl.transpose %{{.*}} {perm = array<i64: 1, 0>}
// CHECK: hl.transpose %{{.*}} : (tensor<3x3xf32>) -> tensor<3x3xf32>
// CHECK: hl.slice %{{.*}} steps = array<i64: -1>
// CHECK: hl.slice %{{.*}} steps = array<i64: 2>
// CHECK: hl.slice %{{.*}} : (tensor<?x3xf32>) -> tensor<?x3xf32>
// CHECK: hl.pad
// CHECK: hl.concat
// CHECK: return
func.func @kept(%x: tensor<3x3xf32>, %y: tensor<?x3xf32>, %v: tensor<1xf32>) -> (tensor<3x3xi32>, tensor<9xf32>, tensor<1x9xf32>, tensor<3x3xf32>, tensor<3x3xf32>, tensor<3x3xf32>, tensor<2x3xf32>, tensor<?x3xf32>, tensor<3x3xf32>, tensor<2xf32>) {
  %0 = hl.cast %x {to = i32} : (tensor<3x3xf32>) -> tensor<3x3xi32>
  %1 = hl.reshape %x {shape = array<i64: 9>} : (tensor<3x3xf32>) -> tensor<9xf32>
  %2 = hl.flatten %x {axis = 0 : i64} : (tensor<3x3xf32>) -> tensor<1x9xf32>
  %3 = hl.transpose %x {perm = array<i64: 1, 0>} : (tensor<3x3xf32>) -> tensor<3x3xf32>
  %4 = hl.transpose %x : (tensor<3x3xf32>) -> tensor<3x3xf32>
  %5 = hl.slice %x {starts = array<i64: -1>, ends = array<i64: -100>, steps = array<i64: -1>} : (tensor<3x3xf32>) -> tensor<3x3xf32>
  %6 = hl.slice %x {starts = array<i64: 0>, ends = array<i64: 3>, steps = array<i64: 2>} : (tensor<3x3xf32>) -> tensor<2x3xf32>
  %7 = hl.slice %y {starts = array<i64: 0>, ends = array<i64: 3>} : (tensor<?x3xf32>) -> tensor<?x3xf32>
  %8 = hl.pad %x {pads = array<i64: 1, 0, -1, 0>} : (tensor<3x3xf32>) -> tensor<3x3xf32>
  %9 = hl.concat %v, %v {axis = 0 : i64} : (tensor<1xf32>, tensor<1xf32>) -> tensor<2xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9 : tensor<3x3xi32>, tensor<9xf32>, tensor<1x9xf32>, tensor<3x3xf32>, tensor<3x3xf32>, tensor<3x3xf32>, tensor<2x3xf32>, tensor<?x3xf32>, tensor<3x3xf32>, tensor<2xf32>
}

// -----

// Same results before and after.
// NUMERICS-LABEL: func.func @numerics
// NUMERICS-NEXT: hl.mul
// NUMERICS-NEXT: hl.transpose
// NUMERICS-NEXT: return
// SAME-COUNT-2: max abs error 0, max rel error 0: ok
func.func @numerics(%x: tensor<2x3x4xf32>) -> (tensor<2x3x4xf32>, tensor<4x3x2xf32>) {
  %0 = hl.dropout %x : tensor<2x3x4xf32>
  %1 = hl.pad %0 {pads = array<i64: 0, 0, 0, 0, 0, 0>} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  %2 = hl.slice %1 {starts = array<i64: 0, 0>, ends = array<i64: 9223372036854775807, 4>, axes = array<i64: 1, 2>} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  %3 = hl.mul %2, %2 : tensor<2x3x4xf32>
  %4 = hl.transpose %3 {perm = array<i64: 0, 1, 2>} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  %5 = hl.transpose %4 : (tensor<2x3x4xf32>) -> tensor<4x3x2xf32>
  return %4, %5 : tensor<2x3x4xf32>, tensor<4x3x2xf32>
}

// STATS: hl-drop-identities
// STATS-NEXT: (S)  1 num-cast      - Number of casts to the same type removed
// STATS-NEXT: (S)  1 num-concat    - Number of single-operand concats removed
// STATS-NEXT: (S)  2 num-dropout   - Number of hl.dropout ops removed
// STATS-NEXT: (S)  2 num-identity  - Number of hl.identity ops removed
// STATS-NEXT: (S)  2 num-pad       - Number of pads by zero removed
// STATS-NEXT: (S) 17 num-removed   - Number of ops removed in all
// STATS-NEXT: (S)  2 num-reshape   - Number of reshapes and flattens to the same type removed
// STATS-NEXT: (S)  3 num-slice     - Number of slices taking everything removed
// STATS-NEXT: (S)  4 num-transpose - Number of identity transposes removed

// -----

// Equal dynamic types do not make a reshape a no-op: it stays.
// CHECK-LABEL: func.func @dynamic_reshape_stays
// CHECK-NEXT: hl.reshape
func.func @dynamic_reshape_stays(%x: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %0 = hl.reshape %x {shape = array<i64: 3, 2>} : (tensor<?x?xf32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}
