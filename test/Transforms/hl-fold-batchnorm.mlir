// hl-fold-batchnorm: a batchnorm after a conv2d, conv_transpose or gemm
// with constant weights goes into the weights and bias. @numerics is run
// with ipu-run before and after (the rounding of the folded weights only).
// RUN: ipu-opt %s --split-input-file --hl-fold-batchnorm | FileCheck %s
// RUN: ipu-opt %s --split-input-file --hl-fold-batchnorm --mlir-print-debuginfo --mlir-print-local-scope | FileCheck %s --check-prefix=LOC
// RUN: ipu-opt %s --hl-fold-batchnorm --mlir-pass-statistics -o /dev/null 2>&1 | FileCheck %s --check-prefix=STATS
// RUN: rm -rf %t && mkdir -p %t/before
// RUN: python3 %S/Inputs/rand_npy.py %t/x.npy 1x4x5x5 21
// RUN: python3 %S/Inputs/rand_npy.py %t/a.npy 3x4 22
// RUN: python3 %S/Inputs/rand_npy.py %t/big.npy 1x64x4x4 23
// RUN: ipu-opt %s --hl-fold-batchnorm -o %t/folded.mlir
// RUN: ipu-run %s --func numerics --input 0=%t/x.npy --input 1=%t/a.npy --input 2=%t/big.npy -o %t/before | FileCheck %s --check-prefix=SHAPES
// RUN: ipu-run %t/folded.mlir --func numerics --input 0=%t/x.npy --input 1=%t/a.npy --input 2=%t/big.npy --expect 0=%t/before/output_0.npy --expect 1=%t/before/output_1.npy --expect 2=%t/before/output_2.npy --expect 3=%t/before/output_3.npy --expect 4=%t/before/output_4.npy --expect 5=%t/before/output_5.npy --expect 6=%t/before/output_6.npy --rtol 1e-5 --atol 1e-5 | FileCheck %s --check-prefix=SAME
// RUN: FileCheck %s --input-file=%t/folded.mlir --check-prefix=NUMERICS

// s = scale / sqrt(var + epsilon) = [2, 1]: the weight rows double or
// stay, the new bias is (0 - mean) * s + bias.
// CHECK-LABEL: func.func @exact
// CHECK-NEXT: %[[W:.*]] = hl.constant {value = dense<{{\[}}[{{\[}}[4.000000e+00]]], [{{\[}}[1.000000e+00]]]]> : tensor<2x1x1x1xf32>}
// CHECK-NEXT: %[[B:.*]] = hl.constant {value = dense<[0.000000e+00, -1.000000e+00]> : tensor<2xf32>}
// CHECK-NEXT: %[[C:.*]] = hl.conv2d %arg0, %[[W]], %[[B]] : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
// CHECK-NEXT: return %[[C]]
func.func @exact(%x: tensor<1x1x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %w = hl.constant {value = dense<[[[[2.0]]], [[[1.0]]]]> : tensor<2x1x1x1xf32>} : tensor<2x1x1x1xf32>
  %s = hl.constant {value = dense<[4.0, 3.0]> : tensor<2xf32>} : tensor<2xf32>
  %b = hl.constant {value = dense<[1.0, -1.0]> : tensor<2xf32>} : tensor<2xf32>
  %m = hl.constant {value = dense<[0.5, 0.0]> : tensor<2xf32>} : tensor<2xf32>
  %v = hl.constant {value = dense<[3.0, 8.0]> : tensor<2xf32>} : tensor<2xf32>
  %0 = hl.conv2d %x, %w : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x2x2xf32>
  %1 = hl.batchnorm %0, %s, %b, %m, %v {epsilon = 1.0 : f32} : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  return %1 : tensor<1x2x2x2xf32>
}

// -----

// A gemm: alpha goes into b (columns of op(b), i.e. rows with trans_b),
// c' = (beta * c - mean) * s + bias as a 1-D c, alpha = beta = 1.
// CHECK-LABEL: func.func @gemm_exact
// CHECK-NEXT: %[[W:.*]] = hl.constant {value = dense<{{\[}}[4.000000e+00, 8.000000e+00], [6.000000e+00, 6.000000e+00]]> : tensor<2x2xf32>}
// CHECK-NEXT: %[[B:.*]] = hl.constant {value = dense<[3.000000e+00, 1.000000e+00]> : tensor<2xf32>}
// CHECK-NEXT: %[[G:.*]] = hl.gemm %arg0, %[[W]], %[[B]] {trans_b = true} : (tensor<1x2xf32>, tensor<2x2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
// CHECK-NEXT: return %[[G]]
func.func @gemm_exact(%a: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %w = hl.constant {value = dense<[[1.0, 2.0], [3.0, 3.0]]> : tensor<2x2xf32>} : tensor<2x2xf32>
  %c = hl.constant {value = dense<[[1.0, 0.5]]> : tensor<1x2xf32>} : tensor<1x2xf32>
  %s = hl.constant {value = dense<[2.0, 1.0]> : tensor<2xf32>} : tensor<2xf32>
  %b = hl.constant {value = dense<[1.0, -1.0]> : tensor<2xf32>} : tensor<2xf32>
  %m = hl.constant {value = dense<[1.0, -1.0]> : tensor<2xf32>} : tensor<2xf32>
  %v = hl.constant {value = dense<[0.0, 0.0]> : tensor<2xf32>} : tensor<2xf32>
  %0 = hl.gemm %a, %w, %c {alpha = 2.0 : f32, beta = 2.0 : f32, trans_b = true} : (tensor<1x2xf32>, tensor<2x2xf32>, tensor<1x2xf32>) -> tensor<1x2xf32>
  %1 = hl.batchnorm %0, %s, %b, %m, %v {epsilon = 1.0 : f32} : (tensor<1x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  return %1 : tensor<1x2xf32>
}

// -----

// Constants shared with other users stay; those left unused go.
// CHECK-LABEL: func.func @shared_constants
// CHECK-NEXT: %[[S:.*]] = hl.constant {value = dense<[4.000000e+00, 3.000000e+00]>
// CHECK-NEXT: hl.constant
// CHECK-NEXT: hl.constant
// CHECK-NEXT: hl.conv2d
// CHECK-NEXT: return %{{.*}}, %[[S]]
func.func @shared_constants(%x: tensor<1x1x2x2xf32>) -> (tensor<1x2x2x2xf32>, tensor<2xf32>) {
  %w = hl.constant {value = dense<[[[[2.0]]], [[[1.0]]]]> : tensor<2x1x1x1xf32>} : tensor<2x1x1x1xf32>
  %s = hl.constant {value = dense<[4.0, 3.0]> : tensor<2xf32>} : tensor<2xf32>
  %m = hl.constant {value = dense<[0.5, 0.0]> : tensor<2xf32>} : tensor<2xf32>
  %0 = hl.conv2d %x, %w : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x2x2xf32>
  %1 = hl.batchnorm %0, %s, %m, %m, %s : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  return %1, %s : tensor<1x2x2x2xf32>, tensor<2xf32>
}

// -----

// Left alone: the product has another use, a parameter is not a constant,
// the producer carries an activation, a gemm's c varies by row, and a
// matmul is no producer this pass knows.
// CHECK-LABEL: func.func @not_folded
// CHECK-COUNT-5: hl.batchnorm
// CHECK-NOT: hl.batchnorm
func.func @not_folded(%x: tensor<1x1x2x2xf32>, %p: tensor<2xf32>, %a: tensor<2x2xf32>) -> (tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>) {
  %w = hl.constant {value = dense<[[[[2.0]]], [[[1.0]]]]> : tensor<2x1x1x1xf32>} : tensor<2x1x1x1xf32>
  %s = hl.constant {value = dense<[4.0, 3.0]> : tensor<2xf32>} : tensor<2xf32>
  %0 = hl.conv2d %x, %w : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x2x2xf32>
  %1 = hl.batchnorm %0, %s, %s, %s, %s : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  %2 = hl.conv2d %x, %w : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x2x2xf32>
  %3 = hl.batchnorm %2, %s, %p, %s, %s : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  %4 = hl.conv2d %x, %w {activation = "relu"} : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x2x2xf32>
  %5 = hl.batchnorm %4, %s, %s, %s, %s : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  %c = hl.constant {value = dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>} : tensor<2x2xf32>
  %6 = hl.gemm %a, %c, %c : (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  %7 = hl.batchnorm %6, %s, %s, %s, %s : (tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  %8 = hl.matmul %a, %c : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  %9 = hl.batchnorm %8, %s, %s, %s, %s : (tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  return %0, %1, %3, %5, %7, %9 : tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>
}

// -----

// The folded op keeps both locations.
// LOC-LABEL: func.func @locations
// LOC: hl.conv2d {{.*}} loc(fused["conv":1:1, "bn":2:2])
func.func @locations(%x: tensor<1x1x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %w = hl.constant {value = dense<[[[[2.0]]], [[[1.0]]]]> : tensor<2x1x1x1xf32>} : tensor<2x1x1x1xf32>
  %s = hl.constant {value = dense<[4.0, 3.0]> : tensor<2xf32>} : tensor<2xf32>
  %0 = hl.conv2d %x, %w : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x2x2xf32> loc("conv":1:1)
  %1 = hl.batchnorm %0, %s, %s, %s, %s : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32> loc("bn":2:2)
  return %1 : tensor<1x2x2x2xf32>
}

// -----

// Same results before and after. Inputs x (1x4x5x5), a (3x4) and big
// (1x64x4x4): a conv2d with a bias, a depthwise conv2d, a conv_transpose
// with 2 groups, gemms with a [N] c and trans_b, a scalar c, no c, and a
// conv2d whose 147 KiB weight comes back as a dense_resource.
// NUMERICS-LABEL: func.func @numerics
// NUMERICS-NOT: hl.batchnorm
// NUMERICS: dense_resource<folded_bn> : tensor<64x64x3x3xf32>
// NUMERICS-NOT: hl.batchnorm
// NUMERICS: return
// NUMERICS: dialect_resources
// NUMERICS-NEXT: builtin
// NUMERICS-NEXT: folded_bn: "0x40000000
// SHAPES: output 0: float32 1x3x4x4
// SHAPES: output 6: float32 1x64x2x2
// SAME-COUNT-7: : ok
func.func @numerics(%x: tensor<1x4x5x5xf32>, %a: tensor<3x4xf32>, %big: tensor<1x64x4x4xf32>) -> (tensor<1x3x4x4xf32>, tensor<1x4x5x5xf32>, tensor<1x6x6x6xf32>, tensor<3x2xf32>, tensor<3x2xf32>, tensor<3x2xf32>, tensor<1x64x2x2xf32>) {
  %w = hl.constant {value = dense<[[[[0.5, -1.0], [1.5, 0.25]], [[-0.5, 2.0], [0.75, -1.25]], [[0.1, 0.2], [0.3, 0.4]], [[1.0, 0.0], [0.0, 1.0]]], [[[1.0, 1.0], [-1.0, -1.0]], [[0.5, 0.5], [0.5, 0.5]], [[0.3, -0.2], [0.1, 0.0]], [[0.2, 0.2], [0.2, 0.2]]], [[[2.0, 0.0], [0.0, -2.0]], [[-0.25, 0.125], [1.0, 3.0]], [[0.7, 0.7], [-0.7, 0.7]], [[0.9, -0.9], [0.0, 0.5]]]]> : tensor<3x4x2x2xf32>} : tensor<3x4x2x2xf32>
  %wb = hl.constant {value = dense<[0.1, -0.2, 0.3]> : tensor<3xf32>} : tensor<3xf32>
  %s3 = hl.constant {value = dense<[1.5, 0.5, -2.0]> : tensor<3xf32>} : tensor<3xf32>
  %b3 = hl.constant {value = dense<[0.1, 0.2, 0.3]> : tensor<3xf32>} : tensor<3xf32>
  %m3 = hl.constant {value = dense<[0.5, -0.5, 0.25]> : tensor<3xf32>} : tensor<3xf32>
  %v3 = hl.constant {value = dense<[1.0, 2.0, 0.5]> : tensor<3xf32>} : tensor<3xf32>
  %0 = hl.conv2d %x, %w, %wb : (tensor<1x4x5x5xf32>, tensor<3x4x2x2xf32>, tensor<3xf32>) -> tensor<1x3x4x4xf32>
  %1 = hl.batchnorm %0, %s3, %b3, %m3, %v3 {epsilon = 1.0e-3 : f32} : (tensor<1x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x3x4x4xf32>

  %dw = hl.constant {value = dense<[[[[0.5, -1.0, 0.2], [1.5, 0.25, 0.3], [0.1, 0.1, 0.1]]], [[[-0.5, 2.0, 0.0], [0.75, -1.25, 1.0], [0.2, 0.3, 0.4]]], [[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]], [[[0.3, 0.3, 0.3], [0.3, 0.3, 0.3], [0.3, 0.3, 0.3]]]]> : tensor<4x1x3x3xf32>} : tensor<4x1x3x3xf32>
  %s4 = hl.constant {value = dense<[1.5, 0.5, -2.0, 1.0]> : tensor<4xf32>} : tensor<4xf32>
  %b4 = hl.constant {value = dense<[0.1, 0.2, 0.3, 0.4]> : tensor<4xf32>} : tensor<4xf32>
  %m4 = hl.constant {value = dense<[0.5, -0.5, 0.25, 0.0]> : tensor<4xf32>} : tensor<4xf32>
  %v4 = hl.constant {value = dense<[1.0, 2.0, 0.5, 4.0]> : tensor<4xf32>} : tensor<4xf32>
  %2 = hl.conv2d %x, %dw {groups = 4 : i64, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x5x5xf32>, tensor<4x1x3x3xf32>) -> tensor<1x4x5x5xf32>
  %3 = hl.batchnorm %2, %s4, %b4, %m4, %v4 : (tensor<1x4x5x5xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x5x5xf32>

  %tw = hl.constant {value = dense<[[[[0.5, -1.0], [1.5, 0.25]], [[-0.5, 2.0], [0.75, -1.25]], [[0.1, 0.2], [0.3, 0.4]]], [[[1.0, 0.0], [0.0, 1.0]], [[1.0, 1.0], [-1.0, -1.0]], [[0.5, 0.5], [0.5, 0.5]]], [[[0.3, -0.2], [0.1, 0.0]], [[0.2, 0.2], [0.2, 0.2]], [[2.0, 0.0], [0.0, -2.0]]], [[[-0.25, 0.125], [1.0, 3.0]], [[0.7, 0.7], [-0.7, 0.7]], [[0.9, -0.9], [0.0, 0.5]]]]> : tensor<4x3x2x2xf32>} : tensor<4x3x2x2xf32>
  %tb = hl.constant {value = dense<[0.1, -0.1, 0.2, -0.2, 0.3, -0.3]> : tensor<6xf32>} : tensor<6xf32>
  %s6 = hl.constant {value = dense<[1.5, 0.5, -2.0, 1.0, 0.7, 1.2]> : tensor<6xf32>} : tensor<6xf32>
  %b6 = hl.constant {value = dense<[0.1, 0.2, 0.3, 0.4, 0.5, 0.6]> : tensor<6xf32>} : tensor<6xf32>
  %m6 = hl.constant {value = dense<[0.5, -0.5, 0.25, 0.0, 0.1, -0.1]> : tensor<6xf32>} : tensor<6xf32>
  %v6 = hl.constant {value = dense<[1.0, 2.0, 0.5, 4.0, 0.3, 1.1]> : tensor<6xf32>} : tensor<6xf32>
  %4 = hl.conv_transpose %x, %tw, %tb {groups = 2 : i64} : (tensor<1x4x5x5xf32>, tensor<4x3x2x2xf32>, tensor<6xf32>) -> tensor<1x6x6x6xf32>
  %5 = hl.batchnorm %4, %s6, %b6, %m6, %v6 : (tensor<1x6x6x6xf32>, tensor<6xf32>, tensor<6xf32>, tensor<6xf32>, tensor<6xf32>) -> tensor<1x6x6x6xf32>

  %gw = hl.constant {value = dense<[[1.0, -1.0, 0.5, 0.0], [0.5, 2.0, -1.5, 1.0]]> : tensor<2x4xf32>} : tensor<2x4xf32>
  %gc = hl.constant {value = dense<[0.5, -0.5]> : tensor<2xf32>} : tensor<2xf32>
  %s2 = hl.constant {value = dense<[1.5, -0.5]> : tensor<2xf32>} : tensor<2xf32>
  %b2 = hl.constant {value = dense<[0.1, 0.2]> : tensor<2xf32>} : tensor<2xf32>
  %m2 = hl.constant {value = dense<[0.5, -0.5]> : tensor<2xf32>} : tensor<2xf32>
  %v2 = hl.constant {value = dense<[1.0, 2.0]> : tensor<2xf32>} : tensor<2xf32>
  %6 = hl.gemm %a, %gw, %gc {alpha = 0.5 : f32, beta = 2.0 : f32, trans_b = true} : (tensor<3x4xf32>, tensor<2x4xf32>, tensor<2xf32>) -> tensor<3x2xf32>
  %7 = hl.batchnorm %6, %s2, %b2, %m2, %v2 : (tensor<3x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<3x2xf32>
  %gw2 = hl.constant {value = dense<[[1.0, -1.0], [0.5, 2.0], [-0.25, 0.75], [3.0, 0.1]]> : tensor<4x2xf32>} : tensor<4x2xf32>
  %gs = hl.constant {value = dense<0.75> : tensor<f32>} : tensor<f32>
  %8 = hl.gemm %a, %gw2, %gs {beta = 0.5 : f32} : (tensor<3x4xf32>, tensor<4x2xf32>, tensor<f32>) -> tensor<3x2xf32>
  %9 = hl.batchnorm %8, %s2, %b2, %m2, %v2 : (tensor<3x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<3x2xf32>
  %10 = hl.gemm %a, %gw2 {alpha = 3.0 : f32} : (tensor<3x4xf32>, tensor<4x2xf32>) -> tensor<3x2xf32>
  %11 = hl.batchnorm %10, %s2, %b2, %m2, %v2 : (tensor<3x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<3x2xf32>

  %bw = hl.constant {value = dense<0.01> : tensor<64x64x3x3xf32>} : tensor<64x64x3x3xf32>
  %bs = hl.constant {value = dense<[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]> : tensor<64xf32>} : tensor<64xf32>
  %bz = hl.constant {value = dense<0.5> : tensor<64xf32>} : tensor<64xf32>
  %12 = hl.conv2d %big, %bw : (tensor<1x64x4x4xf32>, tensor<64x64x3x3xf32>) -> tensor<1x64x2x2xf32>
  %13 = hl.batchnorm %12, %bs, %bz, %bz, %bs : (tensor<1x64x2x2xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<1x64x2x2xf32>
  return %1, %3, %5, %7, %9, %11, %13 : tensor<1x3x4x4xf32>, tensor<1x4x5x5xf32>, tensor<1x6x6x6xf32>, tensor<3x2xf32>, tensor<3x2xf32>, tensor<3x2xf32>, tensor<1x64x2x2xf32>
}

// STATS: hl-fold-batchnorm
// STATS-NEXT: (S) 11 num-folded - Number of batchnorms folded into their producer

// -----

// The conv's result would replace the batchnorm's, but its type is less
// static: left alone.
// CHECK-LABEL: func.func @types_differ
// CHECK: hl.batchnorm
func.func @types_differ(%x: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %w = hl.constant {value = dense<1.0> : tensor<2x1x1x1xf32>} : tensor<2x1x1x1xf32>
  %s = hl.constant {value = dense<2.0> : tensor<2xf32>} : tensor<2xf32>
  %b = hl.constant {value = dense<0.5> : tensor<2xf32>} : tensor<2xf32>
  %m = hl.constant {value = dense<0.0> : tensor<2xf32>} : tensor<2xf32>
  %v = hl.constant {value = dense<1.0> : tensor<2xf32>} : tensor<2xf32>
  %c = hl.conv2d %x, %w {groups = 2 : i64} : (tensor<1x2x3x3xf32>, tensor<2x1x1x1xf32>) -> tensor<?x?x?x?xf32>
  %y = hl.batchnorm %c, %s, %b, %m, %v : (tensor<?x?x?x?xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
  return %y : tensor<1x2x3x3xf32>
}
