// Folds and canonicalization patterns of the hl ops.
// RUN: ipu-opt %s --canonicalize --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @add_splat_f32() -> tensor<4xf32> {
// CHECK-DAG:     %[[V0:.*]] = hl.constant {value = dense<3.500000e+00> : tensor<4xf32>} : tensor<4xf32>
// CHECK:         return %[[V0]] : tensor<4xf32>
func.func @add_splat_f32() -> tensor<4xf32> {
  %0 = hl.constant {value = dense<1.25> : tensor<4xf32>} : tensor<4xf32>
  %1 = hl.constant {value = dense<2.25> : tensor<4xf32>} : tensor<4xf32>
  %2 = hl.add %0, %1 : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %2 : tensor<4xf32>
}

// -----

// A splat and a non-splat give a non-splat.
// CHECK-LABEL: func.func @add_mixed_i32() -> tensor<3xi32> {
// CHECK-DAG:     %[[V0:.*]] = hl.constant {value = dense<[11, 12, -2147483648]> : tensor<3xi32>} : tensor<3xi32>
// CHECK:         return %[[V0]] : tensor<3xi32>
func.func @add_mixed_i32() -> tensor<3xi32> {
  %0 = hl.constant {value = dense<[1, 2, 2147483647]> : tensor<3xi32>} : tensor<3xi32>
  %1 = hl.constant {value = dense<10> : tensor<3xi32>} : tensor<3xi32>
  %2 = hl.add %0, %1 : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
  %3 = hl.constant {value = dense<[0, 0, -9]> : tensor<3xi32>} : tensor<3xi32>
  %4 = hl.add %2, %3 : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
  return %4 : tensor<3xi32>
}

// -----

// CHECK-LABEL: func.func @mul_i64() -> tensor<2x2xi64> {
// CHECK-DAG:     %[[V0:.*]] = hl.constant {value = dense<{{\[\[}}-6, 8], [0, 4294967296]]> : tensor<2x2xi64>} : tensor<2x2xi64>
// CHECK:         return %[[V0]] : tensor<2x2xi64>
func.func @mul_i64() -> tensor<2x2xi64> {
  %0 = hl.constant {value = dense<[[-3, 4], [0, 65536]]> : tensor<2x2xi64>} : tensor<2x2xi64>
  %1 = hl.constant {value = dense<[[2, 2], [5, 65536]]> : tensor<2x2xi64>} : tensor<2x2xi64>
  %2 = hl.mul %0, %1 : (tensor<2x2xi64>, tensor<2x2xi64>) -> tensor<2x2xi64>
  return %2 : tensor<2x2xi64>
}

// -----

// CHECK-LABEL: func.func @mul_f32() -> tensor<2xf32> {
// CHECK-DAG:     %[[V0:.*]] = hl.constant {value = dense<[-1.000000e+00, 7.500000e-01]> : tensor<2xf32>} : tensor<2xf32>
// CHECK:         return %[[V0]] : tensor<2xf32>
func.func @mul_f32() -> tensor<2xf32> {
  %0 = hl.constant {value = dense<[2.0, -1.5]> : tensor<2xf32>} : tensor<2xf32>
  %1 = hl.constant {value = dense<-0.5> : tensor<2xf32>} : tensor<2xf32>
  %2 = hl.mul %0, %1 : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %2 : tensor<2xf32>
}

// -----

// Broadcasting: a splat of any shape folds with a constant of the result's
// shape.
// CHECK-LABEL: func.func @broadcast_splat() -> (tensor<2x3xf32>, tensor<2x3xi8>) {
// CHECK-DAG:     %[[V0:.*]] = hl.constant {value = dense<{{\[\[}}1], [2]]> : tensor<2x1xi8>} : tensor<2x1xi8>
// CHECK-DAG:     %[[V1:.*]] = hl.constant {value = dense<{{\[\[}}5.000000e-01, 1.500000e+00, 2.500000e+00], [3.500000e+00, 4.500000e+00, 5.500000e+00]]> : tensor<2x3xf32>} : tensor<2x3xf32>
// CHECK-DAG:     %[[V2:.*]] = hl.constant {value = dense<-3> : tensor<1x3xi8>} : tensor<1x3xi8>
// CHECK:         %[[V3:.*]] = hl.max %[[V0]], %[[V2]] : (tensor<2x1xi8>, tensor<1x3xi8>) -> tensor<2x3xi8>
// CHECK-NEXT:    return %[[V1]], %[[V3]] : tensor<2x3xf32>, tensor<2x3xi8>
func.func @broadcast_splat() -> (tensor<2x3xf32>, tensor<2x3xi8>) {
  %0 = hl.constant {value = dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>} : tensor<2x3xf32>
  %1 = hl.constant {value = dense<0.5> : tensor<3xf32>} : tensor<3xf32>
  %2 = hl.sub %0, %1 : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %3 = hl.constant {value = dense<7> : tensor<1x1xi8>} : tensor<1x1xi8>
  %4 = hl.constant {value = dense<-2> : tensor<3xi8>} : tensor<3xi8>
  %5 = hl.div %3, %4 : (tensor<1x1xi8>, tensor<3xi8>) -> tensor<1x3xi8>
  %6 = hl.constant {value = dense<[[1], [2]]> : tensor<2x1xi8>} : tensor<2x1xi8>
  %7 = hl.max %6, %5 : (tensor<2x1xi8>, tensor<1x3xi8>) -> tensor<2x3xi8>
  return %2, %7 : tensor<2x3xf32>, tensor<2x3xi8>
}

// -----

// Non-splat constants of different shapes are left to the interpreter.
// CHECK-LABEL: func.func @broadcast_not_folded() -> tensor<2x2xi32> {
// CHECK-DAG:     %[[V0:.*]] = hl.constant {value = dense<[1, 2]> : tensor<2xi32>} : tensor<2xi32>
// CHECK-DAG:     %[[V1:.*]] = hl.constant {value = dense<{{\[\[}}1], [2]]> : tensor<2x1xi32>} : tensor<2x1xi32>
// CHECK:         %[[V2:.*]] = hl.add %[[V0]], %[[V1]] : (tensor<2xi32>, tensor<2x1xi32>) -> tensor<2x2xi32>
// CHECK-NEXT:    return %[[V2]] : tensor<2x2xi32>
func.func @broadcast_not_folded() -> tensor<2x2xi32> {
  %0 = hl.constant {value = dense<[1, 2]> : tensor<2xi32>} : tensor<2xi32>
  %1 = hl.constant {value = dense<[[1], [2]]> : tensor<2x1xi32>} : tensor<2x1xi32>
  %2 = hl.add %0, %1 : (tensor<2xi32>, tensor<2x1xi32>) -> tensor<2x2xi32>
  return %2 : tensor<2x2xi32>
}

// -----

// CHECK-LABEL: func.func @sub_div_minmax() -> (tensor<4xi32>, tensor<4xi32>, tensor<4xui8>, tensor<3xf32>, tensor<3xf32>) {
// CHECK-DAG:     %[[V0:.*]] = hl.constant {value = dense<[5, -9, 10, 2147483645]> : tensor<4xi32>} : tensor<4xi32>
// CHECK-DAG:     %[[V1:.*]] = hl.constant {value = dense<[3, -3, -1, -715827882]> : tensor<4xi32>} : tensor<4xi32>
// CHECK-DAG:     %[[V2:.*]] = hl.constant {value = dense<[100, 3, 1, 0]> : tensor<4xui8>} : tensor<4xui8>
// CHECK-DAG:     %[[V3:.*]] = hl.constant {value = dense<[2.000000e+00, 0x7FC00000, -3.000000e+00]> : tensor<3xf32>} : tensor<3xf32>
// CHECK-DAG:     %[[V4:.*]] = hl.constant {value = dense<[5.000000e-01, 0x7FC00000, 7.500000e-01]> : tensor<3xf32>} : tensor<3xf32>
// CHECK:         return %[[V0]], %[[V1]], %[[V2]], %[[V3]], %[[V4]] : tensor<4xi32>, tensor<4xi32>, tensor<4xui8>, tensor<3xf32>, tensor<3xf32>
func.func @sub_div_minmax() -> (tensor<4xi32>, tensor<4xi32>, tensor<4xui8>, tensor<3xf32>, tensor<3xf32>) {
  %a = hl.constant {value = dense<[7, -7, 5, -2147483648]> : tensor<4xi32>} : tensor<4xi32>
  %b = hl.constant {value = dense<[2, 2, -5, 3]> : tensor<4xi32>} : tensor<4xi32>
  %0 = hl.sub %a, %b : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %1 = hl.div %a, %b : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %u = hl.constant {value = dense<[200, 3, 255, 0]> : tensor<4xui8>} : tensor<4xui8>
  %v = hl.constant {value = dense<[100, 200, 1, 0]> : tensor<4xui8>} : tensor<4xui8>
  %2 = hl.min %u, %v : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xui8>
  %f = hl.constant {value = dense<[1.0, 0x7FC00000, -3.0]> : tensor<3xf32>} : tensor<3xf32>
  %g = hl.constant {value = dense<[2.0, 1.0, -4.0]> : tensor<3xf32>} : tensor<3xf32>
  %3 = hl.max %f, %g : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %4 = hl.div %f, %g : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0, %1, %2, %3, %4 : tensor<4xi32>, tensor<4xi32>, tensor<4xui8>, tensor<3xf32>, tensor<3xf32>
}

// -----

// Integer division by zero and INT64_MIN / -1 are undefined: not folded.
// CHECK-LABEL: func.func @div_undefined() -> (tensor<2xi32>, tensor<i64>) {
// CHECK-DAG:     %[[V0:.*]] = hl.constant {value = dense<-1> : tensor<i64>} : tensor<i64>
// CHECK-DAG:     %[[V1:.*]] = hl.constant {value = dense<-9223372036854775808> : tensor<i64>} : tensor<i64>
// CHECK-DAG:     %[[V2:.*]] = hl.constant {value = dense<[1, 2]> : tensor<2xi32>} : tensor<2xi32>
// CHECK-DAG:     %[[V3:.*]] = hl.constant {value = dense<[1, 0]> : tensor<2xi32>} : tensor<2xi32>
// CHECK:         %[[V4:.*]] = hl.div %[[V2]], %[[V3]] : tensor<2xi32>
// CHECK-NEXT:    %[[V5:.*]] = hl.div %[[V1]], %[[V0]] : tensor<i64>
// CHECK-NEXT:    return %[[V4]], %[[V5]] : tensor<2xi32>, tensor<i64>
func.func @div_undefined() -> (tensor<2xi32>, tensor<i64>) {
  %a = hl.constant {value = dense<[1, 2]> : tensor<2xi32>} : tensor<2xi32>
  %z = hl.constant {value = dense<[1, 0]> : tensor<2xi32>} : tensor<2xi32>
  %0 = hl.div %a, %z : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  %m = hl.constant {value = dense<-9223372036854775808> : tensor<i64>} : tensor<i64>
  %n = hl.constant {value = dense<-1> : tensor<i64>} : tensor<i64>
  %1 = hl.div %m, %n : (tensor<i64>, tensor<i64>) -> tensor<i64>
  return %0, %1 : tensor<2xi32>, tensor<i64>
}

// -----

// x + 0 -> x and x * 1 -> x, with the constant on either side.
// CHECK-LABEL: func.func @identities_i32(%arg0: tensor<4xi32>) -> (tensor<4xi32>, tensor<4xi32>, tensor<4xi32>) {
// CHECK-NEXT:    return %arg0, %arg0, %arg0 : tensor<4xi32>, tensor<4xi32>, tensor<4xi32>
func.func @identities_i32(%x: tensor<4xi32>) -> (tensor<4xi32>, tensor<4xi32>, tensor<4xi32>) {
  %zero = hl.constant {value = dense<0> : tensor<4xi32>} : tensor<4xi32>
  %one = hl.constant {value = dense<[1, 1, 1, 1]> : tensor<4xi32>} : tensor<4xi32>
  %0 = hl.add %x, %zero : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %1 = hl.add %zero, %x : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %2 = hl.mul %one, %x : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %0, %1, %2 : tensor<4xi32>, tensor<4xi32>, tensor<4xi32>
}

// -----

// Identity constants may have any shape that broadcasts into x's; when
// broadcasting grows x, the op stays.
// CHECK-LABEL: func.func @identities_broadcast(%arg0: tensor<2x3xi32>, %arg1: tensor<3xi32>) -> (tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x3xi32>) {
// CHECK-DAG:     %[[V0:.*]] = hl.constant {value = dense<0> : tensor<2x3xi32>} : tensor<2x3xi32>
// CHECK:         %[[V1:.*]] = hl.add %arg1, %[[V0]] : (tensor<3xi32>, tensor<2x3xi32>) -> tensor<2x3xi32>
// CHECK-NEXT:    return %arg0, %arg0, %arg0, %[[V1]], %[[V0]] : tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x3xi32>
func.func @identities_broadcast(%x: tensor<2x3xi32>, %y: tensor<3xi32>) -> (tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x3xi32>) {
  %zero = hl.constant {value = dense<0> : tensor<1xi32>} : tensor<1xi32>
  %one = hl.constant {value = dense<1> : tensor<1x1xi32>} : tensor<1x1xi32>
  %zeros = hl.constant {value = dense<0> : tensor<2x3xi32>} : tensor<2x3xi32>
  %0 = hl.sub %x, %zero : (tensor<2x3xi32>, tensor<1xi32>) -> tensor<2x3xi32>
  %1 = hl.div %x, %one : (tensor<2x3xi32>, tensor<1x1xi32>) -> tensor<2x3xi32>
  %2 = hl.pow %x, %one : (tensor<2x3xi32>, tensor<1x1xi32>) -> tensor<2x3xi32>
  %3 = hl.add %y, %zeros : (tensor<3xi32>, tensor<2x3xi32>) -> tensor<2x3xi32>
  %4 = hl.mul %y, %zero : (tensor<3xi32>, tensor<1xi32>) -> tensor<3xi32>
  %5 = hl.add %4, %zeros : (tensor<3xi32>, tensor<2x3xi32>) -> tensor<2x3xi32>
  return %0, %1, %2, %3, %5 : tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x3xi32>
}

// -----

// x * 0 -> 0 for integers.
// CHECK-LABEL: func.func @mul_zero_i32(%arg0: tensor<4xi32>) -> tensor<4xi32> {
// CHECK-DAG:     %[[V0:.*]] = hl.constant {value = dense<0> : tensor<4xi32>} : tensor<4xi32>
// CHECK:         return %[[V0]] : tensor<4xi32>
func.func @mul_zero_i32(%x: tensor<4xi32>) -> tensor<4xi32> {
  %zero = hl.constant {value = dense<0> : tensor<4xi32>} : tensor<4xi32>
  %0 = hl.mul %x, %zero : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// Floats: x * 1.0 -> x, x + (-0.0) -> x and x - 0.0 -> x; x + 0.0,
// x - (-0.0) and x * 0.0 stay (they are not x for x = -0.0, and not 0 for
// NaN). The constant moves right.
// CHECK-LABEL: func.func @identities_f32(%arg0: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) {
// CHECK-DAG:     %[[V0:.*]] = hl.constant {value = dense<-0.000000e+00> : tensor<2xf32>} : tensor<2xf32>
// CHECK-DAG:     %[[V1:.*]] = hl.constant {value = dense<0.000000e+00> : tensor<2xf32>} : tensor<2xf32>
// CHECK:         %[[V2:.*]] = hl.add %arg0, %[[V1]] : tensor<2xf32>
// CHECK-NEXT:    %[[V3:.*]] = hl.mul %arg0, %[[V1]] : tensor<2xf32>
// CHECK-NEXT:    %[[V4:.*]] = hl.sub %arg0, %[[V0]] : tensor<2xf32>
// CHECK-NEXT:    return %arg0, %arg0, %[[V2]], %[[V3]], %arg0, %[[V4]] : tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
func.func @identities_f32(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) {
  %one = hl.constant {value = dense<1.0> : tensor<2xf32>} : tensor<2xf32>
  %negzero = hl.constant {value = dense<-0.0> : tensor<2xf32>} : tensor<2xf32>
  %zero = hl.constant {value = dense<0.0> : tensor<2xf32>} : tensor<2xf32>
  %0 = hl.mul %x, %one : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %1 = hl.add %negzero, %x : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %2 = hl.add %zero, %x : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %3 = hl.mul %zero, %x : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %4 = hl.sub %x, %zero : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %5 = hl.sub %x, %negzero : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
}

// -----

// Constants move to the right of commutative ops; max(x, x) is x.
// CHECK-LABEL: func.func @constant_to_right(%arg0: tensor<2xi32>) -> (tensor<2xi32>, tensor<2xi32>) {
// CHECK-DAG:     %[[V0:.*]] = hl.constant {value = dense<[3, 4]> : tensor<2xi32>} : tensor<2xi32>
// CHECK:         %[[V1:.*]] = hl.add %arg0, %[[V0]] : tensor<2xi32>
// CHECK-NEXT:    %[[V2:.*]] = hl.mul %[[V1]], %[[V0]] : tensor<2xi32>
// CHECK-NEXT:    %[[V3:.*]] = hl.max %[[V2]], %[[V0]] : tensor<2xi32>
// CHECK-NEXT:    %[[V4:.*]] = hl.min %[[V3]], %[[V0]] : tensor<2xi32>
// CHECK-NEXT:    return %[[V4]], %arg0 : tensor<2xi32>, tensor<2xi32>
func.func @constant_to_right(%x: tensor<2xi32>) -> (tensor<2xi32>, tensor<2xi32>) {
  %c = hl.constant {value = dense<[3, 4]> : tensor<2xi32>} : tensor<2xi32>
  %0 = hl.add %c, %x : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  %1 = hl.mul %c, %0 : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  %2 = hl.max %c, %1 : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  %3 = hl.min %c, %2 : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  %4 = hl.max %x, %x : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  return %3, %4 : tensor<2xi32>, tensor<2xi32>
}

// -----

// CHECK-LABEL: func.func @relu_constant() -> (tensor<4xf32>, tensor<3xi8>, tensor<2xi64>) {
// CHECK-DAG:     %[[V0:.*]] = hl.constant {value = dense<[0.000000e+00, 2.500000e+00, 0.000000e+00, 0x7FC00000]> : tensor<4xf32>} : tensor<4xf32>
// CHECK-DAG:     %[[V1:.*]] = hl.constant {value = dense<[0, 0, 5]> : tensor<3xi8>} : tensor<3xi8>
// CHECK-DAG:     %[[V2:.*]] = hl.constant {value = dense<0> : tensor<2xi64>} : tensor<2xi64>
// CHECK:         return %[[V0]], %[[V1]], %[[V2]] : tensor<4xf32>, tensor<3xi8>, tensor<2xi64>
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
// CHECK-LABEL: func.func @relu_identities(%arg0: tensor<2xf32>, %arg1: tensor<2xui8>) -> (tensor<2xf32>, tensor<2xui8>) {
// CHECK-NEXT:    %[[V0:.*]] = hl.relu %arg0 : tensor<2xf32>
// CHECK-NEXT:    return %[[V0]], %arg1 : tensor<2xf32>, tensor<2xui8>
func.func @relu_identities(%x: tensor<2xf32>, %u: tensor<2xui8>) -> (tensor<2xf32>, tensor<2xui8>) {
  %0 = hl.relu %x : tensor<2xf32>
  %1 = hl.relu %0 : tensor<2xf32>
  %2 = hl.relu %1 : tensor<2xf32>
  %3 = hl.relu %u : tensor<2xui8>
  return %2, %3 : tensor<2xf32>, tensor<2xui8>
}

// -----

// CHECK-LABEL: func.func @neg_abs_constant() -> (tensor<4xi8>, tensor<4xi8>, tensor<3xf32>, tensor<3xf32>) {
// CHECK-DAG:     %[[V0:.*]] = hl.constant {value = dense<[-128, 1, 0, -127]> : tensor<4xi8>} : tensor<4xi8>
// CHECK-DAG:     %[[V1:.*]] = hl.constant {value = dense<[-128, 1, 0, 127]> : tensor<4xi8>} : tensor<4xi8>
// CHECK-DAG:     %[[V2:.*]] = hl.constant {value = dense<[1.500000e+00, -0.000000e+00, 0xFFC00000]> : tensor<3xf32>} : tensor<3xf32>
// CHECK-DAG:     %[[V3:.*]] = hl.constant {value = dense<[1.500000e+00, 0.000000e+00, 0x7FC00000]> : tensor<3xf32>} : tensor<3xf32>
// CHECK:         return %[[V0]], %[[V1]], %[[V2]], %[[V3]] : tensor<4xi8>, tensor<4xi8>, tensor<3xf32>, tensor<3xf32>
func.func @neg_abs_constant() -> (tensor<4xi8>, tensor<4xi8>, tensor<3xf32>, tensor<3xf32>) {
  %0 = hl.constant {value = dense<[-128, -1, 0, 127]> : tensor<4xi8>} : tensor<4xi8>
  %1 = hl.neg %0 : tensor<4xi8>
  %2 = hl.abs %0 : tensor<4xi8>
  %3 = hl.constant {value = dense<[-1.5, 0.0, 0x7FC00000]> : tensor<3xf32>} : tensor<3xf32>
  %4 = hl.neg %3 : tensor<3xf32>
  %5 = hl.abs %3 : tensor<3xf32>
  return %1, %2, %4, %5 : tensor<4xi8>, tensor<4xi8>, tensor<3xf32>, tensor<3xf32>
}

// -----

// -(-x) is x; abs is idempotent and the identity on unsigned integers;
// identity, dropout and a cast to the same type forward their input.
// CHECK-LABEL: func.func @unary_identities(%arg0: tensor<2xf32>, %arg1: tensor<2xui8>) -> (tensor<2xf32>, tensor<2xf32>, tensor<2xui8>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) {
// CHECK-NEXT:    %[[V0:.*]] = hl.abs %arg0 : tensor<2xf32>
// CHECK-NEXT:    return %arg0, %[[V0]], %arg1, %arg0, %arg0, %arg0 : tensor<2xf32>, tensor<2xf32>, tensor<2xui8>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
func.func @unary_identities(%x: tensor<2xf32>, %u: tensor<2xui8>) -> (tensor<2xf32>, tensor<2xf32>, tensor<2xui8>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) {
  %0 = hl.neg %x : tensor<2xf32>
  %1 = hl.neg %0 : tensor<2xf32>
  %2 = hl.abs %x : tensor<2xf32>
  %3 = hl.abs %2 : tensor<2xf32>
  %4 = hl.abs %u : tensor<2xui8>
  %5 = hl.identity %x : tensor<2xf32>
  %6 = hl.dropout %x {ratio = 0.1 : f32} : tensor<2xf32>
  %7 = hl.cast %x {to = f32} : (tensor<2xf32>) -> tensor<2xf32>
  return %1, %3, %4, %5, %6, %7 : tensor<2xf32>, tensor<2xf32>, tensor<2xui8>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
}

// -----

// Unused pure ops disappear; ops on dynamic shapes still fold identities.
// CHECK-LABEL: func.func @dynamic(%arg0: tensor<?xi32>) -> tensor<?xi32> {
// CHECK-NEXT:    return %arg0 : tensor<?xi32>
func.func @dynamic(%x: tensor<?xi32>) -> tensor<?xi32> {
  %0 = hl.relu %x : tensor<?xi32>
  %1 = hl.add %x, %x : (tensor<?xi32>, tensor<?xi32>) -> tensor<?xi32>
  return %x : tensor<?xi32>
}

// -----

// No arithmetic fold for element types outside i8/i16/i32/i64/f32/f64.
// CHECK-LABEL: func.func @f16_stays() -> tensor<2xf16> {
// CHECK-DAG:     %[[V0:.*]] = hl.constant {value = dense<1.000000e+00> : tensor<2xf16>} : tensor<2xf16>
// CHECK:         %[[V1:.*]] = hl.add %[[V0]], %[[V0]] : tensor<2xf16>
// CHECK-NEXT:    return %[[V1]] : tensor<2xf16>
func.func @f16_stays() -> tensor<2xf16> {
  %0 = hl.constant {value = dense<1.0> : tensor<2xf16>} : tensor<2xf16>
  %1 = hl.add %0, %0 : (tensor<2xf16>, tensor<2xf16>) -> tensor<2xf16>
  return %1 : tensor<2xf16>
}

// -----

// Reshapes: to the same type, of constants (a resource keeps its blob),
// and of reshapes.
// CHECK-LABEL: func.func @reshape(%arg0: tensor<2x6xf32>, %arg1: tensor<4x3xf32>) -> (tensor<2x6xf32>, tensor<3x2xi8>, tensor<4xi32>, tensor<3x4xf32>, tensor<4x3xf32>, tensor<12xf16>) {
// CHECK-DAG:     %[[V0:.*]] = hl.constant {value = dense<1.500000e+00> : tensor<12xf16>} : tensor<12xf16>
// CHECK-DAG:     %[[V1:.*]] = hl.constant {value = dense<{{\[\[}}1, 2], [3, 4], [5, 6]]> : tensor<3x2xi8>} : tensor<3x2xi8>
// CHECK-DAG:     %[[V2:.*]] = hl.constant {value = dense_resource<blob> : tensor<4xi32>} : tensor<4xi32>
// CHECK:         %[[V3:.*]] = hl.reshape %arg0 {shape = array<i64: 3, 4>} : (tensor<2x6xf32>) -> tensor<3x4xf32>
// CHECK-NEXT:    return %arg0, %[[V1]], %[[V2]], %[[V3]], %arg1, %[[V0]] : tensor<2x6xf32>, tensor<3x2xi8>, tensor<4xi32>, tensor<3x4xf32>, tensor<4x3xf32>, tensor<12xf16>
func.func @reshape(%x: tensor<2x6xf32>, %y: tensor<4x3xf32>) -> (tensor<2x6xf32>, tensor<3x2xi8>, tensor<4xi32>, tensor<3x4xf32>, tensor<4x3xf32>, tensor<12xf16>) {
  %0 = hl.reshape %x {shape = array<i64: 2, 6>} : (tensor<2x6xf32>) -> tensor<2x6xf32>
  %c = hl.constant {value = dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi8>} : tensor<2x3xi8>
  %1 = hl.reshape %c {shape = array<i64: 3, 2>} : (tensor<2x3xi8>) -> tensor<3x2xi8>
  %r = hl.constant {value = dense_resource<blob> : tensor<2x2xi32>} : tensor<2x2xi32>
  %2 = hl.reshape %r {shape = array<i64: 4>} : (tensor<2x2xi32>) -> tensor<4xi32>
  %3 = hl.reshape %x {shape = array<i64: 12>} : (tensor<2x6xf32>) -> tensor<12xf32>
  %4 = hl.reshape %3 {shape = array<i64: 3, 4>} : (tensor<12xf32>) -> tensor<3x4xf32>
  %5 = hl.flatten %y {axis = 2} : (tensor<4x3xf32>) -> tensor<12x1xf32>
  %6 = hl.reshape %5 {shape = array<i64: 4, 3>} : (tensor<12x1xf32>) -> tensor<4x3xf32>
  %h = hl.constant {value = dense<1.5> : tensor<3x4xf16>} : tensor<3x4xf16>
  %7 = hl.flatten %h {axis = 0} : (tensor<3x4xf16>) -> tensor<1x12xf16>
  %8 = hl.reshape %7 {shape = array<i64: 12>} : (tensor<1x12xf16>) -> tensor<12xf16>
  return %0, %1, %2, %4, %6, %8 : tensor<2x6xf32>, tensor<3x2xi8>, tensor<4xi32>, tensor<3x4xf32>, tensor<4x3xf32>, tensor<12xf16>
}

// -----

// CHECK-LABEL: func.func @transpose(%arg0: tensor<2x3x4xf32>) -> (tensor<2x3x4xf32>, tensor<3x2xi16>, tensor<4x2x3xf32>, tensor<2x3x4xf32>, tensor<3x2xf32>, tensor<1xi32>) {
// CHECK-DAG:     %[[V0:.*]] = hl.constant {value = dense<2.000000e+00> : tensor<3x2xf32>} : tensor<3x2xf32>
// CHECK-DAG:     %[[V1:.*]] = hl.constant {value = dense<9> : tensor<1xi32>} : tensor<1xi32>
// CHECK-DAG:     %[[V2:.*]] = hl.constant {value = dense<{{\[\[}}1, 4], [2, 5], [3, 6]]> : tensor<3x2xi16>} : tensor<3x2xi16>
// CHECK:         %[[V3:.*]] = hl.transpose %arg0 {perm = array<i64: 2, 0, 1>} : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
// CHECK-NEXT:    return %arg0, %[[V2]], %[[V3]], %arg0, %[[V0]], %[[V1]] : tensor<2x3x4xf32>, tensor<3x2xi16>, tensor<4x2x3xf32>, tensor<2x3x4xf32>, tensor<3x2xf32>, tensor<1xi32>
func.func @transpose(%x: tensor<2x3x4xf32>) -> (tensor<2x3x4xf32>, tensor<3x2xi16>, tensor<4x2x3xf32>, tensor<2x3x4xf32>, tensor<3x2xf32>, tensor<1xi32>) {
  %0 = hl.transpose %x {perm = array<i64: 0, 1, 2>} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  %c = hl.constant {value = dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi16>} : tensor<2x3xi16>
  %1 = hl.transpose %c : (tensor<2x3xi16>) -> tensor<3x2xi16>
  %2 = hl.transpose %x {perm = array<i64: 1, 2, 0>} : (tensor<2x3x4xf32>) -> tensor<3x4x2xf32>
  %3 = hl.transpose %2 {perm = array<i64: 1, 2, 0>} : (tensor<3x4x2xf32>) -> tensor<4x2x3xf32>
  %4 = hl.transpose %3 {perm = array<i64: 1, 2, 0>} : (tensor<4x2x3xf32>) -> tensor<2x3x4xf32>
  %s = hl.constant {value = dense<2.0> : tensor<2x3xf32>} : tensor<2x3xf32>
  %5 = hl.transpose %s : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %v = hl.constant {value = dense<9> : tensor<1xi32>} : tensor<1xi32>
  %6 = hl.transpose %v : (tensor<1xi32>) -> tensor<1xi32>
  return %0, %1, %3, %4, %5, %6 : tensor<2x3x4xf32>, tensor<3x2xi16>, tensor<4x2x3xf32>, tensor<2x3x4xf32>, tensor<3x2xf32>, tensor<1xi32>
}

// -----

// CHECK-LABEL: func.func @slice(%arg0: tensor<4x6xf32>, %arg1: tensor<?x6xf32>) -> (tensor<4x6xf32>, tensor<?x6xf32>, tensor<2x2xi32>, tensor<3xi8>, tensor<?x6xf32>) {
// CHECK-DAG:     %[[V0:.*]] = hl.constant {value = dense<{{\[\[}}7, 9], [1, 3]]> : tensor<2x2xi32>} : tensor<2x2xi32>
// CHECK-DAG:     %[[V1:.*]] = hl.constant {value = dense<[11, 12, 13]> : tensor<3xi8>} : tensor<3xi8>
// CHECK:         %[[V2:.*]] = hl.slice %arg1 {ends = array<i64: 5>, starts = array<i64: 0>} : (tensor<?x6xf32>) -> tensor<?x6xf32>
// CHECK-NEXT:    return %arg0, %arg1, %[[V0]], %[[V1]], %[[V2]] : tensor<4x6xf32>, tensor<?x6xf32>, tensor<2x2xi32>, tensor<3xi8>, tensor<?x6xf32>
func.func @slice(%x: tensor<4x6xf32>, %d: tensor<?x6xf32>) -> (tensor<4x6xf32>, tensor<?x6xf32>, tensor<2x2xi32>, tensor<3xi8>, tensor<?x6xf32>) {
  %0 = hl.slice %x {starts = array<i64: -4, 0>, ends = array<i64: 100, 6>} : (tensor<4x6xf32>) -> tensor<4x6xf32>
  %1 = hl.slice %d {starts = array<i64: 0>, ends = array<i64: 9223372036854775807>} : (tensor<?x6xf32>) -> tensor<?x6xf32>
  %c = hl.constant {value = dense<[[1, 2, 3], [4, 5, 6], [7, 8, 9]]> : tensor<3x3xi32>} : tensor<3x3xi32>
  %2 = hl.slice %c {starts = array<i64: 2, 0>, ends = array<i64: -9223372036854775808, 3>, axes = array<i64: 0, 1>, steps = array<i64: -2, 2>} : (tensor<3x3xi32>) -> tensor<2x2xi32>
  %v = hl.constant {value = dense<[10, 11, 12, 13, 14]> : tensor<5xi8>} : tensor<5xi8>
  %3 = hl.slice %v {starts = array<i64: 1>, ends = array<i64: -1>} : (tensor<5xi8>) -> tensor<3xi8>
  %4 = hl.slice %d {starts = array<i64: 0>, ends = array<i64: 5>} : (tensor<?x6xf32>) -> tensor<?x6xf32>
  return %0, %1, %2, %3, %4 : tensor<4x6xf32>, tensor<?x6xf32>, tensor<2x2xi32>, tensor<3xi8>, tensor<?x6xf32>
}

// -----

// CHECK-LABEL: func.func @concat_pad(%arg0: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xi32>, tensor<2x3xf32>, tensor<4x3xf32>) {
// CHECK-DAG:     %[[V0:.*]] = hl.constant {value = dense<{{\[\[}}1, 7, 7], [2, 7, 7]]> : tensor<2x3xi32>} : tensor<2x3xi32>
// CHECK:         %[[V1:.*]] = hl.concat %arg0, %arg0 {axis = 0 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
// CHECK-NEXT:    return %arg0, %[[V0]], %arg0, %[[V1]] : tensor<2x3xf32>, tensor<2x3xi32>, tensor<2x3xf32>, tensor<4x3xf32>
func.func @concat_pad(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xi32>, tensor<2x3xf32>, tensor<4x3xf32>) {
  %0 = hl.concat %x {axis = 1} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %a = hl.constant {value = dense<[[1], [2]]> : tensor<2x1xi32>} : tensor<2x1xi32>
  %b = hl.constant {value = dense<7> : tensor<2x2xi32>} : tensor<2x2xi32>
  %1 = hl.concat %a, %b {axis = -1} : (tensor<2x1xi32>, tensor<2x2xi32>) -> tensor<2x3xi32>
  %2 = hl.pad %x {pads = array<i64: 0, 0, 0, 0>, mode = "reflect"} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %3 = hl.concat %x, %x {axis = 0} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
  return %0, %1, %2, %3 : tensor<2x3xf32>, tensor<2x3xi32>, tensor<2x3xf32>, tensor<4x3xf32>
}

{-#
  dialect_resources: {
    builtin: {
      blob: "0x0400000001000000020000000300000004000000"
    }
  }
#-}

// -----

// With dynamic extents, equal operand and result types do not make these
// no-ops: the constant of ones may broadcast %x, the reshape and expand
// may change the extents. A one-element constant of no more axes cannot.
// CHECK-LABEL: func.func @dynamic_not_folded
// CHECK: hl.mul
// CHECK: hl.reshape
// CHECK: hl.expand
// CHECK-NOT: hl.add
// CHECK: return
func.func @dynamic_not_folded(%x: tensor<?xf32>, %y: tensor<?x?xf32>) -> (tensor<?xf32>, tensor<?x?xf32>, tensor<?xf32>, tensor<?xf32>) {
  %ones = hl.constant {value = dense<1.0> : tensor<4xf32>} : tensor<4xf32>
  %zero = hl.constant {value = dense<-0.0> : tensor<1xf32>} : tensor<1xf32>
  %0 = hl.mul %x, %ones : (tensor<?xf32>, tensor<4xf32>) -> tensor<?xf32>
  %1 = hl.reshape %y {shape = array<i64: 3, 2>} : (tensor<?x?xf32>) -> tensor<?x?xf32>
  %2 = hl.expand %x {shape = array<i64: 4>} : (tensor<?xf32>) -> tensor<?xf32>
  %3 = hl.add %x, %zero : (tensor<?xf32>, tensor<1xf32>) -> tensor<?xf32>
  return %0, %1, %2, %3 : tensor<?xf32>, tensor<?x?xf32>, tensor<?xf32>, tensor<?xf32>
}
