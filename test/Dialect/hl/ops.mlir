// Round trip of the hl ops in their uniform short form and generic form.
// RUN: ipu-opt %s | FileCheck %s
// RUN: ipu-opt %s | ipu-opt | FileCheck %s
// RUN: ipu-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: ipu-opt %s --mlir-print-op-generic | ipu-opt | FileCheck %s

// CHECK-LABEL: func.func @constants() -> (tensor<2xf32>, tensor<4xi32>, tensor<2x2xi8>, tensor<2xi32>) {
// CHECK-NEXT:    %0 = hl.constant {value = dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>} : tensor<2xf32>
// CHECK-NEXT:    %1 = hl.constant {value = dense<7> : tensor<4xi32>} : tensor<4xi32>
// CHECK-NEXT:    %2 = hl.constant {ipu.name = "w", value = dense<{{\[}}[1, -2], [3, -4]]> : tensor<2x2xi8>} : tensor<2x2xi8>
// CHECK-NEXT:    %3 = hl.constant {value = dense_resource<blob> : tensor<2xi32>} : tensor<2xi32>
// CHECK-NEXT:    return %0, %1, %2, %3
// GENERIC-LABEL: "func.func"() <{function_type = () -> (tensor<2xf32>, tensor<4xi32>, tensor<2x2xi8>, tensor<2xi32>), sym_name = "constants"}> ({
// GENERIC-NEXT:    %[[C0:.*]] = "hl.constant"() <{value = dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>}> : () -> tensor<2xf32>
// GENERIC-NEXT:    %{{.*}} = "hl.constant"() <{value = dense<7> : tensor<4xi32>}> : () -> tensor<4xi32>
// GENERIC-NEXT:    %{{.*}} = "hl.constant"() <{value = dense<{{\[}}[1, -2], [3, -4]]> : tensor<2x2xi8>}> {ipu.name = "w"} : () -> tensor<2x2xi8>
// GENERIC-NEXT:    %{{.*}} = "hl.constant"() <{value = dense_resource<blob> : tensor<2xi32>}> : () -> tensor<2xi32>
func.func @constants() -> (tensor<2xf32>, tensor<4xi32>, tensor<2x2xi8>, tensor<2xi32>) {
  %0 = hl.constant {value = dense<[1.0, 2.0]> : tensor<2xf32>} : tensor<2xf32>
  %1 = hl.constant {value = dense<7> : tensor<4xi32>} : tensor<4xi32>
  %2 = hl.constant {value = dense<[[1, -2], [3, -4]]> : tensor<2x2xi8>, ipu.name = "w"} : tensor<2x2xi8>
  %3 = "hl.constant"() <{value = dense_resource<blob> : tensor<2xi32>}> : () -> tensor<2xi32>
  return %0, %1, %2, %3 : tensor<2xf32>, tensor<4xi32>, tensor<2x2xi8>, tensor<2xi32>
}

// CHECK-LABEL: func.func @elementwise(%arg0: tensor<2xf32>, %arg1: tensor<?x3xi32>, %arg2: tensor<*xf32>) -> tensor<2xf32> {
// CHECK-NEXT:    %0 = hl.add %arg0, %arg0 : tensor<2xf32>
// CHECK-NEXT:    %1 = hl.mul %0, %arg0 {ipu.tag} : tensor<2xf32>
// CHECK-NEXT:    %2 = hl.relu %1 : tensor<2xf32>
// CHECK-NEXT:    %3 = hl.add %arg1, %arg1 : tensor<?x3xi32>
// CHECK-NEXT:    %4 = hl.mul %3, %3 : tensor<?x3xi32>
// CHECK-NEXT:    %5 = hl.relu %4 : tensor<?x3xi32>
// CHECK-NEXT:    %6 = hl.add %arg2, %arg2 : tensor<*xf32>
// CHECK-NEXT:    return %2 : tensor<2xf32>
// GENERIC-LABEL: sym_name = "elementwise"
// GENERIC:         %[[A:.*]] = "hl.add"(%[[X:.*]], %[[X]]) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
// GENERIC-NEXT:    %[[M:.*]] = "hl.mul"(%[[A]], %[[X]]) {ipu.tag} : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
// GENERIC-NEXT:    %{{.*}} = "hl.relu"(%[[M]]) : (tensor<2xf32>) -> tensor<2xf32>
func.func @elementwise(%a: tensor<2xf32>, %b: tensor<?x3xi32>, %c: tensor<*xf32>) -> tensor<2xf32> {
  %0 = hl.add %a, %a : tensor<2xf32>
  %1 = "hl.mul"(%0, %a) {ipu.tag} : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %2 = hl.relu %1 : tensor<2xf32>
  %3 = hl.add %b, %b : tensor<?x3xi32>
  %4 = hl.mul %3, %3 : tensor<?x3xi32>
  %5 = "hl.relu"(%4) : (tensor<?x3xi32>) -> tensor<?x3xi32>
  %6 = hl.add %c, %c : tensor<*xf32>
  return %2 : tensor<2xf32>
}

{-#
  dialect_resources: {
    builtin: {
      blob: "0x040000000100000002000000"
    }
  }
#-}
