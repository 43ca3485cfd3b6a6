// hl-to-tile-pipeline: from float hl (a conv with a fused relu, a conv
// and a clip, a 1x1 conv) through hl-optimize and quantize to tile IR on
// the test-4x4 preset; the float input is quantized and the output
// dequantized on the host, the layers on blocks, the requantizations on
// the SIMD unit.
// RUN: rm -rf %t && mkdir -p %t/calib/s0 %t/calib/s1
// RUN: python3 %S/Inputs/rand_npy.py %t/calib/s0/input_0.npy 1x4x4x4 31
// RUN: python3 %S/Inputs/rand_npy.py %t/calib/s1/input_0.npy 1x4x4x4 32
// RUN: ipu-opt %s --pass-pipeline='builtin.module(hl-to-tile-pipeline{target=test-4x4 calibration=%t/calib})' -o %t/tile.mlir 2>/dev/null
// RUN: FileCheck %s < %t/tile.mlir
// The tile IR runs, and equals the quantized hl to the bit.
// RUN: ipu-opt %s --pass-pipeline='builtin.module(hl-optimize,func.func(quantize{calibration=%t/calib}))' -o %t/q.mlir 2>/dev/null
// RUN: mkdir -p %t/q && ipu-run %t/q.mlir --input 0=%t/calib/s1/input_0.npy -o %t/q
// RUN: ipu-run %t/tile.mlir --input 0=%t/calib/s1/input_0.npy --expect 0=%t/q/output_0.npy --rtol 0 --atol 0 | FileCheck %s --check-prefix=OUT

// CHECK: module attributes {hw.target = {{{.*}}name = "test-4x4"
// CHECK: tile.array
// CHECK-NOT: tile.array
// CHECK-LABEL: func.func @conv_chain(%arg0: tensor<1x4x4x4xf32>) -> tensor<1x2x4x4xf32>
// CHECK: tile.host
// CHECK: hl.quantize
// CHECK: tile.windows
// CHECK: tile.mvm
// CHECK: tile.simd
// CHECK: hl.requantize {{.*}}clamp_min = 0
// CHECK: tile.mvm
// CHECK: tile.simd
// CHECK: hl.requantize
// CHECK: tile.mvm
// CHECK: tile.host
// CHECK: hl.dequantize
// CHECK-NOT: hl.conv2d
// OUT: output 0: max abs error 0, max rel error 0: ok
func.func @conv_chain(%x: tensor<1x4x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w1 = hl.constant {value = dense<[[[[-0.106, -0.209, 0.091], [-0.257, 0.022, -0.081], [-0.265, 0.004, -0.278]], [[-0.04, -0.258, -0.246], [-0.045, 0.196, -0.226], [-0.166, 0.076, 0.269]], [[0.046, -0.062, 0.286], [-0.272, 0.215, -0.126], [-0.213, -0.229, -0.115]], [[0.19, -0.192, 0.049], [0.083, -0.077, 0.029], [-0.262, -0.264, -0.176]]], [[[0.108, -0.043, -0.112], [0.051, -0.028, -0.12], [0.177, 0.119, -0.154]], [[0.045, 0.015, 0.225], [0.138, -0.127, 0.288], [-0.229, -0.049, 0.154]], [[-0.209, -0.007, -0.276], [0.101, 0.159, 0.044], [0.225, -0.112, 0.117]], [[0.057, 0.048, -0.026], [0.204, 0.267, -0.016], [0.098, -0.264, 0.121]]], [[[0.088, 0.296, 0.193], [-0.129, -0.069, 0.101], [-0.286, -0.023, -0.199]], [[-0.23, -0.265, 0.161], [-0.222, -0.151, -0.065], [0.223, -0.252, -0.03]], [[0.03, 0.23, 0.192], [0.218, -0.133, -0.051], [-0.085, 0.231, 0.275]], [[-0.209, -0.194, -0.161], [-0.16, -0.009, 0.053], [-0.142, -0.298, -0.049]]], [[[-0.078, 0.04, 0.272], [0.114, 0.009, 0.071], [0.106, -0.268, 0.24]], [[0.168, 0.225, 0.179], [-0.065, -0.061, -0.238], [0.081, -0.263, -0.26]], [[-0.175, -0.203, -0.096], [-0.268, -0.3, -0.209], [-0.239, -0.082, -0.285]], [[0.225, 0.068, -0.211], [-0.149, -0.092, -0.082], [-0.226, 0.209, 0.296]]]]> : tensor<4x4x3x3xf32>} : tensor<4x4x3x3xf32>
  %b1 = hl.constant {value = dense<[-0.014, -0.006, -0.166, -0.159]> : tensor<4xf32>} : tensor<4xf32>
  %w2 = hl.constant {value = dense<[[[[-0.094, -0.141, 0.197], [-0.203, -0.286, 0.271], [0.017, -0.212, 0.026]], [[-0.284, 0.017, 0.287], [0.218, 0.118, -0.143], [-0.08, -0.2, 0.163]], [[0.02, 0.167, -0.102], [-0.166, 0.187, 0.291], [0.212, 0.184, 0.191]], [[0.144, -0.164, 0.011], [-0.087, -0.283, -0.283], [-0.132, -0.144, 0.116]]], [[[0.274, -0.032, 0.262], [0.293, 0.273, -0.081], [-0.168, -0.164, -0.182]], [[-0.177, 0.074, 0.24], [0.204, -0.012, 0.092], [0.18, -0.249, 0.096]], [[0.246, 0.169, 0.15], [-0.013, -0.193, 0.173], [-0.1, 0.18, 0.283]], [[-0.062, -0.059, 0.268], [0.135, -0.198, -0.224], [-0.209, 0.243, 0.184]]], [[[-0.212, 0.196, 0.288], [0.094, -0.09, 0.029], [-0.221, -0.291, 0.283]], [[0.09, 0.016, 0.26], [-0.04, 0.223, 0.196], [-0.173, -0.149, -0.124]], [[-0.156, 0.052, -0.144], [-0.049, -0.221, 0.246], [-0.088, -0.025, 0.05]], [[0.243, -0.048, 0.251], [0.001, 0.019, 0.014], [-0.289, -0.036, -0.19]]], [[[-0.298, 0.18, -0.197], [-0.016, 0.135, 0.034], [-0.104, 0.011, 0.033]], [[0.171, -0.236, 0.036], [-0.151, -0.134, 0.163], [0.005, 0.037, 0.156]], [[0.247, -0.034, 0.068], [0.003, 0.007, 0.116], [-0.029, 0.02, -0.013]], [[0.265, 0.12, 0.226], [0.265, -0.144, 0.036], [0.266, 0.204, -0.218]]]]> : tensor<4x4x3x3xf32>} : tensor<4x4x3x3xf32>
  %b2 = hl.constant {value = dense<[-0.151, -0.023, -0.171, -0.104]> : tensor<4xf32>} : tensor<4xf32>
  %w3 = hl.constant {value = dense<[[[[-0.427]], [[0.169]], [[0.284]], [[0.397]]], [[[-0.346]], [[0.216]], [[0.16]], [[-0.357]]]]> : tensor<2x4x1x1xf32>} : tensor<2x4x1x1xf32>
  %0 = hl.conv2d %x, %w1, %b1 {activation = "relu", pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x4xf32>, tensor<4x4x3x3xf32>, tensor<4xf32>) -> tensor<1x4x4x4xf32>
  %c = hl.conv2d %0, %w2, %b2 {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x4xf32>, tensor<4x4x3x3xf32>, tensor<4xf32>) -> tensor<1x4x4x4xf32>
  %1 = hl.clip %c {max = 0.25 : f32, min = 0.0 : f32} : tensor<1x4x4x4xf32>
  %2 = hl.conv2d %1, %w3 : (tensor<1x4x4x4xf32>, tensor<2x4x1x1xf32>) -> tensor<1x2x4x4xf32>
  return %2 : tensor<1x2x4x4xf32>
}
