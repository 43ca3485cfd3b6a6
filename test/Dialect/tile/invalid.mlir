// Every verifier error of the tile ops.
// RUN: ipu-opt %s --split-input-file --verify-diagnostics

func.func @f(%w: tensor<4x4xi8>) {
  // expected-error @+1 {{'tile.array' op requires attribute 'rows'}}
  %0 = tile.array %w {cols = 4} : tensor<4x4xi8>
  return
}

// -----

func.func @f(%w: tensor<4x4xi8>) {
  // expected-error @+1 {{'tile.array' op requires attribute 'cols'}}
  %0 = tile.array %w {rows = 4} : tensor<4x4xi8>
  return
}

// -----

func.func @f(%w: tensor<4x4xi8>) {
  // expected-error @+1 {{'tile.array' op attribute 'rows' failed to satisfy constraint: 64-bit signless integer attribute}}
  %0 = tile.array %w {rows = 4 : i32, cols = 4} : tensor<4x4xi8>
  return
}

// -----

func.func @f(%w: tensor<4x4xi8>) {
  // expected-error @+1 {{'tile.array' op attribute 'rows' failed to satisfy constraint: 64-bit signless integer attribute whose minimum value is 1}}
  %0 = tile.array %w {rows = 0, cols = 4} : tensor<4x4xi8>
  return
}

// -----

func.func @f(%w: tensor<4x4xi8>) {
  // expected-error @+1 {{'tile.array' op attribute 'cols' failed to satisfy constraint: 64-bit signless integer attribute whose minimum value is 1}}
  %0 = tile.array %w {rows = 4, cols = -4} : tensor<4x4xi8>
  return
}

// -----

func.func @f(%w: tensor<4x4xi8>) {
  // expected-error @+1 {{'tile.array' op attribute 'weight_bits' failed to satisfy constraint: 64-bit signless integer attribute whose minimum value is 1 whose maximum value is 8}}
  %0 = tile.array %w {rows = 4, cols = 4, weight_bits = 0} : tensor<4x4xi8>
  return
}

// -----

func.func @f(%w: tensor<4x4xi16>) {
  // expected-error @+1 {{'tile.array' op attribute 'weight_bits' failed to satisfy constraint: 64-bit signless integer attribute whose minimum value is 1 whose maximum value is 8}}
  %0 = tile.array %w {rows = 4, cols = 4, weight_bits = 9} : tensor<4x4xi16>
  return
}

// -----

func.func @f(%w: tensor<16xi8>) {
  // expected-error @+1 {{'tile.array' op operand #0 must be statically shaped 2-D tensor of integers, but got 'tensor<16xi8>'}}
  %0 = tile.array %w {rows = 4, cols = 4} : tensor<16xi8>
  return
}

// -----

func.func @f(%w: tensor<?x4xi8>) {
  // expected-error @+1 {{'tile.array' op operand #0 must be statically shaped 2-D tensor of integers, but got 'tensor<?x4xi8>'}}
  %0 = tile.array %w {rows = 4, cols = 4} : tensor<?x4xi8>
  return
}

// -----

func.func @f(%w: tensor<4x4xf32>) {
  // expected-error @+1 {{'tile.array' op operand #0 must be statically shaped 2-D tensor of integers, but got 'tensor<4x4xf32>'}}
  %0 = tile.array %w {rows = 4, cols = 4} : tensor<4x4xf32>
  return
}

// -----

func.func @f(%w: tensor<4x4xi8>) {
  // expected-error @+1 {{'tile.array' op result #0 must be ranked tensor of any type values, but got 'tensor<*xi8>'}}
  %0 = "tile.array"(%w) {rows = 4, cols = 4} : (tensor<4x4xi8>) -> tensor<*xi8>
  return
}

// -----

func.func @f(%w: tensor<2048x64xi8>) {
  // expected-error @+1 {{'tile.array' op weight block of 2048x64 does not fit an array of 1024x1024}}
  %0 = tile.array %w {rows = 1024, cols = 1024} : tensor<2048x64xi8>
  return
}

// -----

func.func @f(%w: tensor<8x9xi8>) {
  // expected-error @+1 {{'tile.array' op weight block of 8x9 does not fit an array of 8x8}}
  %0 = tile.array %w {rows = 8, cols = 8} : tensor<8x9xi8>
  return
}

// -----

func.func @f(%w: tensor<4x4xi4>) {
  // expected-error @+1 {{'tile.array' op weight_bits (8) exceeds the width of the weight element type 'i4'}}
  %0 = tile.array %w {rows = 4, cols = 4} : tensor<4x4xi4>
  return
}

// -----

func.func @f(%w: tensor<4x4xi8>) {
  // expected-error @+1 {{'tile.array' op requires the same type for all operands and results}}
  %0 = "tile.array"(%w) {rows = 4, cols = 4} : (tensor<4x4xi8>) -> tensor<4x4xi16>
  return
}

// -----

func.func @f(%w: tensor<4x4xi8>) {
  // expected-error @+1 {{'tile.array' op failed to verify that all of {weights, array} have same type}}
  %0 = "tile.array"(%w) {rows = 4, cols = 4} : (tensor<4x4xi8>) -> tensor<?x4xi8>
  return
}
