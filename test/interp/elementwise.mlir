// ipu-run on broadcasting element-wise ops, a splat constant and softmax;
// expected values from Inputs/gen_npy.py.
// RUN: ipu-run %s --input %%arg0=%S/Inputs/x_2x3.npy --input 1=%S/Inputs/b_3.npy --expect 0=%S/Inputs/elementwise_out0.npy --expect output_1=%S/Inputs/elementwise_out1.npy --rtol 1e-5 --atol 1e-6 | FileCheck %s
// CHECK: output 0: max abs error 0, max rel error 0: ok
// CHECK: output 1: max abs error {{.*}}: ok

// Outputs written with -o read back as inputs and expectations.
// RUN: rm -rf %t && mkdir -p %t && ipu-run %s --input %%arg0=%S/Inputs/x_2x3.npy --input %%arg1=%S/Inputs/b_3.npy -o %t | FileCheck %s --check-prefix=SHAPES
// RUN: ipu-run %s --input 0=%S/Inputs/x_2x3.npy --input 1=%S/Inputs/b_3.npy --expect %%0=%t/output_0.npy --expect 1=%t/output_1.npy --rtol 0 --atol 0 | FileCheck %s --check-prefix=AGAIN
// SHAPES: output 0: float32 2x3
// SHAPES-NEXT: output 1: float32 2x3
// AGAIN: output 0: max abs error 0, max rel error 0: ok
// AGAIN-NEXT: output 1: max abs error 0, max rel error 0: ok

// Out of tolerance: exit status 1 and the first mismatch.
// RUN: not ipu-run %s --input 0=%S/Inputs/x_2x3.npy --input 1=%S/Inputs/b_3.npy --expect 0=%S/Inputs/elementwise_wrong0.npy | FileCheck %s --check-prefix=WRONG
// WRONG: output 0: max abs error 0.5, max rel error 1: FAIL (1 of 6 elements out of tolerance; first at flat index 5: got 0, expected 0.5)
// A looser tolerance accepts it.
// RUN: ipu-run %s --input 0=%S/Inputs/x_2x3.npy --input 1=%S/Inputs/b_3.npy --expect 0=%S/Inputs/elementwise_wrong0.npy --atol 0.5 | FileCheck %s --check-prefix=LOOSE
// LOOSE: output 0: max abs error 0.5, max rel error 1: ok

func.func @main(%arg0: tensor<2x3xf32>, %arg1: tensor<3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  %0 = hl.add %arg0, %arg1 : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %1 = hl.relu %0 : tensor<2x3xf32>
  %c = hl.constant {value = dense<2.0> : tensor<2x3xf32>} : tensor<2x3xf32>
  %2 = hl.mul %1, %c : tensor<2x3xf32>
  %3 = hl.softmax %arg0 {axis = 1 : i64} : tensor<2x3xf32>
  return %2, %3 : tensor<2x3xf32>, tensor<2x3xf32>
}
