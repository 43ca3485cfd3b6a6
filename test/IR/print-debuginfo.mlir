// Locations: printed only with --mlir-print-debuginfo, as #loc aliases
// numbered by nesting depth then first use, deferred after the module
// except those of block arguments and attributes; --mlir-print-local-scope
// prints them inline. Locations inside attributes always get aliases.
// RUN: ipu-opt --allow-unregistered-dialect %s | FileCheck %s
// RUN: ipu-opt --allow-unregistered-dialect --mlir-print-debuginfo %s | FileCheck %s --check-prefix=DEBUG
// RUN: ipu-opt --allow-unregistered-dialect --mlir-print-debuginfo %s | ipu-opt --allow-unregistered-dialect --mlir-print-debuginfo | FileCheck %s --check-prefix=DEBUG
// RUN: ipu-opt --allow-unregistered-dialect --mlir-print-debuginfo --mlir-print-op-generic %s | FileCheck %s --check-prefix=GENERIC
// RUN: ipu-opt --allow-unregistered-dialect --mlir-print-debuginfo --mlir-print-local-scope %s | FileCheck %s --check-prefix=LOCAL

// CHECK: #loc = loc("attr.c":7:7)
// CHECK-NEXT: module {
// CHECK-NEXT: func.func @f(%arg0: i32, %arg1: i32) -> i32 {
// CHECK-NEXT: %0 = "d.a"(%arg0) : (i32) -> i32
// CHECK-NEXT: %1 = "d.b"(%0) : (i32) -> i32
// CHECK-NEXT: %2 = "d.c"(%1) : (i32) -> i32
// CHECK-NEXT: %3 = "d.d"(%2) : (i32) -> i32
// CHECK-NEXT: %4 = "d.e"(%3) : (i32) -> i32
// CHECK-NEXT: %5 = "d.f"(%4) {l = #loc} : (i32) -> i32
// CHECK-NEXT: %6 = "d.g"(%5) : (i32) -> i32
// CHECK-NEXT: "d.r"() ({
// CHECK-NEXT: ^bb0(%arg2: i32):
// CHECK-NEXT: "d.t"() : () -> ()
// CHECK-NEXT: }) : () -> ()
// CHECK-NEXT: "d.u"() : () -> ()
// CHECK-NEXT: return %6 : i32
// CHECK-NEXT: }
// CHECK-NEXT: }

// DEBUG: #loc2 = loc("x.c":9:9)
// DEBUG-NEXT: #loc3 = loc("b.c":2:40)
// DEBUG-NEXT: #loc10 = loc("attr.c":7:7)
// DEBUG-NEXT: #loc13 = loc("q.c":1:1)
// DEBUG-NEXT: module {
// DEBUG-NEXT: func.func @f(%arg0: i32 loc("x.c":9:9), %arg1: i32 loc("b.c":2:40)) -> i32 {
// DEBUG-NEXT: %0 = "d.a"(%arg0) : (i32) -> i32 loc(#loc4)
// DEBUG-NEXT: %1 = "d.b"(%0) : (i32) -> i32 loc(#loc17)
// DEBUG-NEXT: %2 = "d.c"(%1) : (i32) -> i32 loc(#loc21)
// DEBUG-NEXT: %3 = "d.d"(%2) : (i32) -> i32 loc(#loc19)
// DEBUG-NEXT: %4 = "d.e"(%3) : (i32) -> i32 loc(#loc20)
// DEBUG-NEXT: %5 = "d.f"(%4) {l = #loc10} : (i32) -> i32 loc(#loc4)
// DEBUG-NEXT: %6 = "d.g"(%5) : (i32) -> i32 loc(#loc11)
// DEBUG-NEXT: "d.r"() ({
// DEBUG-NEXT: ^bb0(%arg2: i32 loc("q.c":1:1)):
// DEBUG-NEXT: "d.t"() : () -> () loc(#loc14)
// DEBUG-NEXT: }) : () -> () loc(#loc12)
// DEBUG-NEXT: "d.u"() : () -> () loc(#loc15)
// DEBUG-NEXT: return %6 : i32 loc(#loc16)
// DEBUG-NEXT: } loc(#loc1)
// DEBUG-NEXT: } loc(#loc)
// DEBUG-NEXT: #loc = loc("m.c":0:0)
// DEBUG-NEXT: #loc1 = loc("f.c":1:1)
// DEBUG-NEXT: #loc4 = loc("x.c":1:2)
// DEBUG-NEXT: #loc5 = loc("x.c":3:4)
// DEBUG-NEXT: #loc6 = loc("y.c":1:1)
// DEBUG-NEXT: #loc7 = loc("z.c":2:2)
// DEBUG-NEXT: #loc8 = loc("n")
// DEBUG-NEXT: #loc9 = loc("x.c":5:6)
// DEBUG-NEXT: #loc11 = loc(unknown)
// DEBUG-NEXT: #loc12 = loc("nm")
// DEBUG-NEXT: #loc14 = loc("x.c":100:1)
// DEBUG-NEXT: #loc15 = loc("esc\22aped\0A.c":1:1)
// DEBUG-NEXT: #loc16 = loc("r.c":1:1)
// DEBUG-NEXT: #loc17 = loc("foo"(#loc5))
// DEBUG-NEXT: #loc18 = loc("a"(#loc6))
// DEBUG-NEXT: #loc19 = loc(fused[#loc4, #loc8])
// DEBUG-NEXT: #loc20 = loc(fused<"meta">[#loc9])
// DEBUG-NEXT: #loc21 = loc(callsite(#loc18 at #loc7))

// GENERIC: #loc2 = loc("x.c":9:9)
// GENERIC-NEXT: #loc3 = loc("b.c":2:40)
// GENERIC-NEXT: #loc10 = loc("attr.c":7:7)
// GENERIC-NEXT: #loc13 = loc("q.c":1:1)
// GENERIC-NEXT: "builtin.module"() ({
// GENERIC-NEXT: "func.func"() <{function_type = (i32, i32) -> i32, sym_name = "f"}> ({
// GENERIC-NEXT: ^bb0(%arg0: i32 loc("x.c":9:9), %arg1: i32 loc("b.c":2:40)):
// GENERIC-NEXT: %0 = "d.a"(%arg0) : (i32) -> i32 loc(#loc4)
// GENERIC-NEXT: %1 = "d.b"(%0) : (i32) -> i32 loc(#loc17)
// GENERIC-NEXT: %2 = "d.c"(%1) : (i32) -> i32 loc(#loc21)
// GENERIC-NEXT: %3 = "d.d"(%2) : (i32) -> i32 loc(#loc19)
// GENERIC-NEXT: %4 = "d.e"(%3) : (i32) -> i32 loc(#loc20)
// GENERIC-NEXT: %5 = "d.f"(%4) {l = #loc10} : (i32) -> i32 loc(#loc4)
// GENERIC-NEXT: %6 = "d.g"(%5) : (i32) -> i32 loc(#loc11)
// GENERIC-NEXT: "d.r"() ({
// GENERIC-NEXT: ^bb0(%arg2: i32 loc("q.c":1:1)):
// GENERIC-NEXT: "d.t"() : () -> () loc(#loc14)
// GENERIC-NEXT: }) : () -> () loc(#loc12)
// GENERIC-NEXT: "d.u"() : () -> () loc(#loc15)
// GENERIC-NEXT: "func.return"(%6) : (i32) -> () loc(#loc16)
// GENERIC-NEXT: }) : () -> () loc(#loc1)
// GENERIC-NEXT: }) : () -> () loc(#loc)
// GENERIC-NEXT: #loc = loc("m.c":0:0)
// GENERIC-NEXT: #loc1 = loc("f.c":1:1)
// GENERIC-NEXT: #loc4 = loc("x.c":1:2)
// GENERIC-NEXT: #loc5 = loc("x.c":3:4)
// GENERIC-NEXT: #loc6 = loc("y.c":1:1)
// GENERIC-NEXT: #loc7 = loc("z.c":2:2)
// GENERIC-NEXT: #loc8 = loc("n")
// GENERIC-NEXT: #loc9 = loc("x.c":5:6)
// GENERIC-NEXT: #loc11 = loc(unknown)
// GENERIC-NEXT: #loc12 = loc("nm")
// GENERIC-NEXT: #loc14 = loc("x.c":100:1)
// GENERIC-NEXT: #loc15 = loc("esc\22aped\0A.c":1:1)
// GENERIC-NEXT: #loc16 = loc("r.c":1:1)
// GENERIC-NEXT: #loc17 = loc("foo"(#loc5))
// GENERIC-NEXT: #loc18 = loc("a"(#loc6))
// GENERIC-NEXT: #loc19 = loc(fused[#loc4, #loc8])
// GENERIC-NEXT: #loc20 = loc(fused<"meta">[#loc9])
// GENERIC-NEXT: #loc21 = loc(callsite(#loc18 at #loc7))

// LOCAL: module {
// LOCAL-NEXT: func.func @f(%arg0: i32 loc("x.c":9:9), %arg1: i32 loc("b.c":2:40)) -> i32 {
// LOCAL-NEXT: %0 = "d.a"(%arg0) : (i32) -> i32 loc("x.c":1:2)
// LOCAL-NEXT: %1 = "d.b"(%0) : (i32) -> i32 loc("foo"("x.c":3:4))
// LOCAL-NEXT: %2 = "d.c"(%1) : (i32) -> i32 loc(callsite("a"("y.c":1:1) at "z.c":2:2))
// LOCAL-NEXT: %3 = "d.d"(%2) : (i32) -> i32 loc(fused["x.c":1:2, "n"])
// LOCAL-NEXT: %4 = "d.e"(%3) : (i32) -> i32 loc(fused<"meta">["x.c":5:6])
// LOCAL-NEXT: %5 = "d.f"(%4) {l = loc("attr.c":7:7)} : (i32) -> i32 loc("x.c":1:2)
// LOCAL-NEXT: %6 = "d.g"(%5) : (i32) -> i32 loc(unknown)
// LOCAL-NEXT: "d.r"() ({
// LOCAL-NEXT: ^bb0(%arg2: i32 loc("q.c":1:1)):
// LOCAL-NEXT: "d.t"() : () -> () loc("x.c":100:1)
// LOCAL-NEXT: }) : () -> () loc("nm")
// LOCAL-NEXT: "d.u"() : () -> () loc("esc\22aped\0A.c":1:1)
// LOCAL-NEXT: return %6 : i32 loc("r.c":1:1)
// LOCAL-NEXT: } loc("f.c":1:1)
// LOCAL-NEXT: } loc("m.c":0:0)

module {
  func.func @f(%a: i32 loc("x.c":9:9), %b: i32 loc("b.c":2:40)) -> i32 {
    %0 = "d.a"(%a) : (i32) -> i32 loc("x.c":1:2)
    %1 = "d.b"(%0) : (i32) -> i32 loc("foo"("x.c":3:4))
    %2 = "d.c"(%1) : (i32) -> i32 loc(callsite("a"("y.c":1:1) at "z.c":2:2))
    %3 = "d.d"(%2) : (i32) -> i32 loc(fused["x.c":1:2, "n"])
    %4 = "d.e"(%3) : (i32) -> i32 loc(fused<"meta">["x.c":5:6])
    %5 = "d.f"(%4) {l = loc("attr.c":7:7)} : (i32) -> i32 loc("x.c":1:2)
    %6 = "d.g"(%5) : (i32) -> i32 loc(unknown)
    "d.r"() ({
    ^bb0(%q: i32 loc("q.c":1:1)):
      "d.t"() : () -> () loc("x.c":100:1)
    }) : () -> () loc("nm")
    "d.u"() : () -> () loc("esc\"aped\n.c":1:1)
    return %6 : i32 loc("r.c":1:1)
  } loc("f.c":1:1)
} loc("m.c":0:0)
