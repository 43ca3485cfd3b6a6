// ipu-run on a small network: padded convolution with bias, max pooling,
// flatten and gemm; expected values from Inputs/gen_npy.py.
// RUN: ipu-run %s --input 0=%S/Inputs/img_1x1x4x4.npy --expect 0=%S/Inputs/nn_out0.npy --expect 1=%S/Inputs/nn_out1.npy --rtol 1e-5 --atol 1e-5 | FileCheck %s
// CHECK: output 0: max abs error {{.*}}: ok
// CHECK: output 1: max abs error {{.*}}: ok

func.func @main(%arg0: tensor<1x1x4x4xf32>) -> (tensor<1x2x2x2xf32>, tensor<1x3xf32>) {
  %w = hl.constant {value = dense<[[[[1.0, 0.0, -1.0], [2.0, 0.0, -2.0], [1.0, 0.0, -1.0]]], [[[0.5, 0.5, 0.5], [0.5, 0.5, 0.5], [0.5, 0.5, 0.5]]]]> : tensor<2x1x3x3xf32>} : tensor<2x1x3x3xf32>
  %b = hl.constant {value = dense<[0.5, -1.0]> : tensor<2xf32>} : tensor<2xf32>
  %0 = hl.conv2d %arg0, %w, %b {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x1x4x4xf32>, tensor<2x1x3x3xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  %1 = hl.maxpool %0 {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x2x2xf32>
  %2 = hl.flatten %1 {axis = 1 : i64} : (tensor<1x2x2x2xf32>) -> tensor<1x8xf32>
  %gb = hl.constant {value = dense<[[0.1, -0.1, 0.05], [0.2, -0.2, 0.1], [0.3, -0.3, 0.15], [0.4, -0.4, 0.2], [0.5, -0.5, 0.25], [0.6, -0.6, 0.3], [0.7, -0.7, 0.35], [0.8, -0.8, 0.4]]> : tensor<8x3xf32>} : tensor<8x3xf32>
  %gc = hl.constant {value = dense<[1.0, 2.0, 3.0]> : tensor<3xf32>} : tensor<3xf32>
  %3 = hl.gemm %2, %gb, %gc : (tensor<1x8xf32>, tensor<8x3xf32>, tensor<3xf32>) -> tensor<1x3xf32>
  return %1, %3 : tensor<1x2x2x2xf32>, tensor<1x3xf32>
}
