// Structural verifier errors (blocks, terminators, regions, isolation,
// symbol tables, unknown ops), in MLIR's words. Only func, builtin and
// unregistered ops, so `mlir-opt` accepts this file and gives the same
// diagnostics.
// RUN: ipu-opt %s --split-input-file --verify-diagnostics --allow-unregistered-dialect

func.func private @g()
func.func @no_terminator() {
  // expected-error @+1 {{block with no terminator, has "func.call"() <{callee = @g}> : () -> ()}}
  func.call @g() : () -> ()
}

// -----

func.func @return_not_last() {
  // expected-error @+1 {{'func.return' op must be the last operation in the parent block}}
  "func.return"() : () -> ()
  "foo.op"() : () -> ()
}

// -----

// expected-error @+1 {{'func.return' op expects parent op 'func.func'}}
"func.return"() : () -> ()

// -----

func.func @unregistered_last_op_may_terminate() {
  "foo.op"() : () -> ()
}

// -----

func.func @unregistered_region_needs_no_terminator() {
  "foo.region"() ({
    "foo.op"() : () -> ()
  }) : () -> ()
  return
}

// -----

func.func @empty_block() {
  // expected-error @+1 {{empty block: expect at least a terminator}}
  "foo.region"() ({
  ^bb0:
    "foo.br"()[^bb1] : () -> ()
  ^bb1:
  }) : () -> ()
  return
}

// -----

func.func @successors_in_the_middle() {
  "foo.region"() ({
    // expected-error @+1 {{operation with block successors must terminate its parent block}}
    "foo.br"()[^bb1] : () -> ()
    "foo.op"() : () -> ()
  ^bb1:
    "foo.end"() : () -> ()
  }) : () -> ()
  return
}

// -----

// expected-error @+1 {{entry block of region may not have predecessors}}
"foo.region"() ({
^bb0:
  "foo.br"()[^bb0] : () -> ()
}) : () -> ()

// -----

// expected-note @+1 {{see existing symbol definition here}}
func.func private @f()
// expected-error @+1 {{redefinition of symbol named 'f'}}
func.func private @f()

// -----

"builtin.module"() ({
  // expected-note @+1 {{see existing symbol definition here}}
  "foo.sym"() {sym_name = "s"} : () -> ()
  // expected-error @+1 {{redefinition of symbol named 's'}}
  "foo.sym"() {sym_name = "s"} : () -> ()
}) : () -> ()

// -----

// expected-error @+1 {{'builtin.module' op expects region #0 to have 0 or 1 blocks}}
"builtin.module"() ({
^bb0:
  "foo.op"() : () -> ()
^bb1:
  "foo.op"() : () -> ()
}) : () -> ()

// -----

// expected-error @+1 {{unregistered operation 'func.foo' found in dialect ('func') that does not allow unknown operations}}
"func.foo"() : () -> ()

// -----

// expected-error @+1 {{'func.func' op requires one region}}
"func.func"() <{function_type = () -> (), sym_name = "f"}> : () -> ()

// -----

func.func @return_result() {
  // expected-error @+1 {{'func.return' op requires zero results}}
  %0 = "func.return"() : () -> i32
}

// -----

func.func @return_region() {
  // expected-error @+1 {{'func.return' op requires zero regions}}
  "func.return"() ({
  }) : () -> ()
}

// -----

func.func @return_successor() {
  // expected-error @+1 {{'func.return' op requires 0 successors but found 1}}
  "func.return"()[^bb1] : () -> ()
^bb1:
  return
}

// -----

// expected-error @+1 {{'func.func' op visibility expected to be one of ["public", "private", "nested"], but got "odd"}}
"func.func"() <{function_type = () -> (), sym_name = "f", sym_visibility = "odd"}> ({
}) : () -> ()
