// Every verifier error of the hl ops.
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

func.func @f(%a: tensor<2xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{'hl.add' op requires the same type for all operands and results}}
  %0 = "hl.add"(%a, %b) : (tensor<2xf32>, tensor<3xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @f(%a: tensor<2xf32>) {
  // expected-error @+1 {{'hl.mul' op requires the same type for all operands and results}}
  %0 = "hl.mul"(%a, %a) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xi32>
  return
}

// -----

func.func @f(%a: tensor<?xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'hl.add' op failed to verify that all of {lhs, rhs, output} have same type}}
  %0 = "hl.add"(%a, %b) : (tensor<?xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @f(%a: tensor<4xi8>, %b: tensor<?xi8>) {
  // expected-error @+1 {{'hl.mul' op failed to verify that all of {lhs, rhs, output} have same type}}
  %0 = "hl.mul"(%a, %a) : (tensor<4xi8>, tensor<4xi8>) -> tensor<?xi8>
  return
}

// -----

func.func @f(%a: tensor<*xf32>) {
  // expected-error @+1 {{'hl.relu' op failed to verify that all of {input, output} have same type}}
  %0 = "hl.relu"(%a) : (tensor<*xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @f(%a: f32) {
  // expected-error @+1 {{'hl.add' op operand #0 must be tensor of integer or floating-point values, but got 'f32'}}
  %0 = hl.add %a, %a : f32
  return
}

// -----

func.func @f(%a: tensor<2xindex>) {
  // expected-error @+1 {{'hl.mul' op operand #0 must be tensor of integer or floating-point values, but got 'tensor<2xindex>'}}
  %0 = hl.mul %a, %a : tensor<2xindex>
  return
}

// -----

func.func @f(%a: tensor<2xf32>) {
  // expected-error @+1 {{'hl.add' op expected 2 operands, but found 1}}
  %0 = "hl.add"(%a) : (tensor<2xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @f(%a: tensor<2xf32>) {
  // expected-error @+1 {{'hl.relu' op requires the same type for all operands and results}}
  %0 = "hl.relu"(%a) : (tensor<2xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @f(%a: tensor<2xf32>) {
  // expected-error @+1 {{'hl.relu' op requires one result}}
  %0:2 = "hl.relu"(%a) : (tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>)
  return
}
