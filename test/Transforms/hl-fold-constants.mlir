// hl-fold-constants: hl ops on constants become constants, through their
// fold hooks or the reference interpreter; @numerics gives the same
// results before and after.
// RUN: ipu-opt %s --split-input-file --hl-fold-constants | FileCheck %s
// RUN: ipu-opt %s --split-input-file --hl-fold-constants=max-elements=3 | FileCheck %s --check-prefix=SMALL
// RUN: not ipu-opt %s --hl-fold-constants=max-elements=-1 2>&1 | FileCheck %s --check-prefix=NEGATIVE
// RUN: ipu-opt %s --hl-fold-constants --mlir-pass-statistics -o /dev/null 2>&1 | FileCheck %s --check-prefix=STATS
// RUN: rm -rf %t && mkdir -p %t/before
// RUN: python3 %S/Inputs/rand_npy.py %t/x.npy 2x3 41
// RUN: ipu-opt %s --hl-fold-constants -o %t/folded.mlir
// RUN: ipu-run %s --func numerics --input 0=%t/x.npy -o %t/before
// RUN: ipu-run %t/folded.mlir --func numerics --input 0=%t/x.npy --expect 0=%t/before/output_0.npy --expect 1=%t/before/output_1.npy --rtol 0 --atol 0 | FileCheck %s --check-prefix=SAME
// RUN: FileCheck %s --input-file=%t/folded.mlir --check-prefix=NUMERICS

// Through the fold hooks (add, mul) and then the interpreter (sigmoid);
// the inputs, left unused, go.
// CHECK-LABEL: func.func @chain
// CHECK-NEXT: %[[C:.*]] = hl.constant {value = dense<[0.731058597, 0.952574133]> : tensor<2xf32>}
// CHECK-NEXT: return %[[C]]
// SMALL-LABEL: func.func @chain
// SMALL-NEXT: %[[C:.*]] = hl.constant {value = dense<[0.731058597, 0.952574133]> : tensor<2xf32>}
// SMALL-NEXT: return %[[C]]
func.func @chain() -> tensor<2xf32> {
  %0 = hl.constant {value = dense<[0.5, 1.0]> : tensor<2xf32>} : tensor<2xf32>
  %1 = hl.constant {value = dense<2.0> : tensor<2xf32>} : tensor<2xf32>
  %2 = hl.add %0, %0 : tensor<2xf32>
  %3 = hl.mul %2, %1 : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %4 = hl.constant {value = dense<-1.0> : tensor<2xf32>} : tensor<2xf32>
  %5 = hl.add %3, %4 : tensor<2xf32>
  %6 = hl.sigmoid %5 : tensor<2xf32>
  return %6 : tensor<2xf32>
}

// -----

// Ops without a fold hook go through the interpreter: a convolution with a
// fused activation, a softmax. A constant still used elsewhere stays.
// CHECK-LABEL: func.func @interpreted
// CHECK-NEXT: %[[C:.*]] = hl.constant {value = dense<{{\[}}[{{\[}}[0.000000e+00, 0.000000e+00], [1.500000e+00, 2.000000e+00]]]]> : tensor<1x1x2x2xf32>}
// CHECK-NEXT: %[[W:.*]] = hl.constant {value = dense<[1.000000e+00, -1.000000e+00]>
// CHECK-NEXT: %[[S:.*]] = hl.constant {value = dense<[0.119202919, 0.880797088]> : tensor<2xf32>}
// CHECK-NEXT: return %[[C]], %[[S]], %[[W]]
// SMALL-LABEL: func.func @interpreted
// SMALL: hl.conv2d
// SMALL-NOT: hl.softmax
// SMALL: return
func.func @interpreted() -> (tensor<1x1x2x2xf32>, tensor<2xf32>, tensor<2xf32>) {
  %x = hl.constant {value = dense<[[[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]]]> : tensor<1x1x3x3xf32>} : tensor<1x1x3x3xf32>
  %w = hl.constant {value = dense<[[[[1.0, 0.0], [0.0, 0.0]]]]> : tensor<1x1x2x2xf32>} : tensor<1x1x2x2xf32>
  %b = hl.constant {value = dense<[-2.5]> : tensor<1xf32>} : tensor<1xf32>
  %0 = hl.conv2d %x, %w, %b {activation = "clip", activation_params = array<f32: 0.0, 2.0>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x1x3x3xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
  %v = hl.constant {value = dense<[1.0, -1.0]> : tensor<2xf32>} : tensor<2xf32>
  %1 = hl.neg %v : tensor<2xf32>
  %2 = hl.softmax %1 : tensor<2xf32>
  return %0, %2, %v : tensor<1x1x2x2xf32>, tensor<2xf32>, tensor<2xf32>
}

// -----

// Left alone: an integer division by zero (the interpreter would fail), an
// op with a non-constant operand, and results above max-elements (SMALL).
// CHECK-LABEL: func.func @not_folded
// CHECK: hl.div
// CHECK: hl.add %arg0
// CHECK: return
// SMALL-LABEL: func.func @not_folded
// SMALL: hl.div
// SMALL: hl.add %arg0
// SMALL: hl.mul
// SMALL: return
func.func @not_folded(%x: tensor<2xi32>) -> (tensor<2xi32>, tensor<2xi32>, tensor<5xf32>) {
  %a = hl.constant {value = dense<[6, 7]> : tensor<2xi32>} : tensor<2xi32>
  %z = hl.constant {value = dense<[2, 0]> : tensor<2xi32>} : tensor<2xi32>
  %0 = hl.div %a, %z : tensor<2xi32>
  %1 = hl.add %x, %a : tensor<2xi32>
  %f = hl.constant {value = dense<[1.0, 2.0, 3.0, 4.0, 5.0]> : tensor<5xf32>} : tensor<5xf32>
  %2 = hl.mul %f, %f : tensor<5xf32>
  return %0, %1, %2 : tensor<2xi32>, tensor<2xi32>, tensor<5xf32>
}

// -----

// A result above 64 KiB becomes a dense_resource blob; a dense_resource
// operand is read like a dense one.
// CHECK-LABEL: func.func @resources
// CHECK-NEXT: %[[R:.*]] = hl.constant {value = dense<[2.000000e+00, 4.000000e+00, -2.000000e+00, 1.000000e+00]> : tensor<4xf32>}
// CHECK-NEXT: %[[B:.*]] = hl.constant {value = dense_resource<folded> : tensor<1x1x130x130xf32>}
// CHECK-NEXT: return %[[R]], %[[B]]
// CHECK: dialect_resources
// CHECK-NEXT: builtin
// CHECK-NEXT: folded: "0x40000000
func.func @resources() -> (tensor<4xf32>, tensor<1x1x130x130xf32>) {
  %r = hl.constant {value = dense_resource<small_weights> : tensor<4xf32>} : tensor<4xf32>
  %0 = hl.add %r, %r : tensor<4xf32>
  %ones = hl.constant {value = dense<1.0> : tensor<1x1x130x130xf32>} : tensor<1x1x130x130xf32>
  %k = hl.constant {value = dense<1.0> : tensor<1x1x3x3xf32>} : tensor<1x1x3x3xf32>
  %1 = hl.conv2d %ones, %k {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x1x130x130xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x130x130xf32>
  return %0, %1 : tensor<4xf32>, tensor<1x1x130x130xf32>
}

{-#
  dialect_resources: {
    builtin: {
      small_weights: "0x040000000000803F00000040000080BF0000003F"
    }
  }
#-}

// -----

// Same results before and after.
// NUMERICS-LABEL: func.func @numerics
// NUMERICS-NEXT: hl.constant
// NUMERICS-NEXT: hl.add
// NUMERICS-NEXT: hl.constant
// NUMERICS-NEXT: hl.matmul
// NUMERICS-NEXT: return
// SAME-COUNT-2: max abs error 0, max rel error 0: ok
func.func @numerics(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x2xf32>) {
  %c = hl.constant {value = dense<[[0.5, -1.5, 2.0], [1.0, 0.25, -0.75]]> : tensor<2x3xf32>} : tensor<2x3xf32>
  %0 = hl.tanh %c : tensor<2x3xf32>
  %1 = hl.exp %0 : tensor<2x3xf32>
  %2 = hl.add %x, %1 : tensor<2x3xf32>
  %t = hl.transpose %c : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %3 = hl.hard_sigmoid %t : tensor<3x2xf32>
  %4 = hl.matmul %x, %3 : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<2x2xf32>
  return %2, %4 : tensor<2x3xf32>, tensor<2x2xf32>
}


// STATS: hl-fold-constants
// STATS-NEXT: (S) 14 num-folded - Number of ops replaced by constants

// NEGATIVE: error: 'builtin.module' op hl-fold-constants: max-elements must not be negative, got -1

// -----

// What the interpreter refuses on these constants (an index out of range)
// and results too large to count are left alone, not errors.
// CHECK-LABEL: func.func @left_alone
// CHECK: hl.gather
// CHECK: hl.expand
func.func @left_alone() -> (tensor<1xf32>, tensor<4294967296x4294967296xf32>) {
  %d = hl.constant {value = dense<[1.0, 2.0, 3.0]> : tensor<3xf32>} : tensor<3xf32>
  %i = hl.constant {value = dense<[5]> : tensor<1xi64>} : tensor<1xi64>
  %0 = hl.gather %d, %i {axis = 0 : i64} : (tensor<3xf32>, tensor<1xi64>) -> tensor<1xf32>
  %c = hl.constant {value = dense<1.0> : tensor<1xf32>} : tensor<1xf32>
  %1 = hl.expand %c {shape = array<i64: 4294967296, 4294967296>} : (tensor<1xf32>) -> tensor<4294967296x4294967296xf32>
  return %0, %1 : tensor<1xf32>, tensor<4294967296x4294967296xf32>
}
