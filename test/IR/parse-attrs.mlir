// Builtin attributes: integers of any width, floats (also as hex bit
// patterns), strings and escapes, unit, arrays, dictionaries, symbol
// references, type attributes, dense arrays, dialect attributes, aliases
// and locations used as attributes.
// RUN: ipu-opt %s --allow-unregistered-dialect | FileCheck %s
// RUN: ipu-opt %s --allow-unregistered-dialect --mlir-print-op-generic | ipu-opt --allow-unregistered-dialect | FileCheck %s

#a = [1, 2]
#loc1 = loc("f.c":1:2)

// CHECK: "t.int"() {a = 1 : i64, b = -1 : i64, c = 16 : i64, d = 7 : i8, e = -1 : i8, f = -128 : i8, g = 255 : ui8, h = -128 : si8, i = 1 : index, j = 18446744073709551615 : ui64, k = 340282366920938463463374607431768211455 : ui128, l = -170141183460469231731687303715884105728 : i128, m = true, n = false, o = true, p = 9223372036854775807 : i64, q = 0 : i0} : () -> ()
"t.int"() {a = 1, b = -1, c = 0x10, d = 7 : i8, e = 255 : i8, f = -128 : i8, g = 255 : ui8, h = -128 : si8, i = 1 : index, j = 18446744073709551615 : ui64, k = 340282366920938463463374607431768211455 : ui128, l = -170141183460469231731687303715884105728 : i128, m = true, n = false, o = 1 : i1, p = 0x7FFFFFFFFFFFFFFF, q = 0 : i0} : () -> ()
// CHECK: "t.float"() {a = 1.500000e+00 : f64, b = 1.000000e-03 : f64, c = -2.500000e+00 : f32, d = 0x7FC00000 : f32, e = 1.000000e+00 : f16, f = 2.500000e+00 : bf16, g = 1.000000e+00 : f16, h = 1.000000e+02 : f64, i = 0x7FF0000000000000 : f64, j = 3.000000e+02 : f64} : () -> ()
"t.float"() {a = 1.5, b = 1.0e-3, c = -2.5 : f32, d = 0x7FC00000 : f32, e = 1.0 : f16, f = 2.5 : bf16, g = 0x3C00 : f16, h = 1.e2, i = 0x7FF0000000000000 : f64, j = 3.0E+2 : f64} : () -> ()
// CHECK: "t.str"() {a = "plain", b = "esc\0A\09\22\\", c = "AB", d = "unicode \C3\A9 \E2\9C\93", e = "", f = "typed" : i32} : () -> ()
"t.str"() {a = "plain", b = "esc\n\t\"\\", c = "\41\42", d = "unicode é ✓", e = "" , f = "typed" : i32} : () -> ()
// CHECK: "t.misc"() {a, b, c = [], d = [1, "x", [2.500000e+00]], e = {}, f = {x = 1 : i64, y}, g = {"quoted key" = 1 : i64}, h = @sym, i = @"q sym", j = @a::@b::@c, k = i32, l = [1, 2], m = #t.attr, n = #t.attr<1, "x>", [2]>, o = #t<"opaque">, p = #loc{{[0-9]*}}, q = #loc{{[0-9]*}}, r = (i32) -> i32} : () -> ()
"t.misc"() {a = unit, b, c = [], d = [1, "x", [2.5]], e = {}, f = {x = 1, y}, g = {"quoted key" = 1}, h = @sym, i = @"q sym", j = @a::@b::@c, k = i32, l = #a, m = #t.attr, n = #t.attr<1, "x>", [2]>, o = #t<"opaque">, p = loc("f.c":3:4), q = #loc1, r = (i32) -> i32} : () -> ()
// CHECK: "t.array"() {a = array<i64: 1, -2>, b = array<i32>, c = array<i1: true, false>, d = array<f32: 1.500000e+00, -2.000000e+00>, e = array<f64: 1.000000e+10>, f = array<i8: -128, 127>, g = array<i16: 1>} : () -> ()
"t.array"() {a = array<i64: 1, -2>, b = array<i32>, c = array<i1: true, false>, d = array<f32: 1.5, -2.0>, e = array<f64: 1.0e10>, f = array<i8: -128, 127>, g = array<i16: 1>} : () -> ()
// Keywords may name attributes.
// CHECK: "t.keys"() {dense = 1 : i64, func.func, loc = 2 : i64, module, tensor = 3 : i64, to} : () -> ()
"t.keys"() {dense = 1, func.func, loc = 2, module, tensor = 3, to} : () -> ()
