// A dialect type body cut off.
// RUN: not ipu-opt %s --allow-unregistered-dialect 2>&1 | FileCheck %s
// CHECK: {{.*}}truncated-dialect-type.mlir:4:29: error: unexpected nul or EOF in pretty dialect name
"t.op"() : () -> !t.ty<a, [b