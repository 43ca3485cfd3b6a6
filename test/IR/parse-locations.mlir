// Locations: file positions and ranges, names, call sites, fused (with
// metadata), unknown, location aliases used before or after their
// definition (on ops and block arguments), and the default location of an
// op or argument without one: where it was written.
// RUN: ipu-opt %s --allow-unregistered-dialect --mlir-print-debuginfo | FileCheck %s
// RUN: ipu-opt %s --allow-unregistered-dialect --mlir-print-debuginfo --mlir-print-op-generic | ipu-opt --allow-unregistered-dialect --mlir-print-debuginfo | FileCheck %s
// RUN: ipu-opt %s --allow-unregistered-dialect --mlir-print-debuginfo | ipu-opt --allow-unregistered-dialect --mlir-print-debuginfo | FileCheck %s --check-prefix=FIXPOINT

#early = loc("early.c":1:1)

// CHECK-DAG: #[[EARLY:loc[0-9]*]] = loc("early.c":1:1)
// CHECK-DAG: #[[LATE_C:loc[0-9]*]] = loc("late.c":9:9)
// CHECK-DAG: #[[LATE:loc[0-9]*]] = loc(fused[#[[EARLY]], #[[LATE_C]]])
// CHECK-DAG: #[[ARG:loc[0-9]*]] = loc("arg.c":2:3)

// CHECK: "t.a"() : () -> () loc(#[[A:loc[0-9]*]])
"t.a"() : () -> () loc("file.mlir":10:8)
// CHECK: "t.b"() : () -> () loc(#[[B:loc[0-9]*]])
"t.b"() : () -> () loc("file.mlir":1:2 to 3:4)
// CHECK: "t.c"() : () -> () loc(#[[C:loc[0-9]*]])
"t.c"() : () -> () loc("file.mlir":1:2 to :9)
// CHECK: "t.d"() : () -> () loc(#[[D:loc[0-9]*]])
"t.d"() : () -> () loc("name")
// CHECK: "t.e"() : () -> () loc(#[[E:loc[0-9]*]])
"t.e"() : () -> () loc("name"("inner.c":5:6))
// CHECK: "t.f"() : () -> () loc(#[[F:loc[0-9]*]])
"t.f"() : () -> () loc(callsite("callee" at "caller.c":7:8))
// CHECK: "t.g"() : () -> () loc(#[[G:loc[0-9]*]])
"t.g"() : () -> () loc(fused["a", "b.c":1:1])
// CHECK: "t.h"() : () -> () loc(#[[H:loc[0-9]*]])
"t.h"() : () -> () loc(fused<"meta">["a", "b"])
// CHECK: "t.i"() : () -> () loc(#[[I:loc[0-9]*]])
"t.i"() : () -> () loc(unknown)
// CHECK: "t.j"() : () -> () loc(#[[EARLY]])
"t.j"() : () -> () loc(#early)
// CHECK: "t.k"() : () -> () loc(#[[LATE]])
"t.k"() : () -> () loc(#late)
// CHECK: "t.l"() ({
// CHECK-NEXT: ^bb0(%{{.*}}: i32 loc(fused[#[[EARLY]], #[[LATE_C]]]), %{{.*}}: i32 loc("arg.c":2:3), %{{.*}}: i32 loc("{{.*}}parse-locations.mlir":[[#@LINE+2]]:52)):
"t.l"() ({
^bb0(%a: i32 loc(#late), %b: i32 loc("arg.c":2:3), %c: i32):
  // CHECK-NEXT: "t.m"() : () -> () loc(#[[M:loc[0-9]*]])
  "t.m"() : () -> ()
}) : () -> ()
// CHECK: "t.n"() : () -> () loc(#[[N:loc[0-9]*]])
"t.n"() : () -> () loc(callsite(#early at #early))

// CHECK-DAG: #[[A]] = loc("file.mlir":10:8)
// CHECK-DAG: #[[B]] = loc("file.mlir":1:2 to 3:4)
// CHECK-DAG: #[[C]] = loc("file.mlir":1:2 to :9)
// CHECK-DAG: #[[D]] = loc("name")
// CHECK-DAG: #[[E]] = loc("name"(#{{loc[0-9]*}}))
// CHECK-DAG: #[[F]] = loc(callsite(#{{loc[0-9]*}} at #{{loc[0-9]*}}))
// CHECK-DAG: #[[G]] = loc(fused[#{{loc[0-9]*}}, #{{loc[0-9]*}}])
// CHECK-DAG: #[[H]] = loc(fused<"meta">[#{{loc[0-9]*}}, #{{loc[0-9]*}}])
// CHECK-DAG: #[[I]] = loc(unknown)
// CHECK-DAG: #[[M]] = loc("{{.*}}parse-locations.mlir":43:3)
// CHECK-DAG: #[[N]] = loc(callsite(#[[EARLY]] at #[[EARLY]]))

// Printing with locations and parsing that again is a fixpoint.
// FIXPOINT: "t.l"() ({
// FIXPOINT-NEXT: ^bb0(%{{.*}}: i32 loc(fused[#{{loc[0-9]*}}, #{{loc[0-9]*}}]), %{{.*}}: i32 loc("arg.c":2:3), %{{.*}}: i32 loc("{{.*}}parse-locations.mlir":41:52)):

#late = loc(fused[#early, "late.c":9:9])
