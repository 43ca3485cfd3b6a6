// Errors where the parser takes cached text or a plain operand list as one
// token: reported where the normal path reports them.
// RUN: ipu-opt %s --split-input-file --verify-diagnostics --allow-unregistered-dialect

"t.a"() {k = 1 : i64} : () -> ()
// expected-error @+1 {{duplicate key 'k' in dictionary attribute}}
"t.a"() {k = 1 : i64, j, k = 1 : i64} : () -> ()

// -----

"t.a"() {k = 1 : i64} : () -> ()
// expected-error @+1 {{undefined symbol alias id 'undefined'}}
"t.a"() {k = 1 : i64, j = #undefined} : () -> ()

// -----

func.func @f(%a: i32) {
  %r:2 = "t.e"(%a, %a) : (i32, i32) -> (i32, i32)
  // expected-error @+1 {{reference to invalid result number}}
  "t.f"(%a, %r#2) : (i32, i32) -> ()
  return
}

// -----

func.func @f(%a: i32) {
  // expected-error @+1 {{use of undeclared SSA value name}}
  "t.f"(%a, %nope) : (i32, i32) -> ()
  return
}

// -----

func.func @f(%a: i32) {
  // expected-error @+1 {{expected ')' to end operand list}}
  "t.f"(%a, %0abc) : (i32, i32) -> ()
  return
}

// -----

func.func @f(%a: i32) {
  // expected-error @+1 {{expected SSA operand}}
  "t.f"(%a, ) : (i32, i32) -> ()
  return
}

// -----

// expected-error @+1 {{expected valid result count}}
%a:0 = "t.m"() : () -> ()

// -----

"t.m"() : () -> ()
// expected-error @+1 {{operation defines 1 results but was provided 2 to bind}}
%a, %b = "t.m"() : () -> i32

// -----

func.func @f() {
  // expected-note @+1 {{previously defined here}}
  %a = "t.m"() : () -> i32
  // expected-error @+1 {{redefinition of SSA value '%a'}}
  %b, %a = "t.m"() : () -> (i32, i32)
  return
}
