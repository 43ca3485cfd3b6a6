// Every verifier error of the fused activation that hl.conv2d,
// hl.conv_transpose, hl.matmul and hl.gemm may carry, one per chunk.
// RUN: ipu-opt %s --split-input-file --verify-diagnostics

func.func @unknown(%x: tensor<1x2x4x4xf32>, %w: tensor<3x2x1x1xf32>) {
  // expected-error @+1 {{'hl.conv2d' op attribute 'activation' must be one of "relu", "leaky_relu", "clip", "sigmoid", "tanh", "hard_sigmoid", "hard_swish", got "gelu"}}
  %0 = hl.conv2d %x, %w {activation = "gelu"} : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @not_a_string(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) {
  // expected-error @+1 {{'hl.matmul' op attribute 'activation' failed to satisfy constraint: string attribute}}
  %0 = hl.matmul %a, %b {activation = 1 : i64} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @params_not_f32(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) {
  // expected-error @+1 {{'hl.matmul' op attribute 'activation_params' failed to satisfy constraint: f32 dense array attribute}}
  %0 = hl.matmul %a, %b {activation = "leaky_relu", activation_params = array<f64: 0.1>} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @missing_params(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>) {
  // expected-error @+1 {{'hl.gemm' op activation "leaky_relu" takes 1 parameter in 'activation_params', got 0}}
  %0 = hl.gemm %a, %b {activation = "leaky_relu", trans_b = true} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @too_many_params(%x: tensor<1x2x4x4xf32>, %w: tensor<2x3x1x1xf32>) {
  // expected-error @+1 {{'hl.conv_transpose' op activation "clip" takes 2 parameters in 'activation_params', got 3}}
  %0 = hl.conv_transpose %x, %w {activation = "clip", activation_params = array<f32: 0.0, 6.0, 7.0>} : (tensor<1x2x4x4xf32>, tensor<2x3x1x1xf32>) -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @params_for_relu(%x: tensor<1x2x4x4xf32>, %w: tensor<3x2x1x1xf32>) {
  // expected-error @+1 {{'hl.conv2d' op activation "relu" takes 0 parameters in 'activation_params', got 1}}
  %0 = hl.conv2d %x, %w {activation = "relu", activation_params = array<f32: 0.5>} : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @hard_sigmoid_one_param(%x: tensor<1x2x4x4xf32>, %w: tensor<3x2x1x1xf32>) {
  // expected-error @+1 {{'hl.conv2d' op activation "hard_sigmoid" takes 2 parameters in 'activation_params', got 1}}
  %0 = hl.conv2d %x, %w {activation = "hard_sigmoid", activation_params = array<f32: 0.2>} : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @params_without_activation(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) {
  // expected-error @+1 {{'hl.matmul' op attribute 'activation_params' requires 'activation'}}
  %0 = hl.matmul %a, %b {activation_params = array<f32: 0.1>} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @clip_min_above_max(%x: tensor<1x2x4x4xf32>, %w: tensor<3x2x1x1xf32>) {
  // expected-error @+1 {{'hl.conv2d' op clip activation requires min <= max, got 6 and 0}}
  %0 = hl.conv2d %x, %w {activation = "clip", activation_params = array<f32: 6.0, 0.0>} : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @clip_nan(%x: tensor<1x2x4x4xf32>, %w: tensor<3x2x1x1xf32>) {
  // expected-error @+1 {{'hl.conv2d' op clip activation requires min <= max, got nan and 6}}
  %0 = hl.conv2d %x, %w {activation = "clip", activation_params = array<f32: 0x7FC00000, 6.0>} : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @integer_result(%x: tensor<1x2x4x4xi8>, %w: tensor<3x2x1x1xi8>) {
  // expected-error @+1 {{'hl.conv2d' op fused activation requires a float result, got element type 'i32'}}
  %0 = hl.conv2d %x, %w {activation = "relu"} : (tensor<1x2x4x4xi8>, tensor<3x2x1x1xi8>) -> tensor<1x3x4x4xi32>
  return
}

// -----

func.func @integer_matmul(%a: tensor<2x3xi32>, %b: tensor<3x4xi32>) {
  // expected-error @+1 {{'hl.matmul' op fused activation requires a float result, got element type 'i32'}}
  %0 = hl.matmul %a, %b {activation = "clip", activation_params = array<f32: 0.0, 6.0>} : (tensor<2x3xi32>, tensor<3x4xi32>) -> tensor<2x4xi32>
  return
}
