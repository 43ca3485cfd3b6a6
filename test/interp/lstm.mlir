// ipu-run on hl.lstm (gate order i, o, f, c, default activations);
// expected values from Inputs/gen_npy.py.
// RUN: ipu-run %s --input 0=%S/Inputs/lstm_x.npy --expect 0=%S/Inputs/lstm_out0.npy --expect 1=%S/Inputs/lstm_out1.npy --expect 2=%S/Inputs/lstm_out2.npy --rtol 1e-5 --atol 1e-6 | FileCheck %s
// CHECK-COUNT-3: : ok

func.func @main(%x: tensor<2x1x1xf32>) -> (tensor<2x1x1x1xf32>, tensor<1x1x1xf32>, tensor<1x1x1xf32>) {
  %w = hl.constant {value = dense<[[[0.5], [-0.3], [0.8], [0.2]]]> : tensor<1x4x1xf32>} : tensor<1x4x1xf32>
  %r = hl.constant {value = dense<[[[0.1], [0.4], [-0.2], [0.6]]]> : tensor<1x4x1xf32>} : tensor<1x4x1xf32>
  %y, %h, %c = hl.lstm %x, %w, %r {hidden_size = 1 : i64} : (tensor<2x1x1xf32>, tensor<1x4x1xf32>, tensor<1x4x1xf32>) -> (tensor<2x1x1x1xf32>, tensor<1x1x1xf32>, tensor<1x1x1xf32>)
  return %y, %h, %c : tensor<2x1x1x1xf32>, tensor<1x1x1xf32>, tensor<1x1x1xf32>
}
