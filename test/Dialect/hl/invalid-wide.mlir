// Verifier errors of the 16-bit activation forms: hl.quantize's clamp and
// storage types, 16-bit dequantize / requantize, and the integer products
// that take a 16-bit first operand only with 8-bit weights.
// RUN: ipu-opt %s --split-input-file --verify-diagnostics

func.func @f(%x: tensor<2x4xf32>) {
  // expected-error @+1 {{'hl.quantize' op clamp_max 40000 is outside the range [-32768, 32767] of the result type}}
  %0 = hl.quantize %x {clamp_max = 40000, scale = array<f32: 0.5>, zero_point = dense<0> : tensor<1xi16>} : (tensor<2x4xf32>) -> tensor<2x4xi16>
  return
}

// -----

func.func @f(%x: tensor<2x4xf32>) {
  // expected-error @+1 {{'hl.quantize' op clamp_min -1 is outside the range [0, 65535] of the result type}}
  %0 = hl.quantize %x {clamp_min = -1, scale = array<f32: 0.5>, zero_point = dense<0> : tensor<1xui16>} : (tensor<2x4xf32>) -> tensor<2x4xui16>
  return
}

// -----

func.func @f(%x: tensor<2x4xf32>) {
  // expected-error @+1 {{'hl.quantize' op clamp_max 128 is outside the range [-128, 127] of the result type}}
  %0 = hl.quantize %x {clamp_max = 128, scale = array<f32: 0.5>, zero_point = dense<0> : tensor<1xi8>} : (tensor<2x4xf32>) -> tensor<2x4xi8>
  return
}

// -----

func.func @f(%x: tensor<2x4xf32>) {
  // expected-error @+1 {{'hl.quantize' op clamp_min 16384 is greater than clamp_max 16383}}
  %0 = hl.quantize %x {clamp_max = 16383, clamp_min = 16384, scale = array<f32: 0.5>, zero_point = dense<0> : tensor<1xi16>} : (tensor<2x4xf32>) -> tensor<2x4xi16>
  return
}

// -----

func.func @f(%x: tensor<2x4xf32>) {
  // expected-error @+1 {{'hl.quantize' op attribute 'clamp_min' failed to satisfy constraint: 64-bit signless integer attribute}}
  %0 = hl.quantize %x {clamp_min = 1.0 : f32, scale = array<f32: 0.5>, zero_point = dense<0> : tensor<1xi16>} : (tensor<2x4xf32>) -> tensor<2x4xi16>
  return
}

// -----

func.func @f(%x: tensor<2x4xf32>) {
  // expected-error @+1 {{'hl.quantize' op attribute 'zero_point' must be a dense 1-D tensor of 8-bit or 16-bit integers, got dense<0> : tensor<1xi4>}}
  %0 = hl.quantize %x {scale = array<f32: 0.5>, zero_point = dense<0> : tensor<1xi4>} : (tensor<2x4xf32>) -> tensor<2x4xi4>
  return
}

// -----

func.func @f(%x: tensor<2x4xf32>) {
  // expected-error @+2 {{'hl.quantize' op inferred type(s) 'tensor<2x4xi16>' are incompatible with return type(s) of operation 'tensor<2x4xi8>'}}
  // expected-error @+1 {{'hl.quantize' op failed to infer returned types}}
  %0 = hl.quantize %x {scale = array<f32: 0.5>, zero_point = dense<0> : tensor<1xi16>} : (tensor<2x4xf32>) -> tensor<2x4xi8>
  return
}

// -----

func.func @f(%x: tensor<4xi16>) {
  // expected-error @+1 {{'hl.dequantize' op requires zero_point element type 'i16' (the input's), got 'ui16'}}
  %0 = hl.dequantize %x {scale = array<f32: 0.5>, zero_point = dense<1> : tensor<1xui16>} : (tensor<4xi16>) -> tensor<4xf32>
  return
}

// -----

func.func @f(%x: tensor<4xi16>) {
  // expected-error @+1 {{'hl.dequantize' op requires zero_point element type 'i16' (the input's), got 'i8'}}
  %0 = hl.dequantize %x {scale = array<f32: 0.5>, zero_point = dense<1> : tensor<1xi8>} : (tensor<4xi16>) -> tensor<4xf32>
  return
}

// -----

func.func @f(%x: tensor<4xi64>) {
  // expected-error @+1 {{'hl.dequantize' op operand #0 must be tensor of 8-bit, 16-bit or 32-bit integer values, but got 'tensor<4xi64>'}}
  %0 = hl.dequantize %x {scale = array<f32: 0.5>} : (tensor<4xi64>) -> tensor<4xf32>
  return
}

// -----

func.func @f(%x: tensor<4xi16>) {
  // expected-error @+1 {{'hl.requantize' op clamp_max 70000 is outside the range [0, 65535] of the result type}}
  %0 = hl.requantize %x {clamp_max = 70000, multiplier = array<i64: 1073741824>, shift = array<i64: 0>, zero_point = dense<0> : tensor<1xui16>} : (tensor<4xi16>) -> tensor<4xui16>
  return
}

// -----

func.func @f(%x: tensor<4xi32>) {
  // expected-error @+2 {{'hl.requantize' op inferred type(s) 'tensor<4xi16>' are incompatible with return type(s) of operation 'tensor<4xi8>'}}
  // expected-error @+1 {{'hl.requantize' op failed to infer returned types}}
  %0 = hl.requantize %x {multiplier = array<i64: 1073741824>, shift = array<i64: 0>, zero_point = dense<0> : tensor<1xi16>} : (tensor<4xi32>) -> tensor<4xi8>
  return
}

// -----

func.func @f(%x: tensor<1x3x8x8xi16>, %w: tensor<4x3x3x3xi16>) {
  // expected-error @+1 {{'hl.conv2d' op requires weight of 8-bit integers (only input may hold 16-bit integers), got 'i16' and 'i16'}}
  %0 = hl.conv2d %x, %w : (tensor<1x3x8x8xi16>, tensor<4x3x3x3xi16>) -> tensor<1x4x6x6xi32>
  return
}

// -----

func.func @f(%x: tensor<1x3x8x8xi8>, %w: tensor<4x3x3x3xi16>) {
  // expected-error @+1 {{'hl.conv2d' op requires weight of 8-bit integers (only input may hold 16-bit integers), got 'i8' and 'i16'}}
  %0 = hl.conv2d %x, %w : (tensor<1x3x8x8xi8>, tensor<4x3x3x3xi16>) -> tensor<1x4x6x6xi32>
  return
}

// -----

func.func @f(%x: tensor<1x3x8x8xi16>, %w: tensor<4x3x3x3xi8>, %b: tensor<4xi16>) {
  // expected-error @+1 {{'hl.conv2d' op requires bias element type 'i32', got 'i16'}}
  %0 = hl.conv2d %x, %w, %b : (tensor<1x3x8x8xi16>, tensor<4x3x3x3xi8>, tensor<4xi16>) -> tensor<1x4x6x6xi32>
  return
}

// -----

func.func @f(%x: tensor<1x3x8x8xi16>, %w: tensor<4x3x3x3xi8>) {
  // expected-error @+2 {{'hl.conv2d' op inferred type(s) 'tensor<1x4x6x6xi32>' are incompatible with return type(s) of operation 'tensor<1x4x6x6xi16>'}}
  // expected-error @+1 {{'hl.conv2d' op failed to infer returned types}}
  %0 = hl.conv2d %x, %w : (tensor<1x3x8x8xi16>, tensor<4x3x3x3xi8>) -> tensor<1x4x6x6xi16>
  return
}

// -----

func.func @f(%a: tensor<2x6xi16>, %b: tensor<6x5xi16>) {
  // expected-error @+1 {{'hl.matmul' op requires rhs of 8-bit integers (only lhs may hold 16-bit integers), got 'i16' and 'i16'}}
  %0 = hl.matmul %a, %b : (tensor<2x6xi16>, tensor<6x5xi16>) -> tensor<2x5xi16>
  return
}

// -----

func.func @f(%a: tensor<2x6xi16>, %b: tensor<6x5xi32>) {
  // expected-error @+1 {{'hl.matmul' op requires 8-bit integers for rhs with 16-bit integers for lhs, got 'i16' and 'i32'}}
  %0 = hl.matmul %a, %b : (tensor<2x6xi16>, tensor<6x5xi32>) -> tensor<2x5xi32>
  return
}

// -----

func.func @f(%a: tensor<2x6xi16>, %b: tensor<6x5xf32>) {
  // expected-error @+1 {{'hl.gemm' op requires 8-bit integers for b with 16-bit integers for a, got 'i16' and 'f32'}}
  %0 = hl.gemm %a, %b : (tensor<2x6xi16>, tensor<6x5xf32>) -> tensor<2x5xf32>
  return
}

// -----

func.func @f(%a: tensor<2x6xf32>, %b: tensor<6x5xui16>) {
  // expected-error @+1 {{'hl.gemm' op requires b of 8-bit integers (only a may hold 16-bit integers), got 'f32' and 'ui16'}}
  %0 = hl.gemm %a, %b : (tensor<2x6xf32>, tensor<6x5xui16>) -> tensor<2x5xf32>
  return
}

// -----

func.func @f(%a: tensor<2x6xi16>, %b: tensor<6x5xi8>, %c: tensor<5xi16>) {
  // expected-error @+1 {{'hl.gemm' op requires c element type 'i32', got 'i16'}}
  %0 = hl.gemm %a, %b, %c : (tensor<2x6xi16>, tensor<6x5xi8>, tensor<5xi16>) -> tensor<2x5xi32>
  return
}

// -----

func.func @f(%a: tensor<2x6xi16>, %b: tensor<6x5xi8>) {
  // expected-error @+1 {{'hl.gemm' op fused activation requires a float result, got element type 'i32'}}
  %0 = hl.gemm %a, %b {activation = "relu"} : (tensor<2x6xi16>, tensor<6x5xi8>) -> tensor<2x5xi32>
  return
}
