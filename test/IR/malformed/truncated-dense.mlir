// A dense hex constant cut off.
// RUN: not ipu-opt %s --allow-unregistered-dialect 2>&1 | FileCheck %s
// CHECK: {{.*}}truncated-dense.mlir:4:31: error: expected '"' in string literal
"t.op"() {a = dense<"0x0102030