// ipu-run on the comparisons, boolean logic and hl.where (i1 tensors),
// broadcasting a vector against a matrix; expected values from
// Inputs/gen_npy_logic_math_axis.py.
// RUN: ipu-run %s --input 0=%S/Inputs/cf_x.npy --input 1=%S/Inputs/cf_b.npy --expect 0=%S/Inputs/cf_logic_out0.npy --expect 1=%S/Inputs/cf_logic_out1.npy --expect 2=%S/Inputs/cf_logic_out2.npy --expect 3=%S/Inputs/cf_logic_out3.npy --expect 4=%S/Inputs/cf_logic_out4.npy --expect 5=%S/Inputs/cf_logic_out5.npy --expect 6=%S/Inputs/cf_logic_out6.npy --expect 7=%S/Inputs/cf_logic_out7.npy --expect 8=%S/Inputs/cf_logic_out8.npy --expect 9=%S/Inputs/cf_logic_out9.npy --rtol 0 --atol 0 | FileCheck %s
// CHECK-COUNT-10: : ok

func.func @main(%x: tensor<2x3xf32>, %b: tensor<3xf32>) -> (tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xf32>) {
  %0 = hl.equal %x, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  %1 = hl.less %x, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  %2 = hl.less_equal %x, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  %3 = hl.greater %x, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  %4 = hl.greater_equal %x, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  %5 = hl.and %1, %3 : tensor<2x3xi1>
  %6 = hl.or %1, %3 : tensor<2x3xi1>
  %7 = hl.xor %1, %3 : tensor<2x3xi1>
  %8 = hl.not %1 : tensor<2x3xi1>
  %9 = hl.where %1, %x, %b : (tensor<2x3xi1>, tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9 : tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xf32>
}
