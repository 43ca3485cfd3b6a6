// The uniform short form of the ops of our dialects: operands without
// parentheses, optional regions and attribute dictionary, then the types
// (one type for SameOperandsAndResultType ops, result types for ops
// without operands). Generic form is accepted for the same ops.
// RUN: ipu-opt %s | FileCheck %s
// RUN: ipu-opt %s --mlir-print-op-generic | ipu-opt | FileCheck %s
// RUN: ipu-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// CHECK-LABEL: func.func @net
func.func @net(%x: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK-NEXT: %[[C:.*]] = hl.constant {value = dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00]> : tensor<4xf32>} : tensor<4xf32>
  // GENERIC: "hl.constant"() <{value = dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00]> : tensor<4xf32>}> : () -> tensor<4xf32>
  %c = hl.constant {value = dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>} : tensor<4xf32>
  // CHECK-NEXT: %[[S:.*]] = hl.add %{{.*}}, %[[C]] : tensor<4xf32>
  // GENERIC: "hl.add"(%{{.*}}, %{{.*}}) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %s = hl.add %x, %c : tensor<4xf32>
  // CHECK-NEXT: %[[M:.*]] = hl.mul %[[S]], %[[S]] {t.note = "x"} : tensor<4xf32>
  %m = hl.mul %s, %s {t.note = "x"} : tensor<4xf32>
  // CHECK-NEXT: %[[R:.*]] = hl.relu %[[M]] : tensor<4xf32>
  %r = hl.relu %m : tensor<4xf32> loc("relu.c":1:1)
  // CHECK-NEXT: %[[G:.*]] = hl.add %[[R]], %[[C]] : tensor<4xf32>
  %g = "hl.add"(%r, %c) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  // CHECK-NEXT: %[[W:.*]] = hl.constant {value = dense<1> : tensor<1x1x2x2xi8>} : tensor<1x1x2x2xi8>
  %w = hl.constant {value = dense<1> : tensor<1x1x2x2xi8>} : tensor<1x1x2x2xi8>
  // Inherent attributes given in the dictionary become properties.
  // CHECK-NEXT: tile.windows %[[W]] {kernel_shape = array<i64: 1, 2>} : (tensor<1x1x2x2xi8>) -> tensor<2x2xi8>
  // GENERIC: "tile.windows"(%{{.*}}) <{kernel_shape = array<i64: 1, 2>}> : (tensor<1x1x2x2xi8>) -> tensor<2x2xi8>
  %a = tile.windows %w {kernel_shape = array<i64: 1, 2>} : (tensor<1x1x2x2xi8>) -> tensor<2x2xi8>
  // CHECK-NEXT: return %[[G]] : tensor<4xf32>
  return %g : tensor<4xf32>
}
// CHECK-NEXT: }
// CHECK-NEXT: hw.tile ({
// CHECK-NEXT:   hw.program ({
// CHECK-NEXT:   })
// CHECK-NEXT: }) {chip = 0 : i64, x = 3 : i64, y = 1 : i64}
hw.tile ({
  hw.program ({
  })
}) {chip = 0 : i64, x = 3 : i64, y = 1 : i64}
// An empty block is shown by its label.
// CHECK-NEXT: hw.tile ({
// CHECK-NEXT:   hw.program ({
// CHECK-NEXT:   ^bb0:
// CHECK-NEXT:   })
// CHECK-NEXT: }) {x = 0 : i64, y = 0 : i64}
hw.tile ({
  hw.program ({
  ^bb0:
  })
}) {x = 0 : i64, y = 0 : i64}
