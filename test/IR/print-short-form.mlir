// The uniform short form of our dialects' ops: bare name, operands, regions,
// one sorted attribute dictionary (inherent and discardable merged), then
// the types: none, the result list, or the single shared type.
// RUN: ipu-opt %s | FileCheck %s
// RUN: ipu-opt %s | ipu-opt | FileCheck %s
// RUN: ipu-opt %s --mlir-print-op-generic | ipu-opt | FileCheck %s
// RUN: ipu-opt %s --mlir-print-debuginfo | FileCheck %s --check-prefix=DEBUG

// CHECK-LABEL: func.func @short(%arg0: tensor<2xf32>) -> tensor<2xf32> {
// CHECK-NEXT:    %0 = hl.constant {ipu.z, value = dense<1.000000e+00> : tensor<2xf32>} : tensor<2xf32>
// CHECK-NEXT:    %1 = hl.add %arg0, %0 : tensor<2xf32>
// CHECK-NEXT:    %2 = hl.relu %1 {ipu.a = 1 : i64} : tensor<2xf32>
// CHECK-NEXT:    return %2 : tensor<2xf32>
// CHECK-NEXT:  }
// CHECK-NEXT:  hw.tile ({
// CHECK-NEXT:    hw.program ({
// CHECK-NEXT:    ^bb0:
// CHECK-NEXT:    })
// CHECK-NEXT:  }) {chip = 0 : i64, ipu.name = "t", x = 1 : i64, y = 2 : i64}
// DEBUG:  %1 = hl.add %arg0, %0 : tensor<2xf32> loc([[ADD:#loc[0-9]*]])
// DEBUG:  }) {chip = 0 : i64, ipu.name = "t", x = 1 : i64, y = 2 : i64} loc([[TILE:#loc[0-9]*]])
// DEBUG-DAG: [[ADD]] = loc("s.c":2:2)
// DEBUG-DAG: [[TILE]] = loc("t.c":1:1)
func.func @short(%a: tensor<2xf32>) -> tensor<2xf32> {
  %c = "hl.constant"() {value = dense<1.0> : tensor<2xf32>, ipu.z} : () -> tensor<2xf32>
  %s = hl.add %a, %c : tensor<2xf32> loc("s.c":2:2)
  %r = hl.relu %s {ipu.a = 1} : tensor<2xf32>
  return %r : tensor<2xf32>
}
"hw.tile"() <{x = 1, y = 2, chip = 0}> ({
  "hw.program"() ({
  ^bb0:
  }) : () -> ()
}) {ipu.name = "t"} : () -> () loc("t.c":1:1)
