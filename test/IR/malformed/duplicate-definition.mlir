// A name defined twice.
// RUN: not ipu-opt %s --allow-unregistered-dialect 2>&1 | FileCheck %s
// CHECK: {{.*}}duplicate-definition.mlir:5:1: error: redefinition of SSA value '%x'
%x = "t.op"() : () -> i32
%x = "t.op"() : () -> i32
