// Regions left open at the end of the file.
// RUN: not ipu-opt %s --allow-unregistered-dialect 2>&1 | FileCheck %s
// CHECK: {{.*}}truncated-region.mlir:7:1: error: expected operation name in quotes
"t.op"() ({
  "t.op"() ({
    "t.inner"() : () -> ()
