// hl-to-tile-pipeline on a float LSTM (bidirectional, 3 steps): the
// pipeline unrolls it (hl-decompose-lstm), quantizes every step's gemms
// (each gets its own copy of the quantized weight) and lowers them; the
// steps of a direction share the blocks of W and R: 4 blocks in all, read
// by 10 tile.mvm (3 input and 2 recurrent gemms a direction; the first
// step has no state to multiply). The tile IR gives the quantized hl's
// outputs to the bit.
// RUN: rm -rf %t && mkdir -p %t/calib/s0 %t/calib/s1 %t/q
// RUN: python3 %S/Inputs/rand_npy.py %t/calib/s0/input_0.npy 3x1x3 81
// RUN: python3 %S/Inputs/rand_npy.py %t/calib/s1/input_0.npy 3x1x3 82
// RUN: python3 %S/Inputs/rand_npy.py %t/x.npy 3x1x3 83
// RUN: ipu-opt %s --mlir-pass-statistics --pass-pipeline='builtin.module(hl-to-tile-pipeline{target=test-4x4 calibration=%t/calib})' -o %t/tile.mlir 2> %t/stats.txt
// RUN: FileCheck %s < %t/tile.mlir
// RUN: FileCheck %s --check-prefix=STATS < %t/stats.txt
// RUN: ipu-opt %s --pass-pipeline='builtin.module(hl-optimize,func.func(hl-decompose-lstm,quantize{calibration=%t/calib}))' -o %t/q.mlir 2>/dev/null
// RUN: ipu-run %t/q.mlir --input 0=%t/x.npy -o %t/q
// RUN: ipu-run %t/tile.mlir --input 0=%t/x.npy --expect 0=%t/q/output_0.npy --expect 1=%t/q/output_1.npy --rtol 0 --atol 0 | FileCheck %s --check-prefix=OUT

// CHECK: tile.array ({
// CHECK-COUNT-4: tile.block {{.*}} : tensor<{{[34]}}x16xi8>}
// CHECK-NEXT: })
// CHECK-NOT: tile.block
// CHECK-LABEL: func.func @lstm
// CHECK-COUNT-10: tile.mvm
// CHECK-NOT: tile.mvm
// CHECK-NOT: hl.lstm
// CHECK-NOT: hl.gemm
// STATS-LABEL: hl-to-tile
// STATS: (S) {{ *}}1 num-arrays
// STATS: (S) {{ *}}4 num-blocks
// STATS: (S) {{ *}}10 num-layers
// OUT: output 0: max abs error 0, max rel error 0: ok
// OUT-NEXT: output 1: max abs error 0, max rel error 0: ok
func.func @lstm(%x: tensor<3x1x3xf32>) -> (tensor<3x2x1x4xf32>, tensor<2x1x4xf32>) {
  %w = hl.constant {value = dense<[[[0.425, 0.449, 0.392], [-0.416, 0.092, -0.076], [0.030, -0.370, -0.308], [-0.055, -0.279, -0.045], [-0.475, -0.414, 0.210], [-0.079, 0.013, 0.234], [-0.141, -0.442, 0.283], [0.089, 0.158, 0.121], [0.471, -0.137, 0.260], [-0.131, 0.072, 0.161], [-0.186, -0.414, -0.026], [0.218, 0.091, -0.053], [0.142, -0.318, -0.321], [-0.177, 0.316, -0.304], [-0.386, -0.401, -0.461], [-0.224, 0.073, 0.321]], [[-0.169, -0.130, -0.212], [-0.195, 0.278, 0.049], [-0.242, -0.393, 0.284], [0.207, 0.329, -0.262], [0.045, 0.419, 0.093], [0.445, -0.333, 0.475], [-0.444, -0.084, -0.477], [0.310, 0.187, 0.474], [0.305, 0.449, 0.039], [0.488, 0.249, -0.154], [0.474, -0.123, -0.307], [-0.424, -0.034, -0.303], [0.434, 0.450, -0.284], [-0.396, 0.029, -0.330], [0.044, 0.313, -0.247], [-0.078, 0.401, -0.055]]]> : tensor<2x16x3xf32>} : tensor<2x16x3xf32>
  %r = hl.constant {value = dense<[[[-0.157, 0.392, 0.314, 0.395], [0.188, -0.087, 0.193, 0.330], [0.140, -0.262, -0.205, -0.090], [0.272, 0.057, 0.050, 0.327], [-0.392, 0.131, -0.167, 0.059], [0.335, -0.252, 0.452, -0.421], [0.062, 0.042, -0.265, 0.061], [-0.029, -0.050, 0.218, -0.496], [-0.123, 0.286, -0.358, 0.367], [-0.296, 0.181, -0.327, -0.051], [-0.077, -0.418, 0.200, -0.020], [0.189, 0.039, 0.056, 0.026], [-0.202, 0.399, -0.414, 0.377], [0.363, -0.002, 0.277, 0.173], [0.105, -0.208, -0.180, -0.151], [-0.198, 0.460, -0.159, -0.112]], [[-0.080, 0.316, -0.022, 0.054], [-0.245, -0.222, -0.411, -0.283], [-0.236, 0.352, 0.002, -0.390], [-0.037, -0.379, 0.066, -0.058], [0.358, -0.241, 0.351, -0.252], [0.483, 0.134, -0.457, 0.307], [-0.224, -0.138, -0.353, 0.337], [-0.410, 0.238, -0.104, 0.179], [-0.207, -0.422, 0.415, 0.155], [-0.330, 0.476, 0.412, -0.317], [-0.481, 0.111, -0.361, 0.232], [-0.031, 0.209, 0.070, 0.271], [0.322, 0.103, 0.091, -0.173], [-0.366, -0.408, 0.357, -0.294], [-0.073, -0.183, 0.120, 0.033], [0.359, -0.064, -0.138, 0.151]]]> : tensor<2x16x4xf32>} : tensor<2x16x4xf32>
  %b = hl.constant {value = dense<[[0.098, 0.170, -0.075, 0.155, 0.193, 0.193, -0.148, -0.048, 0.110, 0.132, -0.184, -0.042, 0.090, 0.103, 0.014, -0.116, -0.037, -0.177, -0.074, -0.029, 0.129, 0.036, -0.034, -0.102, -0.074, 0.068, -0.022, -0.131, 0.129, 0.030, 0.187, 0.015], [0.049, -0.029, 0.043, 0.168, 0.193, 0.064, -0.028, -0.175, 0.136, -0.043, -0.047, -0.177, -0.186, -0.044, 0.190, 0.096, 0.084, 0.067, -0.091, -0.133, 0.041, -0.175, 0.035, 0.006, 0.017, -0.151, -0.173, -0.011, -0.142, 0.057, -0.076, 0.048]]> : tensor<2x32xf32>} : tensor<2x32xf32>
  %y, %h, %c = hl.lstm %x, %w, %r, %b {hidden_size = 4 : i64, direction = "bidirectional"} : (tensor<3x1x3xf32>, tensor<2x16x3xf32>, tensor<2x16x4xf32>, tensor<2x32xf32>) -> (tensor<3x2x1x4xf32>, tensor<2x1x4xf32>, tensor<2x1x4xf32>)
  return %y, %h : tensor<3x2x1x4xf32>, tensor<2x1x4xf32>
}
