// The generic checks every registered op gets from its op-table entry
// (counts, inherent attributes, type constraints, traits), worded as MLIR's
// ODS verifiers; and which errors are reported when there are several (the
// first one of each function). Inferred result types are checked too, but
// the shipped ops reject such mismatches earlier: see
// test/unit/verifier_test.c.
// RUN: ipu-opt %s --split-input-file --verify-diagnostics --allow-unregistered-dialect

func.func @zero_operands(%a: tensor<2xf32>) {
  // expected-error @+1 {{'hl.constant' op requires zero operands}}
  %0 = "hl.constant"(%a) <{value = dense<1.0> : tensor<2xf32>}> : (tensor<2xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @single_operand(%a: tensor<2xf32>) {
  // expected-error @+1 {{'hl.relu' op requires a single operand}}
  %0 = "hl.relu"(%a, %a) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @n_operands(%a: tensor<2xf32>) {
  // expected-error @+1 {{'hl.add' op expected 2 operands, but found 1}}
  %0 = "hl.add"(%a) : (tensor<2xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @one_result(%a: tensor<2xf32>) {
  // expected-error @+1 {{'hl.add' op requires one result}}
  "hl.add"(%a, %a) : (tensor<2xf32>, tensor<2xf32>) -> ()
  return
}

// -----

func.func @zero_regions(%a: tensor<2xf32>) {
  // expected-error @+1 {{'hl.add' op requires zero regions}}
  %0 = "hl.add"(%a, %a) ({
  }) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @zero_successors(%a: tensor<2xf32>) {
  // expected-error @+1 {{'hl.add' op requires 0 successors but found 1}}
  %0 = "hl.add"(%a, %a)[^bb1] : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
^bb1:
  return
}

// -----

// expected-error @+1 {{'hw.tile' op requires one region}}
"hw.tile"() <{x = 0 : i64, y = 0 : i64}> : () -> ()

// -----

func.func @required_attribute() {
  // expected-error @+1 {{'hl.constant' op requires attribute 'value'}}
  %0 = "hl.constant"() : () -> tensor<2xf32>
  return
}

// -----

// expected-error @+1 {{'tile.array' op attribute 'rows' failed to satisfy constraint: 64-bit signless integer attribute}}
"tile.array"() <{rows = "four", cols = 4 : i64, sym_name = "a"}> ({
}) : () -> ()

// -----

func.func @call_attr() {
  // expected-error @+1 {{'func.call' op attribute 'callee' failed to satisfy constraint: flat symbol reference attribute}}
  "func.call"() <{callee = "g"}> : () -> ()
  return
}

// -----

func.func @operand_type(%a: i32) {
  // expected-error @+1 {{'hl.relu' op operand #0 must be tensor of integer or floating-point values, but got 'i32'}}
  %0 = "hl.relu"(%a) : (i32) -> i32
  return
}

// -----

func.func @result_type() {
  // expected-error @+1 {{'hl.constant' op result #0 must be ranked tensor of any type values, but got 'i32'}}
  %0 = "hl.constant"() <{value = dense<1> : tensor<2xi32>}> : () -> i32
  return
}

// -----

func.func @same_type(%a: tensor<2xf32>) {
  // expected-error @+1 {{'hl.relu' op requires the same type for all operands and results}}
  %0 = "hl.relu"(%a) : (tensor<2xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @single_block() {
  // expected-error @+1 {{'tile.simd' op expects region #0 to have 0 or 1 blocks}}
  "tile.simd"() ({
  ^bb0:
    "foo.br"()[^bb1] : () -> ()
  ^bb1:
    "foo.end"() : () -> ()
  }) : () -> ()
  return
}

// -----

// Several functions with errors: each reports its first error; later
// problems in the same function are not reported (no cascades).
func.func @first(%a: tensor<2xf32>) {
  // expected-error @+1 {{'hl.add' op expected 2 operands, but found 1}}
  %0 = "hl.add"(%a) : (tensor<2xf32>) -> tensor<2xf32>
  %1 = "hl.add"(%a) : (tensor<2xf32>) -> tensor<2xf32>
  "foo.use"(%2) : (tensor<2xf32>) -> ()
  %2 = "foo.def"() : () -> tensor<2xf32>
  return
}
func.func @second() {
  // expected-error @+1 {{'func.return' op must be the last operation in the parent block}}
  return
  "foo.op"() : () -> ()
}
func.func @third() {
  // expected-error @+1 {{operand #0 does not dominate this use}}
  "foo.use"(%0) : (i32) -> ()
  // expected-note @+1 {{operand defined here (op in the same block)}}
  %0 = "foo.def"() : () -> i32
  return
}
func.func @fine() {
  return
}
