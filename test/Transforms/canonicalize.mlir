// The canonicalize pass: folding, canonicalization patterns, dead op and
// unreachable block removal, and its options. (The folds of each op are
// tested with their dialect, e.g. Dialect/hl/canonicalize.mlir.)
// RUN: ipu-opt %s --allow-unregistered-dialect --canonicalize --split-input-file | FileCheck %s
// RUN: ipu-opt %s --allow-unregistered-dialect --canonicalize=top-down=false --split-input-file | FileCheck %s
// RUN: ipu-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(func.func(canonicalize{max-iterations=5 max-num-rewrites=100}))' --split-input-file | FileCheck %s
// RUN: ipu-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(canonicalize{region-simplify=disabled})' --split-input-file | FileCheck %s --check-prefix=KEEP

// Constants fold through the ops that use them; the inputs, left without
// uses, go.
// CHECK-LABEL: func.func @fold_chain
// CHECK-NEXT:    %[[C:.*]] = hl.constant {value = dense<9> : tensor<4xi32>} : tensor<4xi32>
// CHECK-NEXT:    return %[[C]]
func.func @fold_chain() -> tensor<4xi32> {
  %0 = hl.constant {value = dense<1> : tensor<4xi32>} : tensor<4xi32>
  %1 = hl.constant {value = dense<2> : tensor<4xi32>} : tensor<4xi32>
  %2 = hl.add %0, %1 : tensor<4xi32>
  %3 = hl.mul %2, %2 : tensor<4xi32>
  return %3 : tensor<4xi32>
}

// -----

// Pure ops without uses are erased; ops of unknown dialects are kept.
// CHECK-LABEL: func.func @dead_ops
// CHECK-NEXT:    "test.side_effect"() : () -> tensor<4xf32>
// CHECK-NEXT:    return
func.func @dead_ops(%a: tensor<4xf32>) {
  %0 = hl.relu %a : tensor<4xf32>
  %1 = hl.add %0, %0 : tensor<4xf32>
  %2 = "test.side_effect"() : () -> tensor<4xf32>
  return
}

// -----

// A canonicalization pattern: the constant operand moves to the right.
// CHECK-LABEL: func.func @constant_to_the_right
// CHECK-SAME:    (%[[A:.*]]: tensor<4xi32>)
// CHECK-NEXT:    %[[C:.*]] = hl.constant {value = dense<5> : tensor<4xi32>}
// CHECK-NEXT:    %[[R:.*]] = hl.mul %[[A]], %[[C]] : tensor<4xi32>
// CHECK-NEXT:    return %[[R]]
func.func @constant_to_the_right(%a: tensor<4xi32>) -> tensor<4xi32> {
  %c = hl.constant {value = dense<5> : tensor<4xi32>} : tensor<4xi32>
  %0 = hl.mul %c, %a : tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// Blocks that cannot be reached are erased, unless region-simplify is
// disabled.
// CHECK-LABEL: func.func @unreachable
// CHECK-NEXT:    return
// CHECK-NEXT:  }
// KEEP-LABEL:  func.func @unreachable
// KEEP-NEXT:     return
// KEEP-NEXT:   ^bb1:
// KEEP-NEXT:     %[[R:.*]] = hl.relu
// KEEP-NEXT:     "test.use"(%[[R]])
// KEEP-NEXT:     "test.br"()[^bb1]
func.func @unreachable(%a: tensor<4xf32>) {
  return
^bb1:
  %0 = hl.relu %a : tensor<4xf32>
  "test.use"(%0) : (tensor<4xf32>) -> ()
  "test.br"()[^bb1] : () -> ()
}

// -----

// Nothing to do: the IR is left as it is.
// CHECK-LABEL: func.func @nothing
// CHECK-NEXT:    %[[R:.*]] = "test.op"(%{{.*}}) : (i32) -> i32
// CHECK-NEXT:    return %[[R]]
func.func @nothing(%a: i32) -> i32 {
  %0 = "test.op"(%a) : (i32) -> i32
  return %0 : i32
}
