// Uses of one value with different types.
// RUN: not ipu-opt %s --allow-unregistered-dialect 2>&1 | FileCheck %s
// CHECK: {{.*}}mismatched-types.mlir:5:9: error: use of value '%x' expects different type than prior uses: 'f32' vs 'i32'
%x = "t.op"() : () -> i32
"t.use"(%x) : (f32) -> ()
