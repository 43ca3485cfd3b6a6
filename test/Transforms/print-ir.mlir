// IR dumps around passes (--mlir-print-ir-before/after[-all]): a header
// naming the pass, then the op the pass runs on, then a blank line.
// RUN: ipu-opt %s --pass-pipeline='builtin.module(func.func(cse),symbol-dce)' --mlir-print-ir-before=cse --mlir-print-ir-after=symbol-dce -o /dev/null 2>&1 | FileCheck %s
// RUN: ipu-opt %s --pass-pipeline='builtin.module(func.func(cse),symbol-dce)' --mlir-print-ir-after-all -o /dev/null 2>&1 | FileCheck %s --check-prefix=AFTERALL
// RUN: ipu-opt %s --pass-pipeline='builtin.module(func.func(cse),symbol-dce)' --mlir-print-ir-before-all --mlir-print-op-generic -o /dev/null 2>&1 | FileCheck %s --check-prefix=GENERIC
// RUN: ipu-opt %s --pass-pipeline='builtin.module(func.func(cse),symbol-dce)' --mlir-print-ir-after=dce -o /dev/null 2>&1 | FileCheck %s --allow-empty --check-prefix=NONE

// Nested passes dump the op they run on, once per op; the module-level pass
// dumps the module.
// CHECK:      // -----// IR Dump Before cse (cse) //----- //
// CHECK-NEXT: func.func @f(%arg0: tensor<4xf32>) -> tensor<4xf32> {
// CHECK-NEXT:   %0 = hl.add %arg0, %arg0 : tensor<4xf32>
// CHECK-NEXT:   %1 = hl.add %arg0, %arg0 : tensor<4xf32>
// CHECK-NEXT:   %2 = hl.mul %0, %1 : tensor<4xf32>
// CHECK-NEXT:   return %2 : tensor<4xf32>
// CHECK-NEXT: }
// CHECK-EMPTY:
// CHECK-NEXT: // -----// IR Dump Before cse (cse) //----- //
// CHECK-NEXT: func.func private @g()
// CHECK-EMPTY:
// CHECK-NEXT: // -----// IR Dump After symbol-dce (symbol-dce) //----- //
// CHECK-NEXT: module {
// CHECK-NEXT:   func.func @f(%arg0: tensor<4xf32>) -> tensor<4xf32> {
// CHECK-NEXT:     %0 = hl.add %arg0, %arg0 : tensor<4xf32>
// CHECK-NEXT:     %1 = hl.mul %0, %0 : tensor<4xf32>
// CHECK-NEXT:     return %1 : tensor<4xf32>
// CHECK-NEXT:   }
// CHECK-NEXT: }
// CHECK-EMPTY:
// CHECK-NOT:  IR Dump

// AFTERALL:     // -----// IR Dump After cse (cse) //----- //
// AFTERALL-NEXT: func.func @f
// AFTERALL:     // -----// IR Dump After cse (cse) //----- //
// AFTERALL-NEXT: func.func private @g()
// AFTERALL:     // -----// IR Dump After symbol-dce (symbol-dce) //----- //
// AFTERALL-NEXT: module {
// AFTERALL-NOT: IR Dump

// GENERIC:      // -----// IR Dump Before cse (cse) //----- //
// GENERIC-NEXT: "func.func"() <{function_type = (tensor<4xf32>) -> tensor<4xf32>, sym_name = "f"}> ({
// GENERIC:      // -----// IR Dump Before symbol-dce (symbol-dce) //----- //
// GENERIC-NEXT: "builtin.module"() ({

// NONE-NOT: IR Dump

func.func @f(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = hl.add %a, %a : tensor<4xf32>
  %1 = hl.add %a, %a : tensor<4xf32>
  %2 = hl.mul %0, %1 : tensor<4xf32>
  return %2 : tensor<4xf32>
}

func.func private @g()
