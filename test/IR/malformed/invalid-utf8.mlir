// A string holding a byte that is not UTF-8.
// RUN: not ipu-opt %s --allow-unregistered-dialect 2>&1 | FileCheck %s
// CHECK: {{.*}}invalid-utf8.mlir:4:19: error: invalid UTF-8 in string literal
"t.op"() {a = "café"} : () -> ()
