// Invalid attributes, with MLIR's messages.
// RUN: ipu-opt %s --split-input-file --verify-diagnostics --allow-unregistered-dialect

// expected-error @+1 {{integer constant out of range for attribute}}
"t.op"() {a = 99999999999999999999} : () -> ()

// -----

// expected-error @+1 {{integer constant out of range for attribute}}
"t.op"() {a = 256 : i8} : () -> ()

// -----

// expected-error @+1 {{integer constant out of range for attribute}}
"t.op"() {a = -129 : i8} : () -> ()

// -----

// expected-error @+1 {{integer constant out of range for attribute}}
"t.op"() {a = 128 : si8} : () -> ()

// -----

// expected-error @+1 {{integer constant out of range for attribute}}
"t.op"() {a = 0x1FF : ui8} : () -> ()

// -----

// A thousand digits are rejected without converting them.
// expected-error @+1 {{integer constant out of range for attribute}}
"t.op"() {a = 1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000 : i128} : () -> ()

// -----

// expected-error @+1 {{negative integer literal not valid for unsigned integer type}}
"t.op"() {a = -1 : ui8} : () -> ()

// -----

// expected-error @+1 {{unexpected decimal integer literal for a floating point value}}
"t.op"() {a = 1 : f32} : () -> ()

// -----

// expected-error @+1 {{floating point value not valid for specified type}}
"t.op"() {a = 1.0 : i32} : () -> ()

// -----

// expected-error @+1 {{integer literal not valid for specified type}}
"t.op"() {a = 1 : tensor<4xi32>} : () -> ()

// -----

// expected-error @+1 {{hexadecimal float constant out of range for type}}
"t.op"() {a = 0x7FC0000000 : f32} : () -> ()

// -----

// expected-error @+1 {{hexadecimal float literal should not have a leading minus}}
"t.op"() {a = -0x7FC00000 : f32} : () -> ()

// -----

// expected-error @+1 {{duplicate key 'x' in dictionary attribute}}
"t.op"() {x = 1, y, x = 2} : () -> ()

// -----

// expected-error @+1 {{expected valid attribute name}}
"t.op"() {"" = 1} : () -> ()

// -----

// expected-error @+1 {{undefined symbol alias id 'nope'}}
"t.op"() {a = #nope} : () -> ()

// -----

#a = 1
// expected-error @+1 {{redefinition of attribute alias id 'a'}}
#a = 2

// -----

// expected-error @+1 {{element type bitwidth must be a multiple of 8}}
"t.op"() {a = array<i7: 1>} : () -> ()

// -----

// expected-error @+1 {{invalid element type for dense array}}
"t.op"() {a = array<f16: 1.0>} : () -> ()

// -----

// expected-error @+1 {{integer constant out of range}}
"t.op"() {a = array<i8: 300>} : () -> ()

// -----

// expected-error @+1 {{unexpected decimal integer literal for a floating point value}}
"t.op"() {a = array<f32: 1>} : () -> ()

// -----

// expected-error @+1 {{expected integer elements, but parsed floating-point}}
"t.op"() {a = array<i32: 1.5>} : () -> ()

// -----

// expected-error @+1 {{inferred shape of elements literal ([2]) does not match type ([3])}}
"t.op"() {a = dense<[1, 2]> : tensor<3xi32>} : () -> ()

// -----

// expected-error @+1 {{inferred shape of elements literal ([2, 1]) does not match type ([2])}}
"t.op"() {a = dense<[[1], [2]]> : tensor<2xi32>} : () -> ()

// -----

// expected-error @+1 {{tensor literal is invalid; ranks are not consistent between elements}}
"t.op"() {a = dense<[[1], [2, 3]]> : tensor<2x2xi32>} : () -> ()

// -----

// expected-error @+1 {{tensor literal is invalid; ranks are not consistent between elements}}
"t.op"() {a = dense<[[1], 2]> : tensor<2x1xi32>} : () -> ()

// -----

// expected-error @+1 {{elements hex data size is invalid for provided type: 'tensor<3xi32>'}}
"t.op"() {a = dense<"0x0102"> : tensor<3xi32>} : () -> ()

// -----

// expected-error @+1 {{expected string containing hex digits starting with `0x`}}
"t.op"() {a = dense<"0xZZ"> : tensor<i8>} : () -> ()

// -----

// expected-error @+1 {{expected string containing hex digits starting with `0x`}}
"t.op"() {a = dense<"abc"> : tensor<i8>} : () -> ()

// -----

// expected-error @+1 {{expected integer elements, but parsed floating-point}}
"t.op"() {a = dense<1.5> : tensor<3xi32>} : () -> ()

// -----

// expected-error @+1 {{expected floating-point elements, but parsed integer}}
"t.op"() {a = dense<[1.5, 2]> : tensor<2xf32>} : () -> ()

// -----

// expected-error @+1 {{integer constant out of range for type}}
"t.op"() {a = dense<256> : tensor<i8>} : () -> ()

// -----

// expected-error @+1 {{expected unsigned integer elements, but parsed negative value}}
"t.op"() {a = dense<-1> : tensor<ui8>} : () -> ()

// -----

// expected-error @+1 {{expected complex element (re, im)}}
"t.op"() {a = dense<1.0> : tensor<complex<f32>>} : () -> ()

// -----

// expected-error @+1 {{unexpected complex element}}
"t.op"() {a = dense<(1.0, 2.0)> : tensor<f32>} : () -> ()

// -----

// expected-error @+1 {{elements literal must be a shaped type}}
"t.op"() {a = dense<1> : i32} : () -> ()

// -----

// expected-error @+1 {{elements literal type must have static shape}}
"t.op"() {a = dense<1> : tensor<?xi32>} : () -> ()

// -----

// expected-error @+1 {{parsed zero elements, but type (tensor<2xi32>) expected at least 1}}
"t.op"() {a = dense<> : tensor<2xi32>} : () -> ()

// -----

// expected-error @+1 {{unexpected string in dense elements}}
"t.op"() {a = dense<["0x01"]> : tensor<1xi8>} : () -> ()

// -----

// expected-error @+1 {{expected a shaped type for dense_resource}}
"t.op"() {a = dense_resource<r> : i32} : () -> ()
