// ipu-run on the further math ops: float functions, parametric
// activations (selu with ONNX's default constants), prelu, log_softmax,
// hardmax, argmax/argmin (ties: first, or last with select_last_index) and
// the further reductions; expected values from Inputs/gen_npy_logic_math_axis.py.
// RUN: ipu-run %s --input 0=%S/Inputs/cf_x.npy --input 1=%S/Inputs/cf_b.npy --expect 0=%S/Inputs/cf_math_out0.npy --expect 1=%S/Inputs/cf_math_out1.npy --expect 2=%S/Inputs/cf_math_out2.npy --expect 3=%S/Inputs/cf_math_out3.npy --expect 4=%S/Inputs/cf_math_out4.npy --expect 5=%S/Inputs/cf_math_out5.npy --expect 6=%S/Inputs/cf_math_out6.npy --expect 7=%S/Inputs/cf_math_out7.npy --expect 8=%S/Inputs/cf_math_out8.npy --expect 9=%S/Inputs/cf_math_out9.npy --expect 10=%S/Inputs/cf_math_out10.npy --expect 11=%S/Inputs/cf_math_out11.npy --expect 12=%S/Inputs/cf_math_out12.npy --expect 13=%S/Inputs/cf_math_out13.npy --expect 14=%S/Inputs/cf_math_out14.npy --expect 15=%S/Inputs/cf_math_out15.npy --expect 16=%S/Inputs/cf_math_out16.npy --expect 17=%S/Inputs/cf_math_out17.npy --expect 18=%S/Inputs/cf_math_out18.npy --expect 19=%S/Inputs/cf_math_out19.npy --expect 20=%S/Inputs/cf_math_out20.npy --expect 21=%S/Inputs/cf_math_out21.npy --expect 22=%S/Inputs/cf_math_out22.npy --expect 23=%S/Inputs/cf_math_out23.npy --rtol 1e-5 --atol 1e-6 | FileCheck %s
// CHECK-COUNT-24: : ok

func.func @main(%x: tensor<2x3xf32>, %b: tensor<3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x1xi64>, tensor<3xi64>, tensor<2x1xf32>, tensor<2x1xf32>, tensor<f32>, tensor<1x3xf32>, tensor<2x1xf32>) {
  %0 = hl.reciprocal %x : tensor<2x3xf32>
  %1 = hl.floor %x : tensor<2x3xf32>
  %2 = hl.ceil %x : tensor<2x3xf32>
  %3 = hl.round %x : tensor<2x3xf32>
  %4 = hl.sign %x : tensor<2x3xf32>
  %5 = hl.erf %x : tensor<2x3xf32>
  %6 = hl.sin %x : tensor<2x3xf32>
  %7 = hl.cos %x : tensor<2x3xf32>
  %8 = hl.softplus %x : tensor<2x3xf32>
  %9 = hl.softsign %x : tensor<2x3xf32>
  %10 = hl.elu %x {alpha = 0.5 : f32} : tensor<2x3xf32>
  %11 = hl.selu %x {alpha = 1.67326319 : f32, gamma = 1.05070102 : f32} : tensor<2x3xf32>
  %12 = hl.celu %x {alpha = 2.0 : f32} : tensor<2x3xf32>
  %13 = hl.thresholded_relu %x {alpha = 1.5 : f32} : tensor<2x3xf32>
  %14 = hl.prelu %x, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %15 = hl.log_softmax %x {axis = 1 : i64} : tensor<2x3xf32>
  %16 = hl.hardmax %x {axis = 0 : i64} : tensor<2x3xf32>
  %17 = hl.argmax %x {axis = 1 : i64} : (tensor<2x3xf32>) -> tensor<2x1xi64>
  %18 = hl.argmin %x {keepdims = false, select_last_index = true} : (tensor<2x3xf32>) -> tensor<3xi64>
  %19 = hl.reduce_l1 %x {axes = array<i64: 1>} : (tensor<2x3xf32>) -> tensor<2x1xf32>
  %20 = hl.reduce_l2 %x {axes = array<i64: -1>} : (tensor<2x3xf32>) -> tensor<2x1xf32>
  %21 = hl.reduce_sum_square %x {keepdims = false} : (tensor<2x3xf32>) -> tensor<f32>
  %a = hl.abs %x : tensor<2x3xf32>
  %22 = hl.reduce_log_sum %a {axes = array<i64: 0>} : (tensor<2x3xf32>) -> tensor<1x3xf32>
  %23 = hl.reduce_log_sum_exp %x {axes = array<i64: 1>} : (tensor<2x3xf32>) -> tensor<2x1xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15, %16, %17, %18, %19, %20, %21, %22, %23 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x1xi64>, tensor<3xi64>, tensor<2x1xf32>, tensor<2x1xf32>, tensor<f32>, tensor<1x3xf32>, tensor<2x1xf32>
}
