// SSA names and blocks: undefined and redefined names, type mismatches
// between uses and definitions, result numbers, undefined and redefined
// blocks, isolated scopes.
// RUN: ipu-opt %s --split-input-file --verify-diagnostics --allow-unregistered-dialect

// expected-error @+1 {{use of undeclared SSA value name}}
"t.use"(%missing) : (i32) -> ()

// -----

"t.region"() ({
  // expected-error @+1 {{use of undeclared SSA value name}}
  "t.use"(%a) : (i32) -> ()
  // expected-error @+1 {{use of undeclared SSA value name}}
  "t.use"(%b) : (i32) -> ()
}) : () -> ()

// -----

// expected-note @+1 {{previously defined here}}
%x = "t.op"() : () -> i32
// expected-error @+1 {{redefinition of SSA value '%x'}}
%x = "t.op"() : () -> i32

// -----

// A name of an enclosing region may not be defined again inside.
// expected-note @+1 {{previously defined here}}
%x = "t.op"() : () -> i32
"t.region"() ({
  // expected-error @+1 {{redefinition of SSA value '%x'}}
  %x = "t.op"() : () -> i32
}) : () -> ()

// -----

// expected-error @+2 {{use of value '%x' expects different type than prior uses: 'f32' vs 'i32'}}
// expected-note @+1 {{prior use here}}
"t.use"(%x, %x) : (i32, f32) -> ()
%x = "t.op"() : () -> i32

// -----

// expected-note @+1 {{prior use here}}
%x = "t.op"() : () -> i32
// expected-error @+1 {{use of value '%x' expects different type than prior uses: 'f32' vs 'i32'}}
"t.use"(%x) : (f32) -> ()

// -----

// expected-note @+1 {{previously used here with type 'i32'}}
"t.use"(%x) : (i32) -> ()
// expected-error @+1 {{definition of SSA value '%x#0' has type 'f32'}}
%x = "t.op"() : () -> f32

// -----

%x:2 = "t.op"() : () -> (i32, i32)
// expected-error @+1 {{reference to invalid result number}}
"t.use"(%x#2) : (i32) -> ()

// -----

// A name defined in a closed region is gone.
"t.region"() ({
  %inner = "t.op"() : () -> i32
}) : () -> ()
// expected-error @+1 {{use of undeclared SSA value name}}
"t.use"(%inner) : (i32) -> ()

// -----

"t.region"() ({
^bb0(%a: i32, %a: f32):
  // expected-error @-1 {{redefinition of SSA value '%a'}}
  // expected-note @-2 {{previously defined here}}
  "t.op"() : () -> ()
}) : () -> ()

// -----

"t.region"() ({
  // expected-error @+1 {{reference to an undefined block}}
  "t.br"()[^nowhere] : () -> ()
}) : () -> ()

// -----

// expected-error @+1 {{reference to an undefined block}}
"t.br"()[^bb1] : () -> ()

// -----

"t.region"() ({
^bb1:
  "t.op"() : () -> ()
// expected-error @+1 {{redefinition of block '^bb1'}}
^bb1:
  "t.op"() : () -> ()
}) : () -> ()

// -----

// Blocks belong to their region: a nested region cannot name them.
"t.region"() ({
^bb1:
  "t.region"() ({
    // expected-error @+1 {{reference to an undefined block}}
    "t.br"()[^bb1] : () -> ()
  }) : () -> ()
}) : () -> ()

// -----

// Functions are isolated from above in custom form.
%outer = "t.op"() : () -> i32
func.func @f() {
  // expected-error @+1 {{use of undeclared SSA value name}}
  "t.use"(%outer) : (i32) -> ()
  return
}

// -----

// expected-error @+1 {{region entry argument '%a' is already in use}}
func.func @f(%a: i32, %a: i32) {
  return
}

// -----

"t.region"() ({
  // expected-error @+1 {{invalid block argument name}}
  ^bb0(%a#1: i32):
}) : () -> ()
