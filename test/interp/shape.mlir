// ipu-run on shape ops, casts (to i32 and i1), a reduction and i64
// arithmetic; expected values from Inputs/gen_npy.py.
// RUN: ipu-run %s --input 0=%S/Inputs/x_2x3.npy --input 1=%S/Inputs/i64_4.npy --expect 0=%S/Inputs/shape_out0.npy --expect 1=%S/Inputs/shape_out1.npy --expect 2=%S/Inputs/shape_out2.npy --expect 3=%S/Inputs/shape_out3.npy --rtol 0 --atol 0 | FileCheck %s
// CHECK: output 0: max abs error 0, max rel error 0: ok
// CHECK: output 1: max abs error 0, max rel error 0: ok
// CHECK: output 2: max abs error 0, max rel error 0: ok
// CHECK: output 3: max abs error 0, max rel error 0: ok

func.func @main(%arg0: tensor<2x3xf32>, %arg1: tensor<4xi64>) -> (tensor<4xi32>, tensor<2xf32>, tensor<4xi64>, tensor<3x2xi1>) {
  %0 = hl.transpose %arg0 {perm = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %1 = hl.reshape %0 {shape = array<i64: 6>} : (tensor<3x2xf32>) -> tensor<6xf32>
  %2 = hl.slice %1 {ends = array<i64: 5>, starts = array<i64: 1>} : (tensor<6xf32>) -> tensor<4xf32>
  %3 = hl.cast %2 {to = i32} : (tensor<4xf32>) -> tensor<4xi32>
  %4 = hl.reduce_sum %arg0 {axes = array<i64: 1>, keepdims = false} : (tensor<2x3xf32>) -> tensor<2xf32>
  %c = hl.constant {value = dense<[1, -2, 3, 100]> : tensor<4xi64>} : tensor<4xi64>
  %5 = hl.add %arg1, %c : tensor<4xi64>
  %6 = hl.cast %0 {to = i1} : (tensor<3x2xf32>) -> tensor<3x2xi1>
  return %3, %4, %5, %6 : tensor<4xi32>, tensor<2xf32>, tensor<4xi64>, tensor<3x2xi1>
}
