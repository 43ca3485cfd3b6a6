// A resource blob whose alignment is zero.
// RUN: not ipu-opt %s --allow-unregistered-dialect 2>&1 | FileCheck %s
// CHECK: {{.*}}zero-alignment.mlir:5:40: error: expected hex string blob for key 'r' to encode alignment in first 4 bytes, but got non-power-of-2 value: 0
"t.op"() {a = dense_resource<r> : tensor<1xi8>} : () -> ()
{-# dialect_resources: { builtin: { r: "0x0000000007" } } #-}
