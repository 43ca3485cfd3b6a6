// A function without its closing brace.
// RUN: not ipu-opt %s --allow-unregistered-dialect 2>&1 | FileCheck %s
// CHECK: {{.*}}truncated-func.mlir:6:1: error: expected operation name in quotes
func.func @f(%a: i32) -> i32 {
  return %a : i32
