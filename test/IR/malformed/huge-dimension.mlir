// A dimension beyond int64.
// RUN: not ipu-opt %s --allow-unregistered-dialect 2>&1 | FileCheck %s
// CHECK: {{.*}}huge-dimension.mlir:4:25: error: invalid dimension
"t.op"() : () -> tensor<123456789012345678901234567890xf32>
