// MLIR's generic op syntax: result groups, result uses, successors (also
// with operands), properties, regions with labelled and unlabelled entry
// blocks, forward references and name scoping.
// RUN: ipu-opt %s --allow-unregistered-dialect | FileCheck %s
// RUN: ipu-opt %s --allow-unregistered-dialect --mlir-print-op-generic | ipu-opt --allow-unregistered-dialect | FileCheck %s

// CHECK: module {
// CHECK-NEXT: %[[A:.*]] = "t.op"() : () -> i32
%0 = "t.op"() : () -> i32
// CHECK-NEXT: %[[M:.*]]:2 = "t.multi"(%[[A]]) : (i32) -> (f32, i64)
%1:2 = "t.multi"(%0) : (i32) -> (f32, i64)
// Result groups: `%2` is result 0, `%3#0` and `%3#1` results 1 and 2.
// CHECK-NEXT: %[[G:.*]]:3 = "t.groups"() : () -> (i1, i8, i16)
%2, %3:2 = "t.groups"() : () -> (i1, i8, i16)
// CHECK-NEXT: "t.use"(%[[M]]#0, %[[M]]#1, %[[G]]#0, %[[G]]#1, %[[G]]#2) : (f32, i64, i1, i8, i16) -> ()
"t.use"(%1#0, %1#1, %2, %3#0, %3#1) : (f32, i64, i1, i8, i16) -> ()
// CHECK-NEXT: "t.props"() <{a = 1 : i64, b = "x"}> {c} : () -> ()
"t.props"() <{a = 1 : i64, b = "x"}> {c} : () -> ()
// Properties of unregistered ops may be any attribute.
// CHECK-NEXT: "t.props_any"() <1 : i32> : () -> ()
"t.props_any"() <1 : i32> : () -> ()
// CHECK-NEXT: "t.name with spaces"() : () -> ()
"t.name with spaces"() : () -> ()
// CHECK-NEXT: "t.cfg"() ({
"t.cfg"() ({
  // CHECK-NEXT: %[[B:.*]] = "t.op"() : () -> i32
  %4 = "t.op"() : () -> i32
  // CHECK-NEXT: "t.br"(%[[B]])[^bb1, ^bb2] : (i32) -> ()
  "t.br"(%4)[^bb1, ^bb2] : (i32) -> ()
// CHECK-NEXT: ^bb1:
^bb1:
  // Successor operands follow the op's own operands.
  // CHECK-NEXT: "t.br"(%[[B]])[^bb2] : (i32) -> ()
  "t.br"()[^bb2(%4 : i32)] : () -> ()
// CHECK-NEXT: ^bb2(%[[ARG:.*]]: i32, %{{.*}}: f32):
^bb2(%arg: i32 loc("x.c":3:4), %other: f32):
  // Names of enclosing regions are visible.
  // CHECK-NEXT: "t.use"(%[[ARG]], %[[A]]) : (i32, i32) -> ()
  "t.use"(%arg, %0) : (i32, i32) -> ()
// CHECK-NEXT: }, {
}, {
// CHECK-NEXT: ^bb0(%[[Z:.*]]: index):
^entry(%z: index):
  // CHECK-NEXT: "t.nested"() ({
  "t.nested"() ({
    // CHECK-NEXT: "t.use"(%[[Z]], %[[A]]) : (index, i32) -> ()
    "t.use"(%z, %0) : (index, i32) -> ()
  }) : () -> ()
// An empty region has no block.
// CHECK: }, {
// CHECK-NEXT: }) : () -> ()
}, {
}) : () -> ()

// A use before its definition, resolved when the definition comes.
// CHECK: "t.forward"() ({
"t.forward"() ({
  // CHECK-NEXT: "t.br"()[^bb2] : () -> ()
  "t.br"()[^def] : () -> ()
// CHECK-NEXT: ^bb1:
^use:
  // CHECK-NEXT: "t.use"(%[[LATER:.*]]) : (i32) -> ()
  "t.use"(%later) : (i32) -> ()
  "t.end"() : () -> ()
// CHECK: ^bb2:
^def:
  // CHECK-NEXT: %[[LATER]] = "t.op"() : () -> i32
  %later = "t.op"() : () -> i32
  "t.br"()[^use] : () -> ()
}) : () -> ()

// A name is free again once the region that defined it is closed.
// CHECK: "t.a"() ({
// CHECK-NEXT: "t.op"() : () -> i32
// CHECK: "t.b"() ({
// CHECK-NEXT: "t.op"() : () -> i32
"t.a"() ({ %inner = "t.op"() : () -> i32 }) : () -> ()
"t.b"() ({ %inner = "t.op"() : () -> i32 }) : () -> ()

// Ops without results in a row, and a trailing location.
// CHECK: "t.c"() : () -> ()
// CHECK-NEXT: "t.d"() : () -> ()
"t.c"() : () -> () loc(unknown)
"t.d"() : () -> ()
// CHECK-NEXT: }
