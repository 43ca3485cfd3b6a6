// Verifier errors of the hl ops added for ONNX conformance, one per chunk.
// RUN: ipu-opt %s --split-input-file --verify-diagnostics

func.func @f(%a: tensor<3xf32>, %b: tensor<3xi32>) {
  // expected-error @+1 {{'hl.equal' op requires the same element type for all operands}}
  %0 = "hl.equal"(%a, %b) : (tensor<3xf32>, tensor<3xi32>) -> tensor<3xi1>
  return
}

// -----

func.func @f(%a: tensor<3xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'hl.less' op operands don't have broadcast-compatible shapes}}
  %0 = "hl.less"(%a, %b) : (tensor<3xf32>, tensor<4xf32>) -> tensor<3xi1>
  return
}

// -----

func.func @f(%a: tensor<3xf32>) {
  // expected-error @+2 {{'hl.greater' op inferred type(s) 'tensor<3xi1>' are incompatible with return type(s) of operation 'tensor<3xf32>'}}
  // expected-error @+1 {{'hl.greater' op failed to infer returned types}}
  %0 = "hl.greater"(%a, %a) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @f(%a: tensor<3xi8>) {
  // expected-error @+1 {{'hl.and' op operand #0 must be tensor of 1-bit signless integer values, but got 'tensor<3xi8>'}}
  %0 = "hl.and"(%a, %a) : (tensor<3xi8>, tensor<3xi8>) -> tensor<3xi1>
  return
}

// -----

func.func @f(%a: tensor<3xi1>, %b: tensor<3xf32>) {
  // expected-error @+1 {{'hl.xor' op requires the same element type for all operands}}
  %0 = "hl.xor"(%a, %b) : (tensor<3xi1>, tensor<3xf32>) -> tensor<3xi1>
  return
}

// -----

func.func @f(%a: tensor<3xf32>) {
  // expected-error @+1 {{'hl.not' op operand #0 must be tensor of 1-bit signless integer values, but got 'tensor<3xf32>'}}
  %0 = hl.not %a : tensor<3xf32>
  return
}

// -----

func.func @f(%c: tensor<3xi1>, %a: tensor<3xf32>, %b: tensor<3xf16>) {
  // expected-error @+1 {{'hl.where' op requires the same element type for 'x' and 'y'}}
  %0 = "hl.where"(%c, %a, %b) : (tensor<3xi1>, tensor<3xf32>, tensor<3xf16>) -> tensor<3xf32>
  return
}

// -----

func.func @f(%c: tensor<3xf32>, %a: tensor<3xf32>) {
  // expected-error @+1 {{'hl.where' op operand #0 must be tensor of 1-bit signless integer values, but got 'tensor<3xf32>'}}
  %0 = "hl.where"(%c, %a, %a) : (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @f(%c: tensor<2xi1>, %a: tensor<3xf32>) {
  // expected-error @+1 {{'hl.where' op operands don't have broadcast-compatible shapes}}
  %0 = "hl.where"(%c, %a, %a) : (tensor<2xi1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @f(%a: tensor<3xi32>) {
  // expected-error @+1 {{'hl.reciprocal' op operand #0 must be tensor of floating-point values, but got 'tensor<3xi32>'}}
  %0 = hl.reciprocal %a : tensor<3xi32>
  return
}

// -----

func.func @f(%a: tensor<3xf32>) {
  // expected-error @+1 {{'hl.floor' op requires the same type for all operands and results}}
  %0 = "hl.floor"(%a) : (tensor<3xf32>) -> tensor<3xf16>
  return
}

// -----

func.func @f(%a: tensor<3xf32>) {
  // expected-error @+1 {{'hl.elu' op attribute 'alpha' failed to satisfy constraint: 32-bit float attribute}}
  %0 = hl.elu %a {alpha = 1.0 : f64} : tensor<3xf32>
  return
}

// -----

func.func @f(%a: tensor<3xf32>) {
  // expected-error @+1 {{'hl.selu' op attribute 'gamma' failed to satisfy constraint: float attribute}}
  %0 = hl.selu %a {gamma = 1 : i32} : tensor<3xf32>
  return
}

// -----

func.func @f(%a: tensor<3xf32>) {
  // expected-error @+1 {{'hl.celu' op alpha must not be zero}}
  %0 = hl.celu %a {alpha = 0.0 : f32} : tensor<3xf32>
  return
}

// -----

func.func @f(%a: tensor<3x4xf32>, %s: tensor<3xf32>) {
  // expected-error @+1 {{'hl.prelu' op 'slope' does not broadcast to the input's shape}}
  %0 = "hl.prelu"(%a, %s) : (tensor<3x4xf32>, tensor<3xf32>) -> tensor<3x4xf32>
  return
}

// -----

func.func @f(%a: tensor<4xf32>, %s: tensor<3x4xf32>) {
  // expected-error @+1 {{'hl.prelu' op 'slope' does not broadcast to the input's shape}}
  %0 = "hl.prelu"(%a, %s) : (tensor<4xf32>, tensor<3x4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @f(%a: tensor<4xi32>) {
  // expected-error @+1 {{'hl.prelu' op operand #0 must be tensor of floating-point values, but got 'tensor<4xi32>'}}
  %0 = "hl.prelu"(%a, %a) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return
}

// -----

func.func @f(%a: tensor<3x4xf32>) {
  // expected-error @+1 {{'hl.log_softmax' op axis 2 is out of range for rank 2}}
  %0 = hl.log_softmax %a {axis = 2 : i64} : tensor<3x4xf32>
  return
}

// -----

func.func @f(%a: tensor<3x4xf32>) {
  // expected-error @+1 {{'hl.hardmax' op axis -3 is out of range for rank 2}}
  %0 = hl.hardmax %a {axis = -3 : i64} : tensor<3x4xf32>
  return
}

// -----

func.func @f(%a: tensor<3x4xf32>) {
  // expected-error @+1 {{'hl.argmax' op axis 2 is out of range for rank 2}}
  %0 = "hl.argmax"(%a) {axis = 2 : i64} : (tensor<3x4xf32>) -> tensor<3x1xi64>
  return
}

// -----

func.func @f(%a: tensor<3x4xf32>) {
  // expected-error @+2 {{'hl.argmin' op inferred type(s) 'tensor<1x4xi64>' are incompatible with return type(s) of operation 'tensor<1x4xi32>'}}
  // expected-error @+1 {{'hl.argmin' op failed to infer returned types}}
  %0 = "hl.argmin"(%a) : (tensor<3x4xf32>) -> tensor<1x4xi32>
  return
}

// -----

func.func @f(%a: tensor<3x4xf32>) {
  // expected-error @+1 {{'hl.argmax' op attribute 'keepdims' failed to satisfy constraint: bool attribute}}
  %0 = "hl.argmax"(%a) {keepdims = 1 : i64} : (tensor<3x4xf32>) -> tensor<1x4xi64>
  return
}

// -----

func.func @f(%a: tensor<3x4xf32>) {
  // expected-error @+1 {{'hl.reduce_l2' op axes must be distinct, axis 1 repeats}}
  %0 = "hl.reduce_l2"(%a) {axes = array<i64: 1, -1>} : (tensor<3x4xf32>) -> tensor<3x1xf32>
  return
}

// -----

func.func @f(%a: tensor<3x4xf32>, %i: tensor<2xf32>) {
  // expected-error @+1 {{'hl.gather' op operand #1 must be tensor of 32-bit or 64-bit signless integer values, but got 'tensor<2xf32>'}}
  %0 = "hl.gather"(%a, %i) : (tensor<3x4xf32>, tensor<2xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @f(%a: tensor<3x4xf32>, %i: tensor<2xi64>) {
  // expected-error @+1 {{'hl.gather' op axis 2 is out of range for rank 2}}
  %0 = "hl.gather"(%a, %i) {axis = 2 : i64} : (tensor<3x4xf32>, tensor<2xi64>) -> tensor<3x2xf32>
  return
}

// -----

func.func @f(%a: tensor<f32>, %i: tensor<2xi64>) {
  // expected-error @+1 {{'hl.gather' op expects input of rank 1 or more, got 0-D}}
  %0 = "hl.gather"(%a, %i) : (tensor<f32>, tensor<2xi64>) -> tensor<2xf32>
  return
}

// -----

func.func @f(%a: tensor<3x4xf32>, %i: tensor<2x5xi32>) {
  // expected-error @+2 {{'hl.gather' op inferred type(s) 'tensor<3x2x5xf32>' are incompatible with return type(s) of operation 'tensor<3x10xf32>'}}
  // expected-error @+1 {{'hl.gather' op failed to infer returned types}}
  %0 = "hl.gather"(%a, %i) {axis = -1 : i64} : (tensor<3x4xf32>, tensor<2x5xi32>) -> tensor<3x10xf32>
  return
}

// -----

func.func @f(%a: tensor<3x4xf32>) {
  // expected-error @+1 {{'hl.expand' op requires attribute 'shape'}}
  %0 = "hl.expand"(%a) : (tensor<3x4xf32>) -> tensor<3x4xf32>
  return
}

// -----

func.func @f(%a: tensor<3x4xf32>) {
  // expected-error @+1 {{'hl.expand' op operands don't have broadcast-compatible shapes}}
  %0 = "hl.expand"(%a) {shape = array<i64: 2, 4>} : (tensor<3x4xf32>) -> tensor<3x4xf32>
  return
}

// -----

func.func @f(%a: tensor<3x4xf32>) {
  // expected-error @+1 {{'hl.expand' op shape must be non-negative, got -1 at index 0}}
  %0 = "hl.expand"(%a) {shape = array<i64: -1, 4>} : (tensor<3x4xf32>) -> tensor<3x4xf32>
  return
}

// -----

func.func @f(%a: tensor<3x4xf32>) {
  // expected-error @+1 {{'hl.tile' op attribute 'repeats' expects 2 elements, got 1}}
  %0 = "hl.tile"(%a) {repeats = array<i64: 2>} : (tensor<3x4xf32>) -> tensor<6x4xf32>
  return
}

// -----

func.func @f(%a: tensor<3x4xf32>) {
  // expected-error @+1 {{'hl.tile' op repeats must be non-negative, got -2 at index 1}}
  %0 = "hl.tile"(%a) {repeats = array<i64: 1, -2>} : (tensor<3x4xf32>) -> tensor<3x4xf32>
  return
}

// -----

func.func @f(%x: tensor<2x3xf32>, %s: tensor<2xf32>) {
  // expected-error @+1 {{'hl.layer_norm' op 'scale' does not broadcast to the normalised axes}}
  %0:3 = "hl.layer_norm"(%x, %s) : (tensor<2x3xf32>, tensor<2xf32>) -> (tensor<2x3xf32>, tensor<2x1xf32>, tensor<2x1xf32>)
  return
}

// -----

func.func @f(%x: tensor<2x3xf32>, %s: tensor<3xf32>, %b: tensor<2xf32>) {
  // expected-error @+1 {{'hl.layer_norm' op 'bias' does not broadcast to the normalised axes}}
  %0:3 = "hl.layer_norm"(%x, %s, %b) : (tensor<2x3xf32>, tensor<3xf32>, tensor<2xf32>) -> (tensor<2x3xf32>, tensor<2x1xf32>, tensor<2x1xf32>)
  return
}

// -----

func.func @f(%x: tensor<2x3xf32>, %s: tensor<3xf32>) {
  // expected-error @+1 {{'hl.layer_norm' op epsilon must be non-negative, got -1}}
  %0:3 = "hl.layer_norm"(%x, %s) {epsilon = -1.0 : f32} : (tensor<2x3xf32>, tensor<3xf32>) -> (tensor<2x3xf32>, tensor<2x1xf32>, tensor<2x1xf32>)
  return
}

// -----

func.func @f(%x: tensor<2x3xf32>, %s: tensor<3xf32>) {
  // expected-error @+2 {{'hl.layer_norm' op inferred type(s) 'tensor<2x3xf32>', 'tensor<1x1xf32>', 'tensor<1x1xf32>' are incompatible with return type(s) of operation 'tensor<2x3xf32>', 'tensor<2x1xf32>', 'tensor<2x1xf32>'}}
  // expected-error @+1 {{'hl.layer_norm' op failed to infer returned types}}
  %0:3 = "hl.layer_norm"(%x, %s) {axis = 0 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> (tensor<2x3xf32>, tensor<2x1xf32>, tensor<2x1xf32>)
  return
}

// -----

func.func @f(%x: tensor<2x3xi32>, %s: tensor<3xi32>) {
  // expected-error @+1 {{'hl.layer_norm' op operand #0 must be tensor of floating-point values, but got 'tensor<2x3xi32>'}}
  %0:3 = "hl.layer_norm"(%x, %s) : (tensor<2x3xi32>, tensor<3xi32>) -> (tensor<2x3xi32>, tensor<2x1xf32>, tensor<2x1xf32>)
  return
}

// -----

func.func @f(%x: tensor<1x2x3xf32>, %s: tensor<3xf32>) {
  // expected-error @+1 {{'hl.instance_norm' op expects 'scale' of shape 2, got 3}}
  %0 = "hl.instance_norm"(%x, %s, %s) : (tensor<1x2x3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x2x3xf32>
  return
}

// -----

func.func @f(%x: tensor<2x3xf32>, %s: tensor<3xf32>) {
  // expected-error @+1 {{'hl.instance_norm' op expects input of rank 3 or more, got 2-D}}
  %0 = "hl.instance_norm"(%x, %s, %s) : (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return
}
