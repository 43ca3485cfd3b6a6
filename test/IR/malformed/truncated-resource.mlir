// A resource section cut off in a blob.
// RUN: not ipu-opt %s --allow-unregistered-dialect 2>&1 | FileCheck %s
// CHECK: {{.*}}truncated-resource.mlir:4:53: error: expected '"' in string literal
{-# dialect_resources: { builtin: { r: "0x0400000001