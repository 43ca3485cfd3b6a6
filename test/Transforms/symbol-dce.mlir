// The symbol-dce pass (MLIR's SymbolDCE semantics).
// RUN: ipu-opt %s --allow-unregistered-dialect --symbol-dce --split-input-file | FileCheck %s
// RUN: ipu-opt %s --allow-unregistered-dialect --pass-pipeline="builtin.module(builtin.module(symbol-dce))" --split-input-file | FileCheck %s --check-prefix=NESTED

// Private symbols nobody uses go; at the top level nested ones too. Uses
// in any attribute (arrays included) keep symbols alive.
// CHECK-LABEL: module attributes {test.simple}
module attributes {test.simple} {
  // CHECK-NOT: func.func private @dead_private_function
  func.func private @dead_private_function()

  // CHECK-NOT: func.func nested @dead_nested_function
  func.func nested @dead_nested_function()

  // CHECK: func.func private @live_private_function
  func.func private @live_private_function()

  // CHECK: func.func nested @live_nested_function
  func.func nested @live_nested_function()

  // CHECK: func.func @public_function
  func.func @public_function() {
    "foo.return"() {uses = [@live_private_function, @live_nested_function]} : () -> ()
  }
}

// -----

// Liveness is transitive: @b is used by @a, which a public function calls;
// @c and @d only use each other.
// CHECK-LABEL: module attributes {test.transitive}
// CHECK-NEXT:    func.func @main
// CHECK-NEXT:      call @a
// CHECK:         func.func private @a
// CHECK:         func.func private @b
// CHECK-NOT:     @c
// CHECK-NOT:     @d
module attributes {test.transitive} {
  func.func @main(%x: i32) -> i32 {
    %0 = call @a(%x) : (i32) -> i32
    return %0 : i32
  }
  func.func private @a(%x: i32) -> i32 {
    %0 = call @b(%x) : (i32) -> i32
    return %0 : i32
  }
  func.func private @b(i32) -> i32
  func.func private @c(%x: i32) -> i32 {
    %0 = call @d(%x) : (i32) -> i32
    return %0 : i32
  }
  func.func private @d(%x: i32) -> i32 {
    %0 = call @c(%x) : (i32) -> i32
    return %0 : i32
  }
}

// -----

// Nested symbol tables: references by nested name keep every symbol on the
// path; inside a public module, nested symbols of the module are kept only
// when the module itself is hidden.
// CHECK-LABEL: module attributes {test.nested}
module attributes {test.nested} {
  // CHECK: module @public_module
  module @public_module {
    // CHECK-NOT: func.func nested @dead_nested_function
    func.func nested @dead_nested_function()

    // CHECK: func.func private @private_function
    func.func private @private_function()

    // CHECK: func.func nested @nested_function
    func.func nested @nested_function() {
      "foo.return"() {uses = [@private_function]} : () -> ()
    }
  }

  "live.user"() {uses = [@public_module::@nested_function]} : () -> ()
}

// -----

// Run on a public nested module, its nested symbols may be named from
// outside and stay.
// NESTED-LABEL: module attributes {test.nested_run}
module attributes {test.nested_run} {
  // NESTED: module @public_module
  module @public_module {
    // NESTED: func.func nested @nested_function
    func.func nested @nested_function()
    // NESTED-NOT: func.func private @private_function
    func.func private @private_function()
  }
}
