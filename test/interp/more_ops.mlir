// ipu-run reads the attributes of further ops (clip, leaky_relu, pad,
// concat, reduce_max, resize, global_avgpool, batchnorm, requantize);
// expected values from Inputs/gen_npy.py.
// RUN: ipu-run %s --input 0=%S/Inputs/x_2x3.npy --expect 0=%S/Inputs/more_out0.npy --expect 1=%S/Inputs/more_out1.npy --expect 2=%S/Inputs/more_out2.npy --expect 3=%S/Inputs/more_out3.npy --expect 4=%S/Inputs/more_out4.npy --expect 5=%S/Inputs/more_out5.npy --expect 6=%S/Inputs/more_out6.npy --expect 7=%S/Inputs/more_out7.npy --expect 8=%S/Inputs/more_out8.npy --rtol 1e-5 --atol 1e-6 | FileCheck %s
// CHECK-COUNT-9: : ok

func.func @main(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<3x4xf32>, tensor<4x3xf32>, tensor<1x3xf32>, tensor<1x1x4x6xf32>, tensor<1x1x1x1xf32>, tensor<1x2x3x1xf32>, tensor<2x3xi8>) {
  %0 = hl.clip %x {max = 2.0 : f32, min = -1.0 : f32} : tensor<2x3xf32>
  %1 = hl.leaky_relu %x {alpha = 0.1 : f32} : tensor<2x3xf32>
  %2 = hl.pad %x {pads = array<i64: 0, 1, 1, 0>, value = 9.0 : f32} : (tensor<2x3xf32>) -> tensor<3x4xf32>
  %3 = hl.concat %x, %x {axis = 0 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
  %4 = hl.reduce_max %x {axes = array<i64: 0>} : (tensor<2x3xf32>) -> tensor<1x3xf32>
  %r = hl.reshape %x {shape = array<i64: 1, 1, 2, 3>} : (tensor<2x3xf32>) -> tensor<1x1x2x3xf32>
  %5 = hl.resize %r {scales = array<f32: 1.0, 1.0, 2.0, 2.0>} : (tensor<1x1x2x3xf32>) -> tensor<1x1x4x6xf32>
  %6 = hl.global_avgpool %r : (tensor<1x1x2x3xf32>) -> tensor<1x1x1x1xf32>
  %b = hl.reshape %x {shape = array<i64: 1, 2, 3, 1>} : (tensor<2x3xf32>) -> tensor<1x2x3x1xf32>
  %scale = hl.constant {value = dense<[2.0, 1.0]> : tensor<2xf32>} : tensor<2xf32>
  %bias = hl.constant {value = dense<[0.0, 1.0]> : tensor<2xf32>} : tensor<2xf32>
  %mean = hl.constant {value = dense<[1.0, 0.0]> : tensor<2xf32>} : tensor<2xf32>
  %var = hl.constant {value = dense<[3.0, 0.0]> : tensor<2xf32>} : tensor<2xf32>
  %7 = hl.batchnorm %b, %scale, %bias, %mean, %var : (tensor<1x2x3x1xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x3x1xf32>
  %acc = hl.cast %x {to = i32} : (tensor<2x3xf32>) -> tensor<2x3xi32>
  %8 = hl.requantize %acc {multiplier = array<i64: 1073741824>, shift = array<i64: 0>, zero_point = dense<3> : tensor<1xi8>} : (tensor<2x3xi32>) -> tensor<2x3xi8>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<3x4xf32>, tensor<4x3xf32>, tensor<1x3xf32>, tensor<1x1x4x6xf32>, tensor<1x1x1x1xf32>, tensor<1x2x3x1xf32>, tensor<2x3xi8>
}
