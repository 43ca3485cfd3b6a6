// hl-infer-shapes: hl ops may declare result types less static than their
// operands fix (trait CompatibleResultTypes); the pass makes them static,
// function signatures and calls included, and the results do not change.
// Conflicts cannot be written in text (the verifier rejects them); they are
// tested in test/unit/hl_infer_shapes_test.c, which builds such IR.
// The pass runs on a module: it follows calls into other functions.
// RUN: ipu-opt %s --hl-infer-shapes | FileCheck %s
// RUN: ipu-opt %s --hl-infer-shapes --mlir-pass-statistics -o /dev/null 2>&1 | FileCheck %s --check-prefix=STATS
// RUN: rm -rf %t && mkdir -p %t/before
// RUN: python3 %S/Inputs/rand_npy.py %t/x.npy 1x3x8x8 21
// RUN: python3 %S/Inputs/rand_npy.py %t/w.npy 4x3x3x3 22
// RUN: ipu-opt %s --hl-infer-shapes -o %t/inferred.mlir
// RUN: ipu-run %s --func refine --input 0=%t/x.npy --input 1=%t/w.npy -o %t/before
// RUN: ipu-run %t/inferred.mlir --func refine --input 0=%t/x.npy --input 1=%t/w.npy --expect 0=%t/before/output_0.npy --rtol 0 --atol 0
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

// Static arguments, results left dynamic: everything becomes
// static, @refine's signature, the call and @refine_callee too.
// CHECK-LABEL: func.func @refine
// CHECK-SAME: -> tensor<1x256xf32>
// CHECK-NEXT: hl.conv2d {{.*}} -> tensor<1x4x8x8xf32>
// CHECK-NEXT: hl.relu %{{.*}} : tensor<1x4x8x8xf32>
// CHECK-NEXT: hl.flatten {{.*}} : (tensor<1x4x8x8xf32>) -> tensor<1x256xf32>
// CHECK-NEXT: call @refine_callee(%{{.*}}) : (tensor<1x256xf32>) -> tensor<1x256xf32>
func.func @refine(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<?x?xf32> {
  %0 = hl.conv2d %x, %w {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<?x?x?x?xf32>
  %1 = hl.relu %0 : tensor<?x?x?x?xf32>
  %2 = hl.flatten %1 {axis = 1 : i64} : (tensor<?x?x?x?xf32>) -> tensor<?x?xf32>
  %3 = call @refine_callee(%2) : (tensor<?x?xf32>) -> tensor<?x?xf32>
  return %3 : tensor<?x?xf32>
}

// The private callee's arguments follow its only call site.
// CHECK-LABEL: func.func private @refine_callee
// CHECK-SAME: (%{{.*}}: tensor<1x256xf32>) -> tensor<1x256xf32>
// CHECK-NEXT: hl.softmax %{{.*}} {axis = 1 : i64} : tensor<1x256xf32>
func.func private @refine_callee(%x: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %0 = hl.softmax %x {axis = 1 : i64} : tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// A public callee keeps its signature, and a private one whose call sites
// pass different types keeps its arguments: the refined values reach them
// through hl.identity casts.
// CHECK-LABEL: func.func @casts
// CHECK: %[[R:.*]] = hl.flatten %{{.*}} {axis = 1 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[C1:.*]] = "hl.identity"(%[[R]]) : (tensor<2x3xf32>) -> tensor<?x3xf32>
// CHECK-NEXT: call @public_callee(%[[C1]])
// CHECK-NEXT: %[[C2:.*]] = "hl.identity"(%[[R]]) : (tensor<2x3xf32>) -> tensor<?x3xf32>
// CHECK-NEXT: call @private_callee(%[[C2]])
// CHECK-NEXT: call @private_callee(%{{.*}}) : (tensor<?x3xf32>) -> tensor<?x3xf32>
func.func @casts(%x: tensor<2x3xf32>, %y: tensor<?x3xf32>) -> (tensor<?x3xf32>, tensor<?x3xf32>, tensor<?x3xf32>) {
  %0 = hl.flatten %x {axis = 1 : i64} : (tensor<2x3xf32>) -> tensor<?x3xf32>
  %1 = call @public_callee(%0) : (tensor<?x3xf32>) -> tensor<?x3xf32>
  %2 = call @private_callee(%0) : (tensor<?x3xf32>) -> tensor<?x3xf32>
  %3 = call @private_callee(%y) : (tensor<?x3xf32>) -> tensor<?x3xf32>
  return %1, %2, %3 : tensor<?x3xf32>, tensor<?x3xf32>, tensor<?x3xf32>
}

// CHECK-LABEL: func.func @public_callee
// CHECK-SAME: (%{{.*}}: tensor<?x3xf32>) -> tensor<?x3xf32>
func.func @public_callee(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %0 = hl.sigmoid %x : tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// CHECK-LABEL: func.func private @private_callee
// CHECK-SAME: (%{{.*}}: tensor<?x3xf32>) -> tensor<?x3xf32>
func.func private @private_callee(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %0 = hl.tanh %x : tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// STATS: hl-infer-shapes
// STATS-NEXT: (S) 2 num-casts
// STATS-NEXT: (S) 9 num-refined - Number of result types and function signatures refined

// NEST: Can't add pass 'hl-infer-shapes' restricted to 'builtin.module' on a PassManager intended to run on 'func.func', did you intend to nest?
