// A block label cut off in its arguments.
// RUN: not ipu-opt %s --allow-unregistered-dialect 2>&1 | FileCheck %s
// CHECK: {{.*}}truncated-block.mlir:5:17: error: expected ':' and type for SSA operand
"t.op"() ({
^bb0(%a: i32, %b