// Without --allow-unregistered-dialect, ops, types and attributes of
// unknown dialects are errors, as in MLIR.
// RUN: ipu-opt %s --split-input-file --verify-diagnostics

// expected-error @+1 {{operation being parsed with an unregistered dialect}}
"unknown.op"() : () -> ()

// -----

// expected-error @+1 {{unregistered operation 'hl.nonexistent' found in dialect ('hl') that does not allow unknown operations}}
"hl.nonexistent"() : () -> ()

// -----

// expected-error @+1 {{!unknown.type type created with unregistered dialect}}
"builtin.module"() ({}) {a = !unknown.type} : () -> ()

// -----

// expected-error @+1 {{#unknown<"x"> attribute created with unregistered dialect}}
module attributes {a = #unknown<"x">} {}

// -----

// Types and attributes of registered dialects are kept opaque.
module attributes {a = !hl.any<1>, b = #tile.any} {}

// -----

// expected-error @+1 {{custom op 'unknown.op' is unknown}}
unknown.op
