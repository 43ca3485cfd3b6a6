// hl-fuse-activations: activations fold into the conv2d, conv_transpose,
// matmul or gemm before them; the fused ops compute exactly what the
// separate ops did (same kernels), checked with ipu-run on @numerics.
// RUN: ipu-opt %s --split-input-file --hl-fuse-activations | FileCheck %s
// RUN: ipu-opt %s --split-input-file --hl-fuse-activations --mlir-print-debuginfo --mlir-print-local-scope | FileCheck %s --check-prefix=LOC
// RUN: ipu-opt %s --hl-fuse-activations --mlir-pass-statistics -o /dev/null 2>&1 | FileCheck %s --check-prefix=STATS
// RUN: rm -rf %t && mkdir -p %t/before
// RUN: python3 %S/Inputs/rand_npy.py %t/x.npy 1x2x5x5 11
// RUN: python3 %S/Inputs/rand_npy.py %t/a.npy 3x4 12
// RUN: ipu-opt %s --hl-fuse-activations -o %t/fused.mlir
// RUN: ipu-run %s --func numerics --input 0=%t/x.npy --input 1=%t/a.npy -o %t/before | FileCheck %s --check-prefix=SHAPES
// RUN: ipu-run %t/fused.mlir --func numerics --input 0=%t/x.npy --input 1=%t/a.npy --expect 0=%t/before/output_0.npy --expect 1=%t/before/output_1.npy --expect 2=%t/before/output_2.npy --expect 3=%t/before/output_3.npy --expect 4=%t/before/output_4.npy --rtol 0 --atol 0 | FileCheck %s --check-prefix=SAME
// RUN: FileCheck %s --input-file=%t/fused.mlir --check-prefix=NUMERICS

// CHECK-LABEL: func.func @every_activation
// CHECK-NEXT: hl.conv2d %{{.*}} {activation = "relu"}
// CHECK-NEXT: hl.conv2d %{{.*}} {activation = "leaky_relu", activation_params = array<f32: 0.00999999977>}
// CHECK-NEXT: hl.conv2d %{{.*}} {activation = "leaky_relu", activation_params = array<f32: 2.000000e-01>}
// CHECK-NEXT: hl.conv2d %{{.*}} {activation = "clip", activation_params = array<f32: 0.000000e+00, 6.000000e+00>}
// CHECK-NEXT: hl.conv2d %{{.*}} {activation = "clip", activation_params = array<f32: 0xFF800000, 6.000000e+00>}
// CHECK-NEXT: hl.conv2d %{{.*}} {activation = "clip", activation_params = array<f32: -1.000000e+00, 0x7F800000>}
// CHECK-NEXT: hl.conv2d %{{.*}} {activation = "sigmoid"}
// CHECK-NEXT: hl.conv2d %{{.*}} {activation = "tanh"}
// CHECK-NEXT: hl.conv2d %{{.*}} {activation = "hard_sigmoid", activation_params = array<f32: 2.000000e-01, 5.000000e-01>}
// CHECK-NEXT: hl.conv2d %{{.*}} {activation = "hard_sigmoid", activation_params = array<f32: 0.166666672, 5.000000e-01>}
// CHECK-NEXT: hl.conv2d %{{.*}} {activation = "hard_swish"}
// CHECK-NEXT: return
func.func @every_activation(%x: tensor<1x2x4x4xf32>, %w: tensor<3x2x1x1xf32>) -> (tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>) {
  %0 = hl.conv2d %x, %w : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32>
  %r0 = hl.relu %0 : tensor<1x3x4x4xf32>
  %1 = hl.conv2d %x, %w : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32>
  %r1 = hl.leaky_relu %1 : tensor<1x3x4x4xf32>
  %2 = hl.conv2d %x, %w : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32>
  %r2 = hl.leaky_relu %2 {alpha = 0.2 : f32} : tensor<1x3x4x4xf32>
  %3 = hl.conv2d %x, %w : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32>
  %r3 = hl.clip %3 {min = 0.0 : f32, max = 6.0 : f32} : tensor<1x3x4x4xf32>
  %4 = hl.conv2d %x, %w : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32>
  %r4 = hl.clip %4 {max = 6.0 : f32} : tensor<1x3x4x4xf32>
  %5 = hl.conv2d %x, %w : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32>
  %r5 = hl.clip %5 {min = -1.0 : f32} : tensor<1x3x4x4xf32>
  %6 = hl.conv2d %x, %w : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32>
  %r6 = hl.sigmoid %6 : tensor<1x3x4x4xf32>
  %7 = hl.conv2d %x, %w : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32>
  %r7 = hl.tanh %7 : tensor<1x3x4x4xf32>
  %8 = hl.conv2d %x, %w : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32>
  %r8 = hl.hard_sigmoid %8 : tensor<1x3x4x4xf32>
  %9 = hl.conv2d %x, %w : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32>
  %r9 = hl.hard_sigmoid %9 {alpha = 0.166666672 : f32} : tensor<1x3x4x4xf32>
  %10 = hl.conv2d %x, %w : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32>
  %r10 = hl.hard_swish %10 : tensor<1x3x4x4xf32>
  return %r0, %r1, %r2, %r3, %r4, %r5, %r6, %r7, %r8, %r9, %r10 : tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>
}

// -----

// Every producer kind.
// CHECK-LABEL: func.func @every_producer
// CHECK-NEXT: hl.conv_transpose %{{.*}} {activation = "relu"}
// CHECK-NEXT: hl.matmul %{{.*}} {activation = "sigmoid"}
// CHECK-NEXT: hl.gemm %{{.*}} {activation = "tanh", trans_b = true}
// CHECK-NEXT: return
func.func @every_producer(%x: tensor<1x2x4x4xf32>, %wt: tensor<2x3x1x1xf32>, %a: tensor<2x3xf32>, %b: tensor<3x4xf32>, %bt: tensor<4x3xf32>) -> (tensor<1x3x4x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>) {
  %0 = hl.conv_transpose %x, %wt : (tensor<1x2x4x4xf32>, tensor<2x3x1x1xf32>) -> tensor<1x3x4x4xf32>
  %1 = hl.relu %0 : tensor<1x3x4x4xf32>
  %2 = hl.matmul %a, %b : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %3 = hl.sigmoid %2 : tensor<2x4xf32>
  %4 = hl.gemm %a, %bt {trans_b = true} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
  %5 = hl.tanh %4 : tensor<2x4xf32>
  return %1, %3, %5 : tensor<1x3x4x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>
}

// -----

// A chain fuses its first activation only; the second stays.
// CHECK-LABEL: func.func @chain
// CHECK-NEXT: %[[M:.*]] = hl.matmul %{{.*}} {activation = "relu"}
// CHECK-NEXT: %[[C:.*]] = hl.clip %[[M]] {max = 6.000000e+00 : f32}
// CHECK-NEXT: return %[[C]]
func.func @chain(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %0 = hl.matmul %a, %b : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %1 = hl.relu %0 : tensor<2x4xf32>
  %2 = hl.clip %1 {max = 6.0 : f32} : tensor<2x4xf32>
  return %2 : tensor<2x4xf32>
}

// -----

// Left alone: a product used twice, a producer already fused, an integer
// product, a clip whose bounds are crossed, and a producer of another kind.
// CHECK-LABEL: func.func @not_fused
// CHECK-NEXT: %[[M:.*]] = hl.matmul %{{.*}} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
// CHECK-NEXT: hl.relu %[[M]]
// CHECK-NEXT: %[[F:.*]] = hl.matmul %{{.*}} {activation = "relu"}
// CHECK-NEXT: hl.sigmoid %[[F]]
// CHECK-NEXT: %[[I:.*]] = hl.matmul %{{.*}} : (tensor<2x3xi32>, tensor<3x4xi32>) -> tensor<2x4xi32>
// CHECK-NEXT: hl.relu %[[I]]
// CHECK-NEXT: %[[X:.*]] = hl.matmul %{{.*}} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
// CHECK-NEXT: hl.clip %[[X]] {max = 0.000000e+00 : f32, min = 1.000000e+00 : f32}
// CHECK-NEXT: %[[S:.*]] = hl.add
// CHECK-NEXT: hl.relu %[[S]]
// CHECK-NEXT: return
func.func @not_fused(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>, %ia: tensor<2x3xi32>, %ib: tensor<3x4xi32>) -> (tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xi32>, tensor<2x4xf32>, tensor<2x4xf32>) {
  %0 = hl.matmul %a, %b : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %1 = hl.relu %0 : tensor<2x4xf32>
  %2 = hl.matmul %a, %b {activation = "relu"} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %3 = hl.sigmoid %2 : tensor<2x4xf32>
  %4 = hl.matmul %ia, %ib : (tensor<2x3xi32>, tensor<3x4xi32>) -> tensor<2x4xi32>
  %5 = hl.relu %4 : tensor<2x4xi32>
  %6 = hl.matmul %a, %b : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %7 = hl.clip %6 {min = 1.0 : f32, max = 0.0 : f32} : tensor<2x4xf32>
  %8 = hl.add %a, %a : tensor<2x3xf32>
  %9 = hl.relu %8 : tensor<2x3xf32>
  return %0, %1, %3, %5, %7, %7 : tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xi32>, tensor<2x4xf32>, tensor<2x4xf32>
}

// -----

// The fused op keeps both locations.
// LOC-LABEL: func.func @locations
// LOC: hl.conv2d %{{.*}} {activation = "relu"} {{.*}} loc(fused["conv":1:1, "relu":2:2])
func.func @locations(%x: tensor<1x2x4x4xf32>, %w: tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32> {
  %0 = hl.conv2d %x, %w : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32> loc("conv":1:1)
  %1 = hl.relu %0 : tensor<1x3x4x4xf32> loc("relu":2:2)
  return %1 : tensor<1x3x4x4xf32>
}

// -----

// Same results before and after: every producer, with activations that
// take parameters; inputs x (1x2x5x5) and a (3x4).
// NUMERICS-LABEL: func.func @numerics
// NUMERICS-NOT: hl.leaky_relu
// NUMERICS-NOT: hl.clip
// NUMERICS-NOT: hl.hard_sigmoid
// NUMERICS-NOT: hl.hard_swish
// NUMERICS-NOT: hl.tanh
// NUMERICS: return
// SHAPES: output 0: float32 1x3x5x5
// SHAPES: output 4: float32 3x2
// SAME-COUNT-5: max abs error 0, max rel error 0: ok
func.func @numerics(%x: tensor<1x2x5x5xf32>, %a: tensor<3x4xf32>) -> (tensor<1x3x5x5xf32>, tensor<1x3x6x6xf32>, tensor<3x4xf32>, tensor<3x2xf32>, tensor<3x2xf32>) {
  %w = hl.constant {value = dense<[[[[0.5, -1.0], [1.5, 0.25]], [[-0.5, 2.0], [0.75, -1.25]]], [[[1.0, 1.0], [-1.0, -1.0]], [[0.5, 0.5], [0.5, 0.5]]], [[[2.0, 0.0], [0.0, -2.0]], [[-0.25, 0.125], [1.0, 3.0]]]]> : tensor<3x2x2x2xf32>} : tensor<3x2x2x2xf32>
  %b = hl.constant {value = dense<[0.1, -0.2, 0.3]> : tensor<3xf32>} : tensor<3xf32>
  %0 = hl.conv2d %x, %w, %b {pads = array<i64: 1, 1, 0, 0>} : (tensor<1x2x5x5xf32>, tensor<3x2x2x2xf32>, tensor<3xf32>) -> tensor<1x3x5x5xf32>
  %1 = hl.leaky_relu %0 {alpha = 0.3 : f32} : tensor<1x3x5x5xf32>
  %wt = hl.constant {value = dense<[[[[0.5, -1.0], [1.5, 0.25]], [[-0.5, 2.0], [0.75, -1.25]], [[1.0, 1.0], [-1.0, -1.0]]], [[[0.5, 0.5], [0.5, 0.5]], [[2.0, 0.0], [0.0, -2.0]], [[-0.25, 0.125], [1.0, 3.0]]]]> : tensor<2x3x2x2xf32>} : tensor<2x3x2x2xf32>
  %2 = hl.conv_transpose %x, %wt : (tensor<1x2x5x5xf32>, tensor<2x3x2x2xf32>) -> tensor<1x3x6x6xf32>
  %3 = hl.hard_swish %2 : tensor<1x3x6x6xf32>
  %k = hl.constant {value = dense<[[1.0, -1.0, 0.5, 0.0], [0.5, 2.0, -1.5, 1.0], [-0.25, 0.75, 1.0, -1.0], [3.0, 0.1, 0.2, 0.3]]> : tensor<4x4xf32>} : tensor<4x4xf32>
  %4 = hl.matmul %a, %k : (tensor<3x4xf32>, tensor<4x4xf32>) -> tensor<3x4xf32>
  %5 = hl.clip %4 {min = -0.5 : f32, max = 0.5 : f32} : tensor<3x4xf32>
  %m = hl.constant {value = dense<[[1.0, -1.0], [0.5, 2.0], [-0.25, 0.75], [3.0, 0.1]]> : tensor<4x2xf32>} : tensor<4x2xf32>
  %c = hl.constant {value = dense<[0.5, -0.5]> : tensor<2xf32>} : tensor<2xf32>
  %6 = hl.gemm %a, %m, %c {alpha = 0.5 : f32, beta = 2.0 : f32} : (tensor<3x4xf32>, tensor<4x2xf32>, tensor<2xf32>) -> tensor<3x2xf32>
  %7 = hl.hard_sigmoid %6 {alpha = 0.3 : f32, beta = 0.4 : f32} : tensor<3x2xf32>
  %8 = hl.matmul %a, %m : (tensor<3x4xf32>, tensor<4x2xf32>) -> tensor<3x2xf32>
  %9 = hl.tanh %8 : tensor<3x2xf32>
  return %1, %3, %5, %7, %9 : tensor<1x3x5x5xf32>, tensor<1x3x6x6xf32>, tensor<3x4xf32>, tensor<3x2xf32>, tensor<3x2xf32>
}

// STATS: hl-fuse-activations
// STATS-NEXT: (S) 21 num-fused - Number of activations fused into their producer
