// External resources of other tools are accepted and skipped silently (no
// warning), while the builtin dialect's resources are read.
// (--verify-diagnostics also keeps this file out of the mlir-opt interop
// test: mlir-opt keeps external resources, ipu-opt drops them.)
// RUN: ipu-opt %s --allow-unregistered-dialect --verify-diagnostics
// RUN: ipu-opt %s --allow-unregistered-dialect | FileCheck %s

// CHECK: "t.res"() {a = dense_resource<blob> : tensor<1xi8>} : () -> ()
// CHECK: {-#
// CHECK-NEXT: dialect_resources: {
// CHECK-NEXT: builtin: {
// CHECK-NEXT: blob: "0x0100000007"
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: #-}
// CHECK-NOT: external_resources
"t.res"() {a = dense_resource<blob> : tensor<1xi8>} : () -> ()
{-#
  external_resources: {
    some_tool: {
      setting: "value",
      flag: true,
      count: 3,
      "quoted key": "x"
    }
  },
  dialect_resources: {
    builtin: {
      blob: "0x0100000007"
    }
  },
  external_resources: {
    mlir_reproducer: {
      pipeline: "builtin.module(cse)"
    }
  }
#-}
