// Round trip of func.func, func.return and func.call in custom and generic
// form; inside a function the func ops print without their prefix.
// RUN: ipu-opt %s | FileCheck %s
// RUN: ipu-opt %s | ipu-opt | FileCheck %s
// RUN: ipu-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: ipu-opt %s --mlir-print-op-generic | ipu-opt | FileCheck %s

// CHECK-LABEL: func.func private @decl(i32) -> f32
// GENERIC-LABEL: "func.func"() <{function_type = (i32) -> f32, sym_name = "decl", sym_visibility = "private"}> ({
// GENERIC-NEXT:  }) : () -> ()
func.func private @decl(i32) -> f32

// CHECK-LABEL: func.func nested @nested_decl()
func.func nested @nested_decl()

// CHECK-LABEL: func.func private @multi(i32, f32) -> (i32, f32)
func.func private @multi(i32, f32) -> (i32, f32)

// CHECK-LABEL: func.func private @attrs(i32 {ipu.a}, f32) -> (i32 {ipu.b = 1 : i64}) attributes {ipu.c}
// GENERIC-LABEL: "func.func"() <{arg_attrs = [{ipu.a}, {}], function_type = (i32, f32) -> i32, res_attrs = [{ipu.b = 1 : i64}], sym_name = "attrs", sym_visibility = "private"}> ({
// GENERIC-NEXT:  }) {ipu.c} : () -> ()
func.func private @attrs(i32 {ipu.a}, f32) -> (i32 {ipu.b = 1}) attributes {ipu.c}

// CHECK-LABEL: func.func @empty() {
// CHECK-NEXT:    return
// CHECK-NEXT:  }
// GENERIC-LABEL: "func.func"() <{function_type = () -> (), sym_name = "empty"}> ({
// GENERIC-NEXT:    "func.return"() : () -> ()
// GENERIC-NEXT:  }) : () -> ()
func.func @empty() {
  return
}

// CHECK-LABEL: func.func @caller(%arg0: i32, %arg1: f32 {ipu.name = "y"}) -> (f32, i32) {
// CHECK-NEXT:    %0 = call @decl(%arg0) : (i32) -> f32
// CHECK-NEXT:    %1:2 = call @multi(%arg0, %0) : (i32, f32) -> (i32, f32)
// CHECK-NEXT:    call @empty() : () -> ()
// CHECK-NEXT:    %2 = call @decl(%1#0) {ipu.hint} : (i32) -> f32
// CHECK-NEXT:    return %2, %1#0 : f32, i32
// CHECK-NEXT:  }
// GENERIC-LABEL: "func.func"() <{arg_attrs = [{}, {ipu.name = "y"}], function_type = (i32, f32) -> (f32, i32), sym_name = "caller"}> ({
// GENERIC-NEXT:  ^bb0(%[[A:.*]]: i32, %{{.*}}: f32):
// GENERIC-NEXT:    %[[X:.*]] = "func.call"(%[[A]]) <{callee = @decl}> : (i32) -> f32
// GENERIC-NEXT:    %[[M:.*]]:2 = "func.call"(%[[A]], %[[X]]) <{callee = @multi}> : (i32, f32) -> (i32, f32)
// GENERIC-NEXT:    "func.call"() <{callee = @empty}> : () -> ()
// GENERIC-NEXT:    %[[Y:.*]] = "func.call"(%[[M]]#0) <{callee = @decl}> {ipu.hint} : (i32) -> f32
// GENERIC-NEXT:    "func.return"(%[[Y]], %[[M]]#0) : (f32, i32) -> ()
// GENERIC-NEXT:  }) : () -> ()
func.func @caller(%a: i32, %b: f32 {ipu.name = "y"}) -> (f32, i32) {
  %x = call @decl(%a) : (i32) -> f32
  %m:2 = func.call @multi(%a, %x) : (i32, f32) -> (i32, f32)
  "func.call"() {callee = @empty} : () -> ()
  %y = "func.call"(%m#0) <{callee = @decl}> {ipu.hint} : (i32) -> f32
  func.return %y, %m#0 : f32, i32
}

// A function in generic form, with a later definition called before it.
// CHECK-LABEL: func.func @generic(%arg0: tensor<2xf32>) -> tensor<2xf32> {
// CHECK-NEXT:    %0 = call @later(%arg0) : (tensor<2xf32>) -> tensor<2xf32>
// CHECK-NEXT:    return %0 : tensor<2xf32>
// CHECK-NEXT:  }
"func.func"() <{function_type = (tensor<2xf32>) -> tensor<2xf32>, sym_name = "generic"}> ({
^bb0(%arg0: tensor<2xf32>):
  %0 = "func.call"(%arg0) <{callee = @later}> : (tensor<2xf32>) -> tensor<2xf32>
  "func.return"(%0) : (tensor<2xf32>) -> ()
}) : () -> ()

// CHECK-LABEL: func.func @later(%arg0: tensor<2xf32>) -> tensor<2xf32> {
// CHECK-NEXT:    return %arg0 : tensor<2xf32>
func.func @later(%arg0: tensor<2xf32>) -> tensor<2xf32> {
  return %arg0 : tensor<2xf32>
}

// A private function with a body is a definition, not a declaration.
// CHECK-LABEL: func.func private @private_def() {
func.func private @private_def() {
  return
}

// Calls resolve in the nearest symbol table.
// CHECK-LABEL: module @inner {
// CHECK-NEXT:    func.func private @decl() -> i32
// CHECK-NEXT:    func.func @user() -> i32 {
// CHECK-NEXT:      %0 = call @decl() : () -> i32
module @inner {
  func.func private @decl() -> i32
  func.func @user() -> i32 {
    %0 = call @decl() : () -> i32
    return %0 : i32
  }
}
