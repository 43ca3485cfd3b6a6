// Common subexpression elimination (MLIR's CSE semantics).
// RUN: ipu-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(func.func(cse))' --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @simple_constant
// CHECK-NEXT:    %[[C:.*]] = hl.constant {value = dense<1> : tensor<4xi32>} : tensor<4xi32>
// CHECK-NEXT:    return %[[C]], %[[C]]
func.func @simple_constant() -> (tensor<4xi32>, tensor<4xi32>) {
  %0 = hl.constant {value = dense<1> : tensor<4xi32>} : tensor<4xi32>
  %1 = hl.constant {value = dense<1> : tensor<4xi32>} : tensor<4xi32>
  return %0, %1 : tensor<4xi32>, tensor<4xi32>
}

// -----

// Different attributes: nothing to merge.
// CHECK-LABEL: func.func @different_constants
// CHECK-NEXT:    hl.constant {value = dense<1> : tensor<4xi32>}
// CHECK-NEXT:    hl.constant {value = dense<2> : tensor<4xi32>}
// CHECK-NEXT:    return
func.func @different_constants() -> (tensor<4xi32>, tensor<4xi32>) {
  %0 = hl.constant {value = dense<1> : tensor<4xi32>} : tensor<4xi32>
  %1 = hl.constant {value = dense<2> : tensor<4xi32>} : tensor<4xi32>
  return %0, %1 : tensor<4xi32>, tensor<4xi32>
}

// -----

// A chain: once the adds merge, the muls of them merge too.
// CHECK-LABEL: func.func @chain
// CHECK-SAME:    (%[[A:.*]]: tensor<4xf32>)
// CHECK-NEXT:    %[[X:.*]] = hl.add %[[A]], %[[A]] : tensor<4xf32>
// CHECK-NEXT:    %[[Y:.*]] = hl.mul %[[X]], %[[X]] : tensor<4xf32>
// CHECK-NEXT:    return %[[Y]], %[[Y]]
func.func @chain(%a: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = hl.add %a, %a : tensor<4xf32>
  %1 = hl.add %a, %a : tensor<4xf32>
  %2 = hl.mul %0, %0 : tensor<4xf32>
  %3 = hl.mul %1, %1 : tensor<4xf32>
  return %2, %3 : tensor<4xf32>, tensor<4xf32>
}

// -----

// Commutative ops match with their operands in either order; others not.
// CHECK-LABEL: func.func @commutative
// CHECK-SAME:    (%[[A:.*]]: tensor<4xf32>, %[[B:.*]]: tensor<4xf32>)
// CHECK-NEXT:    %[[X:.*]] = hl.add %[[A]], %[[B]] : tensor<4xf32>
// CHECK-NEXT:    return %[[X]], %[[X]]
func.func @commutative(%a: tensor<4xf32>, %b: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = hl.add %a, %b : tensor<4xf32>
  %1 = hl.add %b, %a : tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// Unregistered ops may have side effects: never merged.
// CHECK-LABEL: func.func @unregistered
// CHECK-NEXT:    "test.op"() : () -> i32
// CHECK-NEXT:    "test.op"() : () -> i32
func.func @unregistered() -> (i32, i32) {
  %0 = "test.op"() : () -> i32
  %1 = "test.op"() : () -> i32
  return %0, %1 : i32, i32
}

// -----

// Pure ops left without uses are erased (num-dce'd).
// CHECK-LABEL: func.func @dead
// CHECK-NEXT:    return
func.func @dead(%a: tensor<4xf32>) {
  %0 = hl.relu %a : tensor<4xf32>
  return
}

// -----

// An op in a block is replaced by an equivalent op of a block that
// dominates it, never by one of a sibling block.
// CHECK-LABEL: func.func @dominance
// CHECK-SAME:    (%[[A:.*]]: tensor<4xf32>)
// CHECK-NEXT:    %[[X:.*]] = hl.relu %[[A]]
// CHECK-NEXT:    "test.cond_br"(%[[X]])[^bb1, ^bb2]
// CHECK-NEXT:  ^bb1:
// CHECK-NEXT:    %[[Y:.*]] = hl.add %[[A]], %[[A]]
// CHECK-NEXT:    "test.use"(%[[X]], %[[Y]])
// CHECK-NEXT:    "test.br"()[^bb3]
// CHECK-NEXT:  ^bb2:
// CHECK-NEXT:    "test.use"(%[[X]])
// CHECK-NEXT:    "test.br"()[^bb3]
// CHECK-NEXT:  ^bb3:
// CHECK-NEXT:    %[[Z:.*]] = hl.add %[[A]], %[[A]]
// CHECK-NEXT:    return %[[X]], %[[Z]]
func.func @dominance(%a: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = hl.relu %a : tensor<4xf32>
  "test.cond_br"(%0)[^bb1, ^bb2] : (tensor<4xf32>) -> ()
^bb1:
  %1 = hl.relu %a : tensor<4xf32>
  %2 = hl.add %a, %a : tensor<4xf32>
  "test.use"(%1, %2) : (tensor<4xf32>, tensor<4xf32>) -> ()
  "test.br"()[^bb3] : () -> ()
^bb2:
  %3 = hl.relu %a : tensor<4xf32>
  "test.use"(%3) : (tensor<4xf32>) -> ()
  "test.br"()[^bb3] : () -> ()
^bb3:
  %4 = hl.relu %a : tensor<4xf32>
  %5 = hl.add %a, %a : tensor<4xf32>
  return %4, %5 : tensor<4xf32>, tensor<4xf32>
}

// -----

// A loop: the header dominates the body, so the body's copy goes.
// CHECK-LABEL: func.func @loop
// CHECK:       ^bb1:
// CHECK-NEXT:    %[[X:.*]] = hl.relu
// CHECK-NEXT:    "test.cond_br"()[^bb2, ^bb3]
// CHECK-NEXT:  ^bb2:
// CHECK-NEXT:    "test.use"(%[[X]])
// CHECK-NEXT:    "test.br"()[^bb1]
func.func @loop(%a: tensor<4xf32>) {
  "test.br"()[^bb1] : () -> ()
^bb1:
  %0 = hl.relu %a : tensor<4xf32>
  "test.cond_br"()[^bb2, ^bb3] : () -> ()
^bb2:
  %1 = hl.relu %a : tensor<4xf32>
  "test.use"(%1) : (tensor<4xf32>) -> ()
  "test.br"()[^bb1] : () -> ()
^bb3:
  "test.use"(%0) : (tensor<4xf32>) -> ()
  return
}

// -----

// Regions of unregistered ops might be isolated from above: they start
// with an empty table, as in MLIR, but are simplified inside.
// CHECK-LABEL: func.func @nested_region
// CHECK-NEXT:    %[[X:.*]] = hl.relu
// CHECK-NEXT:    "test.region"() ({
// CHECK-NEXT:      %[[Y:.*]] = hl.relu
// CHECK-NEXT:      "test.use"(%[[Y]], %[[Y]])
// CHECK-NEXT:    })
// CHECK-NEXT:    return %[[X]]
func.func @nested_region(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = hl.relu %a : tensor<4xf32>
  "test.region"() ({
    %1 = hl.relu %a : tensor<4xf32>
    %2 = hl.relu %a : tensor<4xf32>
    "test.use"(%1, %2) : (tensor<4xf32>, tensor<4xf32>) -> ()
  }) : () -> ()
  return %0 : tensor<4xf32>
}
