// File location ranges print in MLIR 20's syntax (MLIR 19 has points
// only): `"f":1:2 to 3:4`, `"f":1:2 to :4` on one line, a point when the
// range is empty.
// RUN: ipu-opt --allow-unregistered-dialect --mlir-print-debuginfo --mlir-print-local-scope %s | FileCheck %s
// RUN: ipu-opt --allow-unregistered-dialect --mlir-print-debuginfo %s | ipu-opt --allow-unregistered-dialect --mlir-print-debuginfo --mlir-print-local-scope | FileCheck %s

// CHECK: "d.a"() : () -> () loc("x.c":1:2 to 3:4)
// CHECK-NEXT: "d.b"() : () -> () loc("x.c":1:2 to :4)
// CHECK-NEXT: "d.c"() : () -> () loc("x.c":1:2)
// CHECK-NEXT: "d.d"() : () -> () loc("n"("x.c":5:6 to 7:8))
"d.a"() : () -> () loc("x.c":1:2 to 3:4)
"d.b"() : () -> () loc("x.c":1:2 to :4)
"d.c"() : () -> () loc("x.c":1:2 to 1:2)
"d.d"() : () -> () loc("n"("x.c":5:6 to 7:8))
