// ipu-run on integer products with 16-bit activations and 8-bit weights:
// conv2d on i16 (padded, with an i32 bias) and on ui16 inputs, gemm with
// trans_b and a c that makes a sum wrap around i32, batched matmul with
// ui8 weights; exact products, expected values from Inputs/gen_npy_wide.py.
// RUN: ipu-run %s --func conv --input 0=%S/Inputs/wide_conv_x.npy --input 1=%S/Inputs/wide_conv_xu.npy --input 2=%S/Inputs/wide_conv_w.npy --expect 0=%S/Inputs/wide_conv_out0.npy --expect 1=%S/Inputs/wide_conv_out1.npy --rtol 0 --atol 0 | FileCheck %s --check-prefix=TWO
// RUN: ipu-run %s --func gemm --input 0=%S/Inputs/wide_gemm_a.npy --input 1=%S/Inputs/wide_gemm_b.npy --expect 0=%S/Inputs/wide_gemm_out0.npy --rtol 0 --atol 0 | FileCheck %s
// RUN: ipu-run %s --func mm --input 0=%S/Inputs/wide_mm_a.npy --input 1=%S/Inputs/wide_mm_b.npy --expect 0=%S/Inputs/wide_mm_out0.npy --rtol 0 --atol 0 | FileCheck %s
// CHECK: output 0: max abs error 0, max rel error 0: ok
// TWO: output 0: max abs error 0, max rel error 0: ok
// TWO: output 1: max abs error 0, max rel error 0: ok

func.func @conv(%x: tensor<1x2x5x5xi16>, %xu: tensor<1x2x5x5xui16>, %w: tensor<3x2x3x3xi8>) -> (tensor<1x3x5x5xi32>, tensor<1x3x3x3xi32>) {
  %b = hl.constant {value = dense<[100000, -7, 0]> : tensor<3xi32>} : tensor<3xi32>
  %0 = hl.conv2d %x, %w, %b {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x2x5x5xi16>, tensor<3x2x3x3xi8>, tensor<3xi32>) -> tensor<1x3x5x5xi32>
  %1 = hl.conv2d %xu, %w : (tensor<1x2x5x5xui16>, tensor<3x2x3x3xi8>) -> tensor<1x3x3x3xi32>
  return %0, %1 : tensor<1x3x5x5xi32>, tensor<1x3x3x3xi32>
}

func.func @gemm(%a: tensor<2x6xi16>, %b: tensor<5x6xi8>) -> tensor<2x5xi32> {
  %c = hl.constant {value = dense<[1, -2, 3, -4, 2147483647]> : tensor<5xi32>} : tensor<5xi32>
  %0 = hl.gemm %a, %b, %c {trans_b = true} : (tensor<2x6xi16>, tensor<5x6xi8>, tensor<5xi32>) -> tensor<2x5xi32>
  return %0 : tensor<2x5xi32>
}

func.func @mm(%a: tensor<3x2x6xi16>, %b: tensor<6x5xui8>) -> tensor<3x2x5xi32> {
  %0 = hl.matmul %a, %b : (tensor<3x2x6xi16>, tensor<6x5xui8>) -> tensor<3x2x5xi32>
  return %0 : tensor<3x2x5xi32>
}
