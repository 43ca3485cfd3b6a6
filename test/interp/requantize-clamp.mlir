// hl.requantize evaluated (here through hl-fold-constants): the clamp
// bounds of a folded relu / clip, an 8-bit input, and an i32 result (a
// rescaled operand of an integer add). Factor 0.5 is multiplier 2^30 with
// shift 0 (2^30 / 2^31); 2^17 is 2^30 with shift -18.
// RUN: ipu-opt %s --hl-fold-constants | FileCheck %s

// CHECK-LABEL: func.func @clamped
// CHECK-NEXT: %[[C:.*]] = hl.constant {value = dense<[0, 0, 0, 4, 100]> : tensor<5xi8>} : tensor<5xi8>
// CHECK-NEXT: return %[[C]]
func.func @clamped() -> tensor<5xi8> {
  %acc = hl.constant {value = dense<[-300, -5, 0, 7, 300]> : tensor<5xi32>} : tensor<5xi32>
  %0 = hl.requantize %acc {clamp_max = 100 : i64, clamp_min = 0 : i64, multiplier = array<i64: 1073741824>, shift = array<i64: 0>, zero_point = dense<0> : tensor<1xi8>} : (tensor<5xi32>) -> tensor<5xi8>
  return %0 : tensor<5xi8>
}

// CHECK-LABEL: func.func @unclamped
// CHECK-NEXT: hl.constant {value = dense<[-128, -2, 0, 4, 127]> : tensor<5xi8>}
func.func @unclamped() -> tensor<5xi8> {
  %acc = hl.constant {value = dense<[-300, -5, 0, 7, 300]> : tensor<5xi32>} : tensor<5xi32>
  %0 = hl.requantize %acc {multiplier = array<i64: 1073741824>, shift = array<i64: 0>, zero_point = dense<0> : tensor<1xi8>} : (tensor<5xi32>) -> tensor<5xi8>
  return %0 : tensor<5xi8>
}

// CHECK-LABEL: func.func @widen
// CHECK-NEXT: hl.constant {value = dense<[-16777216, -393216, 655360, 16646144]> : tensor<4xi32>}
func.func @widen() -> tensor<4xi32> {
  %q = hl.constant {value = dense<[-128, -3, 5, 127]> : tensor<4xi8>} : tensor<4xi8>
  %0 = hl.requantize %q {multiplier = array<i64: 1073741824>, shift = array<i64: -18>, zero_point = dense<0> : tensor<1xi32>} : (tensor<4xi8>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}
