// The generic op form, exactly as MLIR prints it: result groups, operands
// with #N, successors, properties, regions and block labels, and the unique
// value numbering MLIR uses in generic form.
// RUN: ipu-opt --allow-unregistered-dialect --mlir-print-op-generic %s | FileCheck %s
// RUN: ipu-opt --allow-unregistered-dialect --mlir-print-op-generic %s | ipu-opt --allow-unregistered-dialect --mlir-print-op-generic | FileCheck %s
// Unregistered ops print generic in the default mode too, but values are
// numbered per region there (sibling regions reuse numbers).
// RUN: ipu-opt --allow-unregistered-dialect %s | FileCheck %s --check-prefix=CUSTOM

// CHECK: "builtin.module"() ({
// CHECK-NEXT: "t.graph"() ({
// CHECK-NEXT: %0 = "t.top"() : () -> i32
// CHECK-NEXT: %1:2 = "t.pair"(%0) <{p = 1 : i64}> {a = "x"} : (i32) -> (i32, f32)
// CHECK-NEXT: "t.use"(%1#0, %1#1, %0) : (i32, f32, i32) -> ()
// CHECK-NEXT: %2 = "t.regions"(%1#0) ({
// CHECK-NEXT: ^bb0(%arg0: i32, %arg1: f32):
// CHECK-NEXT: %10 = "t.in"(%arg0, %0) : (i32, i32) -> i32
// CHECK-NEXT: "t.br"(%10)[^bb1] : (i32) -> ()
// CHECK-NEXT: ^bb1(%11: i32):  // pred: ^bb0
// CHECK-NEXT: "t.yield"(%11) : (i32) -> ()
// CHECK-NEXT: }, {
// CHECK-NEXT: %7 = "t.in"() : () -> i32
// CHECK-NEXT: %8 = "t.nested"() ({
// CHECK-NEXT: %9 = "t.deep"() : () -> i32
// CHECK-NEXT: }) : () -> i32
// CHECK-NEXT: }, {
// CHECK-NEXT: ^bb0:
// CHECK-NEXT: }, {
// CHECK-NEXT: }) : (i32) -> i64
// CHECK-NEXT: "t.succ"(%2)[^bb1, ^bb2] {cond} : (i64) -> ()
// CHECK-NEXT: ^bb1:  // pred: ^bb0
// CHECK-NEXT: %3 = "t.a"() : () -> index
// CHECK-NEXT: "t.br"()[^bb3] : () -> ()
// CHECK-NEXT: ^bb2:  // pred: ^bb0
// CHECK-NEXT: "t.br"()[^bb3] : () -> ()
// CHECK-NEXT: ^bb3:  // 4 preds: ^bb1, ^bb2, ^bb3, ^bb3
// CHECK-NEXT: "t.loop"()[^bb3, ^bb3] : () -> ()
// CHECK-NEXT: ^bb4(%4: i32, %5: i1):  // no predecessors
// CHECK-NEXT: %6 = "t.f"() : () -> (() -> i32)
// CHECK-NEXT: "t.end"() : () -> ()
// CHECK-NEXT: }) : () -> ()
// CHECK-NEXT: }) : () -> ()

// CUSTOM: module {
// CUSTOM-NEXT: "t.graph"() ({
// CUSTOM-NEXT: %0 = "t.top"() : () -> i32
// CUSTOM-NEXT: %1:2 = "t.pair"(%0) <{p = 1 : i64}> {a = "x"} : (i32) -> (i32, f32)
// CUSTOM-NEXT: "t.use"(%1#0, %1#1, %0) : (i32, f32, i32) -> ()
// CUSTOM-NEXT: %2 = "t.regions"(%1#0) ({
// CUSTOM-NEXT: ^bb0(%arg0: i32, %arg1: f32):
// CUSTOM-NEXT: %7 = "t.in"(%arg0, %0) : (i32, i32) -> i32
// CUSTOM-NEXT: "t.br"(%7)[^bb1] : (i32) -> ()
// CUSTOM-NEXT: ^bb1(%8: i32):  // pred: ^bb0
// CUSTOM-NEXT: "t.yield"(%8) : (i32) -> ()
// CUSTOM-NEXT: }, {
// CUSTOM-NEXT: %7 = "t.in"() : () -> i32
// CUSTOM-NEXT: %8 = "t.nested"() ({
// CUSTOM-NEXT: %9 = "t.deep"() : () -> i32
// CUSTOM-NEXT: }) : () -> i32
// CUSTOM-NEXT: }, {
// CUSTOM-NEXT: ^bb0:
// CUSTOM-NEXT: }, {
// CUSTOM-NEXT: }) : (i32) -> i64
// CUSTOM-NEXT: "t.succ"(%2)[^bb1, ^bb2] {cond} : (i64) -> ()
// CUSTOM-NEXT: ^bb1:  // pred: ^bb0
// CUSTOM-NEXT: %3 = "t.a"() : () -> index
// CUSTOM-NEXT: "t.br"()[^bb3] : () -> ()
// CUSTOM-NEXT: ^bb2:  // pred: ^bb0
// CUSTOM-NEXT: "t.br"()[^bb3] : () -> ()
// CUSTOM-NEXT: ^bb3:  // 4 preds: ^bb1, ^bb2, ^bb3, ^bb3
// CUSTOM-NEXT: "t.loop"()[^bb3, ^bb3] : () -> ()
// CUSTOM-NEXT: ^bb4(%4: i32, %5: i1):  // no predecessors
// CUSTOM-NEXT: %6 = "t.f"() : () -> (() -> i32)
// CUSTOM-NEXT: "t.end"() : () -> ()
// CUSTOM-NEXT: }) : () -> ()
// CUSTOM-NEXT: }

"t.graph"() ({
  %top = "t.top"() : () -> i32
  %p:2 = "t.pair"(%top) <{p = 1}> {a = "x"} : (i32) -> (i32, f32)
  "t.use"(%p#0, %p#1, %top) : (i32, f32, i32) -> ()
  %r = "t.regions"(%p#0) ({
  ^bb0(%x: i32, %y: f32):
    %in = "t.in"(%x, %top) : (i32, i32) -> i32
    "t.br"(%in)[^bb1] : (i32) -> ()
  ^bb1(%z: i32):
    "t.yield"(%z) : (i32) -> ()
  }, {
    %in2 = "t.in"() : () -> i32
    %n = "t.nested"() ({
      %d = "t.deep"() : () -> i32
    }) : () -> i32
  }, {
  ^bb0:
  }, {
  }) : (i32) -> i64
  "t.succ"(%r)[^bb1, ^bb2] {cond} : (i64) -> ()
^bb1:
  %a = "t.a"() : () -> index
  "t.br"()[^bb3] : () -> ()
^bb2:
  "t.br"()[^bb3] : () -> ()
^bb3:
  "t.loop"()[^bb3, ^bb3] : () -> ()
^bb4(%u: i32, %v: i1):
  %f = "t.f"() : () -> (() -> i32)
  "t.end"() : () -> ()
}) : () -> ()
