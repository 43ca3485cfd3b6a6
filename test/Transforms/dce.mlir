// The dce pass: trivially dead ops (to a fixpoint) and unreachable blocks.
// RUN: ipu-opt %s --allow-unregistered-dialect --dce --split-input-file | FileCheck %s
// RUN: ipu-opt %s --allow-unregistered-dialect --dce --mlir-pass-statistics -o /dev/null 2>&1 | FileCheck %s --check-prefix=STATS

// A chain of pure ops whose end is unused goes entirely, in one run.
// CHECK-LABEL: func.func @chain
// CHECK-NEXT:    return
func.func @chain(%a: tensor<4xf32>) {
  %0 = hl.relu %a : tensor<4xf32>
  %1 = hl.add %0, %0 : tensor<4xf32>
  %2 = hl.mul %1, %0 : tensor<4xf32>
  %3 = hl.relu %2 : tensor<4xf32>
  return
}

// -----

// Used values, side effects (ops of unknown dialects) and what they use
// stay.
// CHECK-LABEL: func.func @kept
// CHECK-NEXT:    %[[X:.*]] = hl.relu
// CHECK-NEXT:    "test.sink"(%[[X]])
// CHECK-NEXT:    %[[Y:.*]] = hl.add
// CHECK-NEXT:    return %[[Y]]
func.func @kept(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = hl.relu %a : tensor<4xf32>
  "test.sink"(%0) : (tensor<4xf32>) -> ()
  %1 = hl.add %a, %a : tensor<4xf32>
  %2 = hl.mul %1, %1 : tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// A producer in an earlier block dies with its last user in a later one.
// CHECK-LABEL: func.func @across_blocks
// CHECK-NEXT:    "test.br"()[^bb1]
// CHECK-NEXT:  ^bb1:
// CHECK-NEXT:    return
func.func @across_blocks(%a: tensor<4xf32>) {
  %0 = hl.relu %a : tensor<4xf32>
  "test.br"()[^bb1] : () -> ()
^bb1:
  %1 = hl.add %0, %0 : tensor<4xf32>
  return
}

// -----

// Unreachable blocks go, even when they branch to each other; the values
// they define may be used only among them.
// CHECK-LABEL: func.func @unreachable
// CHECK-NEXT:    "test.br"()[^bb1]
// CHECK-NEXT:  ^bb1:
// CHECK-NEXT:    return
// CHECK-NEXT:  }
func.func @unreachable(%a: tensor<4xf32>) {
  "test.br"()[^bb3] : () -> ()
^bb1:
  %0 = "test.op"() : () -> tensor<4xf32>
  "test.br"()[^bb2] : () -> ()
^bb2:
  "test.use"(%0) : (tensor<4xf32>) -> ()
  "test.br"()[^bb1] : () -> ()
^bb3:
  return
}

// -----

// Dead ops inside regions of other ops go too.
// CHECK-LABEL: func.func @nested
// CHECK-NEXT:    "test.region"() ({
// CHECK-NEXT:      "test.terminator"() : () -> ()
// CHECK-NEXT:    })
func.func @nested(%a: tensor<4xf32>) {
  "test.region"() ({
    %0 = hl.relu %a : tensor<4xf32>
    "test.terminator"() : () -> ()
  }) : () -> ()
  return
}

// STATS:       dce
// STATS-NEXT:    (S) 2 num-blocks-erased - Number of unreachable blocks erased
// STATS-NEXT:    (S) 8 num-erased        - Number of trivially dead operations erased
