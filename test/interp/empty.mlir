// Zero-element tensors through the interpreter: an empty .npy input,
// element-wise ops, reshape (a 0 extent), transpose, concat with a
// non-empty tensor, a reduction over the empty axis (the sum of nothing),
// gather with no indices, a comparison; outputs written with -o (empty
// .npy files) read back as expectations; an empty .pb input. Expected values from
// Inputs/gen_npy_logic_math_axis.py.
// RUN: ipu-run %s --input 0=%S/Inputs/cf_empty_0x3.npy --input 1=%S/Inputs/cf_x.npy --expect 0=%S/Inputs/cf_empty_out0.npy --expect 1=%S/Inputs/cf_empty_out1.npy --expect 2=%S/Inputs/cf_empty_out2.npy --expect 3=%S/Inputs/cf_empty_out3.npy --expect 4=%S/Inputs/cf_empty_out4.npy --expect 5=%S/Inputs/cf_empty_out5.npy --rtol 0 --atol 0 | FileCheck %s
// CHECK-COUNT-6: : ok
// RUN: rm -rf %t && mkdir -p %t && ipu-run %s --input 0=%S/Inputs/cf_empty_0x3.npy --input 1=%S/Inputs/cf_x.npy -o %t | FileCheck %s --check-prefix=SHAPES
// SHAPES: output 0: float32 0x3
// SHAPES-NEXT: output 1: float32 3x0
// SHAPES-NEXT: output 2: float32 2x3
// SHAPES-NEXT: output 3: float32 1x3
// SHAPES-NEXT: output 4: float32 0x3
// SHAPES-NEXT: output 5: bool 0x3
// RUN: ipu-run %s --input 0=%t/output_0.npy --input 1=%S/Inputs/cf_x.npy --expect 0=%t/output_0.npy --expect 1=%t/output_1.npy --expect 5=%t/output_5.npy | FileCheck %s --check-prefix=AGAIN
// AGAIN-COUNT-3: : ok
// An empty ONNX TensorProto (dims 0x3, no data) reads as well.
// RUN: ipu-run %s --input 0=%S/Inputs/cf_empty_0x3.pb --input 1=%S/Inputs/cf_x.npy --expect 0=%S/Inputs/cf_empty_out0.npy --expect 3=%S/Inputs/cf_empty_out3.npy | FileCheck %s --check-prefix=PB
// PB-COUNT-2: : ok

func.func @main(%e: tensor<0x3xf32>, %x: tensor<2x3xf32>) -> (tensor<0x3xf32>, tensor<3x0xf32>, tensor<2x3xf32>, tensor<1x3xf32>, tensor<0x3xf32>, tensor<0x3xi1>) {
  %b = hl.constant {value = dense<[1.0, 2.0, 3.0]> : tensor<3xf32>} : tensor<3xf32>
  %a = hl.add %e, %b : (tensor<0x3xf32>, tensor<3xf32>) -> tensor<0x3xf32>
  %0 = hl.relu %a : tensor<0x3xf32>
  %r = hl.reshape %0 {shape = array<i64: 3, 0>} : (tensor<0x3xf32>) -> tensor<3x0xf32>
  %1 = hl.transpose %r : (tensor<3x0xf32>) -> tensor<0x3xf32>
  %t = hl.reshape %1 {shape = array<i64: 3, 0>} : (tensor<0x3xf32>) -> tensor<3x0xf32>
  %2 = hl.concat %e, %x {axis = 0 : i64} : (tensor<0x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %3 = hl.reduce_sum %e {axes = array<i64: 0>} : (tensor<0x3xf32>) -> tensor<1x3xf32>
  %i = hl.constant {value = dense<> : tensor<0xi64>} : tensor<0xi64>
  %4 = hl.gather %x, %i : (tensor<2x3xf32>, tensor<0xi64>) -> tensor<0x3xf32>
  %5 = hl.less %e, %b : (tensor<0x3xf32>, tensor<3xf32>) -> tensor<0x3xi1>
  return %0, %t, %2, %3, %4, %5 : tensor<0x3xf32>, tensor<3x0xf32>, tensor<2x3xf32>, tensor<1x3xf32>, tensor<0x3xf32>, tensor<0x3xi1>
}
