// The README's demo: the bundled example through the demo pipeline.
// RUN: ipu-opt %S/../../examples/mlp.ir --pass-pipeline='builtin.module(func.func(canonicalize,cse),symbol-dce)' | FileCheck %s

// CHECK-LABEL: func.func @mlp(%arg0: tensor<4xf32>) -> tensor<4xf32>
// CHECK-NEXT: %[[C:.*]] = hl.constant {value = dense<[2.000000e+00, 3.000000e+00, 4.000000e+00, 5.000000e+00]> : tensor<4xf32>} : tensor<4xf32>
// CHECK-NEXT: %[[M:.*]] = hl.mul %arg0, %[[C]] : tensor<4xf32>
// CHECK-NEXT: %[[A:.*]] = hl.add %[[M]], %[[M]] : tensor<4xf32>
// CHECK-NEXT: %[[R:.*]] = hl.relu %[[A]] : tensor<4xf32>
// CHECK-NEXT: return %[[R]] : tensor<4xf32>
// CHECK-NOT: @unused
