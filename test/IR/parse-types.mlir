// Builtin types, dialect types and type aliases, as type attributes and as
// operand/result types.
// RUN: ipu-opt %s --allow-unregistered-dialect | FileCheck %s
// RUN: ipu-opt %s --allow-unregistered-dialect --mlir-print-op-generic | ipu-opt --allow-unregistered-dialect | FileCheck %s

!alias = tensor<4x?xf32>
!nested = tuple<!alias, i8>

// CHECK: "t.int"() {a = i1, b = i32, c = si8, d = ui16, e = i128, f = index, g = i0, h = i16777215} : () -> ()
"t.int"() {a = i1, b = i32, c = si8, d = ui16, e = i128, f = index, g = i0, h = i16777215} : () -> ()
// CHECK: "t.float"() {a = f16, b = bf16, c = f32, d = f64, e = none} : () -> ()
"t.float"() {a = f16, b = bf16, c = f32, d = f64, e = none} : () -> ()
// Dimension lists are lexed as one token after `tensor<`; spaces are allowed.
// CHECK: "t.tensor"() {a = tensor<4x?x8xf32>, b = tensor<*xf32>, c = tensor<f32>, d = tensor<0xi8>, e = tensor<4xf32, "enc">, f = tensor<4x8xf32>, g = tensor<4xcomplex<f64>>, h = tensor<2xvector<4xi8>>} : () -> ()
"t.tensor"() {a = tensor<4x?x8xf32>, b = tensor<*xf32>, c = tensor<f32>, d = tensor<0xi8>, e = tensor<4xf32, "enc">, f = tensor<4 x 8 x f32>, g = tensor<4xcomplex<f64>>, h = tensor<2xvector<4xi8>>} : () -> ()
// CHECK: "t.memref"() {a = memref<4x?xf32>, b = memref<*xf32>, c = memref<4xf32, 1>, d = memref<4xf32, "space">, e = memref<*xf32, 3>, f = memref<4xvector<4xf32>>} : () -> ()
"t.memref"() {a = memref<4x?xf32>, b = memref<*xf32>, c = memref<4xf32, 1>, d = memref<4xf32, "space">, e = memref<*xf32, 3>, f = memref<4xvector<4xf32>>} : () -> ()
// CHECK: "t.vector"() {a = vector<4xf32>, b = vector<[4]x8xf32>, c = vector<2x[4]xi8>, d = vector<f32>, e = vector<[4]xindex>} : () -> ()
"t.vector"() {a = vector<4xf32>, b = vector<[4]x8xf32>, c = vector<2x[4]xi8>, d = vector<f32>, e = vector<[4]xindex>} : () -> ()
// CHECK: "t.other"() {a = complex<f32>, b = complex<i32>, c = tuple<>, d = tuple<i32, tuple<f32>>} : () -> ()
"t.other"() {a = complex<f32>, b = complex<i32>, c = tuple<>, d = tuple<i32, tuple<f32>>} : () -> ()
// CHECK: "t.function"() {a = () -> (), b = (i32) -> f32, c = (i32, f32) -> (i64, i1), d = () -> (() -> i32), e = ((i32) -> i32) -> ()} : () -> ()
"t.function"() {a = () -> (), b = (i32) -> f32, c = (i32, f32) -> (i64, i1), d = () -> (() -> i32), e = ((i32) -> i32) -> ()} : () -> ()
// Dialect types keep their body verbatim, brackets and strings included.
// CHECK: "t.dialect"() {a = !t.ty, b = !t.ty<4 x [a, "b>"] -> (c)>, c = !t<"opaque body">, d = !t.ty<{x = 1}>} : () -> ()
"t.dialect"() {a = !t.ty, b = !t.ty<4 x [a, "b>"] -> (c)>, c = !t<"opaque body">, d = !t.ty<{x = 1}>} : () -> ()
// CHECK: "t.alias"() {a = tensor<4x?xf32>, b = tuple<tensor<4x?xf32>, i8>} : () -> ()
"t.alias"() {a = !alias, b = !nested} : () -> ()

// Types of values, including repeated ones (cached by their text).
// CHECK: %[[V:.*]]:2 = "t.values"() : () -> (tensor<1x64xf32>, tensor<1x64xf32>)
// CHECK-NEXT: "t.use"(%[[V]]#0, %[[V]]#1) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
// CHECK-NEXT: "t.use"(%[[V]]#0, %[[V]]#1) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
%0:2 = "t.values"() : () -> (tensor<1x64xf32>, tensor<1x64xf32>)
%1 = "t.use"(%0#0, %0#1) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
%2 = "t.use"(%0#0, %0#1) : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
// CHECK: %[[D:.*]] = "t.def"() : () -> !t.ty<1>
// CHECK-NEXT: "t.use"(%[[D]]) : (!t.ty<1>) -> tensor<4x?xf32>
%3 = "t.def"() : () -> !t.ty<1>
"t.use"(%3) : (!t.ty<1>) -> !alias
