// The custom forms of builtin.module and func.func/return/call exactly as
// MLIR prints them, and MLIR's value numbering in the default mode: entry
// block arguments %argN, other values %N, sibling regions starting from
// the same numbers.
// RUN: ipu-opt --allow-unregistered-dialect %s | FileCheck %s
// RUN: ipu-opt --allow-unregistered-dialect %s | ipu-opt --allow-unregistered-dialect | FileCheck %s
// RUN: ipu-opt --allow-unregistered-dialect --mlir-print-op-generic %s | ipu-opt --allow-unregistered-dialect | FileCheck %s
// RUN: ipu-opt --allow-unregistered-dialect --mlir-print-op-generic %s | FileCheck %s --check-prefix=GENERIC

// CHECK: module attributes {t.flag, t.n = 3 : i32} {
// CHECK-NEXT: %0 = "t.top"() : () -> i32
// CHECK-NEXT: module @inner {
// CHECK-NEXT: }
// CHECK-NEXT: module @named attributes {sym_visibility = "private", t.x = "y"} {
// CHECK-NEXT: "t.x"() : () -> ()
// CHECK-NEXT: }
// CHECK-NEXT: func.func private @decl(i32 {t.a}, i32) -> (i32 {t.r}, f32)
// CHECK-NEXT: func.func private @decl2(i32) -> (i32 {t.r = 1 : i64})
// CHECK-NEXT: func.func private @fnres() -> (() -> i32) attributes {t.c}
// CHECK-NEXT: func.func nested @nested_vis()
// CHECK-NEXT: func.func @"quoted name"(%arg0: i32) -> i32 {
// CHECK-NEXT: return %arg0 : i32
// CHECK-NEXT: }
// CHECK-NEXT: func.func private @body(%arg0: i32, %arg1: f32 {t.arg = "b"}) -> (i32, f32) {
// CHECK-NEXT: %1:2 = call @decl(%arg0, %arg0) {t.z} : (i32, i32) -> (i32, f32)
// CHECK-NEXT: call @empty() : () -> ()
// CHECK-NEXT: %2 = "t.region"(%1#0) ({
// CHECK-NEXT: ^bb0(%arg2: i32):
// CHECK-NEXT: %3 = "t.in"(%arg2, %arg0) : (i32, i32) -> i32
// CHECK-NEXT: "t.yield"(%3) : (i32) -> ()
// CHECK-NEXT: }, {
// CHECK-NEXT: %3 = "t.in"() : () -> i32
// CHECK-NEXT: "t.yield"(%3) : (i32) -> ()
// CHECK-NEXT: }) : (i32) -> i32
// CHECK-NEXT: return {t.w} %2, %1#1 : i32, f32
// CHECK-NEXT: }
// CHECK-NEXT: func.func @empty() {
// CHECK-NEXT: return
// CHECK-NEXT: }
// CHECK-NEXT: func.func @cfg(%arg0: i1, %arg1: i32) -> i32 {
// CHECK-NEXT: "t.cond_br"(%arg0, %arg1)[^bb1, ^bb2] : (i1, i32) -> ()
// CHECK-NEXT: ^bb1:  // pred: ^bb0
// CHECK-NEXT: %1 = "t.k"() : () -> i32
// CHECK-NEXT: "t.br"(%1)[^bb3] : (i32) -> ()
// CHECK-NEXT: ^bb2:  // pred: ^bb0
// CHECK-NEXT: "t.br"(%arg1)[^bb3] : (i32) -> ()
// CHECK-NEXT: ^bb3(%2: i32):  // 2 preds: ^bb1, ^bb2
// CHECK-NEXT: return %2 : i32
// CHECK-NEXT: ^bb4:  // no predecessors
// CHECK-NEXT: %3 = "t.dead"() : () -> i32
// CHECK-NEXT: return %3 : i32
// CHECK-NEXT: }
// CHECK-NEXT: }

// GENERIC: "builtin.module"() ({
// GENERIC-NEXT: %0 = "t.top"() : () -> i32
// GENERIC-NEXT: "builtin.module"() <{sym_name = "inner"}> ({
// GENERIC-NEXT: ^bb0:
// GENERIC-NEXT: }) : () -> ()
// GENERIC-NEXT: "builtin.module"() <{sym_name = "named", sym_visibility = "private"}> ({
// GENERIC-NEXT: "t.x"() : () -> ()
// GENERIC-NEXT: }) {t.x = "y"} : () -> ()
// GENERIC-NEXT: "func.func"() <{arg_attrs = [{t.a}, {}], function_type = (i32, i32) -> (i32, f32), res_attrs = [{t.r}, {}], sym_name = "decl", sym_visibility = "private"}> ({
// GENERIC-NEXT: }) : () -> ()
// GENERIC-NEXT: "func.func"() <{function_type = (i32) -> i32, res_attrs = [{t.r = 1 : i64}], sym_name = "decl2", sym_visibility = "private"}> ({
// GENERIC-NEXT: }) : () -> ()
// GENERIC-NEXT: "func.func"() <{function_type = () -> (() -> i32), sym_name = "fnres", sym_visibility = "private"}> ({
// GENERIC-NEXT: }) {t.c} : () -> ()
// GENERIC-NEXT: "func.func"() <{function_type = () -> (), sym_name = "nested_vis", sym_visibility = "nested"}> ({
// GENERIC-NEXT: }) : () -> ()
// GENERIC-NEXT: "func.func"() <{function_type = (i32) -> i32, sym_name = "quoted name"}> ({
// GENERIC-NEXT: ^bb0(%arg5: i32):
// GENERIC-NEXT: "func.return"(%arg5) : (i32) -> ()
// GENERIC-NEXT: }) : () -> ()
// GENERIC-NEXT: "func.func"() <{arg_attrs = [{}, {t.arg = "b"}], function_type = (i32, f32) -> (i32, f32), sym_name = "body", sym_visibility = "private"}> ({
// GENERIC-NEXT: ^bb0(%arg2: i32, %arg3: f32):
// GENERIC-NEXT: %4:2 = "func.call"(%arg2, %arg2) <{callee = @decl}> {t.z} : (i32, i32) -> (i32, f32)
// GENERIC-NEXT: "func.call"() <{callee = @empty}> : () -> ()
// GENERIC-NEXT: %5 = "t.region"(%4#0) ({
// GENERIC-NEXT: ^bb0(%arg4: i32):
// GENERIC-NEXT: %7 = "t.in"(%arg4, %arg2) : (i32, i32) -> i32
// GENERIC-NEXT: "t.yield"(%7) : (i32) -> ()
// GENERIC-NEXT: }, {
// GENERIC-NEXT: %6 = "t.in"() : () -> i32
// GENERIC-NEXT: "t.yield"(%6) : (i32) -> ()
// GENERIC-NEXT: }) : (i32) -> i32
// GENERIC-NEXT: "func.return"(%5, %4#1) {t.w} : (i32, f32) -> ()
// GENERIC-NEXT: }) : () -> ()
// GENERIC-NEXT: "func.func"() <{function_type = () -> (), sym_name = "empty"}> ({
// GENERIC-NEXT: "func.return"() : () -> ()
// GENERIC-NEXT: }) : () -> ()
// GENERIC-NEXT: "func.func"() <{function_type = (i1, i32) -> i32, sym_name = "cfg"}> ({
// GENERIC-NEXT: ^bb0(%arg0: i1, %arg1: i32):
// GENERIC-NEXT: "t.cond_br"(%arg0, %arg1)[^bb1, ^bb2] : (i1, i32) -> ()
// GENERIC-NEXT: ^bb1:  // pred: ^bb0
// GENERIC-NEXT: %1 = "t.k"() : () -> i32
// GENERIC-NEXT: "t.br"(%1)[^bb3] : (i32) -> ()
// GENERIC-NEXT: ^bb2:  // pred: ^bb0
// GENERIC-NEXT: "t.br"(%arg1)[^bb3] : (i32) -> ()
// GENERIC-NEXT: ^bb3(%2: i32):  // 2 preds: ^bb1, ^bb2
// GENERIC-NEXT: "func.return"(%2) : (i32) -> ()
// GENERIC-NEXT: ^bb4:  // no predecessors
// GENERIC-NEXT: %3 = "t.dead"() : () -> i32
// GENERIC-NEXT: "func.return"(%3) : (i32) -> ()
// GENERIC-NEXT: }) : () -> ()
// GENERIC-NEXT: }) {t.flag, t.n = 3 : i32} : () -> ()

module attributes {t.flag, t.n = 3 : i32} {
  %top = "t.top"() : () -> i32
  module @inner {
  }
  module @named attributes {sym_visibility = "private", t.x = "y"} {
    "t.x"() : () -> ()
  }
  func.func private @decl(i32 {t.a}, i32) -> (i32 {t.r}, f32)
  func.func private @decl2(i32) -> (i32 {t.r = 1 : i64})
  func.func private @fnres() -> (() -> i32) attributes {t.c = unit}
  func.func nested @nested_vis()
  func.func @"quoted name"(%a: i32) -> i32 {
    return %a : i32
  }
  func.func private @body(%a: i32, %b: f32 {t.arg = "b"}) -> (i32, f32) {
    %0:2 = call @decl(%a, %a) {t.z} : (i32, i32) -> (i32, f32)
    call @empty() : () -> ()
    %1 = "t.region"(%0#0) ({
    ^bb0(%x: i32):
      %2 = "t.in"(%x, %a) : (i32, i32) -> i32
      "t.yield"(%2) : (i32) -> ()
    }, {
      %3 = "t.in"() : () -> i32
      "t.yield"(%3) : (i32) -> ()
    }) : (i32) -> i32
    "func.return"(%1, %0#1) {t.w} : (i32, f32) -> ()
  }
  func.func @empty() {
  ^bb0:
    return
  }
  func.func @cfg(%c: i1, %v: i32) -> i32 {
    "t.cond_br"(%c, %v)[^bb1, ^bb2] : (i1, i32) -> ()
  ^bb1:
    %k = "t.k"() : () -> i32
    "t.br"(%k)[^bb3] : (i32) -> ()
  ^bb2:
    "t.br"(%v)[^bb3] : (i32) -> ()
  ^bb3(%m: i32):
    return %m : i32
  ^bb4:
    %dead = "t.dead"() : () -> i32
    return %dead : i32
  }
}
