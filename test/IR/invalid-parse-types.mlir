// Invalid types, with MLIR's messages.
// RUN: ipu-opt %s --split-input-file --verify-diagnostics --allow-unregistered-dialect

// expected-error @+1 {{integer bitwidth is limited to 16777215 bits}}
"t.op"() {a = i16777216} : () -> ()

// -----

// expected-error @+1 {{integer bitwidth is limited to 16777215 bits}}
"t.op"() {a = si99999999999999999999} : () -> ()

// -----

// expected-error @+1 {{scalable dimensions are only allowed in vector types}}
"t.op"() {a = tensor<[4]xf32>} : () -> ()

// -----

// expected-error @+1 {{vector types must have positive constant sizes}}
"t.op"() {a = vector<0xf32>} : () -> ()

// -----

// expected-error @+1 {{vector types must have positive constant sizes}}
"t.op"() {a = vector<?xf32>} : () -> ()

// -----

// expected-error @+1 {{vector elements must be int/index/float type}}
"t.op"() {a = vector<4xcomplex<f32>>} : () -> ()

// -----

// expected-error @+1 {{invalid tensor element type}}
"t.op"() {a = tensor<4xtensor<f32>>} : () -> ()

// -----

// expected-error @+1 {{invalid tensor element type}}
"t.op"() {a = tensor<*xnone>} : () -> ()

// -----

// expected-error @+1 {{invalid memref element type}}
"t.op"() {a = memref<4xtuple<>>} : () -> ()

// -----

// expected-error @+1 {{multiple memory spaces specified in memref type}}
"t.op"() {a = memref<4xf32, 1, 2>} : () -> ()

// -----

// expected-error @+1 {{unsupported memory space Attribute}}
"t.op"() {a = memref<4xf32, [1]>} : () -> ()

// -----

// expected-error @+1 {{invalid element type for complex}}
"t.op"() {a = complex<index>} : () -> ()

// -----

// expected-error @+1 {{expected non-function type}}
"t.op"() {a = tensor<4x4>} : () -> ()

// -----

// expected-error @+1 {{expected non-function type}}
"t.op"() {a = tuple<i32,>} : () -> ()

// -----

// A function type returns one non-function type or a parenthesized list.
// expected-error @+1 {{expected ',' or '}'}}
"t.op"() {a = () -> () -> ()} : () -> ()

// -----

// expected-error @+1 {{undefined symbol alias id 'missing'}}
"t.op"() : () -> !missing

// -----

!t = i32
// expected-error @+1 {{redefinition of type alias id 't'}}
!t = f32

// -----

// Aliases must be defined before they are used (except locations).
// expected-error @+1 {{undefined symbol alias id 'later'}}
"t.op"() : () -> !later
!later = i32
