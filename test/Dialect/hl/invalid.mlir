// Every verifier error of the hl ops, one per chunk.
// RUN: ipu-opt %s --split-input-file --verify-diagnostics

func.func @f() {
  // expected-error @+1 {{'hl.constant' op requires attribute 'value'}}
  %0 = "hl.constant"() : () -> tensor<2xf32>
  return
}

// -----

func.func @f() {
  // expected-error @+1 {{'hl.constant' op attribute 'value' failed to satisfy constraint: constant vector/tensor attribute}}
  %0 = "hl.constant"() {value = 1.0 : f32} : () -> tensor<2xf32>
  return
}

// -----

func.func @f() {
  // expected-error @+1 {{'hl.constant' op failed to verify that all of {value, result} have same type}}
  %0 = "hl.constant"() {value = dense<1.0> : tensor<2xf32>} : () -> tensor<3xf32>
  return
}

// -----

func.func @f() {
  // expected-error @+1 {{'hl.constant' op failed to verify that all of {value, result} have same type}}
  %0 = hl.constant {value = dense<1> : tensor<2xi32>} : tensor<2xi64>
  return
}

// -----

func.func @f() {
  // expected-error @+1 {{'hl.constant' op result #0 must be ranked tensor of any type values, but got 'f32'}}
  %0 = "hl.constant"() {value = dense<1.0> : tensor<f32>} : () -> f32
  return
}

// -----

func.func @f() {
  // expected-error @+1 {{'hl.constant' op requires one result}}
  "hl.constant"() {value = dense<1.0> : tensor<f32>} : () -> ()
  return
}

// -----

func.func @f(%a: tensor<2xf32>) {
  // expected-error @+1 {{'hl.relu' op requires the same type for all operands and results}}
  %0 = "hl.relu"(%a) : (tensor<2xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @f(%a: tensor<*xf32>) {
  // expected-error @+1 {{'hl.relu' op failed to verify that all of {input, output} have same type}}
  %0 = "hl.relu"(%a) : (tensor<*xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @f(%a: tensor<2xf32>) {
  // expected-error @+1 {{'hl.relu' op requires one result}}
  %0:2 = "hl.relu"(%a) : (tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>)
  return
}

// -----

func.func @f(%a: tensor<2xf32>) {
  // expected-error @+1 {{'hl.neg' op requires a single operand}}
  %0 = "hl.neg"(%a, %a) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @f(%a: tensor<4xi32>) {
  // expected-error @+1 {{'hl.sqrt' op operand #0 must be tensor of floating-point values, but got 'tensor<4xi32>'}}
  %0 = hl.sqrt %a : tensor<4xi32>
  return
}

// -----

func.func @f(%a: tensor<4xi32>) {
  // expected-error @+1 {{'hl.sigmoid' op operand #0 must be tensor of floating-point values, but got 'tensor<4xi32>'}}
  %0 = hl.sigmoid %a : tensor<4xi32>
  return
}

// -----

func.func @f(%a: tensor<2xindex>) {
  // expected-error @+1 {{'hl.abs' op operand #0 must be tensor of integer or floating-point values, but got 'tensor<2xindex>'}}
  %0 = hl.abs %a : tensor<2xindex>
  return
}

// -----

func.func @f(%a: tensor<4xf32>) {
  // expected-error @+1 {{'hl.leaky_relu' op attribute 'alpha' failed to satisfy constraint: 32-bit float attribute}}
  %0 = hl.leaky_relu %a {alpha = 0.1} : tensor<4xf32>
  return
}

// -----

func.func @f(%a: tensor<4xf32>) {
  // expected-error @+1 {{'hl.leaky_relu' op attribute 'alpha' failed to satisfy constraint: float attribute}}
  %0 = hl.leaky_relu %a {alpha = 1} : tensor<4xf32>
  return
}

// -----

func.func @f(%a: tensor<4xf32>) {
  // expected-error @+1 {{'hl.clip' op attribute 'min' failed to satisfy constraint: 32-bit float attribute}}
  %0 = hl.clip %a {min = 0.0 : f16} : tensor<4xf32>
  return
}

// -----

func.func @f(%a: tensor<4xf32>) {
  // expected-error @+1 {{'hl.hard_sigmoid' op attribute 'beta' failed to satisfy constraint: 32-bit float attribute}}
  %0 = hl.hard_sigmoid %a {beta = 0.5 : f64} : tensor<4xf32>
  return
}

// -----

func.func @f(%a: tensor<4xf32>) {
  // expected-error @+1 {{'hl.dropout' op ratio must be in [0, 1), got 1}}
  %0 = hl.dropout %a {ratio = 1.0 : f32} : tensor<4xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'hl.softmax' op axis 2 is out of range for rank 2}}
  %0 = hl.softmax %a {axis = 2} : tensor<2x3xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xi8>) {
  // expected-error @+1 {{'hl.softmax' op operand #0 must be tensor of floating-point values, but got 'tensor<2x3xi8>'}}
  %0 = hl.softmax %a : tensor<2x3xi8>
  return
}

// -----

func.func @f(%a: tensor<2xf32>) {
  // expected-error @+1 {{'hl.identity' op requires the same type for all operands and results}}
  %0 = "hl.identity"(%a) : (tensor<2xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @f(%a: tensor<2xf32>) {
  // expected-error @+1 {{'hl.cast' op requires attribute 'to'}}
  %0 = "hl.cast"(%a) : (tensor<2xf32>) -> tensor<2xi32>
  return
}

// -----

func.func @f(%a: tensor<2xf32>) {
  // expected-error @+1 {{'hl.cast' op attribute 'to' failed to satisfy constraint: any type attribute}}
  %0 = hl.cast %a {to = 1} : (tensor<2xf32>) -> tensor<2xi32>
  return
}

// -----

func.func @f(%a: tensor<2xf32>) {
  // expected-error @+1 {{'hl.cast' op result #0 must be tensor of integer or floating-point values, but got 'tensor<2xindex>'}}
  %0 = hl.cast %a {to = index} : (tensor<2xf32>) -> tensor<2xindex>
  return
}

// -----

func.func @f(%a: tensor<2xf32>) {
  // expected-error @+1 {{'hl.cast' op attribute 'to' must be an integer or floating-point type, got 'none'}}
  %0 = hl.cast %a {to = none} : (tensor<2xf32>) -> tensor<2xi32>
  return
}

// -----

func.func @f(%a: tensor<2xf32>) {
  // expected-error @+2 {{'hl.cast' op inferred type(s) 'tensor<2xi8>' are incompatible with return type(s) of operation 'tensor<2xi32>'}}
  // expected-error @+1 {{'hl.cast' op failed to infer returned types}}
  %0 = hl.cast %a {to = i8} : (tensor<2xf32>) -> tensor<2xi32>
  return
}

// -----

func.func @f(%a: tensor<2xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{'hl.add' op operands don't have broadcast-compatible shapes}}
  %0 = "hl.add"(%a, %b) : (tensor<2xf32>, tensor<3xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>, %b: tensor<2xf32>) {
  // expected-error @+1 {{'hl.sub' op operands don't have broadcast-compatible shapes}}
  %0 = hl.sub %a, %b : (tensor<2x3xf32>, tensor<2xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @f(%a: tensor<2xf32>) {
  // expected-error @+2 {{'hl.mul' op inferred type(s) 'tensor<2xf32>' are incompatible with return type(s) of operation 'tensor<2xi32>'}}
  // expected-error @+1 {{'hl.mul' op failed to infer returned types}}
  %0 = "hl.mul"(%a, %a) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xi32>
  return
}

// -----

func.func @f(%a: tensor<4xi8>) {
  // expected-error @+2 {{'hl.mul' op inferred type(s) 'tensor<4xi8>' are incompatible with return type(s) of operation 'tensor<5xi8>'}}
  // expected-error @+1 {{'hl.mul' op failed to infer returned types}}
  %0 = "hl.mul"(%a, %a) : (tensor<4xi8>, tensor<4xi8>) -> tensor<5xi8>
  return
}

// -----

func.func @f(%a: tensor<?x3xf32>, %b: tensor<1x3xf32>) {
  // expected-error @+2 {{'hl.max' op inferred type(s) 'tensor<?x3xf32>' are incompatible with return type(s) of operation 'tensor<2x4xf32>'}}
  // expected-error @+1 {{'hl.max' op failed to infer returned types}}
  %0 = hl.max %a, %b : (tensor<?x3xf32>, tensor<1x3xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @f(%a: tensor<2xf32>, %b: tensor<2xf16>) {
  // expected-error @+1 {{'hl.div' op requires the same element type for all operands}}
  %0 = hl.div %a, %b : (tensor<2xf32>, tensor<2xf16>) -> tensor<2xf32>
  return
}

// -----

func.func @f(%a: f32) {
  // expected-error @+1 {{'hl.add' op operand #0 must be tensor of integer or floating-point values, but got 'f32'}}
  %0 = "hl.add"(%a, %a) : (f32, f32) -> f32
  return
}

// -----

func.func @f(%a: tensor<2xindex>) {
  // expected-error @+1 {{'hl.mul' op operand #0 must be tensor of integer or floating-point values, but got 'tensor<2xindex>'}}
  %0 = "hl.mul"(%a, %a) : (tensor<2xindex>, tensor<2xindex>) -> tensor<2xindex>
  return
}

// -----

func.func @f(%a: tensor<2xf32>) {
  // expected-error @+1 {{'hl.add' op expected 2 operands, but found 1}}
  %0 = "hl.add"(%a) : (tensor<2xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @f(%a: tensor<2xf32>, %b: tensor<3xi32>) {
  // expected-error @+1 {{'hl.pow' op operands don't have broadcast-compatible shapes}}
  %0 = hl.pow %a, %b : (tensor<2xf32>, tensor<3xi32>) -> tensor<2xf32>
  return
}

// -----

func.func @f(%a: tensor<2xf32>, %b: tensor<2xi32>) {
  // expected-error @+2 {{'hl.pow' op inferred type(s) 'tensor<2xf32>' are incompatible with return type(s) of operation 'tensor<2xi32>'}}
  // expected-error @+1 {{'hl.pow' op failed to infer returned types}}
  %0 = hl.pow %a, %b : (tensor<2xf32>, tensor<2xi32>) -> tensor<2xi32>
  return
}

// -----

func.func @f(%x: tensor<3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{'hl.conv2d' op expects 4-D input, got 3-D}}
  %0 = hl.conv2d %x, %w : (tensor<3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @f(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3xf32>) {
  // expected-error @+1 {{'hl.conv2d' op expects 4-D weight, got 3-D}}
  %0 = hl.conv2d %x, %w : (tensor<1x3x8x8xf32>, tensor<4x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @f(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<1x4xf32>) {
  // expected-error @+1 {{'hl.conv2d' op expects 1-D bias, got 2-D}}
  %0 = hl.conv2d %x, %w, %b : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<1x4xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @f(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{'hl.conv2d' op attribute 'strides' expects 2 elements, got 3}}
  %0 = hl.conv2d %x, %w {strides = array<i64: 1, 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @f(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{'hl.conv2d' op strides must be positive}}
  %0 = hl.conv2d %x, %w {strides = array<i64: 1, 0>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @f(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{'hl.conv2d' op pads must be non-negative}}
  %0 = hl.conv2d %x, %w {pads = array<i64: 0, -1, 0, 0>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @f(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{'hl.conv2d' op dilations must be positive}}
  %0 = hl.conv2d %x, %w {dilations = array<i64: 0, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @f(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{'hl.conv2d' op groups must be positive}}
  %0 = hl.conv2d %x, %w {groups = 0} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @f(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{'hl.conv2d' op attribute 'strides' failed to satisfy constraint: i64 dense array attribute}}
  %0 = hl.conv2d %x, %w {strides = [1, 1]} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @f(%x: tensor<1x3x8x8xf32>, %w: tensor<4x2x3x3xf32>) {
  // expected-error @+1 {{'hl.conv2d' op input channels (3) must equal weight channels (2) times groups (1)}}
  %0 = hl.conv2d %x, %w : (tensor<1x3x8x8xf32>, tensor<4x2x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @f(%x: tensor<1x4x8x8xf32>, %w: tensor<6x1x3x3xf32>) {
  // expected-error @+1 {{'hl.conv2d' op output channels (6) must be divisible by groups (4)}}
  %0 = hl.conv2d %x, %w {groups = 4} : (tensor<1x4x8x8xf32>, tensor<6x1x3x3xf32>) -> tensor<1x6x6x6xf32>
  return
}

// -----

func.func @f(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf16>) {
  // expected-error @+1 {{'hl.conv2d' op requires bias element type 'f32', got 'f16'}}
  %0 = hl.conv2d %x, %w, %b : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf16>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @f(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<8xf32>) {
  // expected-error @+1 {{'hl.conv2d' op bias has 8 elements, expected 4 (output channels)}}
  %0 = hl.conv2d %x, %w, %b : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<8xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @f(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf16>) {
  // expected-error @+1 {{'hl.conv2d' op requires the same element type for input and weight, got 'f32' and 'f16'}}
  %0 = hl.conv2d %x, %w : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf16>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @f(%x: tensor<1x3x2x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{'hl.conv2d' op padded input height (2) is smaller than the dilated kernel height (3)}}
  %0 = hl.conv2d %x, %w : (tensor<1x3x2x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x1x6xf32>
  return
}

// -----

func.func @f(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{'hl.conv2d' op padded input width (8) is smaller than the dilated kernel width (9)}}
  %0 = hl.conv2d %x, %w {dilations = array<i64: 1, 4>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @f(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+2 {{'hl.conv2d' op inferred type(s) 'tensor<1x4x6x6xf32>' are incompatible with return type(s) of operation 'tensor<1x4x8x8xf32>'}}
  // expected-error @+1 {{'hl.conv2d' op failed to infer returned types}}
  %0 = hl.conv2d %x, %w : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @f(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'hl.conv2d' op operand group starting at #2 requires 0 or 1 element, but found 2}}
  %0 = "hl.conv2d"(%x, %w, %b, %b) : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @f(%x: tensor<1x3x8x8xi8>, %w: tensor<4x3x3x3xi8>) {
  // expected-error @+2 {{'hl.conv2d' op inferred type(s) 'tensor<1x4x6x6xi32>' are incompatible with return type(s) of operation 'tensor<1x4x6x6xi8>'}}
  // expected-error @+1 {{'hl.conv2d' op failed to infer returned types}}
  %0 = hl.conv2d %x, %w : (tensor<1x3x8x8xi8>, tensor<4x3x3x3xi8>) -> tensor<1x4x6x6xi8>
  return
}

// -----

func.func @f(%x: tensor<1x4x4x4xf32>, %w: tensor<8x4x3x3xf32>) {
  // expected-error @+1 {{'hl.conv_transpose' op input channels (4) must equal the weight's first dimension (8)}}
  %0 = hl.conv_transpose %x, %w : (tensor<1x4x4x4xf32>, tensor<8x4x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @f(%x: tensor<1x6x4x4xf32>, %w: tensor<6x4x3x3xf32>) {
  // expected-error @+1 {{'hl.conv_transpose' op input channels (6) must be divisible by groups (4)}}
  %0 = hl.conv_transpose %x, %w {groups = 4} : (tensor<1x6x4x4xf32>, tensor<6x4x3x3xf32>) -> tensor<1x16x6x6xf32>
  return
}

// -----

func.func @f(%x: tensor<1x8x4x4xf32>, %w: tensor<8x4x3x3xf32>) {
  // expected-error @+1 {{'hl.conv_transpose' op attribute 'output_padding' expects 2 elements, got 1}}
  %0 = hl.conv_transpose %x, %w {output_padding = array<i64: 1>} : (tensor<1x8x4x4xf32>, tensor<8x4x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @f(%x: tensor<1x8x4x4xf32>, %w: tensor<8x4x3x3xf32>) {
  // expected-error @+1 {{'hl.conv_transpose' op output_padding must be non-negative}}
  %0 = hl.conv_transpose %x, %w {output_padding = array<i64: -1, 0>} : (tensor<1x8x4x4xf32>, tensor<8x4x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @f(%x: tensor<1x8x4x4xf32>, %w: tensor<8x4x3x3xf32>) {
  // expected-error @+1 {{'hl.conv_transpose' op computed output height is not positive (-1)}}
  %0 = hl.conv_transpose %x, %w {pads = array<i64: 3, 0, 4, 0>} : (tensor<1x8x4x4xf32>, tensor<8x4x3x3xf32>) -> tensor<1x4x1x6xf32>
  return
}

// -----

func.func @f(%x: tensor<1x8x4x4xf32>, %w: tensor<8x4x3x3xf32>, %b: tensor<8xf32>) {
  // expected-error @+1 {{'hl.conv_transpose' op bias has 8 elements, expected 4 (output channels)}}
  %0 = hl.conv_transpose %x, %w, %b : (tensor<1x8x4x4xf32>, tensor<8x4x3x3xf32>, tensor<8xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @f(%x: tensor<1x8x4x4xf32>, %w: tensor<8x4x3x3xf32>) {
  // expected-error @+2 {{'hl.conv_transpose' op inferred type(s) 'tensor<1x4x6x6xf32>' are incompatible with return type(s) of operation 'tensor<1x8x6x6xf32>'}}
  // expected-error @+1 {{'hl.conv_transpose' op failed to infer returned types}}
  %0 = hl.conv_transpose %x, %w : (tensor<1x8x4x4xf32>, tensor<8x4x3x3xf32>) -> tensor<1x8x6x6xf32>
  return
}

// -----

func.func @f(%x: tensor<1x2x6x6xf32>) {
  // expected-error @+1 {{'hl.maxpool' op requires attribute 'kernel_shape'}}
  %0 = "hl.maxpool"(%x) : (tensor<1x2x6x6xf32>) -> tensor<1x2x6x6xf32>
  return
}

// -----

func.func @f(%x: tensor<1x2x6x6xf32>) {
  // expected-error @+1 {{'hl.maxpool' op kernel_shape must be positive}}
  %0 = hl.maxpool %x {kernel_shape = array<i64: 0, 2>} : (tensor<1x2x6x6xf32>) -> tensor<1x2x6x6xf32>
  return
}

// -----

func.func @f(%x: tensor<1x2x6x6xf32>) {
  // expected-error @+1 {{'hl.maxpool' op attribute 'kernel_shape' expects 2 elements, got 1}}
  %0 = hl.maxpool %x {kernel_shape = array<i64: 2>} : (tensor<1x2x6x6xf32>) -> tensor<1x2x6x6xf32>
  return
}

// -----

func.func @f(%x: tensor<2x6x6xf32>) {
  // expected-error @+1 {{'hl.maxpool' op expects 4-D input, got 3-D}}
  %0 = hl.maxpool %x {kernel_shape = array<i64: 2, 2>} : (tensor<2x6x6xf32>) -> tensor<2x5x5xf32>
  return
}

// -----

func.func @f(%x: tensor<1x2x6x6xf32>) {
  // expected-error @+1 {{'hl.maxpool' op attribute 'pads' expects 4 elements, got 2}}
  %0 = hl.maxpool %x {kernel_shape = array<i64: 2, 2>, pads = array<i64: 1, 1>} : (tensor<1x2x6x6xf32>) -> tensor<1x2x6x6xf32>
  return
}

// -----

func.func @f(%x: tensor<1x2x6x6xf32>) {
  // expected-error @+1 {{'hl.maxpool' op attribute 'ceil_mode' failed to satisfy constraint: bool attribute}}
  %0 = hl.maxpool %x {ceil_mode = 1, kernel_shape = array<i64: 2, 2>} : (tensor<1x2x6x6xf32>) -> tensor<1x2x6x6xf32>
  return
}

// -----

func.func @f(%x: tensor<1x2x6x6xf32>) {
  // expected-error @+1 {{'hl.maxpool' op padded input height (6) is smaller than the dilated kernel height (7)}}
  %0 = hl.maxpool %x {kernel_shape = array<i64: 7, 2>} : (tensor<1x2x6x6xf32>) -> tensor<1x2x6x6xf32>
  return
}

// -----

func.func @f(%x: tensor<1x2x6x6xf32>) {
  // expected-error @+2 {{'hl.maxpool' op inferred type(s) 'tensor<1x2x3x3xf32>' are incompatible with return type(s) of operation 'tensor<1x2x2x2xf32>'}}
  // expected-error @+1 {{'hl.maxpool' op failed to infer returned types}}
  %0 = hl.maxpool %x {ceil_mode = true, kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>} : (tensor<1x2x6x6xf32>) -> tensor<1x2x2x2xf32>
  return
}

// -----

func.func @f(%x: tensor<1x2x6x6xi8>) {
  // expected-error @+1 {{'hl.avgpool' op operand #0 must be tensor of floating-point values, but got 'tensor<1x2x6x6xi8>'}}
  %0 = hl.avgpool %x {kernel_shape = array<i64: 2, 2>} : (tensor<1x2x6x6xi8>) -> tensor<1x2x5x5xi8>
  return
}

// -----

func.func @f(%x: tensor<1x2x6x6xf32>) {
  // expected-error @+1 {{'hl.avgpool' op attribute 'count_include_pad' failed to satisfy constraint: bool attribute}}
  %0 = hl.avgpool %x {count_include_pad, kernel_shape = array<i64: 2, 2>} : (tensor<1x2x6x6xf32>) -> tensor<1x2x5x5xf32>
  return
}

// -----

func.func @f(%x: tensor<2x6xf32>) {
  // expected-error @+1 {{'hl.global_avgpool' op expects input of rank 3 or more, got 2-D}}
  %0 = hl.global_avgpool %x : (tensor<2x6xf32>) -> tensor<2x1xf32>
  return
}

// -----

func.func @f(%x: tensor<1x2x6xf32>) {
  // expected-error @+2 {{'hl.global_maxpool' op inferred type(s) 'tensor<1x2x1xf32>' are incompatible with return type(s) of operation 'tensor<1x2xf32>'}}
  // expected-error @+1 {{'hl.global_maxpool' op failed to infer returned types}}
  %0 = hl.global_maxpool %x : (tensor<1x2x6xf32>) -> tensor<1x2xf32>
  return
}

// -----

func.func @f(%x: tensor<*xf32>) {
  // expected-error @+1 {{'hl.global_avgpool' op operand #0 must be ranked tensor of any type values, but got 'tensor<*xf32>'}}
  %0 = hl.global_avgpool %x : (tensor<*xf32>) -> tensor<1x2x1xf32>
  return
}

// -----

func.func @f(%x: tensor<4xf32>, %s: tensor<4xf32>, %b: tensor<4xf32>, %m: tensor<4xf32>, %v: tensor<4xf32>) {
  // expected-error @+1 {{'hl.batchnorm' op expects input of rank 2 or more, got 1-D}}
  %0 = hl.batchnorm %x, %s, %b, %m, %v : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @f(%x: tensor<1x4x2x2xf32>, %s: tensor<1x4xf32>, %b: tensor<4xf32>, %m: tensor<4xf32>, %v: tensor<4xf32>) {
  // expected-error @+1 {{'hl.batchnorm' op expects 1-D scale, got 2-D}}
  %0 = hl.batchnorm %x, %s, %b, %m, %v : (tensor<1x4x2x2xf32>, tensor<1x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x2x2xf32>
  return
}

// -----

func.func @f(%x: tensor<1x4x2x2xf32>, %s: tensor<4xf32>, %b: tensor<4xf32>, %m: tensor<8xf32>, %v: tensor<4xf32>) {
  // expected-error @+1 {{'hl.batchnorm' op mean has 8 elements, expected 4 (input channels)}}
  %0 = hl.batchnorm %x, %s, %b, %m, %v : (tensor<1x4x2x2xf32>, tensor<4xf32>, tensor<4xf32>, tensor<8xf32>, tensor<4xf32>) -> tensor<1x4x2x2xf32>
  return
}

// -----

func.func @f(%x: tensor<1x4x2x2xf32>, %s: tensor<4xf32>, %b: tensor<4xf32>, %m: tensor<4xf32>, %v: tensor<4xf16>) {
  // expected-error @+1 {{'hl.batchnorm' op requires var element type 'f32' (the input's), got 'f16'}}
  %0 = hl.batchnorm %x, %s, %b, %m, %v : (tensor<1x4x2x2xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf16>) -> tensor<1x4x2x2xf32>
  return
}

// -----

func.func @f(%x: tensor<1x4x2x2xf32>, %s: tensor<4xf32>, %b: tensor<4xf32>, %m: tensor<4xf32>, %v: tensor<4xf32>) {
  // expected-error @+1 {{'hl.batchnorm' op epsilon must be non-negative}}
  %0 = hl.batchnorm %x, %s, %b, %m, %v {epsilon = -1.0 : f32} : (tensor<1x4x2x2xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x2x2xf32>
  return
}

// -----

func.func @f(%x: tensor<1x4x2x2xi32>, %s: tensor<4xi32>) {
  // expected-error @+1 {{'hl.batchnorm' op operand #0 must be tensor of floating-point values, but got 'tensor<1x4x2x2xi32>'}}
  %0 = hl.batchnorm %x, %s, %s, %s, %s : (tensor<1x4x2x2xi32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>) -> tensor<1x4x2x2xi32>
  return
}

// -----

func.func @f(%x: tensor<1x4x2x2xf32>, %s: tensor<4xf32>) {
  // expected-error @+1 {{'hl.batchnorm' op expected 5 operands, but found 4}}
  %0 = "hl.batchnorm"(%x, %s, %s, %s) : (tensor<1x4x2x2xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x2x2xf32>
  return
}

// -----

func.func @f(%a: tensor<f32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{'hl.matmul' op expects lhs of rank 1 or more, got 0-D}}
  %0 = hl.matmul %a, %b : (tensor<f32>, tensor<3xf32>) -> tensor<f32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) {
  // expected-error @+1 {{'hl.matmul' op contracting dimensions differ: 3 (lhs) vs 4 (rhs)}}
  %0 = hl.matmul %a, %b : (tensor<2x3xf32>, tensor<4x5xf32>) -> tensor<2x5xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'hl.matmul' op contracting dimensions differ: 3 (lhs) vs 4 (rhs)}}
  %0 = hl.matmul %a, %b : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @f(%a: tensor<2x2x3xf32>, %b: tensor<3x3x5xf32>) {
  // expected-error @+1 {{'hl.matmul' op operands don't have broadcast-compatible shapes}}
  %0 = hl.matmul %a, %b : (tensor<2x2x3xf32>, tensor<3x3x5xf32>) -> tensor<2x2x5xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>, %b: tensor<3x5xi32>) {
  // expected-error @+1 {{'hl.matmul' op requires the same element type for lhs and rhs, got 'f32' and 'i32'}}
  %0 = hl.matmul %a, %b : (tensor<2x3xf32>, tensor<3x5xi32>) -> tensor<2x5xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>, %b: tensor<3x5xf32>) {
  // expected-error @+2 {{'hl.matmul' op inferred type(s) 'tensor<2x5xf32>' are incompatible with return type(s) of operation 'tensor<5x2xf32>'}}
  // expected-error @+1 {{'hl.matmul' op failed to infer returned types}}
  %0 = hl.matmul %a, %b : (tensor<2x3xf32>, tensor<3x5xf32>) -> tensor<5x2xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3x4xf32>, %b: tensor<4x5xf32>) {
  // expected-error @+1 {{'hl.gemm' op expects 2-D a, got 3-D}}
  %0 = hl.gemm %a, %b : (tensor<2x3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>, %b: tensor<2x5xf32>) {
  // expected-error @+1 {{'hl.gemm' op contracting dimensions differ: 3 (lhs) vs 2 (rhs)}}
  %0 = hl.gemm %a, %b : (tensor<2x3xf32>, tensor<2x5xf32>) -> tensor<2x5xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>, %c: tensor<3xf32>) {
  // expected-error @+1 {{'hl.gemm' op c of type 'tensor<3xf32>' does not broadcast to 2 x 4}}
  %0 = hl.gemm %a, %b, %c : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>, %c: tensor<1x2x4xf32>) {
  // expected-error @+1 {{'hl.gemm' op expects c of rank 2 or less, got 3-D}}
  %0 = hl.gemm %a, %b, %c : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<1x2x4xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>, %c: tensor<4xf16>) {
  // expected-error @+1 {{'hl.gemm' op requires c element type 'f32', got 'f16'}}
  %0 = hl.gemm %a, %b, %c : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<4xf16>) -> tensor<2x4xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) {
  // expected-error @+1 {{'hl.gemm' op attribute 'trans_a' failed to satisfy constraint: bool attribute}}
  %0 = hl.gemm %a, %b {trans_a = 1} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) {
  // expected-error @+1 {{'hl.gemm' op attribute 'alpha' failed to satisfy constraint: 32-bit float attribute}}
  %0 = hl.gemm %a, %b {alpha = 2.0} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) {
  // expected-error @+1 {{'hl.gemm' op contracting dimensions differ: 2 (lhs) vs 3 (rhs)}}
  %0 = hl.gemm %a, %b {trans_a = true} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @f(%x: tensor<5x4xf32>, %w: tensor<1x32x4xf32>, %r: tensor<1x32x8xf32>) {
  // expected-error @+1 {{'hl.lstm' op expects 3-D X, got 2-D}}
  %0:3 = hl.lstm %x, %w, %r {hidden_size = 8} : (tensor<5x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>) -> (tensor<5x1x1x8xf32>, tensor<1x1x8xf32>, tensor<1x1x8xf32>)
  return
}

// -----

func.func @f(%x: tensor<5x1x4xf32>, %w: tensor<1x32x4xf32>, %r: tensor<1x32x8xf32>) {
  // expected-error @+1 {{'hl.lstm' op requires attribute 'hidden_size'}}
  %0:3 = hl.lstm %x, %w, %r {direction = "forward"} : (tensor<5x1x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>) -> (tensor<5x1x1x8xf32>, tensor<1x1x8xf32>, tensor<1x1x8xf32>)
  return
}

// -----

func.func @f(%x: tensor<5x1x4xf32>, %w: tensor<1x32x4xf32>, %r: tensor<1x32x8xf32>) {
  // expected-error @+1 {{'hl.lstm' op hidden_size must be positive}}
  %0:3 = hl.lstm %x, %w, %r {hidden_size = 0} : (tensor<5x1x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>) -> (tensor<5x1x1x8xf32>, tensor<1x1x8xf32>, tensor<1x1x8xf32>)
  return
}

// -----

func.func @f(%x: tensor<5x1x4xf32>, %w: tensor<1x32x4xf32>, %r: tensor<1x32x8xf32>) {
  // expected-error @+1 {{'hl.lstm' op attribute 'direction' must be one of "forward", "reverse", "bidirectional", got "sideways"}}
  %0:3 = hl.lstm %x, %w, %r {hidden_size = 8, direction = "sideways"} : (tensor<5x1x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>) -> (tensor<5x1x1x8xf32>, tensor<1x1x8xf32>, tensor<1x1x8xf32>)
  return
}

// -----

func.func @f(%x: tensor<5x1x4xf32>, %w: tensor<1x32x4xf32>, %r: tensor<1x32x8xf32>) {
  // expected-error @+1 {{'hl.lstm' op layout must be 0 or 1, got 2}}
  %0:3 = hl.lstm %x, %w, %r {hidden_size = 8, layout = 2} : (tensor<5x1x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>) -> (tensor<5x1x1x8xf32>, tensor<1x1x8xf32>, tensor<1x1x8xf32>)
  return
}

// -----

func.func @f(%x: tensor<5x1x4xf32>, %w: tensor<1x32x4xf32>, %r: tensor<1x32x8xf32>) {
  // expected-error @+1 {{'hl.lstm' op clip must be positive}}
  %0:3 = hl.lstm %x, %w, %r {hidden_size = 8, clip = -1.0 : f32} : (tensor<5x1x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>) -> (tensor<5x1x1x8xf32>, tensor<1x1x8xf32>, tensor<1x1x8xf32>)
  return
}

// -----

func.func @f(%x: tensor<5x1x4xf32>, %w: tensor<1x32x5xf32>, %r: tensor<1x32x8xf32>) {
  // expected-error @+1 {{'hl.lstm' op expects W of shape 1x32x4, got 1x32x5}}
  %0:3 = hl.lstm %x, %w, %r {hidden_size = 8} : (tensor<5x1x4xf32>, tensor<1x32x5xf32>, tensor<1x32x8xf32>) -> (tensor<5x1x1x8xf32>, tensor<1x1x8xf32>, tensor<1x1x8xf32>)
  return
}

// -----

func.func @f(%x: tensor<5x1x4xf32>, %w: tensor<1x32x4xf32>, %r: tensor<1x32x8xf32>) {
  // expected-error @+1 {{'hl.lstm' op expects W of shape 2x32x4, got 1x32x4}}
  %0:3 = hl.lstm %x, %w, %r {hidden_size = 8, direction = "bidirectional"} : (tensor<5x1x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>) -> (tensor<5x1x1x8xf32>, tensor<1x1x8xf32>, tensor<1x1x8xf32>)
  return
}

// -----

func.func @f(%x: tensor<5x1x4xf32>, %w: tensor<1x32x4xf32>, %r: tensor<1x32x8xf32>, %l: tensor<1xi64>) {
  // expected-error @+1 {{'hl.lstm' op requires sequence_lens element type 'i32', got 'i64'}}
  %0:3 = hl.lstm %x, %w, %r, %l {hidden_size = 8, operandSegmentSizes = array<i32: 1, 1, 1, 0, 1, 0, 0, 0>} : (tensor<5x1x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>, tensor<1xi64>) -> (tensor<5x1x1x8xf32>, tensor<1x1x8xf32>, tensor<1x1x8xf32>)
  return
}

// -----

func.func @f(%x: tensor<5x1x4xf32>, %w: tensor<1x32x4xf32>, %r: tensor<1x32x8xf32>, %b: tensor<1x64xf32>) {
  // expected-error @+1 {{'hl.lstm' op 'operandSegmentSizes' attribute for specifying operand segments must have 8 elements, but got 7}}
  %0:3 = hl.lstm %x, %w, %r, %b {hidden_size = 8, operandSegmentSizes = array<i32: 1, 1, 1, 1, 0, 0, 0>} : (tensor<5x1x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>, tensor<1x64xf32>) -> (tensor<5x1x1x8xf32>, tensor<1x1x8xf32>, tensor<1x1x8xf32>)
  return
}

// -----

func.func @f(%x: tensor<5x1x4xf32>, %w: tensor<1x32x4xf32>, %r: tensor<1x32x8xf32>, %b: tensor<1x64xf32>) {
  // expected-error @+1 {{'hl.lstm' op operand count (4) does not match with the total size (5) specified in attribute 'operandSegmentSizes'}}
  %0:3 = hl.lstm %x, %w, %r, %b {hidden_size = 8, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 0, 0, 0>} : (tensor<5x1x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>, tensor<1x64xf32>) -> (tensor<5x1x1x8xf32>, tensor<1x1x8xf32>, tensor<1x1x8xf32>)
  return
}

// -----

func.func @f(%x: tensor<5x1x4xf32>, %w: tensor<1x32x4xf32>, %r: tensor<1x32x8xf32>, %b: tensor<1x64xf32>) {
  // expected-error @+1 {{'hl.lstm' op 'operandSegmentSizes' gives X 0 operands; it takes 1}}
  %0:3 = hl.lstm %x, %w, %r, %b {hidden_size = 8, operandSegmentSizes = array<i32: 0, 1, 1, 1, 1, 0, 0, 0>} : (tensor<5x1x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>, tensor<1x64xf32>) -> (tensor<5x1x1x8xf32>, tensor<1x1x8xf32>, tensor<1x1x8xf32>)
  return
}

// -----

func.func @f(%x: tensor<5x1x4xf32>, %w: tensor<1x32x4xf32>, %r: tensor<1x32x8xf32>, %b: tensor<1x64xf32>) {
  // expected-error @+1 {{'hl.lstm' op attribute 'operandSegmentSizes' failed to satisfy constraint: i32 dense array attribute}}
  %0:3 = hl.lstm %x, %w, %r, %b {hidden_size = 8, operandSegmentSizes = array<i64: 1, 1, 1, 1, 0, 0, 0, 0>} : (tensor<5x1x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>, tensor<1x64xf32>) -> (tensor<5x1x1x8xf32>, tensor<1x1x8xf32>, tensor<1x1x8xf32>)
  return
}

// -----

func.func @f(%x: tensor<5x1x4xf32>, %w: tensor<1x32x4xf32>, %r: tensor<1x32x8xf32>, %h: tensor<1x2x8xf32>) {
  // expected-error @+1 {{'hl.lstm' op expects initial_h of shape 1x1x8, got 1x2x8}}
  %0:3 = hl.lstm %x, %w, %r, %h {hidden_size = 8, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 1, 0, 0>} : (tensor<5x1x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>, tensor<1x2x8xf32>) -> (tensor<5x1x1x8xf32>, tensor<1x1x8xf32>, tensor<1x1x8xf32>)
  return
}

// -----

func.func @f(%x: tensor<5x1x4xf32>, %w: tensor<1x32x4xf32>, %r: tensor<1x32x8xf32>, %p: tensor<1x24xf32>) {
  // expected-error @+1 {{'hl.lstm' op expected at most 8 operands, but found 9}}
  %0:3 = hl.lstm %x, %w, %r, %p, %p, %p, %p, %p, %p {hidden_size = 8} : (tensor<5x1x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>, tensor<1x24xf32>, tensor<1x24xf32>, tensor<1x24xf32>, tensor<1x24xf32>, tensor<1x24xf32>, tensor<1x24xf32>) -> (tensor<5x1x1x8xf32>, tensor<1x1x8xf32>, tensor<1x1x8xf32>)
  return
}

// -----

func.func @f(%x: tensor<5x1x4xf32>, %w: tensor<1x32x4xf32>, %r: tensor<1x32x8xf32>) {
  // expected-error @+1 {{'hl.lstm' op attribute 'activations' expects 3 elements, got 2}}
  %0:3 = hl.lstm %x, %w, %r {hidden_size = 8, activations = ["Sigmoid", "Tanh"]} : (tensor<5x1x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>) -> (tensor<5x1x1x8xf32>, tensor<1x1x8xf32>, tensor<1x1x8xf32>)
  return
}

// -----

func.func @f(%x: tensor<5x1x4xf32>, %w: tensor<1x32x4xf32>, %r: tensor<1x32x8xf32>) {
  // expected-error @+1 {{'hl.lstm' op unknown activation "Gelu"}}
  %0:3 = hl.lstm %x, %w, %r {hidden_size = 8, activations = ["Sigmoid", "Tanh", "Gelu"]} : (tensor<5x1x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>) -> (tensor<5x1x1x8xf32>, tensor<1x1x8xf32>, tensor<1x1x8xf32>)
  return
}

// -----

func.func @f(%x: tensor<5x1x4xf32>, %w: tensor<1x32x4xf32>, %r: tensor<1x32x8xf32>) {
  // expected-error @+1 {{'hl.lstm' op expected 3 results}}
  %0:2 = hl.lstm %x, %w, %r {hidden_size = 8} : (tensor<5x1x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>) -> (tensor<5x1x1x8xf32>, tensor<1x1x8xf32>)
  return
}

// -----

func.func @f(%x: tensor<5x1x4xf32>, %w: tensor<1x32x4xf32>, %r: tensor<1x32x8xf32>) {
  // expected-error @+2 {{'hl.lstm' op inferred type(s) 'tensor<5x1x1x8xf32>', 'tensor<1x1x8xf32>', 'tensor<1x1x8xf32>' are incompatible with return type(s) of operation 'tensor<5x1x8xf32>', 'tensor<1x1x8xf32>', 'tensor<1x1x8xf32>'}}
  // expected-error @+1 {{'hl.lstm' op failed to infer returned types}}
  %0:3 = hl.lstm %x, %w, %r {hidden_size = 8} : (tensor<5x1x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>) -> (tensor<5x1x8xf32>, tensor<1x1x8xf32>, tensor<1x1x8xf32>)
  return
}

// -----

func.func @f(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{'hl.reshape' op shape must be non-negative, got -1 at index 1 (-1 and 0 are resolved at import)}}
  %0 = hl.reshape %x {shape = array<i64: 2, -1>} : (tensor<4x4xf32>) -> tensor<2x8xf32>
  return
}

// -----

func.func @f(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{'hl.reshape' op requires the same number of elements: the input has 16, the shape 15}}
  %0 = hl.reshape %x {shape = array<i64: 3, 5>} : (tensor<4x4xf32>) -> tensor<3x5xf32>
  return
}

// -----

func.func @f(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{'hl.reshape' op requires attribute 'shape'}}
  %0 = "hl.reshape"(%x) : (tensor<4x4xf32>) -> tensor<16xf32>
  return
}

// -----

func.func @f(%x: tensor<4x4xf32>) {
  // expected-error @+2 {{'hl.reshape' op inferred type(s) 'tensor<2x8xf32>' are incompatible with return type(s) of operation 'tensor<8x2xf32>'}}
  // expected-error @+1 {{'hl.reshape' op failed to infer returned types}}
  %0 = hl.reshape %x {shape = array<i64: 2, 8>} : (tensor<4x4xf32>) -> tensor<8x2xf32>
  return
}

// -----

func.func @f(%x: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'hl.flatten' op axis 4 is out of range for rank 3}}
  %0 = hl.flatten %x {axis = 4} : (tensor<2x3x4xf32>) -> tensor<24x1xf32>
  return
}

// -----

func.func @f(%x: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'hl.transpose' op attribute 'perm' expects 3 elements, got 2}}
  %0 = hl.transpose %x {perm = array<i64: 1, 0>} : (tensor<2x3x4xf32>) -> tensor<3x2x4xf32>
  return
}

// -----

func.func @f(%x: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'hl.transpose' op perm must be a permutation of [0, 3)}}
  %0 = hl.transpose %x {perm = array<i64: 1, 0, 1>} : (tensor<2x3x4xf32>) -> tensor<3x2x3xf32>
  return
}

// -----

func.func @f(%x: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'hl.transpose' op perm must be a permutation of [0, 3)}}
  %0 = hl.transpose %x {perm = array<i64: 1, 0, 3>} : (tensor<2x3x4xf32>) -> tensor<3x2x4xf32>
  return
}

// -----

func.func @f(%a: tensor<1x2x4x4xf32>, %b: tensor<1x2x4xf32>) {
  // expected-error @+1 {{'hl.concat' op operand #1 has rank 3, expected 4}}
  %0 = hl.concat %a, %b {axis = 1} : (tensor<1x2x4x4xf32>, tensor<1x2x4xf32>) -> tensor<1x4x4x4xf32>
  return
}

// -----

func.func @f(%a: tensor<1x2x4x4xf32>, %b: tensor<1x2x5x4xf32>) {
  // expected-error @+1 {{'hl.concat' op operand #1 has size 5 in dimension 2, expected 4}}
  %0 = hl.concat %a, %b {axis = 1} : (tensor<1x2x4x4xf32>, tensor<1x2x5x4xf32>) -> tensor<1x4x4x4xf32>
  return
}

// -----

func.func @f(%a: tensor<2xf32>, %b: tensor<2xi32>) {
  // expected-error @+1 {{'hl.concat' op requires the same element type for all operands}}
  %0 = hl.concat %a, %b {axis = 0} : (tensor<2xf32>, tensor<2xi32>) -> tensor<4xf32>
  return
}

// -----

func.func @f(%a: tensor<2xf32>) {
  // expected-error @+1 {{'hl.concat' op axis 1 is out of range for rank 1}}
  %0 = hl.concat %a, %a {axis = 1} : (tensor<2xf32>, tensor<2xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @f(%a: tensor<2xf32>) {
  // expected-error @+1 {{'hl.concat' op requires attribute 'axis'}}
  %0 = "hl.concat"(%a, %a) : (tensor<2xf32>, tensor<2xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @f() {
  // expected-error @+1 {{'hl.concat' op expected 1 or more operands, but found 0}}
  %0 = "hl.concat"() {axis = 0} : () -> tensor<4xf32>
  return
}

// -----

func.func @f(%a: tensor<2xf32>) {
  // expected-error @+2 {{'hl.concat' op inferred type(s) 'tensor<4xf32>' are incompatible with return type(s) of operation 'tensor<2xf32>'}}
  // expected-error @+1 {{'hl.concat' op failed to infer returned types}}
  %0 = hl.concat %a, %a {axis = 0} : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @f(%x: tensor<4x6xf32>) {
  // expected-error @+1 {{'hl.slice' op attribute 'ends' expects 1 element, got 2}}
  %0 = hl.slice %x {starts = array<i64: 0>, ends = array<i64: 1, 2>} : (tensor<4x6xf32>) -> tensor<1x6xf32>
  return
}

// -----

func.func @f(%x: tensor<4x6xf32>) {
  // expected-error @+1 {{'hl.slice' op axes must be distinct, axis 1 repeats}}
  %0 = hl.slice %x {starts = array<i64: 0, 0>, ends = array<i64: 1, 2>, axes = array<i64: 1, -1>} : (tensor<4x6xf32>) -> tensor<4x1xf32>
  return
}

// -----

func.func @f(%x: tensor<4x6xf32>) {
  // expected-error @+1 {{'hl.slice' op axis 2 is out of range for rank 2}}
  %0 = hl.slice %x {starts = array<i64: 0>, ends = array<i64: 1>, axes = array<i64: 2>} : (tensor<4x6xf32>) -> tensor<4x6xf32>
  return
}

// -----

func.func @f(%x: tensor<4x6xf32>) {
  // expected-error @+1 {{'hl.slice' op steps must be non-zero}}
  %0 = hl.slice %x {starts = array<i64: 0>, ends = array<i64: 1>, steps = array<i64: 0>} : (tensor<4x6xf32>) -> tensor<1x6xf32>
  return
}

// -----

func.func @f(%x: tensor<4x6xf32>) {
  // expected-error @+1 {{'hl.slice' op attribute 'steps' expects 1 element, got 2}}
  %0 = hl.slice %x {starts = array<i64: 0>, ends = array<i64: 1>, steps = array<i64: 1, 1>} : (tensor<4x6xf32>) -> tensor<1x6xf32>
  return
}

// -----

func.func @f(%x: tensor<4x6xf32>) {
  // expected-error @+1 {{'hl.slice' op slices 3 axes of a rank-2 input}}
  %0 = hl.slice %x {starts = array<i64: 0, 0, 0>, ends = array<i64: 1, 1, 1>} : (tensor<4x6xf32>) -> tensor<1x1xf32>
  return
}

// -----

func.func @f(%x: tensor<4x6xf32>) {
  // expected-error @+1 {{'hl.slice' op requires attribute 'starts'}}
  %0 = "hl.slice"(%x) {ends = array<i64: 1>} : (tensor<4x6xf32>) -> tensor<1x6xf32>
  return
}

// -----

func.func @f(%x: tensor<4x6xf32>) {
  // expected-error @+2 {{'hl.slice' op inferred type(s) 'tensor<2x6xf32>' are incompatible with return type(s) of operation 'tensor<4x6xf32>'}}
  // expected-error @+1 {{'hl.slice' op failed to infer returned types}}
  %0 = hl.slice %x {starts = array<i64: -2>, ends = array<i64: 100>} : (tensor<4x6xf32>) -> tensor<4x6xf32>
  return
}

// -----

func.func @f(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'hl.pad' op attribute 'pads' expects 4 elements, got 2}}
  %0 = hl.pad %x {pads = array<i64: 1, 1>} : (tensor<2x3xf32>) -> tensor<3x4xf32>
  return
}

// -----

func.func @f(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'hl.pad' op reflect pads of dimension 1 must be smaller than its size (3)}}
  %0 = hl.pad %x {mode = "reflect", pads = array<i64: 0, 3, 0, 0>} : (tensor<2x3xf32>) -> tensor<2x6xf32>
  return
}

// -----

func.func @f(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'hl.pad' op padded dimension 0 is negative (-1)}}
  %0 = hl.pad %x {pads = array<i64: -2, 0, -1, 0>} : (tensor<2x3xf32>) -> tensor<0x3xf32>
  return
}

// -----

func.func @f(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'hl.pad' op attribute 'mode' must be one of "constant", "reflect", "edge", "wrap", got "mirror"}}
  %0 = hl.pad %x {mode = "mirror", pads = array<i64: 0, 0, 0, 0>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @f(%x: tensor<0x3xf32>) {
  // expected-error @+1 {{'hl.pad' op cannot pad empty dimension 0 in mode "edge"}}
  %0 = hl.pad %x {mode = "edge", pads = array<i64: 1, 0, 0, 0>} : (tensor<0x3xf32>) -> tensor<1x3xf32>
  return
}

// -----

func.func @f(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'hl.pad' op attribute 'value' failed to satisfy constraint: float attribute}}
  %0 = hl.pad %x {pads = array<i64: 0, 0, 0, 0>, value = 1 : i32} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @f(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'hl.pad' op attribute 'mode' failed to satisfy constraint: string attribute}}
  %0 = hl.pad %x {pads = array<i64: 0, 0, 0, 0>, mode = 1} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @f(%x: tensor<1x2x4x4xf32>) {
  // expected-error @+1 {{'hl.resize' op requires exactly one of 'scales' and 'sizes'}}
  %0 = hl.resize %x : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  return
}

// -----

func.func @f(%x: tensor<1x2x4x4xf32>) {
  // expected-error @+1 {{'hl.resize' op requires exactly one of 'scales' and 'sizes'}}
  %0 = hl.resize %x {scales = array<f32: 1.0, 1.0, 2.0, 2.0>, sizes = array<i64: 1, 2, 8, 8>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x8x8xf32>
  return
}

// -----

func.func @f(%x: tensor<1x2x4x4xf32>) {
  // expected-error @+1 {{'hl.resize' op attribute 'scales' expects 4 elements, got 2}}
  %0 = hl.resize %x {scales = array<f32: 2.0, 2.0>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x8x8xf32>
  return
}

// -----

func.func @f(%x: tensor<1x2x4x4xf32>) {
  // expected-error @+1 {{'hl.resize' op scales must be positive and finite}}
  %0 = hl.resize %x {scales = array<f32: 1.0, 1.0, 0.0, 2.0>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x0x8xf32>
  return
}

// -----

func.func @f(%x: tensor<1x2x4x4xf32>) {
  // expected-error @+1 {{'hl.resize' op sizes must be non-negative}}
  %0 = hl.resize %x {sizes = array<i64: 1, 2, -8, 8>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x8x8xf32>
  return
}

// -----

func.func @f(%x: tensor<1x2x4x4xf32>) {
  // expected-error @+1 {{'hl.resize' op requires 'roi' with coordinate_transformation_mode "tf_crop_and_resize"}}
  %0 = hl.resize %x {coordinate_transformation_mode = "tf_crop_and_resize", sizes = array<i64: 1, 2, 8, 8>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x8x8xf32>
  return
}

// -----

func.func @f(%x: tensor<1x2x4x4xf32>) {
  // expected-error @+1 {{'hl.resize' op attribute 'roi' expects 8 elements, got 2}}
  %0 = hl.resize %x {coordinate_transformation_mode = "tf_crop_and_resize", roi = array<f32: 0.0, 1.0>, sizes = array<i64: 1, 2, 8, 8>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x8x8xf32>
  return
}

// -----

func.func @f(%x: tensor<1x2x4x4xf32>) {
  // expected-error @+1 {{'hl.resize' op attribute 'nearest_mode' must be one of "round_prefer_floor", "round_prefer_ceil", "floor", "ceil", got "round"}}
  %0 = hl.resize %x {nearest_mode = "round", sizes = array<i64: 1, 2, 8, 8>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x8x8xf32>
  return
}

// -----

func.func @f(%x: tensor<1x2x4x4xi8>) {
  // expected-error @+1 {{'hl.resize' op operand #0 must be tensor of floating-point values, but got 'tensor<1x2x4x4xi8>'}}
  %0 = hl.resize %x {mode = "linear", sizes = array<i64: 1, 2, 8, 8>} : (tensor<1x2x4x4xi8>) -> tensor<1x2x8x8xi8>
  return
}

// -----

func.func @f(%x: tensor<1x2x4x4xf32>) {
  // expected-error @+2 {{'hl.resize' op inferred type(s) 'tensor<1x2x6x6xf32>' are incompatible with return type(s) of operation 'tensor<1x2x7x7xf32>'}}
  // expected-error @+1 {{'hl.resize' op failed to infer returned types}}
  %0 = hl.resize %x {scales = array<f32: 1.0, 1.0, 1.5, 1.5>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x7x7xf32>
  return
}

// -----

func.func @f(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'hl.reduce_mean' op axis 2 is out of range for rank 2}}
  %0 = hl.reduce_mean %x {axes = array<i64: 2>} : (tensor<2x3xf32>) -> tensor<2x1xf32>
  return
}

// -----

func.func @f(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'hl.reduce_sum' op axes must be distinct, axis 1 repeats}}
  %0 = hl.reduce_sum %x {axes = array<i64: 1, -1>} : (tensor<2x3xf32>) -> tensor<2x1xf32>
  return
}

// -----

func.func @f(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'hl.reduce_max' op attribute 'keepdims' failed to satisfy constraint: bool attribute}}
  %0 = hl.reduce_max %x {keepdims = 0} : (tensor<2x3xf32>) -> tensor<f32>
  return
}

// -----

func.func @f(%x: tensor<2x3xf32>) {
  // expected-error @+2 {{'hl.reduce_prod' op inferred type(s) 'tensor<3xf32>' are incompatible with return type(s) of operation 'tensor<2xf32>'}}
  // expected-error @+1 {{'hl.reduce_prod' op failed to infer returned types}}
  %0 = hl.reduce_prod %x {axes = array<i64: 0>, keepdims = false} : (tensor<2x3xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @f(%x: tensor<2x4xi32>) {
  // expected-error @+1 {{'hl.quantize' op operand #0 must be tensor of floating-point values, but got 'tensor<2x4xi32>'}}
  %0 = hl.quantize %x {scale = array<f32: 0.5>, zero_point = dense<0> : tensor<1xi8>} : (tensor<2x4xi32>) -> tensor<2x4xi8>
  return
}

// -----

func.func @f(%x: tensor<2x4xf32>) {
  // expected-error @+1 {{'hl.quantize' op attribute 'scale' must not be empty}}
  %0 = hl.quantize %x {scale = array<f32>, zero_point = dense<0> : tensor<1xi8>} : (tensor<2x4xf32>) -> tensor<2x4xi8>
  return
}

// -----

func.func @f(%x: tensor<2x4xf32>) {
  // expected-error @+1 {{'hl.quantize' op scale must be positive and finite}}
  %0 = hl.quantize %x {scale = array<f32: -0.5>, zero_point = dense<0> : tensor<1xi8>} : (tensor<2x4xf32>) -> tensor<2x4xi8>
  return
}

// -----

func.func @f(%x: tensor<2x4xf32>) {
  // expected-error @+1 {{'hl.quantize' op attribute 'zero_point' must be a dense 1-D tensor of 8-bit or 16-bit integers, got dense<0> : tensor<1xi32>}}
  %0 = hl.quantize %x {scale = array<f32: 0.5>, zero_point = dense<0> : tensor<1xi32>} : (tensor<2x4xf32>) -> tensor<2x4xi32>
  return
}

// -----

func.func @f(%x: tensor<2x4xf32>) {
  // expected-error @+1 {{'hl.quantize' op attribute 'zero_point' must be a dense 1-D tensor of 8-bit or 16-bit integers, got dense<0> : tensor<i8>}}
  %0 = hl.quantize %x {scale = array<f32: 0.5>, zero_point = dense<0> : tensor<i8>} : (tensor<2x4xf32>) -> tensor<2x4xi8>
  return
}

// -----

func.func @f(%x: tensor<2x4xf32>) {
  // expected-error @+1 {{'hl.quantize' op zero_point has 2 elements, expected 1 (one per scale)}}
  %0 = hl.quantize %x {scale = array<f32: 0.5>, zero_point = dense<0> : tensor<2xi8>} : (tensor<2x4xf32>) -> tensor<2x4xi8>
  return
}

// -----

func.func @f(%x: tensor<2x4xf32>) {
  // expected-error @+1 {{'hl.quantize' op per-axis scale has 3 elements, but dimension 1 of the input has 4}}
  %0 = hl.quantize %x {scale = array<f32: 0.5, 0.5, 0.5>, zero_point = dense<0> : tensor<3xi8>} : (tensor<2x4xf32>) -> tensor<2x4xi8>
  return
}

// -----

func.func @f(%x: tensor<2x4xf32>) {
  // expected-error @+1 {{'hl.quantize' op axis 2 is out of range for rank 2}}
  %0 = hl.quantize %x {axis = 2, scale = array<f32: 0.5, 0.5>, zero_point = dense<0> : tensor<2xi8>} : (tensor<2x4xf32>) -> tensor<2x4xi8>
  return
}

// -----

func.func @f(%x: tensor<2x4xf32>) {
  // expected-error @+1 {{'hl.quantize' op requires attribute 'zero_point'}}
  %0 = "hl.quantize"(%x) {scale = array<f32: 0.5>} : (tensor<2x4xf32>) -> tensor<2x4xi8>
  return
}

// -----

func.func @f(%x: tensor<2x4xf32>) {
  // expected-error @+2 {{'hl.quantize' op inferred type(s) 'tensor<2x4xui8>' are incompatible with return type(s) of operation 'tensor<2x4xi8>'}}
  // expected-error @+1 {{'hl.quantize' op failed to infer returned types}}
  %0 = hl.quantize %x {scale = array<f32: 0.5>, zero_point = dense<0> : tensor<1xui8>} : (tensor<2x4xf32>) -> tensor<2x4xi8>
  return
}

// -----

func.func @f(%x: tensor<4xf32>) {
  // expected-error @+1 {{'hl.dequantize' op operand #0 must be tensor of 8-bit, 16-bit or 32-bit integer values, but got 'tensor<4xf32>'}}
  %0 = hl.dequantize %x {scale = array<f32: 0.5>} : (tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @f(%x: tensor<4xi8>) {
  // expected-error @+1 {{'hl.dequantize' op requires zero_point element type 'i8' (the input's), got 'ui8'}}
  %0 = hl.dequantize %x {scale = array<f32: 0.5>, zero_point = dense<1> : tensor<1xui8>} : (tensor<4xi8>) -> tensor<4xf32>
  return
}

// -----

func.func @f(%x: tensor<4xi8>) {
  // expected-error @+1 {{'hl.dequantize' op scale must be positive and finite}}
  %0 = hl.dequantize %x {scale = array<f32: 0x7F800000>} : (tensor<4xi8>) -> tensor<4xf32>
  return
}

// -----

func.func @f(%x: tensor<4xi8>) {
  // expected-error @+2 {{'hl.dequantize' op inferred type(s) 'tensor<4xf32>' are incompatible with return type(s) of operation 'tensor<4xf16>'}}
  // expected-error @+1 {{'hl.dequantize' op failed to infer returned types}}
  %0 = hl.dequantize %x {scale = array<f32: 0.5>} : (tensor<4xi8>) -> tensor<4xf16>
  return
}

// -----

func.func @f(%x: tensor<1x2x4xi64>) {
  // expected-error @+1 {{'hl.requantize' op operand #0 must be tensor of 8-bit, 16-bit or 32-bit integer values, but got 'tensor<1x2x4xi64>'}}
  %0 = hl.requantize %x {multiplier = array<i64: 1>, shift = array<i64: 0>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x2x4xi64>) -> tensor<1x2x4xi8>
  return
}

// -----

func.func @f(%x: tensor<1x2x4xi32>) {
  // expected-error @+1 {{'hl.requantize' op multiplier must be in the i32 range, got 2147483648}}
  %0 = hl.requantize %x {multiplier = array<i64: 2147483648>, shift = array<i64: 0>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x2x4xi32>) -> tensor<1x2x4xi8>
  return
}

// -----

func.func @f(%x: tensor<1x2x4xi32>) {
  // expected-error @+1 {{'hl.requantize' op shift must be in [-128, 127], got 128}}
  %0 = hl.requantize %x {multiplier = array<i64: 1>, shift = array<i64: 128>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x2x4xi32>) -> tensor<1x2x4xi8>
  return
}

// -----

func.func @f(%x: tensor<1x2x4xi32>) {
  // expected-error @+1 {{'hl.requantize' op attribute 'shift' expects 2 elements, got 1}}
  %0 = hl.requantize %x {multiplier = array<i64: 1, 1>, shift = array<i64: 0>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x2x4xi32>) -> tensor<1x2x4xi8>
  return
}

// -----

func.func @f(%x: tensor<1x2x4xi32>) {
  // expected-error @+1 {{'hl.requantize' op attribute 'multiplier' must not be empty}}
  %0 = hl.requantize %x {multiplier = array<i64>, shift = array<i64>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x2x4xi32>) -> tensor<1x2x4xi8>
  return
}

// -----

func.func @f(%x: tensor<1x2x4xi32>) {
  // expected-error @+1 {{'hl.requantize' op zero_point has 3 elements, expected 1 or 2}}
  %0 = hl.requantize %x {multiplier = array<i64: 1, 1>, shift = array<i64: 0, 0>, zero_point = dense<0> : tensor<3xi8>} : (tensor<1x2x4xi32>) -> tensor<1x2x4xi8>
  return
}

// -----

func.func @f(%x: tensor<1x2x4xi32>) {
  // expected-error @+1 {{'hl.requantize' op per-axis multiplier has 2 elements, but dimension 2 of the input has 4}}
  %0 = hl.requantize %x {axis = 2, multiplier = array<i64: 1, 1>, shift = array<i64: 0, 0>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x2x4xi32>) -> tensor<1x2x4xi8>
  return
}

// -----

func.func @f(%x: tensor<1x2x4xi32>) {
  // expected-error @+1 {{'hl.requantize' op attribute 'zero_point' must be a dense 1-D tensor of 8-bit, 16-bit or 32-bit integers, got dense<0> : tensor<1xi64>}}
  %0 = hl.requantize %x {multiplier = array<i64: 1>, shift = array<i64: 0>, zero_point = dense<0> : tensor<1xi64>} : (tensor<1x2x4xi32>) -> tensor<1x2x4xi8>
  return
}

// -----

func.func @f(%x: tensor<1x2x4xi32>) {
  // expected-error @+1 {{'hl.requantize' op clamp_max 200 is outside the range [-128, 127] of the result type}}
  %0 = hl.requantize %x {clamp_max = 200, multiplier = array<i64: 1>, shift = array<i64: 0>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x2x4xi32>) -> tensor<1x2x4xi8>
  return
}

// -----

func.func @f(%x: tensor<1x2x4xi32>) {
  // expected-error @+1 {{'hl.requantize' op clamp_min 5 is greater than clamp_max 2}}
  %0 = hl.requantize %x {clamp_max = 2, clamp_min = 5, multiplier = array<i64: 1>, shift = array<i64: 0>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x2x4xi32>) -> tensor<1x2x4xi8>
  return
}

// -----

func.func @f(%x: tensor<1x2x4xi32>) {
  // expected-error @+2 {{'hl.requantize' op inferred type(s) 'tensor<1x2x4xi8>' are incompatible with return type(s) of operation 'tensor<1x2x4xui8>'}}
  // expected-error @+1 {{'hl.requantize' op failed to infer returned types}}
  %0 = hl.requantize %x {multiplier = array<i64: 1>, shift = array<i64: 0>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x2x4xi32>) -> tensor<1x2x4xui8>
  return
}

// -----

// The broadcasting ops' single-type short form says every operand has it.
func.func @f(%a: tensor<4xf32>, %b: tensor<1xf32>) {
  // expected-note @-1 {{prior use here}}
  // expected-error @+1 {{use of value '%b' expects different type than prior uses: 'tensor<4xf32>' vs 'tensor<1xf32>'}}
  %0 = hl.add %a, %b : tensor<4xf32>
  return
}

// -----

func.func @f(%a: tensor<4xf32>) {
  // expected-error @+1 {{expected a single type for operands and results, or a function type}}
  %0 = hl.add %a, %a : tensor<4xf32>, tensor<4xf32>
  return
}
