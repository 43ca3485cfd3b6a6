// The custom forms of builtin.module and func.func/return/call exactly as
// MLIR prints them, and MLIR's value numbering in the default mode: entry
// block arguments %argN, other values %N, sibling regions starting from
// the same numbers.
// RUN: ipu-opt --allow-unregistered-dialect %s | FileCheck %s
// RUN: ipu-opt --allow-unregistered-dialect %s | ipu-opt --allow-unregistered-dialect | FileCheck %s
// RUN: ipu-opt --allow-unregistered-dialect --mlir-print-op-generic %s | ipu-opt --allow-unregistered-dialect | FileCheck %s
// RUN: ipu-opt --allow-unregistered-dialect --mlir-print-op-generic %s | FileCheck %s --check-prefix=GENERIC

// CHECK: module attributes {test.flag, test.n = 3 : i32} {
// CHECK-NEXT: %0 = "test.top"() : () -> i32
// CHECK-NEXT: module @inner {
// CHECK-NEXT: }
// CHECK-NEXT: module @named attributes {sym_visibility = "private", test.x = "y"} {
// CHECK-NEXT: "test.x"() : () -> ()
// CHECK-NEXT: }
// CHECK-NEXT: func.func private @decl(i32 {test.a}, i32) -> (i32 {test.r}, f32)
// CHECK-NEXT: func.func private @decl2(i32) -> (i32 {test.r = 1 : i64})
// CHECK-NEXT: func.func private @fnres() -> (() -> i32) attributes {test.c}
// CHECK-NEXT: func.func nested @nested_vis()
// CHECK-NEXT: func.func @"quoted name"(%arg0: i32) -> i32 {
// CHECK-NEXT: return %arg0 : i32
// CHECK-NEXT: }
// CHECK-NEXT: func.func private @body(%arg0: i32, %arg1: f32 {test.arg = "b"}) -> (i32, f32) {
// CHECK-NEXT: %1:2 = call @decl(%arg0, %arg0) {test.z} : (i32, i32) -> (i32, f32)
// CHECK-NEXT: call @empty() : () -> ()
// CHECK-NEXT: %2 = "test.region"(%1#0) ({
// CHECK-NEXT: ^bb0(%arg2: i32):
// CHECK-NEXT: %3 = "test.in"(%arg2, %arg0) : (i32, i32) -> i32
// CHECK-NEXT: "test.yield"(%3) : (i32) -> ()
// CHECK-NEXT: }, {
// CHECK-NEXT: %3 = "test.in"() : () -> i32
// CHECK-NEXT: "test.yield"(%3) : (i32) -> ()
// CHECK-NEXT: }) : (i32) -> i32
// CHECK-NEXT: return {test.w} %2, %1#1 : i32, f32
// CHECK-NEXT: }
// CHECK-NEXT: func.func @empty() {
// CHECK-NEXT: return
// CHECK-NEXT: }
// CHECK-NEXT: func.func @cfg(%arg0: i1, %arg1: i32) -> i32 {
// CHECK-NEXT: "test.cond_br"(%arg0, %arg1)[^bb1, ^bb2] : (i1, i32) -> ()
// CHECK-NEXT: ^bb1:  // pred: ^bb0
// CHECK-NEXT: %1 = "test.k"() : () -> i32
// CHECK-NEXT: "test.br"(%1)[^bb3] : (i32) -> ()
// CHECK-NEXT: ^bb2:  // pred: ^bb0
// CHECK-NEXT: "test.br"(%arg1)[^bb3] : (i32) -> ()
// CHECK-NEXT: ^bb3(%2: i32):  // 2 preds: ^bb1, ^bb2
// CHECK-NEXT: return %2 : i32
// CHECK-NEXT: ^bb4:  // no predecessors
// CHECK-NEXT: %3 = "test.dead"() : () -> i32
// CHECK-NEXT: return %3 : i32
// CHECK-NEXT: }
// CHECK-NEXT: }

// GENERIC: "builtin.module"() ({
// GENERIC-NEXT: %0 = "test.top"() : () -> i32
// GENERIC-NEXT: "builtin.module"() <{sym_name = "inner"}> ({
// GENERIC-NEXT: ^bb0:
// GENERIC-NEXT: }) : () -> ()
// GENERIC-NEXT: "builtin.module"() <{sym_name = "named", sym_visibility = "private"}> ({
// GENERIC-NEXT: "test.x"() : () -> ()
// GENERIC-NEXT: }) {test.x = "y"} : () -> ()
// GENERIC-NEXT: "func.func"() <{arg_attrs = [{test.a}, {}], function_type = (i32, i32) -> (i32, f32), res_attrs = [{test.r}, {}], sym_name = "decl", sym_visibility = "private"}> ({
// GENERIC-NEXT: }) : () -> ()
// GENERIC-NEXT: "func.func"() <{function_type = (i32) -> i32, res_attrs = [{test.r = 1 : i64}], sym_name = "decl2", sym_visibility = "private"}> ({
// GENERIC-NEXT: }) : () -> ()
// GENERIC-NEXT: "func.func"() <{function_type = () -> (() -> i32), sym_name = "fnres", sym_visibility = "private"}> ({
// GENERIC-NEXT: }) {test.c} : () -> ()
// GENERIC-NEXT: "func.func"() <{function_type = () -> (), sym_name = "nested_vis", sym_visibility = "nested"}> ({
// GENERIC-NEXT: }) : () -> ()
// GENERIC-NEXT: "func.func"() <{function_type = (i32) -> i32, sym_name = "quoted name"}> ({
// GENERIC-NEXT: ^bb0(%arg5: i32):
// GENERIC-NEXT: "func.return"(%arg5) : (i32) -> ()
// GENERIC-NEXT: }) : () -> ()
// GENERIC-NEXT: "func.func"() <{arg_attrs = [{}, {test.arg = "b"}], function_type = (i32, f32) -> (i32, f32), sym_name = "body", sym_visibility = "private"}> ({
// GENERIC-NEXT: ^bb0(%arg2: i32, %arg3: f32):
// GENERIC-NEXT: %4:2 = "func.call"(%arg2, %arg2) <{callee = @decl}> {test.z} : (i32, i32) -> (i32, f32)
// GENERIC-NEXT: "func.call"() <{callee = @empty}> : () -> ()
// GENERIC-NEXT: %5 = "test.region"(%4#0) ({
// GENERIC-NEXT: ^bb0(%arg4: i32):
// GENERIC-NEXT: %7 = "test.in"(%arg4, %arg2) : (i32, i32) -> i32
// GENERIC-NEXT: "test.yield"(%7) : (i32) -> ()
// GENERIC-NEXT: }, {
// GENERIC-NEXT: %6 = "test.in"() : () -> i32
// GENERIC-NEXT: "test.yield"(%6) : (i32) -> ()
// GENERIC-NEXT: }) : (i32) -> i32
// GENERIC-NEXT: "func.return"(%5, %4#1) {test.w} : (i32, f32) -> ()
// GENERIC-NEXT: }) : () -> ()
// GENERIC-NEXT: "func.func"() <{function_type = () -> (), sym_name = "empty"}> ({
// GENERIC-NEXT: "func.return"() : () -> ()
// GENERIC-NEXT: }) : () -> ()
// GENERIC-NEXT: "func.func"() <{function_type = (i1, i32) -> i32, sym_name = "cfg"}> ({
// GENERIC-NEXT: ^bb0(%arg0: i1, %arg1: i32):
// GENERIC-NEXT: "test.cond_br"(%arg0, %arg1)[^bb1, ^bb2] : (i1, i32) -> ()
// GENERIC-NEXT: ^bb1:  // pred: ^bb0
// GENERIC-NEXT: %1 = "test.k"() : () -> i32
// GENERIC-NEXT: "test.br"(%1)[^bb3] : (i32) -> ()
// GENERIC-NEXT: ^bb2:  // pred: ^bb0
// GENERIC-NEXT: "test.br"(%arg1)[^bb3] : (i32) -> ()
// GENERIC-NEXT: ^bb3(%2: i32):  // 2 preds: ^bb1, ^bb2
// GENERIC-NEXT: "func.return"(%2) : (i32) -> ()
// GENERIC-NEXT: ^bb4:  // no predecessors
// GENERIC-NEXT: %3 = "test.dead"() : () -> i32
// GENERIC-NEXT: "func.return"(%3) : (i32) -> ()
// GENERIC-NEXT: }) : () -> ()
// GENERIC-NEXT: }) {test.flag, test.n = 3 : i32} : () -> ()

module attributes {test.flag, test.n = 3 : i32} {
  %top = "test.top"() : () -> i32
  module @inner {
  }
  module @named attributes {sym_visibility = "private", test.x = "y"} {
    "test.x"() : () -> ()
  }
  func.func private @decl(i32 {test.a}, i32) -> (i32 {test.r}, f32)
  func.func private @decl2(i32) -> (i32 {test.r = 1 : i64})
  func.func private @fnres() -> (() -> i32) attributes {test.c = unit}
  func.func nested @nested_vis()
  func.func @"quoted name"(%a: i32) -> i32 {
    return %a : i32
  }
  func.func private @body(%a: i32, %b: f32 {test.arg = "b"}) -> (i32, f32) {
    %0:2 = call @decl(%a, %a) {test.z} : (i32, i32) -> (i32, f32)
    call @empty() : () -> ()
    %1 = "test.region"(%0#0) ({
    ^bb0(%x: i32):
      %2 = "test.in"(%x, %a) : (i32, i32) -> i32
      "test.yield"(%2) : (i32) -> ()
    }, {
      %3 = "test.in"() : () -> i32
      "test.yield"(%3) : (i32) -> ()
    }) : (i32) -> i32
    "func.return"(%1, %0#1) {test.w} : (i32, f32) -> ()
  }
  func.func @empty() {
  ^bb0:
    return
  }
  func.func @cfg(%c: i1, %v: i32) -> i32 {
    "test.cond_br"(%c, %v)[^bb1, ^bb2] : (i1, i32) -> ()
  ^bb1:
    %k = "test.k"() : () -> i32
    "test.br"(%k)[^bb3] : (i32) -> ()
  ^bb2:
    "test.br"(%v)[^bb3] : (i32) -> ()
  ^bb3(%m: i32):
    return %m : i32
  ^bb4:
    %dead = "test.dead"() : () -> i32
    return %dead : i32
  }
}
