// quantize: each rewrite pattern on small functions of one 1x4x4x4 input,
// calibrated on two seeded samples (the multipliers depend on them, so
// they are not checked; the structure, the clamps and the 4-bit weights,
// which depend on the weights only, are).
// RUN: rm -rf %t && mkdir -p %t/calib/s0 %t/calib/s1
// RUN: python3 %S/Inputs/rand_npy.py %t/calib/s0/input_0.npy 1x4x4x4 31
// RUN: python3 %S/Inputs/rand_npy.py %t/calib/s1/input_0.npy 1x4x4x4 32
// RUN: ipu-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(quantize{calibration=%t/calib weight-bits-4=layer_b}))' 2>/dev/null | FileCheck %s

// A fused relu and a separate clip go into the requantization clamps; the
// last conv, whose result is returned, is dequantized straight from its
// i32 accumulators, per channel.
// CHECK-LABEL: func.func @conv_chain
// CHECK: %[[Q:.*]] = hl.quantize %arg0 {scale = array<f32: {{.*}}>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xi8>
// CHECK: %[[A1:.*]] = hl.conv2d %[[Q]], %{{.*}}, %{{.*}} {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x4xi8>, tensor<4x4x3x3xi8>, tensor<4xi32>) -> tensor<1x4x4x4xi32>
// CHECK: %[[R1:.*]] = hl.requantize %[[A1]] {axis = 1 : i64, clamp_min = 0 : i64, multiplier = array<i64: {{.*}}>, shift = array<i64: {{.*}}>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x4x4x4xi32>) -> tensor<1x4x4x4xi8>
// CHECK: %[[A2:.*]] = hl.conv2d %[[R1]],
// CHECK: %[[R2:.*]] = hl.requantize %[[A2]] {axis = 1 : i64, clamp_max = {{[0-9]+}} : i64, clamp_min = 0 : i64,
// CHECK-NOT: hl.clip
// CHECK: %[[A3:.*]] = hl.conv2d %[[R2]], %{{.*}} : (tensor<1x4x4x4xi8>, tensor<2x4x1x1xi8>) -> tensor<1x2x4x4xi32>
// CHECK: %[[D:.*]] = hl.dequantize %[[A3]] {axis = 1 : i64, scale = array<f32: {{[^,]+, [^>]+}}>} : (tensor<1x2x4x4xi32>) -> tensor<1x2x4x4xf32>
// CHECK: return %[[D]]
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

// -----

// A depthwise convolution: one weight scale per output channel as well.
// CHECK-LABEL: func.func @depthwise
// CHECK: hl.conv2d %{{.*}}, %{{.*}} {groups = 4 : i64, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x4xi8>, tensor<4x1x3x3xi8>) -> tensor<1x4x4x4xi32>
// CHECK-NEXT: hl.requantize %{{.*}} {axis = 1 : i64, clamp_min = 0 : i64, multiplier = array<i64: {{[0-9]+, [0-9]+, [0-9]+, [0-9]+}}>
// CHECK: hl.conv2d {{.*}} -> tensor<1x2x4x4xi32>
func.func @depthwise(%x: tensor<1x4x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w = hl.constant {value = dense<[[[[0.383, 0.468, -0.28], [0.453, -0.102, -0.013], [0.49, 0.332, -0.339]]], [[[-0.068, 0.016, -0.161], [-0.304, -0.181, 0.222], [-0.481, 0.054, -0.06]]], [[[-0.482, -0.169, 0.124], [0.012, -0.436, 0.485], [0.288, 0.472, -0.395]]], [[[-0.234, -0.46, 0.279], [-0.23, -0.37, -0.078], [0.411, 0.319, -0.241]]]]> : tensor<4x1x3x3xf32>} : tensor<4x1x3x3xf32>
  %w3 = hl.constant {value = dense<[[[[-0.427]], [[0.169]], [[0.284]], [[0.397]]], [[[-0.346]], [[0.216]], [[0.16]], [[-0.357]]]]> : tensor<2x4x1x1xf32>} : tensor<2x4x1x1xf32>
  %0 = hl.conv2d %x, %w {activation = "relu", groups = 4 : i64, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x4xf32>, tensor<4x1x3x3xf32>) -> tensor<1x4x4x4xf32>
  %1 = hl.conv2d %0, %w3 : (tensor<1x4x4x4xf32>, tensor<2x4x1x1xf32>) -> tensor<1x2x4x4xf32>
  return %1 : tensor<1x2x4x4xf32>
}

// -----

// gemm with trans_b: weight rows are the output channels (axis 1 of the
// result); the reshape before it runs on the float input, which is
// quantized right before the gemm; alpha goes into the weights.
// CHECK-LABEL: func.func @gemm
// CHECK: %[[R:.*]] = hl.reshape %arg0
// CHECK: %[[Q:.*]] = hl.quantize %[[R]]
// CHECK: %[[G:.*]] = hl.gemm %[[Q]], %{{.*}}, %{{.*}} {trans_b = true} : (tensor<1x64xi8>, tensor<8x64xi8>, tensor<8xi32>) -> tensor<1x8xi32>
// CHECK: hl.requantize %[[G]] {axis = 1 : i64, clamp_min = 0 : i64
// CHECK: hl.gemm {{.*}} : (tensor<1x8xi8>, tensor<8x4xi8>) -> tensor<1x4xi32>
// CHECK: hl.dequantize {{.*}} {axis = 1 : i64
func.func @gemm(%x: tensor<1x4x4x4xf32>) -> tensor<1x4xf32> {
  %w1 = hl.constant {value = dense<[[-0.14, 0.168, 0.028, 0.08, -0.164, -0.177, 0.075, -0.03, -0.171, 0.175, 0.054, 0.121, -0.167, 0.142, -0.173, 0.145, -0.018, -0.064, 0.021, 0.171, -0.093, -0.148, 0.011, -0.105, -0.156, -0.135, -0.18, -0.119, -0.075, -0.078, 0.104, -0.084, 0.0, -0.129, -0.061, -0.193, -0.1, -0.194, 0.093, 0.02, -0.124, -0.01, 0.174, -0.157, 0.128, -0.027, -0.002, 0.134, -0.043, 0.003, 0.075, 0.193, -0.063, 0.133, 0.083, 0.054, -0.038, -0.061, -0.178, -0.148, -0.172, 0.096, -0.098, -0.135], [-0.166, 0.137, 0.148, 0.068, -0.087, -0.103, -0.083, -0.016, -0.137, -0.022, -0.095, 0.185, 0.189, 0.019, -0.102, 0.186, -0.076, -0.057, -0.2, -0.047, -0.01, 0.001, -0.12, 0.002, -0.198, -0.094, -0.164, -0.04, -0.183, -0.191, -0.078, -0.107, 0.034, 0.012, 0.1, 0.063, 0.086, 0.152, -0.044, -0.07, 0.194, -0.14, 0.09, 0.057, -0.182, 0.134, 0.157, 0.051, 0.094, 0.125, -0.144, 0.01, 0.002, 0.134, 0.122, 0.131, 0.034, 0.157, 0.073, 0.077, -0.108, -0.188, -0.147, -0.056], [-0.158, 0.134, 0.023, 0.051, 0.05, 0.072, -0.004, -0.199, 0.119, 0.099, 0.001, 0.014, 0.064, -0.174, 0.095, -0.099, -0.17, -0.094, 0.092, -0.118, 0.096, 0.19, -0.002, -0.047, -0.008, 0.073, 0.107, 0.047, 0.057, -0.169, -0.141, -0.098, 0.097, -0.078, 0.027, -0.195, -0.176, -0.092, 0.069, 0.077, 0.07, -0.084, 0.007, -0.014, -0.013, -0.153, 0.157, -0.12, 0.191, 0.175, -0.193, -0.016, 0.128, 0.187, -0.02, -0.093, -0.116, 0.178, -0.116, 0.033, -0.143, 0.01, 0.181, -0.147], [0.128, 0.003, 0.155, 0.081, -0.107, 0.159, -0.006, -0.19, -0.199, -0.003, -0.02, -0.079, -0.144, -0.062, -0.074, 0.136, -0.199, 0.1, 0.136, -0.152, 0.171, 0.085, 0.161, -0.084, -0.051, -0.043, 0.2, 0.036, -0.056, -0.029, -0.09, -0.181, -0.159, 0.134, -0.086, 0.174, -0.1, -0.094, 0.004, -0.124, -0.051, 0.182, 0.154, 0.125, 0.052, 0.165, 0.176, 0.02, 0.088, -0.18, 0.093, -0.02, 0.101, 0.058, -0.086, -0.18, 0.171, -0.149, -0.011, -0.063, -0.081, 0.096, 0.191, -0.096], [0.062, -0.08, 0.023, -0.042, -0.133, -0.135, -0.117, 0.162, -0.001, -0.112, 0.163, 0.199, -0.02, -0.144, -0.123, -0.164, -0.063, -0.164, -0.104, -0.097, 0.028, 0.155, 0.1, -0.035, -0.034, 0.01, -0.049, -0.065, -0.175, -0.089, 0.187, -0.15, 0.001, 0.052, 0.145, -0.114, -0.092, -0.101, -0.04, -0.022, 0.182, 0.139, 0.149, -0.191, -0.187, 0.084, 0.158, -0.011, 0.035, -0.2, -0.043, 0.171, 0.13, 0.142, 0.189, -0.101, -0.156, -0.138, 0.009, 0.073, 0.177, 0.089, 0.059, 0.106], [-0.017, 0.021, -0.184, 0.113, -0.107, 0.168, 0.058, -0.078, -0.149, -0.099, 0.055, 0.079, -0.155, -0.172, 0.01, 0.033, -0.045, -0.111, 0.04, -0.196, -0.079, -0.016, 0.184, 0.058, 0.154, -0.01, -0.106, -0.101, 0.184, 0.082, -0.077, -0.191, -0.001, 0.07, -0.032, -0.097, 0.067, 0.17, -0.109, -0.186, -0.065, -0.032, 0.073, -0.121, 0.119, 0.096, 0.002, -0.118, 0.188, -0.075, 0.128, -0.108, -0.111, 0.104, -0.082, 0.181, -0.002, -0.125, -0.111, -0.033, 0.066, 0.18, -0.141, -0.043], [-0.115, 0.19, -0.143, -0.179, -0.176, -0.043, 0.159, 0.153, 0.093, 0.199, 0.173, -0.068, -0.126, 0.174, 0.099, -0.187, 0.066, -0.049, -0.05, -0.067, -0.132, -0.199, -0.088, -0.059, 0.182, -0.151, 0.186, -0.117, -0.057, 0.129, 0.129, -0.027, -0.18, -0.011, -0.051, 0.168, -0.123, -0.054, 0.159, -0.188, -0.036, 0.125, 0.107, -0.184, -0.186, -0.175, 0.168, -0.097, 0.099, 0.159, -0.064, -0.091, 0.183, 0.047, -0.095, 0.087, -0.073, -0.09, -0.198, 0.102, 0.167, 0.054, 0.177, -0.19], [-0.106, -0.01, 0.183, 0.182, -0.045, -0.1, -0.028, -0.003, 0.171, -0.127, 0.121, 0.095, 0.129, 0.109, 0.043, -0.069, -0.072, -0.055, 0.113, -0.168, -0.121, 0.101, -0.101, -0.174, -0.186, 0.021, -0.07, 0.192, 0.153, 0.195, -0.094, -0.166, -0.161, -0.001, 0.084, -0.021, -0.106, -0.033, 0.048, 0.07, 0.099, 0.139, 0.066, -0.152, 0.136, -0.082, 0.027, -0.051, 0.095, -0.12, -0.101, -0.102, -0.139, 0.154, 0.031, -0.069, -0.042, 0.197, 0.003, -0.107, 0.123, 0.061, 0.196, -0.159]]> : tensor<8x64xf32>} : tensor<8x64xf32>
  %b1 = hl.constant {value = dense<[-0.01, 0.128, 0.136, 0.166, -0.184, -0.083, -0.152, -0.124]> : tensor<8xf32>} : tensor<8xf32>
  %w2 = hl.constant {value = dense<[[0.473, 0.083, 0.43, -0.128], [0.366, -0.051, -0.24, 0.278], [0.446, -0.394, 0.096, 0.12], [-0.282, -0.131, -0.359, -0.296], [-0.245, 0.099, 0.152, -0.297], [-0.489, -0.173, 0.178, -0.315], [-0.188, -0.297, 0.295, 0.048], [-0.437, -0.399, -0.105, 0.05]]> : tensor<8x4xf32>} : tensor<8x4xf32>
  %r = hl.reshape %x {shape = array<i64: 1, 64>} : (tensor<1x4x4x4xf32>) -> tensor<1x64xf32>
  %0 = hl.gemm %r, %w1, %b1 {activation = "relu", alpha = 2.0 : f32, trans_b = true} : (tensor<1x64xf32>, tensor<8x64xf32>, tensor<8xf32>) -> tensor<1x8xf32>
  %1 = hl.gemm %0, %w2 : (tensor<1x8xf32>, tensor<8x4xf32>) -> tensor<1x4xf32>
  return %1 : tensor<1x4xf32>
}

// -----

// matmul with a constant right-hand side: per column; a separate relu
// after it folds into the clamp (and the requantize takes its location).
// CHECK-LABEL: func.func @matmul
// CHECK: %[[M:.*]] = hl.matmul %{{.*}}, %{{.*}} : (tensor<1x4x16xi8>, tensor<16x8xi8>) -> tensor<1x4x8xi32>
// CHECK-NEXT: %[[R:.*]] = hl.requantize %[[M]] {axis = 2 : i64, clamp_min = 0 : i64
// CHECK-NOT: hl.relu
// CHECK: hl.matmul %[[R]], %{{.*}} : (tensor<1x4x8xi8>, tensor<8x4xi8>) -> tensor<1x4x4xi32>
func.func @matmul(%x: tensor<1x4x4x4xf32>) -> tensor<1x4x4xf32> {
  %w1 = hl.constant {value = dense<[[0.111, -0.327, -0.269, 0.156, -0.072, -0.173, -0.154, 0.363], [-0.15, 0.053, -0.114, -0.067, 0.291, 0.397, -0.109, -0.242], [0.182, -0.237, -0.395, 0.321, -0.061, 0.256, -0.075, 0.306], [-0.031, -0.27, -0.388, 0.041, 0.113, 0.328, -0.329, 0.098], [-0.103, 0.004, -0.283, -0.173, 0.017, 0.34, -0.313, -0.008], [0.244, 0.374, -0.242, -0.299, 0.354, 0.38, -0.014, -0.357], [0.341, -0.09, 0.323, 0.096, 0.26, -0.272, 0.229, -0.222], [-0.076, 0.277, 0.263, -0.254, -0.225, -0.08, 0.014, -0.093], [-0.302, -0.202, 0.18, 0.318, -0.367, 0.05, 0.206, -0.369], [0.271, -0.306, 0.08, 0.04, 0.102, -0.155, -0.064, 0.066], [-0.059, 0.127, -0.043, -0.049, -0.381, 0.095, -0.008, -0.212], [0.211, 0.224, -0.033, -0.256, -0.021, -0.314, -0.297, -0.056], [-0.327, -0.046, 0.008, -0.367, 0.109, -0.334, 0.187, 0.222], [0.009, -0.357, 0.003, -0.098, 0.361, -0.291, 0.286, 0.397], [0.186, 0.252, -0.245, 0.385, -0.007, 0.365, 0.333, -0.268], [0.231, 0.344, -0.348, -0.119, 0.205, -0.273, 0.317, -0.18]]> : tensor<16x8xf32>} : tensor<16x8xf32>
  %w2 = hl.constant {value = dense<[[0.253, -0.285, 0.002, 0.336], [-0.233, -0.19, 0.005, -0.145], [-0.371, -0.254, -0.271, 0.349], [0.144, 0.316, -0.265, 0.228], [-0.308, 0.025, 0.109, -0.112], [0.298, 0.044, 0.064, 0.306], [-0.316, 0.394, 0.104, -0.085], [0.238, -0.188, 0.392, 0.062]]> : tensor<8x4xf32>} : tensor<8x4xf32>
  %r = hl.reshape %x {shape = array<i64: 1, 4, 16>} : (tensor<1x4x4x4xf32>) -> tensor<1x4x16xf32>
  %0 = hl.matmul %r, %w1 : (tensor<1x4x16xf32>, tensor<16x8xf32>) -> tensor<1x4x8xf32>
  %1 = hl.relu %0 : tensor<1x4x8xf32>
  %2 = hl.matmul %1, %w2 : (tensor<1x4x8xf32>, tensor<8x4xf32>) -> tensor<1x4x4xf32>
  return %2 : tensor<1x4x4xf32>
}

// -----

// A residual add of two values at very different scales: both are
// rescaled exactly to a common fine scale in i32 (different multipliers),
// added in i32, and requantized to the output's scale.
// CHECK-LABEL: func.func @add_scales
// CHECK: %[[A:.*]] = hl.requantize %{{.*}} {axis = 1 : i64, multiplier
// CHECK: %[[B:.*]] = hl.requantize %{{.*}} {axis = 1 : i64, multiplier
// CHECK: %[[WA:.*]] = hl.requantize %[[A]] {multiplier = array<i64: [[MA:[0-9]+]]>, shift = array<i64: {{-?[0-9]+}}>, zero_point = dense<0> : tensor<1xi32>} : (tensor<1x4x4x4xi8>) -> tensor<1x4x4x4xi32>
// CHECK: %[[WB:.*]] = hl.requantize %[[B]] {multiplier = array<i64: {{[0-9]+}}>, shift = array<i64: {{-?[0-9]+}}>, zero_point = dense<0> : tensor<1xi32>} : (tensor<1x4x4x4xi8>) -> tensor<1x4x4x4xi32>
// CHECK: %[[S:.*]] = hl.add %[[WA]], %[[WB]] : tensor<1x4x4x4xi32>
// CHECK: %[[O:.*]] = hl.requantize %[[S]] {multiplier = array<i64: {{[0-9]+}}>, shift = array<i64: {{[0-9]+}}>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x4x4x4xi32>) -> tensor<1x4x4x4xi8>
// CHECK: hl.conv2d %[[O]]
func.func @add_scales(%x: tensor<1x4x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %wa = hl.constant {value = dense<[[[[-0.014]], [[0.026]], [[-0.006]], [[-0.032]]], [[[0.024]], [[-0.045]], [[0.032]], [[-0.025]]], [[[0.014]], [[0.048]], [[0.009]], [[0.016]]], [[[-0.019]], [[-0.05]], [[-0.047]], [[-0.035]]]]> : tensor<4x4x1x1xf32>} : tensor<4x4x1x1xf32>
  %wb = hl.constant {value = dense<[[[[0.464]], [[-0.271]], [[0.051]], [[1.582]]], [[[-1.472]], [[-1.091]], [[0.612]], [[-1.911]]], [[[-1.99]], [[-0.58]], [[-1.575]], [[-0.571]]], [[[-1.103]], [[0.334]], [[0.356]], [[-1.183]]]]> : tensor<4x4x1x1xf32>} : tensor<4x4x1x1xf32>
  %w3 = hl.constant {value = dense<[[[[-0.427]], [[0.169]], [[0.284]], [[0.397]]], [[[-0.346]], [[0.216]], [[0.16]], [[-0.357]]]]> : tensor<2x4x1x1xf32>} : tensor<2x4x1x1xf32>
  %a = hl.conv2d %x, %wa : (tensor<1x4x4x4xf32>, tensor<4x4x1x1xf32>) -> tensor<1x4x4x4xf32>
  %b = hl.conv2d %x, %wb : (tensor<1x4x4x4xf32>, tensor<4x4x1x1xf32>) -> tensor<1x4x4x4xf32>
  %s = hl.add %a, %b : tensor<1x4x4x4xf32>
  %1 = hl.conv2d %s, %w3 : (tensor<1x4x4x4xf32>, tensor<2x4x1x1xf32>) -> tensor<1x2x4x4xf32>
  return %1 : tensor<1x2x4x4xf32>
}

// -----

// concat: each input requantized i8 -> i8 to the output's scale (the
// larger input already has it), then concatenated as i8.
// CHECK-LABEL: func.func @concat
// CHECK: %[[A:.*]] = hl.requantize %{{.*}} {axis = 1 : i64
// CHECK: %[[B:.*]] = hl.requantize %{{.*}} {axis = 1 : i64
// CHECK: %[[RA:.*]] = hl.requantize %[[A]] {multiplier = {{.*}} : (tensor<1x4x4x4xi8>) -> tensor<1x4x4x4xi8>
// CHECK: %[[C:.*]] = hl.concat %[[RA]], %[[B]] {axis = 1 : i64} : (tensor<1x4x4x4xi8>, tensor<1x4x4x4xi8>) -> tensor<1x8x4x4xi8>
// CHECK: hl.conv2d %[[C]]
func.func @concat(%x: tensor<1x4x4x4xf32>) -> tensor<1x1x4x4xf32> {
  %wa = hl.constant {value = dense<[[[[-0.014]], [[0.026]], [[-0.006]], [[-0.032]]], [[[0.024]], [[-0.045]], [[0.032]], [[-0.025]]], [[[0.014]], [[0.048]], [[0.009]], [[0.016]]], [[[-0.019]], [[-0.05]], [[-0.047]], [[-0.035]]]]> : tensor<4x4x1x1xf32>} : tensor<4x4x1x1xf32>
  %wb = hl.constant {value = dense<[[[[0.464]], [[-0.271]], [[0.051]], [[1.582]]], [[[-1.472]], [[-1.091]], [[0.612]], [[-1.911]]], [[[-1.99]], [[-0.58]], [[-1.575]], [[-0.571]]], [[[-1.103]], [[0.334]], [[0.356]], [[-1.183]]]]> : tensor<4x4x1x1xf32>} : tensor<4x4x1x1xf32>
  %w = hl.constant {value = dense<0.25> : tensor<1x8x1x1xf32>} : tensor<1x8x1x1xf32>
  %a = hl.conv2d %x, %wa : (tensor<1x4x4x4xf32>, tensor<4x4x1x1xf32>) -> tensor<1x4x4x4xf32>
  %b = hl.conv2d %x, %wb : (tensor<1x4x4x4xf32>, tensor<4x4x1x1xf32>) -> tensor<1x4x4x4xf32>
  %c = hl.concat %a, %b {axis = 1 : i64} : (tensor<1x4x4x4xf32>, tensor<1x4x4x4xf32>) -> tensor<1x8x4x4xf32>
  %1 = hl.conv2d %c, %w : (tensor<1x8x4x4xf32>, tensor<1x8x1x1xf32>) -> tensor<1x1x4x4xf32>
  return %1 : tensor<1x1x4x4xf32>
}

// -----

// Ops without an integer form stay float: a fused sigmoid and a separate
// softmax run on the exactly dequantized accumulators, and the next conv
// quantizes their float result again.
// CHECK-LABEL: func.func @float_ops
// CHECK: %[[A:.*]] = hl.conv2d {{.*}} -> tensor<1x4x4x4xi32>
// CHECK-NEXT: %[[D:.*]] = hl.dequantize %[[A]] {axis = 1 : i64, scale = {{.*}} : (tensor<1x4x4x4xi32>) -> tensor<1x4x4x4xf32>
// CHECK-NEXT: %[[S:.*]] = hl.sigmoid %[[D]] : tensor<1x4x4x4xf32>
// CHECK-NEXT: %[[T:.*]] = hl.softmax %[[S]]
// CHECK-NEXT: %[[Q:.*]] = hl.quantize %[[T]]
// CHECK: hl.conv2d %[[Q]]
func.func @float_ops(%x: tensor<1x4x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %wa = hl.constant {value = dense<[[[[-0.106, -0.209, 0.091], [-0.257, 0.022, -0.081], [-0.265, 0.004, -0.278]], [[-0.04, -0.258, -0.246], [-0.045, 0.196, -0.226], [-0.166, 0.076, 0.269]], [[0.046, -0.062, 0.286], [-0.272, 0.215, -0.126], [-0.213, -0.229, -0.115]], [[0.19, -0.192, 0.049], [0.083, -0.077, 0.029], [-0.262, -0.264, -0.176]]], [[[0.108, -0.043, -0.112], [0.051, -0.028, -0.12], [0.177, 0.119, -0.154]], [[0.045, 0.015, 0.225], [0.138, -0.127, 0.288], [-0.229, -0.049, 0.154]], [[-0.209, -0.007, -0.276], [0.101, 0.159, 0.044], [0.225, -0.112, 0.117]], [[0.057, 0.048, -0.026], [0.204, 0.267, -0.016], [0.098, -0.264, 0.121]]], [[[0.088, 0.296, 0.193], [-0.129, -0.069, 0.101], [-0.286, -0.023, -0.199]], [[-0.23, -0.265, 0.161], [-0.222, -0.151, -0.065], [0.223, -0.252, -0.03]], [[0.03, 0.23, 0.192], [0.218, -0.133, -0.051], [-0.085, 0.231, 0.275]], [[-0.209, -0.194, -0.161], [-0.16, -0.009, 0.053], [-0.142, -0.298, -0.049]]], [[[-0.078, 0.04, 0.272], [0.114, 0.009, 0.071], [0.106, -0.268, 0.24]], [[0.168, 0.225, 0.179], [-0.065, -0.061, -0.238], [0.081, -0.263, -0.26]], [[-0.175, -0.203, -0.096], [-0.268, -0.3, -0.209], [-0.239, -0.082, -0.285]], [[0.225, 0.068, -0.211], [-0.149, -0.092, -0.082], [-0.226, 0.209, 0.296]]]]> : tensor<4x4x3x3xf32>} : tensor<4x4x3x3xf32>
  %w3 = hl.constant {value = dense<[[[[-0.427]], [[0.169]], [[0.284]], [[0.397]]], [[[-0.346]], [[0.216]], [[0.16]], [[-0.357]]]]> : tensor<2x4x1x1xf32>} : tensor<2x4x1x1xf32>
  %a = hl.conv2d %x, %wa {activation = "sigmoid", pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x4xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x4x4xf32>
  %s = hl.softmax %a {axis = 1 : i64} : tensor<1x4x4x4xf32>
  %1 = hl.conv2d %s, %w3 : (tensor<1x4x4x4xf32>, tensor<2x4x1x1xf32>) -> tensor<1x2x4x4xf32>
  return %1 : tensor<1x2x4x4xf32>
}

// -----

// 4-bit weights in [-7, 7] (still i8): by attribute, and by location name
// through weight-bits-4=layer_b; the weights depend on nothing else.
// CHECK-LABEL: func.func @four_bit
// CHECK-DAG: hl.constant {value = dense<{{\[\[\[\[}}2]], {{\[\[}}0]], {{\[\[}}-6]], {{\[\[}}7]]], {{\[\[\[}}-4]], {{\[\[}}-6]], {{\[\[}}-7]], {{\[\[}}2]]], {{\[\[\[}}7]], {{\[\[}}5]], {{\[\[}}-2]], {{\[\[}}-4]]], {{\[\[\[}}-7]], {{\[\[}}2]], {{\[\[}}1]], {{\[\[}}-2]]]]> : tensor<4x4x1x1xi8>}
// CHECK-DAG: hl.constant {value = dense<{{\[\[\[\[}}2]], {{\[\[}}-1]], {{\[\[}}7]], {{\[\[}}4]]], {{\[\[\[}}-4]], {{\[\[}}6]], {{\[\[}}-7]], {{\[\[}}0]]], {{\[\[\[}}-1]], {{\[\[}}-4]], {{\[\[}}-7]], {{\[\[}}4]]], {{\[\[\[}}-7]], {{\[\[}}1]], {{\[\[}}6]], {{\[\[}}-5]]]]> : tensor<4x4x1x1xi8>}
// CHECK-NOT: quant.weight_bits
func.func @four_bit(%x: tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32> {
  %wa = hl.constant {value = dense<[[[[0.149]], [[-0.03]], [[-0.438]], [[0.524]]], [[[-0.308]], [[-0.421]], [[-0.485]], [[0.166]]], [[[0.446]], [[0.339]], [[-0.118]], [[-0.283]]], [[[-0.586]], [[0.174]], [[0.075]], [[-0.18]]]]> : tensor<4x4x1x1xf32>} : tensor<4x4x1x1xf32>
  %wb = hl.constant {value = dense<[[[[0.175]], [[-0.067]], [[0.525]], [[0.28]]], [[[-0.302]], [[0.484]], [[-0.547]], [[0.038]]], [[[-0.113]], [[-0.315]], [[-0.53]], [[0.335]]], [[[-0.585]], [[0.061]], [[0.529]], [[-0.429]]]]> : tensor<4x4x1x1xf32>} : tensor<4x4x1x1xf32>
  %a = hl.conv2d %x, %wa {activation = "relu", quant.weight_bits = 4 : i64} : (tensor<1x4x4x4xf32>, tensor<4x4x1x1xf32>) -> tensor<1x4x4x4xf32>
  %b = hl.conv2d %a, %wb : (tensor<1x4x4x4xf32>, tensor<4x4x1x1xf32>) -> tensor<1x4x4x4xf32> loc("layer_b")
  return %b : tensor<1x4x4x4xf32>
}

// -----

// Hard-swish (x * clip(x + 3, 0, 6) / 6) between two convs: the constant 3
// is quantized for the integer add, the product requantized to int8, and
// the division by 6 folded into the scale the next conv's requantization
// uses: no float op, no host round trip is left.
// CHECK-LABEL: func.func @hard_swish
// CHECK: hl.quantize %arg0
// CHECK-NOT: hl.dequantize
// CHECK: %[[A:.*]] = hl.requantize %{{.*}} {axis = 1 : i64
// CHECK: hl.add
// CHECK: %[[R:.*]] = hl.requantize %{{.*}} {{{.*}}clamp_min = 0 : i64
// CHECK: %[[M:.*]] = hl.mul %{{.*}}, %{{.*}} : tensor<1x4x4x4xi32>
// CHECK-NEXT: %[[Q:.*]] = hl.requantize %[[M]] {multiplier = {{.*}} : (tensor<1x4x4x4xi32>) -> tensor<1x4x4x4xi8>
// CHECK: hl.conv2d %[[Q]]
// CHECK-NOT: hl.div
func.func @hard_swish(%x: tensor<1x4x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %wa = hl.constant {value = dense<[[[[0.149]], [[-0.03]], [[-0.438]], [[0.524]]], [[[-0.308]], [[-0.421]], [[-0.485]], [[0.166]]], [[[0.446]], [[0.339]], [[-0.118]], [[-0.283]]], [[[-0.586]], [[0.174]], [[0.075]], [[-0.18]]]]> : tensor<4x4x1x1xf32>} : tensor<4x4x1x1xf32>
  %w3 = hl.constant {value = dense<[[[[-0.427]], [[0.169]], [[0.284]], [[0.397]]], [[[-0.346]], [[0.216]], [[0.16]], [[-0.357]]]]> : tensor<2x4x1x1xf32>} : tensor<2x4x1x1xf32>
  %c3 = hl.constant {value = dense<3.0> : tensor<f32>} : tensor<f32>
  %c6 = hl.constant {value = dense<6.0> : tensor<f32>} : tensor<f32>
  %a = hl.conv2d %x, %wa : (tensor<1x4x4x4xf32>, tensor<4x4x1x1xf32>) -> tensor<1x4x4x4xf32>
  %p = hl.add %a, %c3 : (tensor<1x4x4x4xf32>, tensor<f32>) -> tensor<1x4x4x4xf32>
  %r = hl.clip %p {max = 6.0 : f32, min = 0.0 : f32} : tensor<1x4x4x4xf32>
  %m = hl.mul %a, %r : tensor<1x4x4x4xf32>
  %d = hl.div %m, %c6 : (tensor<1x4x4x4xf32>, tensor<f32>) -> tensor<1x4x4x4xf32>
  %1 = hl.conv2d %d, %w3 : (tensor<1x4x4x4xf32>, tensor<2x4x1x1xf32>) -> tensor<1x2x4x4xf32>
  return %1 : tensor<1x2x4x4xf32>
}

// -----

// A division by a constant whose result only float ops read stays float:
// the product is dequantized exactly, not rounded to int8 first.
// CHECK-LABEL: func.func @scaled_float_user
// CHECK: %[[M:.*]] = hl.mul %{{.*}}, %{{.*}} : tensor<1x4x4x4xi32>
// CHECK-NEXT: %[[D:.*]] = hl.dequantize %[[M]]
// CHECK-NEXT: %[[V:.*]] = hl.div %[[D]], %{{.*}} : (tensor<1x4x4x4xf32>, tensor<f32>) -> tensor<1x4x4x4xf32>
// CHECK-NEXT: hl.sigmoid %[[V]]
func.func @scaled_float_user(%x: tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32> {
  %wa = hl.constant {value = dense<[[[[0.149]], [[-0.03]], [[-0.438]], [[0.524]]], [[[-0.308]], [[-0.421]], [[-0.485]], [[0.166]]], [[[0.446]], [[0.339]], [[-0.118]], [[-0.283]]], [[[-0.586]], [[0.174]], [[0.075]], [[-0.18]]]]> : tensor<4x4x1x1xf32>} : tensor<4x4x1x1xf32>
  %c6 = hl.constant {value = dense<6.0> : tensor<f32>} : tensor<f32>
  %a = hl.conv2d %x, %wa : (tensor<1x4x4x4xf32>, tensor<4x4x1x1xf32>) -> tensor<1x4x4x4xf32>
  %m = hl.mul %a, %a : tensor<1x4x4x4xf32>
  %d = hl.div %m, %c6 : (tensor<1x4x4x4xf32>, tensor<f32>) -> tensor<1x4x4x4xf32>
  %g = hl.sigmoid %d : tensor<1x4x4x4xf32>
  return %g : tensor<1x4x4x4xf32>
}

// -----

// A squeeze-excite pooling reads it instead: the product is requantized to
// i8 (the division by 6 folded into its multiplier); the pooling widens it
// to i32 at a 2^16 times finer scale, averages, and requantizes the mean.
// CHECK-LABEL: func.func @scaled_pooled
// CHECK: %[[M:.*]] = hl.mul %{{.*}}, %{{.*}} : tensor<1x4x4x4xi32>
// CHECK-NEXT: %[[R:.*]] = hl.requantize %[[M]] {{.*}} -> tensor<1x4x4x4xi8>
// CHECK-NEXT: %[[W:.*]] = hl.requantize %[[R]] {multiplier = array<i64: 1073741824>, shift = array<i64: -17>, zero_point = dense<0> : tensor<1xi32>} : (tensor<1x4x4x4xi8>) -> tensor<1x4x4x4xi32>
// CHECK-NEXT: %[[G:.*]] = hl.global_avgpool %[[W]] : (tensor<1x4x4x4xi32>) -> tensor<1x4x1x1xi32>
// CHECK-NEXT: %[[P:.*]] = hl.requantize %[[G]] {{.*}} -> tensor<1x4x1x1xi8>
// CHECK-NEXT: hl.dequantize %[[P]]
func.func @scaled_pooled(%x: tensor<1x4x4x4xf32>) -> tensor<1x4x1x1xf32> {
  %wa = hl.constant {value = dense<[[[[0.149]], [[-0.03]], [[-0.438]], [[0.524]]], [[[-0.308]], [[-0.421]], [[-0.485]], [[0.166]]], [[[0.446]], [[0.339]], [[-0.118]], [[-0.283]]], [[[-0.586]], [[0.174]], [[0.075]], [[-0.18]]]]> : tensor<4x4x1x1xf32>} : tensor<4x4x1x1xf32>
  %c6 = hl.constant {value = dense<6.0> : tensor<f32>} : tensor<f32>
  %a = hl.conv2d %x, %wa : (tensor<1x4x4x4xf32>, tensor<4x4x1x1xf32>) -> tensor<1x4x4x4xf32>
  %m = hl.mul %a, %a : tensor<1x4x4x4xf32>
  %d = hl.div %m, %c6 : (tensor<1x4x4x4xf32>, tensor<f32>) -> tensor<1x4x4x4xf32>
  %g = hl.global_avgpool %d : (tensor<1x4x4x4xf32>) -> tensor<1x4x1x1xf32>
  return %g : tensor<1x4x1x1xf32>
}
