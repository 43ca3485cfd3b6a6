// A use that is never defined.
// RUN: not ipu-opt %s --allow-unregistered-dialect 2>&1 | FileCheck %s
// CHECK: {{.*}}undefined-value.mlir:4:8: error: use of undeclared SSA value name
"t.op"(%nowhere) : (i32) -> ()
