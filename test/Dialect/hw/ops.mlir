// Round trip of the hw ops in their uniform short form and generic form.
// RUN: ipu-opt %s | FileCheck %s
// RUN: ipu-opt %s | ipu-opt | FileCheck %s
// RUN: ipu-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: ipu-opt %s --mlir-print-op-generic | ipu-opt | FileCheck %s

// CHECK-LABEL: module {
// CHECK-NEXT:    hw.tile ({
// CHECK-NEXT:    }) {x = 0 : i64, y = 0 : i64}
// CHECK-NEXT:    hw.tile ({
// CHECK-NEXT:      %0 = hl.constant {value = dense<1> : tensor<4xi8>} : tensor<4xi8>
// CHECK-NEXT:    }) {chip = 1 : i64, ipu.name = "t3_2", x = 3 : i64, y = 2 : i64}
// CHECK-NEXT:    hw.tile ({
// CHECK-NEXT:    ^bb0:
// CHECK-NEXT:    }) {chip = 0 : i64, x = 1 : i64, y = 0 : i64}
// CHECK-NEXT:  }
// GENERIC-LABEL: "builtin.module"() ({
// GENERIC-NEXT:    "hw.tile"() <{x = 0 : i64, y = 0 : i64}> ({
// GENERIC-NEXT:    }) : () -> ()
// GENERIC-NEXT:    "hw.tile"() <{chip = 1 : i64, x = 3 : i64, y = 2 : i64}> ({
// GENERIC-NEXT:      %{{.*}} = "hl.constant"() <{value = dense<1> : tensor<4xi8>}> : () -> tensor<4xi8>
// GENERIC-NEXT:    }) {ipu.name = "t3_2"} : () -> ()
// GENERIC-NEXT:    "hw.tile"() <{chip = 0 : i64, x = 1 : i64, y = 0 : i64}> ({
// GENERIC:         }) : () -> ()
// GENERIC-NEXT:  }) : () -> ()
module {
  hw.tile ({
  }) {x = 0 : i64, y = 0 : i64}
  hw.tile ({
    %0 = hl.constant {value = dense<1> : tensor<4xi8>} : tensor<4xi8>
  }) {y = 2, x = 3, chip = 1, ipu.name = "t3_2"}
  "hw.tile"() ({
  ^bb0:
  }) {x = 1 : i64, y = 0 : i64, chip = 0 : i64} : () -> ()
}
