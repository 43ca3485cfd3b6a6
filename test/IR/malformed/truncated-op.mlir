// An op cut off in its type.
// RUN: not ipu-opt %s --allow-unregistered-dialect 2>&1 | FileCheck %s
// CHECK: {{.*}}truncated-op.mlir:4:29: error: expected non-function type
%0 = "t.op"(%a, %b) : (i32, f3