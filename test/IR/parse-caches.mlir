// Text the parser caches: dictionary entries (`key = value` seen before is
// one token), plain operand lists, and recent function types. Cached and
// freshly parsed spellings must give the same IR in every context.
// RUN: ipu-opt %s --allow-unregistered-dialect | FileCheck %s
// RUN: ipu-opt %s --allow-unregistered-dialect --mlir-print-op-generic | ipu-opt --allow-unregistered-dialect | FileCheck %s

// CHECK-LABEL: func.func @entries
func.func @entries(%a: i32, %b: tensor<4xf32>) {
  // CHECK-NEXT: "t.a"() {k = 1 : i64, s = "x,}{\22y\0A"} : () -> ()
  // CHECK-NEXT: "t.a"() {k = 1 : i64, s = "x,}{\22y\0A"} : () -> ()
  "t.a"() {k = 1 : i64, s = "x,}{\"y\n"} : () -> ()
  "t.a"() {s = "x,}{\"y\n", k = 1 : i64} : () -> ()
  // Nested dictionaries, lists and function types inside entries.
  // CHECK-NEXT: "t.b"() {d = {e = [1, 2], f = (i32, f32) -> tensor<4xf32>}, g = [{h}, {h}]} : () -> ()
  // CHECK-NEXT: "t.b"() {d = {e = [1, 2], f = (i32, f32) -> tensor<4xf32>}, g = [{h}, {h}]} : () -> ()
  "t.b"() {d = {e = [1, 2], f = (i32, f32) -> tensor<4xf32>}, g = [{h}, {h}]} : () -> ()
  "t.b"() {d = {e = [1, 2], f = (i32, f32) -> tensor<4xf32>}, g = [{h}, {h}]} : () -> ()
  // Spread over lines and with comments: parsed the normal way.
  // CHECK-NEXT: "t.c"() {k = 1 : i64, u} : () -> ()
  // CHECK-NEXT: "t.c"() {k = 1 : i64, u} : () -> ()
  "t.c"() {
    k = 1 : i64, // one
    u
  } : () -> ()
  "t.c"() {u, k = 1 : i64} : () -> ()
  // The same text in properties, quoted keys, and keys that are keywords.
  // CHECK-NEXT: "t.d"() <{k = 1 : i64}> {"a b" = 2 : i32, dense = 3 : i64, loc} : () -> ()
  // CHECK-NEXT: "t.d"() <{k = 1 : i64}> {"a b" = 2 : i32, dense = 3 : i64, loc} : () -> ()
  "t.d"() <{k = 1 : i64}> {"a b" = 2 : i32, dense = 3, loc} : () -> ()
  "t.d"() <{k = 1 : i64}> {loc, dense = 3, "a b" = 2 : i32} : () -> ()
  // Operand lists: plain ones, result numbers, odd spacing, line breaks.
  // CHECK-NEXT: %[[R:.*]]:2 = "t.e"(%arg0, %arg0) : (i32, i32) -> (i32, i32)
  // CHECK-NEXT: "t.f"(%[[R]]#1, %[[R]]#0, %arg1) : (i32, i32, tensor<4xf32>) -> ()
  // CHECK-NEXT: "t.f"(%[[R]]#0, %[[R]]#1, %arg1) : (i32, i32, tensor<4xf32>) -> ()
  // CHECK-NEXT: "t.f"(%[[R]]#0, %[[R]]#1, %arg1) : (i32, i32, tensor<4xf32>) -> ()
  %r:2 = "t.e"(%a,%a) : (i32, i32) -> (i32, i32)
  "t.f"( %r#1 ,	%r#0, %b ) : (i32, i32, tensor<4xf32>) -> ()
  "t.f"(%r#0,
        %r#1, %b) : (i32, i32, tensor<4xf32>) -> ()
  "t.f" (%r#0, %r#1, // a comment
         %b) : (i32, i32, tensor<4xf32>) -> ()
  // Function types met before, also where a word ends the text.
  // CHECK-NEXT: = "t.g"(%arg0) : (i32) -> i32
  // CHECK-NEXT: = "t.g"(%arg0) : (i32) -> i32
  // CHECK-NEXT: = "t.g"(%arg0) : (i32) -> tensor<4xf32>
  // CHECK-NEXT: = "t.g"(%arg0) : (i32) -> i32
  %g0 = "t.g"(%a) : (i32) -> i32
  %g1 = "t.g"(%a) : (i32) -> i32 loc("x":1:1)
  %g2 = "t.g"(%a) : (i32) -> tensor <4xf32>
  %g3 = "t.g"(%a) : (i32) -> i32
  // Result lists: plain ones on one line are one token.
  // CHECK-NEXT: %[[M:.*]]:4 = "t.m"() : () -> (i32, i32, i32, i32)
  // CHECK-NEXT: "t.n"(%[[M]]#0, %[[M]]#1, %[[M]]#3) : (i32, i32, i32) -> ()
  // CHECK-NEXT: %[[P:.*]]:2 = "t.m"() : () -> (i32, i32)
  // CHECK-NEXT: "t.n"(%[[P]]#1, %[[P]]#0) : (i32, i32) -> ()
  %x, %y:2 , %z = "t.m"() : () -> (i32, i32, i32, i32)
  "t.n"(%x, %y#0, %z) : (i32, i32, i32) -> ()
  %p,
    %q = "t.m"() : () -> (i32, i32)
  "t.n"(%q, %p) : (i32, i32) -> ()
  return
}
