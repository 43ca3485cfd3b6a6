// ipu-run on hl.gather (runtime indices, negative ones counting from the
// end), hl.expand, hl.tile, hl.layer_norm (all three results) and
// hl.instance_norm; expected values from Inputs/gen_npy_logic_math_axis.py.
// RUN: ipu-run %s --input 0=%S/Inputs/cf_x.npy --input 1=%S/Inputs/cf_b.npy --input 2=%S/Inputs/cf_idx.npy --expect 0=%S/Inputs/cf_shape_out0.npy --expect 1=%S/Inputs/cf_shape_out1.npy --expect 2=%S/Inputs/cf_shape_out2.npy --expect 3=%S/Inputs/cf_shape_out3.npy --expect 4=%S/Inputs/cf_shape_out4.npy --expect 5=%S/Inputs/cf_shape_out5.npy --expect 6=%S/Inputs/cf_shape_out6.npy --rtol 1e-5 --atol 1e-6 | FileCheck %s
// CHECK-COUNT-7: : ok

// An index out of range is an error located at the op, not a crash.
// RUN: not ipu-run %s --func bad_index --input 0=%S/Inputs/cf_x.npy --input 1=%S/Inputs/cf_idx.npy 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: error: 'hl.gather' op {{.*}}Gather: index 1 is out of range for extent 1

func.func @main(%x: tensor<2x3xf32>, %b: tensor<3xf32>, %i: tensor<4xi64>) -> (tensor<2x4xf32>, tensor<2x2x3xf32>, tensor<4x6xf32>, tensor<2x3xf32>, tensor<2x1xf32>, tensor<2x1xf32>, tensor<1x2x3xf32>) {
  %0 = hl.gather %x, %i {axis = -1 : i64} : (tensor<2x3xf32>, tensor<4xi64>) -> tensor<2x4xf32>
  %1 = hl.expand %x {shape = array<i64: 2, 1, 3>} : (tensor<2x3xf32>) -> tensor<2x2x3xf32>
  %2 = hl.tile %x {repeats = array<i64: 2, 2>} : (tensor<2x3xf32>) -> tensor<4x6xf32>
  %one = hl.constant {value = dense<1.0> : tensor<1xf32>} : tensor<1xf32>
  %3:3 = hl.layer_norm %x, %b, %one {axis = 1 : i64} : (tensor<2x3xf32>, tensor<3xf32>, tensor<1xf32>) -> (tensor<2x3xf32>, tensor<2x1xf32>, tensor<2x1xf32>)
  %r = hl.reshape %x {shape = array<i64: 1, 2, 3>} : (tensor<2x3xf32>) -> tensor<1x2x3xf32>
  %s = hl.constant {value = dense<[2.0, 1.0]> : tensor<2xf32>} : tensor<2xf32>
  %c = hl.constant {value = dense<[0.0, 1.0]> : tensor<2xf32>} : tensor<2xf32>
  %4 = hl.instance_norm %r, %s, %c : (tensor<1x2x3xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x3xf32>
  return %0, %1, %2, %3#0, %3#1, %3#2, %4 : tensor<2x4xf32>, tensor<2x2x3xf32>, tensor<4x6xf32>, tensor<2x3xf32>, tensor<2x1xf32>, tensor<2x1xf32>, tensor<1x2x3xf32>
}

func.func @bad_index(%x: tensor<2x3xf32>, %i: tensor<4xi64>) -> tensor<2x4x3xf32> {
  %s = hl.slice %x {starts = array<i64: 0>, ends = array<i64: 1>} : (tensor<2x3xf32>) -> tensor<1x3xf32>
  %0 = hl.gather %s, %i : (tensor<1x3xf32>, tensor<4xi64>) -> tensor<4x3xf32>
  %1 = hl.reshape %0 {shape = array<i64: 2, 2, 3>} : (tensor<4x3xf32>) -> tensor<2x2x3xf32>
  %2 = hl.concat %1, %1 {axis = 1 : i64} : (tensor<2x2x3xf32>, tensor<2x2x3xf32>) -> tensor<2x4x3xf32>
  return %2 : tensor<2x4x3xf32>
}
