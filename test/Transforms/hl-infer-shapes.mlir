// hl-infer-shapes on IR that verifies: the hl verifier already demands
// the exact inferred types, so nothing changes (the refinement of types
// left less static, e.g. after an API client changed argument types, is
// tested in test/unit/hl_infer_shapes_test.c, which can build such IR).
// The pass runs on a module: it follows calls into other functions.
// RUN: ipu-opt %s --hl-infer-shapes | FileCheck %s
// RUN: ipu-opt %s --hl-infer-shapes --mlir-pass-statistics -o /dev/null 2>&1 | FileCheck %s --check-prefix=STATS
// RUN: not ipu-opt %s --pass-pipeline='builtin.module(func.func(hl-infer-shapes))' 2>&1 | FileCheck %s --check-prefix=NEST

// CHECK-LABEL: func.func @dynamic
// CHECK-SAME: (%{{.*}}: tensor<?x3xf32>, %{{.*}}: tensor<3x4xf32>) -> tensor<?x4xf32>
// CHECK-NEXT: hl.matmul %{{.*}} : (tensor<?x3xf32>, tensor<3x4xf32>) -> tensor<?x4xf32>
// CHECK-NEXT: call @callee(%{{.*}}) : (tensor<?x4xf32>) -> tensor<?x4xf32>
func.func @dynamic(%a: tensor<?x3xf32>, %b: tensor<3x4xf32>) -> tensor<?x4xf32> {
  %0 = hl.matmul %a, %b : (tensor<?x3xf32>, tensor<3x4xf32>) -> tensor<?x4xf32>
  %1 = call @callee(%0) : (tensor<?x4xf32>) -> tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}

// CHECK-LABEL: func.func private @callee
// CHECK-NEXT: hl.relu %{{.*}} : tensor<?x4xf32>
func.func private @callee(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = hl.relu %x : tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// STATS: hl-infer-shapes
// STATS-NEXT: (S) 0 num-refined - Number of result types and function signatures refined

// NEST: Can't add pass 'hl-infer-shapes' restricted to 'builtin.module' on a PassManager intended to run on 'func.func', did you intend to nest?
