// Folds and canonicalization patterns of the hl ops.
// RUN: ipu-opt %s --canonicalize --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @add_splat_f32
// CHECK-NEXT:    %[[C:.*]] = hl.constant {value = dense<3.500000e+00> : tensor<4xf32>} : tensor<4xf32>
// CHECK-NEXT:    return %[[C]]
func.func @add_splat_f32() -> tensor<4xf32> {
  %0 = hl.constant {value = dense<1.25> : tensor<4xf32>} : tensor<4xf32>
  %1 = hl.constant {value = dense<2.25> : tensor<4xf32>} : tensor<4xf32>
  %2 = hl.add %0, %1 : tensor<4xf32>
  return %2 : tensor<4xf32>
}

// -----

// A splat and a non-splat give a non-splat.
// CHECK-LABEL: func.func @add_mixed_i32
// CHECK-NEXT:    %[[C:.*]] = hl.constant {value = dense<[11, 12, -2147483648]> : tensor<3xi32>} : tensor<3xi32>
// CHECK-NEXT:    return %[[C]]
func.func @add_mixed_i32() -> tensor<3xi32> {
  %0 = hl.constant {value = dense<[1, 2, 2147483647]> : tensor<3xi32>} : tensor<3xi32>
  %1 = hl.constant {value = dense<10> : tensor<3xi32>} : tensor<3xi32>
  %2 = hl.add %0, %1 : tensor<3xi32>
  %3 = hl.constant {value = dense<[0, 0, -9]> : tensor<3xi32>} : tensor<3xi32>
  %4 = hl.add %2, %3 : tensor<3xi32>
  return %4 : tensor<3xi32>
}

// -----

// CHECK-LABEL: func.func @mul_i64
// CHECK-NEXT:    %[[C:.*]] = hl.constant {value = dense<{{\[}}[-6, 8], [0, 4294967296]]> : tensor<2x2xi64>} : tensor<2x2xi64>
// CHECK-NEXT:    return %[[C]]
func.func @mul_i64() -> tensor<2x2xi64> {
  %0 = hl.constant {value = dense<[[-3, 4], [0, 65536]]> : tensor<2x2xi64>} : tensor<2x2xi64>
  %1 = hl.constant {value = dense<[[2, 2], [5, 65536]]> : tensor<2x2xi64>} : tensor<2x2xi64>
  %2 = hl.mul %0, %1 : tensor<2x2xi64>
  return %2 : tensor<2x2xi64>
}

// -----

// CHECK-LABEL: func.func @mul_f32
// CHECK-NEXT:    %[[C:.*]] = hl.constant {value = dense<[-1.000000e+00, 7.500000e-01]> : tensor<2xf32>} : tensor<2xf32>
// CHECK-NEXT:    return %[[C]]
func.func @mul_f32() -> tensor<2xf32> {
  %0 = hl.constant {value = dense<[2.0, -1.5]> : tensor<2xf32>} : tensor<2xf32>
  %1 = hl.constant {value = dense<-0.5> : tensor<2xf32>} : tensor<2xf32>
  %2 = hl.mul %0, %1 : tensor<2xf32>
  return %2 : tensor<2xf32>
}

// -----

// x + 0 -> x and x * 1 -> x, with the constant on either side.
// CHECK-LABEL: func.func @identities_i32(%arg0: tensor<4xi32>)
// CHECK-NEXT:    return %arg0, %arg0, %arg0
func.func @identities_i32(%x: tensor<4xi32>) -> (tensor<4xi32>, tensor<4xi32>, tensor<4xi32>) {
  %zero = hl.constant {value = dense<0> : tensor<4xi32>} : tensor<4xi32>
  %one = hl.constant {value = dense<[1, 1, 1, 1]> : tensor<4xi32>} : tensor<4xi32>
  %0 = hl.add %x, %zero : tensor<4xi32>
  %1 = hl.add %zero, %x : tensor<4xi32>
  %2 = hl.mul %one, %x : tensor<4xi32>
  return %0, %1, %2 : tensor<4xi32>, tensor<4xi32>, tensor<4xi32>
}

// -----

// x * 0 -> 0 for integers.
// CHECK-LABEL: func.func @mul_zero_i32(%arg0: tensor<4xi32>)
// CHECK-NEXT:    %[[Z:.*]] = hl.constant {value = dense<0> : tensor<4xi32>} : tensor<4xi32>
// CHECK-NEXT:    return %[[Z]]
func.func @mul_zero_i32(%x: tensor<4xi32>) -> tensor<4xi32> {
  %zero = hl.constant {value = dense<0> : tensor<4xi32>} : tensor<4xi32>
  %0 = hl.mul %x, %zero : tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// Floats: x * 1.0 -> x and x + (-0.0) -> x; x + 0.0 and x * 0.0 stay (they
// are not x for x = -0.0, and not 0 for NaN). The constant moves right.
// CHECK-LABEL: func.func @identities_f32(%arg0: tensor<2xf32>)
// CHECK-DAG:     %[[Z:.*]] = hl.constant {value = dense<0.000000e+00> : tensor<2xf32>} : tensor<2xf32>
// CHECK-DAG:     %[[A:.*]] = hl.add %arg0, %[[Z]] : tensor<2xf32>
// CHECK-DAG:     %[[M:.*]] = hl.mul %arg0, %[[Z]] : tensor<2xf32>
// CHECK:         return %arg0, %arg0, %[[A]], %[[M]]
func.func @identities_f32(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) {
  %one = hl.constant {value = dense<1.0> : tensor<2xf32>} : tensor<2xf32>
  %negzero = hl.constant {value = dense<-0.0> : tensor<2xf32>} : tensor<2xf32>
  %zero = hl.constant {value = dense<0.0> : tensor<2xf32>} : tensor<2xf32>
  %0 = hl.mul %x, %one : tensor<2xf32>
  %1 = hl.add %negzero, %x : tensor<2xf32>
  %2 = hl.add %zero, %x : tensor<2xf32>
  %3 = hl.mul %zero, %x : tensor<2xf32>
  return %0, %1, %2, %3 : tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
}

// -----

// Constants move to the right of commutative ops.
// CHECK-LABEL: func.func @constant_to_right(%arg0: tensor<2xi32>)
// CHECK:         %[[C:.*]] = hl.constant {value = dense<[3, 4]> : tensor<2xi32>} : tensor<2xi32>
// CHECK-NEXT:    %[[A:.*]] = hl.add %arg0, %[[C]] : tensor<2xi32>
// CHECK-NEXT:    %[[M:.*]] = hl.mul %[[A]], %[[C]] : tensor<2xi32>
// CHECK-NEXT:    return %[[M]]
func.func @constant_to_right(%x: tensor<2xi32>) -> tensor<2xi32> {
  %c = hl.constant {value = dense<[3, 4]> : tensor<2xi32>} : tensor<2xi32>
  %0 = hl.add %c, %x : tensor<2xi32>
  %1 = hl.mul %c, %0 : tensor<2xi32>
  return %1 : tensor<2xi32>
}

// -----

// CHECK-LABEL: func.func @relu_constant
// CHECK-DAG:     %[[F:.*]] = hl.constant {value = dense<[0.000000e+00, 2.500000e+00, 0.000000e+00, 0x7FC00000]> : tensor<4xf32>} : tensor<4xf32>
// CHECK-DAG:     %[[I:.*]] = hl.constant {value = dense<[0, 0, 5]> : tensor<3xi8>} : tensor<3xi8>
// CHECK-DAG:     %[[S:.*]] = hl.constant {value = dense<0> : tensor<2xi64>} : tensor<2xi64>
// CHECK:         return %[[F]], %[[I]], %[[S]]
func.func @relu_constant() -> (tensor<4xf32>, tensor<3xi8>, tensor<2xi64>) {
  %0 = hl.constant {value = dense<[-1.0, 2.5, -0.0, 0x7FC00000]> : tensor<4xf32>} : tensor<4xf32>
  %1 = hl.relu %0 : tensor<4xf32>
  %2 = hl.constant {value = dense<[-128, 0, 5]> : tensor<3xi8>} : tensor<3xi8>
  %3 = hl.relu %2 : tensor<3xi8>
  %4 = hl.constant {value = dense<-7> : tensor<2xi64>} : tensor<2xi64>
  %5 = hl.relu %4 : tensor<2xi64>
  return %1, %3, %5 : tensor<4xf32>, tensor<3xi8>, tensor<2xi64>
}

// -----

// relu is idempotent, and the identity on unsigned integers.
// CHECK-LABEL: func.func @relu_identities(%arg0: tensor<2xf32>, %arg1: tensor<2xui8>)
// CHECK-NEXT:    %[[R:.*]] = hl.relu %arg0 : tensor<2xf32>
// CHECK-NEXT:    return %[[R]], %arg1
func.func @relu_identities(%x: tensor<2xf32>, %u: tensor<2xui8>) -> (tensor<2xf32>, tensor<2xui8>) {
  %0 = hl.relu %x : tensor<2xf32>
  %1 = hl.relu %0 : tensor<2xf32>
  %2 = hl.relu %1 : tensor<2xf32>
  %3 = hl.relu %u : tensor<2xui8>
  return %2, %3 : tensor<2xf32>, tensor<2xui8>
}

// -----

// Unused pure ops disappear; ops on dynamic shapes still fold identities.
// CHECK-LABEL: func.func @dynamic(%arg0: tensor<?xi32>)
// CHECK-NEXT:    return %arg0
func.func @dynamic(%x: tensor<?xi32>) -> tensor<?xi32> {
  %0 = hl.relu %x : tensor<?xi32>
  %1 = hl.add %x, %x : tensor<?xi32>
  return %x : tensor<?xi32>
}

// -----

// No fold for element types outside i8/i16/i32/i64/f32/f64 constants.
// CHECK-LABEL: func.func @f16_stays
// CHECK:         hl.add
func.func @f16_stays() -> tensor<2xf16> {
  %0 = hl.constant {value = dense<1.0> : tensor<2xf16>} : tensor<2xf16>
  %1 = hl.add %0, %0 : tensor<2xf16>
  return %1 : tensor<2xf16>
}
