// ipu-run on the 16-bit quantization forms: i16 quantize saturating and
// clamped to 15 significant bits, per-axis ui16, dequantize of i16 and
// ui16, requantize i16 -> i8, i32 -> i16 (clamped) and ui16 -> ui16;
// expected values from Inputs/gen_npy_wide.py.
// RUN: ipu-run %s --input 0=%S/Inputs/wide_x_2x6.npy --input 1=%S/Inputs/wide_acc_2x6.npy --expect 0=%S/Inputs/wide_quant_out0.npy --expect 1=%S/Inputs/wide_quant_out1.npy --expect 2=%S/Inputs/wide_quant_out2.npy --expect 3=%S/Inputs/wide_quant_out3.npy --expect 4=%S/Inputs/wide_quant_out4.npy --expect 5=%S/Inputs/wide_quant_out5.npy --expect 6=%S/Inputs/wide_quant_out6.npy --expect 7=%S/Inputs/wide_quant_out7.npy --rtol 0 --atol 0 | FileCheck %s
// CHECK: output 0: max abs error 0, max rel error 0: ok
// CHECK: output 1: max abs error 0, max rel error 0: ok
// CHECK: output 2: max abs error 0, max rel error 0: ok
// CHECK: output 3: max abs error 0, max rel error 0: ok
// CHECK: output 4: max abs error 0, max rel error 0: ok
// CHECK: output 5: max abs error 0, max rel error 0: ok
// CHECK: output 6: max abs error 0, max rel error 0: ok
// CHECK: output 7: max abs error 0, max rel error 0: ok

func.func @main(%x: tensor<2x6xf32>, %acc: tensor<2x6xi32>) -> (tensor<2x6xi16>, tensor<2x6xi16>, tensor<2x6xui16>, tensor<2x6xf32>, tensor<2x6xi8>, tensor<2x6xi16>, tensor<2x6xui16>, tensor<2x6xf32>) {
  %0 = hl.quantize %x {scale = array<f32: 0.5>, zero_point = dense<3> : tensor<1xi16>} : (tensor<2x6xf32>) -> tensor<2x6xi16>
  %1 = hl.quantize %x {clamp_max = 16383 : i64, clamp_min = -16384 : i64, scale = array<f32: 0.5>, zero_point = dense<3> : tensor<1xi16>} : (tensor<2x6xf32>) -> tensor<2x6xi16>
  %2 = hl.quantize %x {axis = 0 : i64, scale = array<f32: 0.25, 2.0>, zero_point = dense<[32768, 100]> : tensor<2xui16>} : (tensor<2x6xf32>) -> tensor<2x6xui16>
  %3 = hl.dequantize %1 {scale = array<f32: 0.5>, zero_point = dense<3> : tensor<1xi16>} : (tensor<2x6xi16>) -> tensor<2x6xf32>
  %4 = hl.requantize %0 {multiplier = array<i64: 1073741824>, shift = array<i64: 6>, zero_point = dense<-1> : tensor<1xi8>} : (tensor<2x6xi16>) -> tensor<2x6xi8>
  %5 = hl.requantize %acc {clamp_max = 16383 : i64, clamp_min = -16384 : i64, multiplier = array<i64: 1073741824>, shift = array<i64: -3>, zero_point = dense<0> : tensor<1xi16>} : (tensor<2x6xi32>) -> tensor<2x6xi16>
  %6 = hl.requantize %2 {multiplier = array<i64: 1073741824>, shift = array<i64: 0>, zero_point = dense<7> : tensor<1xui16>} : (tensor<2x6xui16>) -> tensor<2x6xui16>
  %7 = hl.dequantize %2 {axis = 0 : i64, scale = array<f32: 0.25, 2.0>, zero_point = dense<[32768, 100]> : tensor<2xui16>} : (tensor<2x6xui16>) -> tensor<2x6xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7 : tensor<2x6xi16>, tensor<2x6xi16>, tensor<2x6xui16>, tensor<2x6xf32>, tensor<2x6xi8>, tensor<2x6xi16>, tensor<2x6xui16>, tensor<2x6xf32>
}
