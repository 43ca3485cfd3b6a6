// What the top level becomes: one builtin.module is the result itself,
// anything else (nothing, several ops) is wrapped in a new module, as in
// MLIR. Aliases and the resource section are not ops.
// RUN: ipu-opt %s --split-input-file --allow-unregistered-dialect | FileCheck %s

// A file with no ops at all.
// CHECK: module {
// CHECK-NEXT: }

// -----

// CHECK: module {
// CHECK-NEXT: module @a {
// CHECK-NEXT: }
// CHECK-NEXT: module @b {
// CHECK-NEXT: }
// CHECK-NEXT: }
module @a {
}
module @b {
}

// -----

// CHECK: module @only attributes {t.x} {
// CHECK-NEXT: "t.op"() {v = 1 : i64} : () -> ()
// CHECK-NEXT: }
#attr = 1
!type = i32
module @only attributes {t.x} {
  "t.op"() {v = #attr} : () -> ()
}

// -----

// Values defined at the top level are visible to later top-level ops.
// CHECK: module {
// CHECK-NEXT: %[[V:.*]] = "t.def"() : () -> i32
// CHECK-NEXT: "t.use"(%[[V]]) : (i32) -> ()
// CHECK-NEXT: }
%v = "t.def"() : () -> i32
"t.use"(%v) : (i32) -> ()
