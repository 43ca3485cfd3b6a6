// MLIR's custom forms of builtin.module and func.func / func.return /
// func.call: names, visibility, argument and result attributes,
// declarations, `attributes {...}`, both spellings of return and call,
// labelled entry blocks, nested modules.
// RUN: ipu-opt %s --allow-unregistered-dialect | FileCheck %s
// RUN: ipu-opt %s --allow-unregistered-dialect --mlir-print-op-generic | ipu-opt --allow-unregistered-dialect | FileCheck %s
// RUN: ipu-opt %s --allow-unregistered-dialect --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// The single top-level module is the result (no wrapper).
// CHECK: module @outer attributes {t.attr = 1 : i64} {
// GENERIC: "builtin.module"() <{sym_name = "outer"}> ({
// CHECK-NEXT: func.func private @decl(i32 {t.a}, f32) -> (i32 {t.b = 1 : i64}, f32)
// GENERIC-NEXT: "func.func"() <{arg_attrs = [{t.a}, {}], function_type = (i32, f32) -> (i32, f32), res_attrs = [{t.b = 1 : i64}, {}], sym_name = "decl", sym_visibility = "private"}> ({
// CHECK-NEXT: func.func private @decl2(tensor<4xf32>) -> tensor<4xf32> attributes {t.x}
// CHECK-NEXT: func.func nested @nested_vis() {
// CHECK-NEXT: return
// CHECK-NEXT: }
// CHECK-NEXT: func.func public @pub() {
// CHECK-NEXT: return
// CHECK-NEXT: }
// CHECK-NEXT: func.func @f(%[[A:.*]]: i32 {t.y}, %[[B:.*]]: f32) -> i32 attributes {t.z} {
// CHECK-NEXT: %[[C0:.*]]:2 = call @decl(%[[A]], %[[B]]) {t.q} : (i32, f32) -> (i32, f32)
// GENERIC: "func.call"(%{{.*}}, %{{.*}}) <{callee = @decl}> {t.q} : (i32, f32) -> (i32, f32)
// CHECK-NEXT: %[[C1:.*]]:2 = call @decl(%[[C0]]#0, %[[B]]) : (i32, f32) -> (i32, f32)
// CHECK-NEXT: return %[[C1]]#0 : i32
// GENERIC: "func.return"(%{{.*}}) : (i32) -> ()
// CHECK-NEXT: }
// CHECK-NEXT: func.func @g() -> (i32, f32) {
// CHECK-NEXT: %[[X:.*]] = "t.c"() : () -> i32
// CHECK-NEXT: %[[Y:.*]] = "t.d"() : () -> f32
// CHECK-NEXT: return %[[X]], %[[Y]] : i32, f32
// CHECK-NEXT: }
// CHECK-NEXT: func.func @cfg(%[[P:.*]]: i1) -> i32 {
// CHECK-NEXT: "t.br"(%[[P]])[^bb1, ^bb2] : (i1) -> ()
// CHECK-NEXT: ^bb1:
// CHECK-NEXT: %[[ONE:.*]] = "t.one"() : () -> i32
// CHECK-NEXT: return %[[ONE]] : i32
// CHECK-NEXT: ^bb2:
// CHECK-NEXT: %[[TWO:.*]] = "t.two"() : () -> i32
// CHECK-NEXT: return {t.ret} %[[TWO]] : i32
// CHECK-NEXT: }
// CHECK-NEXT: module {
// CHECK-NEXT: }
// CHECK-NEXT: module @inner {
// CHECK-NEXT: func.func private @x()
// CHECK-NEXT: }
// CHECK-NEXT: }
module @outer attributes {t.attr = 1 : i64} {
  func.func private @decl(i32 {t.a}, f32) -> (i32 {t.b = 1 : i64}, f32)
  func.func private @decl2(tensor<4xf32>) -> tensor<4xf32> attributes {t.x}
  func.func nested @nested_vis() {
    return
  }
  func.func public @pub() -> () {
    func.return
  }
  func.func @f(%a: i32 {t.y}, %b: f32) -> i32 attributes {t.z} {
    %0:2 = func.call @decl(%a, %b) {t.q} : (i32, f32) -> (i32, f32)
    %1:2 = call @decl(%0#0, %b) : (i32, f32) -> (i32, f32)
    return %1#0 : i32
  }
  func.func @g() -> (i32, f32) {
  ^entry:
    %c = "t.c"() : () -> i32
    %d = "t.d"() : () -> f32
    return %c, %d : i32, f32
  }
  func.func @cfg(%x: i1) -> i32 {
    "t.br"(%x)[^bb1, ^bb2] : (i1) -> ()
  ^bb1:
    %one = "t.one"() : () -> i32
    return %one : i32
  ^bb2:
    %two = "t.two"() : () -> i32
    return {t.ret} %two : i32
  }
  module {
  }
  builtin.module @inner {
    func.func private @x()
  }
}
