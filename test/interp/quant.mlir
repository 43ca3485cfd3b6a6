// ipu-run on quantize / dequantize with attribute scale and zero point;
// expected values from Inputs/gen_npy.py.
// RUN: ipu-run %s --input 0=%S/Inputs/x_2x3.npy --expect 0=%S/Inputs/quant_out0.npy --expect 1=%S/Inputs/quant_out1.npy --rtol 0 --atol 0 | FileCheck %s
// CHECK: output 0: max abs error 0, max rel error 0: ok
// CHECK: output 1: max abs error 0, max rel error 0: ok

func.func @main(%arg0: tensor<2x3xf32>) -> (tensor<2x3xi8>, tensor<2x3xf32>) {
  %0 = hl.quantize %arg0 {scale = array<f32: 0.5>, zero_point = dense<1> : tensor<1xi8>} : (tensor<2x3xf32>) -> tensor<2x3xi8>
  %1 = hl.dequantize %0 {scale = array<f32: 0.5>, zero_point = dense<1> : tensor<1xi8>} : (tensor<2x3xi8>) -> tensor<2x3xf32>
  return %0, %1 : tensor<2x3xi8>, tensor<2x3xf32>
}
