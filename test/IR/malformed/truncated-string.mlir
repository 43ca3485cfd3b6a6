// A file ending inside a string.
// RUN: not ipu-opt %s --allow-unregistered-dialect 2>&1 | FileCheck %s
// CHECK: {{.*}}truncated-string.mlir:4:22: error: expected '"' in string literal
"t.op"() {a = "no end