// Syntax errors, reported at the offending token in MLIR's words.
// RUN: ipu-opt %s --split-input-file --verify-diagnostics --allow-unregistered-dialect

// expected-error @+1 {{expected ')' to end operand list}}
"t.op"(%0 : () -> ()

// -----

// expected-error @+1 {{expected ':' followed by operation type}}
"t.op"() {a = 1} () -> ()

// -----

// expected-error @+1 {{expected ':' followed by operation type}}
"t.op"() "t.next"() : () -> ()

// -----

// expected-error @+1 {{expected non-function type}}
"t.op"() : (, ) -> ()

// -----

// expected-error @+1 {{expected '->'}}
"t.op"() : () i32

// -----

// expected-error @+1 {{expected function type}}
"t.op"() : i32

// -----

// expected-error @+1 {{expected operation name in quotes}}
%0 = 42

// -----

// expected-error @+1 {{expected operation name in quotes}}
}

// -----

// expected-error @+1 {{expected attribute value}}
"t.op"() {a = } : () -> ()

// -----

// expected-error @+1 {{expected attribute name}}
"t.op"() {= 1} : () -> ()

// -----

// expected-error @+1 {{expected ',' or ']'}}
"t.op"() {a = [1 2]} : () -> ()

// -----

// expected-error @+1 {{expected ',' or '}'}}
"t.op"() {a = 1 b = 2} : () -> ()

// -----

// expected-error @+1 {{expected ':' after block name}}
"t.op"() ({ ^bb0 "t.op"() : () -> () }) : () -> ()

// -----

// expected-error @+1 {{expected ':' and type for SSA operand}}
"t.op"() ({ ^bb0(%a): }) : () -> ()

// -----

// expected-error @+1 {{expected SSA operand}}
"t.op"() ({ ^bb0(i32): }) : () -> ()

// -----

// expected-error @+1 {{expected '>'}}
"t.op"() <{a = 1} : () -> ()

// -----

// expected-error @+1 {{expected location instance}}
"t.op"() : () -> () loc(12)

// -----

// expected-error @+1 {{expected '('}}
"t.op"() : () -> () loc "x"

// -----

// expected-error @+1 {{expected 'at' in callsite location}}
"t.op"() : () -> () loc(callsite("a" "b"))

// -----

// expected-error @+1 {{expected integer}}
"t.op"() : () -> () loc("a":x:1)

// -----

// expected-error @+1 {{cannot name an operation with no results}}
%0 = "t.op"() : () -> ()

// -----

// expected-error @+1 {{operation defines 2 results but was provided 3 to bind}}
%0, %1, %2 = "t.op"() : () -> (i32, i32)

// -----

// expected-error @+1 {{operation defines 2 results but was provided 1 to bind}}
%0 = "t.op"() : () -> (i32, i32)

// -----

// expected-error @+1 {{expected valid result count}}
%0:0 = "t.op"() : () -> ()

// -----

// expected-error @+2 {{expected 1 operand type but had 2}}
%0 = "t.op"() : () -> i32
"t.use"(%0) : (i32, i32) -> ()

// -----

// expected-error @+1 {{empty operation name is invalid}}
"" () : () -> ()

// -----

// expected-error @+1 {{attribute names with a '.' are reserved for dialect-defined names}}
#t.attr = 1

// -----

// expected-error @+1 {{type names with a '.' are reserved for dialect-defined names}}
!t.type = i32

// -----

// expected-error @+1 {{expected operation name in quotes}}
#alias = 1 2
