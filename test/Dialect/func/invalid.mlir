// Every verifier error of the func dialect, in MLIR's words.
// RUN: ipu-opt %s --split-input-file --verify-diagnostics

// expected-error @+1 {{'func.func' op requires attribute 'function_type'}}
"func.func"() ({
}) {sym_name = "f"} : () -> ()

// -----

// expected-error @+1 {{'func.func' op requires attribute 'sym_name'}}
"func.func"() ({
}) {function_type = (i32) -> ()} : () -> ()

// -----

// expected-error @+1 {{'func.func' op attribute 'sym_name' failed to satisfy constraint: string attribute}}
"func.func"() ({
}) {sym_name = 4 : i64, function_type = (i32) -> (), sym_visibility = "private"} : () -> ()

// -----

// expected-error @+1 {{'func.func' op attribute 'function_type' failed to satisfy constraint: type attribute of function type}}
"func.func"() ({
}) {sym_name = "f", function_type = i32, sym_visibility = "private"} : () -> ()

// -----

// expected-error @+1 {{'func.func' op attribute 'sym_visibility' failed to satisfy constraint: string attribute}}
"func.func"() ({
}) {sym_name = "f", function_type = (i32) -> (), sym_visibility = 1 : i64} : () -> ()

// -----

// expected-error @+1 {{'func.func' op attribute 'arg_attrs' failed to satisfy constraint: Array of dictionary attributes}}
"func.func"() ({
}) {sym_name = "f", function_type = (i32) -> (), sym_visibility = "private", arg_attrs = [1 : i64]} : () -> ()

// -----

// expected-error @+1 {{'func.func' op attribute 'res_attrs' failed to satisfy constraint: Array of dictionary attributes}}
"func.func"() ({
}) {sym_name = "f", function_type = () -> i32, sym_visibility = "private", res_attrs = ["x"]} : () -> ()

// -----

// expected-error @+1 {{'func.func' op requires one region}}
"func.func"() {sym_name = "f", function_type = () -> ()} : () -> ()

// -----

// expected-error @+1 {{'func.func' op requires zero results}}
"func.func"() ({
}) {sym_name = "f", function_type = () -> (), sym_visibility = "private"} : () -> i32

// -----

// expected-error @+1 {{'func.func' op visibility expected to be one of ["public", "private", "nested"], but got "hidden"}}
"func.func"() ({
}) {sym_name = "f", function_type = () -> (), sym_visibility = "hidden"} : () -> ()

// -----

// expected-error @+1 {{'func.func' op symbol declaration cannot have public visibility}}
func.func @decl(i32) -> f32

// -----

// expected-error @+1 {{'func.func' op symbol declaration cannot have public visibility}}
"func.func"() ({
}) {sym_name = "f", function_type = () -> (), sym_visibility = "public"} : () -> ()

// -----

// expected-error @+1 {{'func.func' op expects argument attribute array to have the same number of elements as the number of function arguments, got 2, but expected 1}}
"func.func"() ({
}) {sym_name = "f", function_type = (i32) -> (), sym_visibility = "private", arg_attrs = [{}, {}]} : () -> ()

// -----

// expected-error @+1 {{'func.func' op expects result attribute array to have the same number of elements as the number of function results, got 0, but expected 1}}
"func.func"() ({
}) {sym_name = "f", function_type = (i32) -> i32, sym_visibility = "private", res_attrs = []} : () -> ()

// -----

// expected-error @+1 {{'func.func' op arguments may only have dialect attributes}}
func.func private @f(i32 {noprefix})

// -----

// expected-error @+1 {{'func.func' op results may only have dialect attributes}}
func.func private @f() -> (i32 {noprefix = 1 : i64})

// -----

// expected-error @+1 {{'func.func' op entry block must have 1 arguments to match function signature}}
"func.func"() ({
^bb0(%a: i32, %b: i32):
  "func.return"() : () -> ()
}) {sym_name = "f", function_type = (i32) -> ()} : () -> ()

// -----

// expected-error @+1 {{'func.func' op type of entry block argument #0('i32') must match the type of the corresponding argument in function signature('f32')}}
"func.func"() ({
^bb0(%a: i32):
  "func.return"() : () -> ()
}) {sym_name = "f", function_type = (f32) -> ()} : () -> ()

// -----

// expected-error @+1 {{'func.return' op expects parent op 'func.func'}}
"func.return"() : () -> ()

// -----

func.func @f(%a: i32) -> (f32, f32) {
  // expected-error @+1 {{'func.return' op has 1 operands, but enclosing function (@f) returns 2}}
  return %a : i32
}

// -----

func.func @f(%a: i32) {
  // expected-error @+1 {{'func.return' op has 1 operands, but enclosing function (@f) returns 0}}
  "func.return"(%a) : (i32) -> ()
}

// -----

func.func @f(%a: i32) -> f32 {
  // expected-error @+1 {{type of return operand 0 ('i32') doesn't match function result type ('f32') in function @f}}
  return %a : i32
}

// -----

func.func @f(%a: i32) -> (i32, tensor<2xf32>) {
  // expected-error @+1 {{type of return operand 1 ('i32') doesn't match function result type ('tensor<2xf32>') in function @f}}
  return %a, %a : i32, i32
}

// -----

func.func @f() {
  // expected-error @+1 {{'func.call' op requires attribute 'callee'}}
  "func.call"() : () -> ()
  return
}

// -----

func.func @f() {
  // expected-error @+1 {{'func.call' op attribute 'callee' failed to satisfy constraint: flat symbol reference attribute}}
  "func.call"() {callee = "f"} : () -> ()
  return
}

// -----

func.func @f() {
  // expected-error @+1 {{'func.call' op attribute 'callee' failed to satisfy constraint: flat symbol reference attribute}}
  "func.call"() {callee = @f::@g} : () -> ()
  return
}

// -----

func.func @f(%a: i32) {
  // expected-error @+1 {{'func.call' op 'foo' does not reference a valid function}}
  %0 = call @foo(%a) : (i32) -> i32
  return
}

// -----

module @m {
  module @g {
  }
  func.func @f() {
    // expected-error @+1 {{'func.call' op 'g' does not reference a valid function}}
    call @g() : () -> ()
    return
  }
}

// -----

func.func private @g(f32) -> i32
func.func @f(%a: f32) {
  // expected-error @+1 {{'func.call' op incorrect number of operands for callee}}
  %0 = call @g(%a, %a) : (f32, f32) -> i32
  return
}

// -----

func.func private @g(f32) -> i32
func.func @f(%a: i32) {
  // expected-error @+1 {{'func.call' op operand type mismatch: expected operand type 'f32', but provided 'i32' for operand number 0}}
  %0 = call @g(%a) : (i32) -> i32
  return
}

// -----

func.func private @g(f32) -> i32
func.func @f(%a: f32) {
  // expected-error @+1 {{'func.call' op incorrect number of results for callee}}
  %0:2 = call @g(%a) : (f32) -> (i32, i32)
  return
}

// -----

func.func private @g(f32) -> (i32, f32)
func.func @f(%a: f32) {
  // expected-error @+3 {{'func.call' op result type mismatch at index 1}}
  // expected-note @+2 {{      op result types: 'i32', 'i32'}}
  // expected-note @+1 {{function result types: 'i32', 'f32'}}
  %0:2 = call @g(%a) : (f32) -> (i32, i32)
  return
}
